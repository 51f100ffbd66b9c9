"""Country stances: which actor takes which side on which concept, and the sentences behind it."""

import streamlit as st

from ui.chart_captions import statements_caption
from ui.loaders import require_analysis, require_stances
from ui.scope import current_scope, require_statements, shared_key
from ui.shell import start_page
from ui.stance_view import (
    MATRIX,
    cells_table,
    concept_choice,
    evidence_section,
    stance_chart,
    view_choice,
)
from ui.state import page_pick

start_page()
scope = current_scope()

st.title("Country stances")
st.caption(
    f"{scope.active.label}. Who is for and who is against each concept, as the articles report"
    " it. Click a cell, a bar or a country to read the sentences behind it."
)
analysis = require_analysis(scope.active)
stances = require_stances(scope.active, analysis)
page_pick("stances")
shown, filters = require_statements(scope), scope.filters

view = view_choice(key="stances_view")
concept = None if view == MATRIX else concept_choice(shown, key="stances_concept")
drawn = stance_chart(view, shown, filters, concept, key="stances", memo=shared_key(scope))
st.caption(statements_caption(drawn))
with st.expander("The numbers behind the chart"):
    cells_table(shown, concept=concept, min_statements=filters.min_statements)

st.subheader("Evidence")
evidence_section(shown, stances, analysis, chart=view, pick_key="stances_pick")
