"""The correction widgets: mark a stance wrong in one click, fix its side, actor or concept,
fix a quote's speaker and actor, add a missed stance. Every value is checked by
analysis.corrections before anything is written; a rejected one shows why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from analysis.corrections.apply import CORRECTED_AT, CORRECTED_BY, CORRECTION_NOTE
from analysis.corrections.model import (
    NAME_LIMIT,
    NOTE_LIMIT,
    SIDES,
    quote_judgment,
    stance_judgment,
)
from analysis.corrections.service import Change, document_of, submit, table_catalog
from analysis.errors import CorrectionRejected, DatabaseUnavailable
from analysis.schema import (
    ACTOR,
    ARTICLE_ID,
    CONCEPT,
    END_CHAR,
    EVIDENCE,
    POLARITY,
    SPEAKER,
    START_CHAR,
)
from ui.corrections import current_user, store
from ui.loaders import DEFAULT
from ui.progress import escape_markdown
from ui.scope import current_scope
from ui.settings import get_settings
from ui.tables import AnalysisTables

SIDE_OF = {label: polarity for polarity, label in SIDES.items()}
# What a corrected row shows of its correction (plain table cells: a note is never markup).
CORRECTION_SHOWN = (CORRECTED_BY, CORRECTED_AT, CORRECTION_NOTE)
CORRECTION_CONFIG = {
    CORRECTED_BY: st.column_config.TextColumn("Corrected by", width=120),
    CORRECTED_AT: st.column_config.TextColumn("Corrected at", width=150),
    CORRECTION_NOTE: st.column_config.TextColumn("Correction note", width=200),
}
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'\u201d\u2019)]*|$)")


def corrections_in(table: pd.DataFrame) -> list[str]:
    """The correction columns of `table` when a row of it was corrected, else none."""
    present = [c for c in CORRECTION_SHOWN if c in table]
    return present if present and table[CORRECTED_BY].notna().any() else []


def _names(analysis: AnalysisTables) -> tuple[dict[str, str], dict[str, str]]:
    actors = dict(zip(analysis.actors["code"].astype(str), analysis.actors["name"].astype(str),
                      strict=True))  # fmt: skip
    concepts: dict[str, str] = {}
    if analysis.stances is not None:
        frame = analysis.stances.concepts
        concepts = dict(zip(frame["id"].astype(str), frame["label"].astype(str), strict=True))
    return actors, concepts


def _save(changes: Sequence[Change], analysis: AnalysisTables, note: str) -> None:
    """Check and write `changes`; rerun on success so every table shows them, else say why."""
    settings = get_settings()
    articles = current_scope().active.tables.articles
    article_ids = {judgment.article_id for judgment, _ in changes}
    shown = articles[articles["id"].isin(article_ids)]
    actors, concepts = _names(analysis)
    catalog = table_catalog(shown, actors, concepts)
    try:
        submit(
            store(settings.db_url), changes, catalog=catalog, author=current_user(), note=note,
            documents=[document_of(articles, a) for a in sorted(article_ids)],
        )  # fmt: skip
    except CorrectionRejected as e:
        st.error(f"Not saved: {escape_markdown(e.reason)}", icon=":material/error:")
        return
    except DatabaseUnavailable as e:
        st.error(f"Not saved: {escape_markdown(str(e))}", icon=":material/error:")
        return
    st.toast("Correction saved: everyone using this deployment sees it now.")
    st.rerun()


def writable() -> bool:
    """True when this session may correct: corrections on, not a read-only link, the shared
    corpus (an upload lives in one session only; corrections are for the whole team)."""
    return get_settings().corrections_writable and current_scope().active.kind == DEFAULT


def stance_fix(row: Mapping[str, Any], analysis: AnalysisTables, *, key: str) -> None:
    """Mark this stance wrong, or give it another side, actor or concept, with a note."""
    if not writable():
        return
    actors, concepts = _names(analysis)
    article_id, actor, concept = str(row[ARTICLE_ID]), str(row[ACTOR]), str(row[CONCEPT])
    polarity = int(row[POLARITY])
    start, end, evidence = int(row[START_CHAR]), int(row[END_CHAR]), str(row[EVIDENCE])
    old = {POLARITY: polarity, EVIDENCE: evidence}
    ident = f"{key}_{abs(hash((article_id, actor, concept, start))) % 10**8}"
    with st.container(border=True):
        st.markdown("**Correct this stance**")
        note = st.text_input(
            "Note (optional)", key=f"{ident}_note", max_chars=NOTE_LIMIT,
            placeholder="why, e.g. 'the speaker quotes the other side'",
        )  # fmt: skip
        wrong = stance_judgment(article_id, actor, concept, 0, start, end, evidence)
        if st.button("Mark wrong", key=f"{ident}_wrong", icon=":material/block:",
                     help="This actor takes no side on this concept here."):  # fmt: skip
            _save([(wrong, old)], analysis, note)
        side_col, actor_col, concept_col = st.columns(3)
        side = side_col.segmented_control(
            "Side", list(SIDE_OF), default=SIDES[polarity], key=f"{ident}_side"
        ) or SIDES[polarity]  # fmt: skip
        codes = sorted(actors, key=lambda c: actors[c])
        new_actor = actor_col.selectbox(
            "Actor", codes, index=codes.index(actor) if actor in codes else 0,
            format_func=lambda c: f"{actors.get(c, c)} ({c})", key=f"{ident}_actor",
        )  # fmt: skip
        ids = sorted(concepts, key=lambda c: concepts[c])
        new_concept = concept_col.selectbox(
            "Concept", ids, index=ids.index(concept) if concept in ids else 0,
            format_func=lambda c: concepts.get(c, c), key=f"{ident}_concept",
        )  # fmt: skip
        if st.button("Save correction", key=f"{ident}_save", icon=":material/check:"):
            fixed = stance_judgment(
                article_id, new_actor, new_concept, SIDE_OF[side], start, end, evidence
            )
            changes: list[Change] = [(fixed, old)]
            if (new_actor, new_concept) != (actor, concept):  # moved: the old key has no side
                changes.insert(0, (wrong, old))
            _save(changes, analysis, note)


def quote_fix(row: Mapping[str, Any], analysis: AnalysisTables, *, key: str) -> None:
    """Give this quote another speaker and actor, with a note."""
    if not writable():
        return
    actors, _ = _names(analysis)
    article_id, start, end = str(row[ARTICLE_ID]), int(row[START_CHAR]), int(row[END_CHAR])
    speaker = "" if pd.isna(row.get(SPEAKER)) else str(row.get(SPEAKER))
    actor = None if pd.isna(row.get(ACTOR)) else str(row.get(ACTOR))
    ident = f"{key}_{abs(hash((article_id, start, end))) % 10**8}"
    with st.container(border=True):
        st.markdown("**Correct this quote's speaker**")
        left, right = st.columns(2)
        new_speaker = left.text_input(
            "Speaker", value=speaker, key=f"{ident}_speaker", max_chars=NAME_LIMIT
        )
        codes: list[str | None] = [None, *sorted(actors, key=lambda c: actors[c])]
        new_actor = right.selectbox(
            "Speaks for", codes, index=codes.index(actor) if actor in codes else 0,
            format_func=lambda c: "no actor" if c is None else f"{actors.get(c, c)} ({c})",
            key=f"{ident}_actor",
        )  # fmt: skip
        note = st.text_input("Note (optional)", key=f"{ident}_note", max_chars=NOTE_LIMIT)
        if st.button("Save correction", key=f"{ident}_save", icon=":material/check:"):
            fixed = quote_judgment(article_id, start, end, new_speaker, new_actor)
            _save([(fixed, {SPEAKER: speaker, ACTOR: actor})], analysis, note)


def sentences(text: str) -> list[tuple[int, int, str]]:
    """(start_char, end_char, sentence) of each sentence-like run of `text` (for picking)."""
    spans = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0)
        stripped = sentence.strip()
        if len(stripped) >= 3:
            start = match.start() + sentence.index(stripped)
            spans.append((start, start + len(stripped), stripped))
    return spans


def add_stance(article: Mapping[str, Any], analysis: AnalysisTables, *, key: str) -> None:
    """Add a stance the analysis missed: the sentence, the actor, the concept and the side."""
    if not writable() or analysis.stances is None:
        return
    actors, concepts = _names(analysis)
    spans = sentences(str(article["text"]))
    if not spans:
        return
    with st.expander("Add a stance the analysis missed", icon=":material/add:"):
        picked = st.selectbox(
            "Sentence", range(len(spans)), key=f"{key}_sentence",
            format_func=lambda i: spans[i][2][:160],
        )  # fmt: skip
        left, middle, right = st.columns(3)
        codes = sorted(actors, key=lambda c: actors[c])
        actor = left.selectbox("Actor", codes, key=f"{key}_actor",
                               format_func=lambda c: f"{actors[c]} ({c})")  # fmt: skip
        ids = sorted(concepts, key=lambda c: concepts[c])
        concept = middle.selectbox(
            "Concept", ids, key=f"{key}_concept", format_func=lambda c: concepts[c]
        )
        side = right.segmented_control(
            "Side", ["for", "against"], default="for", key=f"{key}_side"
        ) or "for"  # fmt: skip
        note = st.text_input("Note (optional)", key=f"{key}_note", max_chars=NOTE_LIMIT)
        if st.button("Add this stance", key=f"{key}_save", icon=":material/add:"):
            start, end, sentence = spans[picked]
            judgment = stance_judgment(
                str(article["id"]), actor, concept, SIDE_OF[side], start, end, sentence
            )
            _save([(judgment, None)], analysis, note)


def pick_stance(rows: pd.DataFrame, *, key: str) -> Mapping[str, Any] | None:
    """One of the evidence rows to correct (a plain-text choice), or None.

    Options are the rows' keys, not positions: once a row is corrected away, the choice
    resets instead of moving to the row that took its place.
    """
    if rows.empty or not writable():
        return None
    records = {
        f"{r['article_id']}|{r['actor']}|{r['concept']}|{r['start_char']}|{r['polarity']}": r
        for r in rows.to_dict("records")
    }
    labels = {
        ident: f"{r.get('actor_name') or r['actor']} · {r.get('concept_label') or r['concept']}"
        f" · {SIDES.get(int(r['polarity']), '?')} · {str(r['evidence'])[:90]}"
        for ident, r in records.items()
    }
    choice = st.selectbox(
        "Correct a sentence", [None, *records], key=key,
        format_func=lambda i: "Choose a sentence to correct" if i is None else labels[i],
    )  # fmt: skip
    return None if choice is None else records.get(choice)
