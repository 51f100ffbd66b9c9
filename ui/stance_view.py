"""Sections of the Country stances and Timeline pages: filters, clickable charts, evidence.

A statement is one row of document_stances: one actor's side (+1 for, -1 against) on one
concept in one article. Charts count statements; the evidence of a mark is the stance
sentences of the articles, actors and concept behind it. What a click picked is kept in
st.session_state (`<page>_pick`), so it survives reruns and tests can set it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.query import Filters, dated_statements, top_actors
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
from charts.timeline import Freq, net_stance_over_time, period_counts, statements_over_time
from ui.article_html import evidence_html
from ui.corrections_view import CORRECTION_CONFIG, corrections_in, pick_stance, stance_fix
from ui.export_view import chart_config, chart_downloads, map_shapes_problem
from ui.memo import shared
from ui.method import method_note, precision_note
from ui.progress import escape_markdown
from ui.state import group_label, use_option
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
FREQS: dict[Freq, str] = {"month": "Monthly", "week": "Weekly"}
EVIDENCE_LIMIT = 40
SENTENCE_KEY = ["article_id", "start_char", "end_char", "actor", "concept", "polarity"]
COUNTING_RULE = (
    "A statement is one actor's side on one concept in one article (+1 for, -1 against); the"
    " mean stance is the mean of those sides."
)


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
    concepts = _ranked(shown, "concept", "concept_label")
    if not concepts:
        return None
    if st.session_state.get(key) not in concepts:  # e.g. a link's concept the filters leave out
        st.session_state.pop(key, None)
    chosen = st.selectbox("Concept", list(concepts), format_func=concepts.__getitem__, key=key)
    use_option("focus", chosen)
    return chosen


def filters_subtitle(drawn: pd.DataFrame, filters: Filters) -> str:
    """What the chart draws, in a few words, for its title (plain text).

    `drawn` is the statements behind the chart's marks: concepts and sources are named from
    them (a concept chosen on the page counts as much as one chosen in the sidebar); actors
    from the filters' actors and groups; dates and confidence from the filters.
    """
    parts = [
        _few(filters.concepts, drawn, "concept", "concept_label", "concepts", "all concepts"),
        _few(filters.actors, drawn, "actor", "actor_name", "actors", "all actors"),
        _few(filters.sources, drawn, "source", "source", "sources", "all sources", most=1),
    ]
    if filters.groups:
        parts[1] = ", ".join(
            [*([parts[1]] if filters.actors else []), *map(group_label, filters.groups)]
        )
    if filters.kinds:
        parts.append(", ".join(k.replace("_", " ") for k in filters.kinds))
    if filters.dated:
        start = filters.start.isoformat() if filters.start else "start"
        end = filters.end.isoformat() if filters.end else "end"
        parts.append(f"{start} to {end}")
    if filters.min_confidence > 0:
        parts.append(f"confidence \u2265 {filters.min_confidence:g}")
    return " \u00b7 ".join(parts)


def _few(
    chosen: Sequence[str],
    drawn: pd.DataFrame,
    column: str,
    name: str,
    noun: str,
    every: str,
    *,
    most: int = 2,
) -> str:
    """The drawn values of `column` by name (up to `most`), else how many; `every` only when
    nothing was chosen and the chart draws none (an empty chart)."""
    if column not in drawn or name not in drawn:  # rows of another kind (relations)
        drawn = pd.DataFrame({column: [], name: []})
    names = dict(zip(drawn[column].astype(str), drawn[name].astype(str), strict=True))
    values = list(dict.fromkeys(names)) if len(drawn) else list(chosen)
    if not values:
        return every
    if len(values) > most:
        return f"{len(values)} {noun}"
    return ", ".join(str(names.get(c, c)) for c in values)


def source_line(shown: pd.DataFrame) -> str:
    """The attribution of every source in view, one per line (for the figure)."""
    return "\n".join(dict.fromkeys(str(a) for a in shown["attribution"].dropna()))


def statements_caption(shown: pd.DataFrame) -> str:
    """'123 statements in 45 articles, 2021-10-12 to 2024-01-09; sources: ...' (Markdown-safe)."""
    return plain_caption(shown, escape=escape_markdown)


def plain_caption(
    shown: pd.DataFrame,
    *,
    escape: Callable[[str], str] = str,
    noun: str = "statement",
    source: str = "source",
    rule: str = COUNTING_RULE,
) -> str:
    """The caption of the rows a chart draws (statements, or relations with `noun`): how many,
    in how many articles, their dates and their sources (names passed through `escape`)."""
    if shown.empty:
        return f"No {noun} matches these filters."
    dates = shown["date"].dropna()
    when = f"{dates.min()} to {dates.max()}" if len(dates) else "no dated article"
    undated = int(shown["date"].isna().sum())
    if undated:
        when += f" ({_n(undated, noun)} undated)"
    by_source = shown.groupby(source, observed=True).size().sort_values(ascending=False)
    sources = "; ".join(f"{escape(str(s))} ({n:,})" for s, n in by_source.items() if n)
    return (
        f"{_n(len(shown), noun)} in {_n(shown['article_id'].nunique(), 'article')}, {when}."
        f" Sources: {sources}. {rule}"
        f" {precision_note(shown) if noun == 'statement' else ''}"
    ).rstrip()


def export_caption(shown: pd.DataFrame, **kinds: str) -> str:
    """What an exported chart carries under it: counts, dates, sources, method and accuracy;
    `kinds` as plain_caption's (noun, source column, counting rule)."""
    return f"{plain_caption(shown, **kinds)} {method_note()}"


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
            mask |= (shown["concept"] == mark[0]) & (shown["polarity"] == mark[1])
        elif chart in PERIOD_CHARTS and len(mark) >= 3:
            mask |= (shown["actor"] == mark[0]) & shown["date"].between(str(mark[1]), str(mark[2]))
        elif len(mark) >= 2:
            one = (shown["actor"] == mark[0]) & (shown["concept"] == mark[1])
            if len(mark) >= 3 and mark[2] in (1, -1):
                one &= shown["polarity"] == mark[2]
            mask |= one
    return shown[mask]


def evidence_table(
    statements: pd.DataFrame, stances: StanceTables, quotes: pd.DataFrame
) -> pd.DataFrame:
    """The stance sentences of these statements with speaker and article fields, newest first.

    A sentence found by several cues for the same actor, concept and side is listed once.
    """
    keys = statements.drop(
        columns=["polarity", "score", "statements", "confidence"], errors="ignore"
    )
    rows = stances.stances.merge(keys, on=["article_id", "actor", "concept"], how="inner")
    rows = rows.drop_duplicates(SENTENCE_KEY)
    speakers = quotes[["quote_id", "speaker"]].dropna(subset=["quote_id"])
    rows = rows.merge(speakers.drop_duplicates("quote_id"), on="quote_id", how="left")
    return rows.sort_values(
        ["date", "article_id", "start_char"], ascending=[False, True, True], na_position="last",
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
    table = rows.assign(side=rows["polarity"].map({1: "for", -1: "against"}))
    st.dataframe(
        table[
            [
                "date",
                "actor_name",
                "concept_label",
                "side",
                "speaker",
                "evidence",
                "title",
                "source",
                *corrections_in(table),
            ]
        ],
        hide_index=True,
        column_config={
            "date": st.column_config.TextColumn("Date", width=95),
            "actor_name": st.column_config.TextColumn("Actor", width=130),
            "concept_label": st.column_config.TextColumn("Concept", width=180),
            "side": st.column_config.TextColumn("Side", width=70),
            "speaker": st.column_config.TextColumn("Speaker", width=140),
            "evidence": st.column_config.TextColumn("Evidence sentence", width=420),
            "title": st.column_config.TextColumn("Article", width=260),
            "source": st.column_config.TextColumn("Source", width=180),
            **CORRECTION_CONFIG,
        },
    )


def cells_table(
    shown: pd.DataFrame, *, concept: str | None = None, min_statements: int = 1
) -> None:
    """The numbers behind the stance charts: one row per actor and concept (or for `concept`)."""
    cells = stance_cells(shown if concept is None else shown[shown["concept"] == concept])
    cells = cells[cells["statements"] >= min_statements]
    st.dataframe(
        cells.drop(columns=["actor", "concept"]),
        hide_index=True,
        column_config={
            "actor_name": st.column_config.TextColumn("Actor"),
            "concept_label": st.column_config.TextColumn("Concept"),
            "statements": st.column_config.NumberColumn("Statements"),
            "agree": st.column_config.NumberColumn("For"),
            "disagree": st.column_config.NumberColumn("Against"),
            "mean_polarity": st.column_config.NumberColumn("Mean stance", format="%+.2f"),
        },
    )


# ---------------------------------------------------------------------------------- timeline


def freq_choice(*, key: str) -> Freq:
    """Weekly or monthly periods (kept in the URL as `freq`)."""
    freq = st.radio("Periods", list(FREQS), format_func=FREQS.__getitem__, key=key, horizontal=True)
    use_option("freq", freq)
    return freq  # type: ignore[return-value]


def timeline_statements(shown: pd.DataFrame, filters: Filters, n: int = 5) -> pd.DataFrame:
    """The statements the Timeline draws: of the chosen actors, else of the `n` most active
    (one line per actor: more would not be readable)."""
    if filters.actors or filters.groups:
        return shown
    top = top_actors(shown, n)
    st.caption(
        f"No actor chosen in the sidebar: showing the {_n(len(top), 'actor')} with most statements."
    )
    return shown[shown["actor"].isin(top)]


def timeline_charts(
    shown: pd.DataFrame,
    filters: Filters,
    freq: Freq,
    *,
    key: str,
    memo: tuple[Hashable, ...] | None = None,
) -> pd.DataFrame:
    """Statements per period and the net stance per period, both clickable (one shared pick),
    each with its downloads (the CSV: the counts per actor and period both are drawn from).
    Returns those counts (period_table shows them)."""
    figures, data, caption, undated, coarse = shared(
        memo and ("timeline_charts", freq, *memo),
        lambda: _timeline_figures(shown, filters, freq),
    )
    for chart, fig in zip((COUNTS, NET), figures, strict=True):
        name = f"stancemap-timeline-{chart}-{freq}"
        clickable_chart(fig, chart=chart, key=f"{key}_{chart}_chart", pick_key=f"{key}_pick",
                        name=name)  # fmt: skip
        chart_downloads(fig, data=data, name=name, caption=caption, key=f"{key}_{chart}_export")
    left_out = [f"{_n(undated, 'undated statement')} left out"] if undated else []
    if coarse:
        left_out.append(f"{_n(coarse, 'statement')} dated only to the month or year left out")
    st.caption(
        ("; ".join(left_out) + ". " if left_out else "Every statement is dated. ") + COUNTING_RULE
    )
    return data


def _timeline_figures(
    shown: pd.DataFrame, filters: Filters, freq: Freq
) -> tuple[tuple[go.Figure, go.Figure], pd.DataFrame, str, int, int]:
    """(counts and net figures, the counts they draw, export caption, undated, too coarse)."""
    dated, undated, coarse = dated_statements(shown, freq)
    options = {
        "freq": freq,
        "subtitle": filters_subtitle(dated, filters),
        "source_line": source_line(dated),
        "undated": undated + coarse,
    }
    counts = period_counts(dated, freq=freq)  # once for both charts and the CSV
    figures = (
        statements_over_time(dated, counts=counts, **options),
        net_stance_over_time(dated, counts=counts, **options),
    )
    return figures, counts, export_caption(dated), undated, coarse


def period_table(counts: pd.DataFrame) -> None:
    """The numbers behind the timeline (period_counts): one row per actor and period."""
    st.dataframe(
        counts.drop(columns=["actor"]),
        hide_index=True,
        column_config={
            "actor_name": st.column_config.TextColumn("Actor"),
            "period": st.column_config.TextColumn("From"),
            "period_end": st.column_config.TextColumn("To"),
            "statements": st.column_config.NumberColumn("Statements"),
            "agree": st.column_config.NumberColumn("For"),
            "disagree": st.column_config.NumberColumn("Against"),
            "mean_polarity": st.column_config.NumberColumn("Mean stance", format="%+.2f"),
        },
    )


def _n(count: int, noun: str) -> str:
    """'1 statement', '3 statements'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
