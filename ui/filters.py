"""The global filters in the sidebar: one set for every page, kept in the URL (ui.state)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analysis.query import Filters
from analysis.schema import ACTOR, ACTOR_NAME, CONCEPT, CONCEPT_LABEL
from ui.method import default_min_confidence
from ui.scope import Scope
from ui.state import (
    FILTER_KEYS,
    Vocabulary,
    dismiss_notices,
    filters_from_widgets,
    group_label,
    notices,
)


def defaults() -> dict[str, object]:
    """Each filter's value before anyone chose: everything, but the statements less likely to
    be right than the stance scorer's default minimum confidence."""
    return {
        "actors": [],
        "groups": [],
        "concepts": [],
        "sources": [],
        "kinds": [],
        "min_statements": 1,
        "min_confidence": default_min_confidence(),
    }


def filter_widgets(scope: Scope) -> Filters:
    """Draw the filters (in the sidebar context) and return what they hold."""
    vocab, statements = scope.vocab, scope.statements
    assert statements is not None  # the caller checked: only a corpus with stances has filters
    _prepare(vocab)
    if vocab.first is not None and vocab.last is not None:
        st.date_input(
            "Dates", min_value=vocab.first, max_value=vocab.last, key=FILTER_KEYS["dates"],
            help="Undated statements count only while the whole range is chosen.",
        )  # fmt: skip
    actors = _names(statements, ACTOR, ACTOR_NAME, code=True)
    st.multiselect(
        "Actors", list(actors), format_func=lambda a: actors.get(a, a), key=FILTER_KEYS["actors"],
        placeholder="All actors", help="Countries by ISO3 code, and organisations.",
    )  # fmt: skip
    st.multiselect(
        "Actor groups", sorted(vocab.groups, key=_group_order), format_func=group_label,
        key=FILTER_KEYS["groups"], placeholder="No group",
        help="Statements of a group's members made on a date they were members (the G8 is"
        " not the G7: Russia never was a G7 member; the United Kingdom left the EU on"
        " 2020-01-31; an undated statement counts for current members only), or of a"
        " region's countries; added to the actors.",
    )  # fmt: skip
    concepts = _names(statements, CONCEPT, CONCEPT_LABEL)
    st.multiselect(
        "Concepts", list(concepts), format_func=lambda c: concepts.get(c, c),
        key=FILTER_KEYS["concepts"], placeholder="All concepts",
    )  # fmt: skip
    st.multiselect(
        "Sources", sorted(vocab.sources), key=FILTER_KEYS["sources"], placeholder="All sources"
    )
    st.multiselect(
        "Article kinds", sorted(vocab.kinds), format_func=_kind_label,
        key=FILTER_KEYS["kinds"], placeholder="All kinds",
    )  # fmt: skip
    left, right = st.columns(2)
    left.number_input(
        "Min. statements", min_value=1, step=1, key=FILTER_KEYS["min_statements"],
        help="Leave out actor-concept pairs with fewer statements than this.",
    )  # fmt: skip
    right.slider(
        "Min. confidence", min_value=0.0, max_value=1.0, step=0.05,
        key=FILTER_KEYS["min_confidence"],
        help="Leave out statements less likely than this to be right. The default keeps"
        " statements that were right 9 times in 10 where it was chosen; the caption under each"
        " chart says how often they were right on the test documents.",
    )  # fmt: skip
    st.button("Reset filters", on_click=reset_filters, args=(vocab,), type="tertiary",
              icon=":material/restart_alt:")  # fmt: skip
    return filters_from_widgets(vocab)


def _prepare(vocab: Vocabulary) -> None:
    """Give every filter widget a value before it is drawn (never a widget default), and keep
    the dates inside this corpus's range (another corpus may have been active before)."""
    state = st.session_state
    for name, value in defaults().items():
        state.setdefault(FILTER_KEYS[name], value)
    if vocab.first is None or vocab.last is None:
        return
    key = FILTER_KEYS["dates"]
    dates = state.get(key)
    if not isinstance(dates, (tuple, list)) or len(dates) != 2:
        state[key] = (vocab.first, vocab.last)
    else:
        state[key] = tuple(_clamp(d, vocab.first, vocab.last) for d in dates)


def _clamp(value: date, low: date, high: date) -> date:
    return min(max(value, low), high)


def reset_filters(vocab: Vocabulary) -> None:
    """Every filter back to 'all' (a button callback)."""
    for name, value in defaults().items():
        st.session_state[FILTER_KEYS[name]] = value
    if vocab.first is not None and vocab.last is not None:
        st.session_state[FILTER_KEYS["dates"]] = (vocab.first, vocab.last)


def _names(statements: pd.DataFrame, column: str, name: str, *, code: bool = False) -> dict:
    """{code: display name}, codes with most statements first (a stable label: no counts)."""
    counts = statements.groupby([column, name], observed=True).size()
    counts = counts[counts > 0].sort_values(ascending=False)
    return {
        str(value): f"{label} ({value})" if code and label != value else str(label)
        for (value, label), _ in counts.items()
    }


def _group_order(group: str) -> tuple[bool, str]:
    return group.startswith("region:"), group


def _kind_label(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


def notice_box() -> None:
    """What the opened link asked for that could not be shown (dismissable)."""
    found = notices()
    if not found:
        return
    st.warning(
        "Parts of the link were ignored: " + "; ".join(found) + ".", icon=":material/link_off:"
    )
    st.button("Dismiss", on_click=dismiss_notices, key="url_notices_dismiss", type="tertiary")
