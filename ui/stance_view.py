"""Sections of the Country stances page, and the clickable charts and evidence other pages share.

A statement is one row of document_stances: one actor's side (+1 for, -1 against) on one
concept in one article. Charts count statements; the evidence of a mark is the stance
sentences of the articles, actors and concept behind it. What a click picked is kept in
st.session_state (`<page>_pick`), so it survives reruns and tests can set it.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.query import Filters
from analysis.schema import (
    ACTOR,
    ACTOR_NAME,
    ARTICLE_ID,
    CONCEPT,
    CONCEPT_LABEL,
    CONFIDENCE,
    DATE,
    END_CHAR,
    EVIDENCE,
    POLARITY,
    QUOTE_ID,
    SPEAKER,
    START_CHAR,
)
from charts.stances import (
    bars_cells,
    drawn_statements,
    map_cells,
    matrix_cells,
    stance_bars,
    stance_cells,
    stance_map,
    stance_matrix,
)
from charts.style import every_of, with_selection
from ui.article_html import evidence_html
from ui.chart_captions import export_caption, filters_subtitle, source_line
from ui.chart_captions import statements_caption as statements_caption  # pages/overview.py
from ui.corrections_view import CORRECTION_CONFIG, corrections_in, pick_stance, stance_fix
from ui.export_view import chart_config, chart_downloads, map_shapes_problem
from ui.memo import shared
from ui.state import use_option
from ui.tables import AnalysisTables, StanceTables, as_records

MATRIX, BARS, MAP = "matrix", "bars", "map"
VIEWS = {
    MATRIX: "Matrix: actors and concepts",
    BARS: "Bars: for and against one concept",
    MAP: "Map: one concept, by country",
}
COUNTS, NET = "counts", "net"
PERIOD_CHARTS = (
    COUNTS,
    NET,
)  # their marks are [actor, first day, last day]; others [actor, concept]
DIVIDED = "divided"  # the Overview's camps: marks are [concept, polarity]
EVIDENCE_LIMIT = 40
SENTENCE_KEY = [ARTICLE_ID, START_CHAR, END_CHAR, ACTOR, CONCEPT, POLARITY]


def _ranked(statements: pd.DataFrame, column: str, name: str, *, code: bool = False) -> dict:
    """Values of `column` with statements, most first, as {value: 'Name (CODE) - 12'}."""
    counts = statements.groupby([column, name], observed=True).size()
    counts = counts[counts > 0].sort_values(ascending=False)
    return {
        str(value): f"{label} ({value})  \u00b7  {n:,}" if code else f"{label}  \u00b7  {n:,}"
        for (value, label), n in counts.items()
    }


def view_choice(*, key: str) -> str:
    """Which stance chart to show (kept in the URL as `view`)."""
    view = str(
        st.radio("Chart", list(VIEWS), format_func=VIEWS.__getitem__, key=key, horizontal=True)
    )
    use_option("view", view)
    return view


def concept_choice(shown: pd.DataFrame, *, key: str) -> str | None:
    """One concept (most statements first) for the bars and the map; None when there is none."""
    concepts = _ranked(shown, CONCEPT, CONCEPT_LABEL)
    if not concepts:
        return None
    if st.session_state.get(key) not in concepts:  # e.g. a link's concept the filters leave out
        st.session_state.pop(key, None)
    chosen = st.selectbox("Concept", list(concepts), format_func=concepts.__getitem__, key=key)
    use_option("focus", chosen)
    return chosen


def stance_chart(
    view: str,
    shown: pd.DataFrame,
    filters: Filters,
    concept: str | None,
    *,
    key: str,
    memo: tuple[Hashable, ...] | None = None,
) -> pd.DataFrame:
    """The chosen stance chart, clickable (a click is remembered under `<key>_pick`), with its
    PNG, SVG and CSV downloads. `memo` (ui.scope.shared_key) shares the figure across sessions.
    Returns the statements the chart draws (for the page's caption).
    """
    fig, data, caption, drawn = shared(
        memo and ("stance_chart", view, concept, *memo),
        lambda: stance_figure(view, shown, filters, concept),
    )
    name = f"stancemap-{view}" + (f"-{concept}" if concept and view != MATRIX else "")
    if view == MAP and (problem := map_shapes_problem()) is not None:
        st.warning(problem, icon=":material/map:")
        return drawn
    clickable_chart(fig, chart=view, key=f"{key}_{view}_chart", pick_key=f"{key}_pick", name=name)
    chart_downloads(fig, data=data, name=name, caption=caption, key=f"{key}_{view}_export")
    if view == MAP:
        st.caption("Organisations (EU, NATO, UN ...) have no place on the map: the bars show them.")
    return drawn


def stance_figure(
    view: str, shown: pd.DataFrame, filters: Filters, concept: str | None
) -> tuple[go.Figure, pd.DataFrame, str, pd.DataFrame]:
    """(figure, the cells it plots, the export caption, the statements behind those cells).

    The title's subtitle, the source line and the caption are made from the statements the
    chart draws, never from everything the filters let through.
    """
    least = filters.min_statements
    if view == MATRIX:
        data = matrix_cells(shown, concepts=filters.concepts, min_statements=least)
    elif view == BARS:
        data = bars_cells(shown, concept=concept or "", min_statements=least)
    else:
        data = map_cells(shown, concept=concept or "", min_statements=least)
    drawn = drawn_statements(shown, data)
    options = {"subtitle": filters_subtitle(drawn, filters), "source_line": source_line(drawn)}
    if view == MATRIX:
        fig = stance_matrix(shown, concepts=filters.concepts, min_statements=least, **options)
    elif view == BARS:
        fig = stance_bars(shown, concept=concept or "", min_statements=least, **options)
    else:
        fig = stance_map(shown, concept=concept or "", min_statements=least, **options)
    return fig, data, export_caption(drawn), drawn


def clickable_chart(
    fig: go.Figure, *, chart: str, key: str, pick_key: str, name: str = "stancemap"
) -> None:
    """st.plotly_chart with point selection; the picked marks' ids go to st.session_state.

    The modebar's camera saves a 1600x900 PNG named `name`. Marks already picked (by a click
    or a shared link) are drawn selected.
    """
    _, marks = picked_marks(pick_key=pick_key, chart=chart)
    fig = with_selection(fig, marks)
    ids = tuple(_trace_ids(trace) for trace in fig.data)
    st.plotly_chart(
        fig,
        key=key,
        on_select=partial(_remember_pick, key, pick_key, chart, ids),
        selection_mode="points",
        theme=None,  # the figure looks in the app as it does when exported for a slide
        config=chart_config(name),
    )


def _trace_ids(trace: Any) -> list[Any]:
    return list(trace.customdata) if trace.customdata is not None else []


def _remember_pick(chart_key: str, pick_key: str, chart: str, ids: tuple[list[Any], ...]) -> None:
    """on_select: keep the ids of the selected marks (or forget them when none is selected)."""
    state = st.session_state.get(chart_key)
    points = state["selection"]["points"] if state else []
    marks = [mark for mark in (_mark(p, ids) for p in points) if mark]
    st.session_state[pick_key] = {"chart": chart, "marks": marks} if marks else None


def _mark(point: dict[str, Any], ids: tuple[list[Any], ...]) -> list[Any] | None:
    """A selected point's customdata; looked up in the figure when the event lacks it."""
    custom = point.get("customdata")
    if custom:
        return [custom] if isinstance(custom, str) else list(custom)
    curve, index = point.get("curve_number"), point.get("point_index")
    if isinstance(curve, int) and isinstance(index, int) and 0 <= curve < len(ids):
        trace_ids = ids[curve]
        return list(trace_ids[index]) if 0 <= index < len(trace_ids) else None
    return None


def picked_marks(*, pick_key: str, chart: str | None = None) -> tuple[str, list[list[Any]]]:
    """(chart, marks) picked on the page; only on `chart` when given (not on another view)."""
    pick = st.session_state.get(pick_key)
    if not pick or (chart is not None and pick.get("chart") != chart):
        return "", []
    return str(pick.get("chart", "")), [list(m) for m in pick.get("marks", [])]


def statements_of_marks(
    shown: pd.DataFrame, marks: Sequence[Sequence[Any]], chart: str
) -> pd.DataFrame:
    """The statements behind the picked marks: [actor, concept(, polarity)], [actor, from, to]
    or, on the Overview's chart, [concept, polarity]."""
    mask = pd.Series(False, index=shown.index)
    for mark in marks:
        if chart == DIVIDED and len(mark) >= 2:
            mask |= (shown[CONCEPT] == mark[0]) & (shown[POLARITY] == mark[1])
        elif chart in PERIOD_CHARTS and len(mark) >= 3:
            mask |= (shown[ACTOR] == mark[0]) & shown[DATE].between(str(mark[1]), str(mark[2]))
        elif len(mark) >= 2:
            one = (shown[ACTOR] == mark[0]) & (shown[CONCEPT] == mark[1])
            if len(mark) >= 3 and mark[2] in (1, -1):
                one &= shown[POLARITY] == mark[2]
            mask |= one
    return shown[mask]


def evidence_table(
    statements: pd.DataFrame, stances: StanceTables, quotes: pd.DataFrame
) -> pd.DataFrame:
    """The stance sentences of these statements with speaker and article fields, newest first.

    A sentence found by several cues for the same actor, concept and side is listed once.
    """
    keys = statements.drop(columns=[POLARITY, "score", "statements", CONFIDENCE], errors="ignore")
    rows = stances.stances.merge(keys, on=[ARTICLE_ID, ACTOR, CONCEPT], how="inner")
    rows = rows.drop_duplicates(SENTENCE_KEY)
    speakers = quotes[[QUOTE_ID, SPEAKER]].dropna(subset=[QUOTE_ID])
    rows = rows.merge(speakers.drop_duplicates(QUOTE_ID), on=QUOTE_ID, how="left")
    return rows.sort_values(
        [DATE, ARTICLE_ID, START_CHAR], ascending=[False, True, True], na_position="last",
        ignore_index=True,
    )  # fmt: skip


def evidence_section(
    shown: pd.DataFrame,
    stances: StanceTables,
    analysis: AnalysisTables,
    *,
    pick_key: str,
    chart: str | None = None,
) -> None:
    """The evidence sentences of the marks picked (on `chart`, when given), or how to pick some."""
    chart, marks = picked_marks(pick_key=pick_key, chart=chart)
    if not marks:
        st.caption("Click a mark of the chart to list the sentences behind it here.")
        return
    behind = statements_of_marks(shown, marks, chart)
    rows = evidence_table(behind, stances, analysis.quotes)
    if rows.empty:
        st.info("No evidence sentence behind this mark with these filters.", icon=":material/info:")
        return
    st.html(evidence_html(as_records(rows), limit=EVIDENCE_LIMIT))
    st.caption("Double-click the chart to clear the selection. Article links open in a new tab.")
    with st.expander(f"{every_of(len(rows), 'sentence')} as a table"):
        evidence_dataframe(rows)
    row = pick_stance(rows, key=f"{pick_key}_fix")
    if row is not None:
        stance_fix(row, analysis, key=f"{pick_key}_fix")


def evidence_dataframe(rows: pd.DataFrame) -> None:
    """The evidence as plain table cells (for sorting and copying)."""
    table = rows.assign(side=rows[POLARITY].map({1: "for", -1: "against"}))
    st.dataframe(
        table[
            [
                DATE,
                ACTOR_NAME,
                CONCEPT_LABEL,
                "side",
                SPEAKER,
                EVIDENCE,
                "title",
                "source",
                *corrections_in(table),
            ]
        ],
        hide_index=True,
        column_config={
            DATE: st.column_config.TextColumn("Date", width=95),
            ACTOR_NAME: st.column_config.TextColumn("Actor", width=130),
            CONCEPT_LABEL: st.column_config.TextColumn("Concept", width=180),
            "side": st.column_config.TextColumn("Side", width=70),
            SPEAKER: st.column_config.TextColumn("Speaker", width=140),
            EVIDENCE: st.column_config.TextColumn("Evidence sentence", width=420),
            "title": st.column_config.TextColumn("Article", width=260),
            "source": st.column_config.TextColumn("Source", width=180),
            **CORRECTION_CONFIG,
        },
    )


def cells_table(
    shown: pd.DataFrame, *, concept: str | None = None, min_statements: int = 1
) -> None:
    """The numbers behind the stance charts: one row per actor and concept (or for `concept`)."""
    cells = stance_cells(shown if concept is None else shown[shown[CONCEPT] == concept])
    cells = cells[cells["statements"] >= min_statements]
    st.dataframe(
        cells.drop(columns=[ACTOR, CONCEPT]),
        hide_index=True,
        column_config={
            ACTOR_NAME: st.column_config.TextColumn("Actor"),
            CONCEPT_LABEL: st.column_config.TextColumn("Concept"),
            "statements": st.column_config.NumberColumn("Statements"),
            "agree": st.column_config.NumberColumn("For"),
            "disagree": st.column_config.NumberColumn("Against"),
            "mean_polarity": st.column_config.NumberColumn("Mean stance", format="%+.2f"),
        },
    )
