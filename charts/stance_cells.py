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

from charts.style import AGAINST_GLYPH, FOR_GLYPH, check_columns, label, plural

STATEMENT_COLUMNS = ("actor", "actor_name", "concept", "concept_label", "polarity")
CELL_COLUMNS = (
    "actor",
    "actor_name",
    "concept",
    "concept_label",
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
    polarity = pd.to_numeric(df["polarity"])
    frame = pd.DataFrame(
        {
            "actor": df["actor"],
            "actor_name": df["actor_name"].fillna(df["actor"]),
            "concept": df["concept"],
            "concept_label": df["concept_label"].fillna(df["concept"]),
            "polarity": polarity,
            "agree": (polarity > 0).astype(int),
            "disagree": (polarity < 0).astype(int),
        }
    )
    cells = frame.groupby(["actor", "concept"], as_index=False, sort=False).agg(
        actor_name=("actor_name", "first"),
        concept_label=("concept_label", "first"),
        statements=("polarity", "size"),
        agree=("agree", "sum"),
        disagree=("disagree", "sum"),
        mean_polarity=("polarity", "mean"),
    )
    cells = cells.sort_values(
        ["statements", "actor", "concept"], ascending=[False, True, True], ignore_index=True
    )
    return cells[list(CELL_COLUMNS)]


def drawn_statements(
    df: pd.DataFrame, cells: pd.DataFrame, *, on: Sequence[str] = ("actor", "concept")
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
    order = cells.assign(_row=cells["actor"].map(rows), _column=cells["concept"].map(columns))
    order = order.sort_values(["_row", "_column"], ignore_index=True)
    return order[list(CELL_COLUMNS)]


def top_actor_cells(cells: pd.DataFrame, most: int) -> tuple[pd.DataFrame, list[str], list[str]]:
    """(cells of the `most` actors with most statements, those actors, 'top 30 of 80 actors')."""
    every = by_statements(cells, "actor")
    actors = every[:most]
    extra = (
        [f"top {len(actors)} of {plural(len(every), 'actor')}"] if len(every) > len(actors) else []
    )
    return cells[cells["actor"].isin(actors)], actors, extra


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
    return {(str(r["actor"]), str(r["concept"])): r for r in rows}


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
