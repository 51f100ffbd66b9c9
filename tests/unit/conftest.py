"""Fixtures of the unit tests (the spaCy pipeline is tests/conftest.py's session fixture)."""

from __future__ import annotations

from tests.unit.corrections_db import db_url  # noqa: F401  (the corrections database fixture)
