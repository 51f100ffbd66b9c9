"""Stancemap: entry point. Page config, the shared sidebar, then the page the URL names."""

# ruff: noqa: E402 - the clock starts before the app's imports, which a fresh server's first
# run pays for (the benchmarks count them in its time).
import time

run_started = (time.perf_counter(), time.thread_time())

from pathlib import Path

import streamlit as st

from ui.auth import require_access
from ui.settings import get_settings
from ui.sidebar import finish_run, render_sidebar

# The favicon is a PNG served by this server. Without one, Streamlit takes the page's
# ":material/...:" icon, which every visitor's browser fetches from fonts.gstatic.com (it fails
# offline and tells Google who visits); an emoji icon is an SVG the browser draws anew on every
# rerun (bench load with 5 sessions: p95 about 9 s against 7 s).
FAVICON = Path(__file__).resolve().parent / "ui" / "favicon.png"
st.set_page_config(page_title="Stancemap", page_icon=str(FAVICON), layout="wide")

PAGES = [
    st.Page(
        "pages/overview.py",
        title="Overview",
        icon=":material/dashboard:",
        url_path="overview",
        default=True,
    ),
    st.Page(
        "pages/corpus.py",
        title="Corpus",
        icon=":material/library_books:",
        url_path="corpus",
    ),
    st.Page(
        "pages/stances.py",
        title="Country stances",
        icon=":material/public:",
        url_path="stances",
    ),
    st.Page(
        "pages/timeline.py",
        title="Timeline",
        icon=":material/timeline:",
        url_path="timeline",
    ),
    st.Page(
        "pages/network.py",
        title="Network",
        icon=":material/hub:",
        url_path="network",
    ),
    st.Page(
        "pages/evidence.py",
        title="Evidence",
        icon=":material/format_quote:",
        url_path="evidence",
    ),
    st.Page(
        "pages/concepts.py",
        title="Concepts",
        icon=":material/category:",
        url_path="concepts",
    ),
    st.Page(
        "pages/corrections.py",
        title="Corrections",
        icon=":material/rule:",
        url_path="corrections",
    ),
    st.Page(
        "pages/article.py",
        title="Article",
        icon=":material/article:",
        url_path="article",
    ),
]

# Before st.navigation and the sidebar: a login (when configured), else nothing.
settings = get_settings()
require_access(settings, PAGES)
navigation = st.navigation(PAGES)
link_slot = render_sidebar(settings)
try:
    navigation.run()
finally:  # after a page's st.stop() too (st.* calls then stop again: the run is only timed)
    finish_run(link_slot, started=run_started, page=navigation.url_path, run_log=settings.run_log)
