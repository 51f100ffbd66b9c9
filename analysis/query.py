"""The query every page runs: filter the statements, then count them per chart cell.

A statement is one row of document_stances (one actor's side on one concept in one article)
joined with its article's date, source and kind. Filters are plain values, as the URL carries
them; actor groups (NATO, G7 ...) and regions are expanded with the actors and memberships
tables. Nothing here caches or mutates its inputs: a page filters the shared, read-only tables
on every rerun, and a benchmark (`python -m analysis bench dashboard`) times the same calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

REGION_PREFIX = "region:"  # a group value naming a region of the actors table, not a membership
FILTER_COLUMNS = ("actor", "concept", "polarity", "score", "date", "source", "kind")
CELL_COLUMNS = ("statements", "agree", "disagree", "mean_polarity")


@dataclass(frozen=True, slots=True)
class Filters:
    """What the sidebar chose; an empty tuple means all, None means no bound."""

    start: date | None = None  # a bound on either side leaves undated statements out
    end: date | None = None
    actors: tuple[str, ...] = ()  # actor codes
    groups: tuple[str, ...] = ()  # membership groups (NATO, G7 ...) or 'region:Africa'
    concepts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # article kinds (statement, readout, phone_call ...)
    min_statements: int = 1  # per actor and concept; applied by count_cells' callers
    min_confidence: float = 0.0  # a statement's score (the confidence of its best sentence)

    @property
    def dated(self) -> bool:
        """True when a date bound is set (undated statements are then left out)."""
        return self.start is not None or self.end is not None


def group_members(
    groups: Iterable[str], actors: pd.DataFrame, memberships: pd.DataFrame
) -> frozenset[str]:
    """Actor codes in any of `groups`: members of a group at any time, or countries of a region."""
    codes: set[str] = set()
    for group in groups:
        if group.startswith(REGION_PREFIX):
            region = group.removeprefix(REGION_PREFIX)
            codes.update(actors.loc[actors["region"] == region, "code"].astype(str))
        else:
            codes.update(memberships.loc[memberships["group"] == group, "member"].astype(str))
    return frozenset(codes)


def actor_selection(
    filters: Filters, actors: pd.DataFrame, memberships: pd.DataFrame
) -> frozenset[str] | None:
    """The actor codes the filters allow (chosen actors plus group members); None means all."""
    if not filters.actors and not filters.groups:
        return None
    return frozenset(filters.actors) | group_members(filters.groups, actors, memberships)


def filter_statements(
    statements: pd.DataFrame,
    filters: Filters,
    *,
    allowed_actors: frozenset[str] | None = None,
) -> pd.DataFrame:
    """The statements matching every filter but min_statements (a per-cell rule, for charts).

    `allowed_actors` is actor_selection()'s answer (None: every actor). Dates compare as ISO
    text (YYYY-MM-DD; a date known to the month is stored as its first day).
    """
    mask = np.ones(len(statements), dtype=bool)
    for column, chosen in (
        ("actor", allowed_actors),
        ("concept", filters.concepts),
        ("source", filters.sources),
        ("kind", filters.kinds),
    ):
        if chosen:
            mask &= statements[column].isin(list(chosen)).to_numpy()
    if filters.min_confidence > 0:
        mask &= (statements["score"] >= filters.min_confidence).to_numpy()
    if filters.dated:
        dates = statements["date"]
        known = dates.notna().to_numpy()
        mask &= known
        if filters.start is not None:
            mask &= (dates.fillna("") >= filters.start.isoformat()).to_numpy()
        if filters.end is not None:
            mask &= (dates.fillna("") <= filters.end.isoformat()).to_numpy()
    return statements[mask]


def count_cells(shown: pd.DataFrame, by: Sequence[str] = ("actor", "concept")) -> pd.DataFrame:
    """Statements per group of `by`: statements, agree, disagree and mean polarity (-1..+1).

    Most statements first, ties by the `by` columns; groups without statements are left out.
    """
    if shown.empty:
        return pd.DataFrame({c: [] for c in (*by, *CELL_COLUMNS)})
    polarity = shown["polarity"].to_numpy(dtype=float)
    frame = pd.DataFrame(
        {
            **{column: shown[column].to_numpy() for column in by},
            "polarity": polarity,
            "agree": polarity > 0,
            "disagree": polarity < 0,
        }
    )
    cells = frame.groupby(list(by), as_index=False, sort=False, observed=True).agg(
        statements=("polarity", "size"),
        agree=("agree", "sum"),
        disagree=("disagree", "sum"),
        mean_polarity=("polarity", "mean"),
    )
    cells[["agree", "disagree"]] = cells[["agree", "disagree"]].astype(int)
    return cells.sort_values(
        ["statements", *by], ascending=[False, *([True] * len(by))], ignore_index=True
    )


def at_least(cells: pd.DataFrame, min_statements: int) -> pd.DataFrame:
    """The cells with at least `min_statements` statements."""
    return cells[cells["statements"] >= min_statements] if min_statements > 1 else cells
