"""Every page opened in headless Chromium against `streamlit run dashboard.py`; screenshots."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

pytestmark = pytest.mark.browser

# (name, URL path). The default page lives at "/"; later pages add their url_path here.
PAGES = [("corpus", "")]

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


def start_server(repo_root: Path, log: Path) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=repo_root, stdout=out, stderr=subprocess.STDOUT)
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


@pytest.fixture(scope="module")
def output_dir(repo_root: Path) -> Path:
    folder = repo_root / "tests" / "output" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def server_url(
    repo_root: Path, tmp_path_factory: pytest.TempPathFactory, browser: Browser
) -> Iterator[str]:
    """A Streamlit server for this module, warmed up by one visit to the main page.

    The warm-up makes the first test's timing fair; a cold deep link is tested on its own
    server at the end of this module.
    """
    url, server = start_server(repo_root, tmp_path_factory.mktemp("streamlit") / "server.log")
    try:
        warm = browser.new_page()
        warm.goto(url)
        wait_rendered(warm)
        warm.close()
        yield url
    finally:
        stop_server(server)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def wait_rendered(page: Page) -> None:
    """Until the script run is over and the page's metrics and chart are drawn."""
    page.wait_for_selector(IDLE_APP, timeout=RENDER_MS)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=RENDER_MS)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=RENDER_MS)
    page.wait_for_selector(IDLE_APP, timeout=RENDER_MS)


def full_screenshot(page: Page, path: Path) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content, then shoot."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": WIDTH, "height": int(height) + 40})
    page.wait_for_timeout(800)  # let Plotly and the data grids re-lay out at the new size
    page.screenshot(path=str(path), full_page=True)


@pytest.mark.parametrize(("name", "path"), PAGES)
def test_page_renders_without_exception(
    page: Page, server_url: str, output_dir: Path, name: str, path: str
) -> None:
    page.goto(f"{server_url}/{path}")
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Active corpus")
    full_screenshot(page, output_dir / f"{name}.png")


def test_upload_shows_the_rejected_record(page: Page, server_url: str, output_dir: Path) -> None:
    page.goto(server_url)
    wait_rendered(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(FIXTURES / "upload_one_bad.jsonl")
    )
    expect(page.get_by_text("1 record rejected", exact=False)).to_be_visible(timeout=RENDER_MS)
    expect(page.get_by_text("upload_one_bad.jsonl, line 3, field text: no text:")).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Your upload: 1 file")
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    full_screenshot(page, output_dir / "corpus_upload.png")


def test_deep_link_on_a_fresh_server_gets_the_shared_sidebar(
    page: Page, repo_root: Path, tmp_path: Path
) -> None:
    """A shared link opened first on a cold server still runs inside dashboard.py (ui.shell)."""
    url, server = start_server(repo_root, tmp_path / "server.log")
    try:
        page.goto(f"{url}/corpus")
        wait_rendered(page)
        expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(
            "Active corpus", timeout=5_000
        )
    finally:
        stop_server(server)
