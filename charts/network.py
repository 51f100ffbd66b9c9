"""Actor networks: who agrees with, opposes or acts toward whom (analysis.network's tables).

Nodes are actors (size by statements or relations), edges are ties (width by weight): agreement
and cooperation solid blue, conflict dashed orange, so the two differ in greyscale too. Plotly
cannot click a line, so each edge has a faint marker at its middle carrying customdata
[actor_a, actor_b, network]; nodes carry [actor]. The layout is a seeded force layout in numpy
(the same input always gives the same picture). Pure Plotly, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.schema import ACTOR, ACTOR_NAME
from charts.style import (
    AGREEMENT_COLOUR,
    AGREEMENT_DASH,
    CONFLICT_COLOUR,
    CONFLICT_DASH,
    TEXT_COLOUR,
    base_layout,
    check_columns,
    empty_figure,
    label,
    plural,
    source_line_annotation,
    titled,
)

NetworkKind = Literal["congruence", "conflict", "relations"]
EDGE_COLUMNS = ("actor_a", "actor_b", "network", "tie", "count", "weight", "item_labels")
NODE_COLUMNS = (ACTOR, ACTOR_NAME, "count")
DATA_COLUMNS = (
    "actor_a",
    "actor_a_name",
    "actor_b",
    "actor_b_name",
    "network",
    "tie",
    "count",
    "weight",
    "items",
)
MAX_ACTORS = 40
MAX_EDGES = 150
PLOT_PX = 600
NODE_COLOUR = "#5f6b7a"
NODE_PX = (10.0, 40.0)  # smallest and largest node diameter
EDGE_PX = (1.0, 7.0)  # thinnest and thickest edge
HOVER_ITEMS = 6
SEED = 7
ITERATIONS = 250
GRIP = 0.3  # how hard an edge pulls, against the repulsion between every two actors
GRAVITY = 0.3  # pull toward the centre, so that unlinked groups stay near
TIE_LOOK = {
    "agreement": (AGREEMENT_COLOUR, AGREEMENT_DASH, "Agreement (solid)"),
    "cooperation": (AGREEMENT_COLOUR, AGREEMENT_DASH, "Cooperation (solid)"),
    "conflict": (CONFLICT_COLOUR, CONFLICT_DASH, "Conflict (dashed)"),
}
TITLES = {
    "congruence": "Who agrees with whom",
    "conflict": "Who takes opposite sides",
    "relations": "Who acts toward whom",
}


def network_data(
    edges: pd.DataFrame,
    nodes: pd.DataFrame,
    *,
    max_actors: int = MAX_ACTORS,
    max_edges: int = MAX_EDGES,
    min_weight: float = 0.0,
) -> pd.DataFrame:
    """Exactly the edges actor_network() draws with the same options, with names (for a CSV).

    `items` is the concepts (or kinds of act) behind each edge, joined by '; '.
    """
    check_columns(edges, EDGE_COLUMNS, "network_data")
    check_columns(nodes, NODE_COLUMNS, "network_data")
    shown, _, _ = _selection(edges, nodes, max_actors, max_edges, min_weight)
    names = _names(nodes)
    return pd.DataFrame(
        {
            "actor_a": shown["actor_a"],
            "actor_a_name": [names.get(a, a) for a in shown["actor_a"]],
            "actor_b": shown["actor_b"],
            "actor_b_name": [names.get(b, b) for b in shown["actor_b"]],
            "network": shown["network"],
            "tie": shown["tie"],
            "count": shown["count"].astype(int),
            "weight": shown["weight"].astype(float),
            "items": ["; ".join(map(str, items)) for items in shown["item_labels"]],
        }
    ).reset_index(drop=True)[list(DATA_COLUMNS)]


def actor_network(
    edges: pd.DataFrame,
    nodes: pd.DataFrame,
    *,
    title: str | None = None,
    subtitle: str = "",
    source_line: str = "",
    kind: NetworkKind = "congruence",
    max_actors: int = MAX_ACTORS,
    max_edges: int = MAX_EDGES,
    min_weight: float = 0.0,
    count_noun: str = "statement",
) -> go.Figure:
    """Actors as nodes (size by `count`), ties as lines (width by weight), clickable.

    Traces: edge lines (one per tie and width, hover off), one marker per edge midpoint
    (customdata [actor_a, actor_b, network]) and the nodes (customdata [actor]), last.
    The `max_actors` actors with the largest count and their `max_edges` heaviest edges of at
    least `min_weight` are drawn.
    """
    check_columns(edges, EDGE_COLUMNS, "actor_network")
    check_columns(nodes, NODE_COLUMNS, "actor_network")
    shown, actors, extra = _selection(edges, nodes, max_actors, max_edges, min_weight)
    heading = title if title is not None else TITLES.get(kind, "Actor network")
    counted = [label(subtitle)] if subtitle else []
    counted += [plural(len(actors), "actor"), plural(len(shown), "tie"), *extra]
    full_title = titled(label(heading), " \u00b7 ".join(counted))
    if shown.empty:
        return empty_figure(title=full_title, source_line=source_line)
    positions = force_layout(actors, shown)
    names, counts = _names(nodes), dict(zip(nodes[ACTOR], nodes["count"], strict=True))
    fig = go.Figure(
        [
            *_edge_lines(shown, positions),
            _edge_midpoints(shown, positions, names),
            _node_trace(actors, positions, names, counts, shown, count_noun),
        ]
    )
    fig.update_layout(
        **base_layout(full_title, source_line=source_line, plot_px=PLOT_PX),
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        hovermode="closest",
    )
    fig.update_xaxes(visible=False, range=[-1.25, 1.25], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-1.15, 1.15], fixedrange=True)
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line, yshift=-12))
    return fig


def force_layout(
    actors: Sequence[str], edges: pd.DataFrame, *, seed: int = SEED, iterations: int = ITERATIONS
) -> dict[str, tuple[float, float]]:
    """{actor: (x, y)} within [-1, 1]: a Fruchterman-Reingold layout from a seeded start.

    Heavier edges pull harder; a pull to the centre keeps unlinked groups near.
    """
    n = len(actors)
    if n == 0:
        return {}
    if n == 1:
        return {actors[0]: (0.0, 0.0)}
    index = {a: i for i, a in enumerate(actors)}
    pull = np.zeros((n, n))
    top = float(edges["weight"].max()) or 1.0
    for a, b, w in zip(edges["actor_a"], edges["actor_b"], edges["weight"], strict=True):
        if a in index and b in index:
            pull[index[a], index[b]] = pull[index[b], index[a]] = max(float(w) / top, 0.05)
    angles = 2 * np.pi * np.arange(n) / n
    rng = np.random.default_rng(seed)
    pos = np.column_stack([np.cos(angles), np.sin(angles)]) + rng.normal(0, 0.01, (n, 2))
    k, step = 1.0 / np.sqrt(n), 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = k * k / dist - GRIP * pull * dist * dist / k  # repulsion minus attraction
        np.fill_diagonal(force, 0)
        move = (delta / dist[:, :, None] * force[:, :, None]).sum(axis=1) - GRAVITY * pos
        length = np.maximum(np.linalg.norm(move, axis=1), 1e-9)
        pos += move / length[:, None] * np.minimum(length, step)[:, None]
        step *= 0.985
    return _spread(pos - pos.mean(axis=0), index)


def _spread(pos: np.ndarray, index: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Positions scaled into [-1, 1], distances from the centre evened out by rank.

    A force layout packs a dense core and pushes loose actors far out; ranking the radii keeps
    each actor's direction and order from the centre but gives the core room for its names.
    """
    radius = np.linalg.norm(pos, axis=1)
    ranks = radius.argsort().argsort()
    even = (ranks + 1) / len(radius)
    scale = np.where(radius > 1e-9, even / np.maximum(radius, 1e-9), 0.0)
    pos = pos * scale[:, None]
    return {a: (float(pos[i, 0]), float(pos[i, 1])) for a, i in index.items()}


def _selection(
    edges: pd.DataFrame, nodes: pd.DataFrame, max_actors: int, max_edges: int, min_weight: float
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """(edges drawn, actors drawn, notes such as 'top 40 of 120 actors')."""
    ranked = nodes.sort_values(["count", ACTOR], ascending=[False, True])
    linked = set(edges["actor_a"]) | set(edges["actor_b"])
    candidates = [str(a) for a in ranked[ACTOR] if a in linked]
    top = set(candidates[:max_actors])
    kept = edges[
        edges["actor_a"].isin(top) & edges["actor_b"].isin(top) & (edges["weight"] >= min_weight)
    ]
    kept = kept.sort_values(
        ["weight", "count", "actor_a", "actor_b"], ascending=[False, False, True, True]
    )
    shown = kept.head(max_edges)
    ends = set(shown["actor_a"]) | set(shown["actor_b"])
    actors = [a for a in candidates if a in ends]
    extra = []
    if len(candidates) > max_actors:
        extra.append(
            f"top {min(max_actors, len(candidates))} of {plural(len(candidates), 'actor')}"
        )
    if len(kept) > len(shown):
        extra.append(f"heaviest {len(shown)} of {len(kept)} ties")
    if min_weight > 0:
        extra.append(f"weight at least {min_weight:g}")
    return shown, actors, extra


def _edge_lines(shown: pd.DataFrame, positions: dict[str, tuple[float, float]]) -> list[go.Scatter]:
    """The lines, one trace per tie and width (Plotly has one width per trace)."""
    widths = _scaled(shown["weight"], EDGE_PX, steps=6)
    traces, legend_done = [], set()
    groups: Any = shown.assign(_width=widths).groupby(["tie", "_width"], sort=True)
    for (tie, width), rows in groups:
        colour, dash, name = TIE_LOOK.get(str(tie), TIE_LOOK["agreement"])
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b in zip(rows["actor_a"], rows["actor_b"], strict=True):
            xs += [positions[a][0], positions[b][0], None]
            ys += [positions[a][1], positions[b][1], None]
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": colour, "dash": dash, "width": float(width)},
                opacity=0.75,
                hoverinfo="skip",
                name=name,
                legendgroup=str(tie),
                showlegend=tie not in legend_done,
            )
        )
        legend_done.add(tie)
    return traces


def _edge_midpoints(
    shown: pd.DataFrame, positions: dict[str, tuple[float, float]], names: dict[str, str]
) -> go.Scatter:
    """A faint marker in the middle of each edge: its hover text and its click target."""
    rows = shown.to_dict("records")
    return go.Scatter(
        x=[(positions[r["actor_a"]][0] + positions[r["actor_b"]][0]) / 2 for r in rows],
        y=[(positions[r["actor_a"]][1] + positions[r["actor_b"]][1]) / 2 for r in rows],
        mode="markers",
        customdata=[[r["actor_a"], r["actor_b"], r["network"]] for r in rows],
        hovertext=[edge_hover(r, names) for r in rows],
        hovertemplate="%{hovertext}<extra></extra>",
        marker={
            "size": 10,
            "color": [TIE_LOOK.get(str(r["tie"]), TIE_LOOK["agreement"])[0] for r in rows],
            "opacity": 0.25,
            "line": {"width": 0},
        },
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 0.25}},
        showlegend=False,
        name="Ties",
    )


def _node_trace(
    actors: Sequence[str],
    positions: dict[str, tuple[float, float]],
    names: dict[str, str],
    counts: dict[str, int],
    shown: pd.DataFrame,
    noun: str,
) -> go.Scatter:
    """The actors: a disc sized by their count, their name above it."""
    ties = pd.concat([shown["actor_a"], shown["actor_b"]]).value_counts()
    sizes = _scaled(pd.Series([counts.get(a, 0) for a in actors], dtype=float) ** 0.5, NODE_PX)
    return go.Scatter(
        x=[positions[a][0] for a in actors],
        y=[positions[a][1] for a in actors],
        mode="markers+text",
        text=[label(names.get(a, a)) for a in actors],
        textposition="top center",
        textfont={"size": 12, "color": TEXT_COLOUR},
        # a click selects one mark and Plotly fades the rest: keep the names readable
        unselected={"marker": {"opacity": 0.6}, "textfont": {"color": TEXT_COLOUR}},
        customdata=[[a] for a in actors],
        hovertext=[
            f"<b>{label(names.get(a, a))}</b>: {plural(int(counts.get(a, 0)), noun)},"
            f" {plural(int(ties.get(a, 0)), 'tie')} shown<br><i>click for the evidence</i>"
            for a in actors
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        marker={
            "size": [float(s) for s in sizes],
            "color": NODE_COLOUR,
            "line": {"color": "white", "width": 1.5},
        },
        showlegend=False,
        name="Actors",
    )


def edge_hover(edge: Mapping[Any, Any], names: Mapping[str, str]) -> str:
    """'<b>Germany and France</b> agree on 5 concepts: A, B, C' (and the weight if normalised)."""
    a, b = str(edge["actor_a"]), str(edge["actor_b"])
    pair = f"<b>{label(names.get(a, a))} and {label(names.get(b, b))}</b>"
    items = [str(i) for i in edge["item_labels"]]
    listed = ", ".join(label(i) for i in items[:HOVER_ITEMS])
    if len(items) > HOVER_ITEMS:
        listed += f" and {len(items) - HOVER_ITEMS} more"
    count = int(edge["count"])
    if edge["network"] == "relations":
        text = f"{pair}: {plural(count, 'act')} of {label(edge['tie'])} ({listed})"
    elif edge["tie"] == "conflict":
        text = f"{pair} take opposite sides on {plural(count, 'concept')}: {listed}"
    else:
        text = f"{pair} agree on {plural(count, 'concept')}: {listed}"
    weight = float(edge["weight"])
    if weight != count:
        text += f"<br>weight {weight:.2f}"
    return text + "<br><i>click for the evidence</i>"


def _scaled(values: pd.Series, bounds: tuple[float, float], steps: int = 0) -> list[float]:
    """Values mapped linearly onto [low, high] (the middle when all are equal), maybe stepped."""
    low, high = bounds
    vmin, vmax = float(values.min()), float(values.max())
    if vmax == vmin:
        return [(low + high) / 2] * len(values)
    share = (values.astype(float) - vmin) / (vmax - vmin)
    if steps:
        share = (share * (steps - 1)).round() / (steps - 1)
    return [round(low + float(s) * (high - low), 2) for s in share]


def _names(nodes: pd.DataFrame) -> dict[str, str]:
    return {
        str(a): str(n)
        for a, n in zip(nodes[ACTOR], nodes[ACTOR_NAME].fillna(nodes[ACTOR]), strict=True)
    }
