"""Settings read once from the environment (or st.secrets) and passed down as arguments."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, fields
from pathlib import Path

import streamlit as st

from analysis import __version__
from analysis.corpus import Limits

logger = logging.getLogger(__name__)

PREFIX = "STANCEMAP_"
DEFAULT_MAX_UPLOAD_MB = 200  # Streamlit's own server.maxUploadSize default
DEFAULT_MAX_ANALYSE_ARTICLES = 2_000  # an upload above this is loaded but not analysed
# Where `make data` writes the tables of the default corpus (located from this file, not the cwd).
DEFAULT_TABLES_DIR = Path(__file__).resolve().parent.parent / "data" / "tables"


@dataclass(frozen=True, slots=True)
class Settings:
    """What an operator can configure: corpus, tables, pipeline, upload limits; the app version."""

    corpus_path: Path | None  # None: the default corpus shipped under data/corpus
    limits: Limits
    max_upload_mb: int
    version: str
    tables_path: Path  # prebuilt tables (`python -m analysis build --out DIR`)
    tables_explicit: bool  # STANCEMAP_TABLES was set: its tables win over STANCEMAP_CORPUS
    max_analyse_articles: int  # an upload with more accepted articles is not analysed
    pipeline: str | None  # spaCy pipeline tried first for uploads (None: analysis's default)


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """Settings of this server process, read once (env first, then st.secrets)."""
    corpus = _lookup("CORPUS")
    limits = Limits(
        **{f.name: _whole(f.name.upper()) for f in fields(Limits) if _lookup(f.name.upper())}
    )
    tables = _lookup("TABLES")
    settings = Settings(
        corpus_path=Path(corpus).expanduser() if corpus else None,
        limits=limits,
        max_upload_mb=_whole("MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB),
        version=__version__,
        tables_path=Path(tables).expanduser() if tables else DEFAULT_TABLES_DIR,
        tables_explicit=bool(tables),
        max_analyse_articles=_whole("MAX_ANALYSE_ARTICLES", DEFAULT_MAX_ANALYSE_ARTICLES),
        pipeline=_lookup("PIPELINE") or None,
    )
    logger.info("settings: %s", settings)
    return settings


def _lookup(name: str) -> str | None:
    """STANCEMAP_<name> from the environment, else from st.secrets, else None."""
    key = PREFIX + name
    if key in os.environ:
        return os.environ[key]
    try:
        value = st.secrets.get(key)
    except FileNotFoundError:  # no secrets.toml: the environment is the only source
        return None
    return None if value is None else str(value)


def _whole(name: str, default: int | None = None) -> int:
    """A whole-number setting (or `default` when unset); errors name the setting and the value."""
    raw = _lookup(name) or ""
    if not raw and default is not None:
        return default
    try:
        return int(raw.replace("_", ""))
    except ValueError as e:
        raise ValueError(f"{PREFIX}{name}={raw!r} is not a whole number") from e
