"""Timeline: how many statements each actor made per week or month, and their net stance."""

import streamlit as st

from ui.loaders import active_corpus, require_analysis, require_stances
from ui.settings import get_settings
from ui.shell import start_page
from ui.stance_view import (
    evidence_section,
    filter_statements,
    freq_choice,
    period_table,
    stance_filters,
    statement_table,
    timeline_charts,
    top_actors,
)

start_page()
active = active_corpus(get_settings())

st.title("Timeline")
st.caption(
    f"{active.label}. Statements of the chosen actors over time, and whether they lean for or"
    " against. Click a bar or a point to read the sentences behind it."
)
analysis = require_analysis(active)
stances = require_stances(active, analysis)
statements = statement_table(active.tables.articles, analysis, stances)

with st.expander("Filters", expanded=True, icon=":material/filter_list:"):
    filters = stance_filters(
        statements, key="timeline", min_statements=False, default_actors=top_actors(statements)
    )
    freq = freq_choice(key="timeline_freq")
shown = filter_statements(statements, filters)
if shown.empty:
    st.info("No statement matches these filters. Widen them above.", icon=":material/info:")
    st.stop()

timeline_charts(shown, filters, freq, key="timeline")
with st.expander("The numbers behind the charts"):
    period_table(shown, freq)

st.subheader("Evidence")
evidence_section(shown, stances, analysis, pick_key="timeline_pick")
