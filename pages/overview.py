"""Overview: what the filters hold, the concepts that divide actors, the stances that moved."""

import streamlit as st

from ui.loaders import require_analysis, require_stances
from ui.overview_view import divided_section, headline, shifts_section
from ui.scope import current_scope, require_statements
from ui.shell import start_page
from ui.stance_view import DIVIDED, evidence_section, statements_caption
from ui.state import page_pick

start_page()
scope = current_scope()

st.title("Overview")
st.caption(
    f"{scope.active.label}. Who takes sides on what, for the filters in the sidebar. Click a bar"
    " to read the sentences behind it; follow a link to open its page with these filters."
)
analysis = require_analysis(scope.active)
stances = require_stances(scope.active, analysis)
page_pick("overview")
shown = require_statements(scope)

headline(scope)
st.caption(statements_caption(shown))
st.subheader("The most divided concepts")
divided_section(scope, key="overview")
st.subheader("Evidence")
evidence_section(shown, stances, analysis, chart=DIVIDED, pick_key="overview_pick")
st.subheader("The biggest shifts over the period")
shifts_section(scope)
