"""Fixtures of the unit tests: the trained English pipeline, loaded once."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analysis.nlp.pipeline import load_pipeline
from tests.unit.corrections_db import db_url  # noqa: F401  (the corrections database fixture)


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained pipeline; tests of its components are skipped with the rules-only fallback."""
    nlp, info = load_pipeline()
    if not info.statistical:
        pytest.skip("needs a trained English pipeline")
    return nlp
