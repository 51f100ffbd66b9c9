"""Corrections in the app: the shared store, the judgments in force, and the corrected tables.

Every run asks the database for its version (two counts); the judgments and the corrected
tables of the default corpus are rebuilt only when that version changed, once per server,
so a correction made in one session shows in every session on its next run.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from analysis.corrections.apply import Corrected, apply_corrections
from analysis.corrections.service import current as current_corrections
from analysis.corrections.store import Correction, CorrectionStore
from analysis.errors import DatabaseUnavailable
from ui.progress import escape_markdown
from ui.settings import Settings
from ui.tables import AnalysisTables, StanceTables

logger = logging.getLogger(__name__)
SHOW_KEY = "sidebar_corrections"  # the sidebar toggle: show the corrected or the raw output
WARNED_KEY = "corrections_db_warned"  # the database-down notice is shown once per session
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Judgments:
    """The judgments in force at one version of the database."""

    version: tuple[int, int]
    current: tuple[Correction, ...]
    database: str = ""  # a short hash of the database URL

    @property
    def tag(self) -> str:
        """A short text naming this database and version (part of the keys of shared results)."""
        return f"{self.database}:c{self.version[0]}u{self.version[1]}"


@st.cache_resource(show_spinner=False, max_entries=4)
def store(url: str) -> CorrectionStore:
    """The corrections database of this server (created and migrated on first use)."""
    return CorrectionStore(url)


@st.cache_resource(show_spinner=False, max_entries=4)
def _judgments(url: str, version: tuple[int, int]) -> Judgments:
    database = hashlib.blake2b(url.encode(), digest_size=4).hexdigest()
    return Judgments(version, tuple(current_corrections(store(url))), database)


def judgments(settings: Settings) -> Judgments | None:
    """The judgments in force now; None when corrections are off or the database is down (the
    pages then show the uncorrected output, with a warning)."""
    if not settings.corrections:
        return None
    try:
        db = store(settings.db_url)
        return _judgments(settings.db_url, db.version())
    except DatabaseUnavailable as e:
        logger.warning("%s", e)
        if not st.session_state.get(WARNED_KEY):
            st.session_state[WARNED_KEY] = True
            st.toast(f"Corrections are not shown: {escape_markdown(str(e))}", icon="⚠️")
        return None


def showing_corrections(settings: Settings) -> bool:
    """True when this session shows the corrected output (the sidebar toggle, on by default)."""
    return settings.corrections and bool(st.session_state.get(SHOW_KEY, True))


def corrected_analysis(
    analysis: AnalysisTables, articles: pd.DataFrame, found: Judgments, build: str
) -> AnalysisTables:
    """`analysis` with the judgments applied (shared per build and database version)."""
    if not found.current or analysis.stances is None:
        return replace(analysis, corrections=found.tag)
    return _corrected(build, found.tag, analysis, articles, found)


@st.cache_resource(show_spinner=False, max_entries=2)
def _corrected(
    build: str, tag: str, _analysis: AnalysisTables, _articles: pd.DataFrame, _found: Judgments
) -> AnalysisTables:
    """Keyed by the build and the database version; read-only, shared by every session."""
    assert _analysis.stances is not None
    texts = article_texts(_articles)
    fixed: Corrected = apply_corrections(
        _analysis.stances.document_stances, _analysis.stances.stances, _analysis.quotes,
        _found.current, texts,
    )  # fmt: skip
    stances = StanceTables(fixed.stances, fixed.document_stances, _analysis.stances.concepts)
    return replace(
        _analysis, stances=stances, quotes=fixed.quotes, corrections=tag,
        orphaned=fixed.orphaned, applied=fixed.applied,
    )  # fmt: skip


def article_texts(articles: pd.DataFrame) -> Mapping[str, str]:
    """Article id -> text."""
    return dict(zip(articles["id"].astype(str), articles["text"].astype(str), strict=True))


def current_user() -> str:
    """Who a correction is by: the logged-in user's e-mail or name, else 'anonymous'."""
    try:
        if st.user.get("is_logged_in", False):
            return str(st.user.get("email") or st.user.get("name") or ANONYMOUS)
    except (AttributeError, KeyError):  # no identity provider configured
        pass
    return ANONYMOUS


def toggle() -> None:
    """The sidebar switch between the corrected and the raw output."""
    st.toggle(
        "Apply corrections", value=True, key=SHOW_KEY,
        help="People's corrections of stances and quotes, shared by everyone using this"
        " deployment. Off: the output of the automatic analysis as it is.",
    )  # fmt: skip


def caption(shown: pd.DataFrame | None, analysis: AnalysisTables | None) -> str | None:
    """'3 corrected statements in view; 12 corrections in force (1 orphaned)'."""
    if analysis is None or not analysis.corrections:
        return None
    in_view = 0
    if shown is not None and "corrected_by" in shown:
        in_view = int(shown["corrected_by"].notna().sum())
    text = f"{in_view:,} corrected statement{'' if in_view == 1 else 's'} in view;"
    text += f" {analysis.applied:,} correction{'' if analysis.applied == 1 else 's'} applied"
    if analysis.orphaned:
        text += f" ({len(analysis.orphaned):,} orphaned: their article is gone)"
    return text + "."
