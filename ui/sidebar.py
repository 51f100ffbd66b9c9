"""The sidebar every page shares: the active corpus, the global filters, the link to the view."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

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
from ui.scope import build_scope, current_scope, keep_scope, with_filters
from ui.settings import Settings
from ui.state import publish_url, seed_from_url

logger = logging.getLogger(__name__)
PLOTLY_STARTED_KEY = "sidebar_plotly_started"  # this session's browser has Plotly's JS
# Nothing to see, not even axes: transparent, and as low as Plotly draws (10 px).
BLANK_CHART = {
    "data": [{"type": "scatter", "x": [], "y": []}],
    "layout": {
        "height": 10,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
    },
}
_RUN_LOG_LOCK = threading.Lock()  # one line at a time from every session's script thread
TAGLINE = "Which country stands where on which diplomatic issue, read from a corpus of news."


def render_sidebar(settings: Settings) -> DeltaGenerator:
    """Draw the shared sidebar (below the page navigation) and compute this run's Scope.

    Returns the slot for the 'Copy link' box, filled by finish_run once the page has run.
    """
    with st.sidebar:
        _corpus_choice(settings)
        plotly_slot = _start_plotly()  # the last element yet: its going moves nothing
        active = active_corpus(settings)
        if plotly_slot is not None:
            plotly_slot.empty()
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


def _start_plotly() -> DeltaGenerator | None:
    """On a session's first run, a blank chart in a slot, to be emptied soon after.

    A browser fetches and starts Plotly's JavaScript (the app's largest part, several MB) only
    for its first chart. This one starts it while the server still reads the tables and
    computes the page, not after the page's first chart has arrived (bench first-chart).
    """
    if st.session_state.get(PLOTLY_STARTED_KEY):
        return None
    st.session_state[PLOTLY_STARTED_KEY] = True
    slot = st.empty()
    slot.plotly_chart(BLANK_CHART, theme=None, config={"staticPlot": True, "displayModeBar": False})
    return slot


def finish_run(
    link_slot: DeltaGenerator,
    *,
    started: tuple[float, float],
    page: str,
    run_log: Path | None = None,
) -> None:
    """After the page: the view goes into the URL, and its permalink into the sidebar.

    The server time of this run (from `started`: time.perf_counter() and time.thread_time()
    at its start) is logged, and with `run_log` written there as a JSON line (`python -m bench
    pages|first-chart|load` read it).
    """
    try:
        scope = current_scope()
        has_filters = scope.statements is not None
        params = publish_url(scope.filters if has_filters else None, scope.data)
        base = str(st.context.url or "")
        query = urlencode([(k, v) for k, values in params.items() for v in values])
        with link_slot.popover("Copy link to this view", icon=":material/link:", width="stretch"):
            st.caption("Anyone opening this address sees these filters, this page and chart.")
            st.code(f"{base}?{query}" if query else base, language=None, wrap_lines=True)
    finally:  # after a page's st.stop(), any st.* call above stops the run again: still time it
        run_ms = (time.perf_counter() - started[0]) * 1000
        cpu_ms = (time.thread_time() - started[1]) * 1000
        logger.debug("script run: %.1f ms (%.1f ms CPU)", run_ms, cpu_ms)
        if run_log is not None:
            _log_run(run_log, page=page, run_ms=run_ms, cpu_ms=cpu_ms)


def _log_run(path: Path, *, page: str, run_ms: float, cpu_ms: float) -> None:
    """Append this run's server figures to `path` (the script thread's own CPU time: other
    sessions' runs and the server's message sending are not in it)."""
    ctx = get_script_run_ctx()
    line = {
        "session": ctx.session_id if ctx is not None else None,
        "page": page,
        "run_ms": round(run_ms, 2),
        "cpu_ms": round(cpu_ms, 2),
        "ended": time.time(),
    }
    with _RUN_LOG_LOCK, path.open("a", encoding="utf-8") as log:
        log.write(json.dumps(line) + "\n")


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
