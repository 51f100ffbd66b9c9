"""Which corpus a session is looking at: the shared default corpus or the session's own upload."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import streamlit as st

from analysis.corpus import LoadReport, load_corpus, load_default_corpus
from analysis.packs import default_packs
from ui.progress import progress_reporter
from ui.settings import Settings

CorpusKind = Literal["default", "upload"]
DEFAULT: CorpusKind = "default"
UPLOAD: CorpusKind = "upload"

# st.session_state keys. The choice key is the sidebar radio's widget key.
CHOICE_KEY = "sidebar_corpus"
UPLOAD_KEY = "corpus_uploaded"
# Bumped to give the file uploader a fresh, empty widget.
UPLOADER_NONCE_KEY = "corpus_uploader_nonce"


@dataclass(frozen=True)
class CorpusTables:
    """A LoadReport with its tables built once; read-only (the default one is shared by all)."""

    report: LoadReport
    summary: dict[str, Any]
    articles: pd.DataFrame
    rejected: pd.DataFrame
    duplicates: pd.DataFrame
    file_problems: pd.DataFrame

    @classmethod
    def from_report(cls, report: LoadReport) -> CorpusTables:
        """Build every table of `report` once."""
        return cls(
            report=report,
            summary=report.summary(),
            articles=report.articles_frame(),
            rejected=report.rejected_frame(),
            duplicates=report.duplicates_frame(),
            file_problems=report.file_problems_frame(),
        )


@dataclass(frozen=True)
class UploadedCorpus:
    """A user's upload: the file names and what loading them gave."""

    names: tuple[str, ...]
    tables: CorpusTables


@dataclass(frozen=True)
class ActiveCorpus:
    """The corpus the pages of this session show."""

    kind: CorpusKind
    label: str
    tables: CorpusTables


@st.cache_resource(show_spinner=False, max_entries=2)
def default_corpus(corpus_path: str | None = None) -> CorpusTables:
    """The default corpus (or STANCEMAP_CORPUS's folder), loaded once per server; read-only."""
    # The bar is created inside the cached function so Streamlit can replay (and then empty) it.
    bar = st.progress(0.0, text="Loading the corpus (first visit only)")
    progress = progress_reporter(bar, "Loading the corpus (first visit only)")
    if corpus_path is None:
        report = load_default_corpus(progress=progress)
    elif default_packs(Path(corpus_path)):  # a folder of packs, laid out like data/corpus
        report = load_default_corpus(progress=progress, root=Path(corpus_path))
    else:
        report = load_corpus([corpus_path], progress=progress)
    bar.empty()
    return CorpusTables.from_report(report)


def default_label(settings: Settings) -> str:
    """'Default corpus (6 sources)', or the override folder's name."""
    if settings.corpus_path is not None:
        return f"Corpus folder: {settings.corpus_path.name}"
    return f"Default corpus ({_pack_count()} sources)"


@st.cache_resource(show_spinner=False)
def _pack_count() -> int:
    return len(default_packs())


def upload_label(upload: UploadedCorpus) -> str:
    """'Your upload: 3 files'."""
    n = len(upload.names)
    return f"Your upload: {n} file{'' if n == 1 else 's'}"


def session_upload() -> UploadedCorpus | None:
    """This session's uploaded corpus, if any (kept in st.session_state only)."""
    return st.session_state.get(UPLOAD_KEY)


def active_corpus(settings: Settings) -> ActiveCorpus:
    """The corpus chosen in the sidebar: the session's upload, else the default corpus."""
    upload = session_upload()
    if upload is not None and st.session_state.get(CHOICE_KEY) == UPLOAD:
        return ActiveCorpus(UPLOAD, upload_label(upload), upload.tables)
    path = str(settings.corpus_path) if settings.corpus_path is not None else None
    return ActiveCorpus(DEFAULT, default_label(settings), default_corpus(path))


def forget_upload() -> None:
    """Drop this session's upload and go back to the default corpus (a button callback)."""
    st.session_state.pop(UPLOAD_KEY, None)
    st.session_state[CHOICE_KEY] = DEFAULT
    st.session_state[UPLOADER_NONCE_KEY] = st.session_state.get(UPLOADER_NONCE_KEY, 0) + 1
