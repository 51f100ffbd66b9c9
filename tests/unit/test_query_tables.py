"""analysis.query's tables for the pages: statements with names, top actors, dated statements,
mentions per actor (hand-built pandas tables)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.query import dated_statements, mentions_by_actor, statement_table, top_actors

ACTORS = pd.DataFrame(
    {
        "code": ["USA", "RUS", "NATO"],
        "name": ["United States", "Russia", "NATO"],
        "iso3": ["USA", "RUS", None],
        "type": ["state", "state", "organisation"],
        "region": ["Americas", "Europe", None],
    }
)


@pytest.fixture
def shown() -> pd.DataFrame:
    """Four USA statements (one dated to the month only, one undated) and one by Russia."""
    return pd.DataFrame(
        {
            "actor": ["USA", "RUS", "USA", "USA", "USA"],
            "date": ["2022-01-03", "2022-01-03", "2022-02-01", "2022-02-11", None],
            "date_precision": ["day", "day", "month", "day", None],
        }
    )


def test_statements_carry_names_and_their_articles_fields() -> None:
    document_stances = pd.DataFrame(
        {"article_id": ["a1", "a2"], "actor": ["USA", "XXX"], "concept": ["c1", "c9"],
         "polarity": [1, -1]}
    )  # fmt: skip
    articles = pd.DataFrame(
        {"id": ["a1", "a2"], "title": ["One", "Two"], "date": ["2022-01-03", None],
         "source": ["Wire", "UN"], "text": ["long", "texts"]}
    )  # fmt: skip
    concepts = pd.DataFrame({"id": ["c1"], "label": ["Sanctions"], "keywords": [""]})
    table = statement_table(document_stances, articles=articles, actors=ACTORS, concepts=concepts)
    assert table["actor_name"].tolist() == ["United States", "XXX"]  # unknown: its code
    assert table["concept_label"].tolist() == ["Sanctions", "c9"]
    assert table["title"].tolist() == ["One", "Two"] and "text" not in table
    assert table["kind"].isna().all()  # articles without kinds: the column is still there
    assert "id" not in table and table["iso3"].tolist()[0] == "USA"


def test_statements_keep_the_articles_kind() -> None:
    articles = pd.DataFrame({"id": ["a1"], "kind": ["readout"]})
    table = statement_table(
        pd.DataFrame({"article_id": ["a1"], "actor": ["RUS"], "concept": ["c1"]}),
        articles=articles, actors=ACTORS, concepts=pd.DataFrame({"id": ["c2"], "label": ["Other"]}),
    )  # fmt: skip
    assert table["kind"].tolist() == ["readout"]


@pytest.mark.parametrize(("n", "top"), [(1, ["USA"]), (5, ["USA", "RUS"])])
def test_top_actors_most_statements_first(shown: pd.DataFrame, n: int, top: list[str]) -> None:
    assert top_actors(shown, n) == top


def test_top_actors_break_ties_by_code() -> None:
    tied = pd.DataFrame({"actor": pd.Categorical(["RUS", "USA", "CHN"], ["USA", "RUS", "CHN",
                                                                          "FRA"])})  # fmt: skip
    assert top_actors(tied, 5) == ["CHN", "RUS", "USA"]  # FRA has no statement


@pytest.mark.parametrize(("freq", "kept", "coarse"), [("week", 3, 1), ("month", 4, 0)])
def test_dated_statements(shown: pd.DataFrame, freq: str, kept: int, coarse: int) -> None:
    """A month-only date fits a month, not a week; an undated statement fits neither."""
    dated, undated, too_coarse = dated_statements(shown, freq)
    assert (len(dated), undated, too_coarse) == (kept, 1, coarse)


def test_mentions_by_actor_most_mentioned_first() -> None:
    mentions = pd.DataFrame({"actor": ["RUS", "USA", None, "RUS", "ZZZ"]})
    counts = mentions_by_actor(mentions, ACTORS)
    assert counts.columns.tolist() == ["actor", "name", "mentions"]
    assert counts["actor"].tolist() == ["RUS", "USA", "ZZZ"]  # ties by code
    assert counts["mentions"].tolist() == [2, 1, 1]
    assert counts["name"].iloc[:2].tolist() == ["Russia", "United States"]
    assert pd.isna(counts["name"].iloc[2])  # an actor the table does not know keeps no name


def test_no_mentions_give_an_empty_table() -> None:
    counts = mentions_by_actor(pd.DataFrame({"actor": pd.Series([], dtype=object)}), ACTORS)
    assert counts.empty and counts.columns.tolist() == ["actor", "name", "mentions"]
