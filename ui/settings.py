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


@dataclass(frozen=True, slots=True)
class Settings:
    """What an operator can configure: corpus folder, upload limits; plus the app version."""

    corpus_path: Path | None  # None: the default corpus shipped under data/corpus
    limits: Limits
    max_upload_mb: int
    version: str


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """Settings of this server process, read once (env first, then st.secrets)."""
    corpus = _lookup("CORPUS")
    limits = Limits(
        **{f.name: _whole(f.name.upper()) for f in fields(Limits) if _lookup(f.name.upper())}
    )
    max_upload_mb = _whole("MAX_UPLOAD_MB") if _lookup("MAX_UPLOAD_MB") else DEFAULT_MAX_UPLOAD_MB
    settings = Settings(
        corpus_path=Path(corpus).expanduser() if corpus else None,
        limits=limits,
        max_upload_mb=max_upload_mb,
        version=__version__,
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


def _whole(name: str) -> int:
    """A whole-number setting; the error names the setting and the value that is wrong."""
    raw = _lookup(name) or ""
    try:
        return int(raw.replace("_", ""))
    except ValueError as e:
        raise ValueError(f"{PREFIX}{name}={raw!r} is not a whole number") from e
