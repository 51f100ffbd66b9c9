"""charts.network: traces, customdata, hover text, layout and the empty figure."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.network import stance_edges, stance_nodes
from charts.network import actor_network, force_layout, network_data
from charts.style import AGREEMENT_COLOUR, CONFLICT_COLOUR, CONFLICT_DASH, EMPTY_MESSAGE


@pytest.fixture
def corpus() -> pd.DataFrame:
    rows = [
        ("d1", "DEU", "Germany", "a", "Concept A", 1),
        ("d2", "DEU", "Germany", "b", "Concept B", 1),
        ("d2", "DEU", "Germany", "c", "Concept C", 1),
        ("f1", "FRA", "France", "a", "Concept A", 1),
        ("f1", "FRA", "France", "b", "Concept B", 1),
        ("f2", "FRA", "France", "c", "Concept C", -1),
        ("r1", "RUS", "<b>Russia</b>", "a", "Concept A", -1),
    ]
    return pd.DataFrame(
        rows, columns=["article_id", "actor", "actor_name", "concept", "concept_label", "polarity"]
    )


def test_agreement_network_traces_and_customdata(corpus: pd.DataFrame) -> None:
    edges, nodes = stance_edges(corpus), stance_nodes(corpus)
    fig = actor_network(edges, nodes, title="Agree", source_line="Source: Wire.")
    *lines, mids, points = fig.data
    assert [t.mode for t in lines] == ["lines"]
    assert lines[0].line.color == AGREEMENT_COLOUR and lines[0].line.dash == "solid"
    assert [list(c) for c in mids.customdata] == [["DEU", "FRA", "congruence"]]
    assert mids.hovertext[0].startswith(
        "<b>Germany and France</b> agree on 2 concepts: Concept A, Concept B"
    )
    assert [list(c) for c in points.customdata] == [["DEU"], ["FRA"]]  # RUS agrees with nobody
    assert list(points.text) == ["Germany", "France"]
    assert points.hovertext[0].startswith("<b>Germany</b>: 3 statements, 1 tie shown")
    assert fig.layout.title.text == "Agree<br><sup>2 actors \u00b7 1 tie</sup>"
    assert [a.text for a in fig.layout.annotations] == ["Source: Wire."]


def test_conflict_network_is_dashed_orange_and_escaped(corpus: pd.DataFrame) -> None:
    edges, nodes = stance_edges(corpus, network="conflict"), stance_nodes(corpus)
    fig = actor_network(edges, nodes, kind="conflict")
    lines = [t for t in fig.data if t.mode == "lines"]
    assert {t.line.dash for t in lines} == {CONFLICT_DASH}
    assert {t.line.color for t in lines} == {CONFLICT_COLOUR}
    mids, points = fig.data[-2], fig.data[-1]
    assert sorted(tuple(c) for c in mids.customdata) == [
        ("DEU", "FRA", "conflict"), ("DEU", "RUS", "conflict"), ("FRA", "RUS", "conflict"),
    ]  # fmt: skip
    assert "&lt;b&gt;Russia&lt;/b&gt;" in list(points.text)
    assert any("take opposite sides on 1 concept: Concept" in h for h in mids.hovertext)
    # Lines widen with the weight: the heavier edge has the wider line.
    assert len({t.line.width for t in lines}) == 1  # all weights are 1 here
    assert fig.layout.title.text.startswith("Who takes opposite sides")


def test_edges_are_cut_to_the_top_actors_and_data_matches(corpus: pd.DataFrame) -> None:
    edges, nodes = stance_edges(corpus, network="conflict"), stance_nodes(corpus)
    fig = actor_network(edges, nodes, max_actors=2)
    data = network_data(edges, nodes, max_actors=2)
    assert [list(c) for c in fig.data[-2].customdata] == [
        [a, b, n] for a, b, n in zip(data["actor_a"], data["actor_b"], data["network"], strict=True)
    ]
    assert data.to_dict("records") == [
        {"actor_a": "DEU", "actor_a_name": "Germany", "actor_b": "FRA", "actor_b_name": "France",
         "network": "conflict", "tie": "conflict", "count": 1, "weight": 1.0, "items": "Concept C"},
    ]  # fmt: skip
    assert "top 2 of 3 actors" in fig.layout.title.text


def test_layout_is_deterministic_and_inside_the_frame(corpus: pd.DataFrame) -> None:
    edges = stance_edges(corpus, network="conflict")
    first = force_layout(["DEU", "FRA", "RUS"], edges)
    assert first == force_layout(["DEU", "FRA", "RUS"], edges)
    assert all(-1 <= v <= 1 for xy in first.values() for v in xy)
    assert len(set(first.values())) == 3


def test_no_edges_give_the_empty_figure(corpus: pd.DataFrame) -> None:
    lone = corpus[corpus["actor"] == "DEU"]
    fig = actor_network(stance_edges(lone), stance_nodes(lone), source_line="Source: Wire.")
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == [EMPTY_MESSAGE, "Source: Wire."]
    assert network_data(stance_edges(lone), stance_nodes(lone)).empty


def test_missing_columns_are_named(corpus: pd.DataFrame) -> None:
    with pytest.raises(
        ValueError, match=r"actor_network\(\) expects columns .*missing \['network', 'tie'"
    ):
        actor_network(pd.DataFrame({"actor_a": [], "actor_b": []}), stance_nodes(corpus))
