"""How the statements were found and how accurate that is, for chart captions and exports.

The figures come from data/eval/accuracy.json, written from `python -m analysis evaluate` runs
(never typed into code), so a caption can only claim what was measured.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

ACCURACY_FILE = Path(__file__).resolve().parent.parent / "data" / "eval" / "accuracy.json"


@st.cache_resource(show_spinner=False)
def method_note() -> str:
    """'Stances found by rules over spaCy parses; measured F1 0.76 on 41 ... .' (plain text)."""
    base = (
        "Stances were found by Stancemap's rules over spaCy parses (en_core_web_sm): an actor's"
        " side on a concept in a sentence."
    )
    try:
        scores = json.loads(ACCURACY_FILE.read_text(encoding="utf-8"))
        dev, held = scores["dev"], scores["heldout"]
        return (
            f"{base} Measured stance F1 {dev['stance_f1']:.2f} on {dev['documents']}"
            f" hand-annotated documents and {held['stance_f1']:.2f} on {held['documents']}"
            f" held-out ones ({scores['measured']}): read the evidence before you cite a mark."
        )
    except (OSError, KeyError, ValueError, TypeError):
        return f"{base} Its accuracy has not been measured for this installation."
