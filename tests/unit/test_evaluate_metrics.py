"""The scoring code of `evaluate`, on tiny hand-made cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.evaluate import (
    MIN_CONFIDENCES,
    GoldDoc,
    GoldQuote,
    GoldStance,
    QuoteScore,
    StanceScore,
    SystemQuote,
    SystemStance,
    by_min_confidence,
    load_gold,
    match_quotes,
    same_person,
)

TEXT = 'Intro. "We will never accept this plan at all," said Ivan Petrov. "Fine," said Mary Lee.'


def doc(quotes: tuple[GoldQuote, ...] = (), stances: tuple[GoldStance, ...] = ()) -> GoldDoc:
    return GoldDoc("d1", "src", "t", "2020-01-01", None, TEXT, quotes, stances)


def gold_quote(start_words: str, speaker: str | None, actor: str | None) -> GoldQuote:
    return GoldQuote(speaker, actor, start_words, TEXT.index(start_words))


def system_quote(words: str, speaker: str | None, actor: str | None) -> SystemQuote:
    start = TEXT.index(words)
    return SystemQuote(start, start + len(words), speaker, actor)


def test_match_needs_half_of_the_shorter_text() -> None:
    gold = [gold_quote("We will never accept this plan", "Ivan Petrov", "RUS")]
    assert match_quotes(
        gold, [system_quote("We will never accept this plan at all,", None, None)]
    ) == [(0, 0)]
    assert match_quotes(gold, [system_quote('plan at all," said Ivan', None, None)]) == []
    half = system_quote("accept this plan at all", None, None)  # 16 of the gold's 30 characters
    assert match_quotes(gold, [half]) == [(0, 0)]


def test_matching_is_one_to_one() -> None:
    gold = [gold_quote("We will never accept this plan", "Ivan Petrov", "RUS")]
    system = [
        system_quote("We will never accept", None, None),
        system_quote("We will never accept this plan at", None, None),
    ]
    assert match_quotes(gold, system) == [(0, 1)]


@pytest.mark.parametrize(
    ("gold", "system", "same"),
    [
        ("Konstantin Totskiy", "Totskiy", True),
        ("Volodymyr Zelenskyy", "volodymyr zelenskyy", True),
        ("Jaap de Hoop Scheffer", "Scheffer", True),
        ("Recep Tayyip Erdoğan", "Erdogan", True),
        ("Mary Lee", "Ivan Petrov", False),
        ("Mary Lee", None, False),
    ],
)
def test_same_person(gold: str, system: str | None, same: bool) -> None:
    assert same_person(gold, system) is same


def test_quote_score() -> None:
    gold = (
        gold_quote("We will never accept this plan", "Ivan Petrov", "RUS"),
        gold_quote("Fine", None, None),
    )
    score = QuoteScore()
    score.add(
        doc(gold),
        [
            system_quote("We will never accept this plan at all,", "Petrov", "UKR"),
            system_quote("Fine", "Mary Lee", None),
            system_quote("Intro", None, None),
        ],
    )
    summary = score.summary()
    assert (summary["precision"], summary["recall"]) == (round(2 / 3, 4), 1.0)
    assert summary["f1"] == 0.8
    assert (summary["speaker_accuracy"], summary["actor_accuracy"]) == (
        1.0,
        0.0,
    )  # null speaker not checked
    assert [e["kind"] for e in score.errors] == ["wrong actor", "spurious quote"]


def test_stance_score() -> None:
    gold = (GoldStance("RUS", "c1", -1), GoldStance("USA", "c1", 1), GoldStance("UKR", "c2", 1))
    score = StanceScore()
    score.add(
        doc(stances=gold),
        [
            SystemStance("RUS", "c1", -1),
            SystemStance("USA", "c1", -1),
            SystemStance("FRA", "c3", 1),
        ],
    )
    summary = score.summary()
    assert (summary["precision"], summary["recall"]) == (round(1 / 3, 4), round(1 / 3, 4))
    assert summary["pair_f1"] == round(2 * (2 / 3) * (2 / 3) / (4 / 3), 4)
    assert summary["polarity_accuracy"] == 0.5
    assert sorted(e["kind"] for e in score.errors) == [
        "missed concept",
        "spurious",
        "wrong polarity",
    ]


def test_load_gold_locates_quote_starts(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    record = {
        "id": "d1",
        "text": TEXT,
        "quotes": [{"speaker": "Mary Lee", "actor": None, "quote_start": "Fine"}],
    }
    path.write_text(json.dumps(record) + "\n")
    (loaded,) = load_gold(path)
    assert loaded.quotes[0].start_char == TEXT.index("Fine")


def test_stance_scores_per_side() -> None:
    gold = doc(stances=(GoldStance("RUS", "c1", -1), GoldStance("UKR", "c1", 1)))
    score = StanceScore()
    score.add(gold, [SystemStance("RUS", "c1", 1), SystemStance("UKR", "c1", 1)])
    sides = score.summary()["by_polarity"]
    # UKR +1 right; RUS predicted +1 but gold -1: a wrong 'for', a missed 'against'
    assert sides["1"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "gold": 1, "predicted": 2}
    assert sides["-1"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 1, "predicted": 0}


def test_reliability_bands_count_right_statements_by_confidence() -> None:
    gold = doc(stances=(GoldStance("A", "c", 1), GoldStance("B", "c", 1)))
    score = StanceScore()
    score.add(
        gold,
        [
            SystemStance("A", "c", 1, confidence=0.85),
            SystemStance("B", "c", 1, confidence=0.82),
            SystemStance("C", "c", 1, confidence=0.88),
            SystemStance("D", "c", -1, confidence=1.0),
        ],
    )
    bands = {row["band"]: row for row in score.summary()["reliability"]}
    assert bands["0.8-0.9"] == {
        "band": "0.8-0.9", "statements": 3, "mean_confidence": 0.85, "precision": 0.667,
    }  # fmt: skip
    assert bands["0.9-1.0"]["statements"] == 1 and bands["0.9-1.0"]["precision"] == 0.0
    assert bands["0.5-0.6"]["statements"] == 0 and bands["0.5-0.6"]["precision"] is None


def test_the_apps_default_gets_its_own_row_of_precision_by_minimum_confidence() -> None:
    score = StanceScore()
    score.gold = 2
    score.judged = [(0.95, True), (0.79, True), (0.77, False)]
    rows = {r["min_confidence"]: r for r in by_min_confidence(score, also=0.79)}
    assert set(rows) == {*MIN_CONFIDENCES, 0.79}
    assert rows[0.79]["statements"] == 2 and rows[0.79]["precision"] == 1.0
    assert rows[0.75]["statements"] == 3
