"""Searches match British and American spellings: 'missile defence' finds 'missile defense'."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.spelling import search_pattern, spellings
from ui.article_view import filter_articles
from ui.evidence_view import search_rows


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("defence", "defense"), ("offences", "offenses"), ("licence", "license"),
        ("honour", "honor"), ("favourite", "favorite"), ("neighbours", "neighbors"),
        ("organise", "organize"), ("organisation", "organization"), ("recognised", "recognized"),
        ("analysed", "analyzed"), ("centre", "center"), ("theatres", "theaters"),
        ("dialogue", "dialog"), ("travelled", "traveled"), ("cancelling", "canceling"),
        ("programme", "program"),
    ],
)  # fmt: skip
def test_each_spelling_finds_the_other(word: str, other: str) -> None:
    assert other in spellings(word) and word in spellings(other)


@pytest.mark.parametrize("word", ["four", "hour", "your", "flour", "size", "court", "missile"])
def test_short_and_unrelated_words_get_no_other_spelling(word: str) -> None:
    assert spellings(word) == set()


@pytest.mark.parametrize(
    ("search", "text", "found"),
    [
        ("missile defence", "US plans for missile  defense in Europe", True),
        ("missile defense", "the missile defences of Poland", True),
        ("litre", "literature on the subject", False),  # another spelling is a word of its own
        ("litre", "ten liters of fuel", True),
        ("defen", "defense", True),  # as typed: still a plain substring
        ("a+b (c)", "a+b (c)", True),  # typed characters are not regex syntax
    ],
)
def test_search_pattern(search: str, text: str, found: bool) -> None:
    assert bool(re.search(search_pattern(search), text, re.I)) is found


def test_the_article_search_finds_the_other_spelling() -> None:
    articles = pd.DataFrame(
        {
            "id": ["a1", "a2"], "title": ["US fails to persuade Russia", "Other"],
            "text": ["Talks on missile defense failed.", "Nothing here."],
            "date": ["2007-04-19", "2007-04-20"], "source": ["VOA", "VOA"],
        }
    )  # fmt: skip
    assert filter_articles(articles, search="Missile Defence")["id"].tolist() == ["a1"]


def test_the_evidence_search_finds_the_other_spelling() -> None:
    rows = pd.DataFrame(
        {"evidence": ["We back the defense pact.", "No."], "actor_name": ["A", "B"]}
    )
    assert search_rows(rows, "defence pact")["actor_name"].tolist() == ["A"]


def test_contains_agrees_with_the_pattern() -> None:
    from analysis.spelling import contains

    texts = pd.Series(["The Organization of the Treaty", "organisation of  the x", "none", None])
    assert contains(texts, "organisation of the").tolist() == [True, True, False, False]
    assert contains(texts, "").tolist() == [True] * 4
