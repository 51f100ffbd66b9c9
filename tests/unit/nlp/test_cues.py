"""analysis.nlp.cues: which word is a stance cue, checked by part of speech and particle."""

from __future__ import annotations

import pytest

from analysis.nlp.cues import cue_lexicon
from tests.unit.nlp.parses import parse

CALL_FOR = parse(
    "They called for a ceasefire",
    "They 1 nsubj PRON",
    "called 1 ROOT VERB call",
    "for 1 prep ADP",
    "a 4 det DET",
    "ceasefire 2 pobj NOUN",
)
CALL_MINISTER = parse(
    "They called the minister",
    "They 1 nsubj PRON",
    "called 1 ROOT VERB call",
    "the 3 det DET",
    "minister 1 dobj NOUN",
)
NEED_TO_ACT = parse(
    "We need to act",
    "We 1 nsubj PRON",
    "need 1 ROOT VERB",
    "to 3 aux PART",
    "act 1 xcomp VERB",
)
HAVE_TALKS = parse(
    "We have talks",
    "We 1 nsubj PRON",
    "have 1 ROOT VERB",
    "talks 1 dobj NOUN talk",
)
HAVE_TO_ACT = parse(
    "We have to act",
    "We 1 nsubj PRON",
    "have 1 ROOT VERB",
    "to 3 aux PART",
    "act 1 xcomp VERB",
)
SUPPORT_NOUN = parse(
    "their support for Kyiv",
    "their 1 poss PRON",
    "support 1 ROOT NOUN",
    "for 1 prep ADP",
    "Kyiv 2 pobj PROPN",
)
SUPPORT_ADJ = parse("supportive words", "supportive 1 amod ADJ support", "words 1 ROOT NOUN word")


@pytest.mark.parametrize(
    ("doc", "i", "lemma", "polarity", "kind"),
    [
        (CALL_FOR, 1, "call", 1, "phrasal"),  # 'call for' needs its particle ...
        (NEED_TO_ACT, 1, "need", 1, "verb"),
        (HAVE_TO_ACT, 1, "have", 1, "modal"),  # 'have to' is a modal only before an infinitive
        (SUPPORT_NOUN, 1, "support", 1, "noun"),  # 'support for X': a noun cue
    ],
)
def test_cue_for_a_word_in_its_construction(doc, i: int, lemma: str, polarity: int, kind: str):
    cue = cue_lexicon().cue_for(doc[i])
    assert cue is not None and (cue.lemma, cue.polarity, cue.kind) == (lemma, polarity, kind)


@pytest.mark.parametrize(
    ("doc", "i"),
    [
        (CALL_MINISTER, 1),  # ... 'called the minister' has none: no cue
        (HAVE_TALKS, 1),  # 'have talks' is no modal
        (SUPPORT_ADJ, 0),  # a verb or noun cue read as an adjective is no cue
    ],
)
def test_no_cue_where_the_construction_is_missing(doc, i: int) -> None:
    assert cue_lexicon().cue_for(doc[i]) is None


def test_a_phrasal_cue_is_read_with_its_particle() -> None:
    doc = parse(
        "They called on Russia",
        "They 1 nsubj PRON",
        "called 1 ROOT VERB call",
        "on 1 prep ADP",
        "Russia 2 pobj PROPN",
    )
    cue = cue_lexicon().cue_for(doc[1])
    assert cue is not None and (cue.kind, cue.preps) == ("phrasal", ("on",))


def test_cue_for_lemma_takes_verbs_and_acts_without_particles() -> None:
    lexicon = cue_lexicon()
    assert lexicon.cue_for_lemma("condemn").polarity == -1  # type: ignore[union-attr]
    assert lexicon.cue_for_lemma("impose").kind == "act"  # type: ignore[union-attr]
    assert lexicon.cue_for_lemma("warn") is None  # only 'warn against'


@pytest.mark.parametrize(("word", "polarity"), [("illegal", -1), ("unprovoked", -1)])
def test_evaluations_by_lemma_or_word(word: str, polarity: int) -> None:
    doc = parse(f"{word} sanctions", f"{word} 1 amod ADJ", "sanctions 1 ROOT NOUN sanction")
    cue = cue_lexicon().evaluation_for(doc[0])
    assert cue is not None and cue.polarity == polarity and cue.kind == "evaluation"


def test_negators_hedges_and_intensifiers_are_single_words() -> None:
    lexicon = cue_lexicon()
    assert {"not", "never", "n't"} <= lexicon.negators
    assert all(" " not in n for n in lexicon.negators)  # 'no longer' is not matched here
    assert 0 < lexicon.hedges["would"] < 1 and "strongly" in lexicon.intensifiers
    assert "aggression" in lexicon.hostile
