"""What every browser test needs: a Streamlit server on a free loopback port, Debian's Chromium,
waiting for a page to be drawn (or for the rerun a click started), screenshots on request.

`start_server(repo_root, log, tables, env={...})` passes extra environment (STANCEMAP_* settings)
to the server, so a test can start one with a password, read-only mode or its own tables.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Mapping
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

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
# How long an action may take to start a rerun before settle() takes it that none comes.
RERUN_START_MS = 1_000
# Counts the script runs a page has started (Streamlit sets the state attribute on stApp), so
# that settle() waits for the rerun an action started instead of sleeping a fixed time.
COUNT_RUNS = """
window.__smRuns = 0;
window.__smSettled = 0;
new MutationObserver(changes => {
  for (const change of changes) {
    if (change.target.getAttribute('data-test-script-state') === 'running') window.__smRuns += 1;
  }
}).observe(document, {subtree: true, attributes: true,
                      attributeFilter: ['data-test-script-state']});
"""


def start_server(
    repo_root: Path, log: Path, tables: Path, env: Mapping[str, str] | None = None
) -> tuple[str, subprocess.Popen[bytes]]:
    """`streamlit run dashboard.py` in `repo_root` reading `tables`, with `env` added; waits
    until healthy; its output goes to `log` (bench.server does the work)."""
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


def new_page(browser: Browser, height: int = 900) -> Page:
    """A page in a context of its own (its own cookies, so its own Streamlit session) that
    counts its script runs for settle(); close it with page.context.close()."""
    context = browser.new_context(viewport={"width": WIDTH, "height": height})
    context.add_init_script(COUNT_RUNS)
    return context.new_page()


def wait_rendered(page: Page, ready: list[str] = CORPUS_READY) -> None:
    """Until the script run is over and the page's `ready` elements are drawn."""
    page.wait_for_selector(IDLE_APP, timeout=RENDER_MS)
    for selector in ready:
        page.wait_for_selector(selector, timeout=RENDER_MS)
    page.wait_for_selector(IDLE_APP, timeout=RENDER_MS)
    mark_settled(page)


def mark_settled(page: Page) -> None:
    """The runs so far are over: the next settle() waits for one started after this."""
    page.evaluate("() => { window.__smSettled = window.__smRuns; }")


def settle(page: Page) -> None:
    """Until the rerun started by a click, a key or an upload is over; when none starts within
    RERUN_START_MS the action started none (a page from new_page counts its runs)."""
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function("() => window.__smRuns > window.__smSettled", timeout=RERUN_START_MS)
    page.wait_for_selector(IDLE_APP, timeout=RENDER_MS)
    mark_settled(page)


def pick_option(page: Page, box: Locator, option: Locator) -> None:
    """Open the select box `box`, click `option` and wait for the rerun. A click that lands while
    the page re-renders only focuses the box: then close it and click again."""
    control = box.get_by_role("combobox").or_(box.get_by_role("button")).first  # not the label
    for _ in range(3):
        control.click()
        try:
            option.wait_for(timeout=5_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
            settle(page)
    option.click()
    settle(page)


def next_frame(page: Page) -> None:
    """Until the browser has drawn a frame: what an event handler did is on the page by then
    (and a dialog it opened has reached the test's handler)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done(null)))")


def full_screenshot(page: Page, path: Path) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content, then shoot."""
    page.mouse.move(0, 0)  # no hover label over the charts
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": WIDTH, "height": int(height) + 40})
    page.wait_for_selector(IDLE_APP, timeout=RENDER_MS)
    next_frame(page)  # Plotly and the data grids re-lay out at the new size
    next_frame(page)
    page.screenshot(path=str(path), full_page=True)


class Screenshot:
    """screenshot(page, name): a full-page PNG named `name` in `folder`; does nothing when
    `folder` is None (screenshots were not asked for)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def __call__(self, page: Page, name: str) -> None:
        if self.folder is not None:
            full_screenshot(page, self.folder / f"{name}.png")
