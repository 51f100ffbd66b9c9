"""Faster ways to run spaCy's own components over many paragraphs, with the same output.

Measured on 300 news articles (4,400 paragraphs, 190,000 tokens) with en_core_web_sm on this
machine (2 cores, one process):
- Batch sizes: the parser and the NER are fastest with 64-256 paragraphs per batch (the NER 11.7 s
  at 128, 14.6 s at 512), a tok2vec at 16 (the shared one 3.6 s against 6.2 s at 256: for a large
  batch its arrays outgrow the CPU caches). run_components runs each component over all its
  paragraphs before the next, so each gets its own batch size, and the NER's own tok2vec, which
  its `pipe` feeds the whole batch, is fed TOK2VEC_BATCH paragraphs at a time
  (small_tok2vec_batches: NER 12.5 s -> 11.4 s). A tok2vec reads each paragraph alone, so the
  vectors are the same.
- The attribute ruler: its Matcher is replaced by a table lookup (FastRuler, 4.0 s -> 0.8 s).
- The lemmatizer: a rule or lookup lemma depends on a token's text, part of speech and morphology
  only, so it is worked out once per distinct (ORTH, POS, MORPH) (FastLemmatizer), by a twin of
  the rule lemmatizer whose word index is a set (spaCy tests membership in a list); spaCy's own
  cache misses every base form and walks the Doc token by token in Python.
tests/unit/test_fastpipe.py compares each with spaCy's own component on real text.
"""

from __future__ import annotations

import copy
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Lemmatizer, TrainablePipe
from spacy.tokens import Doc, Token
from thinc.api import Model

BATCH_SIZE = 128
TOK2VEC_BATCH = 16
COMPONENT_BATCH = {"tok2vec": TOK2VEC_BATCH}
_SWAP = threading.Lock()  # one swap at a time: uploads are analysed in threads sharing a pipeline


@dataclass
class PipeStats:
    """Seconds spent and tokens seen by each stage of a build (the tokenizer, the screen, each
    component, the rule stages), for the build benchmark."""

    seconds: dict[str, float] = field(default_factory=dict)
    tokens: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, seconds: float, tokens: int) -> None:
        """Add time and tokens to stage `name`."""
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.tokens[name] = self.tokens.get(name, 0) + tokens

    @contextmanager
    def timed(self, name: str, tokens: int) -> Iterator[None]:
        """Add the time spent inside, and `tokens`, to stage `name`."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - start, tokens)

    def merge(self, other: PipeStats) -> None:
        """Add another's figures (a worker process's) to these."""
        for name, seconds in other.seconds.items():
            self.add(name, seconds, other.tokens.get(name, 0))


@contextmanager
def timed(stats: PipeStats | None, name: str, tokens: int) -> Iterator[None]:
    """stats.timed, or nothing when no one asked for figures."""
    if stats is None:
        yield
    else:
        with stats.timed(name, tokens):
            yield


def run_components(
    nlp: Language,
    docs: list[Doc],
    names: set[str],
    batch_size: int,
    stats: PipeStats | None = None,
) -> None:
    """Run the named components, in pipeline order, over Docs (annotated in place)."""
    tokens = sum(len(doc) for doc in docs) if stats is not None else 0
    for name, proc in nlp.pipeline:
        if name not in names:
            continue
        with timed(stats, name, tokens):
            _run_one(name, proc, docs, batch_size)


def _run_one(name: str, proc: Any, docs: list[Doc], batch_size: int) -> None:
    """One component over Docs, by the fastest way this module knows for it."""
    ruler = fast_ruler(proc) if isinstance(proc, AttributeRuler) else None
    lemmatizer = fast_lemmatizer(proc) if isinstance(proc, Lemmatizer) else None
    if ruler is not None:
        for doc in docs:
            proc.set_annotations(doc, ruler.match(doc))
    elif lemmatizer is not None:
        for doc in docs:
            lemmatizer(doc)
    else:
        size = COMPONENT_BATCH.get(name, batch_size)
        with small_tok2vec_batches(proc):
            for _ in proc.pipe(docs, batch_size=size):
                pass


@contextmanager
def small_tok2vec_batches(proc: object) -> Iterator[None]:
    """While inside, a transition-based component (parser, NER) runs the tok2vec of its own
    model TOK2VEC_BATCH Docs at a time. Other components are left as they are."""
    model = getattr(proc, "model", None)
    layers = getattr(model, "layers", None)
    if (
        not isinstance(proc, TrainablePipe)
        or not isinstance(model, Model)
        or model.name != "parser_model"  # spacy.ml.tb_framework.TransitionModel
        or not layers
    ):
        yield
        return
    with _SWAP:
        inner = layers[0]
        layers[0] = _sub_batched(inner, TOK2VEC_BATCH)
        try:
            yield
        finally:
            layers[0] = inner


def _sub_batched(inner: Model, size: int) -> Model:
    """A prediction-only layer: `inner` over `size` Docs at a time, outputs stacked in order."""

    def forward(model: Model, docs: Sequence[Doc], is_train: bool) -> tuple[Any, Any]:
        if is_train or len(docs) <= size:
            return inner(docs, is_train)  # type: ignore[no-any-return]
        parts = [inner.predict(docs[i : i + size]) for i in range(0, len(docs), size)]

        def backprop(d_output: Any) -> Any:  # never called: is_train is False here
            raise NotImplementedError("sub-batched tok2vec is for prediction only")

        return model.ops.xp.vstack(parts), backprop

    return Model(f"sub_batched({inner.name})", forward, layers=[inner])


_LEMMA_KEYS = [ORTH, POS, MORPH]


@dataclass
class FastLemmatizer:
    """Lemmatizer.__call__ with one lemmatisation per distinct (text, POS, morphology)."""

    proc: Lemmatizer
    lemmatize: Callable[[Token], list[str]]  # proc's own method, or its twin's (_set_indexed)
    known: dict[tuple[int, int, int], int] = field(default_factory=dict)  # key -> lemma hash

    def __call__(self, doc: Doc) -> None:
        if not len(doc):
            return
        lemmas = doc.to_array([LEMMA]).astype(np.uint64).ravel()
        todo = np.arange(len(doc)) if self.proc.overwrite else np.flatnonzero(lemmas == 0)
        if not len(todo):
            return
        keys = doc.to_array(_LEMMA_KEYS)[todo]
        distinct, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        strings = doc.vocab.strings
        values = np.empty(len(distinct), dtype=np.uint64)
        for j, (row, at) in enumerate(zip(distinct.tolist(), first.tolist(), strict=True)):
            key = (row[0], row[1], row[2])
            lemma = self.known.get(key)
            if lemma is None:
                token: Token = doc[int(todo[at])]
                lemma = self.known[key] = strings.add(self.lemmatize(token)[0])
            values[j] = lemma
        lemmas[todo] = values[inverse.ravel()]
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]


@cache
def fast_lemmatizer(proc: Lemmatizer) -> FastLemmatizer | None:
    """The distinct-key lemmatizer for a rule or lookup lemmatizer (their lemma depends on the
    key alone); None for any other mode, which then runs as spaCy runs it."""
    if proc.mode not in ("rule", "lookup"):
        return None
    if not getattr(proc, "_validated", True):
        proc._validate_tables()  # what Lemmatizer.__call__ does before its first Doc
    if proc.mode == "rule":
        return FastLemmatizer(proc, _set_indexed(proc).rule_lemmatize)
    return FastLemmatizer(proc, proc.lemmatize)


def _set_indexed(proc: Lemmatizer) -> Lemmatizer:
    """A twin of a rule lemmatizer whose word index per part of speech is a set. spaCy keeps it
    as a list and rule_lemmatize tests `form in index` against up to 57,000 nouns: 90 us per
    word not yet seen. Only membership is tested, so a set gives the same lemmas. The twin has
    its own tables and cache; the pipeline's lemmatizer is left as it is."""
    twin = copy.copy(proc)
    lookups = Lookups()
    for name in proc.lookups.tables:
        table = proc.lookups.get_table(name)
        if name == "lemma_index":
            lookups.add_table(name, {key: frozenset(words) for key, words in table.items()})
        else:
            lookups.add_table(name, dict(table.items()))
    twin.lookups = lookups
    twin.cache = {}
    return twin


# The attribute ruler of en_core_web_sm runs a Matcher of ~180 one- and two-token patterns over
# every token: about a sixth of the pipeline's time. Its patterns only test TAG, LOWER, DEP and
# IS_SPACE, so which of them a token matches depends on those four values alone: worked out
# once per distinct (tag, lower, dep, space) and looked up after. The matches are the ones
# AttributeRuler.match returns, in its order, and AttributeRuler.set_annotations applies them
# (tests/unit/test_fastpipe.py compares both on real text). Any other pattern: the Matcher runs.
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
