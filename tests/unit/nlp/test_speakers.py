"""analysis.nlp.speakers: the speaker words of a quotation resolved to a person (full name) and
the actor that person speaks for; 'he' is the more recent of the last speaker and last subject."""

from __future__ import annotations

from spacy.tokens import Doc

from analysis.gazetteer import default_gazetteer
from analysis.nlp.attribution import NONE, Quoted, attribute
from analysis.nlp.parsed import ParsedText
from analysis.nlp.people import People
from analysis.nlp.quotemarks import find_quote_spans
from analysis.nlp.speakers import NOBODY, SpeakerResolver
from tests.unit.nlp import quoted
from tests.unit.nlp.parses import parsed_text

DATE = "2022-03-01"


def resolver(parsed: ParsedText, voice: str | None = None) -> SpeakerResolver:
    return SpeakerResolver(People(parsed, default_gazetteer()), date=DATE, voice=voice)


def speak(res: SpeakerResolver, paragraph: int):
    """Resolve (and remember) the speaker of the first quotation of a paragraph."""
    parsed = res.people.parsed
    para = parsed.paragraphs[paragraph]
    spans = [s for s in find_quote_spans(parsed.text) if s.open_char >= para.start_char]
    att = attribute(parsed, spans[0], Quoted(spans))
    speaker = res.resolve(att, spans[0].open_char)
    res.spoke(speaker, spans[0].open_char)
    return speaker


def test_a_named_speaker_is_the_person_with_their_fullest_name() -> None:
    res = resolver(parsed_text(quoted.SAID_LAVROV))
    speaker = speak(res, 0)
    assert (speaker.name, speaker.actor) == ("Sergei Lavrov", "RUS")
    assert speaker.person is not None and speaker.confidence > 0.5


def test_a_surname_the_ner_tagged_as_an_organisation_still_speaks_for_its_official() -> None:
    doc = quoted.lavrov_told("ORG")  # as the small English model tags it
    speaker = speak(resolver(parsed_text(doc)), 0)
    assert (speaker.name, speaker.actor) == ("Lavrov", "RUS")


def test_he_is_the_last_speaker_when_they_spoke_after_the_last_subject() -> None:
    docs: tuple[Doc, ...] = (quoted.PUTIN_SPOKE, quoted.ACCORDING_TO, quoted.HE_SAID)
    res = resolver(parsed_text(*docs))
    assert speak(res, 1).name == "Lavrov"  # 'according to Lavrov': not a subject
    assert speak(res, 2).name == "Lavrov"  # so 'he' is Lavrov, not Putin
    fresh = resolver(parsed_text(*docs))
    assert speak(fresh, 2).name == "Putin"  # without the remembered speaker: the last subject


def test_an_office_in_a_voice_document_is_its_holder_at_the_date() -> None:
    speaker = speak(resolver(parsed_text(quoted.PRESIDENT_SAID), voice="USA"), 0)
    assert (speaker.name, speaker.actor) == ("Joe Biden", "USA")


def test_no_speaker_words_is_nobody() -> None:
    assert resolver(parsed_text(quoted.PUTIN_SAID)).resolve(NONE, 0) is NOBODY


def test_the_president_of_the_voice_is_its_holder_and_a_deputy_is_not() -> None:
    # 'the President of Ukraine' in a Ukrainian text names its own office
    own = quoted.said_by(
        "the President of Ukraine",
        "the 8 det DET",
        "President 11 nsubj PROPN",
        "of 9 prep ADP",
        "Ukraine 10 pobj PROPN B-GPE",
    )
    speaker = speak(resolver(parsed_text(own), voice="UKR"), 0)
    assert speaker.actor == "UKR" and (speaker.name or "").startswith("Volodymyr Zelensk")
    # 'the Deputy Prime Minister' is not the head of government
    deputy = quoted.said_by(
        "the Deputy Prime Minister",
        "the 10 det DET",
        "Deputy 10 compound PROPN",
        "Prime 10 compound PROPN",
        "Minister 11 nsubj PROPN",
    )
    speaker = speak(resolver(parsed_text(deputy), voice="UKR"), 0)
    assert speaker.name != "Denys Shmyhal"
