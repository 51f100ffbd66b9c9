"""Sections of the Corpus page: accounting, chart, attributions and the record tables."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analysis.schema import ARTICLE_ID, DATE
from charts.corpus import count_by_source_year, records_by_source_year
from charts.export import modebar_config
from ui.article_links import article_link
from ui.export_view import chart_downloads
from ui.loaders import UPLOAD, ActiveCorpus
from ui.progress import escape_markdown
from ui.tables import CorpusTables

ARTICLE_TABLE_COLUMNS = ["id", DATE, "source", "title", "notes"]
PROBLEM_LINES = 5
UNREADABLE_COLUMNS = ["file", "line", "value", "reason"]
PROBLEM_LABELS = {
    "file": "File",
    "line": "Line",
    "field": "Field",
    "reason": "Reason",
    ARTICLE_ID: "Article id",
    "duplicate_of": "Duplicate of",
    "fatal": "Nothing read",
    "value": "Value",
}
SOURCES_HELP = "Distinct source names. One pack of the default corpus can hold several sources."


def headline_metrics(summary: dict[str, Any]) -> None:
    """Two rows of metric cards: the accounting of the load, then sources and dates."""
    top = st.columns(4)
    top[0].metric("Articles accepted", f"{summary['accepted']:,}", border=True)
    top[1].metric("Records read", f"{summary['records_in']:,}", border=True)
    top[2].metric("Rejected", f"{len(summary['rejected']):,}", border=True)
    top[3].metric("Duplicates", f"{summary['duplicates']:,}", border=True)
    bottom = st.columns(4)
    bottom[0].metric("Sources", f"{len(summary['sources']):,}", border=True, help=SOURCES_HELP)
    bottom[1].metric("Earliest date", summary["date_min"] or "-", border=True)
    bottom[2].metric("Latest date", summary["date_max"] or "-", border=True)
    bottom[3].metric("Undated", f"{summary['undated']:,}", border=True)


def accounting_line(summary: dict[str, Any]) -> str:
    """'7,175 records read = 7,170 accepted + 3 rejected + 2 duplicates.' (plain text)."""
    return (
        f"{_n(summary['records_in'], 'record')} read = {summary['accepted']:,} accepted"
        f" + {len(summary['rejected']):,} rejected + {_n(summary['duplicates'], 'duplicate')}."
    )


def upload_notice(active: ActiveCorpus) -> None:
    """For an upload: a warning counting what was left out, first reasons; or a success."""
    if active.kind != UPLOAD:
        return
    summary = active.tables.summary
    left_out = problem_lines(summary, limit=PROBLEM_LINES)
    if not left_out and summary["accepted"]:
        st.success(
            f"Your upload: all {_n(summary['accepted'], 'record')} accepted.",
            icon=":material/check:",
        )
    else:
        _left_out_warning(summary, left_out)
    analysis_notice(active.tables)


def analysis_notice(tables: CorpusTables) -> None:
    """Whether an upload was analysed: by which pipeline, or why not."""
    if tables.analysis is None:
        if tables.summary["accepted"] and tables.not_analysed:
            st.warning(tables.not_analysed, icon=":material/block:")
        return
    if tables.analysis.warning:
        st.warning(tables.analysis.warning, icon=":material/warning:")
    st.caption(
        f"Analysed with {tables.analysis.pipeline}: read its articles, actors and quotes on the"
        " Article page."
    )


def _left_out_warning(summary: dict[str, Any], left_out: list[str]) -> None:
    """A warning counting what was left out of an upload, and its first reasons."""
    counts = ", ".join(
        [
            f"{_n(summary['accepted'], 'article')} accepted",
            f"{_n(len(summary['rejected']), 'record')} rejected",
            _n(summary["duplicates"], "duplicate"),
            _n(len(summary["file_problems"]), "file problem"),
        ]
    )
    st.warning(
        f"Your upload: {counts}. Every one is listed below with its reason.",
        icon=":material/warning:",
    )
    if left_out:
        with st.container(border=True):
            st.caption("What was left out, and why")
            # Plain text: the file names and reasons come from the user's files.
            st.text("\n".join(left_out))


def problem_lines(summary: dict[str, Any], *, limit: int) -> list[str]:
    """'file, line 3, field text: reason' for the first `limit` file problems and rejections."""
    lines = [f"{p['file']}: {p['reason']}" for p in summary["file_problems"]]
    for r in summary["rejected"]:
        where = f"{r['file']}, line {r['line']}" + (f", field {r['field']}" if r["field"] else "")
        lines.append(f"{where}: {r['reason']}")
    more = len(lines) - limit
    return lines[:limit] + ([f"... and {more:,} more in the tables below."] if more > 0 else [])


def _n(count: int, noun: str) -> str:
    """'1 record', '3 records'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def source_year_chart(tables: CorpusTables, *, key: str) -> None:
    """Stacked bars of records per source and year, attributions in the figure."""
    counts = count_by_source_year(tables.articles)
    undated = len(tables.articles) - int(counts["records"].sum())
    source_line = "\n".join(dict.fromkeys(attributions(tables.articles)["attribution"]))
    fig = records_by_source_year(counts, source_line=source_line, undated=undated)
    name = "stancemap-corpus-by-source-and-year"
    # theme=None: the figure looks in the app as it does when exported for a slide.
    event = st.plotly_chart(
        fig, key=key, theme=None, config=modebar_config(name), on_select="rerun",
        selection_mode="points",
    )  # fmt: skip
    caption = (
        f"{_n(len(tables.articles), 'article')} accepted ({undated:,} undated) of"
        f" {_n(tables.summary['records_in'], 'record')} read, by source and year of publication."
    )
    chart_downloads(fig, data=counts, name=name, caption=caption, key=f"{key}_export")
    picked_articles(tables.articles, _picked(event))


def _picked(event: Any) -> tuple[str, int] | None:
    """The (source, year) of the clicked bar, if any (customdata: [source, year, records])."""
    points = event.selection.points if event is not None else []
    custom = points[0].get("customdata") if points else None
    return (str(custom[0]), int(custom[1])) if custom and len(custom) >= 2 else None


def picked_articles(articles: pd.DataFrame, picked: tuple[str, int] | None) -> None:
    """The articles behind a clicked bar, each a link to the Article page; or how to get them."""
    if picked is None:
        st.caption("Click a bar to list the articles of that source and year.")
        return
    source, year = picked
    rows = articles[
        (articles["source"] == source)
        & (articles[DATE].astype(object).fillna("").str[:4] == str(year))
    ]
    st.caption(
        f"{_n(len(rows), 'article')} of {escape_markdown(source)} from {year};"
        " a link opens the article."
    )
    st.dataframe(
        rows.assign(open=[article_link(str(i)) for i in rows["id"]])[[DATE, "title", "open"]],
        hide_index=True,
        height=_table_height(len(rows), max_rows=8),
        column_config={
            DATE: st.column_config.TextColumn("Date", width=100),
            "title": st.column_config.TextColumn("Title"),
            "open": st.column_config.LinkColumn("Open", display_text="Open article", width=110),
        },
    )


def attributions(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per source in view: source, articles, attribution (largest source first)."""
    if articles.empty:
        return pd.DataFrame({"source": [], "articles": [], "attribution": []})
    grouped = articles.groupby(["source", "attribution"], as_index=False, dropna=False).size()
    grouped = grouped.rename(columns={"size": "articles"})
    return grouped.sort_values(["articles", "source"], ascending=[False, True], ignore_index=True)[
        ["source", "articles", "attribution"]
    ]


def attribution_table(articles: pd.DataFrame) -> None:
    """The licence and credit line of every source in view, as plain table cells."""
    st.dataframe(
        attributions(articles),
        hide_index=True,
        column_config={
            "source": st.column_config.TextColumn("Source", width=300),
            "articles": st.column_config.NumberColumn("Articles", format="localized", width=90),
            "attribution": st.column_config.TextColumn("Attribution and licence"),  # fits its text
        },
    )


def articles_table(articles: pd.DataFrame) -> None:
    """Every accepted article: id, date, source, title."""
    st.dataframe(
        articles[ARTICLE_TABLE_COLUMNS],
        hide_index=True,
        height=_table_height(len(articles), max_rows=10),
        column_config={
            "id": st.column_config.TextColumn("Id", width=220),
            DATE: st.column_config.TextColumn("Date", width=100),
            "source": st.column_config.TextColumn("Source", width=260),
            "title": st.column_config.TextColumn("Title"),  # fits its text
            "notes": st.column_config.TextColumn(
                "Where fields came from, notes",
                width=360,
                help="Fields a file did not state are read from its name, folder or first"
                " lines; the notes say which (and which dates could not be read).",
            ),  # fmt: skip
        },
    )


def unreadable_dates_table(summary: dict[str, Any]) -> None:
    """Every date that could not be read: file, line or row, the value (article kept undated)."""
    rows = pd.DataFrame(summary.get("unreadable_dates") or [], columns=UNREADABLE_COLUMNS)
    problem_table(rows, empty="Every date given could be read.")


def problem_table(df: pd.DataFrame, *, empty: str) -> None:
    """A table of rejected records, duplicates or file problems; a caption when there are none."""
    if df.empty:
        st.caption(empty)
        return
    st.dataframe(
        df,
        hide_index=True,
        height=_table_height(len(df), max_rows=10),
        column_config={c: st.column_config.Column(PROBLEM_LABELS.get(c, c)) for c in df.columns},
    )


def _table_height(rows: int, *, max_rows: int) -> int:
    """Pixel height showing up to max_rows rows (header included) with no empty rows below."""
    return 35 * (min(rows, max_rows) + 1) + 3
