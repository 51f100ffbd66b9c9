"""charts.stances: cells, the actor x concept matrix, the for/against bars and the world map."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.stances import stance_bars, stance_cells, stance_map, stance_matrix
from charts.style import AGAINST_GLYPH, BALANCED_GLYPH, EMPTY_MESSAGE, FOR_GLYPH, polarity_glyph

SANCTIONS = ("sanctions_on_russia", "Sanctions and pressure on Russia")
UKRAINE = ("ukraine_sovereignty", "Support Ukraine against Russia's invasion")
RUSSIA = ("RUS", "Russia", "RUS")
USA = ("USA", "United States", "USA")
NATO = ("NATO", "North Atlantic Treaty Organization", None)


def statements(
    rows: list[tuple[tuple[str, str, str | None], tuple[str, str], int]],
) -> pd.DataFrame:
    """One row per statement: (actor, name, iso3), (concept, label), polarity."""
    return pd.DataFrame(
        [
            {
                "actor": actor[0],
                "actor_name": actor[1],
                "iso3": actor[2],
                "concept": concept[0],
                "concept_label": concept[1],
                "polarity": polarity,
            }
            for actor, concept, polarity in rows
        ]
    )


@pytest.fixture
def corpus() -> pd.DataFrame:
    """USA: 4 on sanctions (3 for, 1 against), 2 for Ukraine; Russia: 3 against sanctions, one
    for and one against Ukraine; NATO: 1 for Ukraine."""
    return statements(
        [(USA, SANCTIONS, 1)] * 3
        + [(USA, SANCTIONS, -1)]
        + [(USA, UKRAINE, 1)] * 2
        + [(RUSSIA, SANCTIONS, -1)] * 3
        + [(RUSSIA, UKRAINE, 1), (RUSSIA, UKRAINE, -1)]
        + [(NATO, UKRAINE, 1)]
    )


# ---------------------------------------------------------------------------- cells


def test_cells_count_statements_and_mean_polarity(corpus: pd.DataFrame) -> None:
    cells = stance_cells(corpus).set_index(["actor", "concept"])
    assert cells.loc[("USA", SANCTIONS[0])].to_dict() == {
        "actor_name": "United States",
        "concept_label": SANCTIONS[1],
        "statements": 4,
        "agree": 3,
        "disagree": 1,
        "mean_polarity": 0.5,
    }
    assert cells.loc[("RUS", UKRAINE[0]), "mean_polarity"] == 0.0
    assert stance_cells(corpus)["statements"].is_monotonic_decreasing


def test_cells_of_nothing_have_the_columns() -> None:
    cells = stance_cells(statements([]).reindex(columns=["actor", "actor_name", "concept",
                                                         "concept_label", "polarity"]))  # fmt: skip
    assert cells.empty
    assert list(cells.columns)[:4] == ["actor", "actor_name", "concept", "concept_label"]


# ---------------------------------------------------------------------------- matrix


def ticks(fig: go.Figure) -> list[str]:
    """The concept labels over the matrix, with their line breaks taken out."""
    return [t.replace("<br>", " ") for t in fig.layout.xaxis.ticktext]


def test_matrix_has_a_heatmap_and_a_clickable_point_per_cell(corpus: pd.DataFrame) -> None:
    fig = stance_matrix(corpus)
    assert isinstance(fig, go.Figure)
    assert [t.type for t in fig.data] == ["heatmap", "scatter"]
    heat, points = fig.data
    # Rows: actors with most statements first; columns: concepts with most statements first.
    rows = ["United States", "Russia", "North Atlantic Treaty Organization"]
    assert list(fig.layout.yaxis.ticktext) == rows
    assert ticks(fig) == [SANCTIONS[1], UKRAINE[1].replace("'", "&#x27;")]
    assert [list(row) for row in heat.z] == [[0.5, 1.0], [-1.0, 0.0], [None, 1.0]]
    assert [list(row) for row in heat.text] == [
        [f"{FOR_GLYPH} 4", f"{FOR_GLYPH} 2"],
        [f"{AGAINST_GLYPH} 3", f"{BALANCED_GLYPH} 2"],
        ["", f"{FOR_GLYPH} 1"],
    ]
    assert [list(c) for c in heat.customdata[1]] == [["RUS", SANCTIONS[0]], ["RUS", UKRAINE[0]]]
    assert (heat.zmin, heat.zmax) == (-1, 1)
    # One point per cell, the empty one too; customdata [actor, concept].
    assert len(points.customdata) == 6
    assert [list(c) for c in points.customdata][:2] == [["USA", SANCTIONS[0]], ["USA", UKRAINE[0]]]
    assert list(points.x) == [0, 1, 0, 1, 0, 1] and list(points.y) == [0, 0, 1, 1, 2, 2]


def test_matrix_hover_reads_as_a_sentence(corpus: pd.DataFrame) -> None:
    hover = list(stance_matrix(corpus).data[1].hovertext)
    assert hover[2].startswith(
        f"<b>Russia</b> on {SANCTIONS[1]}: 3 statements, mean -1.00<br>0 for {FOR_GLYPH}"
    )
    assert hover[0].startswith(f"<b>United States</b> on {SANCTIONS[1]}: 4 statements, mean +0.50")
    assert hover[4] == f"<b>North Atlantic Treaty Organization</b> on {SANCTIONS[1]}: no statements"


def test_matrix_title_counts_statements_and_states_the_filters(corpus: pd.DataFrame) -> None:
    fig = stance_matrix(
        corpus,
        title="Who stands where",
        subtitle="2 concepts \u00b7 all actors",
        source_line="Source: Wire.",
    )
    assert fig.layout.title.text == (
        "Who stands where<br><sup>2 concepts \u00b7 all actors \u00b7 12 statements</sup>"
    )
    assert [a.text for a in fig.layout.annotations] == ["Source: Wire."]


def test_matrix_options(corpus: pd.DataFrame) -> None:
    fig = stance_matrix(corpus, concepts=[UKRAINE[0]], min_statements=2, max_actors=1)
    assert ticks(fig) == [UKRAINE[1].replace("'", "&#x27;")]
    assert list(fig.layout.yaxis.ticktext) == ["Russia"]  # 2 each with the USA: a tie, by code
    title = fig.layout.title.text
    assert "2 statements" in title and "at least 2 per actor and concept" in title
    assert "top 1 of 2 actors" in title


def test_matrix_concepts_keep_the_given_order(corpus: pd.DataFrame) -> None:
    fig = stance_matrix(corpus, concepts=[UKRAINE[0], SANCTIONS[0]])
    assert [c[1] for c in fig.data[0].customdata[0]] == [UKRAINE[0], SANCTIONS[0]]


# ---------------------------------------------------------------------------- bars


def test_bars_put_against_left_and_for_right(corpus: pd.DataFrame) -> None:
    fig = stance_bars(corpus, concept=SANCTIONS[0])
    # the bars, then their click targets (a bar of one statement is a few px wide)
    assert [t.type for t in fig.data] == ["bar", "bar", "scatter", "scatter"]
    against, for_ = fig.data[:2]
    assert against.name == f"Against {AGAINST_GLYPH}" and for_.name == f"For {FOR_GLYPH}"
    assert list(against.y) == ["United States", "Russia"] and list(against.x) == [-1, -3]
    assert list(for_.y) == ["United States"] and list(for_.x) == [3]  # no bar for a zero
    assert [list(c) for c in against.customdata] == [
        ["USA", SANCTIONS[0], -1],
        ["RUS", SANCTIONS[0], -1],
    ]
    assert [list(c) for c in for_.customdata] == [["USA", SANCTIONS[0], 1]]
    assert list(for_.text) == ["3"] and list(against.text) == ["1", "3"]
    assert fig.layout.barmode == "relative"
    assert list(fig.layout.yaxis.categoryarray) == ["United States", "Russia"]


def test_bars_hover_title_and_axis(corpus: pd.DataFrame) -> None:
    fig = stance_bars(corpus, concept=SANCTIONS[0], subtitle="all actors")
    assert fig.data[0].hovertext[1] == f"Russia: 3 statements against {SANCTIONS[1]}"
    assert fig.layout.title.text == (
        f"For and against: {SANCTIONS[1]}<br><sup>all actors \u00b7 7 statements</sup>"
    )
    assert "against (left)" in fig.layout.xaxis.title.text
    ticks = list(fig.layout.xaxis.tickvals)
    assert 0 in ticks and [str(abs(t)) for t in ticks] == list(fig.layout.xaxis.ticktext)


def test_bars_of_an_unknown_concept_are_empty(corpus: pd.DataFrame) -> None:
    fig = stance_bars(corpus, concept="no_such_concept")
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == [EMPTY_MESSAGE]


# ---------------------------------------------------------------------------- map


def test_map_colours_countries_and_counts_organisations_left_out(corpus: pd.DataFrame) -> None:
    fig = stance_map(corpus, concept=UKRAINE[0], source_line="Source: Wire.")
    assert [t.type for t in fig.data] == ["choropleth", "scattergeo"]
    countries, signs = fig.data
    assert countries.locationmode == "ISO-3"
    assert list(countries.locations) == ["RUS", "USA"]  # NATO has no iso3; a tie, by code
    assert list(countries.z) == [0.0, 1.0]
    assert [list(c) for c in countries.customdata] == [["RUS", UKRAINE[0]], ["USA", UKRAINE[0]]]
    assert list(signs.text) == [BALANCED_GLYPH, FOR_GLYPH]
    assert [list(c) for c in signs.customdata] == [list(c) for c in countries.customdata]
    assert countries.hovertext[0].startswith(
        f"<b>Russia</b> on {UKRAINE[1].replace(chr(39), '&#x27;')}: 2 statements"
    )
    title = fig.layout.title.text
    assert "4 statements" in title and "1 statement by organisations not on the map" in title
    assert fig.layout.annotations[-1].text == "Source: Wire."


def test_map_with_only_organisations_is_empty() -> None:
    fig = stance_map(statements([(NATO, UKRAINE, 1)]), concept=UKRAINE[0])
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text == EMPTY_MESSAGE
    assert "1 statement by organisations not on the map" in fig.layout.title.text


# ---------------------------------------------------------------------------- every builder


BUILDERS = {
    "matrix": lambda df, **kw: stance_matrix(df, **kw),
    "bars": lambda df, **kw: stance_bars(df, concept=SANCTIONS[0], **kw),
    "map": lambda df, **kw: stance_map(df, concept=SANCTIONS[0], **kw),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_empty_input_gives_an_annotated_empty_figure(name: str) -> None:
    empty = statements([]).reindex(
        columns=["actor", "actor_name", "iso3", "concept", "concept_label", "polarity"]
    )
    fig = BUILDERS[name](empty, source_line="Source: Wire.")
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == [EMPTY_MESSAGE, "Source: Wire."]
    assert "0 statements" in fig.layout.title.text


@pytest.mark.parametrize("name", BUILDERS)
def test_min_statements_can_empty_a_figure(name: str, corpus: pd.DataFrame) -> None:
    fig = BUILDERS[name](corpus, min_statements=50)
    assert len(fig.data) == 0 and fig.layout.annotations[0].text == EMPTY_MESSAGE


@pytest.mark.parametrize("name", BUILDERS)
def test_missing_columns_are_named(name: str) -> None:
    bad = pd.DataFrame({"actor": ["RUS"], "side": [1]})
    with pytest.raises(
        ValueError,
        match=r"expects columns \['actor', 'actor_name', 'concept'.*got \['actor', 'side'\]",
    ):
        BUILDERS[name](bad)


def test_map_needs_iso3(corpus: pd.DataFrame) -> None:
    with pytest.raises(
        ValueError, match=r"stance_map\(\) expects columns .*'iso3'.*missing \['iso3'\]"
    ):
        stance_map(corpus.drop(columns=["iso3"]), concept=UKRAINE[0])


@pytest.mark.parametrize("name", BUILDERS)
def test_input_is_not_modified(name: str, corpus: pd.DataFrame) -> None:
    before = corpus.copy()
    BUILDERS[name](corpus)
    pd.testing.assert_frame_equal(corpus, before)


@pytest.mark.parametrize("name", BUILDERS)
def test_corpus_text_is_escaped_but_ids_stay_raw(name: str) -> None:
    hostile = ("<b>X</b>", "<script>alert(1)</script>", "XXX")
    concept = (SANCTIONS[0], "<img src=x onerror=alert(1)>")
    fig = BUILDERS[name](statements([(hostile, concept, 1)]), subtitle="[a](javascript:x) <i>")
    shown = " ".join(
        [fig.layout.title.text]
        + [str(t) for trace in fig.data for t in (trace.hovertext or ())]
        + [str(t) for t in (fig.layout.xaxis.ticktext or ())]
        + [str(t) for t in (fig.layout.yaxis.ticktext or ())]
        + [str(y) for trace in fig.data if trace.type == "bar" for y in trace.y]
    )
    assert "<script" not in shown and "<img" not in shown and "<i>" not in fig.layout.title.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    custom = fig.data[-1].customdata[0]
    assert custom[0] == "<b>X</b>"  # ids are data, not markup


@pytest.mark.parametrize(
    ("mean", "glyph"), [(0.2, FOR_GLYPH), (-0.01, AGAINST_GLYPH), (0.0, BALANCED_GLYPH)]
)
def test_polarity_glyph(mean: float, glyph: str) -> None:
    assert polarity_glyph(mean) == glyph
