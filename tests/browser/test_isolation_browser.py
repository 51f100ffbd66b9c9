"""One user's upload is never seen by another: two browser contexts against one server.

Context A uploads a corpus whose titles carry a unique marker and opens every page with it
(filling any cache a page keeps). Context B, a second person, then opens every page, and
searches the Article page for the marker: it never sees the marker nor "Your upload" in its
sidebar. Finally A still has its upload.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import RENDER_MS, Screenshot, wait_rendered
from tests.browser.test_hostile_browser import (
    HOSTILE,
    SIDEBAR,
    nav_pages,
    open_page,
    page_name,
    search_article,
    upload,
)

pytestmark = pytest.mark.browser

UPLOAD = HOSTILE / "isolation_marker.jsonl"
MARKER = "Zqxmarker7731"
MARKER_ID = "isolation-marker-1"


def body_text(page: Page) -> str:
    """Everything the page shows as text, in every frame."""
    return "\n".join(str(frame.evaluate("() => document.body.innerText")) for frame in page.frames)


def assert_marker_absent(page: Page, where: str) -> None:
    expect(page.locator(SIDEBAR)).not_to_contain_text("Your upload")
    assert MARKER.casefold() not in body_text(page).casefold(), where
    assert page.locator('[data-testid="stException"]').count() == 0, where


def find_marker(page: Page) -> None:
    """On the Article page: search for the marker (the page then says how many match)."""
    open_page(page, next(h for h in nav_pages(page) if page_name(h) == "article"))
    search_article(page, MARKER)


def test_an_upload_stays_in_its_own_session(
    new_tab: Callable[..., Page], server_url: str, screenshot: Screenshot
) -> None:
    owner, other = new_tab(), new_tab()
    upload(owner, server_url, UPLOAD)
    expect(owner.locator(SIDEBAR)).to_contain_text("Your upload: 1 file")
    for href in nav_pages(owner):  # the owner's visits fill whatever the pages cache
        open_page(owner, href)
        expect(owner.locator(SIDEBAR)).to_contain_text("Your upload")
    find_marker(owner)
    expect(owner.get_by_text("2 articles match.")).to_be_visible(timeout=RENDER_MS)

    other.goto(f"{server_url}/corpus")
    wait_rendered(other, [SIDEBAR])
    for href in nav_pages(other):
        open_page(other, href)
        assert_marker_absent(other, href)
        screenshot(other, f"isolation_other_{page_name(href)}")
    find_marker(other)
    expect(other.get_by_text("0 articles match.")).to_be_visible(timeout=RENDER_MS)
    assert_marker_absent(other, "article search")
    other.goto(f"{server_url}/article?article={MARKER_ID}")  # a guessed deep link
    wait_rendered(other, [SIDEBAR])
    assert_marker_absent(other, "article deep link")
    screenshot(other, "isolation_other_deep_link")

    find_marker(owner)  # the owner's session still has its upload
    expect(owner.locator(SIDEBAR)).to_contain_text("Your upload: 1 file")
    expect(owner.get_by_text("2 articles match.")).to_be_visible(timeout=RENDER_MS)
    screenshot(owner, "isolation_owner_after")
