"""analysis.nlp.document: one parsed document analysed - its voice, a meeting's participants and
the other actors it names at its start, mentions, quotations, and stances given a concept index."""

from __future__ import annotations

import pytest

from analysis.gazetteer import default_gazetteer
from analysis.nlp.document import DocumentMeta, analyse_document, document_kind
from analysis.nlp.terms import ConceptIndex
from tests.unit.nlp import quoted
from tests.unit.nlp.parses import CONCEPTS, NLP, parse, parsed_text

READOUT = DocumentMeta(
    "a1",
    "2022-03-01",
    "The White House",
    "Readout of President Biden's Call with Chancellor Olaf Scholz of Germany",
)
OPENING = parse(
    "The leaders spoke with Japan about Canada.",
    "The 1 det DET",
    "leaders 2 nsubj NOUN leader",
    "spoke 2 ROOT VERB speak",
    "with 2 prep ADP",
    "Japan 3 pobj PROPN B-GPE",
    "about 2 prep ADP",
    "Canada 5 pobj PROPN B-GPE",
    ". 2 punct PUNCT",
)
SUBJECTS = parse(
    "Prime Minister Trudeau of Canada and Japan spoke.",
    "Prime 1 compound PROPN",
    "Minister 2 compound PROPN",
    "Trudeau 7 nsubj PROPN B-PERSON",
    "of 2 prep ADP",
    "Canada 3 pobj PROPN B-GPE",
    "and 2 cc CCONJ",
    "Japan 2 conj PROPN B-GPE",
    "spoke 7 ROOT VERB speak",
    ". 7 punct PUNCT",
)
THEY_SUPPORT = parse(
    "They support sanctions.",
    "They 1 nsubj PRON",
    "support 1 ROOT VERB",
    "sanctions 1 dobj NOUN sanction",
    ". 1 punct PUNCT",
)


def test_a_readout_speaks_in_its_sources_voice_with_its_participants() -> None:
    found = analyse_document(READOUT, parsed_text(OPENING, THEY_SUPPORT), default_gazetteer())
    assert found.voice == "USA"
    # the voice, the state the title names after 'with', those the first sentence meets 'with'
    assert found.participants == ("USA", "DEU", "JPN")
    assert [(m.text, m.actor) for m in found.mentions] == [("Japan", "JPN"), ("Canada", "CAN")]
    assert found.stances == () and found.candidates == ()  # no concept index: no stances


def test_with_a_concept_index_they_are_each_participant() -> None:
    index = ConceptIndex(NLP, CONCEPTS)
    found = analyse_document(
        READOUT,
        parsed_text(OPENING, THEY_SUPPORT),
        default_gazetteer(),
        index,
        keep_candidates=True,
    )
    assert {(s.actor, s.polarity) for s in found.stances} == {("USA", 1), ("DEU", 1), ("JPN", 1)}
    assert found.info is not None and found.info.kind == "official"
    assert found.info.present == ("CAN",)  # named at the start, but not met 'with'
    assert {c.actor for c in found.candidates} >= {"USA", "DEU", "JPN", "CAN"}


def test_the_named_subjects_of_the_first_sentence_are_participants() -> None:
    # 'Today, President Biden, Prime Minister Trudeau of Canada, ... spoke': a joint statement
    found = analyse_document(READOUT, parsed_text(SUBJECTS, THEY_SUPPORT), default_gazetteer())
    assert found.participants == ("USA", "DEU", "CAN", "JPN")


def test_a_news_article_has_no_voice_and_no_participants() -> None:
    meta = DocumentMeta("a2", "2022-03-01", "Reuters", "Sanctions against Russia widen")
    found = analyse_document(meta, parsed_text(quoted.SAID_LAVROV), default_gazetteer())
    assert (found.voice, found.participants) == (None, ())
    assert [(q.speaker, q.actor) for q in found.quotes] == [("Sergei Lavrov", "RUS")]


def test_a_state_the_title_names_as_a_topic_is_no_participant() -> None:
    meta = DocumentMeta("a3", "2022-03-01", "The White House", "Readout of a call on Russia")
    found = analyse_document(meta, parsed_text(THEY_SUPPORT), default_gazetteer())
    assert found.participants == ("USA",)


@pytest.mark.parametrize(
    ("title", "voice", "kind"),
    [
        ("Hungary: Statement in the General Debate", "HUN", "speech"),
        ("Readout of a call", "USA", "official"),
        ("Russia condemns sanctions", None, "news"),
        (None, None, "news"),
    ],
)
def test_document_kind(title: str | None, voice: str | None, kind: str) -> None:
    assert document_kind(title, voice) == kind


@pytest.mark.parametrize(
    ("title", "participants"),
    [
        # an office after a name is that body's ('NATO Secretary General' is no UN official)
        ("Readout of a Call with NATO Secretary General Jens Stoltenberg", ("USA", "NATO")),
        # a state the meeting is about, past 'the', is no participant
        ("Joint statement by the President of Germany on the Russian Federation", ("USA", "DEU")),
        ("Readout of a Call with Germany Following the DPRK's Launch", ("USA", "DEU")),
        # whose partners they were: NATO did not meet
        ("Readout of a Meeting with NATO's Indo-Pacific Partners", ("USA",)),
    ],
)
def test_the_title_names_the_participants_not_what_the_meeting_was_about(
    title: str, participants: tuple[str, ...]
) -> None:
    meta = DocumentMeta("a1", "2022-03-01", "The White House", title)
    found = analyse_document(meta, parsed_text(THEY_SUPPORT), default_gazetteer())
    assert found.participants == participants


def test_whom_the_first_sentence_met_with_ends_where_its_topic_begins() -> None:
    # 'met with X of Korea, Y of Japan following Russia's attack': the parse may break the
    # list of names, and what follows 'following' is the topic
    opening = parse(
        "Biden met with Yoon of Korea , Kishida of Japan following attacks by Russia .",
        "Biden 1 nsubj PROPN B-PERSON",
        "met 1 ROOT VERB meet",
        "with 1 prep ADP",
        "Yoon 2 pobj PROPN B-PERSON",
        "of 3 prep ADP",
        "Korea 4 pobj PROPN B-GPE",
        ", 1 punct PUNCT",
        "Kishida 1 npadvmod PROPN B-PERSON",
        "of 7 prep ADP",
        "Japan 8 pobj PROPN B-GPE",
        "following 1 prep VERB follow",
        "attacks 10 pobj NOUN attack",
        "by 11 prep ADP",
        "Russia 12 pobj PROPN B-GPE",
        ". 1 punct PUNCT",
    )
    meta = DocumentMeta("a1", "2022-03-01", "The White House", "Readout of a Meeting")
    found = analyse_document(meta, parsed_text(opening), default_gazetteer())
    assert found.participants == ("USA", "KOR", "JPN")
