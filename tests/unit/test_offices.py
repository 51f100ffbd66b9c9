"""A person speaks for a state only while in the office that makes them speak for it, on the
article's date: an undated article uses no dated office, and a candidate is not the state."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analysis.gazetteer import Official, default_gazetteer
from analysis.nlp.document import DocumentMeta, analyse_document
from analysis.nlp.parsed import parse_text

CAMPAIGN = (
    'Republican presidential candidate Donald Trump said: "We will win Ohio and we will win'
    ' the White House." Vice-presidential nominee Mike Pence said: "The polls are wrong."'
)


@pytest.mark.parametrize(
    ("date", "actor"),
    [
        (None, None),  # undated: no dated office applies
        ("2016-10-12", None),  # a candidate, before his first term
        ("2018-05-01", ("USA", "head_of_state")),
        ("2022-05-01", None),  # between his terms
        ("2025-06-01", ("USA", "head_of_state")),
    ],
)
def test_an_office_holds_only_on_dates_inside_its_term(date, actor) -> None:
    assert default_gazetteer().official("Donald Trump", date) == actor


def test_an_undated_term_still_holds_on_an_unknown_date() -> None:
    always = Official("X", "UN", "official", "Envoy", None, None)
    dated = Official("Y", "USA", "official", "Envoy", "2017-01-20", "2021-01-20")
    assert always.holds_on(None) and not dated.holds_on(None)


@pytest.mark.parametrize("date", [None, "2016-10-12"])
def test_campaign_quotes_are_not_the_state(nlp: Language, date: str | None) -> None:
    meta = DocumentMeta("c1", date, "Breitbart", "Trump rallies in Ohio")
    result = analyse_document(meta, parse_text(nlp, CAMPAIGN), default_gazetteer())
    speakers = {q.speaker: q.actor for q in result.quotes}
    assert speakers.get("Donald Trump", "missing") is None
    assert speakers.get("Mike Pence", "missing") is None


def test_the_same_quote_in_office_is_the_state(nlp: Language) -> None:
    meta = DocumentMeta("c2", "2018-05-01", "Wire", "Trump in Ohio")
    text = 'President Donald Trump said: "We will win Ohio and we will win the trade war."'
    result = analyse_document(meta, parse_text(nlp, text), default_gazetteer())
    assert [(q.speaker, q.actor) for q in result.quotes] == [("Donald Trump", "USA")]


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Attorney General Lisa Monaco spoke in Washington on Tuesday.\n\n"
        '"We will act against the hackers," Monaco said.',
        "Monaco said the hackers would be charged. Lisa Monaco is the deputy attorney general.",
    ],
)
def test_a_surname_that_is_a_place_is_the_person(nlp: Language, text: str) -> None:
    result = analyse_document(
        DocumentMeta("m1", "2022-05-01", "Wire", "Hackers"), parse_text(nlp, text),
        default_gazetteer(),
    )  # fmt: skip
    assert [m.actor for m in result.mentions if m.text == "Monaco"] == [None]
    assert all(m.label == "PERSON" for m in result.mentions if "Monaco" in m.text)
    assert [(q.speaker, q.actor) for q in result.quotes] == [("Lisa Monaco", None)]


def test_the_place_is_still_the_place(nlp: Language) -> None:
    text = 'Prince Albert of Monaco said: "We welcome the talks."'
    result = analyse_document(
        DocumentMeta("m2", "2022-05-01", "Wire", "Talks"), parse_text(nlp, text),
        default_gazetteer(),
    )  # fmt: skip
    assert [(q.speaker, q.actor) for q in result.quotes] == [("Albert", "MCO")]
