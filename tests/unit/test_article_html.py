"""ui.article_html: escaping of every field, nesting of overlapping spans, paragraphs and notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest

from analysis.nlp.parsed import paragraph_offsets
from ui.article_html import LEGEND, article_html, date_label, header_html, is_web_url

ALLOWED_TAGS = {"style", "div", "p", "span", "b", "i", "ul", "li", "h2", "a"}
ALLOWED_ATTRIBUTES = {"class", "title", "href", "target", "rel"}

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MD_LINK = "[x](javascript:alert(1))"
ATTR_BREAK = '" onmouseover="alert(1)" x="'
SINGLE_BREAK = "' onmouseover='alert(1)' x='"
HOSTILE = [SCRIPT, IMG, MD_LINK, ATTR_BREAK, SINGLE_BREAK]


@dataclass
class Parsed:
    """What a browser would build from the HTML: tags, attributes, text, nesting errors."""

    tags: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str | None]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    classes: list[list[str]] = field(default_factory=list)  # open classes at each text run


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Parsed()
        self.stack: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.tags.append(tag)
        self.out.attributes.extend(attrs)
        self.stack.append((tag, dict(attrs).get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.out.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "style":
            return
        self.out.text.append(data)
        self.out.classes.append([c for _, c in self.stack if c])


def parse(markup: str) -> Parsed:
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    if parser.stack:
        parser.out.errors.append(f"unclosed {parser.stack}")
    return parser.out


def mention(start: int, end: int, actor: str | None = "RUS", label: str = "GPE") -> dict[str, Any]:
    return {"start_char": start, "end_char": end, "label": label, "actor": actor}


def quote(start: int, end: int, **fields: Any) -> dict[str, Any]:
    row = {
        "start_char": start,
        "end_char": end,
        "kind": "direct",
        "speaker": "Konstantin Totskiy",
        "speaker_mention": "Totskiy",
        "actor": "RUS",
        "verb": "say",
        "confidence": 0.9,
    }
    return {**row, **fields}


def assert_safe(markup: str) -> Parsed:
    """Only our tags and attributes, well nested, links only to http(s)."""
    parsed = parse(markup)
    assert parsed.errors == []
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert {name for name, _ in parsed.attributes} <= ALLOWED_ATTRIBUTES
    for name, value in parsed.attributes:
        if name == "href":
            assert value is not None and is_web_url(value)
    return parsed


def assert_not_raw(payload: str, markup: str) -> None:
    """HTML-special characters never come out raw (a Markdown link is inert in HTML)."""
    if any(c in payload for c in "<>\"'"):
        assert payload not in markup
    assert "<script" not in markup and "<img" not in markup


# ---------------------------------------------------------------------------- escaping


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize(
    "where",
    [
        "text",
        "mention_label",
        "mention_actor",
        "speaker",
        "speaker_mention",
        "quote_actor",
        "verb",
        "kind",
        "actor_name",
    ],
)
def test_every_body_field_is_escaped(payload: str, where: str) -> None:
    text = f"Russia said {payload} today." if where == "text" else "Russia said it would act."
    m_fields = {"mention_label": {"label": payload}, "mention_actor": {"actor": payload}}
    m = mention(0, 6, **m_fields.get(where, {}))
    q_fields = {
        "speaker": {"speaker": payload},
        "speaker_mention": {"speaker_mention": payload},
        "quote_actor": {"actor": payload},
        "verb": {"verb": payload},
        "kind": {"kind": payload},
    }.get(where, {})
    names = {"RUS": payload} if where == "actor_name" else {"RUS": "Russia"}
    markup = article_html(text, [m], [quote(12, 18, **q_fields)], actor_names=names)
    parsed = assert_safe(markup)
    assert_not_raw(payload, markup)
    assert "a" not in parsed.tags  # the body links nowhere
    shown = "".join(parsed.text) + "".join(v or "" for _, v in parsed.attributes)
    assert payload in shown  # ... and shown as the characters it is made of


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("where", ["title", "source", "attribution", "url", "date"])
def test_every_header_field_is_escaped(payload: str, where: str) -> None:
    article = {
        "title": "A title",
        "date": "2007-04-19",
        "date_precision": "day",
        "source": "Voice of America",
        "url": "https://www.voanews.com/a/1",
        "attribution": "Source: Voice of America - public domain.",
        where: payload,
    }
    markup = header_html(article)
    parsed = assert_safe(markup)
    assert_not_raw(payload, markup)
    assert payload in "".join(parsed.text)
    if where == "url":
        assert "<a " not in markup


def test_quotes_stay_inside_attributes() -> None:
    markup = article_html(
        "Russia said no.",
        [mention(0, 6, label=ATTR_BREAK)],
        [quote(12, 14, speaker=SINGLE_BREAK)],
    )
    parsed = assert_safe(markup)
    titles = [v for name, v in parsed.attributes if name == "title"]
    assert f"{ATTR_BREAK} -> RUS" in titles
    assert any(SINGLE_BREAK in (t or "") for t in titles)
    assert "onmouseover" not in {name for name, _ in parsed.attributes}


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://www.voanews.com/a/1", True),
        ("http://example.org/x?a=1&b=2", True),
        ("  https://example.org/  ", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example/x", False),
        ("ftp://example.org/file", False),
        ("https://", False),
        ("www.example.org", False),
    ],
)
def test_only_http_links_are_clickable(url: str, linked: bool) -> None:
    markup = header_html({"title": "T", "url": url, "source": "S"})
    parsed = assert_safe(markup)
    hrefs = [v for name, v in parsed.attributes if name == "href"]
    assert hrefs == ([url.strip()] if linked else [])
    if not linked:
        assert url.strip() in "".join(parsed.text)  # shown as plain text


def test_link_opens_safely() -> None:
    parsed = parse(header_html({"title": "T", "url": 'https://a.example/?q="x"&y=<1>'}))
    attrs = dict(parsed.attributes)
    assert attrs["href"] == 'https://a.example/?q="x"&y=<1>'
    assert attrs["rel"] == "noopener noreferrer nofollow"


# ---------------------------------------------------------------------------- spans


def text_with_classes(parsed: Parsed) -> list[tuple[str, tuple[str, ...]]]:
    """(text run, classes of the spans around it) for the article body, tags and labels left out."""
    runs = []
    for data, classes in zip(parsed.text, parsed.classes, strict=True):
        marks = tuple(c for c in classes if c.startswith("sm-") and c != "sm-article")
        if {"sm-tag", "sm-qnum", "sm-legend", "sm-notes", "sm-faint"} & set(
            " ".join(marks).split()
        ):
            continue
        runs.append((data, marks))
    return runs


def body_text(markup: str) -> str:
    return "".join(t for t, _ in text_with_classes(parse(markup)))


SPAN_CASES = [
    # (name, text, mentions, quotes)
    ("mention inside quote", "He said Russia will act.", [mention(8, 14)], [quote(8, 23)]),
    ("mention across quote start", "Then Russia said no.", [mention(0, 11)], [quote(5, 19)]),
    ("mention across quote end", "We warn Russia now.", [mention(3, 14)], [quote(0, 8)]),
    ("overlapping mentions", "The Russian Federation", [mention(4, 11), mention(4, 22)], []),
    ("overlapping quotes", "abcdefghijklmnop", [], [quote(0, 10), quote(5, 15)]),
    ("quote across paragraphs", "First part.\n\nSecond part.", [], [quote(6, 19)]),
    ("mention across paragraphs", "Ends in Rus\n\nsia here", [mention(8, 17)], []),
    ("offsets past the text", "Short text.", [mention(6, 99)], [quote(-5, 500)]),
    ("empty and reversed spans", "Some text.", [mention(3, 3), mention(5, 2)], [quote(4, 1)]),
]


@pytest.mark.parametrize(("name", "text", "mentions", "quotes"), SPAN_CASES)
def test_spans_nest_and_keep_every_character(
    name: str, text: str, mentions: list[dict[str, Any]], quotes: list[dict[str, Any]]
) -> None:
    markup = article_html(text, mentions, quotes)
    parsed = assert_safe(markup)  # well nested: every end tag closes the innermost open tag
    expected = "".join(text[s:e] for s, e in paragraph_offsets(text))
    assert body_text(markup) == expected
    for _, classes in text_with_classes(parsed):
        if "sm-mention" in classes and any("sm-quote" in c for c in classes):
            quote_at = next(i for i, c in enumerate(classes) if "sm-quote" in c)
            assert quote_at < classes.index("sm-mention")  # quotes contain mentions


def after_legend(markup: str) -> str:
    """The article part of the output (the legend shows one example of each mark)."""
    return markup.split(LEGEND, 1)[1]


def test_mention_cut_at_a_quote_boundary_gets_one_tag() -> None:
    markup = after_legend(article_html("Then Russia said no.", [mention(0, 11)], [quote(5, 19)]))
    assert markup.count('class="sm-mention"') == 2  # "Then " outside, "Russia" inside the quote
    assert markup.count('<span class="sm-tag">RUS</span>') == 1
    assert markup.index("Then ") < markup.index('class="sm-quote') < markup.index(">RUS</span>")


def test_quote_across_paragraphs_is_numbered_once() -> None:
    markup = after_legend(article_html("First part.\n\nSecond part.", [], [quote(6, 19)]))
    assert markup.count('class="sm-quote sm-direct"') == 2
    # Numbered once in the text (on its first piece) and once in its note ...
    assert markup.count('<span class="sm-qnum">Q1</span>') == 2
    # ... which follows the paragraph where the quote starts.
    assert markup.index("</p>") < markup.index("sm-notes") < markup.index("Second</span> part")


def test_overlapping_quotes_are_both_noted() -> None:
    markup = article_html(
        "abcdefghijklmnop", [], [quote(0, 10, speaker="Ann"), quote(5, 15, speaker="Bo")]
    )
    assert "<b>Ann</b>" in markup and "<b>Bo</b>" in markup
    assert body_text(markup) == "abcdefghijklmnop"


def test_mentions_without_actor_are_not_marked() -> None:
    markup = article_html("Brussels and Russia.", [mention(0, 8, actor=None), mention(13, 19)], [])
    assert after_legend(markup).count('class="sm-mention"') == 1


def test_no_tag_when_the_text_is_the_code() -> None:
    markup = article_html("NATO met.", [mention(0, 4, actor="NATO", label="ORG")], [])
    assert '<span class="sm-tag">NATO</span>' not in markup
    assert 'title="ORG -&gt; NATO"' in markup


# ---------------------------------------------------------------------------- paragraphs, notes

VOA_LIKE = (
    "NATO chief Jaap de Hoop Scheffer said the allies are united.\n\n"
    'Eric Edelman said "we see a common threat" to the U.S.\n\n\n'
    "Konstantin Totskiy said Russia disagrees.\n\n"
    "A paragraph without quotes."
)
VOA_QUOTES = [
    quote(37, 59, kind="indirect", speaker="Jaap de Hoop Scheffer", actor="NATO", confidence=0.56),
    quote(80, 101, speaker="Eric Edelman", actor="USA", verb="say", confidence=0.9),
    quote(141, 158, kind="indirect", speaker="Konstantin Totskiy", actor="RUS"),
]
VOA_NAMES = {"NATO": "North Atlantic Treaty Organization", "USA": "United States", "RUS": "Russia"}


def test_paragraphs() -> None:
    markup = article_html(VOA_LIKE, [], VOA_QUOTES, actor_names=VOA_NAMES)
    assert markup.count('<p class="sm-p">') == 4
    assert markup.count('<ul class="sm-notes">') == 3  # the last paragraph has no quote


@pytest.mark.parametrize(
    ("speaker", "actor", "shown"),
    [
        ("Jaap de Hoop Scheffer", "NATO", "NATO (North Atlantic Treaty Organization)"),
        ("Eric Edelman", "USA", "USA (United States)"),
        ("Konstantin Totskiy", "RUS", "RUS (Russia)"),
    ],
)
def test_notes_name_each_speaker_and_actor(speaker: str, actor: str, shown: str) -> None:
    markup = article_html(VOA_LIKE, [], VOA_QUOTES, actor_names=VOA_NAMES)
    note = next(li for li in markup.split("<li>")[1:] if f"<b>{speaker}</b>" in li)
    assert shown in note


def test_note_fields() -> None:
    markup = article_html(VOA_LIKE, [], VOA_QUOTES, actor_names=VOA_NAMES)
    notes = markup.split("<li>")[1:]
    assert "indirect (reported) speech" in notes[0] and "confidence 0.56" in notes[0]
    assert "direct quote" in notes[1] and "verb <i>say</i>" in notes[1]
    assert "confidence 0.90" in notes[1]


def test_quote_without_speaker_or_actor() -> None:
    q = quote(0, 4, speaker=None, actor=None, verb=None, confidence=float("nan"))
    markup = article_html("Text here.", [], [q])
    assert "unknown speaker" in markup
    assert "<i>no actor</i>" in markup
    assert "confidence -" in markup


def test_quotes_are_numbered_in_text_order() -> None:
    markup = article_html(VOA_LIKE, [], list(reversed(VOA_QUOTES)))
    assert markup.index("<b>Jaap de Hoop Scheffer</b>") < markup.index("<b>Eric Edelman</b>")
    assert '<span class="sm-qnum">Q1</span><b>Jaap de Hoop Scheffer</b>' in markup


def test_empty_text_still_lists_quotes() -> None:
    markup = article_html("", [], [quote(0, 3)])
    assert_safe(markup)
    assert "<b>Konstantin Totskiy</b>" in markup


@pytest.mark.parametrize(
    ("date", "precision", "label"),
    [
        ("2007-04-19", "day", "2007-04-19"),
        ("2007-04-19", None, "2007-04-19"),
        ("2019-09-01", "month", "2019-09 (month only)"),
        ("2019-01-01", "year", "2019 (year only)"),
        ("2019-09-24", "general-debate-week", "2019-09-24 (UN General Debate week)"),
        (None, None, "undated"),
    ],
)
def test_date_label(date: str | None, precision: str | None, label: str) -> None:
    assert date_label(date, precision) == label
