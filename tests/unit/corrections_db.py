"""Databases for the corrections tests: a SQLite file, and PostgreSQL when a server is given.

PostgreSQL runs for real when STANCEMAP_TEST_POSTGRES_URL names a server (`.ci/run` starts a
throwaway cluster and sets it); each test gets a new database on it, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

POSTGRES_VARIABLE = "STANCEMAP_TEST_POSTGRES_URL"
NO_POSTGRES = (
    f"PostgreSQL tests skipped: {POSTGRES_VARIABLE} is not set (no server to test against;"
    " `.ci/run` installs Debian's postgresql and starts a throwaway cluster)"
)


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'corrections.sqlite3'}"


def postgres_url() -> Iterator[str]:
    """A fresh database on the test server, dropped afterwards; skips without a server."""
    server = os.environ.get(POSTGRES_VARIABLE)
    if not server:
        pytest.skip(NO_POSTGRES)
    import psycopg

    name = f"stancemap_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = server.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty corrections database: SQLite, then PostgreSQL (or a skip)."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
    else:
        yield from postgres_url()
