"""Network: which actors agree, which take opposite sides, and who acts toward whom."""

import streamlit as st

from ui.chart_captions import statements_caption
from ui.loaders import require_analysis, require_stances
from ui.network_view import network_chart, network_choices, network_evidence
from ui.scope import current_scope, require_statements
from ui.shell import start_page
from ui.state import page_pick

start_page()
scope = current_scope()

st.title("Network")
st.caption(
    f"{scope.active.label}. Actors linked when they take the same side on a concept, opposite"
    " sides, or when one acts toward the other (praise, criticism, talks, sanctions ...)."
    " Click the dot in the middle of a line to read the sentences behind it."
)
analysis = require_analysis(scope.active)
require_stances(scope.active, analysis)
page_pick("network")
shown = require_statements(scope)

kind, norm = network_choices(key="network")
network_chart(scope, kind, norm, key="network")
st.caption(statements_caption(shown))
st.subheader("Evidence")
network_evidence(scope, kind, pick_key="network_pick")
