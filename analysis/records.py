"""Frozen records that flow between loading, analysis and storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DatePrecision = Literal["day", "month", "year", "week", "general-debate-week"]


@dataclass(frozen=True, slots=True)
class Article:
    """One accepted document of a corpus, text cleaned and paragraphs separated by blank lines."""

    id: str
    title: str
    text: str
    date: str | None  # ISO YYYY-MM-DD (first day of the period when precision is coarser)
    date_precision: DatePrecision | None
    source: str
    url: str | None
    pack: str  # the corpus pack (default corpus folder) or "upload"
    licence: str | None
    attribution: str
    kind: str | None
    origin_file: str
    origin_line: int  # 1-based line (JSONL), row (CSV, header is row 1), element (JSON) or 1
    extra_json: str = "{}"  # source-specific fields kept as JSON text
    notes: tuple[str, ...] = field(default=())  # e.g. "undated", "date not understood: 'soon'"


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input record that could not become an article, with where it was and why."""

    file: str
    line: int
    field: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An input record that repeats an earlier one (same id or same normalised text)."""

    file: str
    line: int
    article_id: str
    duplicate_of: str  # id of the kept article
    reason: Literal["same id", "same text"]


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file (or the rest of a file) that could not be read, with a reason a person understands."""

    file: str
    reason: str
    fatal: bool  # True: nothing of the file was read; False: part of it was read before stopping


QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation, its speaker (as written and resolved) and the actor the speaker speaks for."""

    article_id: str
    quote_id: str
    kind: QuoteKind
    start_char: int  # the quoted words, marks excluded
    end_char: int
    text: str
    speaker: str | None  # full name ("Konstantin Totskiy") or the phrase when no person is named
    speaker_mention: str | None  # as written where attributed ("he", "the Adviser")
    speaker_start_char: int | None
    speaker_end_char: int | None
    actor: str | None
    verb: str | None
    method: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of an actor (country, organisation, or a person speaking for one)."""

    article_id: str
    start_char: int
    end_char: int
    text: str
    label: str  # spaCy entity label, or "PERSON"/"GAZETTEER" for rule matches
    actor: str | None


@dataclass(frozen=True, slots=True)
class Stance:
    """An actor's side (+1 agree, -1 disagree) on a concept, shown by evidence in the text."""

    article_id: str
    stance_id: str
    start_char: int  # the evidence (its sentence) in the article text
    end_char: int
    evidence: str
    actor: str
    concept: str
    polarity: int
    score: float  # polarity x confidence
    cue: str  # the cue chain, e.g. "condemn > aggression"
    quote_id: str | None
    method: str  # cue, modal, evaluation, loaded
    confidence: float


@dataclass(frozen=True, slots=True)
class Relation:
    """One actor's act toward another (praise, support, criticise, condemn, threaten, cooperate)."""

    article_id: str
    relation_id: str
    start_char: int
    end_char: int
    evidence: str
    source: str
    target: str
    kind: str
    relation_class: Literal["cooperation", "conflict"]
    cue: str
    confidence: float


def document_totals(
    stances: list[Stance],
) -> dict[tuple[str, str], tuple[int, float, int, float]]:
    """(polarity, summed score, number of records, confidence) per (actor, concept) of one
    document.

    The document-level rule: an actor's side on a concept in a document is the sign of the sum
    of its records' scores (polarity x confidence); when the two sides cancel out (a sum within
    1e-9 of zero) no side dominates and the pair is left out, as the gold guidelines say. The
    statement's confidence is that of its most confident record on the winning side (with the
    stance scorer, every record of a statement carries the statement's probability)."""
    totals: dict[tuple[str, str], list[float]] = {}
    for s in stances:
        entry = totals.setdefault((s.actor, s.concept), [0.0, 0, 0.0, 0.0])
        entry[0] += s.score
        entry[1] += 1
        side = 2 if s.polarity > 0 else 3
        entry[side] = max(entry[side], s.confidence)
    return {
        key: (
            1 if total > 0 else -1,
            round(total, 3),
            int(count),
            round(best_for if total > 0 else best_against, 3),
        )
        for key, (total, count, best_for, best_against) in totals.items()
        if abs(total) > 1e-9
    }


def document_stances(stances: list[Stance]) -> dict[tuple[str, str], int]:
    """One side per (actor, concept) of a document (see document_totals)."""
    return {key: polarity for key, (polarity, _, _, _) in document_totals(stances).items()}
