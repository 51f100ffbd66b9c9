"""analysis.nlp.terms: catalogue concepts found in a paragraph, each match with its orientation
(normalised form, lemmas with a lemmatizer, abbreviations by case, context needs, exclusions)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analysis.concepts import Concept
from analysis.nlp.terms import ConceptIndex
from tests.unit.nlp.parses import NLP

NUCLEAR = Concept(
    "nuclear_limits",
    "Limits on nuclear weapons",
    "",
    keywords=("nonproliferation",),
    pro=("arms control", "disarmament"),
    anti=("nuclear weapon", "nuclear weapons"),
    topic=("weapon", "disarmament"),  # 'disarmament' is listed pro first: pro wins
    context=("nuclear", "atomic"),
    abbreviations=("NPT",),
    extra={
        "needs_context": ["weapon"],
        "exclude": ["weapon of choice"],
        "loaded": {"arms control": 1},
    },
)
TRADE = Concept(
    "free_trade", "Free trade", "", keywords=("trade",), extra={"exclude": ["slave trade"]}
)
RUSSIA = Concept("russia", "Russia", "", keywords=(), anti=("Russia's aggression",))


@pytest.fixture(scope="module")
def index() -> ConceptIndex:
    return ConceptIndex(NLP, [NUCLEAR, TRADE, RUSSIA])


def found(index: ConceptIndex, text: str, **kw) -> list[tuple[str, str, int]]:
    return [(m.concept, m.text, m.orientation) for m in index.matches(NLP(text), **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arms Control matters", [("nuclear_limits", "Arms Control", 1)]),  # any case
        ("They want nuclear weapons", [("nuclear_limits", "nuclear weapons", -1)]),  # longest
        ("They want disarmament", [("nuclear_limits", "disarmament", 1)]),  # pro before topic
        ("The NPT holds", [("nuclear_limits", "NPT", 0)]),  # an abbreviation ...
        ("The npt holds", []),  # ... only in its own case
        ("Russia\u2019s aggression", [("russia", "Russia\u2019s aggression", -1)]),  # curly '
        ("A weapon was found", []),  # 'weapon' needs a context word ...
        ("An atomic weapon was found", [("nuclear_limits", "weapon", 0)]),  # ... in the paragraph
        ("It is a weapon of choice near atomic sites", []),  # an exclusion cancels it
        ("Free trade and the slave trade", [("free_trade", "trade", 0)]),
        (
            "Trade and arms control",
            [("free_trade", "Trade", 0), ("nuclear_limits", "arms control", 1)],
        ),
    ],
)
def test_matches(index: ConceptIndex, text: str, expected: list) -> None:
    assert found(index, text) == expected


def test_a_context_word_may_come_from_the_paragraph_before(index: ConceptIndex) -> None:
    assert found(index, "A weapon was found", extra_context={"nuclear"}) == [
        ("nuclear_limits", "weapon", 0)
    ]


def test_a_match_carries_its_token_range_and_loaded_side(index: ConceptIndex) -> None:
    doc = NLP("We want arms control now")
    (match,) = index.matches(doc)
    assert (match.start, match.end, match.loaded, match.anaphoric) == (2, 4, 1, False)
    assert doc[match.start : match.end].text == match.text


def test_with_a_lemmatizer_inflected_forms_match_too(nlp: Language) -> None:
    index = ConceptIndex(
        nlp, [Concept("s", "Sanctions", "", keywords=(), pro=("impose sanction",))]
    )
    with nlp.select_pipes(enable=["tok2vec", "tagger", "attribute_ruler", "lemmatizer"]):
        doc = nlp("They imposed sanctions")
    assert [m.text for m in index.matches(doc)] == ["imposed sanctions"]
