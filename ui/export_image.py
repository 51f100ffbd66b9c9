"""Slide images as PNG/SVG bytes, drawn by kaleido 1.x in a headless Chromium.

The browser is Debian's /usr/bin/chromium, or the BROWSER_PATH environment variable (read here,
in ui/, as every setting is); kaleido's Chrome download is never used. One browser is started
on the first export, on its own event loop thread, and kept for the next ones (starting it
costs about 1.5 s, an image then about 0.2 s). charts.export prepares the figure; this module
only draws it.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import shutil
import threading
from typing import Any

import plotly.graph_objects as go

from charts.export import SLIDE_HEIGHT, SLIDE_WIDTH, ImageFormat, check_format

logger = logging.getLogger(__name__)

RENDER_TIMEOUT_S = 60.0
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEBIAN_CHROMIUM = "/usr/bin/chromium"
MIME = {"png": "image/png", "svg": "image/svg+xml"}


class ExportError(RuntimeError):
    """An image could not be drawn (no browser, the browser failed or timed out)."""


def configured_browser() -> str | None:
    """The BROWSER_PATH setting (the Docker image sets it), or None when unset or empty."""
    return os.environ.get("BROWSER_PATH") or None


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
    check_format(fmt)
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
    configured = configured_browser()
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
    configured = configured_browser()
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
