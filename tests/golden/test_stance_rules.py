"""Stance composition on real parses: one sentence per kind of construction."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analysis.concepts import load_catalogue
from analysis.gazetteer import default_gazetteer
from analysis.nlp.document import DocumentMeta, analyse_document
from analysis.nlp.parsed import parse_text
from analysis.nlp.terms import ConceptIndex
from analysis.records import document_stances


@pytest.fixture(scope="module")
def index(concept_index: ConceptIndex) -> ConceptIndex:
    """The session's default concept index (tests/conftest.py)."""
    return concept_index


def sides(
    nlp: Language, index: ConceptIndex, text: str, *, source: str = "wire", title: str = "News"
) -> dict:
    meta = DocumentMeta("t1", "2022-05-01", source, title)
    result = analyse_document(meta, parse_text(nlp, text), default_gazetteer(), index)
    return document_stances(list(result.stances))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue on what the proposition opposes: condemn x anti = agree
        (
            "The United States strongly condemns Russia's aggression against Ukraine.",
            {("USA", "ukraine_sovereignty"): 1},
        ),
        # an official act on a problem phrase: impose x anti (tariffs) = disagree with open trade
        (
            "China imposes retaliatory tariffs on agricultural products.",
            {("CHN", "open_trade"): -1},
        ),
        # rejection of what the proposition favours
        (
            "Russia rejected the sanctions imposed by the European Union.",
            {("RUS", "sanctions_on_russia"): -1},
        ),
        # negation inside the chain: must x never x anti = agree
        (
            "France said Iran must never acquire a nuclear weapon.",
            {("FRA", "iran_nuclear_limits"): 1},
        ),
        # a mere mention takes no side
        ("Germany hosted a conference on trade in Berlin.", {}),
    ],
)
def test_sentence_sides(nlp: Language, index: ConceptIndex, text: str, expected: dict) -> None:
    assert sides(nlp, index, text) == expected


def test_we_in_a_voice_document_is_the_voice(nlp: Language, index: ConceptIndex) -> None:
    text = "We call for an immediate ceasefire in Gaza and the release of all hostages."
    result = sides(
        nlp,
        index,
        text,
        title="Costa Rica: statement in the General Debate of the 79th UN General Assembly (2024)",
    )
    assert result == {("CRI", "gaza_ceasefire_aid"): 1}


def test_the_leaders_of_a_readout_are_each_participant(nlp: Language, index: ConceptIndex) -> None:
    text = "The leaders reaffirmed their support for Ukraine."
    result = sides(
        nlp,
        index,
        text,
        source="The White House",
        title="Readout of President Biden's Call with Prime Minister Kishida of Japan",
    )
    assert result == {("USA", "ukraine_sovereignty"): 1, ("JPN", "ukraine_sovereignty"): 1}


def test_relations_between_actors(nlp: Language, index: ConceptIndex) -> None:
    text = "France condemned Russia. Japan will cooperate with Australia on maritime security."
    meta = DocumentMeta("t2", "2022-05-01", "wire", "News")
    result = analyse_document(meta, parse_text(nlp, text), default_gazetteer(), index)
    found = {(r.source, r.kind, r.target, r.relation_class) for r in result.relations}
    assert found == {
        ("FRA", "condemn", "RUS", "conflict"),
        ("JPN", "cooperate", "AUS", "cooperation"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Russia supports the sanctions against Russia.",
        "Iran welcomed the limits on Iran's enrichment.",
    ],
)
def test_an_actor_is_never_recorded_for_a_proposition_against_itself(
    nlp: Language, index: ConceptIndex, text: str
) -> None:
    found = sides(nlp, index, text)
    assert not any(
        side > 0
        and (actor, concept) in {("RUS", "sanctions_on_russia"), ("IRN", "iran_nuclear_limits")}
        for (actor, concept), side in found.items()
    ), found


def test_the_catalogue_names_whom_each_proposition_is_directed_against() -> None:
    opposed = {c.id: c.extra.get("opposed_actors") for c in load_catalogue()}
    assert opposed["sanctions_on_russia"] == ["RUS"] and opposed["ukraine_sovereignty"] == ["RUS"]
    assert opposed["climate_action"] is None
