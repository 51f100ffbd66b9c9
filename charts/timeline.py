"""Charts of statements over time: how many per week or month, and the net stance per actor.

Input is tidy: one row per statement (a row of document_stances) with the actor's display name
and the article's date (ISO text). Rows without a readable date are left out; callers count
them as undated. customdata of every mark: [actor, first day, last day] of its period.
Pure Plotly, no Streamlit.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from analysis.schema import ACTOR, ACTOR_NAME, DATE, POLARITY
from charts.style import (
    AGAINST_GLYPH,
    FOR_GLYPH,
    GRID_COLOUR,
    PALETTE,
    ZERO_LINE_COLOUR,
    base_layout,
    check_columns,
    click_targets,
    empty_figure,
    label,
    plural,
    source_line_annotation,
    titled,
)

Freq = Literal["week", "month"]
TIMELINE_COLUMNS = (ACTOR, ACTOR_NAME, DATE, POLARITY)
PERIOD_COLUMNS = (
    ACTOR,
    ACTOR_NAME,
    "period",
    "period_end",
    "statements",
    "agree",
    "disagree",
    "mean_polarity",
)
_PANDAS_FREQ = {"week": "W-SUN", "month": "M"}  # weeks run Monday to Sunday
_NOUN = {"week": "week", "month": "month"}
# Line dash and marker symbol per actor, so the lines differ in greyscale too.
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "pentagon")


def period_counts(df: pd.DataFrame, *, freq: Freq = "month") -> pd.DataFrame:
    """Statements -> one row per (actor, period): statements, agree, disagree, mean polarity.

    `period` and `period_end` are the first and last day of the week (Monday to Sunday) or
    month, as ISO text. Rows whose date cannot be read are left out.
    """
    check_columns(df, TIMELINE_COLUMNS, "period_counts")
    _check_freq(freq)
    dates = pd.to_datetime(df[DATE], errors="coerce", format="%Y-%m-%d")
    dated = df.loc[dates.notna()]
    if dated.empty:
        return pd.DataFrame({c: [] for c in PERIOD_COLUMNS})
    periods = dates[dates.notna()].dt.to_period(_PANDAS_FREQ[freq])
    polarity = pd.to_numeric(dated[POLARITY])
    frame = pd.DataFrame(
        {
            ACTOR: dated[ACTOR],
            ACTOR_NAME: dated[ACTOR_NAME].fillna(dated[ACTOR]),
            "period": periods.dt.start_time.dt.strftime("%Y-%m-%d"),
            "period_end": periods.dt.end_time.dt.strftime("%Y-%m-%d"),
            POLARITY: polarity,
            "agree": (polarity > 0).astype(int),
            "disagree": (polarity < 0).astype(int),
        }
    )
    counts = frame.groupby([ACTOR, "period"], as_index=False).agg(
        actor_name=(ACTOR_NAME, "first"),
        period_end=("period_end", "first"),
        statements=(POLARITY, "size"),
        agree=("agree", "sum"),
        disagree=("disagree", "sum"),
        mean_polarity=(POLARITY, "mean"),
    )
    return counts.sort_values([ACTOR, "period"], ignore_index=True)[list(PERIOD_COLUMNS)]


def statements_over_time(
    df: pd.DataFrame,
    *,
    freq: Freq = "month",
    title: str | None = None,
    subtitle: str = "",
    source_line: str = "",
    undated: int = 0,
    counts: pd.DataFrame | None = None,
) -> go.Figure:
    """Stacked bars: statements per week or month, one trace per actor (most statements first).
    `counts`: period_counts(df, freq=freq) when the caller has it already.

    customdata of every bar: [actor, first day, last day] of its period.
    """
    check_columns(df, TIMELINE_COLUMNS, "statements_over_time")
    counts = period_counts(df, freq=freq) if counts is None else counts
    heading = title if title is not None else f"Statements per {_NOUN[freq]}"
    full_title = titled(label(heading), _counted(subtitle, counts, undated))
    if counts.empty:
        return empty_figure(title=full_title, source_line=source_line)
    fig = go.Figure()
    stacked: dict[str, int] = {}  # statements already stacked in each period
    targets = []
    for i, (actor, rows) in enumerate(_series(counts)):
        targets.append(_stack_targets(actor, rows, stacked, freq))
        fig.add_trace(
            go.Bar(
                name=label(rows[ACTOR_NAME].iloc[0]),
                x=list(rows["period"]),
                y=[int(n) for n in rows["statements"]],
                width=_bar_ms(freq),
                offset=0,  # the bar covers its period, from its first day
                customdata=_ids(actor, rows),
                hovertext=_hovers(rows, freq, mean=False),
                hovertemplate="%{hovertext}<extra></extra>",
                # A white edge parts the stacked segments, also in greyscale.
                marker={
                    "color": PALETTE[i % len(PALETTE)],
                    "line": {"color": "white", "width": 0.5},
                },
                unselected={"marker": {"opacity": 1}},  # the clicked bar's ring says which
            )
        )
    fig.add_traces(targets)  # after the bars: on top of them, for clicks
    _time_layout(fig, full_title, source_line, freq)
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(title_text="Statements", rangemode="tozero", gridcolor=GRID_COLOUR)
    if int(counts.groupby("period")["statements"].sum().max()) <= 10:
        fig.update_yaxes(dtick=1)  # small counts: whole-number ticks only
    return fig


def net_stance_over_time(
    df: pd.DataFrame,
    *,
    freq: Freq = "month",
    title: str | None = None,
    subtitle: str = "",
    source_line: str = "",
    undated: int = 0,
    counts: pd.DataFrame | None = None,
) -> go.Figure:
    """Lines of the mean polarity per week or month, one trace per actor (-1 against, +1 for).

    A period without statements is a gap, not a zero. Bigger markers stand for more
    statements. `counts`: period_counts(df, freq=freq) when the caller has it already.
    customdata of every point: [actor, first day, last day] of its period.
    """
    check_columns(df, TIMELINE_COLUMNS, "net_stance_over_time")
    counts = period_counts(df, freq=freq) if counts is None else counts
    heading = title if title is not None else f"Net stance per {_NOUN[freq]}"
    full_title = titled(label(heading), _counted(subtitle, counts, undated))
    if counts.empty:
        return empty_figure(title=full_title, source_line=source_line)
    fig = go.Figure(
        [_net_line(i, actor, rows, freq) for i, (actor, rows) in enumerate(_series(counts))]
    )
    _time_layout(fig, full_title, source_line, freq)
    fig.update_yaxes(
        title_text="Mean stance",
        range=[-1.15, 1.15],
        tickvals=[-1, -0.5, 0, 0.5, 1],
        ticktext=[f"-1 against {AGAINST_GLYPH}", "-0.5", "0", "+0.5", f"+1 for {FOR_GLYPH}"],
        automargin=True,
        zeroline=True,
        zerolinecolor=ZERO_LINE_COLOUR,
        gridcolor=GRID_COLOUR,
    )
    return fig


def _net_line(i: int, actor: str, rows: pd.DataFrame, freq: Freq) -> go.Scatter:
    """One actor's line of mean polarity: a gap for each period without statements."""
    full = _with_gaps(rows, freq)
    present = full["statements"].notna().tolist()
    means = [float(m) if ok else None for m, ok in zip(full["mean_polarity"], present, strict=True)]
    sizes = [_marker_px(n) if ok else 0 for n, ok in zip(full["statements"], present, strict=True)]
    return go.Scatter(
        name=label(rows[ACTOR_NAME].iloc[0]),
        mode="lines+markers",
        x=list(full["period"]),
        y=means,
        connectgaps=False,
        customdata=_ids(actor, full),
        hovertext=_hovers(full, freq, mean=True),
        hovertemplate="%{hovertext}<extra></extra>",
        line={"color": PALETTE[i % len(PALETTE)], "dash": DASHES[i % len(DASHES)]},
        marker={
            "symbol": SYMBOLS[i % len(SYMBOLS)],
            "size": sizes,
            "line": {"color": "white", "width": 1},
        },
    )


def _series(counts: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(actor, its rows by period), actors with most statements first."""
    totals = counts.groupby(ACTOR)["statements"].sum()
    actors = sorted(map(str, totals.index), key=lambda a: (-int(totals[a]), a))
    return [(a, counts[counts[ACTOR] == a].sort_values("period")) for a in actors]


def _with_gaps(rows: pd.DataFrame, freq: Freq) -> pd.DataFrame:
    """The actor's rows with an empty row for every period between two that have statements."""
    periods = pd.PeriodIndex(pd.to_datetime(rows["period"]), freq=_PANDAS_FREQ[freq])
    every = pd.period_range(periods.min(), periods.max(), freq=_PANDAS_FREQ[freq])
    full = rows.set_index(periods).reindex(every)
    full["period"] = every.start_time.strftime("%Y-%m-%d")
    full["period_end"] = every.end_time.strftime("%Y-%m-%d")
    full[ACTOR] = rows[ACTOR].iloc[0]
    full[ACTOR_NAME] = rows[ACTOR_NAME].iloc[0]
    return full.reset_index(drop=True)


def _time_layout(fig: go.Figure, title: str, source_line: str, freq: Freq) -> None:
    fig.update_layout(
        **base_layout(title, source_line=source_line, plot_px=380),
        legend={"title": {"text": "Actor"}, "orientation": "v"},
    )
    fig.update_xaxes(
        type="date",
        title_text="Week (Monday to Sunday)" if freq == "week" else "Month",
        showgrid=False,
    )
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line))


def _stack_targets(
    actor: str, rows: pd.DataFrame, stacked: dict[str, int], freq: Freq
) -> go.Scatter:
    """Click targets in the middle of an actor's stacked bar segments (a segment of one
    statement is a few px tall); `stacked` (period -> height so far) is updated."""
    xs, ys = [], []
    for period, n in zip(rows["period"], rows["statements"], strict=True):
        base = stacked.get(str(period), 0)
        xs.append(pd.Timestamp(str(period)) + pd.Timedelta(milliseconds=_bar_ms(freq) / 2))
        ys.append(base + int(n) / 2)
        stacked[str(period)] = base + int(n)
    name = f"{label(rows['actor_name'].iloc[0])} (click)"
    return click_targets(xs, ys, _ids(actor, rows), _hovers(rows, freq, mean=False), name=name)


def _ids(actor: str, rows: pd.DataFrame) -> list[list[str]]:
    return [[actor, p, e] for p, e in zip(rows["period"], rows["period_end"], strict=True)]


def _hovers(rows: pd.DataFrame, freq: Freq, *, mean: bool) -> list[str]:
    """'<b>Russia</b>, week of 2022-02-14: 3 statements, mean +0.33' and the for/against counts.

    An empty text for a gap (a period without statements).
    """
    texts = []
    for r in rows.to_dict("records"):
        if pd.isna(r["statements"]):
            texts.append("")
            continue
        when = f"week of {r['period']}" if freq == "week" else str(r["period"])[:7]
        text = (
            f"<b>{label(r['actor_name'])}</b>, {when}: {plural(int(r['statements']), 'statement')}"
        )
        if mean:
            text += f", mean {float(r['mean_polarity']):+.2f}"
        texts.append(
            f"{text}<br>{int(r['agree']):,} for {FOR_GLYPH} \u00b7 {int(r['disagree']):,} against"
            f" {AGAINST_GLYPH}<br><i>click for the evidence</i>"
        )
    return texts


def _counted(subtitle: str, counts: pd.DataFrame, undated: int) -> str:
    parts = [label(subtitle)] if subtitle else []
    parts.append(plural(int(counts["statements"].sum()) if len(counts) else 0, "dated statement"))
    if undated:
        parts.append(f"{undated:,} undated not shown")
    return " \u00b7 ".join(parts)


def _marker_px(statements: float) -> float:
    """Marker diameter growing with the number of statements (area ~ count), capped."""
    return float(min(5 + 2 * (float(statements) ** 0.5), 14))


def _bar_ms(freq: Freq) -> float:
    """Bar width on a date axis, in milliseconds: most of a week or of a month."""
    day = 86_400_000
    return 6 * day if freq == "week" else 27 * day


def _check_freq(freq: str) -> None:
    if freq not in _PANDAS_FREQ:
        raise ValueError(f"freq must be one of {sorted(_PANDAS_FREQ)}; got {freq!r}")
