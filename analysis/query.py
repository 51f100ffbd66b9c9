"""The query every page runs: filter the statements, then count them per chart cell.

A statement is one row of document_stances (one actor's side on one concept in one article)
joined with its article's date, source and kind. Filters are plain values, as the URL carries
them; actor groups (NATO, G7 ...) and regions are expanded with the actors and memberships
tables. Nothing here caches or mutates its inputs: a page filters the shared, read-only tables
on every rerun, and a benchmark (`python -m bench dashboard`) times the same calls. On a
table typed as the app types it (categories, a `day` column: see with_days) filters and counts
run on integer codes (analysis.codes), with the same answers, at millions of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from analysis import codes as fast
from analysis.membership import REGION_PREFIX, group_members, member_on_date

FILTER_COLUMNS = (
    "actor", "concept", "polarity", "score", "confidence", "date", "source", "kind",
)  # fmt: skip
CELL_COLUMNS = ("statements", "agree", "disagree", "mean_polarity")
DAY_COLUMN = "day"  # optional: the date as datetime64, added by with_days()


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
    min_confidence: float = 0.0  # a statement's confidence (its probability of being right)

    @property
    def dated(self) -> bool:
        """True when a date bound is set (undated statements are then left out)."""
        return self.start is not None or self.end is not None


def dated_memberships(
    filters: Filters, actors: pd.DataFrame, memberships: pd.DataFrame
) -> pd.DataFrame | None:
    """When each actor let in only by a membership group may speak for the filters.

    Rows (member, start, end) of the chosen groups' memberships, for the actors neither chosen
    by name nor in a chosen region; None when no membership group is chosen. A statement of
    such an actor is kept only while it was a member (see filter_statements).
    """
    groups = [g for g in filters.groups if not g.startswith(REGION_PREFIX)]
    if not groups:
        return None
    regions = [g for g in filters.groups if g.startswith(REGION_PREFIX)]
    free = frozenset(filters.actors) | group_members(regions, actors, memberships)
    rows = memberships[memberships["group"].isin(groups) & ~memberships["member"].isin(free)]
    return pd.DataFrame(
        {
            "member": rows["member"].astype(str).to_numpy(),
            "start": rows["start"].astype(object).where(rows["start"].notna(), None).to_numpy(),
            "end": rows["end"].astype(object).where(rows["end"].notna(), None).to_numpy(),
        }
    )


def actor_selection(
    filters: Filters, actors: pd.DataFrame, memberships: pd.DataFrame
) -> frozenset[str] | None:
    """The actor codes the filters allow (chosen actors plus group members); None means all."""
    if not filters.actors and not filters.groups:
        return None
    return frozenset(filters.actors) | group_members(filters.groups, actors, memberships)


@dataclass(frozen=True, slots=True)
class Columns:
    """Where a table keeps what the filters look at (None: the table has no such column)."""

    actors: tuple[str, ...] = ("actor",)  # a row is kept when any of them is an allowed actor
    concept: str | None = "concept"
    source: str = "source"
    kind: str = "kind"
    confidence: str = "confidence"


STATEMENTS = Columns()
# quotes and relations joined with their article's fields (source and kind renamed apart)
QUOTES = Columns(concept=None, source="source", kind="article_kind", confidence="confidence")
RELATIONS = Columns(
    actors=("source", "target"), concept=None, source="article_source", kind="article_kind",
    confidence="confidence",
)  # fmt: skip


def filter_statements(
    statements: pd.DataFrame,
    filters: Filters,
    *,
    allowed_actors: frozenset[str] | None = None,
    periods: pd.DataFrame | None = None,
    columns: Columns = STATEMENTS,
) -> pd.DataFrame:
    """The rows matching every filter but min_statements (a per-cell rule, for charts).

    Statements by default; quotes or relations (with their article's date, source and kind)
    with `columns=QUOTES` or `RELATIONS`, where concepts do not apply. `allowed_actors` is
    actor_selection()'s answer (None: every actor); `periods` is dated_memberships()'
    answer: an actor let in by a group is kept only on dates it was a member. Dates compare
    as ISO text (YYYY-MM-DD; a date known to the month is stored as its first day).
    """
    mask = np.ones(len(statements), dtype=bool)
    for column, values in (
        (columns.concept, filters.concepts),
        (columns.source, filters.sources),
        (columns.kind, filters.kinds),
    ):
        if values and column is not None:
            mask &= _is_in(statements[column], values)
    if filters.min_confidence > 0:
        mask &= (statements[columns.confidence] >= filters.min_confidence).to_numpy()
    if filters.dated:
        mask &= _in_period(statements, filters)
    if allowed_actors:
        mask &= _by_actor(statements, allowed_actors, periods, columns, mask)
    return statements[mask]


def _is_in(column: pd.Series, values: Iterable[object]) -> np.ndarray:
    """True where `column` holds one of `values` (on category codes when it has them)."""
    chosen = list(values)
    found = fast.category_mask(column, chosen)
    return found if found is not None else column.isin(chosen).to_numpy()


def _by_actor(
    statements: pd.DataFrame,
    allowed_actors: frozenset[str],
    periods: pd.DataFrame | None,
    columns: Columns,
    alive: np.ndarray,
) -> np.ndarray:
    """True where any actor column holds an allowed actor (while a member, with `periods`);
    membership dates are judged only on the rows still `alive` (the others are dropped)."""
    chosen = list(allowed_actors)
    dates = statements["date"] if "date" in statements else pd.Series([None] * len(alive))
    days = statements[DAY_COLUMN].to_numpy() if DAY_COLUMN in statements else None
    found = np.zeros(len(alive), dtype=bool)
    for column in columns.actors:
        allowed = _is_in(statements[column], chosen)
        if periods is not None:
            rows = np.flatnonzero(allowed & alive)
            allowed = np.zeros(len(alive), dtype=bool)
            allowed[rows] = member_on_date(statements[column], dates, periods, days=days, rows=rows)
        found |= allowed
    return found


def _in_period(statements: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Dated statements inside the filters' bounds; uses the `day` column (datetime64) when the
    table has one (much faster than comparing ISO text on a large table)."""
    if DAY_COLUMN in statements:
        return fast.day_bounds(statements[DAY_COLUMN].to_numpy(), filters.start, filters.end)
    dates = statements["date"]
    keep = dates.notna().to_numpy().copy()  # to_numpy() may give a read-only view
    text = dates.fillna("")
    if filters.start is not None:
        keep &= (text >= filters.start.isoformat()).to_numpy()
    if filters.end is not None:
        keep &= (text <= filters.end.isoformat()).to_numpy()
    return keep


def with_days(statements: pd.DataFrame) -> pd.DataFrame:
    """The statements with a `day` column (datetime64, NaT when undated) for fast date filters."""
    days = pd.to_datetime(statements["date"], errors="coerce", format="%Y-%m-%d")
    return statements.assign(**{DAY_COLUMN: days.astype("datetime64[ns]")})


def count_cells(shown: pd.DataFrame, by: Sequence[str] = ("actor", "concept")) -> pd.DataFrame:
    """Statements per group of `by`: statements, agree, disagree and mean polarity (-1..+1).

    Most statements first, ties by the `by` columns (as text); groups without statements and
    rows with a missing key are left out. Counted with integer codes and np.bincount: a page
    runs this on every filter change, on up to millions of rows.
    """
    if shown.empty:
        return pd.DataFrame({c: [] for c in (*by, *CELL_COLUMNS)})
    codes, names = zip(*(_codes_of(shown[column]) for column in by), strict=True)
    known = np.logical_and.reduce([c >= 0 for c in codes])
    dims = tuple(max(len(n), 1) for n in names)
    polarity = shown["polarity"].to_numpy()  # integers stay integers for count_dense
    if polarity.dtype.kind not in "iu":
        polarity = shown["polarity"].to_numpy(dtype=float)
    if not known.all():
        codes, polarity = tuple(c[known] for c in codes), polarity[known]
    counted = fast.count_dense(codes, dims, polarity) or _count_sorted(
        codes, dims, polarity.astype(float)
    )
    groups, size, agree, disagree, total = counted
    keys = np.unravel_index(groups, dims)
    cells = pd.DataFrame(
        {
            **{column: names[i][keys[i]].astype(str) for i, column in enumerate(by)},
            "statements": size,
            "agree": agree,
            "disagree": disagree,
            "mean_polarity": total / size,
        }
    )
    return cells.sort_values(
        ["statements", *by], ascending=[False, *([True] * len(by))], ignore_index=True
    )


def _count_sorted(
    codes: tuple[np.ndarray, ...], dims: tuple[int, ...], polarity: np.ndarray
) -> tuple[np.ndarray, ...]:
    """count_dense's answer for a space of cells too large for a slot each: by sorting."""
    groups, inverse = np.unique(np.ravel_multi_index(codes, dims), return_inverse=True)
    agree = np.bincount(inverse, weights=polarity > 0, minlength=len(groups)).astype(int)
    disagree = np.bincount(inverse, weights=polarity < 0, minlength=len(groups)).astype(int)
    return (
        groups,
        np.bincount(inverse, minlength=len(groups)),
        agree,
        disagree,
        np.bincount(inverse, weights=polarity, minlength=len(groups)),
    )


def _codes_of(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(integer code per row, -1 when missing; the value of each code) of a column."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories.to_numpy(dtype=object)
    codes, uniques = pd.factorize(column)
    return codes, np.asarray(uniques, dtype=object)


def at_least(cells: pd.DataFrame, min_statements: int) -> pd.DataFrame:
    """The cells with at least `min_statements` statements."""
    return cells[cells["statements"] >= min_statements] if min_statements > 1 else cells


def divided_concepts(
    shown: pd.DataFrame, *, min_statements: int = 1, one_camp: bool = False
) -> pd.DataFrame:
    """Concepts on which actors take both sides: actors for, actors against, statements.

    An actor counts on the side of its mean stance (over its statements on the concept, at
    least `min_statements` of them); most divided first (the smaller camp largest, then more
    actors), concepts with only one camp left out unless `one_camp` (then they follow, most
    actors first: what the view shows when no concept has both camps).
    """
    columns = ["concept", "actors_for", "actors_against", "statements"]
    cells = at_least(count_cells(shown), min_statements)
    if cells.empty:
        return pd.DataFrame({c: [] for c in columns})
    sides = cells.assign(
        actors_for=cells["mean_polarity"] > 0, actors_against=cells["mean_polarity"] < 0
    )
    per = sides.groupby("concept", as_index=False, observed=True).agg(
        actors_for=("actors_for", "sum"),
        actors_against=("actors_against", "sum"),
        statements=("statements", "sum"),
    )
    both = (per["actors_for"] > 0) & (per["actors_against"] > 0)
    per = per[both | (one_camp & (per["actors_for"] + per["actors_against"] > 0))]
    smaller = per[["actors_for", "actors_against"]].min(axis=1)
    order = per.assign(_smaller=smaller, _actors=per["actors_for"] + per["actors_against"])
    order = order.sort_values(
        ["_smaller", "_actors", "statements", "concept"], ascending=[False, False, False, True]
    )
    return order[columns].astype({"actors_for": int, "actors_against": int}).reset_index(drop=True)


def stance_shifts(shown: pd.DataFrame, *, min_statements: int = 1) -> pd.DataFrame:
    """Actor-concept pairs whose mean stance changed between the two halves of the period.

    The dated statements in view are cut at their median day (so both halves hold about as
    many statements); a pair needs `min_statements` (at least 1) statements in each half.
    Largest change first.
    """
    columns = ["actor", "concept", "before", "after", "shift", "n_before", "n_after", "split"]
    dated = shown[shown["date"].notna()]
    if dated.empty:
        return pd.DataFrame({c: [] for c in columns})
    days = (
        dated[DAY_COLUMN]
        if DAY_COLUMN in dated
        else pd.to_datetime(dated["date"], errors="coerce", format="%Y-%m-%d")
    )
    split = days.iloc[fast.median_position(days.to_numpy())]
    later = (days > split).to_numpy()
    halves = [count_cells(dated[~later]), count_cells(dated[later])]
    pairs = halves[0].merge(halves[1], on=["actor", "concept"], suffixes=("_b", "_a"))
    least = max(min_statements, 1)
    pairs = pairs[(pairs["statements_b"] >= least) & (pairs["statements_a"] >= least)]
    result = pd.DataFrame(
        {
            "actor": pairs["actor"],
            "concept": pairs["concept"],
            "before": pairs["mean_polarity_b"],
            "after": pairs["mean_polarity_a"],
            "shift": pairs["mean_polarity_a"] - pairs["mean_polarity_b"],
            "n_before": pairs["statements_b"].astype(int),
            "n_after": pairs["statements_a"].astype(int),
            "split": split.date().isoformat(),
        }
    )
    result = result[result["shift"] != 0]
    key = result["shift"].abs()
    return (
        result.assign(_key=key, _n=result["n_before"] + result["n_after"])
        .sort_values(["_key", "_n", "actor", "concept"], ascending=[False, False, True, True])[
            columns
        ]
        .reset_index(drop=True)
    )


# ---------------------------------------------------------------------------- the pages' tables
# The article fields a statement carries (those the articles table has).
ARTICLE_FIELDS = ("id", "title", "date", "date_precision", "source", "url", "attribution", "kind")
# Dates too coarse for a period: a month-only date cannot be put in a week.
TOO_COARSE: dict[str, tuple[str, ...]] = {"week": ("month", "year"), "month": ("year",)}


def statement_table(
    document_stances: pd.DataFrame,
    *,
    articles: pd.DataFrame,
    actors: pd.DataFrame,
    concepts: pd.DataFrame,
) -> pd.DataFrame:
    """Every statement with its actor's and concept's names and its article's fields."""
    names = actors[["code", "name", "iso3", "type"]].rename(
        columns={"code": "actor", "name": "actor_name"}
    )
    labels = concepts[["id", "label"]].rename(columns={"id": "concept", "label": "concept_label"})
    fields = articles[[c for c in ARTICLE_FIELDS if c in articles]].rename(
        columns={"id": "article_id"}
    )
    table = (
        document_stances.merge(names, on="actor", how="left")
        .merge(labels, on="concept", how="left")
        .merge(fields, on="article_id", how="left")
    )
    table["actor_name"] = table["actor_name"].fillna(table["actor"])
    table["concept_label"] = table["concept_label"].fillna(table["concept"])
    if "kind" not in table:
        table["kind"] = None
    return table


def top_actors(statements: pd.DataFrame, n: int = 5) -> list[str]:
    """The `n` actors with most statements, ties by code (the Timeline's first selection)."""
    counts = statements.groupby("actor", observed=True).size()
    counts = counts[counts > 0]
    return sorted(map(str, counts.index), key=lambda a: (-int(counts[a]), a))[:n]


def dated_statements(shown: pd.DataFrame, freq: str) -> tuple[pd.DataFrame, int, int]:
    """(statements a period of `freq` can hold, undated ones, ones dated too coarsely for it)."""
    undated = shown["date"].isna()
    coarse = shown["date_precision"].isin(TOO_COARSE[freq]) & ~undated
    return shown[~undated & ~coarse], int(undated.sum()), int(coarse.sum())


def mentions_by_actor(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """actor, name, mentions: one row per actor mentioned, most mentioned first."""
    counts = mentions.dropna(subset=["actor"]).groupby("actor", as_index=False).size()
    counts = counts.rename(columns={"size": "mentions"})
    names = actors[["code", "name"]].rename(columns={"code": "actor"})
    counts = counts.merge(names, on="actor", how="left")
    counts = counts.sort_values(["mentions", "actor"], ascending=[False, True], ignore_index=True)
    return counts[["actor", "name", "mentions"]]
