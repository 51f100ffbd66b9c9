"""A text parsed paragraph by paragraph (blank lines are hard breaks), with char-offset lookups."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a text: its offset in the text and its Doc."""

    start_char: int
    doc: Doc

    @property
    def end_char(self) -> int:
        return self.start_char + len(self.doc.text)


def paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph; paragraphs are separated by blank lines."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped:
            start = pos + block.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos += len(block) + 2
    return spans


class ParsedText:
    """A text and the Docs of its paragraphs, addressable by character offset in the text."""

    def __init__(self, text: str, paragraphs: list[Paragraph]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self._starts = [p.start_char for p in paragraphs]

    def paragraph_at(self, char: int) -> Paragraph | None:
        """The paragraph containing char (or None in the gap between paragraphs)."""
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and char < self.paragraphs[i].end_char:
            return self.paragraphs[i]
        return None

    def token_at(self, char: int) -> Token | None:
        """The token covering char, or the next token in the same paragraph."""
        para = self.paragraph_at(char)
        if para is None:
            return None
        local = char - para.start_char
        for token in para.doc:
            if token.idx + len(token.text) > local:
                return token
        return None

    def sentence_at(self, char: int) -> tuple[Paragraph, Span] | None:
        """The paragraph and sentence containing char."""
        token = self.token_at(char)
        para = self.paragraph_at(char)
        if token is None or para is None:
            return None
        return para, token.sent

    def char_of(self, token: Token) -> int:
        """A token's offset in the whole text."""
        return self._para_of(token.doc).start_char + token.idx

    def span_chars(self, span: Span | Token) -> tuple[int, int]:
        """(start, end) offsets of a span or token in the whole text."""
        base = self._para_of(span.doc).start_char
        if isinstance(span, Token):
            return base + span.idx, base + span.idx + len(span.text)
        return base + span.start_char, base + span.end_char

    def _para_of(self, doc: Doc) -> Paragraph:
        for para in self.paragraphs:
            if para.doc is doc:
                return para
        raise ValueError("token is not from this text")

    def tokens_between(self, start: int, end: int) -> Iterator[Token]:
        """Tokens whose start lies in [start, end)."""
        for para in self.paragraphs:
            if para.end_char <= start or para.start_char >= end:
                continue
            for token in para.doc:
                at = para.start_char + token.idx
                if start <= at < end:
                    yield token


def parse_texts(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 64, n_process: int = 1
) -> Iterator[ParsedText]:
    """Parse many texts paragraph by paragraph, streaming all paragraphs through nlp.pipe."""
    items = [(text, paragraph_offsets(text)) for text in texts]
    blocks = (text[s:e] for text, spans in items for s, e in spans)
    docs = nlp.pipe(blocks, batch_size=batch_size, n_process=n_process)
    for text, spans in items:
        yield ParsedText(text, [Paragraph(s, next(docs)) for s, _ in spans])


def parse_text(nlp: Language, text: str) -> ParsedText:
    """Parse one text paragraph by paragraph."""
    return next(parse_texts(nlp, [text]))
