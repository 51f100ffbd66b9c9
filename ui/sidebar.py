"""The sidebar every page shares: the active corpus, the global filters, the link to the view."""

from __future__ import annotations

import logging
import time
from urllib.parse import urlencode

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui import corrections
from ui.filters import filter_widgets, notice_box
from ui.loaders import (
    CHOICE_KEY,
    DEFAULT,
    UPLOAD,
    CorpusKind,
    active_corpus,
    default_label,
    forget_upload,
    session_upload,
    upload_label,
)
from ui.scope import Scope, build_scope, keep_scope, with_filters
from ui.settings import Settings
from ui.state import publish_url, seed_from_url

logger = logging.getLogger(__name__)
RUN_MS_KEY = "run_ms"  # server time of the last script run, in ms
TAGLINE = "Which country stands where on which diplomatic issue, read from a corpus of news."


def render_sidebar(settings: Settings) -> DeltaGenerator:
    """Draw the shared sidebar (below the page navigation) and compute this run's Scope.

    Returns the slot for the 'Copy link' box, filled by finish_run once the page has run.
    """
    with st.sidebar:
        _corpus_choice(settings)
        active = active_corpus(settings)
        if settings.corrections and active.kind == DEFAULT:
            corrections.toggle()
        scope = build_scope(active)
        seed_from_url(scope.vocab, scope.data)
        notice_box()
        link_slot = st.empty()
        if scope.statements is not None:
            st.subheader("Filters", divider="gray")
            scope = with_filters(scope, filter_widgets(scope))
            if (text := corrections.caption(scope.shown, scope.analysis)) is not None:
                st.caption(text)
        keep_scope(scope)
    return link_slot


def finish_run(scope: Scope, link_slot: DeltaGenerator, *, started: float) -> None:
    """After the page: the view goes into the URL, and its permalink into the sidebar.

    The server time of this run (from `started`, a perf_counter value) is logged and kept in
    st.session_state[RUN_MS_KEY] (`python -m analysis bench pages` reads it).
    """
    has_filters = scope.statements is not None
    params = publish_url(scope.filters if has_filters else None, scope.data)
    base = str(st.context.url or "")
    query = urlencode([(k, v) for k, values in params.items() for v in values])
    with link_slot.popover("Copy link to this view", icon=":material/link:", width="stretch"):
        st.caption("Anyone opening this address sees these filters, this page and chart.")
        st.code(f"{base}?{query}" if query else base, language=None, wrap_lines=True)
    run_ms = (time.perf_counter() - started) * 1000
    st.session_state[RUN_MS_KEY] = run_ms
    logger.debug("script run: %.1f ms", run_ms)


def _corpus_choice(settings: Settings) -> None:
    """The active corpus: a caption, or a choice between the default corpus and an upload."""
    upload = session_upload()
    st.header("Stancemap", divider="gray")
    st.caption(TAGLINE)
    if upload is None:
        st.markdown("**Active corpus**")
        st.caption(default_label(settings))
        if not settings.read_only:
            st.caption("To analyse your own files, add them at the foot of the Corpus page.")
        return
    labels: dict[CorpusKind, str] = {
        DEFAULT: default_label(settings),
        UPLOAD: upload_label(upload),
    }
    st.radio(
        "**Active corpus**",
        options=list(labels),
        format_func=labels.__getitem__,
        key=CHOICE_KEY,
        help="Your upload is visible only in this browser session.",
    )
    st.button(
        "Forget my upload",
        key="sidebar_forget_upload",
        icon=":material/delete:",
        type="tertiary",
        on_click=forget_upload,
    )
