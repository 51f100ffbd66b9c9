"""analysis.nlp.transcript: a transcript turn 'Name: ...' belongs to the labelled speaker, and
so do the unlabelled paragraphs after it, until the next label."""

from __future__ import annotations

import pytest

from analysis.gazetteer import default_gazetteer
from analysis.nlp.transcript import UNKNOWN, speaker_actor, transcript_speakers
from tests.unit.nlp.parses import plain

DATE = "2022-02-01"


@pytest.mark.parametrize(
    ("label", "actor"),
    [
        ("Vladimir Putin", "RUS"),  # an official's name at the date
        ("President of Russia Vladimir Putin", "RUS"),  # the name is the label's last words
        ("Prime Minister of Hungary Someone Unknown", "HUN"),  # else a state the title names
        ("Andrei Boginsky", UNKNOWN),  # a speaker of no actor we know
    ],
)
def test_speaker_actor(label: str, actor: str) -> None:
    assert speaker_actor(label, default_gazetteer(), DATE) == actor


def test_a_label_sets_the_speaker_of_its_turn_until_the_next_label() -> None:
    parsed = plain(
        "The President met the President of Belarus.",
        "Vladimir Putin: Good afternoon. We support this.",
        "And we want peace.",  # no label: still Putin's turn
        "Alexander Lukashenko (retranslated): Thank you.",  # a note after the name is allowed
        "Andrei Boginsky: A helicopter, yes.",
    )
    assert transcript_speakers(parsed, default_gazetteer(), DATE) == [
        None,  # before any turn: the document's own voice
        "RUS",
        "RUS",
        "BLR",
        UNKNOWN,
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Note: the meeting was closed.",  # one word before the colon is no name
        "the foreign minister: a profile.",  # lower case: no name
        "Russia and Ukraine",  # no colon
    ],
)
def test_a_paragraph_without_a_name_label_is_no_turn(paragraph: str) -> None:
    assert transcript_speakers(plain(paragraph), default_gazetteer(), DATE) == [None]


def test_a_journalists_one_word_label_ends_the_turn_before_it() -> None:
    # 'Remark: ...' after Putin's turn is a journalist's, not Russia's
    parsed = plain(
        "Vladimir Putin: We support this.",
        "Remark: Withdrawal of troops and expansion of NATO.",
        "Question: What about sanctions?",
    )
    assert transcript_speakers(parsed, default_gazetteer(), DATE) == ["RUS", UNKNOWN, UNKNOWN]
