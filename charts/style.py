"""Shared look of Stancemap figures: palette, fonts, the empty figure and the source line.

Also the stance colours. Polarity is never shown by colour alone: the diverging blue-orange
scale (not red-green, its ends of clearly different lightness) is paired with a position (bars
left or right of zero), a glyph (a triangle up for "for", down for "against") or a line style
(network conflict dashed) so a chart reads in greyscale and for colour-blind viewers.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito's palette for categories (actors, sources): told apart with every common colour
# vision deficiency; series also differ by dash and marker symbol (timeline) or by order.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#000000",  # black
    "#F0E442",  # yellow (last: faint on white)
    "#999999",  # grey
)
# Stance: orange for "against" (-1), dark blue for "for" (+1), near-white for a balanced mean
# (ColorBrewer PuOr's orange, RdBu's blues: no red-green). The two ends also differ in
# lightness (CIE L* about 63 against, 27 for), so they stay apart in greyscale; the sign is
# repeated by a glyph or a position wherever it matters.
AGAINST_COLOUR = "#e08214"
FOR_COLOUR = "#1b3f7a"
DIVERGING = (
    (0.0, AGAINST_COLOUR),
    (0.25, "#fdb863"),
    (0.5, "#f7f7f7"),
    (0.75, "#92c5de"),
    (1.0, FOR_COLOUR),
)
# Network ties: agreement and cooperation solid in the "for" blue, conflict dashed in orange.
AGREEMENT_COLOUR = FOR_COLOUR
CONFLICT_COLOUR = AGAINST_COLOUR
AGREEMENT_DASH = "solid"
CONFLICT_DASH = "dash"
TEXT_COLOUR = "#262730"
MUTED_COLOUR = "#6b6f76"  # source lines, the empty-figure message
GRID_COLOUR = "#e6e6e6"
ZERO_LINE_COLOUR = "#8a8d91"
NO_DATA_COLOUR = "#d4d4d4"  # land without statements on the map: darker than a balanced mean
FOR_GLYPH = "\u25b2"  # black up-pointing triangle
AGAINST_GLYPH = "\u25bc"  # black down-pointing triangle
BALANCED_GLYPH = "\u25c6"  # black diamond
STANCE_COLOURBAR = {
    "title": {"text": "Mean stance", "side": "top"},
    "tickvals": [-1, -0.5, 0, 0.5, 1],
    "ticktext": [
        f"-1 against {AGAINST_GLYPH}",
        "-0.5",
        "0 balanced",
        "+0.5",
        f"+1 for {FOR_GLYPH}",
    ],
    "thickness": 14,
    "len": 0.9,
    "outlinewidth": 0,
}
FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
EMPTY_MESSAGE = "No data for these filters"
CLICK_PX = 18  # the least size of a clickable mark
SELECTED_RING = "#111111"  # the ring around a clicked mark
COLOURBAR_MIN_PX = 170  # a colour bar shorter than this piles its five labels up
_LINE_PX = 15
_PLOT_PX = 420  # height of the plot area; the figure grows with the source line below it


def base_layout(
    title: str, *, source_line: str = "", plot_px: int = _PLOT_PX, top: int = 90
) -> dict[str, Any]:
    """Layout shared by every figure: title, fonts, white background, room for the source line.

    `plot_px` is the height of the plot area, `top` the margin above it (title, top axis).
    """
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        "font": {"family": FONT, "size": 13, "color": TEXT_COLOUR},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "height": plot_px + top + _bottom_margin(source_line),
        "margin": {"l": 70, "r": 20, "t": top, "b": _bottom_margin(source_line)},
        "hoverlabel": {"font": {"family": FONT}},
    }


def source_line_annotation(source_line: str, *, yshift: int = -62) -> dict[str, Any]:
    """Annotation under the plot area carrying the attribution (one line of text per source).

    `yshift` (pixels below the plot area) leaves room for the x-axis title; less without one.
    """
    lines = [html.escape(line) for line in source_line.splitlines() if line.strip()]
    return {
        "text": "<br>".join(lines),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "yshift": yshift,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "showarrow": False,
        "font": {"size": 11, "color": MUTED_COLOUR},
    }


def polarity_glyph(mean: float) -> str:
    """The triangle pairing a mean stance's colour with a shape: up for, down against."""
    if mean > 0:
        return FOR_GLYPH
    return AGAINST_GLYPH if mean < 0 else BALANCED_GLYPH


def sign_text_colour(mean: float) -> str:
    """Text colour readable on the diverging scale's colour for `mean`: white on the dark blues."""
    return "white" if mean >= 0.6 else TEXT_COLOUR


def titled(title: str, counted: str) -> str:
    """The (already escaped) title with a smaller second line saying what is counted."""
    return f"{title}<br><sup>{counted}</sup>" if counted else title


def label(text: object) -> str:
    """Escape corpus text for Plotly, whose labels understand a few HTML tags."""
    return html.escape(str(text))


def wrapped(text: object, width: int = 18, lines: int = 3) -> str:
    """An escaped label broken onto at most `lines` lines of about `width` characters."""
    parts = textwrap.wrap(str(text), width=width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "\u2026"
    return "<br>".join(html.escape(p) for p in parts)


def plural(count: int, noun: str) -> str:
    """'1 statement', '3 statements'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def with_selection(fig: go.Figure, marks: Sequence[Sequence[Any]]) -> go.Figure:
    """A copy of `fig` with the marks whose customdata starts with one of `marks` selected
    (a shared link's clicked mark is shown highlighted, as after a click); heatmaps, whose
    cells Plotly cannot select, are left as they are."""
    wanted = [[str(v) for v in mark] for mark in marks if len(mark)]
    if not wanted:
        return fig
    selected = go.Figure(fig)
    for trace in selected.data:
        ids = trace.customdata if "customdata" in trace else None
        if ids is None or trace.type == "heatmap":
            continue
        trace.selectedpoints = [
            i
            for i, row in enumerate(ids)
            if any([str(v) for v in list(row)[: len(m)]] == m for m in wanted)
        ]
    return selected


def click_targets(
    xs: Sequence[Any],
    ys: Sequence[Any],
    ids: Sequence[Any],
    hover: Sequence[str],
    *,
    name: str,
    size: int = CLICK_PX,
) -> go.Scatter:
    """Invisible squares of at least `size` px over small marks (a bar of one statement is a
    few px wide): clicking near the mark picks it; a selected one shows a dark ring."""
    return go.Scatter(
        x=list(xs), y=list(ys), mode="markers", customdata=list(ids), hovertext=list(hover),
        hovertemplate="%{hovertext}<extra></extra>",
        marker={"symbol": "square-open", "size": size, "color": SELECTED_RING, "opacity": 0,
                "line": {"width": 2, "color": SELECTED_RING}},
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 0}},
        showlegend=False, name=name, cliponaxis=False,
    )  # fmt: skip


def every_of(count: int, noun: str) -> str:
    """'All 3 sentences', but '1 sentence' (never 'All 1 sentences')."""
    return plural(count, noun) if count == 1 else f"All {plural(count, noun)}"


def symmetric_ticks(most: int) -> list[int]:
    """Whole-number ticks from -most to +most, about five on each side, at a round step."""
    step = max(1, -(-most // 5))
    step = next(
        (nice for nice in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500) if nice >= step), step
    )
    top = -(-most // step) * step
    return list(range(-top, top + 1, step))


def source_px(source_line: str) -> int:
    """Pixels the source line takes: one line of small text per source."""
    return _LINE_PX * sum(1 for line in source_line.splitlines() if line.strip())


def check_columns(df: pd.DataFrame, expected: Sequence[str], func: str) -> None:
    """Raise ValueError naming the expected and the received columns when any is missing."""
    missing = [c for c in expected if c not in df.columns]
    if missing:
        raise ValueError(
            f"{func}() expects columns {list(expected)}; "
            f"got {list(map(str, df.columns))} (missing {missing})"
        )


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
        font={"size": 16, "color": MUTED_COLOUR},
    )
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line))
    return fig


def _bottom_margin(source_line: str) -> int:
    """Room under the plot for tick labels, the axis title and one row per source line."""
    lines = sum(1 for line in source_line.splitlines() if line.strip())
    return 70 + _LINE_PX * lines + (10 if lines else 0)
