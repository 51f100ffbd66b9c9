"""Corrections are shared: session A marks a stance wrong on the Article page; session B, a
fresh browser context, sees the Overview's statement count drop and the correction listed
(with its hostile note inert); A undoes it and B's count is back. Also times the fix."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from analysis.corrections.service import current
from analysis.corrections.store import CorrectionStore
from analysis.store import read_table
from tests.browser.conftest import AppServer
from tests.browser.harness import RENDER_MS, Screenshot, pick_option, settle, wait_rendered

pytestmark = pytest.mark.browser

NOTE = "<script>alert('note')</script> [x](javascript:alert('note'))"
METRIC = '[data-testid="stMetric"]'


@pytest.fixture(autouse=True)
def no_corrections_left(app_server: AppServer) -> Iterator[None]:
    """The session's server is shared: undo whatever a failing test left in force, so that the
    other browser tests see every statement."""
    yield
    store = CorrectionStore(app_server.db_url)
    for batch in sorted({correction.batch for correction in current(store)}):
        store.undo(batch, author="test clean-up")


def statements_metric(page: Page) -> int:
    """The Overview's 'Statements' figure."""
    metric = page.locator(METRIC).filter(has_text="Statements").first
    value = metric.locator('[data-testid="stMetricValue"]').inner_text()
    return int(re.sub(r"\D", "", value))


def open_overview(page: Page, server_url: str) -> int:
    page.goto(f"{server_url}/overview")
    wait_rendered(page, [METRIC])
    return statements_metric(page)


def choose(page: Page, label: str, option: int) -> None:
    """Pick option number `option` of the select box labelled `label`."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    pick_option(page, box, page.locator('[role="option"]').nth(option))


def test_a_fix_in_one_session_shows_in_another_and_undo_restores(
    new_tab: Callable[..., Page], server_url: str, tables: Path, screenshot: Screenshot
) -> None:
    statements = read_table(tables, "document_stances")
    article_id = str(statements.sort_values("article_id")["article_id"].iloc[0])
    a, b = new_tab(), new_tab()
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    b.on("dialog", record)
    before = open_overview(b, server_url)

    a.goto(f"{server_url}/article?article={article_id}")
    wait_rendered(a, ['[data-testid="stSelectbox"]:has-text("Correct a sentence")'])
    started = time.perf_counter()
    choose(a, "Correct a sentence", 1)
    a.get_by_label("Note (optional)").first.fill(NOTE)
    a.get_by_role("button", name="Mark wrong").click()
    settle(a)
    fix_seconds = time.perf_counter() - started
    print(f"marking a stance wrong took {fix_seconds:.1f} s of browser time")
    assert fix_seconds < 10
    assert a.locator('[data-testid="stException"]').count() == 0

    b.reload()
    wait_rendered(b, [METRIC])
    assert statements_metric(b) == before - 1
    expect(b.locator('[data-testid="stSidebar"]')).to_contain_text("1 correction applied")
    screenshot(b, "corrections_b_overview")

    b.goto(f"{server_url}/corrections")
    wait_rendered(b, ['[data-testid="stDataFrame"]'])
    expect(b.locator('[data-testid="stMain"]')).to_contain_text("1 in force")
    assert b.locator("script:has-text(\"alert('note')\")").count() == 0
    assert not dialogs
    screenshot(b, "corrections_b_page")

    a.goto(f"{server_url}/corrections")
    wait_rendered(a, ['[data-testid="stSelectbox"]:has-text("Undo a correction")'])
    choose(a, "Undo a correction", 1)
    a.get_by_role("button", name="Undo").click()
    settle(a)
    expect(a.locator('[data-testid="stMain"]')).to_contain_text("0 in force", timeout=RENDER_MS)

    assert open_overview(b, server_url) == before
    assert not dialogs
