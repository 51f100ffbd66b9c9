"""A user's own files: uploaded, loaded with a progress bar, kept in st.session_state only."""

from __future__ import annotations

import streamlit as st

from analysis.build import analyse_articles, corpus_tables
from analysis.corpus import LoadReport, load_uploaded
from analysis.gazetteer import default_gazetteer
from ui.loaders import (
    CHOICE_KEY,
    UPLOAD,
    UPLOAD_KEY,
    UPLOADER_NONCE_KEY,
    UploadedCorpus,
    forget_upload,
    spacy_pipeline,
)
from ui.progress import progress_reporter
from ui.settings import Settings
from ui.tables import AnalysisTables, CorpusTables, StanceTables

UPLOAD_TYPES = ("jsonl", "json", "gz", "csv", "tsv", "parquet", "zip", "txt", "md", "html", "htm")
NOTHING_TO_ANALYSE = "No article of your upload was accepted, so there is nothing to analyse."
HELP = (
    "JSON Lines, JSON, CSV/TSV, Parquet, plain text, Markdown or HTML; "
    "gzip or ZIP archives of these. A record needs a text; title, date, source and url "
    "are used when present."
)


def upload_box(settings: Settings, *, key: str) -> None:
    """File uploader; new files are loaded into this session and become its active corpus."""
    key = f"{key}_{st.session_state.get(UPLOADER_NONCE_KEY, 0)}"  # a new key empties the widget
    st.file_uploader(
        "Add your own files",
        type=list(UPLOAD_TYPES),
        accept_multiple_files=True,
        key=key,
        help=HELP,
        max_upload_size=settings.max_upload_mb,
        on_change=_load_upload,
        args=(key, settings),
    )
    st.caption(
        "Your files stay in this browser session: no other user sees them, and they are gone "
        "when the session ends. Every record is either accepted or listed with the reason it "
        "was left out."
    )


def _load_upload(key: str, settings: Settings) -> None:
    """on_change callback: load the files into this session and make them its active corpus.

    A callback runs before the script, so the sidebar drawn next already shows the upload.
    """
    files = st.session_state.get(key) or []
    if not files:  # the user removed the files from the uploader
        if st.session_state.get(UPLOAD_KEY) is not None:
            forget_upload()
        return
    label = f"Reading {len(files)} file{'' if len(files) == 1 else 's'}"
    bar = st.progress(0.0, text=label)
    report = load_uploaded(
        [(f.name, f.getvalue()) for f in files],
        limits=settings.limits,
        progress=progress_reporter(bar, label),
    )
    bar.empty()
    st.session_state[UPLOAD_KEY] = UploadedCorpus(
        names=tuple(f.name for f in files),
        tables=analyse_upload(report, settings),
    )
    st.session_state[CHOICE_KEY] = UPLOAD


def analyse_upload(report: LoadReport, settings: Settings) -> CorpusTables:
    """The upload's tables, analysed with a progress bar when it is small enough."""
    n = report.accepted
    if n == 0:
        return CorpusTables.from_report(report, not_analysed=NOTHING_TO_ANALYSE)
    if n > settings.max_analyse_articles:
        return CorpusTables.from_report(
            report, not_analysed=too_many(n, settings.max_analyse_articles)
        )
    label = f"Analysing {n:,} article{'' if n == 1 else 's'}"
    bar = st.progress(0.0, text=f"{label} - loading the language model")
    gaz = default_gazetteer()
    nlp, info = spacy_pipeline(settings.pipeline)
    analysis = analyse_articles(
        report.articles, loaded=(nlp, info), gaz=gaz, progress=progress_reporter(bar, label)
    )
    bar.empty()
    frames = corpus_tables(report, analysis, gaz)
    tables = AnalysisTables(
        mentions=frames["mentions"],
        quotes=frames["quotes"],
        actors=frames["actors"],
        pipeline=info.label,
        warning=info.warning,
        current=True,  # analysed just now, by this code
        stances=StanceTables.from_frames(frames),
    )
    return CorpusTables.from_frames(frames, analysis=tables)


def too_many(count: int, limit: int) -> str:
    """Why a large upload was loaded but not analysed."""
    return (
        f"Your upload has {count:,} articles: more than the {limit:,} this server analyses in a"
        " browser session, so only its accounting is shown. Analyse larger corpora with"
        " `python -m analysis build FILES --out TABLES`."
    )
