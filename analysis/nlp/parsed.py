"""A text parsed paragraph by paragraph (blank lines are hard breaks), with char-offset lookups."""

from __future__ import annotations

import bisect
import multiprocessing
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, DocBin, Span, Token

if TYPE_CHECKING:
    from analysis.nlp.screen import Screen


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


BATCH_SIZE = 256  # paragraphs per batch: measured faster than 64 for en_core_web_sm
CHUNK_TEXTS = 100  # texts screened and parsed together (bounds memory; one worker task)


def parse_texts(
    nlp: Language,
    texts: Iterable[str],
    *,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    screen: Screen | None = None,
    full: bool = False,
) -> Iterator[ParsedText]:
    """Parse many texts paragraph by paragraph. Each paragraph gets only the components a later
    stage reads in it (analysis.nlp.screen); `full=True` runs every component on every one."""
    items = [(text, paragraph_offsets(text)) for text in texts]
    if full or not nlp.has_pipe("ner") or not nlp.has_pipe("parser"):
        blocks = (text[s:e] for text, spans in items for s, e in spans)
        stream = nlp.pipe(blocks, batch_size=batch_size, n_process=n_process)
        for text, spans in items:
            yield ParsedText(text, [Paragraph(s, next(stream)) for s, _ in spans])
        return
    if screen is None:
        from analysis.nlp.screen import default_screen  # screen -> mentions -> parsed: import late

        screen = default_screen(nlp)
    chunks = [items[i : i + CHUNK_TEXTS] for i in range(0, len(items), CHUNK_TEXTS)]
    parsed_chunks = _parse_chunks(nlp, screen, chunks, batch_size, n_process)
    for chunk, docs_of in zip(chunks, parsed_chunks, strict=True):
        for (text, spans), docs in zip(chunk, docs_of, strict=True):
            paragraphs = [Paragraph(s, doc) for (s, _), doc in zip(spans, docs, strict=True)]
            yield ParsedText(text, paragraphs)


def _parse_chunks(
    nlp: Language,
    screen: Screen,
    chunks: list[list[tuple[str, list[tuple[int, int]]]]],
    batch_size: int,
    n_process: int,
) -> Iterator[list[list[Doc]]]:
    """The paragraph Docs of each chunk, chunks spread over `n_process` forked workers."""
    if n_process <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield parse_chunk(nlp, screen, chunk, batch_size)
        return
    context = multiprocessing.get_context("fork")  # workers share the loaded pipeline
    with context.Pool(n_process, _init_worker, (nlp, screen, batch_size)) as pool:
        for packed in pool.imap(_worker, chunks):
            yield [list(DocBin().from_bytes(data).get_docs(nlp.vocab)) for data in packed]


def parse_chunk(
    nlp: Language,
    screen: Screen,
    chunk: Sequence[tuple[str, Sequence[tuple[int, int]]]],
    batch_size: int = BATCH_SIZE,
) -> list[list[Doc]]:
    """Tokenize every paragraph; run every component where the screen wants the full parse, the
    NER alone where only a name may be, and nothing else on the rest. A paragraph whose NER finds
    a person gets the full parse after all, its entities found again after the parser (the NER
    does not let an entity cross a sentence start, so it must run last, as in the pipeline)."""
    docs = [[nlp.make_doc(text[s:e]) for s, e in spans] for text, spans in chunk]
    plans = [screen.before_ner(paragraphs) for paragraphs in docs]
    flat = [
        (doc, t)
        for paragraphs, plan in zip(docs, plans, strict=True)
        for doc, t in zip(paragraphs, plan, strict=True)
    ]
    pending = [d for d, t in flat if t == "ner"]
    _run(nlp, pending, {"ner"}, batch_size)
    late = [d for d in pending if screen.after_ner(d) == "full"]
    for doc in late:
        doc.set_ents([], default="missing")
    full = [d for d, t in flat if t == "full"] + late
    _run(nlp, full, set(nlp.pipe_names), batch_size)
    parsed = {id(d) for d in full}
    for doc, _ in flat:
        if id(doc) not in parsed and len(doc):
            _one_sentence(doc)
    return docs


def _run(nlp: Language, docs: list[Doc], names: set[str], batch_size: int) -> None:
    """Run the named components, in pipeline order, over Docs (annotated in place)."""
    for name, proc in nlp.pipeline:
        if name not in names:
            continue
        fast = fast_ruler(proc) if isinstance(proc, AttributeRuler) else None
        if fast is not None and isinstance(proc, AttributeRuler):
            for doc in docs:
                proc.set_annotations(doc, fast.match(doc))
        else:
            for _ in proc.pipe(docs, batch_size=batch_size):  # type: ignore[attr-defined]
                pass


# The attribute ruler of en_core_web_sm runs a Matcher of ~180 one- and two-token patterns over
# every token: about a sixth of the pipeline's time. Its patterns only test TAG, LOWER, DEP and
# IS_SPACE, so which of them a token matches depends on those four values alone: worked out
# once per distinct (tag, lower, dep, space) and looked up after. The matches are the ones
# AttributeRuler.match returns, in its order, and AttributeRuler.set_annotations applies them
# (tests/unit/test_screen.py compares both on real text). Any other pattern: the Matcher runs.
_RULER_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
_RULER_IDS = [TAG, LOWER, DEP, IS_SPACE]
TokenTest = tuple[tuple[str, str, Any], ...]  # (token attribute, operator, value)


Match = tuple[int, int, int, int]  # (attrs index, match key, start, end)
Pattern = tuple[int, int, tuple[TokenTest, ...]]  # (attrs index, match key, token tests)


@dataclass(frozen=True)
class FastRuler:
    """AttributeRuler.match by table lookup (see the comment above)."""

    by_value: dict[tuple[str, str], tuple[Pattern, ...]]  # by the tag or word its first token needs
    cache: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], tuple[Pattern, ...]]]

    def match(self, doc: Doc) -> list[Match]:
        """Every pattern match, sorted as AttributeRuler.match sorts them."""
        rows = [tuple(row) for row in doc.to_array(_RULER_IDS).tolist()]
        entries = [self.cache.get(row) or self._entry(doc[i], row) for i, row in enumerate(rows)]
        found = [
            (index, key, i, i + 1) for i, (whole, _) in enumerate(entries) for index, key in whole
        ]
        for i, (_, starting) in enumerate(entries):
            for index, key, tests in starting:  # a longer pattern whose first token is this one
                end = i + len(tests)
                if end <= len(doc) and all(
                    self._passes(doc[i + k], test) for k, test in enumerate(tests[1:], start=1)
                ):
                    found.append((index, key, i, end))
        return sorted(set(found))

    def _entry(
        self, token: Token, row: tuple[int, ...]
    ) -> tuple[tuple[tuple[int, int], ...], tuple[Pattern, ...]]:
        """(one-token patterns the token matches, longer patterns its first test passes)."""
        candidates = (
            *self.by_value.get(("tag_", token.tag_), ()),
            *self.by_value.get(("lower_", token.lower_), ()),
            *self.by_value.get(("", ""), ()),
        )
        first = [p for p in candidates if self._passes(token, p[2][0])]
        entry = (
            tuple((index, key) for index, key, tests in first if len(tests) == 1),
            tuple(p for p in first if len(p[2]) > 1),
        )
        self.cache[row] = entry
        return entry

    @staticmethod
    def _passes(token: Token, test: TokenTest) -> bool:
        return all(_test(getattr(token, attr), op, value) for attr, op, value in test)


def _test(value: object, op: str, expected: Any) -> bool:
    if op == "==":
        return bool(value == expected)
    if op == "IN":
        return value in expected
    if op == "NOT_IN":
        return value not in expected
    return re.search(expected, str(value)) is not None  # REGEX


@cache
def fast_ruler(ruler: AttributeRuler) -> FastRuler | None:
    """The table-lookup matcher for this ruler, or None when a pattern tests anything else."""
    strings = ruler.vocab.strings
    patterns: list[Pattern] = []
    for index, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:  # type: ignore[union-attr]
            tests = [_token_test(spec) for spec in pattern]
            if not tests or any(t is None for t in tests):
                return None
            patterns.append((index, strings[str(index)], tuple(t for t in tests if t is not None)))
    by_value: dict[tuple[str, str], list[Pattern]] = {}
    for pattern in patterns:
        needs = [(attr, value) for attr, op, value in pattern[2][0] if op == "=="]
        key = next((n for n in needs if n[0] == "tag_"), None) or next(
            (n for n in needs if n[0] == "lower_"), ("", "")
        )
        by_value.setdefault(key, []).append(pattern)
    return FastRuler({k: tuple(v) for k, v in by_value.items()}, {})


def _token_test(spec: Any) -> TokenTest | None:
    """One token's pattern as (attribute, operator, value) tests; None for anything else."""
    test: list[tuple[str, str, Any]] = []
    for attr, value in spec.items():
        if attr not in _RULER_ATTRS:
            return None
        name = _RULER_ATTRS[attr]
        if isinstance(value, str | bool):
            test.append((name, "==", value))
        elif isinstance(value, dict) and len(value) == 1:
            op, arg = next(iter(value.items()))
            if op in ("IN", "NOT_IN"):
                test.append((name, op, frozenset(arg)))
            elif op == "REGEX":
                test.append((name, op, arg))
            else:
                return None
        else:
            return None
    return tuple(sorted(test, key=repr))


def _one_sentence(doc: Doc) -> None:
    """A paragraph left unparsed is one sentence, so code reading `.sent` does not fail."""
    doc[0].is_sent_start = True
    for token in doc[1:]:
        token.is_sent_start = False


_WORKER: tuple[Language, Screen, int] | None = None


def _init_worker(nlp: Language, screen: Screen, batch_size: int) -> None:
    global _WORKER
    _WORKER = (nlp, screen, batch_size)


def _worker(chunk: list[tuple[str, list[tuple[int, int]]]]) -> list[bytes]:
    if _WORKER is None:
        raise RuntimeError("parse worker used before _init_worker")
    nlp, screen, batch_size = _WORKER
    return [
        DocBin(docs=paragraphs, store_user_data=False).to_bytes()
        for paragraphs in parse_chunk(nlp, screen, chunk, batch_size)
    ]


def parse_text(nlp: Language, text: str) -> ParsedText:
    """Parse one text paragraph by paragraph."""
    return next(parse_texts(nlp, [text]))
