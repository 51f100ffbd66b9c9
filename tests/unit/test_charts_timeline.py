"""charts.timeline: statements per week or month and the net stance over time, per actor."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.style import EMPTY_MESSAGE
from charts.timeline import net_stance_over_time, period_counts, statements_over_time


def statements(rows: list[tuple[str, str | None, int]]) -> pd.DataFrame:
    """(actor code, ISO date or None, polarity) -> the timeline's tidy input."""
    names = {"USA": "United States", "RUS": "Russia", "<b>X</b>": "<script>x</script>"}
    return pd.DataFrame(
        [
            {"actor": a, "actor_name": names[a], "date": d, "polarity": p, "concept": "c"}
            for a, d, p in rows
        ]
    )


@pytest.fixture
def corpus() -> pd.DataFrame:
    """The USA: three statements in January 2022 (two in one week), one in March; Russia: two
    in January 2022 (one for, one against); one undated and one unreadable date."""
    return statements(
        [
            ("USA", "2022-01-03", 1),  # Monday of the week 2022-01-03 .. 2022-01-09
            ("USA", "2022-01-09", 1),  # Sunday of the same week
            ("USA", "2022-01-10", -1),  # the next week
            ("USA", "2022-03-15", 1),
            ("RUS", "2022-01-04", -1),
            ("RUS", "2022-01-20", 1),
            ("RUS", None, 1),
            ("RUS", "sometime", 1),
        ]
    )


# ---------------------------------------------------------------------------- periods


def test_month_periods(corpus: pd.DataFrame) -> None:
    counts = period_counts(corpus, freq="month")
    assert counts.to_dict("records") == [
        {"actor": "RUS", "actor_name": "Russia", "period": "2022-01-01", "period_end": "2022-01-31",
         "statements": 2, "agree": 1, "disagree": 1, "mean_polarity": 0.0},
        {"actor": "USA", "actor_name": "United States", "period": "2022-01-01",
         "period_end": "2022-01-31", "statements": 3, "agree": 2, "disagree": 1,
         "mean_polarity": pytest.approx(1 / 3)},
        {"actor": "USA", "actor_name": "United States", "period": "2022-03-01",
         "period_end": "2022-03-31", "statements": 1, "agree": 1, "disagree": 0,
         "mean_polarity": 1.0},
    ]  # fmt: skip


def test_week_periods_run_monday_to_sunday(corpus: pd.DataFrame) -> None:
    usa = period_counts(corpus, freq="week").query("actor == 'USA'")
    assert list(zip(usa["period"], usa["period_end"], usa["statements"], strict=True)) == [
        ("2022-01-03", "2022-01-09", 2),
        ("2022-01-10", "2022-01-16", 1),
        ("2022-03-14", "2022-03-20", 1),
    ]


def test_unknown_freq_is_refused(corpus: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"freq must be one of \['month', 'week'\]; got 'day'"):
        period_counts(corpus, freq="day")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- counts


def test_counts_are_stacked_bars_one_trace_per_actor(corpus: pd.DataFrame) -> None:
    fig = statements_over_time(corpus, freq="month")
    assert isinstance(fig, go.Figure)
    assert fig.layout.barmode == "stack"
    # the bars, then a click target on each segment (one statement is a few px tall)
    assert [t.type for t in fig.data] == ["bar", "bar", "scatter", "scatter"]
    assert [t.name for t in fig.data[:2]] == ["United States", "Russia"]  # most first
    targets = fig.data[2]
    assert [list(c) for c in targets.customdata] == [list(c) for c in fig.data[0].customdata]
    assert list(targets.y) == [1.5, 0.5] and targets.marker.size >= 18  # segment middles
    usa = fig.data[0]
    assert list(usa.x) == ["2022-01-01", "2022-03-01"]
    assert list(usa.y) == [3, 1]
    assert [list(c) for c in usa.customdata] == [
        ["USA", "2022-01-01", "2022-01-31"],
        ["USA", "2022-03-01", "2022-03-31"],
    ]
    assert usa.hovertext[0].startswith("<b>United States</b>, 2022-01: 3 statements<br>2 for")
    assert fig.layout.xaxis.type == "date" and fig.layout.xaxis.title.text == "Month"
    assert fig.layout.yaxis.title.text == "Statements"
    assert fig.layout.yaxis.dtick == 1


def test_counts_title_names_filters_and_undated(corpus: pd.DataFrame) -> None:
    fig = statements_over_time(
        corpus, freq="week", subtitle="2 actors", undated=2, source_line="Source: Wire."
    )
    assert fig.layout.title.text == (
        "Statements per week<br><sup>2 actors \u00b7 6 dated statements \u00b7 2 undated not"
        " shown</sup>"
    )
    assert fig.layout.xaxis.title.text == "Week (Monday to Sunday)"
    assert [a.text for a in fig.layout.annotations] == ["Source: Wire."]


# ---------------------------------------------------------------------------- net stance


def test_net_stance_lines_leave_gaps_for_empty_periods(corpus: pd.DataFrame) -> None:
    fig = net_stance_over_time(corpus, freq="month")
    assert [t.type for t in fig.data] == ["scatter", "scatter"]
    usa = fig.data[0]
    assert usa.mode == "lines+markers" and usa.connectgaps is False
    assert list(usa.x) == ["2022-01-01", "2022-02-01", "2022-03-01"]
    assert usa.y[0] == pytest.approx(1 / 3) and usa.y[1] is None and usa.y[2] == 1.0
    assert usa.customdata[1][0] == "USA" and usa.hovertext[1] == ""
    assert usa.marker.size[1] == 0 and usa.marker.size[0] > usa.marker.size[2]  # 3 vs 1
    assert usa.hovertext[0].startswith("<b>United States</b>, 2022-01: 3 statements, mean +0.33")
    russia = fig.data[1]
    assert list(russia.y) == [0.0] and [list(c) for c in russia.customdata] == [
        ["RUS", "2022-01-01", "2022-01-31"]
    ]
    assert list(fig.layout.yaxis.range) == [-1.15, 1.15]
    assert fig.layout.yaxis.title.text == "Mean stance"
    assert fig.layout.title.text.startswith("Net stance per month<br>")


def test_series_differ_by_more_than_colour(corpus: pd.DataFrame) -> None:
    usa, russia = net_stance_over_time(corpus).data
    assert usa.line.dash != russia.line.dash
    assert usa.marker.symbol != russia.marker.symbol


# ---------------------------------------------------------------------------- both builders

BUILDERS = [statements_over_time, net_stance_over_time]


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize(
    "rows", [[], [("USA", None, 1)], [("USA", "not a date", 1)]], ids=["none", "undated", "bad"]
)
def test_nothing_dated_gives_an_annotated_empty_figure(build, rows) -> None:  # type: ignore[no-untyped-def]
    frame = statements(rows).reindex(columns=["actor", "actor_name", "date", "polarity"])
    fig = build(frame, source_line="Source: Wire.", undated=len(rows))
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == [EMPTY_MESSAGE, "Source: Wire."]
    assert "0 dated statements" in fig.layout.title.text


@pytest.mark.parametrize("build", BUILDERS)
def test_missing_columns_are_named(build) -> None:  # type: ignore[no-untyped-def]
    bad = pd.DataFrame({"actor": ["USA"], "when": ["2022-01-01"]})
    with pytest.raises(
        ValueError,
        match=r"expects columns \['actor', 'actor_name', 'date', 'polarity'\]; "
        r"got \['actor', 'when'\]",
    ):
        build(bad)


@pytest.mark.parametrize("build", BUILDERS)
def test_input_is_not_modified(build, corpus: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    before = corpus.copy()
    build(corpus, freq="week")
    pd.testing.assert_frame_equal(corpus, before)


@pytest.mark.parametrize("build", BUILDERS)
def test_names_are_escaped_ids_are_not(build) -> None:  # type: ignore[no-untyped-def]
    fig = build(statements([("<b>X</b>", "2022-01-03", 1)]), subtitle="<i>x</i>")
    assert fig.data[0].name == "&lt;script&gt;x&lt;/script&gt;"
    assert "&lt;script&gt;" in fig.data[0].hovertext[0]
    assert "&lt;i&gt;x&lt;/i&gt;" in fig.layout.title.text
    assert fig.data[0].customdata[0][0] == "<b>X</b>"
