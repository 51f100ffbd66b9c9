"""Every page opened in headless Chromium against `streamlit run dashboard.py`; screenshots.

The server reads a small prebuilt tables folder (tests/app/fixture_tables.py) through
STANCEMAP_TABLES, so these tests neither wait for nor depend on the full `make data` build.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.app.fixture_tables import HOSTILE_ID, VOA_TITLE
from tests.browser.harness import (
    CORPUS_READY,
    FIXTURES,
    RENDER_MS,
    WIDTH,
    Screenshot,
    next_frame,
    start_server,
    stop_server,
    wait_rendered,
)

pytestmark = pytest.mark.browser

VOA_ID = "voa-27fd23de05ff"  # content-derived: the same in every build of the VOA pack
PICKER_READY = ['[data-testid="stSelectbox"]', '[data-testid="stAlertContentInfo"]']
ARTICLE_READY = [".sm-article .sm-quote", '[data-testid="stDataFrame"]']
CHART_READY = [".js-plotly-plot .main-svg"]
CONCEPTS_READY = ['[data-testid="stDataFrame"]', '[data-testid="stForm"]']
# (name, URL path, what shows the page is drawn). The default page lives at "/".
OVERVIEW_READY = ['[data-testid="stMetric"]', ".js-plotly-plot .barlayer"]
NETWORK_READY = [*CHART_READY, ".js-plotly-plot .scatterlayer"]
EVIDENCE_READY = ['[data-testid="stDataFrame"]']
PAGES = [
    ("overview", "", OVERVIEW_READY),
    ("corpus", "corpus", CORPUS_READY),
    ("network", "network", NETWORK_READY),
    ("evidence", "evidence", EVIDENCE_READY),
    ("article", "article", PICKER_READY),
    ("article_voa", f"article?article={VOA_ID}", ARTICLE_READY),
    ("stances", "stances", [*CHART_READY, ".js-plotly-plot .heatmaplayer"]),
    ("timeline", "timeline", [*CHART_READY, ".js-plotly-plot .barlayer"]),
    ("concepts", "concepts", CONCEPTS_READY),
    # the gold download is drawn with or without corrections (other tests make some)
    ("corrections", "corrections", ['[data-testid="stDownloadButton"]']),
]


@pytest.mark.parametrize(("name", "path", "ready"), PAGES)
def test_page_renders_without_exception(
    page: Page, server_url: str, screenshot: Screenshot, name: str, path: str, ready: list[str]
) -> None:
    elsewhere: list[str] = []  # requests that leave the server (the map's shapes are served
    # from a local copy by the page fixture: plotly.js asks its CDN for them)
    page.on(
        "request",
        lambda r: (
            None
            if urlsplit(r.url).hostname in ("127.0.0.1", "localhost", None)
            or r.url.endswith("/world_110m.json")
            else elsewhere.append(r.url)
        ),
    )
    page.goto(f"{server_url}/{path}")
    wait_rendered(page, ready)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not elsewhere, f"the page asked other hosts: {elsewhere}"
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Active corpus")
    screenshot(page, f"{name}")


def test_upload_shows_the_rejected_record(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    page.goto(f"{server_url}/corpus")
    wait_rendered(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(FIXTURES / "upload_one_bad.jsonl")
    )
    expect(page.get_by_text("1 record rejected", exact=False)).to_be_visible(timeout=RENDER_MS)
    expect(page.get_by_text("upload_one_bad.jsonl, line 3, field text: no text:")).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Your upload: 1 file")
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "corpus_upload")


def test_choosing_an_article_opens_it_and_sets_the_url(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/article")
    wait_rendered(page, PICKER_READY)
    search = page.get_by_role("textbox", name="Search titles and texts")
    search.fill("missile defense")
    search.press("Enter")
    expect(page.get_by_text("1 article match.")).to_be_visible(timeout=RENDER_MS)
    page.locator('[data-testid="stSelectbox"]').click()
    page.get_by_role("option", name=VOA_TITLE, exact=False).click()
    wait_rendered(page, ARTICLE_READY)
    address = urlsplit(page.url)
    assert address.path == "/article" and parse_qs(address.query)["article"] == [VOA_ID]
    expect(page.locator(".sm-head .sm-title")).to_have_text(VOA_TITLE)


def test_hostile_article_runs_no_script(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(f"{server_url}/article?article={HOSTILE_ID}")
    wait_rendered(page, ARTICLE_READY)
    expect(page.locator(".sm-head .sm-title")).to_have_text("<script>alert('title')</script>")
    expect(page.locator(".sm-head a")).to_have_count(0)  # a javascript: URL is not a link
    page.locator(".sm-article .sm-mention").first.hover()
    next_frame(page)  # a handler the hover ran has run, and its dialog reached `record`
    assert dialogs == []
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "article_hostile")


@pytest.mark.parametrize(
    ("name", "path", "ready"),
    [("corpus", "corpus", CORPUS_READY), ("article", f"article?article={VOA_ID}", ARTICLE_READY)],
)
def test_deep_link_on_a_fresh_server_gets_the_shared_sidebar(
    page: Page,
    repo_root: Path,
    tmp_path: Path,
    tables: Path,
    screenshot: Screenshot,
    name: str,
    path: str,
    ready: list[str],
) -> None:
    """A shared link opened first on a cold server still runs inside dashboard.py (ui.shell).

    Each case needs a server no session has visited yet, so each starts its own."""
    url, server = start_server(repo_root, tmp_path / "server.log", tables)
    try:
        page.goto(f"{url}/{path}")
        wait_rendered(page, ready)
        expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(
            "Active corpus", timeout=5_000
        )
        assert page.locator('[data-testid="stException"]').count() == 0
        if name == "article":  # (the default page's URL is shown as "/", so only here)
            shown = urlsplit(page.url)  # the app adds its own parameters (data=...)
            wanted = urlsplit(f"/{path}")
            assert shown.path == wanted.path
            assert parse_qs(wanted.query).items() <= parse_qs(shown.query).items()
            expect(page.locator(".sm-head .sm-title")).to_have_text(VOA_TITLE)
            for speaker in ("Jaap de Hoop Scheffer", "Eric Edelman", "Konstantin Totskiy"):
                expect(page.locator(".sm-notes").get_by_text(speaker).first).to_be_visible()
        screenshot(page, f"{name}_deep_link_cold")
    finally:
        stop_server(server)


# ---------------------------------------------------------------------------- stance charts


def click_mark(page: Page, selector: str, index: int = 0) -> None:
    """Click the middle of one mark of the first chart, as a person would (Plotly listens on
    the plot area, not on the marks, so a real mouse click at the mark's position)."""
    page.set_viewport_size({"width": WIDTH, "height": 2400})  # the whole chart on screen
    box = page.locator(f".js-plotly-plot {selector}").nth(index).bounding_box()
    assert box is not None, f"no mark {selector} #{index}"
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def expect_evidence(page: Page) -> None:
    expect(page.locator(".sm-evidence .sm-ev-head")).to_contain_text(
        "in ", timeout=RENDER_MS
    )  # "3 sentences in 2 articles"
    wait_rendered(page, [".sm-evidence li"])
    assert page.locator('[data-testid="stException"]').count() == 0
    link = page.locator(".sm-evidence li a").first
    assert (link.get_attribute("href") or "").startswith("article?article=")


def choose_view(page: Page, label: str) -> None:
    page.get_by_text(label, exact=True).click()
    wait_rendered(page, CHART_READY)


def test_clicking_a_matrix_cell_lists_its_evidence(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    page.goto(f"{server_url}/stances")
    wait_rendered(page, [*CHART_READY, ".heatmaplayer"])
    click_mark(page, ".scatterlayer .point", 0)  # the top-left cell: most statements
    expect_evidence(page)
    screenshot(page, "stances_evidence")


def test_clicking_a_bar_lists_its_evidence(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    page.goto(f"{server_url}/stances")
    wait_rendered(page, CHART_READY)
    choose_view(page, "Bars: for and against one concept")
    wait_rendered(page, [".barlayer .point"])
    click_mark(page, ".barlayer .point path", 0)
    expect_evidence(page)
    screenshot(page, "stances_bars")


def test_clicking_a_country_lists_its_evidence(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    page.goto(f"{server_url}/stances")
    wait_rendered(page, CHART_READY)
    choose_view(page, "Map: one concept, by country")
    wait_rendered(page, [".choroplethlayer path", ".geo .layer.countries path"])
    expect(page.get_by_text("no place on the map", exact=False)).to_be_visible()
    # Germany: compact, so the middle of its box is inside it.
    index = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data[0].locations.indexOf('DEU')"
    )
    assert index >= 0, "Germany is not on the map of the fixture's most frequent concept"
    click_mark(page, ".choroplethlayer path.choroplethlocation", index)
    expect_evidence(page)
    expect(page.locator(".sm-evidence")).to_contain_text("Germany")
    screenshot(page, "stances_map")


def test_clicking_a_period_lists_its_evidence(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    page.goto(f"{server_url}/timeline")
    wait_rendered(page, [*CHART_READY, ".barlayer .point"])
    click_mark(page, ".barlayer .point path", 0)
    expect_evidence(page)
    screenshot(page, "timeline_evidence")
