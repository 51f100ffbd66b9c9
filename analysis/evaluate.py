"""Score Stancemap's quotes and stances against hand-annotated gold documents.

Scoring follows the gold guidelines (see README, "Evaluation"):
- quotes: a system quote matches a gold quote when their texts overlap by at least half of the
  shorter one (the gold text is its `quote_start`, located in the document); one-to-one, largest
  overlap first. Speaker is right when it names the same person (a surname match is allowed);
  actor is right when the codes are equal (both null counts as equal). Gold quotes with a null
  speaker count for P/R/F1 only.
- stances: micro P/R/F1 over (document, actor, concept, polarity); pair F1 over (document, actor,
  concept); polarity accuracy over the pairs found.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.errors import FileUnreadable


@dataclass(frozen=True, slots=True)
class GoldQuote:
    speaker: str | None
    actor: str | None
    quote_start: str
    start_char: int  # where quote_start was found in the text (-1 when it was not)


@dataclass(frozen=True, slots=True)
class GoldStance:
    actor: str
    concept: str
    polarity: int
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    source: str
    title: str
    date: str | None
    url: str | None
    text: str
    quotes: tuple[GoldQuote, ...]
    stances: tuple[GoldStance, ...]


@dataclass(frozen=True, slots=True)
class SystemQuote:
    """What the scorer needs of a predicted quote."""

    start_char: int
    end_char: int
    speaker: str | None
    actor: str | None


@dataclass(frozen=True, slots=True)
class SystemStance:
    actor: str
    concept: str
    polarity: int
    evidence: str = ""
    confidence: float = 1.0


# Confidence bands of the reliability table: [low, high) except the last, which includes 1.0.
BANDS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0))


def load_gold(path: Path) -> list[GoldDoc]:
    """Read a gold JSONL file; FileUnreadable names the line and field at fault."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise FileUnreadable(str(path), f"cannot be opened: {e.strerror or e}") from e
    docs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            docs.append(_gold_doc(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
            raise FileUnreadable(str(path), f"line {number}: not a gold document ({e})") from e
    return docs


def _gold_doc(raw: dict[str, Any]) -> GoldDoc:
    text = raw["text"]
    used: set[int] = set()
    quotes = []
    for q in raw.get("quotes", []):
        start = _find_unused(text, q["quote_start"], used)
        quotes.append(GoldQuote(q.get("speaker"), q.get("actor"), q["quote_start"], start))
    stances = tuple(
        GoldStance(s["actor"], s["concept"], int(s["polarity"]), s.get("evidence", ""))
        for s in raw.get("stances", [])
    )
    return GoldDoc(
        raw["id"],
        raw.get("source", ""),
        raw.get("title", ""),
        raw.get("date"),
        raw.get("url"),
        text,
        tuple(quotes),
        stances,
    )


def _find_unused(text: str, needle: str, used: set[int]) -> int:
    start = text.find(needle)
    while start in used and start >= 0:
        start = text.find(needle, start + 1)
    if start >= 0:
        used.add(start)
    return start


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_quotes(gold: Sequence[GoldQuote], system: Sequence[SystemQuote]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs overlapping by at least half the shorter."""
    candidates = []
    for gi, g in enumerate(gold):
        if g.start_char < 0:
            continue
        gspan = (g.start_char, g.start_char + len(g.quote_start))
        for si, s in enumerate(system):
            overlap = _overlap(gspan, (s.start_char, s.end_char))
            shorter = min(gspan[1] - gspan[0], s.end_char - s.start_char)
            if shorter > 0 and overlap >= shorter / 2:
                candidates.append((overlap, gi, si))
    pairs, used_g, used_s = [], set(), set()
    for _, gi, si in sorted(candidates, reverse=True):
        if gi not in used_g and si not in used_s:
            pairs.append((gi, si))
            used_g.add(gi)
            used_s.add(si)
    return sorted(pairs)


def same_person(gold: str | None, system: str | None) -> bool:
    """Same speaker: equal names, or equal surnames (last words), ignoring case and accents."""
    if not gold or not system:
        return False
    g, s = _name_key(gold), _name_key(system)
    return g == s or (bool(g) and bool(s) and g.split()[-1] == s.split()[-1])


def _name_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(folded.replace(".", " ").split())


@dataclass
class QuoteScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_checked: int = 0
    speaker_right: int = 0
    actor_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, doc: GoldDoc, system: Sequence[SystemQuote]) -> None:
        """Score one document's quotes and note its errors."""
        pairs = match_quotes(doc.quotes, system)
        self.gold += len(doc.quotes)
        self.predicted += len(system)
        self.matched += len(pairs)
        for gi, si in pairs:
            g, s = doc.quotes[gi], system[si]
            if g.speaker is None:
                continue
            self.speaker_checked += 1
            speaker_ok, actor_ok = same_person(g.speaker, s.speaker), g.actor == s.actor
            self.speaker_right += speaker_ok
            self.actor_right += actor_ok
            if not (speaker_ok and actor_ok):
                kind = "wrong speaker" if not speaker_ok else "wrong actor"
                self._error(
                    doc, kind, g.quote_start, gold=[g.speaker, g.actor], system=[s.speaker, s.actor]
                )
        matched_g = {gi for gi, _ in pairs}
        matched_s = {si for _, si in pairs}
        for gi, g in enumerate(doc.quotes):
            if gi not in matched_g:
                self._error(doc, "missed quote", g.quote_start, gold=[g.speaker, g.actor])
        for si, s in enumerate(system):
            if si not in matched_s:
                words = doc.text[s.start_char : s.end_char][:60]
                self._error(doc, "spurious quote", words, system=[s.speaker, s.actor])

    def _error(self, doc: GoldDoc, kind: str, text: str, **sides: Any) -> None:
        self.errors.append({"doc": doc.id, "kind": kind, "text": text, **sides})

    def summary(self) -> dict[str, Any]:
        """The quotes block of `evaluate --json`."""
        p, r, f = _prf(self.matched, self.predicted, self.gold)
        checked = self.speaker_checked
        return {
            "precision": p,
            "recall": r,
            "f1": f,
            "speaker_accuracy": round(self.speaker_right / checked, 4) if checked else 0.0,
            "actor_accuracy": round(self.actor_right / checked, 4) if checked else 0.0,
            "gold": self.gold,
            "predicted": self.predicted,
        }


MIN_CONFIDENCES = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)


def by_min_confidence(score: StanceScore, also: float | None = None) -> list[dict[str, Any]]:
    """Precision and recall of the statements at or above each minimum confidence (what a
    reader sees with the app's min-confidence filter there); `also` adds a threshold (the app's
    default), so that a caption at the default quotes its own row."""
    rows = []
    lows = sorted({*MIN_CONFIDENCES, *([round(also, 2)] if also is not None else [])})
    for low in lows:
        kept = [right for confidence, right in score.judged if confidence >= low]
        precision, recall, f1 = _prf(sum(kept), len(kept), score.gold)
        rows.append(
            {
                "min_confidence": low,
                "statements": len(kept),
                "precision": precision,
                "recall": recall,
                "f1": f1,
            }
        )
    return rows


def reliability(judged: Sequence[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Per confidence band: how many statements, their mean confidence and how many are right."""
    rows = []
    for i, (low, high) in enumerate(BANDS):
        last = i == len(BANDS) - 1
        inside = [r for c, r in judged if low <= c < high or (last and c == high)]
        conf = [c for c, _ in judged if low <= c < high or (last and c == high)]
        rows.append(
            {
                "band": f"{low:.1f}-{high:.1f}",
                "statements": len(inside),
                "mean_confidence": round(sum(conf) / len(conf), 3) if conf else None,
                "precision": round(sum(inside) / len(inside), 3) if inside else None,
            }
        )
    return rows


@dataclass
class StanceScore:
    gold: int = 0
    predicted: int = 0
    tp: int = 0
    pair_gold: int = 0
    pair_predicted: int = 0
    pair_tp: int = 0
    polarity_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    # per side (+1, -1): gold, predicted, right
    sides: dict[int, list[int]] = field(default_factory=lambda: {1: [0, 0, 0], -1: [0, 0, 0]})
    # (confidence, right) of every predicted statement, for the reliability table
    judged: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, doc: GoldDoc, system: Iterable[SystemStance]) -> None:
        """Score one document's stances and note its errors by kind."""
        gold = {(s.actor, s.concept): s.polarity for s in doc.stances}
        pred: dict[tuple[str, str], int] = {}
        confidence: dict[tuple[str, str], float] = {}
        for s in system:
            pred.setdefault((s.actor, s.concept), s.polarity)
            confidence.setdefault((s.actor, s.concept), s.confidence)
        for polarity in gold.values():
            self.sides[polarity][0] += 1
        for key, polarity in pred.items():
            right = gold.get(key) == polarity
            self.sides[polarity][1] += 1
            self.sides[polarity][2] += right
            self.judged.append((confidence[key], right))
        self.gold += len(gold)
        self.predicted += len(pred)
        self.pair_gold += len(gold)
        self.pair_predicted += len(pred)
        for key, polarity in gold.items():
            if key not in pred:
                kind = "wrong actor" if any(c == key[1] for _, c in pred) else "missed concept"
                self._error(doc, kind, key, gold=polarity)
                continue
            self.pair_tp += 1
            if pred[key] == polarity:
                self.tp += 1
                self.polarity_right += 1
            else:
                self._error(doc, "wrong polarity", key, gold=polarity, system=pred[key])
        for key, polarity in pred.items():
            if key not in gold:
                self._error(doc, "spurious", key, system=polarity)

    def _error(self, doc: GoldDoc, kind: str, key: tuple[str, str], **sides: Any) -> None:
        self.errors.append(
            {"doc": doc.id, "kind": kind, "actor": key[0], "concept": key[1], **sides}
        )

    def summary(self) -> dict[str, Any]:
        """The stance block of `evaluate --json`."""
        p, r, f = _prf(self.tp, self.predicted, self.gold)
        _, _, pair_f = _prf(self.pair_tp, self.pair_predicted, self.pair_gold)
        return {
            "precision": p,
            "recall": r,
            "f1": f,
            "pair_f1": pair_f,
            "polarity_accuracy": round(self.polarity_right / self.pair_tp, 4)
            if self.pair_tp
            else 0.0,
            "gold": self.gold,
            "predicted": self.predicted,
            "by_polarity": {
                str(side): dict(
                    zip(("precision", "recall", "f1"), _prf(right, predicted, gold), strict=True),
                    gold=gold,
                    predicted=predicted,
                )
                for side, (gold, predicted, right) in self.sides.items()
            },
            "reliability": reliability(self.judged),
        }
