"""What every page runs first."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def start_page() -> None:
    """Make sure the page runs inside dashboard.py's navigation.

    Streamlit treats a folder named pages/ beside the entry point as a legacy (v1) pages
    directory until st.navigation has run once in the server process. So on a fresh server, a
    shared deep link (/corpus, /timeline ...) would run its page file alone: no shared sidebar,
    no URL state. Switch the legacy mode off and rerun; the rerun starts from dashboard.py,
    whose st.navigation then routes the same URL.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
