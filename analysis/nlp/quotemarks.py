"""Find direct quotations in text by their marks, before any parsing.

Handles straight and curly double marks and guillemets, nested quotes, quotes whose closing mark
is lost at a paragraph end, and quotes spanning paragraphs whose marks only open (the convention
of news writing: each continued paragraph opens with a mark, only the last one closes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "\u201c\u201e\u00ab"  # “ „ «
CLOSERS = "\u201d\u00bb"  # ” »
STRAIGHT = '"'
_MARKS = re.compile(r'["\u201c\u201d\u201e\u00ab\u00bb]')
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/:") | set(OPENERS)
_CLOSE_AFTER = set(" \t\n.,;:!?)]}\u2014\u2013-/") | set(CLOSERS)
_WORD = re.compile(r"[\w'\u2019-]+")
_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: content offsets (marks excluded), mark offsets, and whether it was closed."""

    start_char: int
    end_char: int
    open_char: int
    close_char: int | None  # None when the closing mark is missing (closed at a paragraph end)
    spans_paragraphs: bool

    def text(self, source: str) -> str:
        """The quoted words."""
        return source[self.start_char : self.end_char]


def _kind(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the mark at i, from its neighbours."""
    mark = text[i]
    if mark in OPENERS:
        return "open"
    if mark in CLOSERS:
        return "close"
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    opens = before in _OPEN_BEFORE and after not in " \t\n"
    closes = after in _CLOSE_AFTER and before not in " \t\n"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _paragraph_end(text: str, i: int) -> int:
    """Offset of the paragraph break at or after i (or the end of the text)."""
    end = text.find("\n\n", i)
    return len(text) if end < 0 else end


def _block_start(text: str, para_end: int) -> int:
    """Offset of the first non-space character after a paragraph break (or the text's end)."""
    j = para_end
    while j < len(text) and text[j].isspace():
        j += 1
    return j


def _continues(text: str, para_end: int) -> bool:
    """True when the paragraph after para_end opens with a quote mark (a continued quotation)."""
    j = para_end
    while j < len(text) and text[j] in " \t\n":
        j += 1
    return j < len(text) and _MARKS.match(text, j) is not None and _kind(text, j) == "open"


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in the text, in order; nested quotes stay inside their outer quote."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    depth = 0
    multi = False
    i = 0
    for m in _MARKS.finditer(text):
        i = m.start()
        if open_at is not None:
            para_end = _paragraph_end(text, open_at)
            while para_end < i:  # the quote reached a paragraph break before this mark
                if not _continues(text, para_end):
                    # '...residence?\n\n" added the adviser': the lost closing mark opens the next
                    # paragraph; it is the quote's close, and its attribution follows it
                    closer = _leading_closer(text, para_end)
                    spans.append(_span(text, open_at, para_end, closer, multi))
                    open_at, depth, multi = None, 0, False
                    break
                multi = True
                nxt = _block_start(text, para_end)  # the re-opening mark of the next paragraph
                if nxt >= i:
                    break
                para_end = _paragraph_end(text, nxt + 1)
            if open_at is not None and multi and _paragraph_start_mark(text, i):
                continue  # the mark that re-opens a continued paragraph
        kind = _kind(text, i)
        if open_at is None:
            # an ambiguous mark opens only when words follow it: '" added the adviser' at a
            # paragraph start is the closing mark of a quote that ended in the paragraph before
            if kind == "open" or (kind == "either" and not text[i + 1 : i + 2].isspace()):
                open_at, depth, multi = i, 0, False
            continue
        if kind == "open":
            depth += 1
        elif depth > 0:
            depth -= 1
        else:
            spans.append(_span(text, open_at, i, i, multi))
            open_at, multi = None, False
    if open_at is not None:
        spans.append(_span(text, open_at, _paragraph_end(text, open_at), None, multi))
    return [s for s in spans if s.end_char > s.start_char]


def _leading_closer(text: str, para_end: int) -> int | None:
    """The offset of a closing mark that starts the next paragraph, if there is one."""
    j = para_end
    while j < len(text) and text[j] in " \t\n":
        j += 1
    is_closer = j < len(text) and _MARKS.match(text, j) and _kind(text, j) != "open"
    return j if is_closer and text[j + 1 : j + 2].isspace() else None


def _paragraph_start_mark(text: str, i: int) -> bool:
    """True when the mark at i is the first non-space character of its paragraph."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or (text[j] == "\n" and j > 0 and text[j - 1] == "\n")


def _span(text: str, open_at: int, end: int, close_at: int | None, multi: bool) -> QuoteSpan:
    """A QuoteSpan with surrounding white space trimmed from the content."""
    start = open_at + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(start, end, open_at, close_at, multi)


def word_count(text: str) -> int:
    """Number of words in a quotation."""
    return len(_WORD.findall(text))


_ABBREVIATIONS = re.compile(r"\b(?:vs|v|Mr|Mrs|Ms|Dr|St|Inc|Ltd|Co|No|Jr|Sr)\.")


def looks_like_title(text: str) -> bool:
    """Quoted titles of works, names and court cases ("The Lord of the Rings", "X vs. Y Limited"):
    every main word capitalised and no sentence punctuation."""
    words = _WORD.findall(text)
    main = [w for w in words if w.lower() not in _SMALL_WORDS and w.lower() != "vs"]
    plain = _ABBREVIATIONS.sub("", text)
    return bool(main) and all(w[0].isupper() for w in main) and not re.search(r"[.!?,;]", plain)
