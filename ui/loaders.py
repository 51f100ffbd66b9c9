"""Which corpus a session is looking at: the shared default corpus or the session's own upload."""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd
import streamlit as st

from analysis.corpus import load_corpus, load_default_corpus
from analysis.nlp.pipeline import PipelineInfo, load_pipeline
from analysis.packs import default_packs
from charts.style import plural
from ui.corrections import corrected_analysis, judgments, showing_corrections
from ui.progress import escape_markdown, progress_reporter
from ui.settings import Settings, get_settings
from ui.tables import (
    AnalysisTables,
    CorpusTables,
    SessionConcept,
    StanceTables,
    build_name,
    read_build,
)

if TYPE_CHECKING:
    from spacy.language import Language

CorpusKind = Literal["default", "upload"]
DEFAULT: CorpusKind = "default"
UPLOAD: CorpusKind = "upload"

# st.session_state keys. The choice key is the sidebar radio's widget key.
CHOICE_KEY = "sidebar_corpus"
UPLOAD_KEY = "corpus_uploaded"
# Bumped to give the file uploader a fresh, empty widget.
UPLOADER_NONCE_KEY = "corpus_uploader_nonce"
# This session's own concepts: {corpus key: {concept id: SessionConcept}}.
CONCEPTS_KEY = "concepts_defined"


@dataclass(eq=False)
class JobProgress:
    """What an analysis in a worker thread reports, and whether it should stop.

    The worker replaces `state` whole (one atomic assignment); the script thread only reads it.
    """

    total: int  # articles to analyse
    state: tuple[int, str] = (0, "waiting for the analysis to start")  # (done, message)
    stop: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True, eq=False)
class AnalysisJob:
    """An upload's analysis running in the background (ui.upload starts it)."""

    future: Future[CorpusTables]
    progress: JobProgress


@dataclass(frozen=True)
class UploadedCorpus:
    """A user's upload: the file names, what loading them gave, and its running analysis."""

    names: tuple[str, ...]
    tables: CorpusTables
    job: AnalysisJob | None = None  # while it runs; its result then replaces `tables`


@dataclass(frozen=True)
class ActiveCorpus:
    """The corpus the pages of this session show."""

    kind: CorpusKind
    label: str
    tables: CorpusTables


NOT_BUILT = "The analysis tables are not built yet: run `make data`"
NOT_BUILT_FOR_FOLDER = (
    "The analysis tables of this corpus folder are not built: run"
    " `python -m analysis build FOLDER --out TABLES` and set STANCEMAP_TABLES=TABLES."
)
NO_STANCES = (
    "These analysis tables were built before stances were extracted, so they hold no stances:"
    " rebuild them with `make data`."
)
NO_STANCES_UPLOAD = (
    "Stances are not shown for an upload yet. Choose the default corpus in the sidebar to see them."
)
ANALYSING = (
    "Your upload is being analysed in the background: the progress bar shows how far it is,"
    " and the pages show the analysis when it is done."
)
ANALYSIS_FAILED = "The analysis of your upload failed: the error is shown below and logged."
POLL_SECONDS = 1.0  # how often a page asks a running analysis how far it is
STALE = (
    "These analysis tables were built by another version of the pipeline ({version}), so"
    " they may differ from what this version of Stancemap finds. Rebuild them with `make data`."
)


def default_tables(settings: Settings) -> CorpusTables:
    """The shared corpus: its prebuilt tables when a complete build exists, else loaded unanalysed.

    Prebuilt tables serve the default corpus, or any corpus when STANCEMAP_TABLES names them.
    """
    if settings.corpus_path is None or settings.tables_explicit:
        build = build_name(settings.tables_path)
        if build is not None:
            return prebuilt_corpus(str(settings.tables_path), build)
    path = str(settings.corpus_path) if settings.corpus_path is not None else None
    return default_corpus(path)


@st.cache_resource(show_spinner="Reading the corpus tables", max_entries=2)
def prebuilt_corpus(tables_dir: str, build: str) -> CorpusTables:
    """The tables of one build, read once per server; read-only.

    `build` (the current build's folder name) is part of the cache key, so a new
    `make data` is picked up on the next rerun.
    """
    return read_build(Path(tables_dir))


@st.cache_resource(show_spinner=False, max_entries=2)
def default_corpus(corpus_path: str | None = None) -> CorpusTables:
    """The default corpus (or STANCEMAP_CORPUS's folder), loaded once per server; read-only.

    Only when no tables are built: the corpus accounting is there, its analysis is not.
    """
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
    return CorpusTables.from_report(
        report, not_analysed=NOT_BUILT if corpus_path is None else NOT_BUILT_FOR_FOLDER
    )


@st.cache_resource(show_spinner=False, max_entries=2)
def spacy_pipeline(name: str | None) -> tuple[Language, PipelineInfo]:
    """The spaCy pipeline (for uploads), loaded once per server and shared read-only."""
    return load_pipeline(name)


def clear_corpus_caches() -> None:
    """Forget the shared corpus tables (tests switch corpus folders)."""
    prebuilt_corpus.clear()
    default_corpus.clear()


def default_label(settings: Settings) -> str:
    """'Default corpus (6 sources)', or the name of the tables or corpus folder set instead."""
    if settings.tables_explicit:
        return f"Tables folder: {settings.tables_path.name}"
    if settings.corpus_path is not None:
        return f"Corpus folder: {settings.corpus_path.name}"
    return f"Default corpus ({plural(_pack_count(), 'source')})"


@st.cache_resource(show_spinner=False)
def _pack_count() -> int:
    return len(default_packs())


def upload_label(upload: UploadedCorpus) -> str:
    """'Your upload: 3 files'."""
    n = len(upload.names)
    return f"Your upload: {n} file{'' if n == 1 else 's'}"


def session_upload() -> UploadedCorpus | None:
    """This session's uploaded corpus, if any (kept in st.session_state only); a finished
    background analysis replaces its tables here, at the start of the next run."""
    upload: UploadedCorpus | None = st.session_state.get(UPLOAD_KEY)
    if upload is None or upload.job is None or not upload.job.future.done():
        return upload
    failed = replace(upload.tables, not_analysed=ANALYSIS_FAILED)
    st.session_state[UPLOAD_KEY] = replace(upload, tables=failed, job=None)
    finished = replace(upload, tables=upload.job.future.result(), job=None)  # a bug raises, once
    st.session_state[UPLOAD_KEY] = finished
    return finished


def analysis_progress() -> None:
    """While this session's upload is analysed in the background: its progress bar, which
    reruns the whole app when the analysis is done."""
    upload: UploadedCorpus | None = st.session_state.get(UPLOAD_KEY)
    if upload is not None and upload.job is not None:
        _poll_job(upload.job)


@st.fragment(run_every=POLL_SECONDS)
def _poll_job(job: AnalysisJob) -> None:
    if job.future.done():
        st.rerun(scope="app")  # session_upload() then takes the result
    done, message = job.progress.state
    total = job.progress.total
    label = f"Analysing your upload ({total:,} article{'' if total == 1 else 's'})"
    st.progress(min(done / max(total, 1), 1.0), text=f"{label} - {escape_markdown(message)}")


def active_corpus(settings: Settings) -> ActiveCorpus:
    """The corpus chosen in the sidebar: the session's upload, else the default corpus."""
    upload = session_upload()
    if upload is not None and st.session_state.get(CHOICE_KEY) == UPLOAD:
        return ActiveCorpus(UPLOAD, upload_label(upload), upload.tables)
    return ActiveCorpus(DEFAULT, default_label(settings), default_tables(settings))


def require_analysis(active: ActiveCorpus) -> AnalysisTables:
    """The active corpus's analysis, with this session's own concepts; else say why there is
    none and stop the page."""
    analysis = analysis_of(active)
    if analysis is None:
        if active.kind == UPLOAD and (upload := session_upload()) and upload.job is not None:
            analysis_progress()
            st.stop()
        st.info(active.tables.not_analysed or NOT_BUILT, icon=":material/info:")
        st.stop()
    if not analysis.current:
        version = (analysis.stamp or {}).get("pipeline_version", "unknown")
        st.warning(STALE.format(version=version), icon=":material/update:")
    if analysis.warning:
        st.warning(analysis.warning, icon=":material/warning:")
    return analysis


def shared_analysis(active: ActiveCorpus) -> AnalysisTables | None:
    """The active corpus's analysis as every session sees it: for the default corpus, with the
    deployment's corrections applied (unless this session turned them off); read-only."""
    analysis = active.tables.analysis
    if analysis is None or active.kind != DEFAULT:
        return analysis
    settings = get_settings()
    found = judgments(settings) if showing_corrections(settings) else None
    if found is None or not found.current:
        return analysis
    stamp = analysis.stamp or {}
    build = f"{stamp.get('built_at')}|{stamp.get('corpus_hash')}|{len(active.tables.articles)}"
    return corrected_analysis(analysis, active.tables.articles, found, build)


def analysis_of(active: ActiveCorpus) -> AnalysisTables | None:
    """The active corpus's analysis (corrected: shared_analysis) with this session's own
    concepts added; None if none."""
    analysis = shared_analysis(active)
    if analysis is None:
        return None
    extra = session_concepts(active)
    if extra and analysis.stances is not None:
        # A new object: the shared cached tables stay as they are, for every other session.
        stances = analysis.stances.with_added([c.tables for c in extra])
        analysis = replace(analysis, stances=stances)
    return analysis


def require_stances(active: ActiveCorpus, analysis: AnalysisTables) -> StanceTables:
    """The active corpus's stance tables; else say why there are none and stop the page."""
    if analysis.stances is None:
        message = NO_STANCES_UPLOAD if active.kind == UPLOAD else NO_STANCES
        st.info(message, icon=":material/info:")
        st.stop()
    return analysis.stances


def forget_upload() -> None:
    """Drop this session's upload and go back to the default corpus (a button callback)."""
    upload: UploadedCorpus | None = st.session_state.pop(UPLOAD_KEY, None)
    if upload is not None and upload.job is not None:
        upload.job.progress.stop.set()  # frees the worker for other sessions
    st.session_state[CHOICE_KEY] = DEFAULT
    st.session_state[UPLOADER_NONCE_KEY] = st.session_state.get(UPLOADER_NONCE_KEY, 0) + 1


def corpus_key(active: ActiveCorpus) -> str:
    """Which corpus a session concept was found in: its kind and a hash of its article ids."""
    hashes = pd.util.hash_pandas_object(active.tables.articles["id"], index=False)
    digest = hashlib.blake2b(hashes.to_numpy().tobytes(), digest_size=8).hexdigest()
    return f"{active.kind}:{digest}"


def session_concepts(active: ActiveCorpus) -> tuple[SessionConcept, ...]:
    """The concepts this session defined on the active corpus (kept in st.session_state only)."""
    store = st.session_state.get(CONCEPTS_KEY)
    if not store:
        return ()
    return tuple(store.get(corpus_key(active), {}).values())


def keep_session_concept(active: ActiveCorpus, found: SessionConcept) -> None:
    """Remember a concept for this session and corpus; one of the same id is replaced."""
    store = dict(st.session_state.get(CONCEPTS_KEY) or {})
    key = corpus_key(active)
    store[key] = {**store.get(key, {}), found.concept.id: found}
    st.session_state[CONCEPTS_KEY] = store


def forget_session_concept(key: str, concept_id: str) -> None:
    """Drop one of this session's concepts (a button callback; `key` is its corpus key)."""
    store = dict(st.session_state.get(CONCEPTS_KEY) or {})
    store[key] = {i: c for i, c in store.get(key, {}).items() if i != concept_id}
    st.session_state[CONCEPTS_KEY] = store
