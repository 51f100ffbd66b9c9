"""Sharing and exporting in Chromium: a permalink opened in a fresh context shows the same view;
chart marks lead to their evidence; a chart downloads as a 1600x900 PNG and as CSV."""

from __future__ import annotations

import csv
import io
import struct
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.harness import (
    RENDER_MS,
    WIDTH,
    Screenshot,
    wait_rendered,
)

pytestmark = pytest.mark.browser

CHART = [".js-plotly-plot .main-svg"]
UKRAINE_LABEL = "Support Ukraine against Russia's invasion"


def sidebar_multiselect(page: Page, label: str, option: str) -> None:
    """Choose `option` in the sidebar multiselect labelled `label`, as a person would."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text=label
    )
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_rendered(page, CHART)


def chart_title(page: Page) -> str:
    return str(page.locator(".js-plotly-plot .gtitle").first.text_content())


def permalink(page: Page) -> str:
    page.get_by_text("Copy link to this view").click()
    code = page.locator('[data-testid="stPopoverBody"] code').first
    expect(code).to_contain_text("http", timeout=RENDER_MS)
    return code.inner_text().strip()


def test_a_permalink_opens_the_same_view_in_a_fresh_context(
    browser: Browser, server_url: str, screenshot: Screenshot
) -> None:
    first = browser.new_context(viewport={"width": WIDTH, "height": 1200}).new_page()
    first.goto(f"{server_url}/stances")
    wait_rendered(first, CHART)
    sidebar_multiselect(first, "Concepts", UKRAINE_LABEL)
    first.get_by_text("Bars: for and against one concept", exact=True).click()
    wait_rendered(first, [*CHART, ".barlayer .point"])
    title = chart_title(first)
    link = permalink(first)
    assert "/stances?" in link and "concept=ukraine_sovereignty" in link and "view=bars" in link
    assert first.url.split("?", 1)[1] == link.split("?", 1)[1]  # the address bar says the same
    screenshot(first, "share_before")
    first.context.close()

    second = browser.new_context(viewport={"width": WIDTH, "height": 1200}).new_page()
    second.goto(link)
    wait_rendered(second, [*CHART, ".barlayer .point"])
    sidebar = second.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(UKRAINE_LABEL)).to_be_visible()
    expect(second.get_by_role("radio", name="Bars: for and against one concept")).to_be_checked()
    assert chart_title(second) == title
    assert second.locator('[data-testid="stException"]').count() == 0
    screenshot(second, "share_after")
    second.context.close()


def test_a_bad_link_is_shown_with_a_notice(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/stances?actor=NOWHERE&view=pie&min=lots")
    wait_rendered(page, CHART)
    notice = page.get_by_text("Parts of the link were ignored", exact=False)
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("actor: 'NOWHERE' not in this corpus")
    assert page.locator('[data-testid="stException"]').count() == 0


def click_middle(page: Page, selector: str, index: int = 0) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 2400})
    box = page.locator(selector).nth(index).bounding_box()
    assert box is not None, f"no mark {selector} #{index}"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_clicking_an_overview_bar_lists_its_evidence(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    page.goto(server_url)
    wait_rendered(page, [*CHART, ".barlayer .point"])
    click_mark_and_expect_evidence(page, ".js-plotly-plot .barlayer .point path")
    assert "pick=overview.divided" in page.url
    screenshot(page, "overview_evidence")


def test_clicking_a_network_edge_lists_its_evidence(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    page.goto(f"{server_url}/network")
    wait_rendered(page, [*CHART, ".scatterlayer .trace .point"])
    # the traces: edge lines, then the edge midpoints, then the nodes (charts.network)
    midpoints = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data"
        ".findIndex(t => t.customdata && t.customdata.length && t.customdata[0].length === 3)"
    )
    assert midpoints >= 0, "no edge midpoints on the fixture's network"
    selector = f".js-plotly-plot .scatterlayer .trace:nth-of-type({midpoints + 1}) .point"
    click_mark_and_expect_evidence(page, selector)
    screenshot(page, "network_evidence")


def test_clicking_a_corpus_bar_lists_its_articles(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/corpus")
    wait_rendered(page, [*CHART, ".barlayer .point"])
    click_middle(page, ".js-plotly-plot .barlayer .point path")
    expect(page.get_by_text("a link opens the article", exact=False)).to_be_visible(
        timeout=RENDER_MS
    )
    assert page.locator('[data-testid="stException"]').count() == 0


def click_mark_and_expect_evidence(page: Page, selector: str) -> None:
    click_middle(page, selector)
    expect(page.locator(".sm-evidence .sm-ev-head")).to_contain_text("in ", timeout=RENDER_MS)
    wait_rendered(page, [".sm-evidence li"])
    assert page.locator('[data-testid="stException"]').count() == 0


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_a_chart_downloads_as_png_and_csv(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    page.goto(f"{server_url}/stances")
    wait_rendered(page, CHART)
    with page.expect_download(timeout=RENDER_MS) as png:
        page.get_by_role("button", name="Download PNG").first.click()
    image = Path(png.value.path()).read_bytes()
    assert png_size(image) == (1600, 900)
    if screenshot.folder is not None:  # the exported slide, for a person to look at
        (screenshot.folder / "stances_matrix_export.png").write_bytes(image)
    with page.expect_download(timeout=RENDER_MS) as table:
        page.get_by_role("button", name="Download CSV").first.click()
    rows = list(csv.DictReader(io.StringIO(Path(table.value.path()).read_text("utf-8"))))
    assert rows and {"actor", "concept", "statements", "mean_polarity"} <= set(rows[0])
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_shared_link_draws_its_clicked_mark_selected(
    browser: Browser, server_url: str, screenshot: Screenshot
) -> None:
    first = browser.new_context(viewport={"width": WIDTH, "height": 2400}).new_page()
    first.goto(f"{server_url}/stances")
    wait_rendered(first, [*CHART, ".heatmaplayer"])
    box = first.locator(".js-plotly-plot .scatterlayer .point").first.bounding_box()
    assert box is not None
    first.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    first.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_rendered(first, [".sm-evidence li"])
    link = permalink(first)
    assert "pick=" in link
    first.context.close()

    second = browser.new_context(viewport={"width": WIDTH, "height": 2400}).new_page()
    second.goto(link)
    wait_rendered(second, [*CHART, ".heatmaplayer", ".sm-evidence li"])
    selected = second.evaluate(
        "() => document.querySelector('.js-plotly-plot').data.map(t => t.selectedpoints || null)"
    )
    assert [points for points in selected if points] == [[0]]  # the top-left cell, ringed
    screenshot(second, "share_selected")
    second.context.close()
