"""analysis.nlp.scorer: the stance scorer's arithmetic, its model file and the shipped default
(the verdicts on candidates are in tests/unit/test_stance_core.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from analysis.errors import FileUnreadable
from analysis.nlp import scorer as scorer_module
from analysis.nlp.scorer import (
    StanceScorer,
    default_scorer,
    group_pairs,
    load_scorer,
    log_loss,
    shipped_default_min_confidence,
    sigmoid,
)
from tests.unit.nlp.parses import reading


def model(temperature: float = 1.0) -> StanceScorer:
    features = {"bias": 0, "a": 1}
    return StanceScorer(features, np.array([0.0, 2.0]), np.array([0.0, -2.0]), temperature)


def test_unknown_features_are_ignored() -> None:
    assert model().vector({"a": 0.5, "never seen": 9.0}).tolist() == [0.0, 0.5]


def test_a_temperature_softens_the_probabilities() -> None:
    x = model().vector({"a": 1.0})
    taken, same = model().probabilities(x)
    assert taken == pytest.approx(sigmoid(np.array(2.0))) and same == pytest.approx(1 - taken)
    softer, _ = model(temperature=2.0).probabilities(x)
    assert softer == pytest.approx(sigmoid(np.array(1.0)))


@pytest.mark.parametrize(
    ("taken", "same", "proposed", "side", "probability"),
    [
        (0.0, 0.0, 1, 1, 0.25),  # even odds: the proposed side, 0.5 x 0.5
        (0.0, -30.0, 1, -1, 0.5),  # the side model is sure it is the other side
        (30.0, 30.0, -1, -1, 1.0),
    ],
)
def test_verdict_from_logits(taken, same, proposed, side, probability) -> None:
    found = model().verdict_from_logits(taken, same, proposed)
    assert found[0] == side and found[1] == pytest.approx(probability, abs=1e-6)


def test_sigmoid_does_not_overflow() -> None:
    assert sigmoid(np.array([-1e6, 0.0, 1e6])).tolist() == pytest.approx([0.0, 0.5, 1.0])


def test_group_pairs_keeps_the_order_of_first_appearance() -> None:
    groups = group_pairs([reading(actor="DEU"), reading(actor="USA"), reading(actor="DEU")])
    assert [(k, len(v)) for k, v in groups.items()] == [
        (("DEU", "sanctions_on_russia"), 2),
        (("USA", "sanctions_on_russia"), 1),
    ]


@pytest.mark.parametrize(
    ("p", "y", "loss"),
    [([1.0, 0.0], [1, 0], 0.0), ([0.5, 0.5], [1, 0], np.log(2)), ([0.0], [1], -np.log(1e-12))],
)
def test_log_loss(p: list[float], y: list[int], loss: float) -> None:
    assert log_loss(np.array(p), np.array(y)) == pytest.approx(loss, abs=1e-9)


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "other/1"})])
def test_an_unreadable_model_file_is_named(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content)
    with pytest.raises(FileUnreadable, match="broken.json"):
        load_scorer(path)


def test_shipped_default_min_confidence(tmp_path: Path) -> None:
    assert shipped_default_min_confidence(tmp_path / "missing.json") == 0.0
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"default_min_confidence": 0.65}))
    assert shipped_default_min_confidence(path) == 0.65


def test_the_shipped_model_loads_when_there_is_one() -> None:
    shipped = default_scorer()
    assert (shipped is not None) == scorer_module.DEFAULT_MODEL.exists()
    if shipped is not None:
        assert 0.0 <= shipped.floor <= 1.0
        assert shipped.default_min_confidence == shipped_default_min_confidence()


def test_against_statements_get_the_probability_their_out_of_fold_precision_gives() -> None:
    from analysis.train import against_calibration

    confidence = np.array([0.8, 0.8, 0.8, 0.8, 0.9, 0.2])
    sides = np.array([-1, -1, -1, -1, 1, -1])
    right = np.array([True, False, False, False, True, False])
    # 4 'against' at or above the floor, 1 right: (1 + 1) / (4 + 2) over a mean of 0.8
    assert against_calibration(confidence, sides, right, lambda _: None) == round((2 / 6) / 0.8, 3)
    # no 'against' statement: nothing to scale
    assert against_calibration(confidence, np.ones(6), right, lambda _: None) == 1.0


def test_an_against_verdict_is_scaled_and_a_for_verdict_is_not() -> None:
    from dataclasses import replace

    base = model()
    scaled = replace(base, against_scale=0.5)
    x = base.vector({"a": 1.0})  # the side model turns the proposed side over
    side, p = base.verdict_of(x, 1)
    assert side == -1 and scaled.verdict_of(x, 1) == (-1, pytest.approx(p * 0.5))
    assert scaled.verdict_of(x, -1)[1] == pytest.approx(base.verdict_of(x, -1)[1])  # for: as is
    assert scaled.to_json()["against_scale"] == 0.5
