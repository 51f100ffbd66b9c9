"""analysis.network: congruence and conflict edges, their normalisations, relations as edges."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.network import (
    EDGE_COLUMNS,
    actor_sides,
    edge_relations,
    edge_statements,
    relation_edges,
    relation_nodes,
    stance_edges,
    stance_nodes,
)


def statements(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    """(article_id, actor, concept, polarity) per statement."""
    frame = pd.DataFrame(rows, columns=["article_id", "actor", "concept", "polarity"])
    return frame.assign(
        actor_name=frame["actor"].str.lower(), concept_label=frame["concept"].str.upper()
    )


@pytest.fixture
def corpus() -> pd.DataFrame:
    """DEU and FRA for a and b; DEU for c, FRA against c; RUS against a and for c; USA for a."""
    return statements(
        [
            ("d1", "DEU", "a", 1),
            ("d2", "DEU", "b", 1),
            ("d2", "DEU", "c", 1),
            ("f1", "FRA", "a", 1),
            ("f1", "FRA", "b", 1),
            ("f2", "FRA", "c", -1),
            ("r1", "RUS", "a", -1),
            ("r1", "RUS", "c", 1),
            ("u1", "USA", "a", 1),
        ]
    )


def edge(edges: pd.DataFrame, a: str, b: str) -> dict:
    rows = edges[(edges["actor_a"] == a) & (edges["actor_b"] == b)]
    assert len(rows) == 1, f"no single edge {a}-{b} in {edges[['actor_a', 'actor_b']].values}"
    return rows.iloc[0].to_dict()


def test_congruence_links_actors_on_the_same_side(corpus: pd.DataFrame) -> None:
    edges = stance_edges(corpus, network="congruence")
    assert list(edges.columns) == list(EDGE_COLUMNS)
    deu_fra = edge(edges, "DEU", "FRA")
    assert deu_fra["items"] == ("a", "b") and deu_fra["item_labels"] == ("A", "B")
    assert deu_fra["count"] == 2 and deu_fra["weight"] == 2.0
    assert deu_fra["tie"] == "agreement" and deu_fra["network"] == "congruence"
    assert deu_fra["article_ids"] == ("d1", "d2", "f1")
    assert edge(edges, "DEU", "RUS")["items"] == ("c",)
    pairs = set(zip(edges["actor_a"], edges["actor_b"], strict=True))
    assert pairs == {("DEU", "FRA"), ("DEU", "USA"), ("FRA", "USA"), ("DEU", "RUS")}
    assert edges["weight"].is_monotonic_decreasing


def test_conflict_links_actors_on_opposite_sides(corpus: pd.DataFrame) -> None:
    edges = stance_edges(corpus, network="conflict")
    pairs = {
        (a, b): items
        for a, b, items in zip(edges["actor_a"], edges["actor_b"], edges["items"], strict=True)
    }
    assert pairs == {
        ("DEU", "FRA"): ("c",),
        ("DEU", "RUS"): ("a",),
        ("FRA", "RUS"): ("a", "c"),
        ("RUS", "USA"): ("a",),
    }
    assert set(edges["tie"]) == {"conflict"}


# DEU takes sides on 3 concepts, FRA on 3, RUS on 2, USA on 1.
@pytest.mark.parametrize(
    ("normalisation", "pair", "expected"),
    [
        ("none", ("DEU", "FRA"), 2.0),
        ("average", ("DEU", "FRA"), 2 / 3),  # 2 / ((3 + 3) / 2)
        ("jaccard", ("DEU", "FRA"), 2 / 3),  # {a, b} / {a, b, c}
        ("cosine", ("DEU", "FRA"), 2 / 3),
        ("average", ("DEU", "USA"), 1 / 2),  # 1 / ((3 + 1) / 2)
        ("jaccard", ("DEU", "USA"), 1 / 3),
        ("cosine", ("DEU", "USA"), 1 / 3**0.5),
    ],
)
def test_congruence_normalisations(corpus, normalisation, pair, expected) -> None:  # type: ignore[no-untyped-def]
    edges = stance_edges(corpus, network="congruence", normalisation=normalisation)
    assert edge(edges, *pair)["weight"] == pytest.approx(expected)
    assert edge(edges, *pair)["count"] == (2 if pair == ("DEU", "FRA") else 1)


@pytest.mark.parametrize(
    ("normalisation", "expected"),
    [("none", 2.0), ("average", 2 / 2.5), ("jaccard", 2 / 3), ("cosine", 2 / 6**0.5)],
)
def test_conflict_normalisations(corpus, normalisation, expected) -> None:  # type: ignore[no-untyped-def]
    edges = stance_edges(corpus, network="conflict", normalisation=normalisation)
    assert edge(edges, "FRA", "RUS")["weight"] == pytest.approx(expected)  # FRA 3, RUS 2 concepts


def test_min_statements_and_actors_narrow_the_network(corpus: pd.DataFrame) -> None:
    twice = pd.concat([corpus, corpus[corpus["actor"].isin(["DEU", "USA"])]])
    edges = stance_edges(twice, min_statements=2)
    assert set(zip(edges["actor_a"], edges["actor_b"], strict=True)) == {("DEU", "USA")}
    only = stance_edges(corpus, actors=["DEU", "FRA"])
    assert list(zip(only["actor_a"], only["actor_b"], strict=True)) == [("DEU", "FRA")]


def test_an_actor_on_both_sides_counts_the_concept_once() -> None:
    frame = statements(
        [("1", "X", "a", 1), ("2", "X", "a", -1), ("3", "Y", "a", 1), ("4", "Y", "a", -1)]
    )
    assert edge(stance_edges(frame), "X", "Y")["count"] == 1
    assert edge(stance_edges(frame, network="conflict"), "X", "Y")["count"] == 1
    assert len(actor_sides(frame)) == 4


def test_no_edges_keep_the_columns() -> None:
    lone = statements([("1", "X", "a", 1)])
    for network in ("congruence", "conflict"):
        edges = stance_edges(lone, network=network)  # type: ignore[arg-type]
        assert edges.empty and list(edges.columns) == list(EDGE_COLUMNS)
    assert stance_edges(statements([])).empty


def test_bad_input_is_named(corpus: pd.DataFrame) -> None:
    with pytest.raises(
        ValueError, match=r"stance_edges\(\) expects columns .*missing \['polarity'\]"
    ):
        stance_edges(corpus.drop(columns="polarity"))
    with pytest.raises(ValueError, match="normalisation must be one of"):
        stance_edges(corpus, normalisation="max")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="network must be one of"):
        stance_edges(corpus, network="relations")  # type: ignore[arg-type]


def test_edge_statements_are_the_evidence_of_one_edge(corpus: pd.DataFrame) -> None:
    agree = edge_statements(corpus, "DEU", "FRA", "congruence")
    assert sorted(zip(agree["actor"], agree["concept"], strict=True)) == [
        ("DEU", "a"), ("DEU", "b"), ("FRA", "a"), ("FRA", "b"),
    ]  # fmt: skip
    oppose = edge_statements(corpus, "FRA", "RUS", "conflict")
    assert sorted(oppose["article_id"]) == ["f1", "f2", "r1", "r1"]


def test_stance_nodes_count_statements(corpus: pd.DataFrame) -> None:
    nodes = stance_nodes(corpus)
    assert nodes.to_dict("records")[:2] == [
        {"actor": "DEU", "actor_name": "deu", "count": 3},
        {"actor": "FRA", "actor_name": "fra", "count": 3},
    ]


@pytest.fixture
def relations() -> pd.DataFrame:
    rows = [
        ("a1", "RUS", "CHN", "support", "cooperation"),
        ("a2", "CHN", "RUS", "praise", "cooperation"),
        ("a2", "CHN", "RUS", "praise", "cooperation"),
        ("a3", "USA", "RUS", "criticise", "conflict"),
        ("a4", "RUS", "USA", "support", "cooperation"),
        ("a5", "RUS", "RUS", "praise", "cooperation"),  # to itself: no edge
        ("a6", None, "RUS", "praise", "cooperation"),  # no source: no edge
    ]
    return pd.DataFrame(rows, columns=["article_id", "source", "target", "kind", "relation_class"])


def test_relations_become_undirected_edges_per_class(relations: pd.DataFrame) -> None:
    edges = relation_edges(relations)
    assert list(edges.columns) == list(EDGE_COLUMNS)
    rows = {(e["actor_a"], e["actor_b"], e["tie"]): e for e in edges.to_dict("records")}
    assert set(rows) == {
        ("CHN", "RUS", "cooperation"),
        ("RUS", "USA", "conflict"),
        ("RUS", "USA", "cooperation"),
    }
    chn_rus = rows[("CHN", "RUS", "cooperation")]
    assert chn_rus["count"] == 3 and chn_rus["items"] == ("praise", "support")
    assert chn_rus["article_ids"] == ("a1", "a2") and chn_rus["network"] == "relations"
    # RUS is in 5 relations between actors, CHN in 3: jaccard 3 / (5 + 3 - 3).
    jaccard = relation_edges(relations, normalisation="jaccard")
    assert edge(jaccard[jaccard["tie"] == "cooperation"], "CHN", "RUS")["weight"] == pytest.approx(
        3 / 5
    )


def test_relation_nodes_and_evidence(relations: pd.DataFrame) -> None:
    actors = pd.DataFrame({"code": ["RUS", "CHN"], "name": ["Russia", "China"]})
    nodes = relation_nodes(relations, actors)
    assert nodes.to_dict("records")[0] == {"actor": "RUS", "actor_name": "Russia", "count": 5}
    assert nodes.set_index("actor").loc["USA", "actor_name"] == "USA"
    assert len(edge_relations(relations, "RUS", "USA")) == 2
    assert list(edge_relations(relations, "USA", "RUS", "conflict")["kind"]) == ["criticise"]


def test_category_columns_give_the_same_edges() -> None:
    """The app keeps codes as categories (fast filters): the network must not mind."""
    frame = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3"],
            "actor": ["USA", "DEU", "RUS"],
            "concept": ["c1", "c1", "c1"],
            "polarity": [1, 1, -1],
        }
    )
    typed = frame.astype({"actor": "category", "concept": "category"})
    for network in ("congruence", "conflict"):
        plain = stance_edges(frame, network=network)
        assert stance_edges(typed, network=network)[["actor_a", "actor_b"]].equals(
            plain[["actor_a", "actor_b"]]
        )
