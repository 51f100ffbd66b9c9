"""Concepts: the propositions stances are about, and concepts of the user's own."""

import streamlit as st

from ui.concepts_view import (
    add_concept,
    added_notice,
    catalogue_table,
    concept_form,
    session_concept_list,
    valid_concept,
)
from ui.loaders import active_corpus, require_analysis, require_stances
from ui.settings import get_settings
from ui.shell import start_page

start_page()
settings = get_settings()
active = active_corpus(settings)

st.title("Concepts")
st.caption(
    f"{active.label}. The propositions actors take sides on, and the words that signal them."
    " Define your own to see who is for and against it on the stance pages."
)
analysis = require_analysis(active)
stances = require_stances(active, analysis)
added_notice(active)

st.subheader("Catalogue")
catalogue_table(stances.concepts)

st.subheader("Define your own concept")
fields = concept_form(key="concepts_form", settings=settings)
if fields is not None:
    concept = valid_concept(fields, stances, active)
    if concept is not None:
        add_concept(concept, active, settings)

st.subheader("Your concepts")
session_concept_list(active, key="concepts")
