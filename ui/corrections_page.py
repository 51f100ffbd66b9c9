"""Sections of the Corrections page: every correction with filters, undo, orphans, gold export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

import pandas as pd
import streamlit as st

from analysis.corrections.gold import export_gold, gold_bytes
from analysis.corrections.model import SIDES
from analysis.corrections.service import current
from analysis.corrections.store import Correction, CorrectionStore
from analysis.errors import CorrectionRejected
from analysis.schema import ACTOR, ARTICLE_ID, CONCEPT, POLARITY
from ui.corrections import current_user
from ui.progress import escape_markdown

HISTORY_CONFIG = {
    "batch": None,
    "id": st.column_config.NumberColumn("#", width=50),
    "created_at": st.column_config.TextColumn("When (UTC)", width=150),
    "author": st.column_config.TextColumn("Who", width=120),
    "kind": st.column_config.TextColumn("Kind", width=70),
    ARTICLE_ID: st.column_config.TextColumn("Article", width=200),
    ACTOR: st.column_config.TextColumn("Actor", width=70),
    CONCEPT: st.column_config.TextColumn("Concept", width=150),
    "old": st.column_config.TextColumn("Was", width=120),
    "new": st.column_config.TextColumn("Now", width=150),
    "note": st.column_config.TextColumn("Note", width=220),
    "status": st.column_config.TextColumn("Status", width=170),
}


def _value(kind: str, value: Mapping | None) -> str:
    """A judgment's value as words: 'for', 'no side', 'Lavrov (RUS)'."""
    if value is None:
        return "(nothing)"
    if kind == "stance":
        return SIDES.get(int(value.get(POLARITY, 0)), "?")
    return f"{value.get('speaker') or '?'} ({value.get('actor') or 'no actor'})"


def history_frame(history: Sequence[Correction], orphaned: set[int]) -> pd.DataFrame:
    """Every correction as a row of plain text (newest first)."""
    rows = [
        {
            "id": c.id, "batch": c.batch, "created_at": c.created_at.replace("T", " ")[:19],
            "author": c.author, "kind": c.judgment.kind, ARTICLE_ID: c.judgment.article_id,
            ACTOR: _actor(c),
            CONCEPT: c.judgment.concept, "old": _value(c.judgment.kind, c.old_value),
            "new": _value(c.judgment.kind, c.judgment.value), "note": c.note,
            "status": _status(c, orphaned),
        }
        for c in reversed(history)
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=list(HISTORY_CONFIG))


def _actor(c: Correction) -> str | None:
    """A stance's holder, or the actor a quote's speaker speaks for."""
    return c.judgment.actor if c.judgment.kind == "stance" else c.judgment.value.get(ACTOR)


def _status(c: Correction, orphaned: set[int]) -> str:
    if c.undone:
        return f"undone by {c.undone_by} {str(c.undone_at).replace('T', ' ')[:16]}"
    return "orphaned: article gone" if c.id in orphaned else "in force"


def history_filters(frame: pd.DataFrame, *, key: str) -> pd.DataFrame:
    """Filters by who, kind, actor, concept and date; the rows they keep."""
    cols = st.columns(5)
    chosen = {}
    for col, (column, label) in zip(
        cols[:4], [("author", "Who"), ("kind", "Kind"), (ACTOR, "Actor"), (CONCEPT, "Concept")],
        strict=True,
    ):  # fmt: skip
        options = sorted(frame[column].dropna().astype(str).unique())
        chosen[column] = col.multiselect(label, options, key=f"{key}_{column}")
    days = cols[4].text_input("Since (YYYY-MM-DD)", key=f"{key}_since", max_chars=10)
    keep = pd.Series(True, index=frame.index)
    for column, values in chosen.items():
        if values:
            keep &= frame[column].astype(str).isin(values)
    if days.strip():
        keep &= frame["created_at"].astype(str) >= days.strip()
    return frame[keep]


def history_table(frame: pd.DataFrame, *, key: str) -> None:
    """The corrections as a table of plain cells (a note is text, never markup)."""
    st.dataframe(frame, hide_index=True, column_config=HISTORY_CONFIG, key=key)


def undo_choice(
    store: CorrectionStore, history: Sequence[Correction], *, writable: bool, key: str
) -> None:
    """Pick a correction in force and undo it (its whole batch); the history keeps both."""
    if not writable:
        return
    batches: dict[str, str] = {}
    for c in reversed(history):  # newest first
        if not c.undone and c.batch not in batches:
            what = c.judgment.concept or "quote"
            batches[c.batch] = (
                f"#{c.id} {c.created_at.replace('T', ' ')[:16]} · {c.author} · "
                f"{c.judgment.actor or c.judgment.value.get('actor') or ''} · {what} · "
                f"now {_value(c.judgment.kind, c.judgment.value)}"
            )
    if not batches:
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    batch = left.selectbox(
        "Undo a correction", [None, *batches], key=f"{key}_pick",
        format_func=lambda b: "Choose a correction to undo" if b is None else batches[b],
    )  # fmt: skip
    if right.button("Undo", key=key, icon=":material/undo:", disabled=batch is None):
        try:
            store.undo(str(batch), author=current_user())
        except CorrectionRejected as e:
            st.error(escape_markdown(e.reason), icon=":material/error:")
            return
        st.rerun()


def gold_download(store: CorrectionStore, *, key: str) -> None:
    """'Download as gold': the judgments in force as gold JSONL (`evaluate --gold` reads it)."""

    def data() -> bytes:
        return gold_bytes(export_gold(current(store), store.documents()))

    st.download_button(
        "Download as gold (JSONL)", partial(data), file_name="stancemap_corrections_gold.jsonl",
        mime="application/jsonl", key=key, icon=":material/download:", on_click="ignore",
        help="One document per corrected article, in the format of the gold guidelines:"
        " `python -m analysis evaluate --gold FILE` scores it; `train --train` learns from it.",
    )  # fmt: skip
