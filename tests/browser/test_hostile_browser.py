"""A hostile upload in headless Chromium: no script runs on any page, the text shows as typed.

The upload (tests/fixtures/hostile/hostile_upload.jsonl) carries <script>, <img onerror>,
javascript: URLs, Markdown links to javascript: and to another site, <b> tags and HTML entities
in its titles, texts, sources and URLs. After uploading it, every page in the sidebar navigation
is opened (pages added later are covered without editing this test) and checked: nothing set
window.__pwned, no dialog opened, no element of the payload exists in the DOM, no link other
than http(s) is clickable, no page raised. The Article page then shows each title exactly as
typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from analysis.textclean import plain_text
from tests.browser.harness import (
    RENDER_MS,
    Screenshot,
    new_page,
    next_frame,
    pick_option,
    settle,
    wait_rendered,
)

pytestmark = pytest.mark.browser

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
UPLOAD = HOSTILE / "hostile_upload.jsonl"
NAV_LINKS = '[data-testid="stSidebarNav"] a'
NAV_MORE = '[data-testid="stSidebarNavViewButton"]'
SIDEBAR = '[data-testid="stSidebar"]'
UPLOADER = '[data-testid="stFileUploader"]'
# Everything a page must not hold, checked in every frame: elements the payload would create,
# event handlers mentioning it, and links whose scheme is not http(s).
DOM_PROBE = """() => {
  const all = [...document.querySelectorAll('*')];
  const handlers = all.flatMap(el => [...el.attributes]
      .filter(a => a.name.startsWith('on') && a.value.includes('__pwned'))
      .map(a => `${el.tagName}[${a.name}]`));
  const scripts = [...document.querySelectorAll('script')]
      .filter(s => (s.textContent || '').includes('__pwned') || (s.src || '').includes('__pwned'))
      .map(s => 'SCRIPT');
  const injected = [...document.querySelectorAll('img[src="x"], iframe[src^="javascript" i]')]
      .map(el => el.tagName);
  const links = [...document.querySelectorAll('a[href], area[href]')]
      .map(a => a.href).filter(h => !/^https?:/i.test(h));
  const forms = [...document.querySelectorAll('[action^="javascript" i], [formaction]')]
      .map(el => el.tagName);
  return {pwned: typeof window.__pwned, handlers, scripts, injected, links, forms};
}"""


# The article's paragraphs as the reader sees them, without the Q/S numbers and actor codes.
SHOWN_TEXT = """() => [...document.querySelectorAll('.sm-article .sm-p')].map(p => {
  const copy = p.cloneNode(true);
  copy.querySelectorAll('.sm-qnum, .sm-tag, .sm-snum').forEach(tag => tag.remove());
  return copy.textContent;
}).join('\\n\\n')"""


def hostile_records() -> list[dict[str, str]]:
    lines = UPLOAD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def upload(page: Page, server_url: str, path: Path) -> None:
    """Upload a file on the Corpus page and wait until the sidebar offers it as a corpus."""
    page.goto(f"{server_url}/corpus")
    wait_rendered(page, [UPLOADER])
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    expect(page.locator(SIDEBAR)).to_contain_text("Your upload", timeout=3 * RENDER_MS)
    settle(page)
    expect(page.locator('[data-testid="stProgress"]')).to_have_count(0, timeout=3 * RENDER_MS)
    settle(page)


def nav_pages(page: Page) -> list[str]:
    """The address of every page in the sidebar navigation, the folded ones included."""
    if page.locator(NAV_MORE).count():
        page.locator(NAV_MORE).first.click()
    links = page.locator(NAV_LINKS)
    expect(links.first).to_be_visible(timeout=RENDER_MS)
    return [str(links.nth(i).get_attribute("href")) for i in range(links.count())]


def open_page(page: Page, href: str) -> None:
    """Follow a navigation link inside the app (a new address would start a new session)."""
    if page.locator(NAV_MORE).count():
        page.locator(NAV_MORE).first.click()
    page.locator(f'{NAV_LINKS}[href="{href}"]').click()
    page.wait_for_url(lambda url: url.split("?")[0].rstrip("/") == href.rstrip("/"))
    settle(page)


def page_name(href: str) -> str:
    """'http://127.0.0.1:8501/stances' -> 'stances'; the default page is 'corpus'."""
    return urlsplit(href).path.strip("/") or "corpus"


def assert_harmless(page: Page, dialogs: list[str], where: str) -> None:
    """Nothing of the payload ran or exists, in the page or any of its frames."""
    assert dialogs == [], f"{where}: dialogs {dialogs}"
    assert page.locator('[data-testid="stException"]').count() == 0, where
    for frame in page.frames:
        found = frame.evaluate(DOM_PROBE)
        assert found == {
            "pwned": "undefined",
            "handlers": [],
            "scripts": [],
            "injected": [],
            "links": [],
            "forms": [],
        }, f"{where} ({frame.url}): {found}"


def record_dialogs(page: Page) -> list[str]:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


def hover_everything(page: Page) -> None:
    """Fire mouse events on every link and mark, so a handler smuggled into one would run."""
    page.evaluate(
        """() => document.querySelectorAll('a, .sm-mention, .sm-quote, .sm-snum, .sm-title')
            .forEach(el => ['mouseover', 'mouseenter', 'focus'].forEach(
                type => el.dispatchEvent(new Event(type, {bubbles: true}))))"""
    )
    next_frame(page)


def search_article(page: Page, words: str) -> None:
    """Type `words` into the Article page's search (opening its 'Find an article' box)."""
    search = page.get_by_role("textbox", name="Search titles and texts")
    settle(page)  # the box closes once an article is open: look after that rerun, not during it
    finder = page.locator('[data-testid="stExpander"] details').filter(has_text="Find an article")
    if finder.get_attribute("open") is None:
        finder.locator("summary").click()
    expect(search).to_be_visible(timeout=RENDER_MS)
    search.fill(words)
    search.press("Enter")
    settle(page)


def open_article(page: Page, words: str) -> None:
    """On the Article page: search for `words` and open the first article listed."""
    search_article(page, words)
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Article").first
    pick_option(page, box, page.get_by_role("option", name=words, exact=False).first)


@pytest.fixture(scope="module")
def uploaded(browser: Browser, server_url: str) -> Iterator[tuple[Page, list[str]]]:
    """One session that uploaded the hostile corpus, and the dialogs it has seen so far."""
    page = new_page(browser)
    try:
        dialogs = record_dialogs(page)
        upload(page, server_url, UPLOAD)
        expect(page.locator(SIDEBAR)).to_contain_text("Your upload: 1 file")
        yield page, dialogs
    finally:
        page.context.close()


def test_hostile_upload_runs_no_script_on_any_page(
    uploaded: tuple[Page, list[str]], screenshot: Screenshot
) -> None:
    page, dialogs = uploaded
    assert_harmless(page, dialogs, "corpus page after the upload")
    hrefs = nav_pages(page)
    assert len(hrefs) >= 4, hrefs
    for href in hrefs:
        open_page(page, href)
        expect(page.locator(SIDEBAR)).to_contain_text("Your upload")
        hover_everything(page)
        assert_harmless(page, dialogs, href)
        screenshot(page, f"hostile_{page_name(href)}")


@pytest.mark.parametrize("record", hostile_records(), ids=lambda r: r["id"])
def test_hostile_fields_show_as_typed(
    uploaded: tuple[Page, list[str]], screenshot: Screenshot, record: dict[str, str]
) -> None:
    page, dialogs = uploaded
    open_page(page, next(h for h in nav_pages(page) if page_name(h) == "article"))
    title = record["title"]
    open_article(page, title[title.index("Hostile title") :])
    head = page.locator(".sm-head")
    expect(head.locator(".sm-title")).to_have_text(title, timeout=RENDER_MS)
    expect(head.locator(".sm-meta")).to_contain_text(record["source"])
    links = head.locator("a")
    if record["url"].startswith(("http://", "https://")):
        expect(links).to_have_count(1)
        assert links.first.get_attribute("href") == record["url"]
    else:  # shown as text, never as a link
        expect(links).to_have_count(0)
        expect(head.locator(".sm-meta")).to_contain_text(record["url"])
    # as typed, but for Markdown bold markers, which loading removes ('**strong**' -> 'strong')
    assert page.evaluate(SHOWN_TEXT) == plain_text(record["text"])
    hover_everything(page)
    assert_harmless(page, dialogs, f"article {record['id']}")
    screenshot(page, f"hostile_article_{record['id']}")
