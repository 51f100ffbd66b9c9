"""The Timeline page, driven through dashboard.py with AppTest on the fixture tables.

As on the Country stances page, a chart click is simulated by setting `timeline_pick`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.fixture_tables import UNDATED_ID

PAGE = "pages/timeline.py"

StartApp = Callable[[], AppTest]


def open_page(start_app: StartApp, **state: Any) -> AppTest:
    at = start_app()
    for key, value in state.items():
        at.session_state[key] = value
    return at.switch_page(PAGE).run()


def periods(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "period_end" in d.value.columns)


def test_first_view_shows_the_top_actors_by_month(
    start_app: StartApp, tables: Path, statements: pd.DataFrame
) -> None:
    at = open_page(start_app)
    assert not at.exception
    assert at.title[0].value == "Timeline"
    counts = statements.groupby("actor").size()
    top = sorted(counts.index, key=lambda a: (-counts[a], a))[:5]
    assert at.multiselect(key="flt_actors").value == []  # none chosen: the top five are drawn
    assert any("showing the 5 actors with most statements" in c.value for c in at.caption)
    assert at.radio(key="timeline_freq").value == "month"
    table = periods(at)
    dated = statements[statements["actor"].isin(top) & statements["date"].notna()]
    assert int(table["statements"].sum()) == len(dated)
    assert set(table["period"].str.slice(8)) == {"01"}  # months start on the 1st


def test_monthly_counts_and_means_for_two_actors(
    start_app: StartApp, tables: Path, statements: pd.DataFrame
) -> None:
    at = open_page(start_app, flt_actors=["USA", "DEU"])
    assert not at.exception
    table = periods(at)
    dated = statements[statements["actor"].isin(["USA", "DEU"]) & statements["date"].notna()]
    month = dated.assign(period=dated["date"].str.slice(0, 7) + "-01")
    expected = month.groupby(["actor", "period"])["polarity"].agg(["size", "mean"])
    names = {"USA": "United States", "DEU": "Germany"}
    shown = {
        (row.actor_name, row.period): (row.statements, row.mean_polarity)
        for row in table.itertuples()
    }
    assert shown == {
        (names[a], p): (int(n), pytest.approx(m)) for (a, p), (n, m) in expected.iterrows()
    }
    # Germany's undated statement is left out, and the page says so.
    assert any("1 undated statement left out" in c.value for c in at.caption)


def test_weekly_periods_start_on_monday(start_app: StartApp, tables: Path) -> None:
    at = open_page(start_app, flt_actors=["USA"])
    at.radio(key="timeline_freq").set_value("week").run()
    assert not at.exception
    starts = pd.to_datetime(periods(at)["period"])
    assert set(starts.dt.day_of_week) == {0}


def test_clicked_period_lists_its_evidence(
    start_app: StartApp, tables: Path, statements: pd.DataFrame
) -> None:
    pick = {"chart": "counts", "marks": [["USA", "2022-11-01", "2022-11-30"]]}
    at = open_page(start_app, flt_actors=["USA"], timeline_pick=pick)
    assert not at.exception
    table = next(d.value for d in at.dataframe if "evidence" in d.value.columns)
    in_month = statements[
        (statements["actor"] == "USA") & statements["date"].between("2022-11-01", "2022-11-30")
    ]
    assert set(table["title"]) == set(in_month["title"])
    assert set(table["date"]) <= set(in_month["date"])
    assert set(table["actor_name"]) == {"United States"}


def test_the_net_chart_pick_is_shown_too(start_app: StartApp, tables: Path) -> None:
    pick = {"chart": "net", "marks": [["DEU", "2022-11-01", "2022-11-30"]]}
    at = open_page(start_app, flt_actors=["DEU"], timeline_pick=pick)
    assert not at.exception
    page = "\n".join(h.value for h in at.html)
    assert "<b>Germany</b> on" in page
    assert UNDATED_ID not in page  # undated statements have no period to be picked in
