"""analysis.nlp.attribution: the speech verb near a quotation and that verb's subject, found
from the parse (after it, before it, 'according to', the verb governing a fragment)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from analysis.nlp.attribution import NONE, Quoted, attribute, speaker_phrase
from analysis.nlp.quotemarks import find_quote_spans
from tests.unit.nlp import quoted
from tests.unit.nlp.parses import parse, parsed_text

DESCRIBED_AS = parse(
    'Lavrov described the plan as "a dangerous provocation".',
    "Lavrov 1 nsubj PROPN B-PERSON",
    "described 1 ROOT VERB describe",
    "the 3 det DET",
    "plan 1 dobj NOUN",
    "as 1 prep ADP",
    '" 8 punct PUNCT',
    "a 8 det DET",
    "dangerous 8 amod ADJ",
    "provocation 4 pobj NOUN",
    '" 8 punct PUNCT',
    ". 1 punct PUNCT",
)


@pytest.mark.parametrize(
    ("doc", "method", "verb", "speaker"),
    [
        (quoted.PUTIN_SAID, "after", "say", "Putin"),
        (quoted.SAID_LAVROV, "after", "say", "Foreign Minister Sergei Lavrov"),
        (quoted.LAVROV_TOLD, "introduced", "tell", "Lavrov"),
        (quoted.ACCORDING_TO, "according_to", "according to", "Lavrov"),
        (DESCRIBED_AS, "before", "describe", "Lavrov"),  # a speech verb before the mark
        (quoted.HE_SAID, "after", "say", "he"),
    ],
)
def test_attribute(doc: Doc, method: str, verb: str, speaker: str) -> None:
    parsed = parsed_text(doc)
    spans = find_quote_spans(parsed.text)
    att = attribute(parsed, spans[0], Quoted(spans))
    assert (att.method, att.verb, att.speaker_text) == (method, verb, speaker)
    assert parsed.text[att.speaker_start_char : att.speaker_end_char] == speaker  # type: ignore[misc]
    assert att.pronoun == (speaker == "he")


def test_a_quotation_no_speech_verb_attributes_is_attributed_to_no_one() -> None:
    parsed = parsed_text(quoted.MERELY_MENTIONED)
    (span,) = find_quote_spans(parsed.text)
    assert attribute(parsed, span) is NONE


def test_words_inside_a_quotation_never_attribute() -> None:
    quoted_verb = parse(
        '"They said no," he wrote.',
        '" 7 punct PUNCT',
        "They 2 nsubj PRON",
        "said 7 ccomp VERB say",
        "no 2 dobj INTJ",
        ", 7 punct PUNCT",
        '" 7 punct PUNCT',
        "he 7 nsubj PRON",
        "wrote 7 ROOT VERB write",
        ". 7 punct PUNCT",
    )
    parsed = parsed_text(quoted_verb)
    spans = find_quote_spans(parsed.text)
    att = attribute(parsed, spans[0], Quoted(spans))
    assert (att.verb, att.speaker_text) == ("write", "he")  # not 'said' with 'They'


def test_quoted_holds_every_character_from_the_opening_to_the_closing_mark() -> None:
    text = 'A "b c" d'
    inside = Quoted(find_quote_spans(text))
    assert [i for i in range(len(text)) if i in inside] == [2, 3, 4, 5, 6]


def test_speaker_phrase_takes_the_title_before_a_name() -> None:
    assert speaker_phrase(quoted.SAID_LAVROV[12]).text == "Foreign Minister Sergei Lavrov"
