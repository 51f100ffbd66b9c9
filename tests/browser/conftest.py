"""Fixtures of the browser tests: one Chromium and one app server for the whole session, a
fresh context per test, screenshots on failure or on request.

The session's server reads the small fixture tables with the default settings. A test that needs
a server configured otherwise (a password) starts its own in its module, once; a test of a cold
server starts one per case.

Screenshots of every page are taken only with `pytest --screenshots` or STANCEMAP_SCREENSHOTS=1
(into tests/output/screenshots, for a person to look at); a failing test always leaves one of
each page it had open in tests/output/screenshots/failed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from analysis.build import LocalAnalyser
from tests.app.fixture_tables import fixture_tables
from tests.browser.harness import (
    CHROMIUM_ARGS,
    Screenshot,
    new_page,
    start_server,
    stop_server,
    wait_rendered,
)
from tests.conftest import SCREENSHOTS_ENV


class AppServer(NamedTuple):
    url: str
    db_url: str  # its corrections database


@pytest.fixture(scope="session")
def output_root(repo_root: Path) -> Path:
    return repo_root / "tests" / "output" / "screenshots"


@pytest.fixture(scope="session")
def screenshot(request: pytest.FixtureRequest, output_root: Path) -> Screenshot:
    """Saves screenshots only with --screenshots or STANCEMAP_SCREENSHOTS=1."""
    wanted = request.config.getoption("--screenshots") or os.environ.get(SCREENSHOTS_ENV) == "1"
    if not wanted:
        return Screenshot(None)
    output_root.mkdir(parents=True, exist_ok=True)
    return Screenshot(output_root)


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def tables(tmp_path_factory: pytest.TempPathFactory, analyser: LocalAnalyser) -> Path:
    """The small prebuilt tables folder (tests/app/fixture_tables.py) every server reads."""
    return fixture_tables(tmp_path_factory, analyser)


@pytest.fixture(scope="session")
def app_server(
    repo_root: Path, tmp_path_factory: pytest.TempPathFactory, browser: Browser, tables: Path
) -> Iterator[AppServer]:
    """The session's server (default settings), warmed up by one visit to the main page so
    that the first test's timing is fair."""
    folder = tmp_path_factory.mktemp("streamlit")
    url, server = start_server(repo_root, folder / "server.log", tables)
    try:
        warm = new_page(browser)
        warm.goto(url)
        wait_rendered(warm)
        warm.context.close()
        yield AppServer(url, f"sqlite:///{folder / 'corrections.sqlite3'}")
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def server_url(app_server: AppServer) -> str:
    return app_server.url


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[Callable[..., Page]]:
    """new_tab(height=900): a page in a new context (a new Streamlit session), closed after
    the test (so that a failure's screenshot can still see it)."""
    pages: list[Page] = []

    def open_one(height: int = 900) -> Page:
        pages.append(new_page(browser, height))
        return pages[-1]

    yield open_one
    for page in pages:
        page.context.close()


@pytest.fixture
def page(new_tab: Callable[..., Page]) -> Page:
    return new_tab()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failing browser test leaves a screenshot of every page still open in the browser."""
    report = yield
    browser = getattr(item, "funcargs", {}).get("browser")
    if report.failed and call.when == "call" and isinstance(browser, Browser):
        folder = item.config.rootpath / "tests" / "output" / "screenshots" / "failed"
        folder.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", item.name)[:120]
        pages = [p for context in browser.contexts for p in context.pages if not p.is_closed()]
        for number, open_one in enumerate(pages):
            try:
                open_one.screenshot(path=str(folder / f"{stem}-{number}.png"), full_page=True)
            except Exception as e:  # a page that cannot be shot must not hide the failure
                report.sections.append(("screenshot", f"page {number}: {e}"))
    return report
