"""analysis.query: the filter-and-aggregate step every page runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis.query import (
    QUOTES,
    RELATIONS,
    Filters,
    actor_selection,
    at_least,
    count_cells,
    dated_memberships,
    divided_concepts,
    filter_statements,
    group_members,
    stance_shifts,
    with_days,
)

ROOT = Path(__file__).resolve().parents[2]
ACTORS = pd.DataFrame(
    {"code": ["USA", "RUS", "DEU", "KEN"], "region": ["Americas", "Europe", "Europe", "Africa"]}
)
MEMBERS = pd.DataFrame({"group": ["NATO", "NATO", "G7"], "member": ["USA", "DEU", "DEU"]})


@pytest.fixture
def statements() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["a1", "a1", "a2", "a3", "a4", "a5"],
            "actor": ["USA", "RUS", "USA", "USA", "DEU", "KEN"],
            "concept": ["c1", "c1", "c1", "c2", "c1", "c2"],
            "polarity": [1, -1, -1, 1, 1, -1],
            "score": [0.9, -0.5, -0.7, 0.6, 0.95, -0.4],  # polarity x confidence
            # a statement's probability of being right: the min-confidence filter reads it,
            # whatever the side (against statements have a negative score)
            "confidence": [0.9, 0.5, 0.7, 0.6, 0.95, 0.4],
            "date": ["2022-01-03", "2022-01-03", "2022-02-01", "2022-02-11", None, "2023-05-01"],
            "source": ["Wire", "Wire", "UN", "Wire", "Wire", "UN"],
            "kind": ["statement", "statement", "readout", "statement", "readout", "statement"],
        }
    )


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["article_id"].tolist()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["a1", "a1", "a2", "a3", "a4", "a5"]),
        (Filters(concepts=("c2",)), ["a3", "a5"]),
        (Filters(sources=("UN",)), ["a2", "a5"]),
        (Filters(kinds=("readout",)), ["a2", "a4"]),
        (Filters(min_confidence=0.65), ["a1", "a2", "a4"]),
        # a date bound leaves the undated statement out
        (Filters(start=date(2022, 2, 1)), ["a2", "a3", "a5"]),
        (Filters(end=date(2022, 1, 31)), ["a1", "a1"]),
        (Filters(start=date(2022, 1, 1), end=date(2022, 12, 31)), ["a1", "a1", "a2", "a3"]),
    ],
)
def test_filters(statements: pd.DataFrame, filters: Filters, expected: list[str]) -> None:
    assert ids(filter_statements(statements, filters)) == expected


def test_actor_groups_and_regions_add_to_the_chosen_actors(statements: pd.DataFrame) -> None:
    assert group_members(["NATO"], ACTORS, MEMBERS) == {"USA", "DEU"}
    assert group_members(["region:Europe", "G7"], ACTORS, MEMBERS) == {"RUS", "DEU"}
    assert actor_selection(Filters(), ACTORS, MEMBERS) is None
    chosen = actor_selection(Filters(actors=("KEN",), groups=("G7",)), ACTORS, MEMBERS)
    assert chosen == {"KEN", "DEU"}
    shown = filter_statements(statements, Filters(), allowed_actors=chosen)
    assert ids(shown) == ["a4", "a5"]


def test_filters_work_on_category_columns(statements: pd.DataFrame) -> None:
    typed = statements.astype({"actor": "category", "source": "category", "kind": "category"})
    shown = filter_statements(typed, Filters(sources=("Wire",)), allowed_actors=frozenset({"USA"}))
    assert ids(shown) == ["a1", "a3"]


def test_count_cells(statements: pd.DataFrame) -> None:
    cells = count_cells(statements)
    first = cells.iloc[0].to_dict()
    assert first == {
        "actor": "USA", "concept": "c1", "statements": 2, "agree": 1, "disagree": 1,
        "mean_polarity": 0.0,
    }  # fmt: skip
    assert cells["statements"].sum() == len(statements)
    assert at_least(cells, 2)[["actor", "concept"]].values.tolist() == [["USA", "c1"]]
    by_concept = count_cells(statements, by=("concept",))
    assert by_concept.set_index("concept")["disagree"].to_dict() == {"c1": 2, "c2": 1}


def test_count_cells_of_nothing_has_the_columns() -> None:
    empty = count_cells(pd.DataFrame(columns=["actor", "concept", "polarity"]))
    assert list(empty.columns) == [
        "actor", "concept", "statements", "agree", "disagree", "mean_polarity"
    ]  # fmt: skip
    assert empty.empty


def test_divided_concepts_need_both_camps(statements: pd.DataFrame) -> None:
    divided = divided_concepts(statements)
    # c1: USA balanced (mean 0: no camp), RUS against, DEU for; c2: USA for, KEN against
    assert divided.to_dict("records") == [
        {"concept": "c1", "actors_for": 1, "actors_against": 1, "statements": 4},
        {"concept": "c2", "actors_for": 1, "actors_against": 1, "statements": 2},
    ]
    assert divided_concepts(statements, min_statements=2).empty


def test_divided_concepts_with_one_camp_follow_when_asked(statements: pd.DataFrame) -> None:
    # at min. 2 statements only USA on c1 is left (mean 0: no camp) - no concept at all
    assert divided_concepts(statements, min_statements=2, one_camp=True).empty
    one_camp = divided_concepts(statements[statements["actor"] != "RUS"], one_camp=True)
    # c2 keeps both camps and comes first; c1 has DEU for only (USA balances out)
    assert one_camp["concept"].tolist() == ["c2", "c1"]
    assert one_camp.iloc[1][["actors_for", "actors_against"]].tolist() == [1, 0]


def test_stance_shifts_compare_the_two_halves() -> None:
    frame = pd.DataFrame(
        {
            "actor": ["USA", "USA", "USA", "RUS", "RUS"],
            "concept": ["c1"] * 5,
            "polarity": [1, 1, -1, 1, 1],
            "date": ["2020-01-01", "2020-02-01", "2021-12-01", "2020-01-05", "2021-11-01"],
        }
    )
    shifts = stance_shifts(frame)
    assert shifts[["actor", "before", "after", "shift", "n_before", "n_after"]].to_dict(
        "records"
    ) == [{"actor": "USA", "before": 1.0, "after": -1.0, "shift": -2.0, "n_before": 2,
           "n_after": 1}]  # fmt: skip
    assert shifts["split"].iloc[0] == "2020-02-01"  # the median day of the five statements
    assert stance_shifts(frame, min_statements=2).empty


def test_the_day_column_gives_the_same_dates(statements: pd.DataFrame) -> None:
    fast = with_days(statements)
    for filters in (
        Filters(start=date(2022, 2, 1)),
        Filters(end=date(2022, 1, 31)),
        Filters(start=date(2022, 1, 1), end=date(2022, 12, 31)),
    ):
        assert ids(filter_statements(fast, filters)) == ids(filter_statements(statements, filters))


def test_quotes_and_relations_are_filtered_by_their_own_columns() -> None:
    relations = pd.DataFrame(
        {
            "source": ["USA", "RUS", "DEU"],
            "target": ["RUS", "UKR", "FRA"],
            "article_source": ["Wire", "UN", "Wire"],
            "article_kind": ["readout", "statement", "readout"],
            "confidence": [0.7, 0.9, 0.4],
            "date": ["2022-01-01", "2022-06-01", None],
            "concept": ["ignored", "ignored", "ignored"],
        }
    )
    kept = filter_statements(
        relations, Filters(concepts=("c1",), kinds=("readout",)),
        allowed_actors=frozenset({"RUS", "DEU"}), columns=RELATIONS,
    )  # fmt: skip
    assert kept["source"].tolist() == ["USA", "DEU"]  # either end; concepts do not apply
    dated = filter_statements(
        relations, Filters(start=date(2022, 3, 1), min_confidence=0.5), columns=RELATIONS
    )
    assert dated["source"].tolist() == ["RUS"]
    quotes = relations.rename(columns={"source": "actor", "article_source": "source"})
    assert filter_statements(quotes, Filters(sources=("UN",)), columns=QUOTES)[
        "actor"
    ].tolist() == ["RUS"]


# ------------------------------------------------------------------ group membership by date
DATED = pd.DataFrame(
    {
        "group": ["EU", "EU", "G7", "G7"],
        "member": ["GBR", "FRA", "USA", "RUS"],
        "start": ["1973-01-01", "1958-01-01", "1975-11-15", "1997-06-20"],
        "end": ["2020-01-31", None, None, "2014-03-24"],
    }
)


def dated_statements() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["uk19", "uk22", "fr22", "ukx", "ru10", "ru22", "us22", "rux"],
            "actor": ["GBR", "GBR", "FRA", "GBR", "RUS", "RUS", "USA", "RUS"],
            "date": ["2019-06-01", "2022-03-01", "2022-03-01", None, "2010-05-01",
                     "2022-03-01", "2022-03-01", None],
        }
    )  # fmt: skip


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(groups=("EU",)), ["uk19", "fr22"]),  # the UK left on 2020-01-31
        (Filters(groups=("G7",)), ["ru10", "us22"]),  # the table's dates, whatever they hold
        (Filters(groups=("EU",), actors=("GBR",)), ["uk19", "uk22", "fr22", "ukx"]),
        (Filters(groups=("EU", "region:Europe")), ["uk19", "uk22", "fr22", "ukx", "ru10",
                                                   "ru22", "rux"]),
    ],
)  # fmt: skip
def test_a_group_keeps_a_statement_only_while_its_actor_was_a_member(filters, expected):
    actors = pd.DataFrame({"code": ["GBR", "FRA", "RUS", "USA"],
                           "region": ["Europe", "Europe", "Europe", "Americas"]})  # fmt: skip
    allowed = actor_selection(filters, actors, DATED)
    periods = dated_memberships(filters, actors, DATED)
    shown = filter_statements(dated_statements(), filters, allowed_actors=allowed, periods=periods)
    assert ids(shown) == expected


def test_no_group_means_no_dates_to_check():
    assert dated_memberships(Filters(actors=("USA",)), ACTORS, DATED) is None


def _gazetteer_members(group: str, on: str) -> set[str]:
    rows = pd.read_csv(ROOT / "data/actors/memberships.csv", dtype=str, keep_default_na=False)
    rows = rows[(rows["group"] == group) & (rows["status"] == "member")]
    current = rows[(rows["start"].fillna("") <= on) & ((rows["end"] == "") | (rows["end"] >= on))]
    return set(current["member_code"])


def test_the_gazetteer_knows_the_g7_is_not_the_g8_and_brexit():
    assert _gazetteer_members("G7", "2022-03-01") == {
        "CAN", "DEU", "EU", "FRA", "GBR", "ITA", "JPN", "USA"
    }  # fmt: skip
    assert "RUS" not in _gazetteer_members("G7", "2010-01-01")  # the G8 is not the G7
    assert "GBR" in _gazetteer_members("EU", "2020-01-31")
    assert "GBR" not in _gazetteer_members("EU", "2020-02-01")
