"""The faster ways to run spaCy's components give what spaCy's own components give, on real text
(the fixture corpus: White House statements), and the char-offset lookups of a parsed text."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from analysis.corpus import load_corpus
from analysis.nlp.fastpipe import (
    TOK2VEC_BATCH,
    fast_lemmatizer,
    fast_ruler,
    run_components,
    small_tok2vec_batches,
)
from analysis.nlp.parsed import paragraph_offsets, parse_texts

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "build" / "corpus"
ODD = "I'd say y'all gonna go, ain't it? Let's see: there are 3 of us.\n \n"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [a.text for a in load_corpus([FIXTURE]).articles]


@pytest.fixture(scope="module")
def paragraphs(texts: list[str]) -> list[str]:
    found = [t[s:e] for t in texts for s, e in paragraph_offsets(t)] + [ODD]
    assert len(found) > TOK2VEC_BATCH  # the NER's tok2vec is really fed in several batches
    return found


def _docs(nlp: Language, paragraphs: list[str], names: list[str]) -> list[Doc]:
    docs = [nlp.make_doc(p) for p in paragraphs]
    with nlp.select_pipes(enable=names):
        for _name, proc in nlp.pipeline:
            for _ in proc.pipe(docs):  # type: ignore[attr-defined]
                pass
    return docs


def test_sub_batched_tok2vec_gives_the_same_entities(nlp: Language, paragraphs: list[str]) -> None:
    ner = nlp.get_pipe("ner")
    plain = [nlp.make_doc(p) for p in paragraphs]
    ours = [nlp.make_doc(p) for p in paragraphs]
    list(ner.pipe(plain, batch_size=128))  # type: ignore[attr-defined]
    inner = ner.model.layers[0]  # type: ignore[attr-defined]
    with small_tok2vec_batches(ner):
        assert ner.model.layers[0] is not inner  # type: ignore[attr-defined]
        list(ner.pipe(ours, batch_size=128))  # type: ignore[attr-defined]
    assert ner.model.layers[0] is inner  # type: ignore[attr-defined]
    for a, b in zip(plain, ours, strict=True):
        assert [(e.start, e.end, e.label_) for e in a.ents] == [
            (e.start, e.end, e.label_) for e in b.ents
        ]
    assert sum(len(d.ents) for d in ours) > 20


def test_fast_lemmatizer_gives_spacys_lemmas(nlp: Language, paragraphs: list[str]) -> None:
    before = ["tok2vec", "tagger", "parser", "attribute_ruler"]
    theirs = _docs(nlp, paragraphs, before)
    ours = _docs(nlp, paragraphs, before)
    lemmatizer = nlp.get_pipe("lemmatizer")
    fast = fast_lemmatizer(lemmatizer)  # type: ignore[arg-type]
    assert fast is not None
    for a, b in zip(theirs, ours, strict=True):
        lemmatizer(a)
        fast(b)
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        assert [t.head.i for t in a] == [t.head.i for t in b]  # the parse is left alone
        assert [s.start for s in a.sents] == [s.start for s in b.sents]


def test_fast_attribute_ruler_matches_the_matcher(nlp: Language, texts: list[str]) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    fast = fast_ruler(ruler)  # type: ignore[arg-type]
    assert fast is not None
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        for doc in nlp.pipe([*texts[:3], ODD]):
            assert fast.match(doc) == ruler.match(doc)  # type: ignore[attr-defined]


def test_run_components_equals_the_pipeline(nlp: Language, paragraphs: list[str]) -> None:
    ours = [nlp.make_doc(p) for p in paragraphs]
    run_components(nlp, ours, set(nlp.pipe_names), 128)
    for doc, theirs in zip(ours, nlp.pipe(paragraphs), strict=True):
        assert doc.to_json() == theirs.to_json()


def test_token_at_finds_the_covering_or_next_token(nlp: Language, texts: list[str]) -> None:
    text = texts[0]
    parsed = next(parse_texts(nlp, [text]))
    for para in parsed.paragraphs:
        assert text[para.start_char : para.end_char] == para.doc.text
        for token in para.doc:
            start = para.start_char + token.idx
            for char in range(start, start + len(token.text)):
                assert parsed.token_at(char) == token
            if token.whitespace_:  # a space belongs to no token: the next one is found
                following = parsed.token_at(start + len(token.text))
                assert following is None or following.i == token.i + 1
    gap = parsed.paragraphs[0].end_char  # between paragraphs
    assert parsed.token_at(gap) is None and parsed.paragraph_at(gap) is None
