"""Country stances: which actor takes which side on which concept, and the sentences behind it."""

import streamlit as st

from ui.loaders import active_corpus, require_analysis, require_stances
from ui.settings import get_settings
from ui.shell import start_page
from ui.stance_view import (
    MATRIX,
    cells_table,
    concept_choice,
    evidence_section,
    filter_statements,
    stance_chart,
    stance_filters,
    statement_table,
    statements_caption,
    view_choice,
)

start_page()
active = active_corpus(get_settings())

st.title("Country stances")
st.caption(
    f"{active.label}. Who is for and who is against each concept, as the articles report it."
    " Click a cell, a bar or a country to read the sentences behind it."
)
analysis = require_analysis(active)
stances = require_stances(active, analysis)
statements = statement_table(active.tables.articles, analysis, stances)

with st.expander("Filters", expanded=True, icon=":material/filter_list:"):
    filters = stance_filters(statements, key="stances")
shown = filter_statements(statements, filters)
if shown.empty:
    st.info("No statement matches these filters. Widen them above.", icon=":material/info:")
    st.stop()

view = view_choice(key="stances_view")
concept = None if view == MATRIX else concept_choice(shown, key="stances_concept")
stance_chart(view, shown, filters, concept, key="stances")
st.caption(statements_caption(shown))
with st.expander("The numbers behind the chart"):
    cells_table(shown, concept=concept, min_statements=filters.min_statements)

st.subheader("Evidence")
evidence_section(shown, stances, analysis, chart=view, pick_key="stances_pick")
