"""Sections of the Overview page: what the filters hold, what divides actors, what moved."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.query import Filters, divided_concepts, stance_shifts
from charts.overview import MAX_CONCEPTS, divided_bars
from charts.stances import drawn_statements, stance_cells
from charts.style import plural
from ui.export_view import chart_downloads
from ui.memo import shared
from ui.scope import Scope, shared_key
from ui.stance_view import DIVIDED, clickable_chart, export_caption, filters_subtitle, source_line
from ui.state import View, encode_view

SHOWN_ITEMS = 5
SHIFT_LEAST = 2  # statements in each half of the period for a shift to be listed


def headline(scope: Scope) -> None:
    """Statements, articles, actors and concepts in view."""
    shown = scope.shown if scope.shown is not None else pd.DataFrame()
    columns = st.columns(4)
    for column, (name, value) in zip(
        columns,
        [
            ("Statements", len(shown)),
            ("Articles", shown["article_id"].nunique() if len(shown) else 0),
            ("Actors", shown["actor"].nunique() if len(shown) else 0),
            ("Concepts", shown["concept"].nunique() if len(shown) else 0),
        ],
        strict=True,
    ):
        column.metric(name, f"{value:,}")


def with_labels(frame: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """`frame` with actor and concept display names (where it has their codes)."""
    out = frame.copy()
    if "concept" in out:
        out["concept_label"] = out["concept"].map(scope.concept_labels).fillna(out["concept"])
    if "actor" in out:
        out["actor_name"] = out["actor"].map(scope.actor_names).fillna(out["actor"])
    return out


def divided_section(scope: Scope, *, key: str) -> pd.DataFrame:
    """The chart of the most divided concepts (clickable) and links to each one's bars."""
    shown, filters = scope.shown, scope.filters
    assert shown is not None
    divided, fig, caption = shared(shared_key(scope, "divided"), lambda: _divided(scope))
    name = "stancemap-divided-concepts"
    clickable_chart(fig, chart=DIVIDED, key=f"{key}_chart", pick_key=f"{key}_pick", name=name)
    chart_downloads(
        fig, data=divided.head(MAX_CONCEPTS), name=name, caption=caption,
        key=f"{key}_export",
    )  # fmt: skip
    for row in divided.head(SHOWN_ITEMS).itertuples():
        st.page_link(
            "pages/stances.py",
            label=f"{row.concept_label}: {row.actors_for} for, {row.actors_against} against",
            icon=":material/bar_chart:",
            query_params=_link(filters, {"view": "bars", "focus": str(row.concept)}, scope),
        )
    return divided


def _divided(scope: Scope) -> tuple[pd.DataFrame, go.Figure, str]:
    """(the divided concepts with labels, their chart, its export caption)."""
    shown, filters = scope.shown, scope.filters
    assert shown is not None
    divided = divided_concepts(shown, min_statements=filters.min_statements)
    if divided.empty:  # no concept has both camps here: show each concept's camps instead
        divided = divided_concepts(shown, min_statements=filters.min_statements, one_camp=True)
    divided = with_labels(divided, scope)
    # The statements the bars count: the shown concepts' actors with enough statements.
    cells = stance_cells(shown)
    cells = cells[
        cells["concept"].isin(divided["concept"].head(MAX_CONCEPTS))
        & (cells["statements"] >= filters.min_statements)
    ]
    drawn = drawn_statements(shown, cells)
    fig = divided_bars(
        divided, subtitle=filters_subtitle(drawn, filters), source_line=source_line(drawn)
    )
    return divided, fig, export_caption(drawn)


def shifts_section(scope: Scope) -> None:
    """The actor-concept pairs whose mean stance moved most, each a link to its timeline."""
    shown, filters = scope.shown, scope.filters
    assert shown is not None
    # One statement on each side of the split is noise, not a shift: at least SHIFT_LEAST.
    least = max(filters.min_statements, SHIFT_LEAST)
    shifts = shared(
        shared_key(scope, "shifts"),
        lambda: with_labels(stance_shifts(shown, min_statements=least), scope),
    )
    if shifts.empty:
        st.caption(
            "No actor took a different mean stance on a concept in the two halves of the period."
        )
        return
    st.caption(
        f"Mean stance up to and after {shifts['split'].iloc[0]} (the median date of the"
        f" statements in view); actor-concept pairs with at least {plural(least, 'statement')}"
        " in each half."
    )
    for row in shifts.head(SHOWN_ITEMS).itertuples():
        moved = Filters(
            start=filters.start, end=filters.end, actors=(str(row.actor),),
            concepts=(str(row.concept),), sources=filters.sources, kinds=filters.kinds,
            min_confidence=filters.min_confidence,
        )  # fmt: skip
        st.page_link(
            "pages/timeline.py",
            label=(
                f"{row.actor_name} on {row.concept_label}: {row.before:+.2f} \u2192"
                f" {row.after:+.2f} ({row.n_before} + {plural(row.n_after, 'statement')})"
            ),
            icon=":material/timeline:",
            query_params=_link(moved, {}, scope),
        )


def _link(filters: Filters, options: dict[str, str], scope: Scope) -> dict[str, list[str]]:
    """The query parameters of a page showing `filters` with `options` (for st.page_link)."""
    return encode_view(View(filters, options, None, scope.data))
