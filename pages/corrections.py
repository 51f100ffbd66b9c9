"""Corrections: every correction made on this deployment, filterable and reversible, and the
judgments in force as a gold file."""

import streamlit as st

from ui.corrections import judgments, store
from ui.corrections_page import (
    gold_download,
    history_filters,
    history_frame,
    history_table,
    undo_choice,
)
from ui.loaders import shared_analysis
from ui.scope import current_scope
from ui.settings import get_settings
from ui.shell import start_page

start_page()
settings = get_settings()
st.title("Corrections")
st.caption(
    "People's corrections of stances and quotes, shared by everyone using this deployment."
    " Each applies to every chart, count and export at once; undoing one keeps it in the history."
)
if not settings.corrections:
    st.info("Corrections are off on this deployment (STANCEMAP_CORRECTIONS=off).")
    st.stop()

db = store(settings.db_url)
found = judgments(settings)
history = db.history()
analysis = shared_analysis(current_scope().active)
orphaned = {c.id for c in (analysis.orphaned if analysis is not None else ())}
in_force = len(found.current) if found is not None else 0
st.caption(
    f"{len(history):,} corrections made, {in_force:,} in force, {len(orphaned):,} orphaned"
    " (their article is not in the current tables: kept and listed, never dropped)."
)
if not settings.corrections_writable:
    st.caption("This is a read-only link: corrections are shown, not made or undone.")
gold_download(db, key="corrections_gold")
if not history:
    st.info("No correction yet. Fix a stance from any evidence row or the Article page.")
    st.stop()
frame = history_filters(history_frame(history, orphaned), key="corrections_filter")
st.caption(f"{len(frame):,} of {len(history):,} corrections listed.")
undo_choice(db, history, writable=settings.corrections_writable, key="corrections_undo")
history_table(frame, key="corrections_table")
