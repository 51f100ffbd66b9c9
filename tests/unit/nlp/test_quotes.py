"""analysis.nlp.quotes: the quotations of a document, marks -> attribution -> continuation ->
speaker, and indirect speech ('X said that ...') outside them."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from analysis.gazetteer import default_gazetteer
from analysis.nlp.people import People
from analysis.nlp.quotes import extract_quotes
from analysis.records import Quote
from tests.unit.nlp import quoted
from tests.unit.nlp.parses import parsed_text

FOREIGN_MINISTER_SAID = quoted.said_by(
    "the Foreign Minister",
    "the 9 det DET",
    "Foreign 9 compound PROPN",
    "Minister 10 nsubj PROPN",
)
VICE_PRESIDENT_SAID = quoted.said_by(
    "the Vice President", "the 9 det DET", "Vice 9 compound PROPN", "President 10 nsubj PROPN"
)


def quotes_of(*docs: Doc, voice: str | None = None) -> list[Quote]:
    parsed = parsed_text(*docs)
    people = People(parsed, default_gazetteer())
    return extract_quotes("a1", parsed, people, date="2022-03-01", voice=voice)


@pytest.mark.parametrize(
    ("doc", "text", "speaker", "actor", "method"),
    [
        (quoted.PUTIN_SAID, "We support new sanctions,", "Putin", "RUS", "after"),
        # '"...," said X': the name after the verb, its title left out of the speaker's name
        (quoted.SAID_LAVROV, "We will not give up,", "Sergei Lavrov", "RUS", "after"),
        (quoted.LAVROV_TOLD, "We will not give up.", "Lavrov", "RUS", "introduced"),
        (quoted.ACCORDING_TO, "The talks have failed,", "Lavrov", "RUS", "according_to"),
        # '"A," he said. "B."': B has no attribution of its own and continues A
        (quoted.CONTINUED, 'We support sanctions," Putin said. "They must increase.', "Putin",
         "RUS", "after"),
        # '"A," he said, "B."': two marked parts of one quotation
        (quoted.INTERRUPTED, 'We support sanctions," Putin said, "and we will impose more.',
         "Putin", "RUS", "after"),
    ],
)  # fmt: skip
def test_a_direct_quotation_and_its_speaker(
    doc: Doc, text: str, speaker: str, actor: str, method: str
) -> None:
    (quote,) = quotes_of(doc)
    assert (quote.kind, quote.text, quote.speaker, quote.actor, quote.method) == (
        "direct",
        text,
        speaker,
        actor,
        method,
    )


def test_a_quotation_never_passes_to_a_person_the_paragraph_merely_mentions() -> None:
    # 'Biden met Putin in Geneva. "The talks were useful and long."': no one is said to speak
    assert quotes_of(quoted.MERELY_MENTIONED) == []


def test_words_in_marks_naming_a_theme_are_no_quotation() -> None:
    assert quotes_of(quoted.THEME) == []


def test_indirect_speech_is_the_clause_a_speech_verb_reports() -> None:
    (quote,) = quotes_of(quoted.SAID_THAT)
    assert (quote.kind, quote.text, quote.speaker, quote.actor) == (
        "indirect",
        "that Russia would never accept the plan",
        "Lavrov",
        "RUS",
    )


@pytest.mark.parametrize(
    ("docs", "voice", "speaker", "actor"),
    [
        ((quoted.PUTIN_SPOKE, quoted.HE_SAID), None, "Putin", "RUS"),  # 'he': the last subject
        ((quoted.HE_SAID,), None, None, None),  # 'he' with no one before it: nobody
        # 'the statement said': whoever issued it
        ((quoted.KREMLIN_RELEASED, quoted.STATEMENT_SAID), None, "Kremlin", "RUS"),
        # 'the President' in a White House text is the President of the United States then
        ((quoted.PRESIDENT_SAID,), "USA", "Joe Biden", "USA"),
        ((quoted.PRESIDENT_SAID,), None, "the President", None),  # in journalism: unknown
        ((FOREIGN_MINISTER_SAID,), "RUS", "Sergey Lavrov", "RUS"),  # the gazetteer spelling
        # an office with no holder in the gazetteer: the words, for the voice (not the President)
        ((VICE_PRESIDENT_SAID,), "USA", "the Vice President", "USA"),
    ],
)
def test_a_speaker_named_by_a_pronoun_a_document_or_an_office(
    docs: tuple[Doc, ...], voice: str | None, speaker: str | None, actor: str | None
) -> None:
    quote = quotes_of(*docs, voice=voice)[-1]
    assert (quote.speaker, quote.actor) == (speaker, actor)


def test_offsets_point_into_the_text_and_quotations_are_numbered() -> None:
    docs = (quoted.PUTIN_SAID, quoted.LAVROV_TOLD, quoted.SAID_THAT)
    text = parsed_text(*docs).text
    found = quotes_of(*docs)
    assert [q.quote_id for q in found] == ["a1#q1", "a1#q2", "a1#q3"]
    assert [q.kind for q in found] == ["direct", "direct", "indirect"]  # direct ones first
    for quote in found:
        assert text[quote.start_char : quote.end_char] == quote.text
        assert text[quote.speaker_start_char : quote.speaker_end_char] == quote.speaker_mention
