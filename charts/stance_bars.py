"""For and against one concept: diverging bars per actor, against to the left, for to the right.

Every bar carries [actor, concept, polarity] in customdata. Pure Plotly, no Streamlit.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.schema import ACTOR, ACTOR_NAME, CONCEPT, CONCEPT_LABEL
from charts.stance_cells import (
    MAX_ACTORS,
    STATEMENT_COLUMNS,
    cells_in_order,
    cells_with_at_least,
    counted_line,
    stance_cells,
    top_actor_cells,
)
from charts.style import (
    AGAINST_COLOUR,
    AGAINST_GLYPH,
    FOR_COLOUR,
    FOR_GLYPH,
    GRID_COLOUR,
    TEXT_COLOUR,
    base_layout,
    check_columns,
    click_targets,
    empty_figure,
    label,
    plural,
    source_line_annotation,
    symmetric_ticks,
    titled,
)

BAR_PX = 26  # one actor row of the bars


def stance_bars(
    df: pd.DataFrame,
    *,
    concept: str,
    min_statements: int = 1,
    max_actors: int = MAX_ACTORS,
    title: str | None = None,
    subtitle: str = "",
    source_line: str = "",
) -> go.Figure:
    """Diverging bars for one concept: statements against to the left, for to the right.

    Two traces ('Against', 'For'); customdata of every bar: [actor, concept, polarity].
    """
    check_columns(df, STATEMENT_COLUMNS, "stance_bars")
    cells, actors, extra = _bars_selection(df, concept, min_statements, max_actors)
    concept_label = str(cells[CONCEPT_LABEL].iloc[0]) if len(cells) else concept
    total = int(cells["statements"].sum())
    heading = title if title is not None else f"For and against: {concept_label}"
    full_title = titled(label(heading), counted_line(subtitle, total, min_statements, extra))
    if total == 0:
        return empty_figure(title=full_title, source_line=source_line)
    rows = cells_in_order(cells, actors, [concept])
    sides = [
        _side(rows, "disagree", -1, f"Against {AGAINST_GLYPH}", AGAINST_COLOUR),
        _side(rows, "agree", 1, f"For {FOR_GLYPH}", FOR_COLOUR),
    ]
    fig = go.Figure([*sides, *(_bar_targets(bar) for bar in sides)])
    _bars_layout(fig, rows, title=full_title, source_line=source_line)
    return fig


def bars_cells(
    df: pd.DataFrame, *, concept: str, min_statements: int = 1, max_actors: int = MAX_ACTORS
) -> pd.DataFrame:
    """Exactly the actors stance_bars() draws with the same options, top bar first.

    Columns as stance_cells(); `agree` and `disagree` are the lengths of the two bars.
    """
    check_columns(df, STATEMENT_COLUMNS, "bars_cells")
    cells, actors, _ = _bars_selection(df, concept, min_statements, max_actors)
    return cells_in_order(cells, actors, [concept])


def _bars_selection(
    df: pd.DataFrame, concept: str, min_statements: int, max_actors: int
) -> tuple[pd.DataFrame, list[str], list[str]]:
    cells = cells_with_at_least(stance_cells(df), min_statements)
    return top_actor_cells(cells[cells[CONCEPT] == concept], max_actors)


def _side(rows: pd.DataFrame, column: str, polarity: int, name: str, colour: str) -> go.Bar:
    """The bars of one side; actors without a statement on that side get no bar."""
    side = rows[rows[column] > 0]
    word = "for" if polarity > 0 else "against"
    return go.Bar(
        name=name,
        orientation="h",
        y=[label(n) for n in side[ACTOR_NAME]],
        x=[polarity * int(n) for n in side[column]],
        text=[int(n) for n in side[column]],
        textposition="outside",
        textangle=0,
        cliponaxis=False,
        customdata=[[a, c, polarity] for a, c in zip(side[ACTOR], side[CONCEPT], strict=True)],
        hovertext=[
            f"{label(a)}: {plural(int(n), 'statement')} {word} {label(c)}"
            for a, c, n in zip(side[ACTOR_NAME], side[CONCEPT_LABEL], side[column], strict=True)
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        marker_color=colour,
        unselected={"marker": {"opacity": 1}},  # the clicked bar's ring says which it is
    )


def _bar_targets(bar: go.Bar) -> go.Scatter:
    """A click target of at least CLICK_PX at the middle of each bar of `bar` (same ids)."""
    xs = [x / 2 for x in bar.x]
    return click_targets(xs, bar.y, bar.customdata, bar.hovertext, name=f"{bar.name} (click)")


def _bars_layout(fig: go.Figure, rows: pd.DataFrame, *, title: str, source_line: str) -> None:
    names = [label(n) for n in rows[ACTOR_NAME]]
    most_for, most_against = int(rows["agree"].max()), int(rows["disagree"].max())
    most = max(most_for, most_against)
    # Each side as wide as its longest bar (but never under a tenth of the other side), so a
    # corpus with few statements against does not waste half of the width.
    right, left = max(most_for, most / 10, 1), max(most_against, most / 10, 1)
    pad = 0.08 * (left + right) + 0.5  # room for the count beside the longest bars
    ticks = [t for t in symmetric_ticks(most) if -left - pad <= t <= right + pad]
    fig.update_layout(
        **base_layout(title, source_line=source_line, plot_px=BAR_PX * len(names) + 40),
        barmode="relative",
        bargap=0.25,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=names,
        autorange="reversed",
        automargin=True,
    )
    fig.update_xaxes(
        title_text=f"Statements: {AGAINST_GLYPH} against (left) | for (right) {FOR_GLYPH}",
        range=[-left - pad, right + pad],
        tickvals=ticks,
        ticktext=[str(abs(t)) for t in ticks],
        zeroline=True,
        zerolinecolor=TEXT_COLOUR,
        zerolinewidth=1.5,
        gridcolor=GRID_COLOUR,
    )
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line))
