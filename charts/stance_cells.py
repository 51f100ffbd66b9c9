"""The table every stance chart draws from: one cell per actor and concept, and the selection
helpers the matrix, the bars and the map share (most active actors, minimum statements, the
counted line under a title, a cell's hover text).

Input is tidy: one row per statement (one actor's side on one concept in one article, a row of
the document_stances table) with the actor's and the concept's display names. Pure pandas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from analysis.schema import ACTOR, ACTOR_NAME, CONCEPT, CONCEPT_LABEL, POLARITY
from charts.style import AGAINST_GLYPH, FOR_GLYPH, check_columns, label, plural

STATEMENT_COLUMNS = (ACTOR, ACTOR_NAME, CONCEPT, CONCEPT_LABEL, POLARITY)
CELL_COLUMNS = (
    ACTOR,
    ACTOR_NAME,
    CONCEPT,
    CONCEPT_LABEL,
    "statements",
    "agree",
    "disagree",
    "mean_polarity",
)
MAX_ACTORS = 30


def stance_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Statements -> one row per (actor, concept): statements, agree, disagree, mean polarity.

    Sorted by statements (most first), then actor and concept.
    """
    check_columns(df, STATEMENT_COLUMNS, "stance_cells")
    if df.empty:
        return pd.DataFrame({c: [] for c in CELL_COLUMNS})
    polarity = pd.to_numeric(df[POLARITY])
    frame = pd.DataFrame(
        {
            ACTOR: df[ACTOR],
            ACTOR_NAME: df[ACTOR_NAME].fillna(df[ACTOR]),
            CONCEPT: df[CONCEPT],
            CONCEPT_LABEL: df[CONCEPT_LABEL].fillna(df[CONCEPT]),
            POLARITY: polarity,
            "agree": (polarity > 0).astype(int),
            "disagree": (polarity < 0).astype(int),
        }
    )
    cells = frame.groupby([ACTOR, CONCEPT], as_index=False, sort=False).agg(
        actor_name=(ACTOR_NAME, "first"),
        concept_label=(CONCEPT_LABEL, "first"),
        statements=(POLARITY, "size"),
        agree=("agree", "sum"),
        disagree=("disagree", "sum"),
        mean_polarity=(POLARITY, "mean"),
    )
    cells = cells.sort_values(
        ["statements", ACTOR, CONCEPT], ascending=[False, True, True], ignore_index=True
    )
    return cells[list(CELL_COLUMNS)]


def drawn_statements(
    df: pd.DataFrame, cells: pd.DataFrame, *, on: Sequence[str] = (ACTOR, CONCEPT)
) -> pd.DataFrame:
    """The statements of `df` behind the drawn `cells` (matrix_cells(), bars_cells() ...).

    A chart's title, caption, dates and source line describe these rows, not every statement
    the filters let through: a concept or actor left off the chart is left out of them too.
    """
    check_columns(df, on, "drawn_statements")
    if cells.empty or df.empty:
        return df.iloc[0:0]
    keys = pd.MultiIndex.from_frame(cells[list(on)].astype(str))
    rows = pd.MultiIndex.from_frame(df[list(on)].astype(str))
    return df[rows.isin(keys)]


def cells_in_order(
    cells: pd.DataFrame, actors: Sequence[str], concepts: Sequence[str]
) -> pd.DataFrame:
    """The cells sorted as drawn: by the actors' order, then by the concepts' order."""
    rows = {a: i for i, a in enumerate(actors)}
    columns = {c: i for i, c in enumerate(concepts)}
    order = cells.assign(_row=cells[ACTOR].map(rows), _column=cells[CONCEPT].map(columns))
    order = order.sort_values(["_row", "_column"], ignore_index=True)
    return order[list(CELL_COLUMNS)]


def top_actor_cells(cells: pd.DataFrame, most: int) -> tuple[pd.DataFrame, list[str], list[str]]:
    """(cells of the `most` actors with most statements, those actors, 'top 30 of 80 actors')."""
    every = by_statements(cells, ACTOR)
    actors = every[:most]
    extra = (
        [f"top {len(actors)} of {plural(len(every), 'actor')}"] if len(every) > len(actors) else []
    )
    return cells[cells[ACTOR].isin(actors)], actors, extra


def cells_with_at_least(cells: pd.DataFrame, min_statements: int) -> pd.DataFrame:
    """The cells with at least `min_statements` statements (at least one)."""
    return cells[cells["statements"] >= max(min_statements, 1)]


def by_statements(cells: pd.DataFrame, column: str) -> list[str]:
    """Values of `column`, most statements first (ties by value)."""
    totals = cells.groupby(column)["statements"].sum()
    return sorted(map(str, totals.index), key=lambda v: (-int(totals[v]), v))


def counted_line(subtitle: str, total: int, min_statements: int, extra: Sequence[str]) -> str:
    """'2021-01-01 to 2024-12-31 - 123 statements - cells of at least 3 - top 30 of 80 actors'."""
    parts = [label(subtitle)] if subtitle else []
    parts.append(plural(total, "statement"))
    if min_statements > 1:
        parts.append(f"at least {min_statements} per actor and concept")
    parts += [label(e) for e in extra]
    return " \u00b7 ".join(parts)


def cells_by_key(cells: pd.DataFrame) -> dict[tuple[str, str], dict[str, Any]]:
    """The cells as plain dicts, by (actor, concept)."""
    rows = [{str(k): v for k, v in r.items()} for r in cells.to_dict("records")]
    return {(str(r[ACTOR]), str(r[CONCEPT])): r for r in rows}


def cell_hover(actor_name: object, concept_label: object, cell: Mapping[str, Any] | None) -> str:
    """'Russia on Sanctions and pressure on Russia: 12 statements, mean -0.83', then the counts."""
    head = f"<b>{label(actor_name)}</b> on {label(concept_label)}"
    if cell is None:
        return f"{head}: no statements"
    n, mean = int(cell["statements"]), float(cell["mean_polarity"])
    return (
        f"{head}: {plural(n, 'statement')}, mean {mean:+.2f}"
        f"<br>{int(cell['agree']):,} for {FOR_GLYPH} \u00b7 {int(cell['disagree']):,} against"
        f" {AGAINST_GLYPH}<br><i>click for the evidence</i>"
    )
