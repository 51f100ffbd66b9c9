"""Corpus text as HTML: an article with its mentions, quotes and stances marked; stance evidence.

The only module that builds HTML from corpus text. Every field (title, text, labels, actor
codes, speakers, verbs, URLs) goes through html.escape(..., quote=True), in element text and in
attributes alike; kinds become class names only through a fixed table. The only link is the one
to the original article, and only when its URL is http(s); the output has no scripts and no
event handlers, whatever the corpus holds. No Streamlit here.

Nesting is always paragraph > stance sentence > quote > mention: each mark is cut at the
boundaries of the one around it, so the tags close in order. Colours are paired with a second
cue (fill vs. dashed outline, underline plus a code tag, a triangle up for "for" and down for
"against") so they read in greyscale and for colour-blind readers.

Also the evidence list of the stance pages: its links go to the original article (http(s)
only) and to the Article page, by a fixed relative path with the id percent-encoded.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from analysis.schema import (
    ACTOR,
    ACTOR_NAME,
    ARTICLE_ID,
    CONCEPT,
    CONFIDENCE,
    DATE,
    POLARITY,
    QUOTE_ID,
    SPEAKER,
)
from analysis.textclean import paragraph_offsets, plain_text
from ui.article_links import article_link, is_web_url
from ui.article_style import LEGEND, STANCE_LEGEND, STYLE
from ui.text_marks import (
    Mark,
    clipped_spans,
    notes_by_paragraph,
    numbered_quotes,
    numbered_stances,
    offsets,
    runs,
)

QUOTE_CLASSES = {"direct": "sm-direct", "indirect": "sm-indirect"}
QUOTE_KIND_LABELS = {"direct": "direct quote", "indirect": "indirect (reported) speech"}
NO_ACTOR = "no actor"
UNKNOWN_SPEAKER = "unknown speaker"
SIDES = {1: ("sm-for", "\u25b2", "for"), -1: ("sm-against", "\u25bc", "against")}

PRECISION_LABELS = {
    "month": "month only",
    "year": "year only",
    "week": "week",
    "general-debate-week": "UN General Debate week",
}


@dataclass(frozen=True, slots=True)
class _Names:
    """Display names for codes and ids: actors, concepts, and quote ids -> Q numbers."""

    actors: Mapping[str, str]
    concepts: Mapping[str, str]
    quotes: Mapping[str, int]


def article_html(
    text: str,
    mentions: Iterable[Mapping[str, Any]],
    quotes: Iterable[Mapping[str, Any]],
    *,
    actor_names: Mapping[str, str] | None = None,
    stances: Iterable[Mapping[str, Any]] = (),
    concept_labels: Mapping[str, str] | None = None,
) -> str:
    """The article's paragraphs with stances, mentions and quotes marked and notes on them.

    `mentions` rows need start_char, end_char, label, actor; `quotes` rows need start_char,
    end_char, kind, speaker, actor, verb, confidence (the stored tables' columns); `stances`
    rows need start_char, end_char, actor, concept, polarity, cue, quote_id, confidence.
    Mentions without an actor are not marked. `actor_names` and `concept_labels` map codes
    and ids to the names shown.
    """
    numbered = numbered_quotes(quotes)
    names = _Names(
        actor_names or {},
        concept_labels or {},
        {str(q.row[QUOTE_ID]): q.number for q in numbered if _field(q.row, QUOTE_ID)},
    )
    stance_marks = numbered_stances(stances)
    layers = (
        clipped_spans(stance_marks, len(text)),
        clipped_spans(numbered, len(text)),
        clipped_spans((Mark(*offsets(m), row=m) for m in mentions if _field(m, ACTOR)), len(text)),
    )
    paragraphs = paragraph_offsets(text)
    quote_notes = notes_by_paragraph(numbered, paragraphs)
    stance_notes = notes_by_paragraph(stance_marks, paragraphs)
    parts = [STYLE, '<div class="sm-article">', LEGEND, STANCE_LEGEND if stance_marks else ""]
    for index, (start, end) in enumerate(paragraphs or [(0, 0)]):
        if paragraphs:
            body = "".join(_stance_runs(text, start, end, layers, names))
            parts.append(f'<p class="sm-p">{body}</p>')
        parts.append(_notes(quote_notes[index], stance_notes[index], names))
    parts.append("</div>")
    return "".join(parts)


def _notes(quotes: Sequence[Mark], stances: Sequence[Mark], names: _Names) -> str:
    """The notes after a paragraph: its quotes, then its stance sentences."""
    html_parts = []
    if quotes:
        items = "".join(f"<li>{quote_note(q.row, q.number, names.actors)}</li>" for q in quotes)
        html_parts.append(f'<ul class="sm-notes">{items}</ul>')
    if stances:
        items = "".join(
            f"<li>{_stance_note(row, mark.number + i, names)}</li>"
            for mark in stances
            for i, row in enumerate(mark.group)
        )
        html_parts.append(f'<ul class="sm-notes sm-snotes">{items}</ul>')
    return "".join(html_parts)


def _stance_note(row: Mapping[str, Any], number: int, names: _Names) -> str:
    """'S1 USA (United States) - for - Deploy missile defence systems - cue ... - Q2 - 0.90'."""
    actor = _field(row, ACTOR) or ""
    concept = _field(row, CONCEPT) or ""
    quote_id = _field(row, QUOTE_ID)
    pieces = [
        f"{_stance_tag(row, number, names)} <b>{_esc(_actor_label(actor, names.actors))}</b>",
        _esc(_side(row)[2]),
        f"<i>{_esc(names.concepts.get(concept, concept))}</i>",
        f"cue <i>{_esc(_field(row, 'cue') or '-')}</i>",
    ]
    if quote_id and quote_id in names.quotes:
        pieces.append(f"in quote Q{names.quotes[quote_id]}")
    pieces.append(f"confidence {_confidence(row)}")
    return " &middot; ".join(pieces)


def _stance_tag(row: Mapping[str, Any], number: int, names: _Names) -> str:
    css, glyph, word = _side(row)
    actor = _field(row, ACTOR) or ""
    concept = _field(row, CONCEPT) or ""
    title = f"S{number} - {_actor_label(actor, names.actors)} - {word} - "
    title += names.concepts.get(concept, concept)
    return f'<span class="sm-snum {css}" title="{_esc(title)}">S{number} {glyph}</span>'


def _side(row: Mapping[str, Any]) -> tuple[str, str, str]:
    """(class, glyph, word) of a row's polarity; any value but +1 or -1 reads as unknown."""
    value = row.get(POLARITY)
    polarity = int(value) if isinstance(value, numbers.Real) and value in (1, -1) else 0
    return SIDES.get(polarity, ("sm-for", "?", "side unknown"))


def evidence_html(rows: Sequence[Mapping[str, Any]], *, limit: int) -> str:
    """The first `limit` evidence sentences with actor, concept, side, speaker and article.

    `rows` need evidence, actor, actor_name, concept_label, polarity, speaker, article_id,
    title, url, date, date_precision, source, attribution.
    """
    articles = len({_field(r, ARTICLE_ID) for r in rows})
    head = f"{len(rows):,} sentence{'' if len(rows) == 1 else 's'} in {articles:,} article"
    head += "" if articles == 1 else "s"
    if len(rows) > limit:
        head += f"; the newest {limit:,} are listed (all are in the table below)"
    items = "".join(f"<li>{_evidence_item(r)}</li>" for r in rows[:limit])
    return (
        f'{STYLE}<div class="sm-evidence"><p class="sm-ev-head">{_esc(head)}</p>'
        f"<ul>{items}</ul></div>"
    )


def _evidence_item(row: Mapping[str, Any]) -> str:
    css, glyph, word = _side(row)
    actor = _field(row, ACTOR_NAME) or _field(row, ACTOR) or NO_ACTOR
    meta = [f"<b>{_esc(actor)}</b> on <i>{_esc(_field(row, 'concept_label') or '')}</i>"]
    if _field(row, SPEAKER):
        meta.append(f"speaker <b>{_esc(_field(row, 'speaker'))}</b>")
    article_id = _field(row, ARTICLE_ID) or ""
    meta.append(
        f'<a href="{_esc(article_link(article_id))}" target="_blank" rel="noopener noreferrer">'
        f"{_esc(_field(row, 'title') or article_id)}</a>"
    )
    url = _field(row, "url")
    if url and is_web_url(url):
        meta.append(
            f'<a href="{_esc(url.strip())}" target="_blank" rel="noopener noreferrer nofollow">'
            "original &#8599;</a>"
        )
    meta.append(_esc(date_label(_field(row, DATE), _field(row, "date_precision"))))
    meta.append(_esc(_field(row, "source") or "unknown source"))
    return (
        f'<p class="sm-ev-text"><span class="sm-snum {css}">{glyph} {_esc(word)}</span>'
        f"{_esc(plain_text(_field(row, 'evidence') or ''))}</p>"
        f'<p class="sm-ev-meta">{" &middot; ".join(meta)}</p>'
        f'<p class="sm-ev-attr">{_esc(_field(row, "attribution") or "")}</p>'
        f"{correction_html(row)}"
    )


def correction_html(row: Mapping[str, Any]) -> str:
    """'Corrected by X on DATE: note' for a corrected row (every field escaped), else ''."""
    author = _field(row, "corrected_by")
    if not author:
        return ""
    when = str(_field(row, "corrected_at") or "")[:16].replace("T", " ")
    note = _field(row, "correction_note")
    text = f"Corrected by {author} on {when} UTC" + (f": {note}" if note else "")
    return f'<p class="sm-ev-fix">&#9998; {_esc(text)}</p>'


def header_html(article: Mapping[str, Any]) -> str:
    """Title, date (with its precision), source, a link to the original, the attribution line.

    `article` needs title, date, date_precision, source, url, attribution. The URL becomes a
    link only when it is http(s); any other URL is shown as text.
    """
    meta = [
        _esc(date_label(_field(article, DATE), _field(article, "date_precision"))),
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
    speaker = _field(row, SPEAKER) or UNKNOWN_SPEAKER
    written = _field(row, "speaker_mention")
    actor = _field(row, ACTOR)
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


def _stance_runs(
    text: str,
    start: int,
    end: int,
    layers: tuple[Sequence[Mark], Sequence[Mark], Sequence[Mark]],
    names: _Names,
) -> Iterator[str]:
    """The HTML of text[start:end]: stance runs, each holding quote runs holding mention runs."""
    stances, quotes, mentions = layers
    for s_start, s_end, stance in runs(start, end, stances):
        inner = "".join(_quote_runs(text, s_start, s_end, quotes, mentions, names.actors))
        if stance is None:
            yield inner
            continue
        # The S tags after the span's last piece, like an actor code after a mention.
        tags = (
            "".join(_stance_tag(r, stance.number + i, names) for i, r in enumerate(stance.group))
            if s_end == stance.end
            else ""
        )
        yield f'<span class="sm-stance">{inner}{tags}</span>'


def _quote_runs(
    text: str,
    start: int,
    end: int,
    quotes: Sequence[Mark],
    mentions: Sequence[Mark],
    names: Mapping[str, str],
) -> Iterator[str]:
    """The HTML of text[start:end]: quote runs, each holding its mention runs."""
    for q_start, q_end, quote in runs(start, end, quotes):
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
    text: str, start: int, end: int, mentions: Sequence[Mark], names: Mapping[str, str]
) -> Iterator[str]:
    for m_start, m_end, mention in runs(start, end, mentions):
        piece = _esc(text[m_start:m_end])
        if mention is None:
            yield piece
            continue
        actor = _field(mention.row, ACTOR) or ""
        title = f"{_field(mention.row, 'label') or 'mention'} -> {_actor_label(actor, names)}"
        # The code as a tag after the mention's last piece, unless the text already is the code.
        last = m_end == mention.end and text[mention.start : mention.end] != actor
        tag = f'<span class="sm-tag">{_esc(actor)}</span>' if last else ""
        yield f'<span class="sm-mention" title="{_esc(title)}">{piece}{tag}</span>'


def _quote_title(quote: Mark, names: Mapping[str, str]) -> str:
    """'Q1 - direct quote - Eric Edelman, USA (United States)' (plain text; the caller escapes)."""
    row = quote.row
    actor = _field(row, ACTOR)
    kind = _field(row, "kind") or ""
    speaker = _field(row, SPEAKER) or UNKNOWN_SPEAKER
    who = _actor_label(actor, names) if actor else NO_ACTOR
    return f"Q{quote.number} - {QUOTE_KIND_LABELS.get(kind, kind or 'quote')} - {speaker}, {who}"


def _actor_label(code: str, names: Mapping[str, str]) -> str:
    """'RUS (Russia)', or the code alone when its name is unknown."""
    name = names.get(code)
    return f"{code} ({name})" if name and name != code else code


def _confidence(row: Mapping[str, Any]) -> str:
    value = row.get(CONFIDENCE)
    if isinstance(value, int | float) and math.isfinite(value):
        return f"{value:.2f}"
    return "-"


def _field(row: Mapping[str, Any], name: str) -> str | None:
    """A text field of a row; None for missing, None, NaN or empty."""
    value = row.get(name)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value)
    return text or None


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)
