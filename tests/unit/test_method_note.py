"""Chart captions quote the precision measured at the lowest confidence they show."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from ui import method


@pytest.fixture
def accuracy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "accuracy.json"
    rows = [
        {"min_confidence": 0.0, "statements": 100, "precision": 0.6},
        {"min_confidence": 0.5, "statements": 60, "precision": 0.75},
        {"min_confidence": 0.8, "statements": 30, "precision": 0.93},
    ]
    path.write_text(
        json.dumps({"documents": 123, "measured": "2026-12-07", "by_min_confidence": rows})
    )
    monkeypatch.setattr(method, "ACCURACY_FILE", path)
    method._accuracy.cache_clear()
    yield
    method._accuracy.cache_clear()


@pytest.mark.usefixtures("accuracy")
@pytest.mark.parametrize(
    ("confidences", "expected"),
    [
        ([0.95, 0.81], "confidence \u2265 0.8 were right 93% of the time on 123"),
        ([0.95, 0.62], "confidence \u2265 0.5 were right 75% of the time"),
        ([0.31], "confidence \u2265 0 were right 60% of the time"),
    ],
)
def test_the_caption_quotes_the_band_of_the_least_confident_statement(
    confidences: list[float], expected: str
) -> None:
    shown = pd.DataFrame({"confidence": confidences})
    assert expected in method.precision_note(shown)


@pytest.mark.usefixtures("accuracy")
def test_no_claim_without_confidences_or_statements() -> None:
    assert method.precision_note(pd.DataFrame({"actor": ["USA"]})) == ""
    assert method.precision_note(pd.DataFrame({"confidence": []})) == ""


def test_the_default_minimum_confidence_is_the_shipped_scorers() -> None:
    model = json.loads(
        (Path(__file__).resolve().parents[2] / "data/models/stance_scorer.json").read_text()
    )
    assert method.default_min_confidence() == model["default_min_confidence"]
