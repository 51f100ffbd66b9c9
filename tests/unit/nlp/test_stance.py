"""analysis.nlp.stance: the stance records of a document - every concept phrase, its side from
the cue chain and its holders, kept by the rules (or decided by a scorer), once per sentence."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc

from analysis.nlp.scorer import StanceScorer
from analysis.nlp.stance import extract_stances, stance_candidates
from tests.unit.nlp.parses import context, parse, parsed_text

US_CONDEMNS = parse(
    "The United States condemned Russia's aggression.",
    "The 2 det DET B-GPE",
    "United 2 compound PROPN I-GPE",
    "States 3 nsubj PROPN I-GPE",
    "condemned 3 ROOT VERB condemn",
    "Russia 6 poss PROPN B-GPE",
    "'s 4 case PART",
    "aggression 3 dobj NOUN",
    ". 3 punct PUNCT",
)
WE_SUPPORT = parse(
    "We support sanctions.",
    "We 1 nsubj PRON",
    "support 1 ROOT VERB",
    "sanctions 1 dobj NOUN sanction",
    ". 1 punct PUNCT",
)
RUSSIA_SUPPORTS = parse(
    "Russia supports sanctions.",
    "Russia 1 nsubj PROPN B-GPE",
    "supports 1 ROOT VERB support",
    "sanctions 1 dobj NOUN sanction",
    ". 1 punct PUNCT",
)
REJECTED_IT = parse(
    "Russia rejected it.",
    "Russia 1 nsubj PROPN B-GPE",
    "rejected 1 ROOT VERB reject",
    "it 1 dobj PRON",
    ". 1 punct PUNCT",
)
REJECTED_THE_PLAN = parse(
    "Russia rejected the plan.",
    "Russia 1 nsubj PROPN B-GPE",
    "rejected 1 ROOT VERB reject",
    "the 3 det DET",
    "plan 1 dobj NOUN",
    ". 1 punct PUNCT",
)
TWICE = parse(
    "We support sanctions and more sanctions.",
    "We 1 nsubj PRON",
    "support 1 ROOT VERB",
    "sanctions 1 dobj NOUN sanction",
    "and 2 cc CCONJ",
    "more 5 amod ADJ",
    "sanctions 2 conj NOUN sanction",
    ". 1 punct PUNCT",
)
TURN = parse(
    "Alexander Lukashenko: We support sanctions.",
    "Alexander 1 compound PROPN B-PERSON",
    "Lukashenko 4 dep PROPN I-PERSON",
    ": 4 punct PUNCT",
    "We 4 nsubj PRON",
    "support 4 ROOT VERB",
    "sanctions 4 dobj NOUN sanction",
    ". 4 punct PUNCT",
)
DO_NOT_SUPPORT = parse(
    "We do not support sanctions.",
    "We 3 nsubj PRON",
    "do 3 aux AUX",
    "not 3 neg PART",
    "support 3 ROOT VERB",
    "sanctions 3 dobj NOUN sanction",
    ". 3 punct PUNCT",
)
IF_WE_SUPPORT = parse(
    "If we support sanctions, we act.",
    "If 2 mark SCONJ",
    "we 2 nsubj PRON",
    "support 6 advcl VERB",
    "sanctions 2 dobj NOUN sanction",
    ", 6 punct PUNCT",
    "we 6 nsubj PRON",
    "act 6 ROOT VERB",
    ". 6 punct PUNCT",
)


def stances(*docs: Doc, **kw) -> list[tuple[str, str, int]]:
    return [
        (s.actor, s.concept, s.polarity) for s in extract_stances(context(parsed_text(*docs), **kw))
    ]


@pytest.mark.parametrize(
    ("docs", "kw", "expected"),
    [
        # condemning the adversary's aggression is for what it violates
        ((US_CONDEMNS,), {}, [("USA", "ukraine_sovereignty", 1)]),
        ((WE_SUPPORT,), {"voice": "USA"}, [("USA", "sanctions_on_russia", 1)]),
        # Russia *for* sanctions on Russia: a misread sentence, not recorded
        ((RUSSIA_SUPPORTS,), {}, []),
        # 'it' points back to the last phrase with a side, in the paragraph before
        ((WE_SUPPORT, REJECTED_IT), {"voice": "USA"},
         [("USA", "sanctions_on_russia", 1), ("RUS", "sanctions_on_russia", -1)]),
        # 'the plan' after a phrase with a side stands for it
        ((WE_SUPPORT, REJECTED_THE_PLAN), {"voice": "USA"},
         [("USA", "sanctions_on_russia", 1), ("RUS", "sanctions_on_russia", -1)]),
        ((IF_WE_SUPPORT,), {"voice": "USA"}, []),  # a condition is too weak for the rules alone
        ((DO_NOT_SUPPORT,), {"voice": "USA"}, [("USA", "sanctions_on_russia", -1)]),  # negated
    ],
)  # fmt: skip
def test_extract_stances(docs: tuple[Doc, ...], kw: dict, expected: list) -> None:
    assert stances(*docs, **kw) == expected


def test_a_statement_counts_once_per_sentence_with_its_evidence() -> None:
    parsed = parsed_text(WE_SUPPORT, TWICE)
    found = extract_stances(context(parsed, voice="USA"))
    assert [s.stance_id for s in found] == ["a1#s1", "a1#s2"]  # one per sentence, in text order
    for stance in found:
        assert parsed.text[stance.start_char : stance.end_char] == stance.evidence
        assert stance.cue == "support > sanctions" and stance.method == "cue/voice"
    assert found[1].evidence == TWICE.text


def test_a_transcript_turn_gives_the_voice_reading_to_the_labelled_speaker() -> None:
    # a visitor in the Kremlin is not Russia
    assert stances(TURN, voice="RUS") == [("BLR", "sanctions_on_russia", 1)]


def test_candidates_keep_the_rules_reading_and_the_alternatives_a_scorer_may_prefer() -> None:
    ctx = context(parsed_text(US_CONDEMNS), voice="GBR", participants=("GBR", "DEU"))
    readings = {(c.actor, c.how, c.rules_keep) for c in stance_candidates(ctx)}
    assert readings == {
        ("USA", "named", True),
        ("GBR", "alt-voice", False),
        ("DEU", "alt-participant", False),
    }


def test_a_weak_reading_is_a_candidate_the_rules_do_not_keep() -> None:
    (candidate,) = stance_candidates(context(parsed_text(IF_WE_SUPPORT), voice="USA"))
    assert candidate.polarity == 1 and candidate.hedged and not candidate.rules_keep


def test_with_a_scorer_the_scorer_decides() -> None:
    names = {"bias": 0, "how=voice|agree": 1}
    weights = np.array([0.0, 4.0])
    scorer = StanceScorer(names, weights, weights, floor=0.3, default_min_confidence=0.5)
    ctx = context(parsed_text(IF_WE_SUPPORT), voice="USA", scorer=scorer)
    (stance,) = extract_stances(ctx)  # the rules alone drop it; the scorer keeps it
    assert (stance.actor, stance.polarity) == ("USA", 1)
    assert stance.method.startswith("scored/")


def test_an_actor_for_a_proposition_against_itself_is_read_but_not_recorded() -> None:
    ctx = context(parsed_text(RUSSIA_SUPPORTS))
    assert [(c.actor, c.polarity, c.rules_keep) for c in stance_candidates(ctx)] == [
        ("RUS", 1, True)
    ]
    assert extract_stances(ctx) == []


# Holders found wrong in the train/dev errors of this round (never the test split).
WERE_IMPOSED = parse(
    "The sanctions were imposed in 2014.",
    "The 1 det DET",
    "sanctions 3 nsubjpass NOUN sanction",
    "were 3 auxpass AUX be",
    "imposed 3 ROOT VERB impose",
    "in 3 prep ADP",
    "2014 4 pobj NUM",
    ". 3 punct PUNCT",
)
MUST_BE_IMPOSED = parse(
    "Sanctions must be imposed.",
    "Sanctions 3 nsubjpass NOUN sanction",
    "must 3 aux AUX",
    "be 3 auxpass AUX",
    "imposed 3 ROOT VERB impose",
    ". 3 punct PUNCT",
)
THEY_IMPOSED = parse(
    "They imposed sanctions.",
    "They 1 nsubj PRON",
    "imposed 1 ROOT VERB impose",
    "sanctions 1 dobj NOUN sanction",
    ". 1 punct PUNCT",
)
SUPPORT_IT_AFTER_A_NOUN = parse(
    "We fight terrorism and the groups that support it.",
    "We 1 nsubj PRON",
    "fight 1 ROOT VERB",
    "terrorism 1 dobj NOUN",
    "and 2 cc CCONJ",
    "the 5 det DET",
    "groups 2 conj NOUN group",
    "that 7 nsubj PRON",
    "support 5 relcl VERB",
    "it 7 dobj PRON",
    ". 1 punct PUNCT",
)


def test_an_agentless_passive_names_no_holder_but_a_passive_demand_is_the_voice() -> None:
    # 'when the first sanctions were imposed': not Russia's own act, whoever's voice it is
    assert stances(WERE_IMPOSED, voice="RUS") == []
    assert stances(MUST_BE_IMPOSED, voice="USA") == [("USA", "sanctions_on_russia", 1)]


def test_they_in_a_transcript_turn_or_a_quotation_are_not_the_meeting_participants() -> None:
    turn = parse(
        "Alexander Lukashenko: They imposed sanctions on us.",
        "Alexander 1 compound PROPN B-PERSON",
        "Lukashenko 5 dep PROPN I-PERSON",
        ": 5 punct PUNCT",
        "They 5 nsubj PRON",
        "imposed 5 ROOT VERB impose",
        "sanctions 5 dobj NOUN sanction",
        "on 5 prep ADP",
        "us 7 pobj PRON",
        ". 5 punct PUNCT",
    )
    assert stances(turn, voice="RUS", participants=("RUS", "BLR")) == []
    # in the readout's own words, 'they' are the participants
    assert sorted(stances(THEY_IMPOSED, voice="USA", participants=("USA", "DEU"))) == [
        ("DEU", "sanctions_on_russia", 1),
        ("USA", "sanctions_on_russia", 1),
    ]


def test_it_after_a_nearer_noun_of_its_own_sentence_is_not_the_earlier_phrase() -> None:
    # 'the groups that support it': 'it' is terrorism, not the sanctions of the paragraph before
    assert stances(WE_SUPPORT, SUPPORT_IT_AFTER_A_NOUN, voice="USA") == [
        ("USA", "sanctions_on_russia", 1)
    ]


THANKED_FOR = parse(
    "We thanked the Canadian side for its support for sanctions .",
    "We 1 nsubj PRON",
    "thanked 1 ROOT VERB thank",
    "the 4 det DET",
    "Canadian 4 amod ADJ B-NORP",
    "side 1 dobj NOUN",
    "for 1 prep ADP",
    "its 7 poss PRON",
    "support 5 pobj NOUN",
    "for 7 prep ADP",
    "sanctions 8 pobj NOUN sanction",
    ". 1 punct PUNCT",
)
SUPPORT_OF_FOR = parse(
    "The support of Japan for sanctions is firm .",
    "The 1 det DET",
    "support 6 nsubj NOUN",
    "of 1 prep ADP",
    "Japan 2 pobj PROPN B-GPE",
    "for 1 prep ADP",
    "sanctions 4 pobj NOUN sanction",
    "is 6 ROOT AUX be",
    "firm 6 acomp ADJ",
    ". 6 punct PUNCT",
)


def test_the_one_thanked_for_a_support_holds_it_not_the_speaker() -> None:
    # 'thanked the Canadian side for its support for X': Canada's support, named by its side
    assert stances(THANKED_FOR, voice="UKR") == [("CAN", "sanctions_on_russia", 1)]


def test_a_cue_nouns_of_phrase_names_its_holder() -> None:
    # 'the support of Japan for sanctions' is Japan's
    assert stances(SUPPORT_OF_FOR, voice="UKR") == [("JPN", "sanctions_on_russia", 1)]
