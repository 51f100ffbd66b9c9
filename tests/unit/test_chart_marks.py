"""Marks stay usable whatever the data: a one-row matrix keeps a readable colour bar, a bar of
one statement keeps a clickable target, and a shared link's mark is drawn selected."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.stances import ROW_PX, stance_bars, stance_matrix
from charts.style import CLICK_PX, COLOURBAR_MIN_PX, with_selection


def statements(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    names = {"USA": "United States", "RUS": "Russia", "FRA": "France"}
    return pd.DataFrame(
        [{"actor": a, "actor_name": names[a], "iso3": a, "concept": c, "concept_label": c.title(),
          "polarity": p} for a, c, p in rows]
    )  # fmt: skip


@pytest.mark.parametrize("rows", [1, 2, 12])
def test_the_colour_bar_has_room_for_its_labels(rows: int) -> None:
    actors = ["USA", "RUS", "FRA"] * 4
    fig = stance_matrix(statements([(actors[i], f"c{i}", 1) for i in range(rows)]))
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot_px * fig.data[0].colorbar.len >= COLOURBAR_MIN_PX * 0.85
    low, high = fig.layout.yaxis.range  # rows keep their height: one row is one row's worth
    assert (low - high) * ROW_PX <= max(plot_px, ROW_PX * rows + 10) + 1


def test_a_one_statement_bar_has_a_click_target_of_its_own() -> None:
    fig = stance_bars(
        statements([("USA", "sanctions", 1)] * 200 + [("RUS", "sanctions", 1)]), concept="sanctions"
    )
    targets = [t for t in fig.data if t.type == "scatter"]
    assert targets and all(t.marker.size >= CLICK_PX for t in targets)
    ids = [list(i) for t in targets for i in t.customdata]
    assert ["RUS", "sanctions", 1] in ids and ["USA", "sanctions", 1] in ids


def test_a_restored_mark_is_drawn_selected() -> None:
    fig = stance_matrix(statements([("USA", "sanctions", 1), ("RUS", "sanctions", -1)]))
    shown = with_selection(fig, [["RUS", "sanctions"]])
    points = next(t for t in shown.data if t.type == "scatter")
    assert [list(points.customdata[i]) for i in points.selectedpoints] == [["RUS", "sanctions"]]
    assert fig.data[1].selectedpoints is None  # the shared figure is not changed
    bars = stance_bars(statements([("USA", "s", 1), ("RUS", "s", -1)]), concept="s")
    picked = with_selection(bars, [["USA", "s", 1]])
    assert [list(t.selectedpoints) for t in picked.data] == [[], [0], [], [0]]
    assert with_selection(fig, []) is fig
