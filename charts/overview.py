"""The Overview's chart: the concepts that divide actors most, actors for vs actors against.

Input: analysis.query.divided_concepts() rows with the concept's label. Each bar carries
[concept, polarity] in customdata, so a click lists the statements of that camp. Pure Plotly.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.schema import CONCEPT, CONCEPT_LABEL
from charts.style import (
    AGAINST_COLOUR,
    AGAINST_GLYPH,
    FOR_COLOUR,
    FOR_GLYPH,
    GRID_COLOUR,
    ZERO_LINE_COLOUR,
    base_layout,
    check_columns,
    empty_figure,
    label,
    plural,
    source_line_annotation,
    symmetric_ticks,
    titled,
    wrapped,
)

DIVIDED_COLUMNS = (CONCEPT, CONCEPT_LABEL, "actors_for", "actors_against", "statements")
DIVIDED_TITLE = "The most divided concepts: actors for and against"
ROW_PX = 44
MAX_CONCEPTS = 10


def divided_bars(
    divided: pd.DataFrame,
    *,
    subtitle: str = "",
    source_line: str = "",
    max_concepts: int = MAX_CONCEPTS,
) -> go.Figure:
    """Diverging bars, one row per concept (most divided on top): actors against to the left,
    actors for to the right. customdata of every bar: [concept, polarity]."""
    check_columns(divided, DIVIDED_COLUMNS, "divided_bars")
    rows = divided.head(max_concepts)
    both = int(((rows["actors_for"] > 0) & (rows["actors_against"] > 0)).sum())
    counted = f"{plural(both, 'concept')} with actors on both sides"
    if both < len(rows):  # one-camp concepts shown because too few have both camps
        counted += f", {plural(len(rows) - both, 'concept')} with one camp"
    full_title = titled(label(DIVIDED_TITLE), " \u00b7 ".join(p for p in (subtitle, counted) if p))
    if rows.empty:
        return empty_figure(title=full_title, source_line=source_line)
    names = [wrapped(text, width=34, lines=2) for text in rows[CONCEPT_LABEL]]
    fig = go.Figure(
        [
            _camp(rows, names, "actors_against", -1, f"Actors against {AGAINST_GLYPH}"),
            _camp(rows, names, "actors_for", 1, f"Actors for {FOR_GLYPH}"),
        ]
    )
    most = int(max(rows["actors_for"].max(), rows["actors_against"].max()))
    ticks = symmetric_ticks(most)
    plot_px = ROW_PX * len(rows) + 20
    fig.update_layout(
        **base_layout(full_title, source_line=source_line, plot_px=plot_px),
        barmode="relative",
        bargap=0.3,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
    )
    fig.update_xaxes(
        title="Actors (each counted on the side of its mean stance)",
        tickvals=ticks,
        ticktext=[str(abs(t)) for t in ticks],
        range=[ticks[0] - 0.5, ticks[-1] + 0.5],
        gridcolor=GRID_COLOUR,
        zerolinecolor=ZERO_LINE_COLOUR,
        fixedrange=True,
    )
    fig.update_yaxes(autorange="reversed", automargin=True, fixedrange=True)
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line))
    return fig


def _camp(rows: pd.DataFrame, names: list[str], column: str, polarity: int, name: str) -> go.Bar:
    word = "for" if polarity > 0 else "against"
    counts = [int(n) for n in rows[column]]
    return go.Bar(
        name=name,
        orientation="h",
        y=names,
        x=[polarity * n for n in counts],
        text=counts,
        textposition="inside",
        marker={"color": FOR_COLOUR if polarity > 0 else AGAINST_COLOUR},
        customdata=[[str(c), polarity] for c in rows[CONCEPT]],
        hovertemplate=[
            f"{label(text)}<br>{plural(n, 'actor')} {word} ({plural(int(s), 'statement')}"
            " on the concept in all)<extra></extra>"
            for text, n, s in zip(rows[CONCEPT_LABEL], counts, rows["statements"], strict=True)
        ],
    )
