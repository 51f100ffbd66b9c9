"""The analysed-upload cache and the worker's analysis: identical bytes are analysed once, an
analysis stops at its time limit or when asked, the cache keeps its newest entries."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from spacy.language import Language

import ui.upload as upload_module
from analysis.corpus import Limits, LoadReport, load_uploaded
from analysis.nlp.pipeline import PipelineInfo, load_pipeline
from ui.loaders import JobProgress
from ui.upload import STOPPED, UploadCache, analysed_tables, upload_key

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "app"
ONE_BAD = FIXTURES / "upload_one_bad.jsonl"
VERSION = "stancemap test; rules x; model y"
MB = 2**20

Loaded = tuple[Language, PipelineInfo]


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    return load_pipeline()


@pytest.fixture
def count_analyses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls of the real analysis (one list item per call, its article count)."""
    calls: list[int] = []
    real = upload_module.analyse_articles

    def counted(articles: Any, **kwargs: Any) -> Any:
        calls.append(len(articles))
        return real(articles, **kwargs)

    monkeypatch.setattr(upload_module, "analyse_articles", counted)
    return calls


def files_of(*named: tuple[str, bytes]) -> list[tuple[str, bytes]]:
    return list(named)


def report_of(files: list[tuple[str, bytes]]) -> LoadReport:
    return load_uploaded(files, limits=Limits())


def analyse(
    files: list[tuple[str, bytes]], cache: UploadCache, loaded: Loaded, *, max_seconds: int = 300
) -> tuple[str, Any]:
    key = upload_key(files, Limits(), VERSION)
    report = report_of(files)
    progress = JobProgress(total=report.accepted)
    return key, analysed_tables(report, loaded, key, cache, progress, max_seconds)


def test_same_bytes_are_analysed_once(
    tmp_path: Path, loaded: Loaded, count_analyses: list[int]
) -> None:
    cache = UploadCache(tmp_path, max_entries=10, max_bytes=100 * MB)
    files = files_of((ONE_BAD.name, ONE_BAD.read_bytes()))
    key, first = analyse(files, cache, loaded)
    assert count_analyses == [3]
    assert first.analysis is not None and first.analysis.current
    assert (tmp_path / key / "CURRENT").is_file()

    again, second = analyse(files_of((ONE_BAD.name, ONE_BAD.read_bytes())), cache, loaded)
    assert again == key
    assert count_analyses == [3]  # read back, not analysed again
    assert second.analysis is not None
    assert second.analysis.pipeline == first.analysis.pipeline
    assert second.analysis.current  # stamped with this code's version
    assert second.summary == first.summary  # the accounting too: rejected record included
    pd.testing.assert_frame_equal(second.articles, first.articles)
    pd.testing.assert_frame_equal(second.analysis.mentions, first.analysis.mentions)
    assert second.analysis.stances is not None and first.analysis.stances is not None
    pd.testing.assert_frame_equal(
        second.analysis.stances.document_stances, first.analysis.stances.document_stances
    )


def test_different_bytes_are_a_miss(
    tmp_path: Path, loaded: Loaded, count_analyses: list[int]
) -> None:
    cache = UploadCache(tmp_path, max_entries=10, max_bytes=100 * MB)
    data = ONE_BAD.read_bytes()
    first, _ = analyse(files_of((ONE_BAD.name, data)), cache, loaded)
    changed = data.replace(b"Geneva", b"Vienna")
    assert changed != data
    second, tables = analyse(files_of((ONE_BAD.name, changed)), cache, loaded)
    assert second != first
    assert count_analyses == [3, 3]
    assert tables.analysis is not None
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == sorted([first, second])


@pytest.mark.parametrize(
    "change",
    [
        lambda files, limits, version: ([("other.jsonl", files[0][1])], limits, version),
        lambda files, limits, version: ([(files[0][0], files[0][1] + b"\n")], limits, version),
        lambda files, limits, version: ([*files, ("empty.txt", b"")], limits, version),
        lambda files, limits, version: (files[::-1], limits, version),
        lambda files, limits, version: (files, Limits(max_records=10), version),
        lambda files, limits, version: (files, limits, VERSION + " other model"),
    ],
    ids=["name", "bytes", "another file", "order", "limits", "pipeline"],
)
def test_key_changes_with_what_the_tables_depend_on(change: Callable[..., Any]) -> None:
    files = [("a.jsonl", b"{}"), ("b.csv", b"text\nx\n")]
    key = upload_key(files, Limits(), VERSION)
    assert upload_key([*files], Limits(), VERSION) == key
    assert upload_key(*change(files, Limits(), VERSION)) != key


def test_key_knows_where_a_name_ends_and_its_bytes_begin() -> None:
    assert upload_key([("ab", b"c")], Limits(), VERSION) != upload_key(
        [("a", b"bc")], Limits(), VERSION
    )


def test_analysis_stops_at_its_time_limit(
    tmp_path: Path, loaded: Loaded, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(articles: Any, *, progress: Any, **kwargs: Any) -> Any:
        progress(50, 120, "analysed 50 of 120 articles")
        raise AssertionError("the analysis should have been stopped")

    monkeypatch.setattr(upload_module, "analyse_articles", slow)
    cache = UploadCache(tmp_path, max_entries=10, max_bytes=100 * MB)
    _, tables = analyse(
        files_of((ONE_BAD.name, ONE_BAD.read_bytes())), cache, loaded, max_seconds=0
    )
    assert tables.analysis is None
    assert tables.not_analysed is not None
    assert "stopped after 0 seconds" in tables.not_analysed
    assert "50 of 120 articles analysed" in tables.not_analysed
    assert tables.summary["accepted"] == 3  # what was loaded is kept
    assert not any(tmp_path.iterdir())  # nothing cached


def test_a_finished_analysis_is_kept_even_when_late(
    tmp_path: Path, loaded: Loaded, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = upload_module.analyse_articles

    def late(articles: Any, *, progress: Any, **kwargs: Any) -> Any:
        result = real(articles, **kwargs)
        progress(len(articles), len(articles), "done")  # past the deadline, but complete
        return result

    monkeypatch.setattr(upload_module, "analyse_articles", late)
    cache = UploadCache(tmp_path, max_entries=10, max_bytes=100 * MB)
    _, tables = analyse(
        files_of((ONE_BAD.name, ONE_BAD.read_bytes())), cache, loaded, max_seconds=0
    )
    assert tables.analysis is not None


def test_a_stopped_job_is_not_analysed(
    tmp_path: Path, loaded: Loaded, count_analyses: list[int]
) -> None:
    files = files_of((ONE_BAD.name, ONE_BAD.read_bytes()))
    report = report_of(files)
    progress = JobProgress(total=report.accepted)
    progress.stop.set()  # the user forgot the upload while it waited
    cache = UploadCache(tmp_path, max_entries=10, max_bytes=100 * MB)
    key = upload_key(files, Limits(), VERSION)
    tables = analysed_tables(report, loaded, key, cache, progress, 300)
    assert tables.analysis is None and tables.not_analysed == STOPPED
    assert count_analyses == []


def tiny_tables(rows: int = 1) -> dict[str, pd.DataFrame]:
    return {"articles": pd.DataFrame({"id": [f"a{i}" for i in range(rows)], "text": "x" * 100})}


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir())


def test_cache_keeps_the_newest_entries(tmp_path: Path) -> None:
    cache = UploadCache(tmp_path, max_entries=2, max_bytes=100 * MB)
    for key in ("k1", "k2"):
        cache.put(key, tiny_tables(), {"upload_key": key})
    os.utime(tmp_path / "k2", (1, 1))  # k2 is the least recently used
    cache.put("k3", tiny_tables(), {"upload_key": "k3"})
    assert entries(tmp_path) == ["k1", "k3"]


def test_cache_keeps_within_its_size(tmp_path: Path) -> None:
    probe = UploadCache(tmp_path / "probe", max_entries=10, max_bytes=100 * MB)
    probe.put("one", tiny_tables(), {})
    size = sum(f.stat().st_size for f in (tmp_path / "probe" / "one").rglob("*") if f.is_file())
    cache = UploadCache(tmp_path / "cache", max_entries=10, max_bytes=int(size * 2.5))
    for key in ("k1", "k2", "k3", "k4"):
        cache.put(key, tiny_tables(), {})
    assert len(entries(tmp_path / "cache")) == 2
    assert "k4" in entries(tmp_path / "cache")  # the one just written is always kept


def test_cache_off_and_unreadable_entries_are_misses(tmp_path: Path) -> None:
    off = UploadCache(tmp_path / "off", max_entries=0, max_bytes=100 * MB)
    off.put("k", tiny_tables(), {})
    assert not (tmp_path / "off").exists()
    assert off.get("k") is None

    cache = UploadCache(tmp_path / "cache", max_entries=10, max_bytes=100 * MB)
    assert cache.get("missing") is None
    cache.put("broken", tiny_tables(), {})
    build = next(p for p in (tmp_path / "cache" / "broken").iterdir() if p.is_dir())
    (build / "articles.parquet").write_bytes(b"not parquet")
    assert cache.get("broken") is None  # logged, then analysed again
