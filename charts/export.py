"""Figures for briefers: a 16:9 slide copy with a caption, and the modebar's config.

Every chart already carries its title, what it counts and its source line; slide_figure() adds
the caption (statements counted, dates, sources, how stances were extracted and how accurate
that is) so an exported image stands on its own. Pure Plotly: drawing the slide as PNG/SVG
bytes in a headless Chromium is ui.export_image's job.
"""

from __future__ import annotations

import html
import logging
import math
import re
import textwrap
from typing import Any, Literal, get_args

import plotly.graph_objects as go

from charts.style import MUTED_COLOUR

logger = logging.getLogger(__name__)

ImageFormat = Literal["png", "svg"]
SLIDE_WIDTH = 1600
SLIDE_HEIGHT = 900
SLIDE_TEXT_PX = 14  # the smallest text on a slide: legible when projected at 1600 x 900
LINE_HEIGHT = 1.3  # a line of Plotly text takes about this many times its font size
CAPTION_FONT_PX = SLIDE_TEXT_PX
CAPTION_LINE_PX = 19
CAPTION_CHAR_PX = 7.6  # a generous mean character width of the caption font, for wrapping
CAPTION_INDENT_PX = 260  # the plot area may start this far right (long actor names)
CAPTION_GAP_PX = 10
CAPTION_NAME = "caption"
MIN_PLOT_PX = 240
TITLE_INSET_PX = 16  # a slide never squeezes the plot area below this


def slide_figure(
    fig: go.Figure, *, caption: str, width: int = SLIDE_WIDTH, height: int = SLIDE_HEIGHT
) -> go.Figure:
    """A copy of `fig` sized `width` x `height` with `caption` (plain text) under everything.

    The caption goes below the figure's own bottom margin (axis, source line), which grows by
    the caption's lines; line breaks in `caption` are kept, long lines wrapped.
    """
    slide = go.Figure(fig)
    margin = fig.layout.margin
    bottom = int(margin.b) if margin.b is not None else 80
    bottom += legible(slide)
    top = int(margin.t) if margin.t is not None else 100
    lines = caption_lines(caption, width=width)
    caption_px = CAPTION_LINE_PX * len(lines) + CAPTION_GAP_PX if lines else 0
    # Too tall a figure squeezes its plot area: say so rather than clip text.
    spare = height - top - bottom - caption_px - MIN_PLOT_PX
    if spare < 0:
        logger.warning("slide_figure: %d px too little height for the plot area", -spare)
    slide.update_layout(
        width=width, height=height, autosize=False, margin_b=bottom + caption_px, margin_t=top
    )
    if fig.layout.title.x in (None, 0) and fig.layout.title.xref in (None, "container"):
        slide.update_layout(title_x=TITLE_INSET_PX / width)  # not flush with the slide's edge
    if lines:
        slide.add_annotation(
            name=CAPTION_NAME,
            text="<br>".join(html.escape(line) for line in lines),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-bottom - CAPTION_GAP_PX // 2,
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            font={"size": CAPTION_FONT_PX, "color": MUTED_COLOUR},
        )
    return slide


def legible(slide: go.Figure, *, least: int = SLIDE_TEXT_PX) -> int:
    """Raise every text of `slide` (in place) to at least `least` px; returns the pixels the
    text under the plot area (the source line) grew by, for the bottom margin to grow too.

    A chart's own small print (an 11 px source line) is fine on a screen and unreadable on a
    projected slide.
    """
    if (slide.layout.font.size or 12) < least:
        slide.update_layout(font_size=least)
    for trace in slide.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size is not None:
            sizes = textfont.size if isinstance(textfont.size, tuple) else (textfont.size,)
            if min(sizes) < least:
                trace.textfont.size = least
    grown = 0
    for note in slide.layout.annotations:
        size = note.font.size or slide.layout.font.size or 12
        if size >= least:
            continue
        note.font.size = least
        if note.yref == "paper" and note.y == 0 and note.yanchor == "top":  # under the plot
            lines = str(note.text or "").count("<br>") + 1
            grown += math.ceil(lines * (least - size) * LINE_HEIGHT)
    return grown


def caption_lines(caption: str, *, width: int = SLIDE_WIDTH) -> list[str]:
    """The caption's lines, each wrapped to what fits in a figure `width` pixels wide."""
    chars = max(40, int((width - CAPTION_INDENT_PX - 40) / CAPTION_CHAR_PX))
    lines: list[str] = []
    for paragraph in caption.splitlines():
        if paragraph.strip():
            lines += textwrap.wrap(paragraph.strip(), width=chars)
    return lines


def modebar_config(
    filename: str, *, fmt: ImageFormat = "png", topojson_url: str | None = None
) -> dict[str, Any]:
    """st.plotly_chart's `config`: the camera button saves a 1600x900 image named `filename`;
    maps fetch their country shapes from `topojson_url` (a base URL), not Plotly's CDN.

    Plotly.js has one camera button with one format (a second, SVG, button would need a
    JavaScript function, which a JSON config cannot carry): SVG comes from the server's
    download buttons. The camera draws the figure as shown, without the slide's caption.
    """
    check_format(fmt)
    shapes = {"topojsonURL": topojson_url} if topojson_url else {}
    return {
        **shapes,
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": fmt,
            "filename": safe_filename(filename),
            "width": SLIDE_WIDTH,
            "height": SLIDE_HEIGHT,
            "scale": 1,
        },
    }


def safe_filename(name: str) -> str:
    """A file name stem of letters, digits, '-' and '_' only: 'stance-matrix_2024'."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name.strip()).strip("-_")
    return stem[:80] or "stancemap-chart"


def check_format(fmt: str) -> None:
    """Raise ValueError unless `fmt` is one of the image formats."""
    if fmt not in get_args(ImageFormat):
        raise ValueError(f"fmt must be one of {list(get_args(ImageFormat))}; got {fmt!r}")
