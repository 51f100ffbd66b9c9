"""Figures for briefers: a 16:9 slide copy with a caption, PNG/SVG bytes, the modebar's config.

Every chart already carries its title, what it counts and its source line; slide_figure() adds
the caption (statements counted, dates, sources, how stances were extracted and how accurate
that is) so an exported image stands on its own. Images are drawn by kaleido 1.x in a headless
Chromium (Debian's /usr/bin/chromium, or the BROWSER_PATH environment variable); kaleido's
Chrome download is never used. One browser is started on the first export and kept for the
next ones (starting it costs about 1.5 s, an image then about 0.2 s). Pure Plotly, no Streamlit.
"""

from __future__ import annotations

import asyncio
import atexit
import html
import logging
import math
import os
import re
import shutil
import textwrap
import threading
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
RENDER_TIMEOUT_S = 60.0
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEBIAN_CHROMIUM = "/usr/bin/chromium"
MIME = {"png": "image/png", "svg": "image/svg+xml"}


class ExportError(RuntimeError):
    """An image could not be drawn (no browser, the browser failed or timed out)."""


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
    _check_format(fmt)
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


def to_image_bytes(
    fig: go.Figure,
    fmt: ImageFormat,
    *,
    timeout: float = RENDER_TIMEOUT_S,
    topojson: str | None = None,
) -> bytes:
    """The figure as PNG or SVG bytes, at its layout's width and height (else 1600 x 900).

    `topojson` is a base URL for the map shapes (Plotly's CDN when None). Raises ExportError
    when no browser is found or the browser fails or times out.
    """
    _check_format(fmt)
    layout = fig.layout
    opts = {
        "format": fmt,
        "width": int(layout.width or SLIDE_WIDTH),
        "height": int(layout.height or SLIDE_HEIGHT),
        "scale": 1,
    }
    image = _RENDERER.render(fig.to_dict(), opts, timeout=timeout, topojson=topojson)
    return image.encode("utf-8") if isinstance(image, str) else bytes(image)


def browser_path() -> str | None:
    """The Chromium to draw images with: BROWSER_PATH if set, else the first on PATH."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return DEBIAN_CHROMIUM if os.access(DEBIAN_CHROMIUM, os.X_OK) else None


def export_problem() -> str | None:
    """Why images cannot (or could not, last time) be drawn; None when all is well."""
    if browser_path() is None:
        return _no_browser_message()
    return _RENDERER.problem


def _no_browser_message() -> str:
    configured = os.environ.get("BROWSER_PATH")
    where = f"BROWSER_PATH={configured!r} is not an executable" if configured else "none found"
    return (
        f"Image export needs Chromium ({where}). Install it (Debian: apt-get install chromium)"
        " or set BROWSER_PATH to its executable."
    )


class _Renderer:
    """One kaleido browser on its own event loop thread, started on first use, one image at a time.

    kaleido's own sync server shares one reply queue between callers and waits forever when
    its browser failed to start; this keeps a lock, a timeout and restarts after a failure.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Any = None
        self.problem: str | None = None

    def render(
        self, fig: dict[str, Any], opts: dict[str, Any], *, timeout: float, topojson: str | None
    ) -> bytes | str:
        with self._lock:
            if self._kaleido is None:
                self._start(timeout)
            job = self._kaleido.calc_fig(fig, opts=opts, topojson=topojson)
            try:
                result: bytes | str = self._run(job, timeout)
            except Exception as e:
                self._stop()
                self.problem = f"Drawing the last {opts['format']} image failed: {e!r}."
                raise ExportError(self.problem) from e
            self.problem = None
            return result

    def _start(self, timeout: float) -> None:
        path = browser_path()
        if path is None:
            raise ExportError(_no_browser_message())
        import kaleido  # imported on first export only: it is slow to import

        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="kaleido", daemon=True).start()

        async def open_browser() -> Any:
            browser = kaleido.Kaleido(n=1, timeout=timeout, mathjax=False, path=path)
            await browser.open()
            return browser

        try:
            self._kaleido = self._run(open_browser(), timeout)
        except Exception as e:
            self._stop()
            self.problem = f"Could not start Chromium ({path}) for image export: {e!r}"
            raise ExportError(self.problem) from e
        self.problem = None
        logger.info("kaleido started with %s", path)

    def _run(self, coroutine: Any, timeout: float) -> Any:
        if self._loop is None:
            raise ExportError("kaleido's event loop is not running")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def _stop(self) -> None:
        """Close the browser (if any) and the loop; the next render starts afresh."""
        browser, loop, self._kaleido, self._loop = self._kaleido, self._loop, None, None
        if loop is None:
            return
        if browser is not None:
            try:
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(10)
            except Exception as e:  # the browser may be gone already: nothing left to close
                logger.warning("closing kaleido's browser failed: %r", e)
        loop.call_soon_threadsafe(loop.stop)

    def close(self) -> None:
        with self._lock:
            self._stop()


_RENDERER = _Renderer()
atexit.register(_RENDERER.close)


def _check_format(fmt: str) -> None:
    if fmt not in get_args(ImageFormat):
        raise ValueError(f"fmt must be one of {list(get_args(ImageFormat))}; got {fmt!r}")
