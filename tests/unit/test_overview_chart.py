"""charts.overview.divided_bars: the Overview's chart of actors for and against each concept."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.overview import divided_bars


def rows(*camps: tuple[str, int, int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "concept": [c for c, _, _ in camps],
            "concept_label": [f"Label of {c}" for c, _, _ in camps],
            "actors_for": [f for _, f, _ in camps],
            "actors_against": [a for _, _, a in camps],
            "statements": [f + a for _, f, a in camps],
        }
    )


def title(fig) -> str:  # type: ignore[no-untyped-def]
    return str(fig.layout.title.text)


def test_each_camp_is_a_bar_whose_click_names_the_concept_and_side() -> None:
    fig = divided_bars(rows(("c1", 3, 2)))
    against, for_ = fig.data
    assert list(against.x) == [-2] and list(for_.x) == [3]
    assert [list(d) for d in against.customdata] == [["c1", -1]]
    assert [list(d) for d in for_.customdata] == [["c1", 1]]
    assert "1 concept with actors on both sides" in title(fig)


@pytest.mark.parametrize(
    ("camps", "expected"),
    [
        (
            [("c1", 3, 2), ("c2", 4, 0)],
            "1 concept with actors on both sides, 1 concept with one camp",
        ),
        (
            [("c2", 4, 0), ("c3", 1, 0)],
            "0 concepts with actors on both sides, 2 concepts with one camp",
        ),
    ],
)
def test_the_title_says_when_concepts_with_one_camp_are_shown(
    camps: list[tuple[str, int, int]], expected: str
) -> None:
    assert expected in title(divided_bars(rows(*camps)))


def test_no_rows_give_the_empty_figure_with_its_message() -> None:
    fig = divided_bars(rows())
    assert not fig.data
    assert any("No data" in str(a.text) for a in fig.layout.annotations)


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match="actors_against"):
        divided_bars(rows(("c1", 1, 1)).drop(columns="actors_against"))
