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
PREVIOUS_SENTENCE = parse(
    'A spokesperson told reporters about the plan. "We will not accept this deal."',
    "A 1 det DET",
    "spokesperson 2 nsubj NOUN",
    "told 2 ROOT VERB tell",
    "reporters 2 dobj NOUN reporter",
    "about 2 prep ADP",
    "the 6 det DET",
    "plan 4 pobj NOUN",
    ". 2 punct PUNCT",
    '" 12 punct PUNCT',
    "We 12 nsubj PRON",
    "will 12 aux AUX",
    "not 12 neg PART",
    "accept 12 ROOT VERB",
    "this 14 det DET",
    "deal 12 dobj NOUN",
    ". 12 punct PUNCT",
    '" 12 punct PUNCT',
)
COLON = parse(
    'President Zelensky opposed the plan: "We will not accept this deal."',
    "President 1 compound PROPN",
    "Zelensky 2 nsubj PROPN B-PERSON",
    "opposed 2 ROOT VERB oppose",
    "the 4 det DET",
    "plan 2 dobj NOUN",
    ": 4 punct PUNCT",
    '" 2 punct PUNCT',
    "We 10 nsubj PRON",
    "will 10 aux AUX",
    "not 10 neg PART",
    "accept 2 ccomp VERB",
    "this 12 det DET",
    "deal 10 dobj NOUN",
    ". 2 punct PUNCT",
    '" 2 punct PUNCT',
)
ADDING = parse(
    '"We will not accept this deal," the minister said, adding, "It is too late."',
    '" 11 punct PUNCT',
    "We 4 nsubj PRON",
    "will 4 aux AUX",
    "not 4 neg PART",
    "accept 11 ccomp VERB",
    "this 6 det DET",
    "deal 4 dobj NOUN",
    ", 11 punct PUNCT",
    '" 11 punct PUNCT',
    "the 10 det DET",
    "minister 11 nsubj NOUN",
    "said 11 ROOT VERB say",
    ", 11 punct PUNCT",
    "adding 11 advcl VERB add",
    ", 13 punct PUNCT",
    '" 13 punct PUNCT',
    "It 17 nsubj PRON",
    "is 13 ccomp AUX be",
    "too 19 advmod ADV",
    "late 17 acomp ADJ",
    ". 11 punct PUNCT",
    '" 11 punct PUNCT',
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
        # a whole-sentence quotation after 'A spokesperson told ...' in its paragraph
        (PREVIOUS_SENTENCE, "previous_sentence", "tell", "A spokesperson"),
        # a clause ending in a colon, its subject a name: that person, with less confidence
        (COLON, "introduced", "oppose", "President Zelensky"),
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


def test_a_verb_right_before_the_next_quotation_is_that_ones_cue() -> None:
    # '"A," the minister said, adding, "B."': 'said' is A's cue, 'adding' introduces B
    parsed = parsed_text(ADDING)
    spans = find_quote_spans(parsed.text)
    found = [attribute(parsed, span, Quoted(spans)) for span in spans]
    assert [(a.method, a.verb, a.speaker_text) for a in found] == [
        ("after", "say", "the minister"),
        ("introduced", "add", "the minister"),
    ]


def test_a_clause_that_is_no_speech_is_a_weaker_attribution() -> None:
    parsed = parsed_text(COLON)
    (span,) = find_quote_spans(parsed.text)
    said = attribute(parsed_text(quoted.LAVROV_TOLD), find_quote_spans(quoted.LAVROV_TOLD.text)[0])
    assert attribute(parsed, span).confidence < said.confidence
