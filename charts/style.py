"""Shared look of Stancemap figures: palette, fonts, the empty figure and the source line."""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

# Tableau 10: distinct, colour-blind tolerant, prints well in grey.
PALETTE = (
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#E15759",
    "#76B7B2",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#BAB0AC",
)
FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
EMPTY_MESSAGE = "No data for these filters"
_LINE_PX = 15
_PLOT_PX = 420  # height of the plot area; the figure grows with the source line below it


def base_layout(title: str, *, source_line: str = "") -> dict[str, Any]:
    """Layout shared by every figure: title, fonts, white background, room for the source line."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        "font": {"family": FONT, "size": 13, "color": "#262730"},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "height": _PLOT_PX + 90 + _bottom_margin(source_line),
        "margin": {"l": 70, "r": 20, "t": 90, "b": _bottom_margin(source_line)},
        "hoverlabel": {"font": {"family": FONT}},
    }


def source_line_annotation(source_line: str) -> dict[str, Any]:
    """Annotation under the plot area carrying the attribution (one line of text per source)."""
    lines = [html.escape(line) for line in source_line.splitlines() if line.strip()]
    return {
        "text": "<br>".join(lines),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "yshift": -62,  # below the x-axis title
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "showarrow": False,
        "font": {"size": 11, "color": "#6b6f76"},
    }


def empty_figure(*, title: str, source_line: str = "") -> go.Figure:
    """A figure with no marks and a centred 'No data for these filters' message."""
    fig = go.Figure()
    fig.update_layout(**base_layout(title, source_line=source_line))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=EMPTY_MESSAGE,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 16, "color": "#6b6f76"},
    )
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line))
    return fig


def _bottom_margin(source_line: str) -> int:
    """Room under the plot for tick labels, the axis title and one row per source line."""
    lines = sum(1 for line in source_line.splitlines() if line.strip())
    return 70 + _LINE_PX * lines + (10 if lines else 0)
