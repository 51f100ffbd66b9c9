"""A user's own files: uploaded, loaded, analysed in the background, kept in st.session_state.

Loading runs in the uploader's callback. The analysis runs in a worker thread (one per server),
bounded in time; the callback waits a few seconds for it, so a small upload shows analysed at
once, and a longer one goes on while the pages show a progress bar (ui.loaders.analysis_progress).
Analysed tables are cached on disk by a hash of the files' names and bytes, the load limits and
the pipeline version: an identical upload, by anyone, is read back instead of analysed again.
Someone holding the same bytes learns nothing new from that cache; nobody else can find it.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import logging
import os
import shutil
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.build import analyse_articles, corpus_tables, pipeline_version
from analysis.corpus import Limits, LoadReport, load_uploaded
from analysis.gazetteer import default_gazetteer
from analysis.nlp.pipeline import PipelineInfo
from analysis.store import corpus_hash, write_tables
from charts.style import plural
from ui.loaders import (
    ANALYSING,
    CHOICE_KEY,
    UPLOAD,
    UPLOAD_KEY,
    UPLOADER_NONCE_KEY,
    AnalysisJob,
    JobProgress,
    UploadedCorpus,
    analysis_progress,
    forget_upload,
    spacy_pipeline,
)
from ui.progress import escape_markdown, progress_reporter
from ui.settings import Settings
from ui.tables import AnalysisTables, CorpusTables, StanceTables, build_name, read_build

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

UPLOAD_TYPES = ("jsonl", "json", "gz", "csv", "tsv", "parquet", "zip", "txt", "md", "html", "htm")
NOTHING_TO_ANALYSE = "No article of your upload was accepted, so there is nothing to analyse."
READ_ONLY = "Uploads are switched off on this server (a read-only, public Stancemap)."
STOPPED = "The analysis of your upload was stopped."
HELP = (
    "JSON Lines, JSON, CSV/TSV, Parquet, plain text, Markdown or HTML; "
    "gzip or ZIP archives of these. A record needs a text; title, date, source and url "
    "are used when present."
)
# One analysis at a time per server: it keeps a core busy, and the spaCy pipeline is shared.
_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stancemap-analyse")
_WAIT_STEP_S = 0.2


def upload_box(settings: Settings, *, key: str) -> None:
    """File uploader; new files are loaded into this session and become its active corpus."""
    if settings.read_only:
        st.caption(READ_ONLY)
        return
    analysis_progress()  # of this session's upload, while it is analysed
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
    if settings.read_only:  # no uploader is drawn then; a stale browser tab may still send one
        return
    if (previous := st.session_state.get(UPLOAD_KEY)) is not None and previous.job is not None:
        previous.job.progress.stop.set()  # replaced by this upload
    named = [(f.name, f.getvalue()) for f in files]
    label = f"Reading {len(files)} file{'' if len(files) == 1 else 's'}"
    bar = st.progress(0.0, text=label)
    report = load_uploaded(named, limits=settings.limits, progress=progress_reporter(bar, label))
    bar.empty()
    st.session_state[UPLOAD_KEY] = UploadedCorpus(
        tuple(f.name for f in files), *analyse_upload(report, named, settings)
    )
    st.session_state[CHOICE_KEY] = UPLOAD


def analyse_upload(
    report: LoadReport, files: Sequence[tuple[str, bytes]], settings: Settings
) -> tuple[CorpusTables, AnalysisJob | None]:
    """The upload's tables: cached, or analysed within a few seconds, or not analysed (with the
    reason); else its accounting and the background job analysing it."""
    n = report.accepted
    if n == 0:
        return CorpusTables.from_report(report, not_analysed=NOTHING_TO_ANALYSE), None
    if n > settings.max_analyse_articles:
        return CorpusTables.from_report(
            report, not_analysed=too_many(n, settings.max_analyse_articles)
        ), None
    label = f"Analysing {n:,} article{'' if n == 1 else 's'}"
    bar = st.progress(0.0, text=f"{label} - loading the language model")
    loaded = spacy_pipeline(settings.pipeline)
    cache = UploadCache.of(settings)
    key = upload_key(files, settings.limits, pipeline_version(loaded[1]))
    cached = cache.get(key)
    if cached is not None:
        bar.empty()
        return cached, None
    progress = JobProgress(total=n)
    future = _EXECUTOR.submit(
        analysed_tables, report, loaded, key, cache, progress, settings.max_analyse_seconds
    )
    job = AnalysisJob(future, progress)
    _wait(job, bar, label, settings.analyse_wait_seconds)
    bar.empty()
    if future.done():
        return future.result(), None
    return CorpusTables.from_report(report, not_analysed=ANALYSING), job


def _wait(job: AnalysisJob, bar: DeltaGenerator, label: str, seconds: float) -> None:
    """Show the job's progress for up to `seconds`, or until it is done."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, message = job.progress.state
        fraction = min(done / max(job.progress.total, 1), 1.0)
        bar.progress(fraction, text=f"{label} - {escape_markdown(message)}")
        finished, _ = concurrent.futures.wait([job.future], timeout=_WAIT_STEP_S)
        if finished:
            return


def too_many(count: int, limit: int) -> str:
    """Why a large upload was loaded but not analysed."""
    return (
        f"Your upload has {plural(count, 'article')}: more than the {limit:,} this server"
        " analyses in a browser session, so only its accounting is shown. Analyse larger"
        " corpora with `python -m analysis build FILES --out TABLES`."
    )


def too_slow(seconds: int, done: int, total: int) -> str:
    """Why an upload's analysis was stopped half way."""
    return (
        f"The analysis of your upload was stopped after {seconds:,} seconds, this server's limit"
        f" for a browser session, with {done:,} of {plural(total, 'article')} analysed; so only its"
        " accounting is shown. Analyse larger corpora with"
        " `python -m analysis build FILES --out TABLES`."
    )


# ---------------------------------------------------------------------------- worker thread


class AnalysisStopped(Exception):
    """Raised from the progress callback to end an analysis: too slow, or no longer wanted."""


def analysed_tables(
    report: LoadReport,
    loaded: tuple[Language, PipelineInfo],
    key: str,
    cache: UploadCache,
    progress: JobProgress,
    max_seconds: int,
) -> CorpusTables:
    """Runs in the worker thread (no Streamlit calls): the cached tables of an identical upload,
    else the upload analysed within `max_seconds` and cached; else why it was not analysed."""
    cached = cache.get(key)  # an identical upload may have been analysed while this one waited
    if cached is not None:
        return cached
    if progress.stop.is_set():
        return CorpusTables.from_report(report, not_analysed=STOPPED)
    progress.state = (0, "analysing the first articles")
    deadline = time.monotonic() + max_seconds

    def report_progress(done: int, total: int, message: str) -> None:
        progress.state = (done, message)
        if done >= total:  # finished: never throw a complete analysis away
            return
        if progress.stop.is_set():
            raise AnalysisStopped(STOPPED)
        if time.monotonic() > deadline:
            raise AnalysisStopped(too_slow(max_seconds, done, total))

    gaz = default_gazetteer()
    try:
        analysis = analyse_articles(
            report.articles, loaded=loaded, gaz=gaz, progress=report_progress
        )
    except AnalysisStopped as e:
        logger.info("upload %s: %s", key[:12], e)
        return CorpusTables.from_report(report, not_analysed=str(e))
    frames = corpus_tables(report, analysis, gaz)
    info = analysis.pipeline
    articles = frames["articles"]
    stamp = {
        "corpus_hash": corpus_hash(zip(articles["id"], articles["text"], strict=True)),
        "pipeline_version": pipeline_version(info),
        "pipeline": info.label,
        "pipeline_warning": info.warning,
        "upload_key": key,
    }
    cache.put(key, frames, stamp)
    return tables_of(frames, info)


def tables_of(frames: Mapping[str, pd.DataFrame], info: PipelineInfo) -> CorpusTables:
    """The tables of an upload analysed just now, by this code."""
    analysis = AnalysisTables(
        mentions=frames["mentions"],
        quotes=frames["quotes"],
        actors=frames["actors"],
        pipeline=info.label,
        warning=info.warning,
        current=True,
        stances=StanceTables.from_frames(frames),
        memberships=frames.get("memberships"),
        relations=frames.get("relations"),
    )
    return CorpusTables.from_frames(frames, analysis=analysis)


# ---------------------------------------------------------------------------- disk cache


def upload_key(files: Sequence[tuple[str, bytes]], limits: Limits, version: str) -> str:
    """sha256 of the files' names and bytes (in order), the load limits and the pipeline version."""
    digest = hashlib.sha256()
    parts = [version.encode(), repr(limits).encode()]
    for name, data in files:
        parts += [name.encode("utf-8"), data]
    for part in parts:  # length-prefixed, so no two different uploads feed the same bytes
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


@dataclass(frozen=True)
class UploadCache:
    """Analysed uploads on disk, one tables folder per upload key; the newest are kept."""

    folder: Path
    max_entries: int  # 0: no cache
    max_bytes: int

    @classmethod
    def of(cls, settings: Settings) -> UploadCache:
        """The cache the settings name (STANCEMAP_CACHE_DIR, _UPLOAD_CACHE_ENTRIES, _MB)."""
        return cls(settings.cache_dir, settings.cache_max_entries, settings.cache_max_mb * 2**20)

    def get(self, key: str) -> CorpusTables | None:
        """The tables cached for `key`, or None (also when they cannot be read)."""
        entry = self.folder / key
        if self.max_entries <= 0 or build_name(entry) is None:
            return None
        try:
            tables = read_build(entry)
            os.utime(entry)  # recently used: pruned last
        except (OSError, ValueError) as e:  # pruned or half-written meanwhile: analyse again
            logger.warning("upload cache %s unreadable: %s", entry, e)
            return None
        return tables

    def put(
        self, key: str, frames: Mapping[str, pd.DataFrame], stamp: Mapping[str, object]
    ) -> None:
        """Store an upload's tables, then prune; a cache that cannot be written is only logged."""
        if self.max_entries <= 0:
            return
        try:
            write_tables(self.folder / key, frames, stamp, private=True)
            self.prune(keep=key)
        except OSError as e:
            logger.warning("upload cache %s not written: %s", self.folder, e)

    def prune(self, keep: str) -> None:
        """Remove the least recently used entries beyond max_entries or max_bytes."""
        entries = sorted(
            (p for p in self.folder.iterdir() if p.is_dir()),
            key=lambda p: (p.name == keep, p.stat().st_mtime),
            reverse=True,
        )
        kept = size = 0
        for entry in entries:  # `keep` first, then the most recently used
            entry_size = sum(f.stat().st_size for f in entry.rglob("*") if f.is_file())
            if entry.name != keep and (
                kept >= self.max_entries or size + entry_size > self.max_bytes
            ):
                shutil.rmtree(entry, ignore_errors=True)
                continue
            kept, size = kept + 1, size + entry_size
