"""analysis.nlp.fastpipe: the faster ways to run spaCy's own components give spaCy's own output;
here on small hand-made components (tests/unit/test_fastpipe.py compares them with the trained
pipeline's on real text)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc

from analysis.nlp.fastpipe import fast_lemmatizer, fast_ruler, run_components

TEXTS = ["The U.S. and Japan met.", "We don't know", "", "  Lots   of space  "]


def ruler_nlp(patterns: list[dict]) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


PATTERNS = [
    {"patterns": [[{"LOWER": "u.s."}]], "attrs": {"LEMMA": "US"}},
    {"patterns": [[{"LOWER": {"IN": ["do", "does"]}}, {"LOWER": "n't"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"REGEX": "^jap"}}]], "attrs": {"POS": "PROPN"}, "index": 0},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    {
        "patterns": [[{"LOWER": {"NOT_IN": ["the", "and"]}}, {"LOWER": "and"}]],
        "attrs": {"TAG": "X"},
    },
]


def test_the_table_ruler_matches_what_the_matcher_matches() -> None:
    nlp = ruler_nlp(PATTERNS)
    ruler = nlp.get_pipe("attribute_ruler")
    fast = fast_ruler(ruler)  # type: ignore[arg-type]
    assert fast is not None
    docs = [nlp.make_doc(t) for t in TEXTS]
    assert sum(len(fast.match(d)) for d in docs) >= 5
    for doc in docs:
        assert fast.match(doc) == ruler.match(doc)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"POS": "NOUN"}],  # an attribute the table does not index
        [{"LOWER": "a", "OP": "?"}],  # an operator
        [{"LENGTH": {">": 3}}],
    ],
)
def test_a_pattern_the_table_cannot_answer_leaves_the_matcher_in_charge(pattern) -> None:
    nlp = ruler_nlp([{"patterns": [pattern], "attrs": {"TAG": "X"}}])
    assert fast_ruler(nlp.get_pipe("attribute_ruler")) is None  # type: ignore[arg-type]


def lookup_nlp() -> Language:
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"met": "meet", "knows": "know", "space": "space"})
    lemmatizer.initialize(lookups=lookups)  # type: ignore[attr-defined]
    return nlp


def test_the_distinct_key_lemmatizer_gives_the_lookup_lemmatizers_lemmas() -> None:
    nlp = lookup_nlp()
    lemmatizer = nlp.get_pipe("lemmatizer")
    fast = fast_lemmatizer(lemmatizer)  # type: ignore[arg-type]
    assert fast is not None
    for text in [*TEXTS, "He met them and met us. She knows"]:
        theirs, ours = lemmatizer(nlp.make_doc(text)), nlp.make_doc(text)
        fast(ours)
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_run_components_runs_only_the_named_ones_in_place() -> None:
    nlp = ruler_nlp(PATTERNS)
    nlp.add_pipe("sentencizer")
    docs: list[Doc] = [nlp.make_doc(t) for t in TEXTS]
    run_components(nlp, docs, {"sentencizer"}, batch_size=2)
    assert docs[0].has_annotation("SENT_START")
    assert docs[0][1].lemma_ == ""  # the attribute ruler was not named: it did not run
    run_components(nlp, docs, set(nlp.pipe_names), batch_size=2)
    assert docs[0][1].lemma_ == "US"
    assert [d.to_json() for d in docs] == [d.to_json() for d in nlp.pipe(TEXTS)]
