"""A password-protected server in headless Chromium: every page URL asks for the password first
and shows nothing of the corpus; the right password opens the page the URL named.

The first visit is a deep link on a cold server: the case where Streamlit would run a page file
on its own (ui.shell.start_page reruns it through dashboard.py, and so through the gate).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.app.test_access import PAGES
from tests.browser.harness import (
    IDLE_APP,
    RENDER_MS,
    Screenshot,
    next_frame,
    start_server,
    stop_server,
)
from ui.auth import WRONG, hash_password

pytestmark = pytest.mark.browser

PASSWORD = "team password 2026"
# What only an opened page draws (the login draws none of these).
DATA = [
    '[data-testid="stMetric"]',
    '[data-testid="stDataFrame"]',
    ".js-plotly-plot",
    '[data-testid="stSelectbox"]',
    '[data-testid="stMultiSelect"]',
    '[data-testid="stFileUploader"]',
]
# Deep links first (the first one hits the cold server), the default page ("/") last.
URLS = sorted(PAGES, key=lambda page: page[1] == "")


@pytest.fixture(scope="module")
def server_url(
    repo_root: Path, tmp_path_factory: pytest.TempPathFactory, tables: Path
) -> Iterator[str]:
    """This module's own server, with a password (the only tests that need one), reading the
    session's fixture tables."""
    log = tmp_path_factory.mktemp("streamlit-access") / "server.log"
    env = {"STANCEMAP_PASSWORD_HASH": hash_password(PASSWORD)}
    url, server = start_server(repo_root, log, tables, env=env)
    try:
        yield url
    finally:
        stop_server(server)


def expect_login(page: Page) -> None:
    """The login form, and nothing of the app: no data element, no app sidebar."""
    expect(page.get_by_role("button", name="Log in")).to_be_visible(timeout=RENDER_MS)
    # The run is over and a frame drawn: anything a page drew after the gate would be here now.
    page.wait_for_selector(IDLE_APP, timeout=RENDER_MS)
    next_frame(page)
    for selector in DATA:
        assert page.locator(selector).count() == 0, f"{selector} shown before login"
    assert page.locator('[data-testid="stException"]').count() == 0
    expect(page.locator('[data-testid="stMain"]')).not_to_contain_text("Articles accepted")
    sidebar = page.locator('[data-testid="stSidebarUserContent"]')
    assert sidebar.count() == 0 or "Active corpus" not in sidebar.inner_text()


def log_in(page: Page, password: str) -> None:
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.parametrize(("path", "url"), URLS, ids=[Path(path).stem for path, _ in URLS])
def test_every_page_asks_for_the_password_first(
    page: Page, server_url: str, screenshot: Screenshot, path: str, url: str
) -> None:
    page.goto(f"{server_url}/{url}")
    expect_login(page)
    screenshot(page, f"login_{Path(path).stem}")
    log_in(page, PASSWORD)
    expect(page.get_by_role("button", name="Log in")).to_have_count(0, timeout=RENDER_MS)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(
        "Active corpus", timeout=RENDER_MS
    )
    page.wait_for_selector(IDLE_APP, timeout=RENDER_MS)
    assert page.locator('[data-testid="stException"]').count() == 0
    if url:  # the page the link named, not the default one
        assert page.url.split("?")[0].endswith(f"/{url}")
        current = page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]')
        expect(current).to_have_attribute("href", f"{server_url}/{url}")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_a_wrong_password_is_refused(page: Page, server_url: str, screenshot: Screenshot) -> None:
    page.goto(f"{server_url}/corpus")
    expect_login(page)
    log_in(page, "not the password")
    expect(page.get_by_text(WRONG)).to_be_visible(timeout=RENDER_MS)
    expect_login(page)
    screenshot(page, "login_wrong_password")


def test_a_new_tab_asks_again(page: Page, server_url: str) -> None:
    """The login lasts as long as the browser session (the Streamlit session), no longer."""
    page.goto(f"{server_url}/corpus")
    expect_login(page)
    log_in(page, PASSWORD)
    expect(page.locator('[data-testid="stMetric"]').first).to_be_visible(timeout=RENDER_MS)
    other = page.context.new_page()
    other.goto(f"{server_url}/corpus")
    expect_login(other)
