"""Sections of the Evidence page: every stance sentence or quote in view, searchable, as a table.

A row opens its article at that place (article?article=ID&at=START). The CSV download holds
exactly the rows the table lists.
"""

from __future__ import annotations

from functools import partial
from typing import Literal

import pandas as pd
import streamlit as st

from analysis.query import ARTICLE_FIELDS, QUOTES, filter_statements
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
    SPEAKER,
    START_CHAR,
)
from analysis.spelling import search_pattern
from charts.style import plural
from ui.article_html import evidence_html
from ui.article_links import article_links
from ui.corrections_view import CORRECTION_CONFIG, CORRECTION_SHOWN, quote_fix, stance_fix
from ui.export_view import csv_bytes
from ui.scope import Scope
from ui.stance_view import EVIDENCE_LIMIT, evidence_table
from ui.state import use_option
from ui.tables import AnalysisTables, as_records

Rows = Literal["stances", "quotes"]
ROWS: dict[Rows, str] = {"stances": "Stance sentences", "quotes": "Quotes"}
SEARCHED = (EVIDENCE, SPEAKER, "title", ACTOR_NAME, CONCEPT_LABEL, "source")
STANCE_COLUMNS = [
    DATE, ACTOR, ACTOR_NAME, CONCEPT, CONCEPT_LABEL, "side", SPEAKER, EVIDENCE,
    CONFIDENCE, "source", "title", ARTICLE_ID, START_CHAR, END_CHAR, POLARITY,
    *CORRECTION_SHOWN, "open",
]  # fmt: skip
QUOTE_COLUMNS = [
    DATE, ACTOR, ACTOR_NAME, SPEAKER, "kind_of_quote", EVIDENCE, "verb", CONFIDENCE,
    "source", "title", ARTICLE_ID, START_CHAR, END_CHAR, *CORRECTION_SHOWN, "open",
]  # fmt: skip


def rows_choice(*, key: str) -> Rows:
    """Stance sentences or quotes (kept in the URL as `rows`)."""
    st.session_state.setdefault(key, "stances")
    chosen: Rows = st.segmented_control(
        "List", list(ROWS), format_func=ROWS.__getitem__, key=key, required=True
    )  # type: ignore[assignment]
    use_option("rows", chosen)
    return chosen


def rows_count(count: int) -> str:
    """'1 row', '12 rows'."""
    return plural(count, "row")


def search_box(*, key: str) -> str:
    """Words to find in the evidence, speaker, title, actor, concept or source (URL `q`)."""
    text = st.text_input(
        "Search", key=key, placeholder="e.g. ceasefire, Blinken, Kremlin",
        help="Case-insensitive; every word must appear in the row (any column).",
    )  # fmt: skip
    use_option("q", text.strip() or None)
    return text.strip()


def stance_rows(scope: Scope) -> pd.DataFrame:
    """Every stance sentence behind the statements in view, newest first."""
    assert scope.shown is not None and scope.stances is not None and scope.analysis is not None
    rows = evidence_table(scope.shown, scope.stances, scope.analysis.quotes)
    rows["side"] = rows[POLARITY].map({1: "for", -1: "against"})
    return _with_link(rows).reindex(columns=STANCE_COLUMNS)


def quote_rows(scope: Scope) -> pd.DataFrame:
    """Every quote of the articles in view (concepts do not apply), newest first."""
    assert scope.analysis is not None and scope.shown is not None
    articles = scope.active.tables.articles
    fields = articles[[c for c in ARTICLE_FIELDS if c in articles]]
    quotes = scope.analysis.quotes.merge(
        fields.rename(columns={"id": ARTICLE_ID, "kind": "article_kind"}),
        on=ARTICLE_ID, how="inner",
    )  # fmt: skip
    shown = filter_statements(
        quotes,
        scope.filters,
        allowed_actors=scope.allowed_actors,
        periods=scope.periods,
        columns=QUOTES,
    )
    rows = shown.rename(columns={"text": EVIDENCE, "kind": "kind_of_quote"})
    names = scope.analysis.actors.set_index("code")["name"]
    rows = rows.assign(actor_name=rows[ACTOR].map(names))
    rows = rows.sort_values(
        [DATE, ARTICLE_ID, START_CHAR], ascending=[False, True, True], na_position="last",
        ignore_index=True,
    )  # fmt: skip
    return _with_link(rows).reindex(columns=QUOTE_COLUMNS)


def _with_link(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` with `open`: the link to each row's article at its place."""
    return rows.assign(open=article_links(rows[ARTICLE_ID], rows[START_CHAR]))


def search_rows(rows: pd.DataFrame, text: str) -> pd.DataFrame:
    """The rows containing every word of `text` (case-insensitive, British or American
    spelling) in a searched column."""
    words = text.lower().split()
    if not words or rows.empty:
        return rows
    haystack = pd.Series("", index=rows.index)
    for column in (c for c in SEARCHED if c in rows):
        haystack = haystack + " " + rows[column].astype(object).fillna("").astype(str).str.lower()
    keep = pd.Series(True, index=rows.index)
    for word in words:
        keep &= haystack.str.contains(search_pattern(word))
    return rows[keep]


def evidence_grid(rows: pd.DataFrame, kind: Rows, *, key: str) -> pd.DataFrame | None:
    """The rows as a table; returns the selected row (as a one-row frame) or None."""
    config = {
        DATE: st.column_config.TextColumn("Date", width=95),
        ACTOR: None,
        CONCEPT: None,
        ARTICLE_ID: None,
        START_CHAR: None,
        END_CHAR: None,
        POLARITY: None,
        **CORRECTION_CONFIG,
        ACTOR_NAME: st.column_config.TextColumn("Actor", width=130),
        CONCEPT_LABEL: st.column_config.TextColumn("Concept", width=170),
        "side": st.column_config.TextColumn("Side", width=70),
        SPEAKER: st.column_config.TextColumn("Speaker", width=140),
        "kind_of_quote": st.column_config.TextColumn("Quote", width=70),
        "verb": st.column_config.TextColumn("Verb", width=80),
        EVIDENCE: st.column_config.TextColumn(
            "Evidence sentence" if kind == "stances" else "Quote", width=420
        ),
        CONFIDENCE: st.column_config.NumberColumn("Confidence", format="%.2f", width=90),
        "source": st.column_config.TextColumn("Source", width=170),
        "title": st.column_config.TextColumn("Article", width=240),
        "open": st.column_config.LinkColumn("Open", display_text="Open article", width=110),
    }
    event = st.dataframe(
        rows, hide_index=True, column_config=config, key=key, on_select="rerun",
        selection_mode="single-row",
    )  # fmt: skip
    picked = event.selection.rows if event is not None else []
    return rows.iloc[[picked[0]]] if picked and picked[0] < len(rows) else None


def selected_row(
    row: pd.DataFrame | None, kind: Rows, analysis: AnalysisTables | None = None
) -> None:
    """The selected row as evidence (sentence, speaker, article, link), or how to pick one."""
    if row is None:
        st.caption("Select a row to read it with its article; 'Open article' opens it there.")
        return
    records = as_records(row)
    if kind == "stances":
        st.html(evidence_html(records, limit=EVIDENCE_LIMIT))
    record = records[0]
    st.page_link(
        "pages/article.py",
        label="Open the article at this place",
        icon=":material/article:",
        query_params={"article": str(record[ARTICLE_ID]), "at": str(record[START_CHAR])},
    )
    if analysis is not None:
        fix = stance_fix if kind == "stances" else quote_fix
        fix(record, analysis, key=f"evidence_fix_{kind}")


def csv_download(rows: pd.DataFrame, kind: Rows, *, key: str) -> None:
    """The listed rows as CSV (codes and names, without the link column)."""
    st.download_button(
        f"Download CSV ({rows_count(len(rows))})", partial(csv_bytes, rows.drop(columns=["open"])),
        file_name=f"stancemap_{kind}.csv",
        mime="text/csv", key=key, icon=":material/download:", on_click="ignore",
    )  # fmt: skip
