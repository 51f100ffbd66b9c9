"""Evidence: every stance sentence or quote in view, searchable, downloadable, each a way into
its article."""

import streamlit as st

from ui.evidence_view import (
    csv_download,
    evidence_grid,
    quote_rows,
    rows_choice,
    rows_count,
    search_box,
    search_rows,
    selected_row,
    stance_rows,
)
from ui.loaders import require_analysis, require_stances
from ui.memo import shared
from ui.scope import current_scope, require_statements, shared_key
from ui.shell import start_page

start_page()
scope = current_scope()

st.title("Evidence")
st.caption(
    f"{scope.active.label}. The sentences behind every statement in view, and the quotes of"
    " the articles in view, with their speaker, article and source."
)
analysis = require_analysis(scope.active)
require_stances(scope.active, analysis)
require_statements(scope)

left, right = st.columns([1, 2])
with left:
    kind = rows_choice(key="evidence_rows")
with right:
    search = search_box(key="evidence_search")
rows = shared(
    shared_key(scope, "evidence", kind),
    lambda: stance_rows(scope) if kind == "stances" else quote_rows(scope),
)
rows = search_rows(rows, search)
note = "" if kind == "stances" else " Concept filters do not apply to quotes."
st.caption(f"{rows_count(len(rows))}.{note}")
csv_download(rows, kind, key="evidence_csv")
picked = evidence_grid(rows, kind, key="evidence_table")
selected_row(picked, kind, analysis)
