"""Golden tests run the whole pipeline with the real English model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from analysis.nlp.pipeline import load_pipeline

EXPECTED = Path(__file__).resolve().parent / "expected"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained pipeline (golden tests are meaningless with the rules-only fallback)."""
    nlp, info = load_pipeline()
    if not info.statistical:
        pytest.fail(f"golden tests need a trained English pipeline: {info.warning}")
    return nlp


@pytest.fixture
def golden(update_golden: bool):  # noqa: ANN201 - returns a checker function
    """Compare records with tests/golden/expected/NAME.json, or rewrite it with --update-golden."""

    def check(name: str, records: Any) -> None:
        path = EXPECTED / f"{name}.json"
        text = json.dumps(records, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        if update_golden or not path.exists():
            path.write_text(text, encoding="utf-8")
        assert json.loads(path.read_text(encoding="utf-8")) == records, (
            f"{path.name} differs: run pytest --update-golden and read the diff"
        )

    return check
