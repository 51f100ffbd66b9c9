"""analysis.nlp.candidates: the readings of one (document, actor, concept) - whether any gives a
side, the side they propose, and the pooled features a scorer weighs (more cases are in
tests/unit/test_stance_core.py)."""

from __future__ import annotations

import math

import pytest

from analysis.nlp.candidates import DocumentInfo, has_side, pair_features, proposed_side
from tests.unit.nlp.parses import reading

MEETING = DocumentInfo(
    kind="official", voice="USA", participants=("USA", "DEU"), date="2022-03-01", present=("CAN",)
)


@pytest.mark.parametrize(
    ("polarities", "expected"),
    [((1,), True), ((0, -1), True), ((0, 0), False), ((), False)],
)
def test_has_side_needs_one_reading_with_a_side(polarities: tuple[int, ...], expected: bool):
    assert has_side([reading(polarity=p) for p in polarities]) is expected


@pytest.mark.parametrize(
    ("readings", "side"),
    [
        # the readings whose holder the parse names outweigh the alternatives
        ([reading(polarity=-1, confidence=0.3), reading(polarity=1, how="alt-voice")], -1),
        # a reading with no confidence still counts a little
        ([reading(polarity=-1, confidence=0.0)], -1),
        # cancelling readings: for (most stances in diplomatic text are)
        ([reading(polarity=1, confidence=0.5), reading(polarity=-1, confidence=0.5)], 1),
        # only alternatives: they decide
        ([reading(polarity=-1, how="alt-quote")], -1),
    ],
)
def test_proposed_side(readings: list, side: int) -> None:
    assert proposed_side(readings) == side


@pytest.mark.parametrize(
    ("actor", "role"),
    [
        ("USA", "voice"),
        ("DEU", "participant"),
        ("CAN", "present"),
        ("NATO", "org"),
        ("JPN", "other"),
    ],
)
def test_the_actors_role_in_the_document(actor: str, role: str) -> None:
    f = pair_features([reading(actor=actor)], MEETING)
    assert f[f"role={role}"] == 1.0 and f["meeting"] == 1.0
    assert f[f"actor={actor}|concept=sanctions_on_russia"] == 1.0


def test_a_readings_marks_become_features_tagged_by_agreement() -> None:
    group = [
        reading(hedged=True, negations=1, quote_id="a1#q1", paragraph=0),
        reading(polarity=-1, confidence=0.1, intensified=True, anaphoric=True, rules_keep=False),
    ]
    f = pair_features(group, MEETING)
    assert {"hedged|agree", "negated|agree", "in_quote|agree", "first_paragraph|agree"} <= set(f)
    assert {"intensified|oppose", "anaphoric|oppose", "cue=support|oppose"} <= set(f)
    assert "rules_keep|how=named|agree" in f and "rules_keep|how=named|oppose" not in f
    assert f["log_candidates"] == pytest.approx(math.log1p(2))
    assert f["max_conf=agree"] == 0.8 and f["max_conf=oppose"] == 0.1


def test_without_a_kept_reading_the_rules_say_nothing() -> None:
    f = pair_features([reading(rules_keep=False)], MEETING)
    assert f["rules=none"] == 1.0 and "rules=agree" not in f


def test_features_are_the_same_whatever_the_order_of_the_readings() -> None:
    group = [reading(), reading(polarity=-1, confidence=0.2, how="voice", start_char=30)]
    assert pair_features(group, MEETING) == pair_features(group[::-1], MEETING)
