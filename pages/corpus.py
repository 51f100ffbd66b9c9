"""Corpus: what the active corpus holds, where it came from, and what was left out."""

import streamlit as st

from ui.corpus_view import (
    accounting_line,
    articles_table,
    attribution_table,
    headline_metrics,
    problem_table,
    source_year_chart,
    unreadable_dates_table,
    upload_notice,
)
from ui.loaders import active_corpus
from ui.settings import get_settings
from ui.shell import start_page
from ui.upload import upload_box

start_page()
settings = get_settings()
active = active_corpus(settings)
tables = active.tables

st.title("Corpus")
st.caption(
    f"{active.label}. Every record read is either accepted, a duplicate, or rejected with a reason."
)
upload_notice(active)
headline_metrics(tables.summary)
st.caption(accounting_line(tables.summary))

source_year_chart(tables, key="corpus_source_year_chart")

st.subheader("Sources and attribution")
attribution_table(tables.articles)

st.subheader("Articles")
articles_table(tables.articles)

with st.expander(
    f"Unreadable dates ({len(tables.summary['unreadable_dates']):,})",
    expanded=bool(tables.summary["unreadable_dates"]),
):
    unreadable_dates_table(tables.summary)

st.subheader("Rejected records")
problem_table(tables.rejected, empty="No record was rejected.")

with st.expander(f"Duplicates ({len(tables.duplicates):,})"):
    problem_table(tables.duplicates, empty="No duplicates.")
with st.expander(
    f"File problems ({len(tables.file_problems):,})", expanded=not tables.file_problems.empty
):
    problem_table(tables.file_problems, empty="Every file could be read.")

st.subheader("Analyse your own files")
upload_box(settings, key="corpus_upload")
