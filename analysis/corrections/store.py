"""The one module that talks to the corrections database: SQLite (stdlib) or PostgreSQL.

`STANCEMAP_DB_URL` names it: `sqlite:///relative.db`, `sqlite:////absolute.db` (a file created
on first use) or `postgresql://user@host:port/db`. The schema is created and upgraded by
numbered migrations recorded in `schema_version`. History is append-only: a correction is a
row of `corrections`; undoing it is a row of `undos`; nothing is ever updated or deleted.
Every write is one short transaction, so two sessions writing at once both land.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from analysis.corrections.model import Judgment
from analysis.errors import CorrectionRejected, DatabaseUnavailable

logger = logging.getLogger(__name__)

SQLITE_PREFIX = "sqlite:///"
DB_URL_VARIABLE = "STANCEMAP_DB_URL"
# git-ignored and writable by the app (the Docker image sets STANCEMAP_DB_URL to its volume)
DEFAULT_DB_PATH = Path(__file__).resolve().parents[2] / ".cache" / "corrections.sqlite3"
POSTGRES_PREFIXES = ("postgresql://", "postgres://")
BUSY_SECONDS = 30.0  # how long a SQLite writer waits for another one's transaction
MIGRATION_LOCK = 7_140_014  # PostgreSQL advisory lock id held while migrating

# (version, what it adds, statements); {id} is the dialect's auto-increment primary key.
MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        1,
        "corrections, undos and the documents they refer to",
        (
            """CREATE TABLE corrections (
                id {id},
                batch TEXT NOT NULL,
                created_at TEXT NOT NULL,
                author TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('stance', 'quote')),
                article_id TEXT NOT NULL,
                actor TEXT,
                concept TEXT,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                old_value TEXT,
                new_value TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT ''
            )""",
            "CREATE INDEX corrections_batch ON corrections (batch)",
            "CREATE INDEX corrections_article ON corrections (article_id)",
            """CREATE TABLE undos (
                id {id},
                batch TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                author TEXT NOT NULL
            )""",
            """CREATE TABLE documents (
                article_id TEXT PRIMARY KEY,
                title TEXT,
                date TEXT,
                source TEXT,
                url TEXT,
                text TEXT NOT NULL
            )""",
        ),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]
ID_COLUMN = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgresql": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
}
HISTORY_COLUMNS = (
    "c.id, c.batch, c.created_at, c.author, c.kind, c.article_id, c.actor, c.concept,"
    " c.start_char, c.end_char, c.old_value, c.new_value, c.note, u.author, u.created_at"
)


def _unavailable() -> tuple[type[BaseException], ...]:
    """Driver errors that mean "the database cannot be used now" (server down, file locked
    ...): psycopg's only once a PostgreSQL connection has imported it."""
    psycopg = sys.modules.get("psycopg")
    postgres = (psycopg.OperationalError,) if psycopg is not None else ()
    return (sqlite3.OperationalError, OSError, *postgres)


@dataclass(frozen=True, slots=True)
class Document:
    """The article a judgment refers to, as it was when judged (a gold document's fields)."""

    article_id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """One row of the history: a judgment, who made it when, what it replaced, and its undo."""

    id: int
    batch: str  # one user action (a move to another actor writes two judgments, one batch)
    created_at: str  # ISO 8601, UTC
    author: str
    judgment: Judgment
    old_value: Mapping[str, Any] | None  # what the reader saw before (None: nothing)
    note: str
    undone_by: str | None = None
    undone_at: str | None = None

    @property
    def undone(self) -> bool:
        """True once the correction's batch was undone (its row stays in the history)."""
        return self.undone_at is not None


class _Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...
    def fetchall(self) -> list[Any]: ...


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class CorrectionStore:
    """Corrections in one database (a URL); creates and migrates the schema on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path: Path | None = None
        if url.startswith(SQLITE_PREFIX):
            self.dialect = "sqlite"
            self.path = Path(url.removeprefix(SQLITE_PREFIX))
        elif url.startswith(POSTGRES_PREFIXES):
            self.dialect = "postgresql"
        else:
            raise CorrectionRejected(
                f"database URL {redact(url)!r} is neither sqlite:///FILE nor postgresql://...",
                "STANCEMAP_DB_URL",
            )
        self.migrate()

    # ------------------------------------------------------------------ connections
    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[_Cursor]:
        """One transaction: committed when the block ends, rolled back when it raises.

        A driver's operational error (no server, a locked or unwritable file ...) becomes
        DatabaseUnavailable naming the database.
        """
        try:
            if self.dialect == "sqlite":
                with self._sqlite(write=write) as cursor:
                    yield cursor
            else:
                with self._postgres() as cursor:
                    yield cursor
        except _unavailable() as e:
            raise DatabaseUnavailable(
                f"corrections database {redact(self.url)} unavailable: {e}"
            ) from e

    @contextmanager
    def _sqlite(self, *, write: bool) -> Iterator[_Cursor]:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            # IMMEDIATE takes the write lock at once: two writers queue instead of failing.
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield conn.cursor()
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    @contextmanager
    def _postgres(self) -> Iterator[_Cursor]:
        # Imported here: only a PostgreSQL deployment needs it (and a SQLite one's first page
        # would pay 60-80 ms of CPU for it).
        import psycopg

        with psycopg.connect(self.url) as conn, conn.cursor() as cursor:
            yield _PgCursor(cursor)  # psycopg commits when the block ends without error

    # ------------------------------------------------------------------ schema
    def migrate(self) -> int:
        """Apply the migrations this database lacks (one writer at a time); its version."""
        with self._transaction(write=True) as cur:
            if self.dialect == "postgresql":
                cur.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            elif self.path is not None:
                cur.execute("PRAGMA busy_timeout = 30000")
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                " description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version")
            have = int(cur.fetchall()[0][0])
            for version, description, statements in MIGRATIONS:
                if version <= have:
                    continue
                for sql in statements:
                    cur.execute(sql.format(id=ID_COLUMN[self.dialect]))
                cur.execute(
                    "INSERT INTO schema_version (version, description, applied_at)"
                    " VALUES (?, ?, ?)",
                    (version, description, _now()),
                )
                logger.info("corrections database migrated to version %d: %s", version, description)
        if self.dialect == "sqlite":
            self._wal()
        return max(have, SCHEMA_VERSION)

    def _wal(self) -> None:
        """Readers never wait for a writer in WAL mode (set once; it stays with the file).

        Switching needs the file to itself: when another connection is busy the switch is left
        to a later opening; correctness never depends on it (writers queue either way).
        """
        assert self.path is not None
        conn = sqlite3.connect(self.path, timeout=BUSY_SECONDS)
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as e:
            logger.debug("corrections database %s stays in its journal mode: %s", self.path, e)
        finally:
            conn.close()

    # ------------------------------------------------------------------ writes
    def record(
        self,
        changes: Sequence[tuple[Judgment, Mapping[str, Any] | None]],
        *,
        author: str,
        note: str = "",
        documents: Sequence[Document] = (),
    ) -> str:
        """Append `changes` (judgment, old value) as one batch, in one transaction; its id."""
        batch = uuid.uuid4().hex
        at = _now()
        with self._transaction(write=True) as cur:
            for doc in documents:
                cur.execute(
                    "INSERT INTO documents (article_id, title, date, source, url, text)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO NOTHING",
                    (doc.article_id, doc.title, doc.date, doc.source, doc.url, doc.text),
                )
            for judgment, old in changes:
                cur.execute(
                    "INSERT INTO corrections (batch, created_at, author, kind, article_id, actor,"
                    " concept, start_char, end_char, old_value, new_value, note)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        batch, at, author, judgment.kind, judgment.article_id, judgment.actor,
                        judgment.concept, judgment.start_char, judgment.end_char,
                        None if old is None else json.dumps(dict(old), sort_keys=True),
                        json.dumps(dict(judgment.value), sort_keys=True), note,
                    ),
                )  # fmt: skip
        return batch

    def undo(self, batch: str, *, author: str) -> None:
        """Mark a batch undone (appends a row); CorrectionRejected if unknown or undone already."""
        with self._transaction(write=True) as cur:
            cur.execute("SELECT COUNT(*) FROM corrections WHERE batch = ?", (batch,))
            if not cur.fetchall()[0][0]:
                raise CorrectionRejected(f"no correction {batch!r} to undo", "batch")
            cur.execute("SELECT COUNT(*) FROM undos WHERE batch = ?", (batch,))
            if cur.fetchall()[0][0]:
                raise CorrectionRejected(f"correction {batch!r} was undone already", "batch")
            cur.execute(
                # a concurrent undo of the same batch: the UNIQUE batch keeps one, silently
                "INSERT INTO undos (batch, created_at, author) VALUES (?, ?, ?)"
                " ON CONFLICT (batch) DO NOTHING",
                (batch, _now(), author),
            )

    # ------------------------------------------------------------------ reads
    def version(self) -> tuple[int, int]:
        """(corrections, undos) rows: changes whenever anyone writes (history is append-only)."""
        with self._transaction(write=False) as cur:
            cur.execute("SELECT (SELECT COUNT(*) FROM corrections), (SELECT COUNT(*) FROM undos)")
            corrections, undos = cur.fetchall()[0]
        return int(corrections), int(undos)

    def history(self) -> list[Correction]:
        """Every correction ever made, oldest first, with its undo when it was undone."""
        with self._transaction(write=False) as cur:
            cur.execute(
                f"SELECT {HISTORY_COLUMNS} FROM corrections c"
                " LEFT JOIN undos u ON u.batch = c.batch ORDER BY c.id"
            )
            rows = cur.fetchall()
        return [_correction(row) for row in rows]

    def documents(self) -> dict[str, Document]:
        """The documents judgments refer to, by article id."""
        with self._transaction(write=False) as cur:
            cur.execute("SELECT article_id, text, title, date, source, url FROM documents")
            rows = cur.fetchall()
        return {row[0]: Document(*row) for row in rows}


class _PgCursor:
    """A psycopg cursor taking the `?` placeholders the SQL here is written with."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._cursor.execute(sql.replace("?", "%s"), params)

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall())


def _correction(row: Sequence[Any]) -> Correction:
    (id_, batch, at, author, kind, article_id, actor, concept, start, end, old, new, note,
     undone_by, undone_at) = row  # fmt: skip
    judgment = Judgment(kind, article_id, int(start), int(end), json.loads(new), actor, concept)
    return Correction(
        int(id_), batch, at, author, judgment, None if old is None else json.loads(old), note,
        undone_by, undone_at,
    )  # fmt: skip


def current_judgments(history: Sequence[Correction]) -> dict[tuple[Any, ...], Correction]:
    """The judgment in force for each key: the latest correction not undone."""
    current: dict[tuple[Any, ...], Correction] = {}
    for correction in history:  # oldest first: a later judgment replaces an earlier one
        if not correction.undone:
            current[correction.judgment.key] = correction
    return current


def default_db_url() -> str:
    """The SQLite file used when STANCEMAP_DB_URL is not set."""
    return SQLITE_PREFIX + str(DEFAULT_DB_PATH)


def redact(url: str) -> str:
    """`url` without its password (for messages and logs)."""
    head, sep, tail = url.partition("://")
    if "@" not in tail:
        return url
    credentials, _, host = tail.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{head}{sep}{user}:***@{host}"
