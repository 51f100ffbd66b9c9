"""Charts of what a corpus holds: records per source and year. Pure Plotly, no Streamlit."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from analysis.schema import DATE
from charts.style import (
    GRID_COLOUR,
    PALETTE,
    base_layout,
    check_columns,
    empty_figure,
    label,
    source_line_annotation,
    titled,
)

SOURCE_YEAR_COLUMNS = ("source", "year", "records")
NO_SOURCE = "(no source)"
HOVER = "<b>%{fullData.name}</b><br>Year: %{x}<br>Records: %{y:,}<extra></extra>"


def count_by_source_year(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles (columns source, date as ISO text or None) -> tidy counts: source, year, records.

    Rows without a readable year are left out; callers report them as undated.
    """
    check_columns(articles, ("source", DATE), "count_by_source_year")
    years = pd.to_numeric(articles[DATE].astype("string").str.slice(0, 4), errors="coerce")
    sources = articles["source"].fillna(NO_SOURCE)
    dated = pd.DataFrame({"source": sources, "year": years}).dropna(subset=["year"])
    counts = dated.groupby(["source", "year"], as_index=False).size()
    counts = counts.rename(columns={"size": "records"})
    counts["year"] = counts["year"].astype(int)
    counts["records"] = counts["records"].astype(int)
    return counts.sort_values(["source", "year"], ignore_index=True)[list(SOURCE_YEAR_COLUMNS)]


def records_by_source_year(
    df: pd.DataFrame,
    *,
    title: str = "Records per source and year",
    source_line: str = "",
    undated: int = 0,
) -> go.Figure:
    """Stacked bars of records per year, one trace per source.

    customdata of every bar: [source, year, records].
    """
    check_columns(df, SOURCE_YEAR_COLUMNS, "records_by_source_year")
    total = int(df["records"].sum()) if len(df) else 0
    full_title = _title(title, total, undated)
    if total == 0:
        return empty_figure(title=full_title, source_line=source_line)

    years = sorted(int(y) for y in df["year"].unique())
    fig = go.Figure()
    for i, source in enumerate(_sources_by_size(df)):
        rows = df[df["source"] == source].sort_values("year")
        fig.add_trace(
            go.Bar(
                name=label(source),
                x=[int(y) for y in rows["year"]],
                y=[int(n) for n in rows["records"]],
                customdata=[
                    [source, int(y), int(n)]
                    for y, n in zip(rows["year"], rows["records"], strict=True)
                ],
                # A white edge parts the stacked segments, also in greyscale.
                marker={
                    "color": PALETTE[i % len(PALETTE)],
                    "line": {"color": "white", "width": 0.5},
                },
                hovertemplate=HOVER,
            )
        )
    fig.update_layout(
        **base_layout(full_title, source_line=source_line),
        barmode="stack",
        legend_title_text="Source",
    )
    # Years as categories: a corpus with one old record and many recent ones stays readable;
    # the labels show any gap between years.
    fig.update_xaxes(
        title_text="Year",
        type="category",
        categoryorder="array",
        categoryarray=years,
        tickvals=years,
    )
    fig.update_yaxes(
        title_text="Records (accepted articles)", separatethousands=True, gridcolor=GRID_COLOUR
    )
    if df.groupby("year")["records"].sum().max() <= 10:  # small counts: whole-number ticks only
        fig.update_yaxes(dtick=1)
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line))
    return fig


def _title(title: str, total: int, undated: int) -> str:
    """The title with the number of records shown (and not shown) on a second, smaller line."""
    counted = f"{total:,} dated records"
    if undated:
        counted += f"; {undated:,} undated not shown"
    return titled(label(title), counted)


def _sources_by_size(df: pd.DataFrame) -> Sequence[str]:
    """Sources, largest first, so the biggest stack segment sits at the bottom."""
    totals = df.groupby("source")["records"].sum()
    return sorted(totals.index, key=lambda s: (-int(totals[s]), str(s)))
