"""analysis.nlp.holders: who holds a stance - the subject of its highest cue, resolved to actors
(a named state, a person speaking for one, 'we' -> the document's voice, 'they' -> a meeting's
participants, or the speaker of the quotation the words are in)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from analysis.nlp.cues import cue_lexicon
from analysis.nlp.holders import StanceContext, holders, subject_of
from analysis.nlp.stance_chain import side_of
from analysis.records import Quote
from tests.unit.nlp.parses import MUST_INCREASE, context, parse, parsed_text


def condemned(subject: str, *rows: str) -> Doc:
    """'<subject> condemned the sanctions.' with the subject's own rows (heads at its end)."""
    n = len(rows)
    return parse(
        f"{subject} condemned the sanctions.",
        *rows,
        f"condemned {n} ROOT VERB condemn",
        f"the {n + 2} det DET",
        f"sanctions {n} dobj NOUN sanction",
        f". {n} punct PUNCT",
    )


US = condemned(
    "The United States",
    "The 2 det DET B-GPE",
    "United 2 compound PROPN I-GPE",
    "States 3 nsubj PROPN I-GPE",
)
WE = condemned("We", "We 1 nsubj PRON")
THEY = condemned("They", "They 1 nsubj PRON")
COORDINATED = condemned(
    "Japan and Germany", "Japan 3 nsubj PROPN B-GPE", "and 0 cc CCONJ", "Germany 0 conj PROPN B-GPE"
)
GREENPEACE = condemned("Greenpeace", "Greenpeace 1 nsubj PROPN B-ORG")
MINISTER = condemned(
    "The foreign minister", "The 2 det DET", "foreign 2 amod ADJ", "minister 3 nsubj NOUN"
)
HE = condemned("He", "He 1 nsubj PRON")
PUTIN_SPOKE = parse(
    "President Vladimir Putin spoke.",
    "President 2 compound PROPN",
    "Vladimir 2 compound PROPN B-PERSON",
    "Putin 3 nsubj PROPN I-PERSON",
    "spoke 3 ROOT VERB speak",
    ". 3 punct PUNCT",
)
BIDEN_SUPPORT = parse(
    "President Biden's support for Ukraine is firm.",
    "President 1 compound PROPN",
    "Biden 3 poss PROPN B-PERSON",
    "'s 1 case PART",
    "support 6 nsubj NOUN",
    "for 3 prep ADP",
    "Ukraine 4 pobj PROPN B-GPE",
    "is 6 ROOT AUX be",
    "firm 6 acomp ADJ",
    ". 6 punct PUNCT",
)


def holders_in(ctx: StanceContext, paragraph: int = -1) -> list[tuple[str, str]]:
    """The holders of the first concept phrase of a paragraph (the last one by default)."""
    para = ctx.parsed.paragraphs[paragraph]
    match = ctx.index.matches(para.doc)[0]
    chain = side_of(para.doc, match, cue_lexicon(), is_actor=lambda text: True)
    assert chain is not None
    return holders(ctx, para, chain, match)


@pytest.mark.parametrize(
    ("doc", "kw", "expected"),
    [
        (US, {}, [("USA", "named")]),  # a named state
        (COORDINATED, {}, [("JPN", "named"), ("DEU", "named")]),  # each of coordinated subjects
        (WE, {"voice": "USA"}, [("USA", "voice")]),  # 'we' in a document in an actor's voice
        (WE, {}, []),  # 'we' in journalism: no one we can name
        (  # 'we' in a joint statement is each of its signatories
            WE,
            {"voice": "USA", "participants": ("USA", "DEU"), "joint": True},
            [("USA", "participants"), ("DEU", "participants")],
        ),
        (
            THEY,
            {"participants": ("USA", "DEU")},
            [("USA", "participants"), ("DEU", "participants")],
        ),
        (THEY, {"voice": "USA"}, []),  # 'they' is someone else, not the voice
        (GREENPEACE, {"voice": "USA"}, []),  # a named non-actor holds it, not the voice
        (MINISTER, {"voice": "RUS"}, [("RUS", "title")]),  # a bare office in a voice document
        # 'President Biden's support for Ukraine': the possessor of a cue noun holds it
        (BIDEN_SUPPORT, {}, [("USA", "person")]),
        (MUST_INCREASE, {"voice": "USA"}, [("USA", "voice")]),  # a demand with no subject: voice
    ],
)
def test_holders(doc: Doc, kw: dict, expected: list[tuple[str, str]]) -> None:
    assert holders_in(context(parsed_text(doc), **kw)) == expected


def test_he_is_the_person_last_named_as_a_subject() -> None:
    ctx = context(parsed_text(PUTIN_SPOKE, HE), voice="USA")
    assert holders_in(ctx) == [("RUS", "person")]


def quote_over(parsed, actor: str | None) -> Quote:
    return Quote(
        "a1", "a1#q1", "direct", 0, len(parsed.text), parsed.text, "Someone", "someone",
        None, None, actor, "say", "after", 0.9,
    )  # fmt: skip


@pytest.mark.parametrize(("doc", "how"), [(WE, "quote"), (MUST_INCREASE, "quote")])
def test_words_in_a_quotation_belong_to_its_speaker_not_the_voice(doc: Doc, how: str) -> None:
    parsed = parsed_text(doc)
    ctx = context(parsed, voice="USA", quotes=(quote_over(parsed, "RUS"),))
    assert holders_in(ctx) == [("RUS", how)]


def test_a_quotation_of_an_unknown_speaker_gives_no_holder_rather_than_the_voice() -> None:
    parsed = parsed_text(WE)
    ctx = context(parsed, voice="USA", quotes=(quote_over(parsed, None),))
    assert holders_in(ctx) == []


def test_subject_of_climbs_to_the_clause_and_passes_by_the_phrase_itself() -> None:
    assert subject_of(US[5]).text == "States"  # type: ignore[union-attr]
    # 'sanctions must increase': the subject is the concept phrase itself, so there is none
    assert subject_of(MUST_INCREASE[2], skip=range(0, 1)) is None
    passive = parse(
        "Sanctions were imposed by Japan",
        "Sanctions 2 nsubjpass NOUN sanction",
        "were 2 auxpass AUX be",
        "imposed 2 ROOT VERB impose",
        "by 2 agent ADP",
        "Japan 3 pobj PROPN B-GPE",
    )
    assert subject_of(passive[2], skip=range(0, 1)).text == "Japan"  # type: ignore[union-attr]
