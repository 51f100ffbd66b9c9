"""Sections of the Timeline page: the periods, the statements it draws, its two clickable
charts (statements and net stance per period) and the numbers behind them."""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.query import Filters, dated_statements, top_actors
from analysis.schema import ACTOR, ACTOR_NAME
from charts.style import plural
from charts.timeline import Freq, net_stance_over_time, period_counts, statements_over_time
from ui.chart_captions import COUNTING_RULE, export_caption, filters_subtitle, source_line
from ui.export_view import chart_downloads
from ui.memo import shared
from ui.stance_view import COUNTS, NET, clickable_chart
from ui.state import use_option

FREQS: dict[Freq, str] = {"month": "Monthly", "week": "Weekly"}


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
        f"No actor chosen in the sidebar: showing the {plural(len(top), 'actor')} with most"
        " statements."
    )
    return shown[shown[ACTOR].isin(top)]


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
    left_out = [f"{plural(undated, 'undated statement')} left out"] if undated else []
    if coarse:
        left_out.append(f"{plural(coarse, 'statement')} dated only to the month or year left out")
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
        counts.drop(columns=[ACTOR]),
        hide_index=True,
        column_config={
            ACTOR_NAME: st.column_config.TextColumn("Actor"),
            "period": st.column_config.TextColumn("From"),
            "period_end": st.column_config.TextColumn("To"),
            "statements": st.column_config.NumberColumn("Statements"),
            "agree": st.column_config.NumberColumn("For"),
            "disagree": st.column_config.NumberColumn("Against"),
            "mean_polarity": st.column_config.NumberColumn("Mean stance", format="%+.2f"),
        },
    )
