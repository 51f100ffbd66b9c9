"""Timeline: how many statements each actor made per week or month, and their net stance."""

import streamlit as st

from ui.loaders import require_analysis, require_stances
from ui.scope import current_scope, require_statements, shared_key
from ui.shell import start_page
from ui.stance_view import evidence_section
from ui.state import page_pick
from ui.timeline_view import freq_choice, period_table, timeline_charts, timeline_statements

start_page()
scope = current_scope()

st.title("Timeline")
st.caption(
    f"{scope.active.label}. Statements of the chosen actors over time, and whether they lean for"
    " or against. Click a bar or a point to read the sentences behind it."
)
analysis = require_analysis(scope.active)
stances = require_stances(scope.active, analysis)
page_pick("timeline")
shown = timeline_statements(require_statements(scope), scope.filters)
freq = freq_choice(key="timeline_freq")
counts = timeline_charts(shown, scope.filters, freq, key="timeline", memo=shared_key(scope))
with st.expander("The numbers behind the charts"):
    period_table(counts)

st.subheader("Evidence")
evidence_section(shown, stances, analysis, pick_key="timeline_pick")
