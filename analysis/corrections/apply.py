"""Corrections applied to the tables every page reads: statements, evidence sentences, quotes.

Pure pandas on new frames (the inputs, often shared cached tables, never change). A judgment
whose article is not in the tables (gone after a rebuild) is not applied and is returned as
orphaned, to be listed, never dropped.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.corrections.store import Correction

# Added to statements (document_stances) and quotes: who corrected a row, when, and why.
CORRECTED_BY, CORRECTED_AT, CORRECTION_NOTE = "corrected_by", "corrected_at", "correction_note"
CORRECTION_BATCH = "correction_batch"  # the user action to undo
CORRECTION_COLUMNS = (CORRECTED_BY, CORRECTED_AT, CORRECTION_NOTE, CORRECTION_BATCH)
NO_CORRECTION = dict.fromkeys(CORRECTION_COLUMNS)
STANCE_KEY = ["article_id", "actor", "concept"]
METHOD = "correction"  # the `method` of a stance record or quote a person set


@dataclass(frozen=True)
class Corrected:
    """The corrected tables, how many judgments were applied, and the orphaned ones."""

    document_stances: pd.DataFrame
    stances: pd.DataFrame
    quotes: pd.DataFrame
    applied: int = 0
    orphaned: tuple[Correction, ...] = field(default_factory=tuple)


def apply_corrections(
    document_stances: pd.DataFrame,
    stances: pd.DataFrame,
    quotes: pd.DataFrame,
    current: Sequence[Correction],
    texts: Mapping[str, str],
) -> Corrected:
    """The three tables with every current judgment on an article of `texts` applied."""
    live = [c for c in current if c.judgment.article_id in texts]
    orphaned = tuple(c for c in current if c.judgment.article_id not in texts)
    stance_fixes = [c for c in live if c.judgment.kind == "stance"]
    quote_fixes = [c for c in live if c.judgment.kind == "quote"]
    return Corrected(
        document_stances=_statements(document_stances, stance_fixes),
        stances=_evidence(stances, stance_fixes),
        quotes=_quotes(quotes, quote_fixes, texts),
        applied=len(live),
        orphaned=orphaned,
    )


def _without_keys(frame: pd.DataFrame, fixes: Sequence[Correction]) -> pd.DataFrame:
    """`frame` without the rows of the (article, actor, concept) keys that `fixes` judge."""
    keys = {(c.judgment.article_id, c.judgment.actor, c.judgment.concept) for c in fixes}
    if not keys or frame.empty:
        return frame.copy()
    index = pd.MultiIndex.from_frame(frame[STANCE_KEY].astype(object))
    return frame[~index.isin(list(keys))].reset_index(drop=True)


def _sided(fixes: Sequence[Correction]) -> list[Correction]:
    return [c for c in fixes if int(c.judgment.value["polarity"]) != 0]


def _statements(frame: pd.DataFrame, fixes: Sequence[Correction]) -> pd.DataFrame:
    kept = _without_keys(frame, fixes).assign(**NO_CORRECTION)
    rows = [
        {
            "article_id": c.judgment.article_id, "actor": c.judgment.actor,
            "concept": c.judgment.concept, "polarity": int(c.judgment.value["polarity"]),
            "score": float(c.judgment.value["polarity"]), "statements": 1, "confidence": 1.0,
            **_who(c),
        }
        for c in _sided(fixes)
    ]  # fmt: skip
    return _concat(kept, rows)


def _evidence(frame: pd.DataFrame, fixes: Sequence[Correction]) -> pd.DataFrame:
    kept = _without_keys(frame, fixes)
    rows = [
        {
            "article_id": c.judgment.article_id, "stance_id": f"{METHOD}-{c.id}",
            "start_char": c.judgment.start_char, "end_char": c.judgment.end_char,
            "evidence": c.judgment.value.get("evidence", ""), "actor": c.judgment.actor,
            "concept": c.judgment.concept, "polarity": int(c.judgment.value["polarity"]),
            "score": float(c.judgment.value["polarity"]), "cue": "", "quote_id": None,
            "method": METHOD, "confidence": 1.0,
        }
        for c in _sided(fixes)
    ]  # fmt: skip
    return _concat(kept, rows)


def _quotes(
    frame: pd.DataFrame, fixes: Sequence[Correction], texts: Mapping[str, str]
) -> pd.DataFrame:
    out = frame.copy().assign(**NO_CORRECTION)
    out = out.astype({"speaker": object, "actor": object, "method": object})
    added = []
    for c in fixes:
        j = c.judgment
        row = _overlapping(out, j.article_id, j.start_char, j.end_char)
        values = {
            "speaker": j.value.get("speaker"), "actor": j.value.get("actor"), "method": METHOD,
            "confidence": 1.0, **_who(c),
        }  # fmt: skip
        if row is None:
            text = texts[j.article_id][j.start_char : j.end_char]
            added.append({
                "article_id": j.article_id, "quote_id": f"{METHOD}-{c.id}", "kind": "direct",
                "start_char": j.start_char, "end_char": j.end_char, "text": text, **values,
            })  # fmt: skip
            continue
        for column, value in values.items():
            out.at[row, column] = value
    return _concat(out, added)


def _who(c: Correction) -> dict[str, Any]:
    return {
        CORRECTED_BY: c.author, CORRECTED_AT: c.created_at, CORRECTION_NOTE: c.note,
        CORRECTION_BATCH: c.batch,
    }  # fmt: skip


def _overlapping(quotes: pd.DataFrame, article_id: str, start: int, end: int) -> Any | None:
    """The index of the quote of `article_id` overlapping [start, end) the most, or None."""
    same = quotes[quotes["article_id"] == article_id]
    if same.empty:
        return None
    overlap = same["end_char"].clip(upper=end) - same["start_char"].clip(lower=start)
    position = int(overlap.to_numpy().argmax())
    return same.index[position] if overlap.iloc[position] > 0 else None


def _concat(frame: pd.DataFrame, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """`frame` with `rows` appended (only `frame`'s columns; missing ones empty)."""
    if not rows:
        return frame
    extra = pd.DataFrame(list(rows)).reindex(columns=frame.columns)
    if frame.empty:
        return extra
    return pd.concat([frame.astype(_loose(frame)), extra.astype(_loose(frame))], ignore_index=True)


def _loose(frame: pd.DataFrame) -> dict[str, Any]:
    """Text and category columns as object, so appended rows keep their values and types."""
    return {
        str(column): object
        for column, dtype in frame.dtypes.items()
        if not pd.api.types.is_numeric_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype)
    }


def corrected_keys(current: Collection[Correction]) -> frozenset[tuple[str, str, str]]:
    """The (article, actor, concept) keys of the current stance judgments."""
    return frozenset(
        (c.judgment.article_id, str(c.judgment.actor), str(c.judgment.concept))
        for c in current
        if c.judgment.kind == "stance"
    )
