"""What every browser test needs: a Streamlit server on a free loopback port, Debian's Chromium,
waiting for a page to be drawn, full-page screenshots.

`start_server(repo_root, log, tables, env={...})` passes extra environment (STANCEMAP_* settings)
to the server, so a test can start one with a password, read-only mode or its own tables.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from playwright.sync_api import Page

CORPUS_READY = ['[data-testid="stMetric"]', ".js-plotly-plot .main-svg"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_S = 60
RENDER_MS = 60_000
IDLE_APP = '[data-testid="stApp"][data-test-script-state="notRunning"]'
WIDTH = 1440
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "app"
# plotly.js draws a map with country shapes it fetches from its CDN; offline, serve a copy.
TOPOJSON = Path(__file__).resolve().parent / "topojson" / "world_110m.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit not healthy after {STARTUP_S}s:\n{log.read_text()}")


def start_server(
    repo_root: Path, log: Path, tables: Path, env: Mapping[str, str] | None = None
) -> tuple[str, subprocess.Popen[bytes]]:
    """`streamlit run dashboard.py` reading `tables`, with `env` added; waits until healthy."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    full_env = {**os.environ, "STANCEMAP_TABLES": str(tables), **(env or {})}
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, cwd=repo_root, env=full_env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, server, log)
    except BaseException:
        stop_server(server)
        raise
    return url, server


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


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
