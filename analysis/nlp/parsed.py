"""A text parsed paragraph by paragraph (blank lines are hard breaks), with char-offset lookups."""

from __future__ import annotations

import bisect
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
from spacy.attrs import ENT_IOB, IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span, Token

from analysis.nlp.fastpipe import BATCH_SIZE, PipeStats, run_components, timed
from analysis.textclean import paragraph_offsets

Treatment = Literal["full", "ner", "skip"]


class Screen(Protocol):
    """Says which components each paragraph needs (analysis.nlp.screen.Screen is the one
    the orchestrator passes; this module does not import it, so the stages it draws its
    trigger words from may import this one)."""

    def before_ner(self, docs: Sequence[Doc]) -> list[Treatment]:
        """The treatment of each paragraph of one text, from its tokens."""
        ...

    def after_ner(self, doc: Doc) -> Treatment:
        """'full' when the entities of a paragraph screened 'ner' call for the parse."""
        ...


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a text: its offsets in the text and its Doc (of text[start_char:end_char]).
    The end is stored: `len(doc.text)` would build the paragraph's text again on every lookup."""

    start_char: int
    end_char: int
    doc: Doc


class ParsedText:
    """A text and the Docs of its paragraphs, addressable by character offset in the text."""

    def __init__(self, text: str, paragraphs: list[Paragraph]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self._starts = [p.start_char for p in paragraphs]
        self._token_ends: dict[int, list[int]] = {}  # paragraph index -> end offset of each token

    def paragraph_at(self, char: int) -> Paragraph | None:
        """The paragraph containing char (or None in the gap between paragraphs)."""
        i = self._index_at(char)
        return None if i is None else self.paragraphs[i]

    def _index_at(self, char: int) -> int | None:
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and char < self.paragraphs[i].end_char:
            return i
        return None

    def token_at(self, char: int) -> Token | None:
        """The token covering char, or the next token in the same paragraph."""
        i = self._index_at(char)
        if i is None:
            return None
        para = self.paragraphs[i]
        ends = self._token_ends.get(i)
        if ends is None:
            ends = self._token_ends[i] = (
                para.doc.to_array([IDX, LENGTH]).sum(axis=1).tolist() if len(para.doc) else []
            )
        at = bisect.bisect_right(ends, char - para.start_char)  # first token ending after char
        return para.doc[at] if at < len(ends) else None

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


CHUNK_TEXTS = 100  # texts screened and parsed together (bounds memory; one worker task)


def parse_texts(
    nlp: Language,
    texts: Iterable[str],
    *,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    screen: Screen | None = None,
    stats: PipeStats | None = None,
) -> Iterator[ParsedText]:
    """Parse many texts paragraph by paragraph. With a `screen` (analysis.nlp.screen), each
    paragraph gets only the components a later stage reads in it; without one, every component
    runs on every paragraph. `stats`, when given, gets the time and tokens of each stage."""
    items = [(text, paragraph_offsets(text)) for text in texts]
    if screen is None or not nlp.has_pipe("ner") or not nlp.has_pipe("parser"):
        blocks = (text[s:e] for text, spans in items for s, e in spans)
        stream = nlp.pipe(blocks, batch_size=batch_size, n_process=n_process)
        for text, spans in items:
            yield ParsedText(text, [Paragraph(s, e, next(stream)) for s, e in spans])
        return
    chunks = [items[i : i + CHUNK_TEXTS] for i in range(0, len(items), CHUNK_TEXTS)]
    parsed_chunks = _parse_chunks(nlp, screen, chunks, batch_size, n_process, stats)
    for chunk, docs_of in zip(chunks, parsed_chunks, strict=True):
        for (text, spans), docs in zip(chunk, docs_of, strict=True):
            paragraphs = [Paragraph(s, e, doc) for (s, e), doc in zip(spans, docs, strict=True)]
            yield ParsedText(text, paragraphs)


def _parse_chunks(
    nlp: Language,
    screen: Screen,
    chunks: list[list[tuple[str, list[tuple[int, int]]]]],
    batch_size: int,
    n_process: int,
    stats: PipeStats | None = None,
) -> Iterator[list[list[Doc]]]:
    """The paragraph Docs of each chunk, chunks spread over `n_process` forked workers."""
    if n_process <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield parse_chunk(nlp, screen, chunk, batch_size, stats)
        return
    context = multiprocessing.get_context("fork")  # workers share the loaded pipeline
    with context.Pool(n_process, _init_worker, (nlp, screen, batch_size)) as pool:
        for packed, worker_stats in pool.imap(_worker, chunks):
            if stats is not None:
                stats.merge(worker_stats)
            with timed(stats, "unpack (DocBin)", 0):
                docs = [list(DocBin().from_bytes(data).get_docs(nlp.vocab)) for data in packed]
            yield docs


def parse_chunk(
    nlp: Language,
    screen: Screen,
    chunk: Sequence[tuple[str, Sequence[tuple[int, int]]]],
    batch_size: int = BATCH_SIZE,
    stats: PipeStats | None = None,
) -> list[list[Doc]]:
    """Tokenize every paragraph; run every component where the screen wants the full parse, the
    NER alone where only a name may be, and nothing else on the rest. A paragraph whose NER finds
    a person gets the full parse after all; its entities stand unless one crosses a sentence
    start the parser set, else the NER runs again after the parser, as in the pipeline."""
    with timed(stats, "tokenizer", 0):
        docs = [[nlp.make_doc(text[s:e]) for s, e in spans] for text, spans in chunk]
    tokens = sum(len(d) for paragraphs in docs for d in paragraphs) if stats is not None else 0
    if stats is not None:
        stats.add("tokenizer", 0.0, tokens)
    with timed(stats, "screen", tokens):
        plans = [screen.before_ner(paragraphs) for paragraphs in docs]
    flat = [
        (doc, t)
        for paragraphs, plan in zip(docs, plans, strict=True)
        for doc, t in zip(paragraphs, plan, strict=True)
    ]
    pending = [d for d, t in flat if t == "ner"]
    run_components(nlp, pending, {"ner"}, batch_size, stats)
    late = [d for d in pending if screen.after_ner(d) == "full"]
    full = [d for d, t in flat if t == "full"]
    run_components(nlp, full + late, set(nlp.pipe_names) - {"ner"}, batch_size, stats)
    again = [d for d in late if not _entities_kept(nlp, d)]
    for doc in again:
        doc.set_ents([], default="missing")
    run_components(nlp, full + again, {"ner"}, batch_size, stats)
    parsed = {id(d) for d in full + late}
    for doc, _ in flat:
        if id(doc) not in parsed and len(doc):
            _one_sentence(doc)
    return docs


def _entities_kept(nlp: Language, doc: Doc) -> bool:
    """Would the NER find the same entities after the parser? The greedy NER's only use of the
    parse is that an entity may not run on into a token that starts a sentence (ner.pyx: Begin
    and In are invalid before a sentence start); its scores come from the words alone. So when
    no entity it found without the parse crosses a sentence start, every move it chose is still
    valid and still the best: the same entities. (Not so for the beam NER: other factories run
    it again.)"""
    if nlp.get_pipe_meta("ner").factory != "ner" or not len(doc):
        return False
    iob_and_start = doc.to_array([ENT_IOB, SENT_START]).astype(np.int64)
    inside = iob_and_start[:, 0] == 1  # I: continues the entity of the token before
    return not bool(np.any(inside & (iob_and_start[:, 1] == 1)))


def _one_sentence(doc: Doc) -> None:
    """A paragraph left unparsed is one sentence, so code reading `.sent` does not fail."""
    doc[0].is_sent_start = True
    for token in doc[1:]:
        token.is_sent_start = False


_WORKER: tuple[Language, Screen, int] | None = None


def _init_worker(nlp: Language, screen: Screen, batch_size: int) -> None:
    global _WORKER
    _WORKER = (nlp, screen, batch_size)


def _worker(chunk: list[tuple[str, list[tuple[int, int]]]]) -> tuple[list[bytes], PipeStats]:
    if _WORKER is None:
        raise RuntimeError("parse worker used before _init_worker")
    nlp, screen, batch_size = _WORKER
    stats = PipeStats()  # a few counters: cheap enough to send back always
    parsed = parse_chunk(nlp, screen, chunk, batch_size, stats)
    with stats.timed("pack (DocBin)", 0):
        packed = [DocBin(docs=p, store_user_data=False).to_bytes() for p in parsed]
    return packed, stats


def parse_text(nlp: Language, text: str, *, screen: Screen | None = None) -> ParsedText:
    """Parse one text paragraph by paragraph (every component on every paragraph unless a
    screen is given)."""
    return next(parse_texts(nlp, [text], screen=screen))
