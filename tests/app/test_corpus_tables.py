"""ui.tables: the Corpus page's accounting is the same from stored tables as from a fresh load."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.build import build
from analysis.corpus import load_corpus
from ui.tables import CorpusTables, read_build, report_frames, summary_from_frames

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "app"
CORPORA = [
    FIXTURES / "corpus",
    FIXTURES / "upload_one_bad.jsonl",
    FIXTURES / "upload_hostile.jsonl",
]


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.name)
def test_summary_from_frames_is_the_load_summary(path: Path) -> None:
    report = load_corpus([path])
    assert summary_from_frames(**report_frames(report)) == report.summary()


def test_summary_survives_parquet(tmp_path: Path) -> None:
    report = load_corpus([FIXTURES / "corpus"])
    assert report.rejected and report.summary()["undated"]  # the cases worth a round trip
    build(report, tmp_path)
    stored = read_build(tmp_path)
    assert stored.summary == report.summary()
    summary = stored.summary
    assert (
        summary["records_in"]
        == summary["accepted"] + len(summary["rejected"]) + summary["duplicates"]
    )
    assert stored.analysis is not None and stored.analysis.current
    assert stored.analysis.pipeline and not stored.analysis.mentions.empty


def test_unanalysed_corpus_says_why() -> None:
    tables = CorpusTables.from_report(load_corpus([FIXTURES / "corpus"]), not_analysed="why")
    assert tables.analysis is None and tables.not_analysed == "why"
