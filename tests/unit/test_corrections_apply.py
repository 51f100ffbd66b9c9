"""Corrections applied to statements, evidence sentences and quotes (hand-built tables)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corrections.apply import apply_corrections
from analysis.corrections.model import Judgment, quote_judgment, stance_judgment
from analysis.corrections.store import Correction, current_judgments

TEXT = 'Russia rejects the sanctions. "We will never accept this," said Lavrov.'
TEXTS = {"a1": TEXT, "a2": "Another article."}
STATEMENTS = pd.DataFrame(
    {
        "article_id": ["a1", "a1", "a2"],
        "actor": ["UKR", "RUS", "USA"],
        "concept": ["sanctions_on_russia", "nato_enlargement", "sanctions_on_russia"],
        "polarity": [-1, 1, 1],
        "score": [-0.9, 0.5, 0.8],
        "statements": [1, 1, 2],
        "confidence": [0.9, 0.5, 0.8],
    }
).astype({"article_id": "string", "actor": "string", "concept": "string"})
EVIDENCE = pd.DataFrame(
    {
        "article_id": ["a1", "a1", "a2"], "stance_id": ["s1", "s2", "s3"],
        "start_char": [0, 0, 0], "end_char": [28, 28, 8],
        "evidence": [TEXT[:28], TEXT[:28], "Another"],
        "actor": ["UKR", "RUS", "USA"],
        "concept": ["sanctions_on_russia", "nato_enlargement", "sanctions_on_russia"],
        "polarity": [-1, 1, 1], "score": [-0.9, 0.5, 0.8], "cue": ["reject", "x", "y"],
        "quote_id": [None, None, None], "method": ["rules"] * 3, "confidence": [0.9, 0.5, 0.8],
    }
)  # fmt: skip
QUOTES = pd.DataFrame(
    {
        "article_id": ["a1"], "quote_id": ["q1"], "kind": ["direct"], "start_char": [31],
        "end_char": [57], "text": [TEXT[31:57]], "speaker": ["Russia"], "actor": [None],
        "method": ["rules"], "confidence": [0.4],
    }
)  # fmt: skip


def _correction(id_: int, judgment: Judgment, *, undone: bool = False) -> Correction:
    return Correction(
        id_, f"b{id_}", "2026-12-07T10:00:00+00:00", "ana", judgment, None, "<b>note</b>",
        "ben" if undone else None, "2026-12-07T11:00:00+00:00" if undone else None,
    )  # fmt: skip


def _apply(*corrections: Correction):
    current = list(current_judgments(corrections).values())
    return apply_corrections(STATEMENTS, EVIDENCE, QUOTES, current, TEXTS)


def _sides(frame: pd.DataFrame) -> dict[tuple[str, str, str], int]:
    keys = zip(frame["article_id"], frame["actor"], frame["concept"], strict=True)
    return dict(zip(map(tuple, keys), frame["polarity"], strict=True))


def test_no_correction_leaves_the_tables_as_they_are() -> None:
    out = _apply()
    assert _sides(out.document_stances) == _sides(STATEMENTS)
    assert out.document_stances["corrected_by"].isna().all()
    assert (out.applied, out.orphaned) == (0, ())


def test_another_side_replaces_the_statement_and_its_evidence() -> None:
    flip = stance_judgment("a1", "UKR", "sanctions_on_russia", 1, 0, 28, TEXT[:28])
    out = _apply(_correction(1, flip))
    assert _sides(out.document_stances)[("a1", "UKR", "sanctions_on_russia")] == 1
    row = out.document_stances[out.document_stances["actor"] == "UKR"].iloc[0]
    assert (row["corrected_by"], row["correction_note"], row["confidence"]) == (
        "ana", "<b>note</b>", 1.0,
    )  # fmt: skip
    ukr = out.stances[out.stances["actor"] == "UKR"]
    assert ukr["polarity"].tolist() == [1] and ukr["method"].tolist() == ["correction"]
    assert len(out.document_stances) == len(STATEMENTS)
    assert STATEMENTS["polarity"].tolist() == [-1, 1, 1]  # the input is untouched


def test_marked_wrong_removes_the_statement_and_an_undo_brings_it_back() -> None:
    wrong = stance_judgment("a1", "UKR", "sanctions_on_russia", 0, 0, 28, TEXT[:28])
    out = _apply(_correction(1, wrong))
    assert ("a1", "UKR", "sanctions_on_russia") not in _sides(out.document_stances)
    assert "UKR" not in set(out.stances["actor"])
    undone = _apply(_correction(1, wrong, undone=True))
    assert _sides(undone.document_stances) == _sides(STATEMENTS)


def test_a_missed_stance_is_added() -> None:
    added = stance_judgment("a1", "RUS", "sanctions_on_russia", -1, 0, 28, TEXT[:28])
    out = _apply(_correction(1, added))
    assert _sides(out.document_stances)[("a1", "RUS", "sanctions_on_russia")] == -1
    assert len(out.document_stances) == len(STATEMENTS) + 1


@pytest.mark.parametrize(("start", "end"), [(31, 57), (35, 40)])
def test_a_quote_gets_its_speaker_and_actor(start: int, end: int) -> None:
    fix = quote_judgment("a1", start, end, "Sergei Lavrov", "RUS")
    out = _apply(_correction(1, fix))
    assert out.quotes[["speaker", "actor", "corrected_by"]].values.tolist() == [
        ["Sergei Lavrov", "RUS", "ana"]
    ]


def test_a_judgment_of_a_gone_article_is_orphaned_not_dropped() -> None:
    gone = stance_judgment("gone-1", "RUS", "sanctions_on_russia", 1, 0, 5, "x")
    kept = stance_judgment("a2", "USA", "sanctions_on_russia", -1, 0, 7, "Another")
    out = _apply(_correction(1, gone), _correction(2, kept))
    assert [c.judgment.article_id for c in out.orphaned] == ["gone-1"]
    assert out.applied == 1
