"""The Concepts page's pieces: the catalogue, the form for a user's own concept, its stances.

A user's concept and its stances live in st.session_state only (ui.loaders keeps them per
corpus), so only this session's stance pages show them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from analysis.concept_update import candidate_articles, stances_for_concepts
from analysis.concepts import Concept, concept_from_mapping
from analysis.errors import RecordInvalid
from analysis.records import Stance
from analysis.schema import ARTICLE_ID, END_CHAR, START_CHAR
from ui.loaders import (
    ActiveCorpus,
    corpus_key,
    forget_session_concept,
    keep_session_concept,
    session_concepts,
)
from ui.progress import escape_markdown, progress_reporter
from ui.settings import Settings
from ui.tables import SessionConcept, StanceTables

# The fields concept_from_mapping names in an error, as the form calls them.
FIELD_NAMES = {"label": "Label", "keywords": "Keywords", "id": "Label"}
# The id is made from the label, so a label without a-z or 0-9 gives an empty, invalid id.
NO_ID = "needs at least one letter a-z or digit, from which the concept's id is made"
# Set after a concept was added, read (once) by the rerun that follows.
ADDED_KEY = "concepts_added"
READ_ONLY = (
    "Defining your own concepts is switched off on this server (a read-only, public Stancemap)."
)


def catalogue_table(concepts: pd.DataFrame) -> None:
    """The concepts stances refer to (catalogue and user-defined) as a table."""
    shown = concepts.assign(keywords=concepts["keywords"].map(lambda words: ", ".join(words)))
    st.dataframe(
        shown[["id", "label", "description", "keywords", "user_defined"]],
        hide_index=True,
        column_config={
            "id": "Id",
            "label": "Label",
            "description": st.column_config.TextColumn("Description", width="medium"),
            "keywords": st.column_config.TextColumn("Keywords", width="medium"),
            "user_defined": st.column_config.CheckboxColumn("User-defined", width="small"),
        },
    )


def concept_form(*, key: str, settings: Settings) -> dict[str, str] | None:
    """The 'Define your own concept' form: its fields when submitted, else None.

    On a read-only server (STANCEMAP_READ_ONLY) a note instead, and always None.
    """
    if settings.read_only:
        st.caption(READ_ONLY)
        return None
    with st.form(key):
        label = st.text_input("Label (required)", key=f"{key}_label", max_chars=120)
        description = st.text_area("Description", key=f"{key}_description", height=80)
        keywords = st.text_area(
            "Keywords (at least one)", key=f"{key}_keywords", height=100,
            help="Words or phrases that signal the concept, separated by commas or new lines.",
        )  # fmt: skip
        submitted = st.form_submit_button(
            "Find its stances", key=f"{key}_submit", type="primary", icon=":material/search:"
        )
    if not submitted:
        return None
    return {"label": label, "description": description, "keywords": keywords}


def valid_concept(
    fields: Mapping[str, str], stances: StanceTables, active: ActiveCorpus
) -> Concept | None:
    """The form's concept; None, after a warning naming the field, when it cannot be used."""
    try:
        concept = concept_from_mapping(fields, user_defined=True)
    except RecordInvalid as e:
        reason = NO_ID if e.field == "id" else e.reason
        name = FIELD_NAMES.get(e.field or "", "Concept")
        st.warning(f"**{name}**: {escape_markdown(reason)}", icon=":material/warning:")
        return None
    own = {c.concept.id for c in session_concepts(active)}
    if concept.id in set(stances.concepts["id"]) - own:
        st.warning(
            f"**Label**: the corpus already has a concept with the id `{concept.id}`;"
            " choose another label.",
            icon=":material/warning:",
        )
        return None
    return concept


def add_concept(concept: Concept, active: ActiveCorpus, settings: Settings) -> None:
    """Find the concept's stances in the active corpus (with a progress bar), keep them in this
    session, and rerun so every part of the page shows the new concept."""
    if settings.read_only:  # concept_form returns nothing then; never analyse on such a server
        return
    articles = candidate_articles(active.tables.articles, [concept])
    searched = articles.head(settings.max_analyse_articles)
    stances: list[Stance] = []
    if not searched.empty:  # else no need to load the language model
        label = f"Looking for {escape_markdown(concept.label)} in {_n(len(searched), 'article')}"
        bar = st.progress(0.0, text=f"{label} - loading the language model")
        stances = stances_for_concepts(
            searched, [concept], pipeline=settings.pipeline, progress=progress_reporter(bar, label)
        )
        bar.empty()
    found = SessionConcept(
        concept, StanceTables.of_concept(concept, stances), len(articles), len(searched)
    )
    keep_session_concept(active, found)
    st.session_state[ADDED_KEY] = concept.id
    st.rerun()


def added_notice(active: ActiveCorpus) -> None:
    """Say what the concept added by the previous run found (once)."""
    added = st.session_state.pop(ADDED_KEY, None)
    found = {c.concept.id: c for c in session_concepts(active)}.get(added)
    if found is not None:
        st.success(
            f"Added {escape_markdown(found.concept.label)}: {found_summary(found)}",
            icon=":material/check_circle:",
        )


def found_summary(found: SessionConcept) -> str:
    """'3 sentences, 2 statements in 2 of the 5 articles with a keyword' (and any cap)."""
    rows = found.tables.stances
    sentences = len(rows.drop_duplicates([ARTICLE_ID, START_CHAR, END_CHAR]))
    statements = len(found.tables.document_stances)
    with_stances = rows[ARTICLE_ID].nunique()
    text = (
        f"{_n(sentences, 'sentence')}, {_n(statements, 'statement')} in {with_stances:,} of the"
        f" {_n(found.searched, 'article')} with a keyword"
    )
    if found.candidates > found.searched:
        text += (
            f" (only the first {found.searched:,} of the {_n(found.candidates, 'article')} with a"
            " keyword were analysed: this server's limit for a browser session)"
        )
    return text + "."


def session_concept_list(active: ActiveCorpus, *, key: str) -> None:
    """This session's own concepts on the active corpus, each with what it found and a remove
    button."""
    own = session_concepts(active)
    if not own:
        st.caption("You have not defined a concept on this corpus yet.")
        return
    corpus = corpus_key(active)
    for found in own:
        with st.container(border=True):
            text, button = st.columns([5, 1], vertical_alignment="center")
            text.text(f"{found.concept.label} ({found.concept.id})")
            text.text(f"Keywords: {', '.join(found.concept.keywords)}. {found_summary(found)}")
            button.button(
                "Remove", key=f"{key}_remove_{found.concept.id}", icon=":material/delete:",
                on_click=forget_session_concept, args=(corpus, found.concept.id),
            )  # fmt: skip
    st.caption(
        "Your concepts stay in this browser session: the Country stances, Timeline and Article"
        " pages show them with the corpus's own, no other user sees them."
    )


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
