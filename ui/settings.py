"""Settings read once from the environment (or st.secrets) and passed down as arguments."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import streamlit as st

from analysis import __version__
from analysis.corpus import Limits
from analysis.corrections.store import default_db_url
from ui.auth import parse_hash

logger = logging.getLogger(__name__)

PREFIX = "STANCEMAP_"
DEFAULT_MAX_UPLOAD_MB = 200  # Streamlit's own server.maxUploadSize default
DEFAULT_MAX_ANALYSE_ARTICLES = 2_000  # an upload above this is loaded but not analysed
DEFAULT_MAX_ANALYSE_SECONDS = 300  # an upload's analysis is stopped after this long
# A callback waits this long for an upload's analysis, so a small one shows at once; a longer
# one goes on in the background while a progress bar polls it.
DEFAULT_ANALYSE_WAIT_SECONDS = 5
DEFAULT_UPLOAD_CACHE_ENTRIES = 50  # analysed uploads kept on disk (0: no cache)
DEFAULT_UPLOAD_CACHE_MB = 500
REPO_ROOT = Path(__file__).resolve().parent.parent
# Where `make data` writes the tables of the default corpus (located from this file, not the cwd).
DEFAULT_TABLES_DIR = REPO_ROOT / "data" / "tables"
DEFAULT_CACHE_DIR = REPO_ROOT / ".cache" / "uploads"  # git-ignored
TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"", "0", "false", "no", "off"})


@dataclass(frozen=True, slots=True)
class Settings:
    """What an operator can configure: corpus, tables, pipeline, upload limits, access; the app
    version."""

    corpus_path: Path | None  # None: the default corpus shipped under data/corpus
    limits: Limits
    max_upload_mb: int
    version: str
    tables_path: Path  # prebuilt tables (`python -m analysis build --out DIR`)
    tables_explicit: bool  # STANCEMAP_TABLES was set: its tables win over STANCEMAP_CORPUS
    max_analyse_articles: int  # an upload with more accepted articles is not analysed
    pipeline: str | None  # spaCy pipeline tried first for uploads (None: analysis's default)
    max_analyse_seconds: int = DEFAULT_MAX_ANALYSE_SECONDS  # an upload's analysis stops after
    analyse_wait_seconds: int = DEFAULT_ANALYSE_WAIT_SECONDS  # then it goes on in background
    cache_dir: Path = DEFAULT_CACHE_DIR  # analysed uploads, keyed by content hash
    cache_max_entries: int = DEFAULT_UPLOAD_CACHE_ENTRIES
    cache_max_mb: int = DEFAULT_UPLOAD_CACHE_MB
    password_hash: str | None = field(default=None, repr=False)  # 'scrypt:...' (ui.auth)
    oidc: bool = False  # st.secrets has an [auth] section: log in with st.login
    read_only: bool = False  # a public link: no uploads, no concepts of one's own
    min_confidence: float | None = None  # the filter's default (None: the stance scorer's)
    db_url: str = field(default_factory=default_db_url, repr=False)  # corrections database
    corrections: bool = True  # STANCEMAP_CORRECTIONS=off: corrections are neither shown nor made
    run_log: Path | None = None  # STANCEMAP_RUN_LOG: one JSON line per script run (benchmarks)

    @property
    def corrections_writable(self) -> bool:
        """True when a visitor may correct a stance (corrections on, not a read-only link)."""
        return self.corrections and not self.read_only

    @property
    def access_control(self) -> bool:
        """True when a visitor has to log in (OIDC or the shared password) to see anything."""
        return self.oidc or self.password_hash is not None


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """Settings of this server process, read once (env first, then st.secrets)."""
    corpus = _lookup("CORPUS")
    limits = Limits(
        **{f.name: _whole(f.name.upper()) for f in fields(Limits) if _lookup(f.name.upper())}
    )
    tables = _lookup("TABLES")
    cache = _lookup("CACHE_DIR")
    settings = Settings(
        corpus_path=Path(corpus).expanduser() if corpus else None,
        limits=limits,
        max_upload_mb=_upload_mb(),
        version=__version__,
        tables_path=Path(tables).expanduser() if tables else DEFAULT_TABLES_DIR,
        tables_explicit=bool(tables),
        max_analyse_articles=_whole("MAX_ANALYSE_ARTICLES", DEFAULT_MAX_ANALYSE_ARTICLES),
        pipeline=_lookup("PIPELINE") or None,
        max_analyse_seconds=_whole("MAX_ANALYSE_SECONDS", DEFAULT_MAX_ANALYSE_SECONDS),
        analyse_wait_seconds=_whole("ANALYSE_WAIT_SECONDS", DEFAULT_ANALYSE_WAIT_SECONDS),
        cache_dir=Path(cache).expanduser() if cache else DEFAULT_CACHE_DIR,
        cache_max_entries=_whole("UPLOAD_CACHE_ENTRIES", DEFAULT_UPLOAD_CACHE_ENTRIES),
        cache_max_mb=_whole("UPLOAD_CACHE_MB", DEFAULT_UPLOAD_CACHE_MB),
        password_hash=_password_hash(),
        oidc=_has_auth_section(),
        read_only=_flag("READ_ONLY"),
        min_confidence=_fraction("MIN_CONFIDENCE"),
        db_url=_lookup("DB_URL") or default_db_url(),
        corrections=_flag("CORRECTIONS", default=True),
        run_log=Path(run_log).expanduser() if (run_log := _lookup("RUN_LOG")) else None,
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


def _fraction(name: str) -> float | None:
    """A number from 0 to 1 (None when unset); errors name the setting and the value."""
    raw = _lookup(name)
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError as e:
        raise ValueError(f"{PREFIX}{name}={raw!r}: expected a number from 0 to 1") from e
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{PREFIX}{name}={raw!r}: expected a number from 0 to 1")
    return value


def _whole(name: str, default: int | None = None) -> int:
    """A whole-number setting (or `default` when unset); errors name the setting and the value."""
    raw = _lookup(name) or ""
    if not raw and default is not None:
        return default
    try:
        return int(raw.replace("_", ""))
    except ValueError as e:
        raise ValueError(f"{PREFIX}{name}={raw!r} is not a whole number") from e


def _flag(name: str, *, default: bool = False) -> bool:
    """A yes/no setting (1/0, true/false, yes/no, on/off; unset is `default`)."""
    raw = (_lookup(name) or "").strip().lower()
    if not raw:
        return default
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    raise ValueError(f"{PREFIX}{name}={raw!r} is not one of 1/0, true/false, yes/no, on/off")


def _upload_mb() -> int:
    """STANCEMAP_MAX_UPLOAD_MB, at most the server's own cap (server.maxUploadSize), which the
    server enforces on every upload whatever the widget says."""
    wanted = _whole("MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)
    server_cap = int(st.get_option("server.maxUploadSize"))
    if wanted > server_cap:
        logger.warning(
            "%sMAX_UPLOAD_MB=%d is above server.maxUploadSize=%d: uploads are capped at %d MB;"
            " raise server.maxUploadSize (STREAMLIT_SERVER_MAX_UPLOAD_SIZE) too",
            PREFIX, wanted, server_cap, server_cap,
        )  # fmt: skip
        return server_cap
    return wanted


def _password_hash() -> str | None:
    """STANCEMAP_PASSWORD_HASH, checked for its form here so a typo fails at start, not at login."""
    stored = (_lookup("PASSWORD_HASH") or "").strip()
    if not stored:
        return None
    parse_hash(stored)
    return stored


def _has_auth_section() -> bool:
    """True when st.secrets has an [auth] section (Streamlit's OIDC login: st.login)."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False
