"""What every browser test needs: a Streamlit server on a free loopback port, Debian's Chromium,
waiting for a page to be drawn, full-page screenshots.

`start_server(repo_root, log, tables, env={...})` passes extra environment (STANCEMAP_* settings)
to the server, so a test can start one with a password, read-only mode or its own tables.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from playwright.sync_api import Page

from bench import server
from bench.server import CHROMIUM_ARGS, stop_server

__all__ = ["CHROMIUM_ARGS", "start_server", "stop_server"]

CORPUS_READY = ['[data-testid="stMetric"]', ".js-plotly-plot .main-svg"]
RENDER_MS = 60_000
IDLE_APP = '[data-testid="stApp"][data-test-script-state="notRunning"]'
WIDTH = 1440
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "app"
# Every request a page may make goes to the app's own server: maps read static/topojson.
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def start_server(
    repo_root: Path, log: Path, tables: Path, env: Mapping[str, str] | None = None
) -> tuple[str, subprocess.Popen[bytes]]:
    """`streamlit run dashboard.py` in `repo_root` reading `tables`, with `env` added; waits
    until healthy; its output goes to `log` (analysis.bench.server does the work)."""
    assert repo_root == server.REPO, f"the server runs {server.REPO}, not {repo_root}"
    # Corrections go to a database of this server's own, never to the repository's .cache.
    # Every statement is shown (min. confidence 0): these tests check pages and counts on
    # small fixture corpora, not the stance scorer's default (tests/app checks that).
    env = {
        "STANCEMAP_DB_URL": f"sqlite:///{log.parent / 'corrections.sqlite3'}",
        "STANCEMAP_MIN_CONFIDENCE": "0",
        **(env or {}),
    }
    with log.open("w+b") as out:  # the server keeps its own handle on the file
        return server.start_server(tables, out, env)


def wait_rendered(page: Page, ready: list[str] = CORPUS_READY) -> None:
    """Until the script run is over and the page's `ready` elements are drawn."""
    page.wait_for_selector(IDLE_APP, timeout=RENDER_MS)
    for selector in ready:
        page.wait_for_selector(selector, timeout=RENDER_MS)
    page.wait_for_selector(IDLE_APP, timeout=RENDER_MS)


def full_screenshot(page: Page, path: Path) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content, then shoot."""
    page.mouse.move(0, 0)  # no hover label over the charts
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": WIDTH, "height": int(height) + 40})
    page.wait_for_timeout(800)  # let Plotly and the data grids re-lay out at the new size
    page.screenshot(path=str(path), full_page=True)
