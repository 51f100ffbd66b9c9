"""One article's text as HTML: paragraphs, actor mentions and quotes marked, a note on each quote.

The only module that builds HTML from corpus text. Every field (title, text, labels, actor
codes, speakers, verbs, URLs) goes through html.escape(..., quote=True), in element text and in
attributes alike; kinds become class names only through a fixed table. The only link is the one
to the original article, and only when its URL is http(s); the output has no scripts and no
event handlers, whatever the corpus holds. No Streamlit here.

Nesting is always paragraph > quote > mention: a quote is cut at paragraph breaks and a mention
at quote boundaries, so the tags close in order. Colours are paired with a second cue (fill
vs. dashed outline, underline plus a code tag) so they read in greyscale and for colour-blind
readers.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from analysis.nlp.parsed import paragraph_offsets

QUOTE_CLASSES = {"direct": "sm-direct", "indirect": "sm-indirect"}
QUOTE_KIND_LABELS = {"direct": "direct quote", "indirect": "indirect (reported) speech"}
NO_ACTOR = "no actor"
UNKNOWN_SPEAKER = "unknown speaker"

# Okabe-Ito blue and orange, as light tints behind near-black text; the dark tags carry white text.
STYLE = """<style>
.sm-article{font-size:1.02rem;line-height:1.75;max-width:46rem}
.sm-article .sm-p{margin:0 0 .9rem 0;white-space:pre-line}
.sm-article .sm-mention{background:#e1eef7;color:#111;border-bottom:2px solid #0072b2;
  padding:0 1px;border-radius:2px}
.sm-article .sm-tag{display:inline-block;margin-left:3px;padding:0 4px;border-radius:3px;
  background:#005a8c;color:#fff;font-size:.68em;font-weight:600;line-height:1.45;
  letter-spacing:.02em;vertical-align:.12em;font-family:ui-monospace,monospace}
.sm-article .sm-quote{color:#111;padding:1px 0;border-radius:2px;
  -webkit-box-decoration-break:clone;box-decoration-break:clone}
.sm-article .sm-direct{background:#fbdfae}
.sm-article .sm-indirect{background:#fff6e5;outline:1.5px dashed #8a5300;outline-offset:-1px}
.sm-article .sm-qnum{display:inline-block;margin-right:4px;padding:0 4px;border-radius:3px;
  background:#6b3f00;color:#fff;font-size:.68em;font-weight:700;line-height:1.45;
  vertical-align:.12em;font-family:ui-monospace,monospace}
.sm-article .sm-notes{list-style:none;margin:-.35rem 0 1.1rem 0;padding:.4rem .75rem;
  border-left:3px solid #6b3f00;background:rgba(128,128,128,.08);font-size:.88rem;
  line-height:1.5}
.sm-article .sm-notes li{margin:.15rem 0}
.sm-article .sm-legend{font-size:.85rem;margin:0 0 1rem 0;line-height:2}
.sm-article .sm-legend span{margin-right:.4rem}
.sm-article .sm-faint{opacity:.75}
.sm-head .sm-title{font-size:1.75rem;font-weight:700;line-height:1.25;margin:.2rem 0 .4rem 0;
  padding:0}
.sm-head .sm-meta{margin:0 0 .2rem 0;font-size:.95rem}
.sm-head .sm-meta a{color:inherit;text-decoration:underline;text-underline-offset:2px}
.sm-head .sm-attribution{margin:0;font-size:.85rem;opacity:.7}
</style>"""
WEB_SCHEMES = ("http", "https")
PRECISION_LABELS = {
    "month": "month only",
    "year": "year only",
    "week": "week",
    "general-debate-week": "UN General Debate week",
}

LEGEND = (
    '<p class="sm-legend">'
    '<span class="sm-mention">Russia<span class="sm-tag">RUS</span></span>'
    '<span class="sm-faint">actor mention and its actor code</span> '
    '<span class="sm-quote sm-direct"><span class="sm-qnum">Q1</span>direct quote</span> '
    '<span class="sm-quote sm-indirect"><span class="sm-qnum">Q2</span>reported speech</span> '
    '<span class="sm-faint">hover a mark for details</span>'
    "</p>"
)


@dataclass(frozen=True, slots=True)
class _Mark:
    """A span of the text to mark: a quote (with its number) or an actor mention."""

    start: int
    end: int
    row: Mapping[str, Any]
    number: int = 0  # quotes only: Q1, Q2 ... in text order


def article_html(
    text: str,
    mentions: Iterable[Mapping[str, Any]],
    quotes: Iterable[Mapping[str, Any]],
    *,
    actor_names: Mapping[str, str] | None = None,
) -> str:
    """The article's paragraphs with mentions and quotes marked and a note on each quote.

    `mentions` rows need start_char, end_char, label, actor; `quotes` rows need start_char,
    end_char, kind, speaker, actor, verb, confidence (the stored tables' columns).
    Mentions without an actor are not marked. `actor_names` maps codes to names for tooltips.
    """
    names = actor_names or {}
    numbered = numbered_quotes(quotes)
    quote_marks = _spans(numbered, len(text))
    mention_marks = _spans(
        (_Mark(*_offsets(m), row=m) for m in mentions if _field(m, "actor")), len(text)
    )
    paragraphs = paragraph_offsets(text)
    notes = _notes_by_paragraph(numbered, paragraphs)
    parts = [STYLE, '<div class="sm-article">', LEGEND]
    for index, (start, end) in enumerate(paragraphs):
        body = "".join(_paragraph(text, start, end, quote_marks, mention_marks, names))
        parts.append(f'<p class="sm-p">{body}</p>')
        if notes[index]:
            items = "".join(f"<li>{quote_note(q.row, q.number, names)}</li>" for q in notes[index])
            parts.append(f'<ul class="sm-notes">{items}</ul>')
    if not paragraphs and notes[0]:
        items = "".join(f"<li>{quote_note(q.row, q.number, names)}</li>" for q in notes[0])
        parts.append(f'<ul class="sm-notes">{items}</ul>')
    parts.append("</div>")
    return "".join(parts)


def header_html(article: Mapping[str, Any]) -> str:
    """Title, date (with its precision), source, a link to the original, the attribution line.

    `article` needs title, date, date_precision, source, url, attribution. The URL becomes a
    link only when it is http(s); any other URL is shown as text.
    """
    meta = [
        _esc(date_label(_field(article, "date"), _field(article, "date_precision"))),
        _esc(_field(article, "source") or "unknown source"),
    ]
    url = _field(article, "url")
    if url and is_web_url(url):
        meta.append(
            f'<a href="{_esc(url.strip())}" target="_blank" rel="noopener noreferrer nofollow">'
            "Original article &#8599;</a>"
        )
    elif url:
        meta.append(f"original: {_esc(url)}")
    return (
        f'{STYLE}<div class="sm-head"><h2 class="sm-title">{_esc(_field(article, "title") or "")}'
        f'</h2><p class="sm-meta">{" &middot; ".join(meta)}</p>'
        f'<p class="sm-attribution">{_esc(_field(article, "attribution") or "")}</p></div>'
    )


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host (the only links the app makes clickable)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def date_label(date: str | None, precision: str | None) -> str:
    """'2007-04-19'; '2019-09 (month only)'; 'undated'."""
    if not date:
        return "undated"
    if precision in (None, "day"):
        return date
    shown = {"month": date[:7], "year": date[:4]}.get(precision, date)
    return f"{shown} ({PRECISION_LABELS.get(precision, precision)})"


def quote_note(row: Mapping[str, Any], number: int, names: Mapping[str, str]) -> str:
    """'Q1 Jaap de Hoop Scheffer - NATO (North Atlantic ...) - direct quote - verb say - 0.81'."""
    speaker = _field(row, "speaker") or UNKNOWN_SPEAKER
    written = _field(row, "speaker_mention")
    actor = _field(row, "actor")
    kind = _field(row, "kind") or ""
    pieces = [
        f'<span class="sm-qnum">Q{number}</span><b>{_esc(speaker)}</b>'
        + (
            f' <span class="sm-faint">(written "{_esc(written)}")</span>'
            if written and written != speaker
            else ""
        ),
        _esc(_actor_label(actor, names)) if actor else f"<i>{NO_ACTOR}</i>",
        _esc(QUOTE_KIND_LABELS.get(kind, kind or "quote")),
        f"verb <i>{_esc(_field(row, 'verb') or '-')}</i>",
        f"confidence {_confidence(row)}",
    ]
    return " &middot; ".join(pieces)


def _paragraph(
    text: str,
    start: int,
    end: int,
    quotes: Sequence[_Mark],
    mentions: Sequence[_Mark],
    names: Mapping[str, str],
) -> Iterator[str]:
    """The HTML of text[start:end]: quote runs, each holding its mention runs."""
    for q_start, q_end, quote in _runs(start, end, quotes):
        inner = "".join(_mention_runs(text, q_start, q_end, mentions, names))
        if quote is None:
            yield inner
            continue
        kind = _field(quote.row, "kind") or ""
        label = f'<span class="sm-qnum">Q{quote.number}</span>' if q_start == quote.start else ""
        yield (
            f'<span class="sm-quote {QUOTE_CLASSES.get(kind, "sm-direct")}"'
            f' title="{_esc(_quote_title(quote, names))}">{label}{inner}</span>'
        )


def _mention_runs(
    text: str, start: int, end: int, mentions: Sequence[_Mark], names: Mapping[str, str]
) -> Iterator[str]:
    for m_start, m_end, mention in _runs(start, end, mentions):
        piece = _esc(text[m_start:m_end])
        if mention is None:
            yield piece
            continue
        actor = _field(mention.row, "actor") or ""
        title = f"{_field(mention.row, 'label') or 'mention'} -> {_actor_label(actor, names)}"
        # The code as a tag after the mention's last piece, unless the text already is the code.
        last = m_end == mention.end and text[mention.start : mention.end] != actor
        tag = f'<span class="sm-tag">{_esc(actor)}</span>' if last else ""
        yield f'<span class="sm-mention" title="{_esc(title)}">{piece}{tag}</span>'


def _runs(start: int, end: int, marks: Sequence[_Mark]) -> Iterator[tuple[int, int, _Mark | None]]:
    """Cover [start, end) with (from, to, mark or None) runs; marks are sorted and disjoint."""
    pos = start
    for mark in marks:
        if mark.end <= start or mark.start >= end:
            continue
        a, b = max(mark.start, start), min(mark.end, end)
        if a > pos:
            yield pos, a, None
        yield a, b, mark
        pos = b
    if pos < end:
        yield pos, end, None


def _spans(marks: Iterable[_Mark], limit: int) -> list[_Mark]:
    """Marks clipped to the text, sorted, an overlapping one cut to start after the one before."""
    kept: list[_Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        start = max(mark.start, kept[-1].end if kept else 0, 0)
        end = min(mark.end, limit)
        if start < end:
            kept.append(_Mark(start, end, mark.row, mark.number))
    return kept


def numbered_quotes(quotes: Iterable[Mapping[str, Any]]) -> list[_Mark]:
    """Quotes in text order, numbered Q1, Q2 ... (the numbers the text and the notes show)."""
    ordered = sorted(quotes, key=_offsets)
    return [_Mark(*_offsets(q), row=q, number=i) for i, q in enumerate(ordered, start=1)]


def _notes_by_paragraph(
    quotes: Sequence[_Mark], paragraphs: Sequence[tuple[int, int]]
) -> list[list[_Mark]]:
    """Each quote's note goes after the paragraph where it starts (else after the last one).

    With no paragraphs at all (an empty text) the notes still come out, in one list."""
    notes: list[list[_Mark]] = [[] for _ in paragraphs] or [[]]
    for quote in quotes:
        index = next((i for i, (_, end) in enumerate(paragraphs) if quote.start < end), -1)
        notes[index].append(quote)
    return notes


def _quote_title(quote: _Mark, names: Mapping[str, str]) -> str:
    """'Q1 - direct quote - Eric Edelman, USA (United States)' (plain text; the caller escapes)."""
    row = quote.row
    actor = _field(row, "actor")
    kind = _field(row, "kind") or ""
    speaker = _field(row, "speaker") or UNKNOWN_SPEAKER
    who = _actor_label(actor, names) if actor else NO_ACTOR
    return f"Q{quote.number} - {QUOTE_KIND_LABELS.get(kind, kind or 'quote')} - {speaker}, {who}"


def _actor_label(code: str, names: Mapping[str, str]) -> str:
    """'RUS (Russia)', or the code alone when its name is unknown."""
    name = names.get(code)
    return f"{code} ({name})" if name and name != code else code


def _confidence(row: Mapping[str, Any]) -> str:
    value = row.get("confidence")
    if isinstance(value, int | float) and math.isfinite(value):
        return f"{value:.2f}"
    return "-"


def _offsets(row: Mapping[str, Any]) -> tuple[int, int]:
    return int(row["start_char"]), int(row["end_char"])


def _field(row: Mapping[str, Any], name: str) -> str | None:
    """A text field of a row; None for missing, None, NaN or empty."""
    value = row.get(name)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value)
    return text or None


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)
