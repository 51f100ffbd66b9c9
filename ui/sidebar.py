"""The sidebar every page shares: which corpus is active, switching corpus, app version."""

from __future__ import annotations

import streamlit as st

from ui.loaders import (
    CHOICE_KEY,
    DEFAULT,
    UPLOAD,
    CorpusKind,
    default_label,
    forget_upload,
    session_upload,
    upload_label,
)
from ui.settings import Settings

TAGLINE = "Which country stands where on which diplomatic issue, read from a corpus of news."


def render_sidebar(settings: Settings) -> None:
    """Draw the shared sidebar (below the page navigation)."""
    upload = session_upload()
    with st.sidebar:
        st.header("Stancemap", divider="gray")
        st.caption(TAGLINE)
        if upload is None:
            st.markdown("**Active corpus**")
            st.caption(default_label(settings))
            st.caption("To analyse your own files, add them at the foot of the Corpus page.")
        else:
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
        st.divider()
        st.caption(f"Stancemap {settings.version}")
