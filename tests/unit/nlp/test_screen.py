"""analysis.nlp.screen: which paragraphs need the full parse, the NER only, or nothing - decided
from the tokenizer's output, so a later stage never misses what it reads (here with the blank
English tokenizer and the hand-made concepts; tests/unit/test_screen.py runs the catalogue
and the trained pipeline)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from analysis.gazetteer import default_gazetteer
from analysis.nlp.screen import Screen, screen_for
from analysis.nlp.terms import ConceptIndex
from tests.unit.nlp.parses import CONCEPTS, NLP

LEAD = "Officials met on Monday."


@pytest.fixture(scope="module")
def screen() -> Screen:
    return Screen.build(NLP, CONCEPTS, default_gazetteer())


@pytest.mark.parametrize(
    ("paragraph", "treatment"),
    [
        ("They want more sanctions.", "full"),  # a phrase with a side: the stance chain
        ("It was about Ukraine.", "full"),  # a topic phrase that names a state
        ('"It was late," he said.', "full"),  # quotation marks: the attribution
        # a speech verb: indirect speech (inflected forms need the lemmatizer: not here)
        ("they say it was late.", "full"),
        ("the statement was late.", "full"),  # a document noun: its author speaks
        ("rain fell over Oslo.", "ner"),  # a name, nothing to parse for
        ("rain fell over the kremlin.", "ner"),  # a gazetteer name in lower case
        ("The Support Group met.", "ner"),  # capitalised inside a sentence: a name, no verb
        ("rain fell all night.", "skip"),
        ("But it was late. And then it rained.", "skip"),  # stop words opening sentences
    ],
)
def test_before_ner(screen: Screen, paragraph: str, treatment: str) -> None:
    docs = [NLP.make_doc(LEAD), NLP.make_doc(paragraph)]
    assert screen.before_ner(docs) == ["full", treatment]


def test_the_first_paragraph_always_gets_the_full_parse(screen: Screen) -> None:
    assert screen.before_ner([NLP.make_doc("rain fell all night.")]) == ["full"]


def entities(words: list[str], ents: list[str]) -> Doc:
    return Doc(NLP.vocab, words=words, ents=ents)


@pytest.mark.parametrize(
    ("doc", "treatment"),
    [
        (entities(["Lisa", "Monaco", "left"], ["B-PERSON", "I-PERSON", "O"]), "full"),
        # a surname the NER tagged as an organisation: people.py reads it as a person
        (entities(["Edelman", "left"], ["B-ORG", "O"]), "full"),
        (entities(["NATO", "met"], ["B-ORG", "O"]), "ner"),  # an actor's name
        (entities(["rain", "fell"], ["O", "O"]), "ner"),
    ],
)
def test_after_ner_a_person_calls_for_the_full_parse(screen: Screen, doc: Doc, treatment) -> None:
    assert screen.after_ner(doc) == treatment


def test_screen_for_keeps_the_screen_of_an_index_and_gazetteer() -> None:
    nlp = spacy.blank("en")
    index, gaz = ConceptIndex(nlp, CONCEPTS), default_gazetteer()
    first = screen_for(nlp, index, gaz)
    assert screen_for(nlp, index, gaz) is first
    assert screen_for(nlp, ConceptIndex(nlp, CONCEPTS[:1]), gaz) is not first
