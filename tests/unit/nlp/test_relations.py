"""analysis.nlp.relations: actor -> actor relations, the subject of a relation verb toward its
object (or the possessor of it, or the object of the cue's preposition), both resolved to actors."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from analysis.nlp.relations import extract_relations, relation_cues
from tests.unit.nlp.parses import context, parse, parsed_text

PRAISED = parse(
    "Japan and Germany praised Israel's leadership.",
    "Japan 3 nsubj PROPN B-GPE",
    "and 0 cc CCONJ",
    "Germany 0 conj PROPN B-GPE",
    "praised 3 ROOT VERB praise",
    "Israel 6 poss PROPN B-GPE",
    "'s 4 case PART",
    "leadership 3 dobj NOUN",
    ". 3 punct PUNCT",
)
COOPERATE = parse(
    "Japan will cooperate with NATO.",
    "Japan 2 nsubj PROPN B-GPE",
    "will 2 aux AUX",
    "cooperate 2 ROOT VERB",
    "with 2 prep ADP",
    "NATO 3 pobj PROPN B-ORG",
    ". 2 punct PUNCT",
)
NOT_PRAISED = parse(
    "Japan did not praise Israel.",
    "Japan 3 nsubj PROPN B-GPE",
    "did 3 aux AUX do",
    "not 3 neg PART",
    "praise 3 ROOT VERB",
    "Israel 3 dobj PROPN B-GPE",
    ". 3 punct PUNCT",
)
CONDEMNED_ITSELF = parse(
    "Russia condemned Russia.",
    "Russia 1 nsubj PROPN B-GPE",
    "condemned 1 ROOT VERB condemn",
    "Russia 1 dobj PROPN B-GPE",
    ". 1 punct PUNCT",
)
WE_THREATEN = parse(
    "We threaten Russia.",
    "We 1 nsubj PRON",
    "threaten 1 ROOT VERB",
    "Russia 1 dobj PROPN B-GPE",
    ". 1 punct PUNCT",
)


@pytest.mark.parametrize(
    ("doc", "voice", "expected"),
    [
        # each coordinated subject toward the possessor of the object ('Israel's leadership')
        (
            PRAISED,
            None,
            [("JPN", "ISR", "praise", "cooperation"), ("DEU", "ISR", "praise", "cooperation")],
        ),
        (COOPERATE, None, [("JPN", "NATO", "cooperate", "cooperation")]),  # via 'with'
        (WE_THREATEN, "USA", [("USA", "RUS", "threaten", "conflict")]),  # 'we' is the voice
        (NOT_PRAISED, None, []),  # a negated verb is no relation
        (CONDEMNED_ITSELF, None, []),  # no actor relates to itself
    ],
)
def test_relations(doc: Doc, voice: str | None, expected: list[tuple[str, str, str, str]]):
    found = extract_relations(context(parsed_text(doc), voice=voice))
    assert [(r.source, r.target, r.kind, r.relation_class) for r in found] == expected


def test_a_relation_cites_its_sentence_and_is_numbered_in_text_order() -> None:
    parsed = parsed_text(COOPERATE, PRAISED)
    found = extract_relations(context(parsed))
    assert [r.relation_id for r in found] == ["a1#r1", "a1#r2", "a1#r3"]
    first = found[0]
    assert parsed.text[first.start_char : first.end_char] == first.evidence == COOPERATE.text
    assert first.cue == "cooperate"


def test_relation_cues_name_a_class_for_every_lemma() -> None:
    cues = relation_cues()
    assert {c.relation_class for group in cues.values() for c in group} == {
        "cooperation",
        "conflict",
    }
    assert cues["cooperate"][0].preps == ("with",)
