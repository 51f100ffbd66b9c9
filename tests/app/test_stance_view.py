"""ui.stance_view's data helpers: what a chart click picks and which statements it leads to."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from ui.stance_view import _mark, statements_of_marks

IDS = ([[["USA", "c1"]]], [["USA", "c1"], ["RUS", "c2"]])  # a heatmap's rows, a point layer


@pytest.mark.parametrize(
    ("point", "mark"),
    [
        ({"customdata": ["RUS", "c2"], "curve_number": 1, "point_index": 1}, ["RUS", "c2"]),
        ({"customdata": ["RUS", "c2", -1]}, ["RUS", "c2", -1]),
        ({"curve_number": 1, "point_index": 0}, ["USA", "c1"]),  # looked up in the figure
        ({"curve_number": 1, "point_index": 9}, None),
        ({"curve_number": 5, "point_index": 0}, None),
        ({}, None),
    ],
)
def test_a_selected_point_gives_its_ids(point: dict[str, Any], mark: list[Any] | None) -> None:
    assert _mark(point, IDS) == mark


@pytest.fixture
def shown() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["a1", "a1", "a2", "a3", "a4"],
            "actor": ["USA", "RUS", "USA", "USA", "USA"],
            "concept": ["c1", "c1", "c1", "c2", "c1"],
            "polarity": [1, -1, -1, 1, 1],
            "date": ["2022-01-03", "2022-01-03", "2022-02-10", "2022-02-11", None],
            "date_precision": ["day", "day", "month", "day", None],
            "source": ["Wire", "Wire", "UN", "Wire", "Wire"],
        }
    )


@pytest.mark.parametrize(
    ("marks", "chart", "articles"),
    [
        ([["USA", "c1"]], "matrix", ["a1", "a2", "a4"]),
        ([["USA", "c1", -1]], "bars", ["a2"]),
        ([["USA", "c1"], ["RUS", "c1"]], "map", ["a1", "a1", "a2", "a4"]),
        ([["USA", "2022-02-01", "2022-02-28"]], "counts", ["a2", "a3"]),
        ([["USA", "2022-01-03", "2022-01-09"]], "net", ["a1"]),
        ([["USA"]], "matrix", []),
    ],
)
def test_statements_of_marks(
    shown: pd.DataFrame, marks: list[list[Any]], chart: str, articles: list[str]
) -> None:
    assert statements_of_marks(shown, marks, chart)["article_id"].tolist() == articles
