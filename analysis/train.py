"""`train`: fit the stance scorer on annotated documents (see analysis.nlp.scorer).

Runs the pipeline on every gold document, pools the rules' candidates per (document, actor,
concept), and fits two logistic regressions with L2 (plain numpy, full-batch gradient descent):
does the gold have a stance for this actor and concept; and, where it has one, is it the side
the candidates propose. The L2 strength and a temperature
are chosen on the dev file (lowest log-loss), and the app's default minimum confidence is the
lowest probability at which the dev statements reach the target precision. The test split is
never read here.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from analysis.concepts import load_catalogue
from analysis.evaluate import GoldDoc, load_gold
from analysis.gazetteer import default_gazetteer
from analysis.nlp.candidates import has_side, pair_features, proposed_side
from analysis.nlp.document import DocumentMeta, analyse_document
from analysis.nlp.parsed import parse_texts
from analysis.nlp.pipeline import load_pipeline
from analysis.nlp.scorer import StanceScorer, group_pairs, log_loss, sigmoid
from analysis.nlp.screen import screen_for
from analysis.nlp.terms import ConceptIndex

log = logging.getLogger(__name__)

L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)
TEMPERATURES = tuple(round(0.5 + 0.05 * i, 2) for i in range(51))  # 0.5 .. 3.0
TARGET_PRECISION = 0.90
MIN_FEATURE_COUNT = 2  # a feature seen in fewer training statements is left out
FLOOR = 0.3
FOLDS = 5


@dataclass(frozen=True, slots=True)
class Example:
    """One (document, actor, concept) the rules proposed: its features and its gold class."""

    doc_id: str
    actor: str
    concept: str
    side: int  # the side the candidates propose
    features: dict[str, float]
    gold: int  # the gold side, 0 when the gold has no stance for this actor and concept
    cued: bool = True  # a reading gives a side: only such statements are ever recorded


def examples(
    docs: Sequence[GoldDoc], *, pipeline: str | None = None
) -> tuple[list[Example], dict[str, int]]:
    """The statements the rules propose for gold documents, labelled; and how many gold
    statements no candidate reaches (the scorer's recall ceiling), by source."""
    nlp, _ = load_pipeline(pipeline)
    gaz = default_gazetteer()
    index = ConceptIndex(nlp, load_catalogue())
    found: list[Example] = []
    unreachable: Counter[str] = Counter()
    for doc, parsed in zip(
        docs,
        parse_texts(nlp, [d.text for d in docs], screen=screen_for(nlp, index, gaz)),
        strict=True,
    ):
        meta = DocumentMeta(doc.id, doc.date, doc.source, doc.title)
        result = analyse_document(meta, parsed, gaz, index, keep_candidates=True)
        gold = {(s.actor, s.concept): s.polarity for s in doc.stances}
        groups = group_pairs(result.candidates)
        unreachable[doc.source] += sum(
            1 for key in gold if key not in groups or not has_side(groups[key])
        )
        if result.info is None:
            continue
        for (actor, concept), group in groups.items():
            features = pair_features(group, result.info)
            found.append(
                Example(
                    doc.id,
                    actor,
                    concept,
                    proposed_side(group),
                    features,
                    gold.get((actor, concept), 0),
                    has_side(group),
                )
            )
    return found, dict(unreachable)


def fit(
    x: np.ndarray, y: np.ndarray, l2: float, *, steps: int = 600, rate: float = 0.1
) -> np.ndarray:
    """Weights of a logistic regression with an L2 penalty (bias unpenalised: column 0 of x is
    the bias), by full-batch Adam."""
    n, d = x.shape
    w = np.zeros(d)
    m, v = np.zeros_like(w), np.zeros_like(w)
    penalty = np.full(d, l2 / n)
    penalty[0] = 0.0
    for t in range(1, steps + 1):
        grad = x.T @ (sigmoid(x @ w) - y) / n + penalty * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def matrix(rows: Sequence[Example], names: dict[str, int]) -> np.ndarray:
    """Feature matrix (bias first)."""
    x = np.zeros((len(rows), len(names)))
    for r, example in enumerate(rows):
        for name, value in example.features.items():
            if (i := names.get(name)) is not None:
                x[r, i] = value
    return x


def labels(rows: Sequence[Example]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per statement: a side is taken (0/1); it is the proposed side (0/1); the gold side."""
    gold = np.array([e.gold for e in rows])
    proposed = np.array([e.side for e in rows])
    return (gold != 0).astype(int), (gold == proposed).astype(int), gold


def fit_one(
    x: np.ndarray, y: np.ndarray, xd: np.ndarray, yd: np.ndarray, say: Callable[[str], None]
) -> tuple[np.ndarray, float, float]:
    """Weights with the L2 of lowest dev log-loss, that L2, and the temperature of lowest dev
    log-loss."""
    best: tuple[float, float, np.ndarray] | None = None
    for l2 in L2_GRID:
        w = fit(x, y, l2)
        loss = log_loss(sigmoid(xd @ w), yd)
        say(f"  l2 {l2:5}: dev log-loss {loss:.4f}")
        if best is None or loss < best[1]:
            best = (l2, loss, w)
    l2, _, w = best  # type: ignore[misc]
    temperature = min(TEMPERATURES, key=lambda t: log_loss(sigmoid(xd @ w / t), yd))
    return w, l2, temperature


def feature_index(rows: Sequence[Example]) -> dict[str, int]:
    """Features seen in at least MIN_FEATURE_COUNT training statements; 'bias' first."""
    counts = Counter(name for e in rows for name in e.features)
    names = [
        "bias",
        *sorted(n for n, c in counts.items() if c >= MIN_FEATURE_COUNT and n != "bias"),
    ]
    return {n: i for i, n in enumerate(names)}


def precision_threshold(
    p: np.ndarray, right: np.ndarray, target: float = TARGET_PRECISION
) -> tuple[float, float, int]:
    """The lowest probability t (in steps of 0.01, from the floor) at which the statements with
    confidence >= t are right with precision >= target; with that precision and their number."""
    for step in range(int(FLOOR * 100), 100):
        t = step / 100
        kept = p >= t
        if kept.sum() and right[kept].mean() >= target:
            return t, float(right[kept].mean()), int(kept.sum())
    return 0.99, 0.0, 0


def train_scorer(
    train: Sequence[Path],
    dev: Path,
    *,
    pipeline: str | None = None,
    say: Callable[[str], None] = print,
) -> tuple[StanceScorer, dict[str, Any]]:
    """Choose the L2 strengths on the dev file (models fit on the train files); then, on
    out-of-fold predictions over train + dev (folds by document), the temperatures and the
    default minimum confidence; and fit the final models on train + dev."""
    train_docs = [d for path in train for d in load_gold(path)]
    dev_docs = load_gold(dev)
    say(f"running the rules on {len(train_docs)} training and {len(dev_docs)} dev documents")
    train_rows, train_missing = examples(train_docs, pipeline=pipeline)
    dev_rows, dev_missing = examples(dev_docs, pipeline=pipeline)
    names = feature_index(train_rows)
    x, xd = matrix(train_rows, names), matrix(dev_rows, names)
    taken, same, _ = labels(train_rows)
    taken_d, same_d, _ = labels(dev_rows)
    say(
        f"{len(train_rows)} training statements, {int(taken.sum())} with a stance; "
        f"{len(names)} features"
    )
    say("is a side taken (fit on train, scored on dev):")
    l2 = fit_one(x, taken, xd, taken_d, say)[1]
    say("is it the proposed side (statements with a stance):")
    has, has_d = taken == 1, taken_d == 1
    side_l2 = fit_one(x[has], same[has], xd[has_d], same_d[has_d], say)[1]
    rows = [*train_rows, *dev_rows]
    names = feature_index(rows)
    xa = matrix(rows, names)
    all_taken, all_same, all_gold = labels(rows)
    oof = out_of_fold(rows, xa, all_taken, all_same, l2, side_l2)
    temperature = min(TEMPERATURES, key=lambda t: log_loss(sigmoid(oof[0] / t), all_taken))
    side_t = min(
        TEMPERATURES,
        key=lambda t: log_loss(sigmoid(oof[1][all_taken == 1] / t), all_same[all_taken == 1]),
    )
    w = fit(xa, all_taken, l2)
    side_w = fit(xa[all_taken == 1], all_same[all_taken == 1], side_l2)
    calibrated = StanceScorer(names, w, side_w, temperature, side_t, FLOOR)
    verdicts = [
        calibrated.verdict_from_logits(a, b, e.side) for a, b, e in zip(*oof, rows, strict=True)
    ]
    sides = np.array([side for side, _ in verdicts])
    right = sides == all_gold
    # statements without a cued reading are never recorded: they count as not predicted
    confidence = np.array([p if e.cued else 0.0 for (_, p), e in zip(verdicts, rows, strict=True)])
    against_scale = against_calibration(confidence, sides, right, say)
    confidence = np.where(sides < 0, confidence * against_scale, confidence)
    threshold, precision, kept = precision_threshold(confidence, right)
    gold_total = sum(len(d.stances) for d in [*train_docs, *dev_docs])
    for t in (FLOOR, 0.5, 0.6, 0.7, 0.8, 0.9):
        kept_t = confidence >= t
        hits = int(right[kept_t].sum())
        say(
            f"  out of fold, confidence >= {t:.2f}: precision "
            f"{hits / max(int(kept_t.sum()), 1):.3f}, recall {hits / max(gold_total, 1):.3f}"
        )
    say(
        f"chose l2 {l2} / {side_l2}, temperatures {temperature} / {side_t} (out of fold); "
        f"default min. confidence {threshold} (out-of-fold precision {precision:.3f} on "
        f"{kept} statements)"
    )
    meta = {
        "trained": date.today().isoformat(),
        "train_files": [str(p) for p in train],
        "dev_file": str(dev),
        "documents": len(train_docs) + len(dev_docs),
        "statements": len(rows),
        "l2": [l2, side_l2],
        "folds": FOLDS,
        "gold_statements_without_candidate": {"train": train_missing, "dev": dev_missing},
    }
    meta["against_scale"] = against_scale
    scorer = StanceScorer(
        names, w, side_w, temperature, side_t, FLOOR, threshold, meta, against_scale
    )
    return scorer, meta


def against_calibration(
    confidence: np.ndarray, sides: np.ndarray, right: np.ndarray, say: Callable[[str], None]
) -> float:
    """The factor that makes the probability of 'against' statements mean what it says: their
    out-of-fold precision (Laplace-smoothed: they are few) over their mean probability, for the
    statements that would be recorded (at or above the floor); never above 1."""
    against = (sides < 0) & (confidence >= FLOOR)
    n = int(against.sum())
    if not n:
        return 1.0
    precision = (float(right[against].sum()) + 1.0) / (n + 2.0)
    scale = min(1.0, precision / float(confidence[against].mean()))
    say(
        f"'against' statements out of fold: {n}, {int(right[against].sum())} right, mean "
        f"probability {confidence[against].mean():.2f}: their probability is scaled by {scale:.2f}"
    )
    return round(scale, 3)


def out_of_fold(
    rows: Sequence[Example],
    x: np.ndarray,
    taken: np.ndarray,
    same: np.ndarray,
    l2: float,
    side_l2: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Logits of both models for every statement from models fit without its document's fold."""
    docs = sorted({e.doc_id for e in rows})
    fold_of = {d: i % FOLDS for i, d in enumerate(docs)}
    folds = np.array([fold_of[e.doc_id] for e in rows])
    taken_logit, same_logit = np.zeros(len(rows)), np.zeros(len(rows))
    for k in range(FOLDS):
        out, keep = folds == k, folds != k
        w = fit(x[keep], taken[keep], l2)
        with_side = keep & (taken == 1)
        side_w = fit(x[with_side], same[with_side], side_l2)
        taken_logit[out] = x[out] @ w
        same_logit[out] = x[out] @ side_w
    return taken_logit, same_logit
