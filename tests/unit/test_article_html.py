"""ui.article_html: escaping of every field, nesting of overlapping spans, paragraphs and notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest

from analysis.nlp.parsed import paragraph_offsets
from ui.article_html import (
    LEGEND,
    STANCE_LEGEND,
    article_html,
    date_label,
    evidence_html,
    header_html,
)
from ui.article_links import ARTICLE_LINK, article_link, article_links, is_web_url

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


def assert_safe(markup: str, *, article_links: bool = False) -> Parsed:
    """Only our tags and attributes, well nested, links only to http(s) (or, where allowed, to
    the Article page by its fixed relative path)."""
    parsed = parse(markup)
    assert parsed.errors == []
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert {name for name, _ in parsed.attributes} <= ALLOWED_ATTRIBUTES
    for name, value in parsed.attributes:
        if name == "href":
            assert value is not None
            internal = article_links and value.startswith(ARTICLE_LINK) and ":" not in value
            assert is_web_url(value) or internal, value
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
        if {"sm-tag", "sm-qnum", "sm-snum", "sm-legend", "sm-notes", "sm-faint"} & set(
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


# ---------------------------------------------------------------------------- stances


def stance(start: int, end: int, **fields: Any) -> dict[str, Any]:
    row = {
        "start_char": start,
        "end_char": end,
        "actor": "RUS",
        "concept": "missile_defense",
        "polarity": -1,
        "cue": "oppose > missile defense",
        "quote_id": None,
        "method": "cue/named",
        "confidence": 0.9,
    }
    return {**row, **fields}


CONCEPTS = {
    "missile_defense": "Deploy missile defence systems",
    "nato_enlargement": "NATO enlargement",
}


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("where", ["actor", "concept", "cue", "concept_label", "actor_name"])
def test_every_stance_field_is_escaped(payload: str, where: str) -> None:
    fields = {where: payload} if where in {"actor", "concept", "cue"} else {}
    labels = {"missile_defense": payload} if where == "concept_label" else CONCEPTS
    names = {"RUS": payload} if where == "actor_name" else {"RUS": "Russia"}
    markup = article_html(
        "Russia opposes missile defense.", [mention(0, 6)], [], actor_names=names,
        stances=[stance(0, 31, **fields)], concept_labels=labels,
    )  # fmt: skip
    parsed = assert_safe(markup)
    assert_not_raw(payload, markup)
    shown = "".join(parsed.text) + "".join(v or "" for _, v in parsed.attributes)
    assert payload in shown


STANCE_SPAN_CASES = [
    # (name, text, stances, quotes, mentions)
    (
        "quote inside stance",
        'Russia said "no shield" today.',
        [stance(0, 30)],
        [quote(12, 23)],
        [mention(0, 6)],
    ),
    (
        "stance across quote end",
        'He said "no shield." Then more.',
        [stance(9, 31)],
        [quote(3, 19)],
        [],
    ),
    (
        "stance across paragraphs",
        "Russia objects.\n\nTo the shield.",
        [stance(7, 31)],
        [],
        [mention(0, 6)],
    ),
    (
        "overlapping stances",
        "Russia opposes the shield here.",
        [stance(0, 20), stance(7, 31)],
        [],
        [],
    ),
    ("offsets past the text", "Short text.", [stance(-3, 99)], [], []),
    ("empty and reversed spans", "Some text.", [stance(3, 3), stance(6, 2)], [], []),
]


@pytest.mark.parametrize(("name", "text", "stances", "quotes", "mentions"), STANCE_SPAN_CASES)
def test_stance_spans_nest_and_keep_every_character(
    name: str, text: str, stances: list[dict[str, Any]], quotes: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
) -> None:  # fmt: skip
    markup = article_html(text, mentions, quotes, stances=stances)
    parsed = assert_safe(markup)
    assert body_text(markup) == "".join(text[s:e] for s, e in paragraph_offsets(text))
    for _, classes in text_with_classes(parsed):
        if "sm-stance" in classes:
            inner = [i for i, c in enumerate(classes) if "sm-quote" in c or c == "sm-mention"]
            assert all(classes.index("sm-stance") < i for i in inner)  # stances hold the others


def test_stances_on_one_sentence_are_numbered_and_noted() -> None:
    text = "Russia opposes missile defense and NATO enlargement.\n\nNothing here."
    markup = article_html(
        text, [], [quote(0, 52, quote_id="a#q1")], actor_names={"RUS": "Russia"},
        stances=[stance(0, 52, quote_id="a#q1"), stance(0, 52, concept="nato_enlargement")],
        concept_labels=CONCEPTS,
    )  # fmt: skip
    body = markup.split(STANCE_LEGEND, 1)[1]
    assert body.count('<span class="sm-stance">') == 1
    first = body.index('title="S1 - RUS (Russia) - against - Deploy missile defence systems"')
    assert first < body.index('title="S2 - RUS (Russia) - against - NATO enlargement"')
    assert body.index(">S2 \u25bc</span></span>") < body.index("</p>")  # tags close the span
    notes = body.split('<ul class="sm-notes sm-snotes">', 1)[1].split("</ul>")[0]
    assert notes.count("<li>") == 2
    assert "in quote Q1" in notes and "cue <i>oppose &gt; missile defense</i>" in notes
    assert (
        "<b>RUS (Russia)</b> &middot; against &middot; <i>Deploy missile defence systems</i>"
        in notes
    )


def test_stance_side_and_legend() -> None:
    plain = article_html("Text.", [], [])
    assert STANCE_LEGEND not in plain  # no stances, no stance legend
    markup = article_html(
        "Text.", [], [], stances=[stance(0, 5, polarity=1), stance(0, 5, polarity=0)]
    )
    assert STANCE_LEGEND in markup
    assert 'class="sm-snum sm-for" title="S1 - RUS - for - missile_defense">S1 \u25b2' in markup
    assert "S2 - RUS - side unknown" in markup


# ---------------------------------------------------------------------------- evidence list


def evidence(**fields: Any) -> dict[str, Any]:
    row = {
        "evidence": "Russia opposes the shield.",
        "actor": "RUS",
        "actor_name": "Russia",
        "concept_label": "Deploy missile defence systems",
        "polarity": -1,
        "speaker": "Konstantin Totskiy",
        "article_id": "voa-1",
        "title": "A title",
        "url": "https://www.voanews.com/a/1",
        "date": "2007-04-19",
        "date_precision": "day",
        "source": "Voice of America",
        "attribution": "Source: Voice of America - public domain.",
    }
    return {**row, **fields}


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize(
    "where",
    ["evidence", "actor_name", "concept_label", "speaker", "title", "source", "attribution",
     "date", "article_id", "url"],
)  # fmt: skip
def test_every_evidence_field_is_escaped(payload: str, where: str) -> None:
    markup = evidence_html([evidence(**{where: payload})], limit=10)
    parsed = assert_safe(markup, article_links=True)
    assert_not_raw(payload, markup)
    if where not in {"url", "article_id"}:
        assert payload in "".join(parsed.text)


@pytest.mark.parametrize(
    ("article_id", "href"),
    [
        ("voa-1", "article?article=voa-1"),
        ("javascript:alert(1)", "article?article=javascript%3Aalert%281%29"),
        ('x" onclick="y', "article?article=x%22%20onclick%3D%22y"),
        ("a/../b?c=1#d", "article?article=a%2F..%2Fb%3Fc%3D1%23d"),
    ],
)
def test_article_links_are_relative_and_encoded(article_id: str, href: str) -> None:
    assert article_link(article_id) == href
    parsed = assert_safe(
        evidence_html([evidence(article_id=article_id)], limit=1), article_links=True
    )
    hrefs = [v for name, v in parsed.attributes if name == "href"]
    assert hrefs[0] == href  # the first link: the Article page


@pytest.mark.parametrize(
    ("url", "links"), [("https://a.example/1", 2), ("javascript:alert(1)", 1), (None, 1)]
)
def test_original_is_linked_only_when_http(url: str | None, links: int) -> None:
    parsed = assert_safe(evidence_html([evidence(url=url)], limit=1), article_links=True)
    hrefs = [v for name, v in parsed.attributes if name == "href"]
    assert len(hrefs) == links
    assert dict(parsed.attributes)["rel"].startswith("noopener noreferrer")


def test_evidence_list_counts_and_limits() -> None:
    rows = [evidence(article_id=f"a{i % 3}", evidence=f"Sentence {i}.") for i in range(5)]
    markup = evidence_html(rows, limit=2)
    assert "5 sentences in 3 articles; the newest 2 are listed" in markup
    assert markup.count("<li>") == 2 and "Sentence 1." in markup and "Sentence 2." not in markup
    one = evidence_html(rows[:1], limit=2)
    assert "1 sentence in 1 article</p>" in one
    assert '<span class="sm-snum sm-against">\u25bc against</span>' in one
    assert "speaker <b>Konstantin Totskiy</b>" in one


def test_evidence_side_and_missing_fields() -> None:
    row = evidence(polarity=1, speaker=None, date=None, source=None, attribution=None, title=None)
    markup = evidence_html([row], limit=1)
    assert_safe(markup, article_links=True)
    assert "\u25b2 for" in markup and "speaker" not in markup
    assert "undated" in markup and "unknown source" in markup
    assert ">voa-1</a>" in markup  # no title: the id is the link text


def test_article_links_encode_the_id_and_carry_the_place() -> None:
    assert article_link("a&b#c") == "article?article=a%26b%23c"
    assert article_link("voa-1", 120) == "article?article=voa-1&at=120"
    assert article_links(["x y", "z"], [5, float("nan")]) == [
        "article?article=x%20y&at=5",
        "article?article=z",
    ]


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("where", ["corrected_by", "correction_note"])
def test_a_correction_on_an_evidence_row_is_escaped(payload: str, where: str) -> None:
    row = {
        "evidence": "Russia rejects it.", "actor": "RUS", "actor_name": "Russia",
        "concept_label": "Sanctions", "polarity": -1, "article_id": "a1", "title": "T",
        "corrected_by": "ana", "corrected_at": "2026-12-07T10:00:00+00:00",
        "correction_note": "why", where: payload,
    }  # fmt: skip
    markup = evidence_html([row], limit=5)
    parsed = assert_safe(markup, article_links=True)
    assert_not_raw(payload, markup)
    assert payload in "".join(parsed.text)
    assert "Corrected by" in "".join(parsed.text)


def test_an_uncorrected_row_says_nothing_of_corrections() -> None:
    row = {"evidence": "x", "actor": "RUS", "polarity": 1, "article_id": "a1"}
    assert "Corrected by" not in evidence_html([row], limit=5)
