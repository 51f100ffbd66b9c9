"""Sections of the Network page: congruence, conflict and relation networks, and their evidence.

A click on an edge's midpoint keeps [actor_a, actor_b, network] under `network_pick`; a click
on a node keeps [actor]. The evidence listed is that edge's statements (or relations).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.network import (
    RELATIONS,
    edge_relations,
    edge_statements,
    relation_edges,
    relation_nodes,
    stance_edges,
    stance_nodes,
)
from analysis.query import ARTICLE_FIELDS, filter_statements
from analysis.query import RELATIONS as RELATIONS_COLUMNS
from analysis.schema import ACTOR, ARTICLE_ID, DATE, EVIDENCE, START_CHAR
from charts.network import actor_network, network_data
from charts.style import every_of, plural
from ui.article_html import evidence_html
from ui.article_links import article_links
from ui.chart_captions import export_caption, filters_subtitle, source_line
from ui.corrections_view import pick_stance, stance_fix
from ui.export_view import chart_downloads
from ui.memo import shared
from ui.scope import Scope, shared_key
from ui.stance_view import (
    EVIDENCE_LIMIT,
    clickable_chart,
    evidence_dataframe,
    evidence_table,
    picked_marks,
)
from ui.state import use_option
from ui.tables import as_records

KINDS = {
    "congruence": "Agreement (same side)",
    "conflict": "Conflict (opposite sides)",
    "relations": "Direct relations",
}
NORMS = {
    "average": "Average activity",
    "jaccard": "Jaccard",
    "cosine": "Cosine",
    "none": "None (counts)",
}
MAX_ACTORS = 40  # the most active actors are drawn (more is unreadable and slow)
RELATION_RULE = (
    "A relation is one actor acting on another in one sentence (praise, criticism, a meeting,"
    " sanctions)."
)


def network_choices(*, key: str) -> tuple[str, str]:
    """Which network and which normalisation (kept in the URL as `net` and `norm`)."""
    st.session_state.setdefault(f"{key}_kind", "congruence")
    st.session_state.setdefault(f"{key}_norm", "average")
    left, right = st.columns([2, 1])
    with left:
        kind = st.segmented_control(
            "Network", list(KINDS), format_func=KINDS.__getitem__, key=f"{key}_kind",
            required=True,
        )  # fmt: skip
    with right:
        norm = st.selectbox(
            "Edge weight", list(NORMS), format_func=NORMS.__getitem__, key=f"{key}_norm",
            help="How shared concepts are weighed: divided by the two actors' activity (the"
            " number of concepts each took a side on), as in discourse network analysis.",
            disabled=kind == RELATIONS,
        )  # fmt: skip
    use_option("net", str(kind))
    use_option("norm", str(norm) if kind != RELATIONS else None)
    return str(kind), str(norm)


def relations_in_view(scope: Scope) -> pd.DataFrame:
    """The actor -> actor relations of the articles in view, with their article's fields."""
    assert scope.analysis is not None
    relations = scope.analysis.relations
    if relations is None or relations.empty:
        return pd.DataFrame(columns=[ARTICLE_ID, "source", "target", "kind", "relation_class"])
    articles = scope.active.tables.articles
    fields = articles[[c for c in ARTICLE_FIELDS if c in articles]].rename(
        columns={"id": ARTICLE_ID, "source": "article_source", "kind": "article_kind"}
    )
    rows = relations.merge(fields, on=ARTICLE_ID, how="inner")
    return filter_statements(
        rows,
        scope.filters,
        allowed_actors=scope.allowed_actors,
        periods=scope.periods,
        columns=RELATIONS_COLUMNS,
    )


def network_chart(scope: Scope, kind: str, norm: str, *, key: str) -> None:
    """The network figure (clickable) with its PNG, SVG and CSV downloads."""
    fig, data, caption = shared(
        shared_key(scope, "network", kind, norm), lambda: _network_figure(scope, kind, norm)
    )
    name = f"stancemap-network-{kind}"
    clickable_chart(fig, chart=kind, key=f"{key}_{kind}_chart", pick_key=f"{key}_pick", name=name)
    chart_downloads(fig, data=data, name=name, caption=caption, key=f"{key}_{kind}_export")


def _network_figure(scope: Scope, kind: str, norm: str) -> tuple[go.Figure, pd.DataFrame, str]:
    """(the network figure, the edges it draws, its export caption)."""
    shown, filters = scope.shown, scope.filters
    assert shown is not None and scope.analysis is not None
    if kind == RELATIONS:
        relations = relations_in_view(scope)
        edges = relation_edges(relations)
        nodes = relation_nodes(relations, scope.analysis.actors)
        line = "\n".join(dict.fromkeys(str(a) for a in relations["attribution"].dropna()))
        noun, drawn = "relation", relations
    else:
        nodes = stance_nodes(shown)
        top = list(nodes[ACTOR].head(MAX_ACTORS))
        edges = stance_edges(
            shown, network=kind, normalisation=norm,  # type: ignore[arg-type]
            min_statements=filters.min_statements, actors=top,
        )  # fmt: skip
        drawn = shown[shown[ACTOR].isin(top)]
        line, noun = source_line(drawn), "statement"
    fig = actor_network(
        edges, nodes, subtitle=filters_subtitle(drawn, filters), source_line=line,
        kind=kind, max_actors=MAX_ACTORS, count_noun=noun,  # type: ignore[arg-type]
    )  # fmt: skip
    kinds = {"noun": "relation", "source": "article_source", "rule": RELATION_RULE}
    caption = export_caption(drawn, **kinds) if kind == RELATIONS else export_caption(drawn)
    return fig, network_data(edges, nodes, max_actors=MAX_ACTORS), caption


def network_evidence(scope: Scope, kind: str, *, pick_key: str) -> None:
    """The statements (or relations) behind the picked edge or node, or how to pick one."""
    _, marks = picked_marks(pick_key=pick_key, chart=kind)
    if not marks:
        st.caption("Click the dot in the middle of a line, or an actor, to read the evidence here.")
        return
    mark = marks[0]
    if kind == RELATIONS:
        _relation_evidence(scope, mark)
        return
    shown = scope.shown
    assert shown is not None and scope.stances is not None and scope.analysis is not None
    if len(mark) >= 3:
        behind = edge_statements(
            shown, str(mark[0]), str(mark[1]), kind, min_statements=scope.filters.min_statements
        )
    else:
        behind = shown[shown[ACTOR] == mark[0]]
    rows = evidence_table(behind, scope.stances, scope.analysis.quotes)
    if rows.empty:
        st.info("No evidence sentence behind this mark with these filters.", icon=":material/info:")
        return
    st.html(evidence_html(as_records(rows), limit=EVIDENCE_LIMIT))
    with st.expander(f"{every_of(len(rows), 'sentence')} as a table"):
        evidence_dataframe(rows)
    row = pick_stance(rows, key=f"{pick_key}_fix")
    if row is not None:
        stance_fix(row, scope.analysis, key=f"{pick_key}_fix")


def _relation_evidence(scope: Scope, mark: list[Any]) -> None:
    relations = relations_in_view(scope)
    if len(mark) >= 3:
        rows = edge_relations(relations, str(mark[0]), str(mark[1]))
    else:
        rows = relations[(relations["source"] == mark[0]) | (relations["target"] == mark[0])]
    if rows.empty:
        st.info("No relation behind this mark with these filters.", icon=":material/info:")
        return
    assert scope.analysis is not None
    names = scope.analysis.actors.set_index("code")["name"]
    table = rows.assign(
        source_name=rows["source"].map(names).fillna(rows["source"]),
        target_name=rows["target"].map(names).fillna(rows["target"]),
        open=article_links(rows[ARTICLE_ID], rows[START_CHAR]),
    ).sort_values([DATE, ARTICLE_ID, START_CHAR], ascending=[False, True, True])
    st.caption(f"{plural(len(table), 'relation')}; a link opens the article at that sentence.")
    st.dataframe(
        table[[DATE, "source_name", "kind", "target_name", "relation_class", EVIDENCE,
               "title", "open"]],
        hide_index=True,
        column_config={
            DATE: st.column_config.TextColumn("Date", width=95),
            "source_name": st.column_config.TextColumn("From", width=130),
            "kind": st.column_config.TextColumn("Act", width=90),
            "target_name": st.column_config.TextColumn("Toward", width=130),
            "relation_class": st.column_config.TextColumn("Tie", width=100),
            EVIDENCE: st.column_config.TextColumn("Evidence sentence", width=420),
            "title": st.column_config.TextColumn("Article", width=240),
            "open": st.column_config.LinkColumn("Open", display_text="Open article", width=110),
        },
    )  # fmt: skip
