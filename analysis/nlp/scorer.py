"""The stance scorer: decides each statement the rules propose (keep or drop, side, probability).

The candidates of a (document, actor, concept) propose a side (analysis.nlp.candidates). Two
logistic regressions over their pooled features give the probability that the actor takes a
side on the concept in the document at all, and the probability that the side is the proposed
one (else the opposite); a statement's confidence is their product, the probability that the
statement is right. Trained by
`python -m analysis train` on the annotated set; the model is a small JSON file in data/models/
(feature weights, a temperature fitted on the dev split so that probabilities are calibrated,
and the confidence the app shows by default). Without the file the rules decide alone.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from analysis.errors import FileUnreadable
from analysis.nlp.candidates import (
    Candidate,
    DocumentInfo,
    has_side,
    pair_features,
    proposed_side,
)
from analysis.records import Stance

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parents[2] / "data" / "models"
DEFAULT_MODEL = MODELS_DIR / "stance_scorer.json"
FORMAT = "stancemap-stance-scorer/3"


@dataclass(frozen=True)
class StanceScorer:
    """A trained scorer: feature index, the two models' weights and temperatures, thresholds."""

    features: Mapping[str, int]
    weights: np.ndarray  # P(a side is taken)
    side_weights: np.ndarray  # P(the side is the proposed one | a side is taken)
    temperature: float = 1.0
    side_temperature: float = 1.0
    floor: float = 0.3  # statements less likely than this are not recorded at all
    default_min_confidence: float = 0.5  # the app's default filter (precision >= 0.9 on dev)
    meta: Mapping[str, Any] | None = None
    # 'against' statements are rare, and the side model's probability overstates them: their
    # probability is scaled by their out-of-fold precision over their mean probability
    against_scale: float = 1.0

    def vector(self, features: Mapping[str, float]) -> np.ndarray:
        """The feature vector of one statement (unknown features ignored)."""
        x = np.zeros(len(self.features))
        for name, value in features.items():
            i = self.features.get(name)
            if i is not None:
                x[i] = value
        return x

    def probabilities(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """P(a side is taken) and P(it is the proposed side), for each row of x (or one vector)."""
        return (
            sigmoid((x @ self.weights) / self.temperature),
            sigmoid((x @ self.side_weights) / self.side_temperature),
        )

    def verdict(self, group: Sequence[Candidate], doc: DocumentInfo) -> tuple[int, float]:
        """The side of one (document, actor, concept) and the probability it is right."""
        return self.verdict_of(self.vector(pair_features(group, doc)), proposed_side(group))

    def verdict_of(self, x: np.ndarray, proposed: int) -> tuple[int, float]:
        """The side and its probability for one feature vector and the side proposed."""
        return self.verdict_from_logits(
            float(x @ self.weights), float(x @ self.side_weights), proposed
        )

    def verdict_from_logits(
        self, taken_logit: float, same_logit: float, proposed: int
    ) -> tuple[int, float]:
        """The side and its probability from the two models' raw scores."""
        taken = float(sigmoid(np.array(taken_logit / self.temperature)))
        same = float(sigmoid(np.array(same_logit / self.side_temperature)))
        side = proposed if same >= 0.5 else -proposed
        probability = taken * max(same, 1.0 - same)
        return side, probability * (self.against_scale if side < 0 else 1.0)

    def decide(
        self, candidates: Sequence[Candidate], article_id: str, doc: DocumentInfo
    ) -> list[Stance]:
        """The records of the statements the scorer keeps: one per evidence sentence, each with
        the statement's side and its probability as confidence."""
        records: list[Stance] = []
        for group in group_pairs(candidates).values():
            if not has_side(group):
                continue
            side, confidence = self.verdict(group, doc)
            if confidence < self.floor:
                continue
            records += _records(article_id, group, side, confidence)
        return records

    def to_json(self) -> dict[str, Any]:
        """The model file's content."""
        names = sorted(self.features, key=self.features.__getitem__)
        return {
            "format": FORMAT,
            "temperature": self.temperature,
            "side_temperature": self.side_temperature,
            "floor": self.floor,
            "default_min_confidence": self.default_min_confidence,
            "against_scale": self.against_scale,
            "meta": dict(self.meta or {}),
            "weights": {
                n: [round(float(self.weights[i]), 5), round(float(self.side_weights[i]), 5)]
                for i, n in enumerate(names)
            },
        }


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function, elementwise."""
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def group_pairs(candidates: Sequence[Candidate]) -> dict[tuple[str, str], list[Candidate]]:
    """Candidates by (actor, concept), in order of first appearance."""
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for c in candidates:
        groups.setdefault((c.actor, c.concept), []).append(c)
    return groups


def _records(
    article_id: str, group: Sequence[Candidate], side: int, confidence: float
) -> list[Stance]:
    """One record per evidence sentence of a kept statement: the sentences whose own reading
    gives the decided side; when the scorer turned the side over, the sentences it judged (those
    with a side). A sentence that only names the concept is no evidence of a side."""
    agreeing = [c for c in group if c.polarity == side] or [c for c in group if c.polarity]
    by_sentence: dict[int, Candidate] = {}
    for c in sorted(agreeing, key=lambda c: (-abs(c.polarity), -c.confidence)):
        by_sentence.setdefault(c.start_char, c)
    return [
        Stance(
            article_id=article_id,
            stance_id="",
            start_char=c.start_char,
            end_char=c.end_char,
            evidence=c.evidence,
            actor=c.actor,
            concept=c.concept,
            polarity=side,
            score=round(side * confidence, 3),
            cue=" > ".join((*c.cues, c.term)),
            quote_id=c.quote_id,
            method=f"scored/{c.method}/{c.how}",
            confidence=round(confidence, 3),
        )
        for c in by_sentence.values()
    ]


def load_scorer(path: Path) -> StanceScorer:
    """Read a model file; FileUnreadable names the file and what is wrong."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise FileUnreadable(str(path), f"not a stance scorer model ({e})") from e
    if raw.get("format") != FORMAT:
        raise FileUnreadable(str(path), f"format {raw.get('format')!r}, expected {FORMAT!r}")
    names = list(raw["weights"])
    weights = np.array([raw["weights"][n] for n in names], dtype=float).reshape(len(names), 2)
    return StanceScorer(
        features={n: i for i, n in enumerate(names)},
        weights=weights[:, 0],
        side_weights=weights[:, 1],
        temperature=float(raw.get("temperature", 1.0)),
        side_temperature=float(raw.get("side_temperature", 1.0)),
        floor=float(raw.get("floor", 0.3)),
        default_min_confidence=float(raw.get("default_min_confidence", 0.5)),
        meta=raw.get("meta", {}),
        against_scale=float(raw.get("against_scale", 1.0)),
    )


def shipped_default_min_confidence(path: Path = DEFAULT_MODEL) -> float:
    """The default minimum confidence of the shipped model (0 when there is none), read without
    building the model: the dashboard needs it, not the weights."""
    try:
        return float(json.loads(path.read_text(encoding="utf-8"))["default_min_confidence"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0


@cache
def default_scorer() -> StanceScorer | None:
    """The shipped model (data/models/stance_scorer.json), or None: the rules then decide alone."""
    if not DEFAULT_MODEL.exists():
        log.warning("no stance scorer at %s: the rules decide stances alone", DEFAULT_MODEL)
        return None
    return load_scorer(DEFAULT_MODEL)


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    """Mean negative log-likelihood of 0/1 labels y under probabilities p."""
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
