"""charts.corpus: counting records per source and year, and the stacked bar figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.corpus import count_by_source_year, records_by_source_year
from charts.style import EMPTY_MESSAGE


def counts(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["source", "year", "records"])


@pytest.fixture
def three_sources() -> pd.DataFrame:
    return counts([("Wire", 2020, 2), ("Wire", 2021, 5), ("Ministry", 2021, 1), ("UN", 2019, 9)])


def test_one_stacked_trace_per_source_largest_first(three_sources: pd.DataFrame) -> None:
    fig = records_by_source_year(three_sources)
    assert isinstance(fig, go.Figure)
    assert fig.layout.barmode == "stack"
    assert [t.type for t in fig.data] == ["bar", "bar", "bar"]
    assert [t.name for t in fig.data] == ["UN", "Wire", "Ministry"]


def test_bar_values_and_customdata(three_sources: pd.DataFrame) -> None:
    wire = records_by_source_year(three_sources).data[1]
    assert list(wire.x) == [2020, 2021]
    assert list(wire.y) == [2, 5]
    assert [list(c) for c in wire.customdata] == [["Wire", 2020, 2], ["Wire", 2021, 5]]
    assert "Records: %{y:,}" in wire.hovertemplate
    assert "%{fullData.name}" in wire.hovertemplate


def test_title_axes_and_source_line(three_sources: pd.DataFrame) -> None:
    fig = records_by_source_year(
        three_sources,
        title="Corpus by year",
        source_line="Source: Wire - CC BY 4.0.\nSource: UN - CC0 1.0.",
    )
    assert fig.layout.title.text.startswith("Corpus by year<br>")
    assert "17 dated records" in fig.layout.title.text
    assert fig.layout.xaxis.title.text == "Year"
    assert fig.layout.yaxis.title.text == "Records (accepted articles)"
    assert list(fig.layout.xaxis.tickvals) == [2019, 2020, 2021]
    [note] = fig.layout.annotations
    assert note.text == "Source: Wire - CC BY 4.0.<br>Source: UN - CC0 1.0."


def test_undated_records_are_counted_in_the_title(three_sources: pd.DataFrame) -> None:
    fig = records_by_source_year(three_sources, undated=4)
    assert "17 dated records; 4 undated not shown" in fig.layout.title.text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        (
            "<a href='javascript:alert(1)'>x</a>",
            "&lt;a href=&#x27;javascript:alert(1)&#x27;&gt;x&lt;/a&gt;",
        ),
    ],
)
def test_corpus_text_is_escaped_in_labels(text: str, shown: str) -> None:
    fig = records_by_source_year(counts([(text, 2020, 1)]), source_line=text)
    assert fig.data[0].name == shown
    assert fig.layout.annotations[0].text == shown
    assert fig.data[0].customdata[0][0] == text  # the id stays raw: it is data, not markup


@pytest.mark.parametrize("frame", [counts([]), counts([("Wire", 2020, 0)])])
def test_empty_input_gives_an_annotated_empty_figure(frame: pd.DataFrame) -> None:
    fig = records_by_source_year(frame, source_line="Source: Wire.")
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == [EMPTY_MESSAGE, "Source: Wire."]
    assert fig.layout.title.text.startswith("Records per source and year")


def test_missing_columns_are_named() -> None:
    bad = pd.DataFrame({"source": ["Wire"], "count": [3]})
    with pytest.raises(
        ValueError,
        match=r"expects columns \['source', 'year', 'records'\]; got \['source', 'count'\]",
    ):
        records_by_source_year(bad)


def test_input_is_not_modified(three_sources: pd.DataFrame) -> None:
    before = three_sources.copy()
    records_by_source_year(three_sources)
    pd.testing.assert_frame_equal(three_sources, before)


def test_count_by_source_year() -> None:
    articles = pd.DataFrame(
        {
            "source": ["Wire", "Wire", "UN", "UN", None],
            "date": ["2020-03-01", "2020-11-30", "2021-09-21", None, "2019-01-01"],
        }
    )
    assert count_by_source_year(articles).to_dict("records") == [
        {"source": "(no source)", "year": 2019, "records": 1},
        {"source": "UN", "year": 2021, "records": 1},
        {"source": "Wire", "year": 2020, "records": 2},
    ]


def test_count_by_source_year_of_nothing() -> None:
    empty = pd.DataFrame({"source": [], "date": []})
    assert count_by_source_year(empty).empty
    assert list(count_by_source_year(empty).columns) == ["source", "year", "records"]


def test_count_by_source_year_names_missing_columns() -> None:
    with pytest.raises(
        ValueError, match=r"count_by_source_year\(\) expects columns \['source', 'date'\]"
    ):
        count_by_source_year(pd.DataFrame({"source": ["Wire"]}))


@pytest.mark.parametrize(("records", "dtick"), [(3, 1), (10, 1), (11, None)])
def test_small_counts_get_whole_number_ticks(records: int, dtick: int | None) -> None:
    fig = records_by_source_year(counts([("Wire", 2020, records)]))
    assert fig.layout.yaxis.dtick == dtick
