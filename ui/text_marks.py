"""Where the marks of an article's text go: spans from table rows, numbered, clipped to the
text, cut into runs and gathered per paragraph. Character offsets only; no HTML here
(ui.article_html turns the runs into escaped HTML).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from analysis.schema import END_CHAR, START_CHAR


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to mark: a quote (with its number), a mention, or stance sentences."""

    start: int
    end: int
    row: Mapping[str, Any]
    number: int = 0  # quotes: Q1, Q2 ... in text order; stances: the first S number of the span
    group: tuple[Mapping[str, Any], ...] = ()  # stances: every stance on this span, in order


def numbered_quotes(quotes: Iterable[Mapping[str, Any]]) -> list[Mark]:
    """Quotes in text order, numbered Q1, Q2 ... (the numbers the text and the notes show)."""
    ordered = sorted(quotes, key=offsets)
    return [Mark(*offsets(q), row=q, number=i) for i, q in enumerate(ordered, start=1)]


def numbered_stances(stances: Iterable[Mapping[str, Any]]) -> list[Mark]:
    """Stances in text order, numbered S1, S2 ...; stances on the same span share one mark."""
    groups: dict[tuple[int, int], list[Mapping[str, Any]]] = {}
    for row in sorted(stances, key=offsets):
        groups.setdefault(offsets(row), []).append(row)
    marks, number = [], 1
    for (start, end), rows in groups.items():
        marks.append(Mark(start, end, rows[0], number=number, group=tuple(rows)))
        number += len(rows)
    return marks


def clipped_spans(marks: Iterable[Mark], limit: int) -> list[Mark]:
    """Marks clipped to the text, sorted, an overlapping one cut to start after the one before."""
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        start = max(mark.start, kept[-1].end if kept else 0, 0)
        end = min(mark.end, limit)
        if start < end:
            kept.append(Mark(start, end, mark.row, mark.number, mark.group))
    return kept


def runs(start: int, end: int, marks: Sequence[Mark]) -> Iterator[tuple[int, int, Mark | None]]:
    """Cover [start, end) with (from, to, mark or None) runs; marks are sorted and disjoint."""
    pos = start
    for mark in marks:
        if mark.end <= start or mark.start >= end:
            continue
        a, b = max(mark.start, start), min(mark.end, end)
        if a > pos:
            yield pos, a, None
        yield a, b, mark
        pos = b
    if pos < end:
        yield pos, end, None


def notes_by_paragraph(
    quotes: Sequence[Mark], paragraphs: Sequence[tuple[int, int]]
) -> list[list[Mark]]:
    """Each quote's note goes after the paragraph where it starts (else after the last one).

    With no paragraphs at all (an empty text) the notes still come out, in one list."""
    notes: list[list[Mark]] = [[] for _ in paragraphs] or [[]]
    for quote in quotes:
        index = next((i for i, (_, end) in enumerate(paragraphs) if quote.start < end), -1)
        notes[index].append(quote)
    return notes


def offsets(row: Mapping[str, Any]) -> tuple[int, int]:
    """(start_char, end_char) of a row."""
    return int(row[START_CHAR]), int(row[END_CHAR])
