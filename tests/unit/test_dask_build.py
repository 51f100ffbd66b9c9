"""`build --engine dask` on a LocalCluster of two workers writes the tables a local build writes
(large ones as folders of Parquet parts), and re-runs incrementally like a local build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.build import Analysis, LocalAnalyser, build
from analysis.corpus import load_corpus
from analysis.dask_build import _combined, partitions
from analysis.nlp.pipeline import PipelineInfo
from analysis.records import Article
from analysis.store import current_build, read_stamp, read_table

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "build"


def dask_build(corpus: Path, out: Path) -> str:
    """Run the CLI with the Dask engine; its stderr."""
    command = [sys.executable, "-m", "analysis", "build", str(corpus), "--out", str(out)]
    options = ["--engine", "dask", "--workers", "2", "--part-rows", "100"]
    done = subprocess.run(
        [*command, *options],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: read_table(out, name) for name in sorted((read_stamp(out) or {})["rows"])}


def assert_same_tables(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert got.keys() == expected.keys()
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_dask_engine_writes_the_tables_of_a_local_build(
    tmp_path: Path, analyser: LocalAnalyser
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", corpus)
    build(load_corpus([corpus]), tmp_path / "local", analyser=analyser)

    said = dask_build(corpus, tmp_path / "dask")
    assert "analysing all 16 articles" in said
    assert "analysed 16 of 16 articles on Dask workers" in said
    folder = current_build(tmp_path / "dask")
    assert folder is not None
    assert len(list((folder / "mentions.parquet").glob("part-*.parquet"))) >= 2
    assert (folder / "quotes.parquet").is_file()  # short tables stay one file
    assert_same_tables(tables(tmp_path / "dask"), tables(tmp_path / "local"))

    # Change one article: the Dask re-run analyses it alone and still matches a local build.
    data = corpus / "whitehouse" / "whitehouse.jsonl"
    records = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    records[5]["text"] += "\n\nFrance said it strongly supports the sanctions."
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    said = dask_build(corpus, tmp_path / "dask")
    assert "analysing 1 new or changed articles, reusing 15" in said
    build(load_corpus([corpus]), tmp_path / "local", analyser=analyser, full=True)
    assert_same_tables(tables(tmp_path / "dask"), tables(tmp_path / "local"))


def article(n: int) -> Article:
    return Article(f"a{n}", "t", "x", None, None, "s", None, "p", None, "", None, "f", n)


@pytest.mark.parametrize(
    ("articles", "workers", "sizes"),
    [
        (0, 2, []),
        (1, 2, [1]),
        (16, 2, [2] * 8),
        (17, 2, [3] * 5 + [2]),
        (1000, 2, [50] * 20),
        (10, 8, [1] * 10),
    ],
)
def test_partitions_keep_the_order_and_feed_every_worker(
    articles: int, workers: int, sizes: list[int]
) -> None:
    items = [article(n) for n in range(articles)]
    parts = partitions(items, workers)
    assert [len(p) for p in parts] == sizes
    assert [a for p in parts for a in p] == items


def test_a_worker_with_another_pipeline_is_an_error() -> None:
    info = PipelineInfo("en_core_web_sm", "3.8.0", statistical=True)
    other = PipelineInfo("blank:en", "3.8.18", statistical=False, warning="rules only")
    results = [Analysis({}, [], [], [], [], info), Analysis({}, [], [], [], [], other)]
    with pytest.raises(RuntimeError, match=r"other pipelines \(blank:en 3\.8\.18\)"):
        _combined(results, info)
