"""The actor x concept matrix: cells coloured by mean stance, labelled with their statements.

Every cell carries [actor, concept] in customdata (a layer of points answers clicks: Plotly
cannot select heatmap cells). Pure Plotly, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analysis.schema import ACTOR, ACTOR_NAME, CONCEPT, CONCEPT_LABEL
from charts.stance_cells import (
    MAX_ACTORS,
    STATEMENT_COLUMNS,
    by_statements,
    cell_hover,
    cells_by_key,
    cells_in_order,
    cells_with_at_least,
    counted_line,
    stance_cells,
    top_actor_cells,
)
from charts.style import (
    COLOURBAR_MIN_PX,
    DIVERGING,
    STANCE_COLOURBAR,
    base_layout,
    check_columns,
    empty_figure,
    label,
    polarity_glyph,
    source_line_annotation,
    source_px,
    titled,
    wrapped,
)

MATRIX_TITLE = "Mean stance by actor and concept"
ROW_PX = 30  # one actor row of the matrix
CELL_TEXT_PX = 12
TITLE_PX = 72  # title and its counted line, above the matrix's concept labels
FLAT_CONCEPTS = 6  # up to this many concepts get level labels; more get slanted ones
SLANTED_CHARS = 34
SELECTED_COLOUR = "#111111"  # the ring around a clicked cell


def stance_matrix(
    df: pd.DataFrame,
    *,
    concepts: Sequence[str] = (),
    min_statements: int = 1,
    max_actors: int = MAX_ACTORS,
    title: str = MATRIX_TITLE,
    subtitle: str = "",
    source_line: str = "",
) -> go.Figure:
    """Actor x concept grid coloured by mean polarity, labelled with the number of statements.

    Two traces: the heatmap (what is seen) and a layer of one clickable point per cell (Plotly
    cannot select heatmap cells); both carry customdata [actor, concept]. `concepts` fixes the
    columns and their order; actors with most statements come first, at most `max_actors`.
    """
    check_columns(df, STATEMENT_COLUMNS, "stance_matrix")
    cells, actors, columns, extra = _matrix_selection(df, concepts, min_statements, max_actors)
    total = int(cells["statements"].sum())
    full_title = titled(label(title), counted_line(subtitle, total, min_statements, extra))
    if total == 0:
        return empty_figure(title=full_title, source_line=source_line)
    fig = go.Figure([_grid(cells, actors, columns), _grid_points(cells, actors, columns)])
    _matrix_layout(fig, cells, actors, columns, title=full_title, source_line=source_line)
    return fig


def matrix_cells(
    df: pd.DataFrame,
    *,
    concepts: Sequence[str] = (),
    min_statements: int = 1,
    max_actors: int = MAX_ACTORS,
) -> pd.DataFrame:
    """Exactly the cells stance_matrix() colours with the same options, by row then column.

    Columns as stance_cells(); the table to offer as the matrix's CSV.
    """
    check_columns(df, STATEMENT_COLUMNS, "matrix_cells")
    cells, actors, columns, _ = _matrix_selection(df, concepts, min_statements, max_actors)
    return cells_in_order(cells, actors, columns)


def _matrix_selection(
    df: pd.DataFrame, concepts: Sequence[str], min_statements: int, max_actors: int
) -> tuple[pd.DataFrame, list[str], list[str], list[str]]:
    """(cells shown, actor rows, concept columns, notes such as 'top 30 of 80 actors')."""
    cells = cells_with_at_least(stance_cells(df), min_statements)
    if concepts:
        cells = cells[cells[CONCEPT].isin(list(concepts))]
    cells, actors, extra = top_actor_cells(cells, max_actors)
    columns = [c for c in concepts if c in set(cells[CONCEPT])] or by_statements(cells, CONCEPT)
    return cells, actors, columns, extra


def _grid(cells: pd.DataFrame, actors: Sequence[str], concepts: Sequence[str]) -> go.Heatmap:
    """The coloured cells: z = mean polarity, text = glyph and number of statements."""
    by_key = cells_by_key(cells)
    z, text, ids = [], [], []
    for actor in actors:
        row = [by_key.get((actor, concept)) for concept in concepts]
        z.append([None if c is None else float(c["mean_polarity"]) for c in row])
        text.append(["" if c is None else _cell_text(c) for c in row])
        ids.append([[actor, concept] for concept in concepts])
    return go.Heatmap(
        z=z,
        x=list(range(len(concepts))),
        y=list(range(len(actors))),
        text=text,
        texttemplate="%{text}",
        textfont={"size": CELL_TEXT_PX},
        customdata=ids,
        zmin=-1,
        zmax=1,
        colorscale=[list(stop) for stop in DIVERGING],
        colorbar=STANCE_COLOURBAR,
        xgap=2,
        ygap=2,
        hoverinfo="skip",  # the point layer above answers hovers and clicks
        name="Mean stance",
    )


def _grid_points(cells: pd.DataFrame, actors: Sequence[str], concepts: Sequence[str]) -> go.Scatter:
    """One invisible point per cell (empty ones too): hover text, click target, selection ring."""
    by_key = cells_by_key(cells)
    names = dict(zip(cells[ACTOR], cells[ACTOR_NAME], strict=True))
    labels = dict(zip(cells[CONCEPT], cells[CONCEPT_LABEL], strict=True))
    xs, ys, ids, hover = [], [], [], []
    for y, actor in enumerate(actors):
        for x, concept in enumerate(concepts):
            xs.append(x)
            ys.append(y)
            ids.append([actor, concept])
            hover.append(cell_hover(names[actor], labels[concept], by_key.get((actor, concept))))
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        customdata=ids,
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        # Invisible until selected: then a dark ring around the clicked cell.
        marker={
            "symbol": "square-open",
            "size": ROW_PX - 1,
            "color": SELECTED_COLOUR,
            "opacity": 0,
            "line": {"width": 2.5, "color": SELECTED_COLOUR},
        },
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 0}},
        showlegend=False,
        name="Cells",
    )


def _matrix_layout(
    fig: go.Figure,
    cells: pd.DataFrame,
    actors: Sequence[str],
    concepts: Sequence[str],
    *,
    title: str,
    source_line: str,
) -> None:
    names = dict(zip(cells[ACTOR], cells[ACTOR_NAME], strict=True))
    labels = dict(zip(cells[CONCEPT], cells[CONCEPT_LABEL], strict=True))
    ticks, label_px, angle = _concept_ticks([labels[c] for c in concepts])
    top = TITLE_PX + label_px  # the title, then the concept labels above the grid
    # A few rows still get a colour bar tall enough for its labels; the rows keep their height
    # (the y range holds room for more) and the space under them stays empty.
    rows_shown = max(len(actors), -(-(COLOURBAR_MIN_PX - 10) // ROW_PX))
    plot_px, bottom = ROW_PX * rows_shown + 10, 20 + source_px(source_line)
    fig.update_layout(
        **base_layout(title, source_line=source_line, plot_px=plot_px, top=top),
        hoverdistance=-1,  # the nearest point answers: every spot of a cell belongs to it
    )
    fig.update_layout(height=top + plot_px + bottom, margin_b=bottom)  # no x-axis below
    fig.update_layout(title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 14}})
    fig.update_xaxes(
        side="top",
        tickvals=list(range(len(concepts))),
        ticktext=ticks,
        tickangle=angle,
        showgrid=False,
        zeroline=False,
        range=[-0.5, len(concepts) - 0.5],
        fixedrange=True,
    )
    fig.update_yaxes(
        tickvals=list(range(len(actors))),
        ticktext=[label(names[a]) for a in actors],
        range=[rows_shown - 0.5, -0.5],  # top to bottom, room for at least rows_shown rows
        showgrid=False,
        zeroline=False,
        automargin=True,
        fixedrange=True,
    )
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line, yshift=-12))


def _concept_ticks(labels: Sequence[str]) -> tuple[list[str], int, int]:
    """(tick texts, pixels they need above the grid, angle) for the matrix's concept labels.

    A few concepts get level labels on up to three lines; more get one slanted line each.
    """
    if len(labels) <= FLAT_CONCEPTS:
        return [wrapped(t, width=22, lines=3) for t in labels], 3 * 16 + 10, 0
    ticks = [wrapped(t, width=SLANTED_CHARS, lines=1) for t in labels]
    longest = max(len(t) for t in labels)
    return ticks, int(min(longest, SLANTED_CHARS) * 3.8) + 12, -40


def _cell_text(cell: Mapping[str, Any]) -> str:
    """'\u25b2 12': the sign as a glyph, then the number of statements."""
    return f"{polarity_glyph(float(cell['mean_polarity']))} {int(cell['statements'])}"
