"""analysis.nlp.qualifiers: the words that qualify one step of a cue chain."""

from __future__ import annotations

import pytest

from analysis.nlp.cues import cue_lexicon
from analysis.nlp.qualifiers import hedge, intensity_of, modal_of, negated, participle
from tests.unit.nlp.parses import parse

WOULD_NOT = parse(
    "We would not strongly support it.",
    "We 4 nsubj PRON",
    "would 4 aux AUX",
    "not 4 neg PART",
    "strongly 4 advmod ADV",
    "support 4 ROOT VERB",
    "it 4 dobj PRON",
    ". 4 punct PUNCT",
)
MUST_ACT = parse(
    "We must act.", "We 2 nsubj PRON", "must 2 aux AUX", "act 2 ROOT VERB", ". 2 punct PUNCT"
)
GROWING = parse(
    "the growing crisis", "the 2 det DET", "growing 2 amod VERB grow", "crisis 2 ROOT NOUN"
)


def test_a_negator_a_hedge_and_an_intensifier_each_qualify_the_verb() -> None:
    verb = WOULD_NOT[4]
    assert negated(verb) == 1
    assert hedge(verb, cue_lexicon()) < 1.0
    assert intensity_of(verb, cue_lexicon()) > 1.0
    assert modal_of(verb) is None


def test_must_is_a_modal_and_no_negation() -> None:
    verb = MUST_ACT[2]
    assert modal_of(verb) == "must" and negated(verb) == 0
    assert hedge(verb, cue_lexicon()) == 1.0 and intensity_of(verb, cue_lexicon()) == 1.0


@pytest.mark.parametrize(("doc", "i", "expected"), [(GROWING, 1, True), (MUST_ACT, 2, False)])
def test_a_participle_describes_its_noun(doc, i: int, expected: bool) -> None:  # type: ignore[no-untyped-def]
    assert participle(doc[i]) is expected
