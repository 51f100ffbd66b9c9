"""Discourse networks of actors (after Leifeld's Discourse Network Analyzer), pure pandas.

From statements (one actor's side, +1 for or -1 against, on one concept in one article):
- congruence: two actors are linked when they take the same side on the same concept;
- conflict: two actors are linked when they take opposite sides on the same concept.
The raw weight of an edge is the number of concepts behind it (a concept counts once even when
both actors took both sides of it). Normalisations, as in DNA, use each actor's activity (the
number of concepts it took a side on): 'average' divides by the mean activity of the two,
'jaccard' by the number of concepts either took a side on, 'cosine' by the geometric mean of
the two activities; 'none' keeps the count.
From relations (one actor's act toward another): one edge per pair and relation class
(cooperation or conflict) with the number of relations.

Every edge table has EDGE_COLUMNS: actor_a < actor_b (ids), the `network` it belongs to, the
`tie` (agreement, cooperation or conflict) that decides its look, `count`, `weight`, `items`
(the concept ids or relation kinds behind it, sorted), `item_labels` and `article_ids`.
edge_statements() and edge_relations() give the evidence behind one edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import numpy as np
import pandas as pd

Network = Literal["congruence", "conflict", "relations"]
Normalisation = Literal["none", "average", "jaccard", "cosine"]
CONGRUENCE: Network = "congruence"
CONFLICT: Network = "conflict"
RELATIONS: Network = "relations"
AGREEMENT, COOPERATION, CONFLICT_TIE = "agreement", "cooperation", "conflict"
STATEMENT_COLUMNS = ("article_id", "actor", "concept", "polarity")
RELATION_COLUMNS = ("article_id", "source", "target", "kind", "relation_class")
EDGE_COLUMNS = (
    "actor_a",
    "actor_b",
    "network",
    "tie",
    "count",
    "weight",
    "items",
    "item_labels",
    "article_ids",
)
NODE_COLUMNS = ("actor", "actor_name", "count")


def stance_edges(
    statements: pd.DataFrame,
    *,
    network: Literal["congruence", "conflict"] = "congruence",
    normalisation: Normalisation = "none",
    min_statements: int = 1,
    actors: Sequence[str] = (),
) -> pd.DataFrame:
    """Actor pairs taking the same (congruence) or opposite (conflict) sides on concepts.

    An actor takes a side on a concept when it has at least `min_statements` statements on
    that side. `actors` (when given) keeps only those actors: much faster on a big corpus
    when only the top few are drawn. Heaviest edges first, then by actor ids.
    """
    _check(statements, STATEMENT_COLUMNS, "stance_edges")
    if actors:
        statements = statements[statements["actor"].isin(list(actors))]
    _check_choice(network, ("congruence", "conflict"), "network")
    _check_choice(normalisation, get_args(Normalisation), "normalisation")
    sides = actor_sides(statements, min_statements=min_statements)
    if sides.empty:
        return _no_edges()
    pairs = sides.merge(sides, on="concept", suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_a"] < pairs["actor_b"]]
    same = pairs["polarity_a"] == pairs["polarity_b"]
    pairs = pairs[same if network == CONGRUENCE else ~same]
    if pairs.empty:
        return _no_edges()
    edges = _pair_sets(pairs["actor_a"], pairs["actor_b"], pairs["concept"],
                       pairs["articles_a"], pairs["articles_b"])  # fmt: skip
    edges["count"] = edges["items"].map(len)
    activity = {str(a): frozenset(c) for a, c in sides.groupby("actor")["concept"]}
    edges["weight"] = _normalised(edges, activity, normalisation)
    edges["network"] = network
    edges["tie"] = AGREEMENT if network == CONGRUENCE else CONFLICT_TIE
    names = _names(statements, "concept", "concept_label")
    edges["item_labels"] = [tuple(names.get(c, c) for c in items) for items in edges["items"]]
    return _sorted(edges)


def actor_sides(statements: pd.DataFrame, *, min_statements: int = 1) -> pd.DataFrame:
    """One row per actor, concept and side taken: statements and the set of article ids."""
    _check(statements, STATEMENT_COLUMNS, "actor_sides")
    polarity = pd.to_numeric(statements["polarity"])
    signed = statements.assign(  # codes as text: category columns neither order nor group alike
        actor=statements["actor"].astype(str),
        concept=statements["concept"].astype(str),
        polarity=np.sign(polarity).astype(int),
    )[polarity != 0]
    if signed.empty:
        return pd.DataFrame(columns=["actor", "concept", "polarity", "statements", "articles"])
    # Group positions, then one frozenset per group from a plain object array: pandas'
    # groupby with a Python aggregation walks an Arrow column item by item, several times slower.
    groups: dict[tuple[str, str, int], np.ndarray] = signed.groupby(  # type: ignore[assignment]
        ["actor", "concept", "polarity"], sort=True
    ).indices
    ids = signed["article_id"].to_numpy(dtype=object)
    keys = sorted(groups)
    sides = pd.DataFrame(
        {
            "actor": [k[0] for k in keys],
            "concept": [k[1] for k in keys],
            "polarity": np.array([int(k[2]) for k in keys], dtype=np.int64),
            "statements": np.array([len(groups[k]) for k in keys], dtype=np.int64),
            "articles": [frozenset(ids[groups[k]]) for k in keys],
        }
    )
    return sides[sides["statements"] >= max(min_statements, 1)].reset_index(drop=True)


def relation_edges(
    relations: pd.DataFrame, *, normalisation: Normalisation = "none"
) -> pd.DataFrame:
    """Relations (source acts toward target) -> one undirected edge per pair and relation class.

    `count` is the number of relations; `items` the kinds of act (sorted, each once). The
    normalisations divide by the actors' activity (the number of relations each is part of).
    """
    _check(relations, RELATION_COLUMNS, "relation_edges")
    _check_choice(normalisation, get_args(Normalisation), "normalisation")
    known = relations.dropna(subset=["source", "target"])
    known = known[known["source"] != known["target"]]
    if known.empty:
        return _no_edges()
    source, target = known["source"].astype(str), known["target"].astype(str)
    frame = pd.DataFrame(
        {
            "actor_a": np.where(source < target, source, target),
            "actor_b": np.where(source < target, target, source),
            "tie": known["relation_class"].astype(str).to_numpy(),
            "kind": known["kind"].astype(str).to_numpy(),
            "article_id": known["article_id"].to_numpy(),
        }
    )
    edges = frame.groupby(["actor_a", "actor_b", "tie"], as_index=False).agg(
        count=("kind", "size"),
        items=("kind", lambda k: tuple(sorted(set(k)))),
        article_ids=("article_id", lambda a: tuple(sorted(set(a)))),
    )
    ends = pd.concat([frame["actor_a"], frame["actor_b"]])
    activity = ends.value_counts()
    edges["weight"] = _normalised_counts(edges, activity, normalisation)
    edges["network"] = RELATIONS
    edges["item_labels"] = [tuple(k.replace("_", " ") for k in items) for items in edges["items"]]
    return _sorted(edges)


def stance_nodes(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: its display name (`actor_name` if given) and number of statements."""
    _check(statements, STATEMENT_COLUMNS, "stance_nodes")
    names = _names(statements, "actor", "actor_name")
    counts = statements.groupby("actor").size()
    return _nodes(counts, names)


def relation_nodes(relations: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per actor in a relation: its name (from `actors`: code, name) and relations."""
    _check(relations, RELATION_COLUMNS, "relation_nodes")
    known = relations.dropna(subset=["source", "target"])
    known = known[known["source"] != known["target"]]
    counts = pd.concat([known["source"], known["target"]]).astype(str).value_counts()
    names = {} if actors is None else _names(actors, "code", "name")
    return _nodes(counts, names)


def edge_statements(
    statements: pd.DataFrame, actor_a: str, actor_b: str, network: str, *, min_statements: int = 1
) -> pd.DataFrame:
    """The statements behind one congruence or conflict edge: both actors, on its concepts.

    For congruence only the sides both took; for conflict both sides of the opposed concepts.
    """
    _check(statements, STATEMENT_COLUMNS, "edge_statements")
    _check_choice(network, ("congruence", "conflict"), "network")
    sides = actor_sides(statements, min_statements=min_statements)
    a = sides[sides["actor"] == actor_a][["concept", "polarity"]]
    b = sides[sides["actor"] == actor_b][["concept", "polarity"]]
    pairs = a.merge(b, on="concept", suffixes=("_a", "_b"))
    same = pairs["polarity_a"] == pairs["polarity_b"]
    pairs = pairs[same if network == CONGRUENCE else ~same]
    keys = pd.concat(
        [
            pd.DataFrame(
                {"actor": actor_a, "concept": pairs["concept"], "polarity": pairs["polarity_a"]}
            ),
            pd.DataFrame(
                {"actor": actor_b, "concept": pairs["concept"], "polarity": pairs["polarity_b"]}
            ),
        ]
    ).drop_duplicates()
    polarity = np.sign(pd.to_numeric(statements["polarity"])).astype(int)
    index = pd.MultiIndex.from_frame(keys.astype({"polarity": int}))
    mask = pd.MultiIndex.from_arrays([statements["actor"], statements["concept"], polarity]).isin(
        index
    )
    return statements[mask]


def edge_relations(
    relations: pd.DataFrame, actor_a: str, actor_b: str, tie: str | None = None
) -> pd.DataFrame:
    """The relations behind one relations edge: either actor toward the other (of `tie`'s class)."""
    _check(relations, RELATION_COLUMNS, "edge_relations")
    pair = ((relations["source"] == actor_a) & (relations["target"] == actor_b)) | (
        (relations["source"] == actor_b) & (relations["target"] == actor_a)
    )
    if tie is not None:
        pair &= relations["relation_class"] == tie
    return relations[pair]


def _pair_sets(
    actors_a: pd.Series,
    actors_b: pd.Series,
    concepts: pd.Series,
    articles_a: pd.Series,
    articles_b: pd.Series,
) -> pd.DataFrame:
    """One row per actor pair: the sorted concepts and article ids of its rows.

    A plain loop: pandas' groupby with Python aggregations is many times slower here.
    """
    items: dict[tuple[str, str], set[str]] = {}
    articles: dict[tuple[str, str], set[str]] = {}
    columns = (actors_a, actors_b, concepts, articles_a, articles_b)
    rows = zip(*(c.tolist() for c in columns), strict=True)  # lists: iterating Arrow is slow
    for a, b, concept, from_a, from_b in rows:
        key = (str(a), str(b))
        items.setdefault(key, set()).add(str(concept))
        articles.setdefault(key, set()).update(from_a, from_b)
    keys = sorted(items)
    return pd.DataFrame(
        {
            "actor_a": [k[0] for k in keys],
            "actor_b": [k[1] for k in keys],
            "items": [tuple(sorted(items[k])) for k in keys],
            "article_ids": [tuple(sorted(articles[k])) for k in keys],
        }
    )


def _normalised(
    edges: pd.DataFrame, activity: dict[str, frozenset[str]], how: Normalisation
) -> list[float]:
    """The edges' weights: the count, or the count over a measure of the two actors' activity."""
    weights = []
    for a, b, count in zip(edges["actor_a"], edges["actor_b"], edges["count"], strict=True):
        concepts_a, concepts_b = activity[a], activity[b]
        weights.append(
            _scaled(int(count), len(concepts_a), len(concepts_b), len(concepts_a | concepts_b), how)
        )
    return weights


def _normalised_counts(edges: pd.DataFrame, activity: pd.Series, how: Normalisation) -> list[float]:
    """As _normalised() for relations: activity is a count, the union is both minus the pair's."""
    weights = []
    for a, b, count in zip(edges["actor_a"], edges["actor_b"], edges["count"], strict=True):
        n_a, n_b = int(activity[a]), int(activity[b])
        weights.append(_scaled(int(count), n_a, n_b, n_a + n_b - int(count), how))
    return weights


def _scaled(count: int, n_a: int, n_b: int, union: int, how: Normalisation) -> float:
    if how == "none":
        return float(count)
    if how == "average":
        return count / ((n_a + n_b) / 2)
    if how == "jaccard":
        return count / union
    return count / float(np.sqrt(n_a * n_b))


def _nodes(counts: pd.Series, names: dict[str, str]) -> pd.DataFrame:
    nodes = pd.DataFrame({"actor": counts.index.astype(str), "count": counts.to_numpy(dtype=int)})
    nodes["actor_name"] = [names.get(a, a) for a in nodes["actor"]]
    nodes = nodes.sort_values(["count", "actor"], ascending=[False, True], ignore_index=True)
    return nodes[list(NODE_COLUMNS)]


def _names(frame: pd.DataFrame, key: str, name: str) -> dict[str, str]:
    """{id: display name} when `frame` has a `name` column, else {}."""
    if name not in frame.columns:
        return {}
    pairs = frame[[key, name]].dropna().drop_duplicates(key)
    return {str(k): str(v) for k, v in zip(pairs[key], pairs[name], strict=True)}


def _sorted(edges: pd.DataFrame) -> pd.DataFrame:
    edges = edges.sort_values(
        ["weight", "count", "actor_a", "actor_b", "tie"],
        ascending=[False, False, True, True, True],
        ignore_index=True,
    )
    return edges[list(EDGE_COLUMNS)]


def _no_edges() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in EDGE_COLUMNS}).astype(
        {"count": int, "weight": float}
    )


def _check(frame: pd.DataFrame, expected: Sequence[str], func: str) -> None:
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{func}() expects columns {list(expected)}; "
            f"got {list(map(str, frame.columns))} (missing {missing})"
        )


def _check_choice(value: str, allowed: Sequence[str], name: str) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {list(allowed)}; got {value!r}")
