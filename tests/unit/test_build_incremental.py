"""Incremental builds: only new or changed articles are analysed, and the tables a re-run writes
equal those of a full build of the same corpus."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

from analysis.build import (
    Analysis,
    LocalAnalyser,
    build,
    content_hash,
    records_from_frame,
)
from analysis.corpus import LoadReport, load_corpus
from analysis.nlp.pipeline import PipelineInfo
from analysis.records import Article, Quote
from analysis.store import STAMP, current_build, read_stamp, read_table, write_tables

pytestmark = pytest.mark.slow  # builds a 16-article corpus a few times (the session's model)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "build"
PACK = json.loads((FIXTURES / "corpus" / "whitehouse" / "pack.json").read_text(encoding="utf-8"))


def fixture_records(name: str) -> list[dict[str, object]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


RECORDS = fixture_records("corpus/whitehouse/whitehouse.jsonl")
EXTRA = fixture_records("extra.jsonl")


def corpus(folder: Path, records: Sequence[dict[str, object]]) -> LoadReport:
    """Load `records` as a one-pack corpus written into `folder`."""
    folder.mkdir(parents=True)
    (folder / "pack.json").write_text(json.dumps(PACK), encoding="utf-8")
    text = "".join(json.dumps(r) + "\n" for r in records)
    (folder / PACK["files"][0]).write_text(text, encoding="utf-8")
    return load_corpus([folder])


def tables(out: Path) -> dict[str, pd.DataFrame]:
    """Every table of the current build, by name."""
    return {name: read_table(out, name) for name in sorted((read_stamp(out) or {})["rows"])}


def assert_same_tables(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert got.keys() == expected.keys()
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)


class Spy:
    """An analyser that records which articles it was asked to analyse."""

    def __init__(self, inner: LocalAnalyser, info: PipelineInfo | None = None) -> None:
        self.inner = inner
        self.info = info
        self.seen: list[str] = []

    def pipeline_info(self) -> PipelineInfo:
        return self.info or self.inner.pipeline_info()

    def analyse(self, articles: Sequence[Article], progress: object) -> Analysis:
        self.seen += [a.id for a in articles]
        return dataclasses.replace(
            self.inner.analyse(articles, None), pipeline=self.pipeline_info()
        )


class FirstBuild(NamedTuple):
    out: Path  # copy it before building into it
    tables: dict[str, pd.DataFrame]
    report: LoadReport  # the fixture corpus, loaded from the same place every time


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory, analyser: LocalAnalyser) -> FirstBuild:
    """A complete build of the fixture corpus."""
    out = tmp_path_factory.mktemp("first") / "tables"
    report = corpus(out.parent / "corpus", RECORDS)
    build(report, out, analyser=analyser)
    return FirstBuild(out, tables(out), report)


def copy_build(source: Path, target: Path) -> Path:
    """A tables folder holding only a copy of `source`'s current build."""
    build_dir = current_build(source)
    assert build_dir is not None
    frames = {name: read_table(source, name) for name in (read_stamp(source) or {})["rows"]}
    stamp = json.loads((build_dir / STAMP).read_text(encoding="utf-8"))
    write_tables(target, frames, {k: v for k, v in stamp.items() if k not in ("rows", "built_at")})
    return target


def changed_records() -> list[dict[str, object]]:
    """The fixture corpus with article 3's text changed, article 7 removed and one article added."""
    records = [dict(r) for r in RECORDS]
    records[3]["text"] = f"{records[3]['text']}\n\nGermany strongly condemned the attack on Kyiv."
    return [r for n, r in enumerate(records) if n != 7] + [EXTRA[0]]


def test_rerun_analyses_only_new_or_changed_articles_and_equals_a_full_build(
    tmp_path: Path, first_build: FirstBuild, analyser: LocalAnalyser
) -> None:
    out = copy_build(first_build.out, tmp_path / "tables")
    report = corpus(tmp_path / "changed", changed_records())
    spy, said = Spy(analyser), []
    build(report, out, analyser=spy, say=said.append)
    assert sorted(spy.seen) == sorted([RECORDS[3]["id"], EXTRA[0]["id"]])
    assert said == ["analysing 2 new or changed articles, reusing 14, dropping 1 removed"]
    assert (read_stamp(out) or {})["analysed"] == 2
    fresh = tmp_path / "fresh"
    build(report, fresh, analyser=analyser)
    incremental = tables(out)
    assert_same_tables(incremental, tables(fresh))
    mentions = incremental["mentions"]
    assert "DEU" in set(mentions[mentions["article_id"] == RECORDS[3]["id"]]["actor"])
    assert RECORDS[7]["id"] not in set(incremental["articles"]["id"])


def test_rerun_of_an_unchanged_corpus_reuses_everything(
    tmp_path: Path, first_build: FirstBuild, analyser: LocalAnalyser
) -> None:
    out = copy_build(first_build.out, tmp_path / "tables")
    spy, said = Spy(analyser), []
    build(first_build.report, out, analyser=spy, say=said.append)
    assert spy.seen == []
    assert said == [f"analysing 0 new or changed articles, reusing {len(RECORDS)}"]
    assert_same_tables(tables(out), first_build.tables)


def test_rerun_reads_a_build_written_in_parts(
    tmp_path: Path, first_build: FirstBuild, analyser: LocalAnalyser
) -> None:
    out = tmp_path / "tables"
    frames = first_build.tables
    write_tables(out, frames, read_stamp(first_build.out) or {}, part_rows=7)
    build_dir = current_build(out)
    assert build_dir is not None and (build_dir / "mentions.parquet").is_dir()
    assert_same_tables(tables(out), frames)
    spy = Spy(analyser)
    build(first_build.report, out, analyser=spy)
    assert spy.seen == []
    assert_same_tables(tables(out), frames)


def test_another_pipeline_version_rebuilds_everything(
    tmp_path: Path, first_build: FirstBuild, analyser: LocalAnalyser
) -> None:
    out = copy_build(first_build.out, tmp_path / "tables")
    spy, said = Spy(analyser, PipelineInfo("other_model", "9.9", statistical=True)), []
    build(first_build.report, out, analyser=spy, say=said.append)
    assert len(spy.seen) == len(RECORDS)
    assert said[0].startswith(f"analysing all {len(RECORDS)} articles (full rebuild: the tables")
    assert "other_model 9.9" in said[0]


@pytest.mark.parametrize(
    ("stamp_extra", "options", "why"),
    [
        (
            {"user_concepts": ["my-concept"]},
            {},
            "full rebuild: the tables hold user concepts (my-concept)",
        ),
        ({}, {"full": True}, "full rebuild asked for"),
    ],
)
def test_user_concepts_or_full_rebuild_everything(
    tmp_path: Path,
    first_build: FirstBuild,
    analyser: LocalAnalyser,
    stamp_extra: dict[str, object],
    options: dict[str, bool],
    why: str,
) -> None:
    out = tmp_path / "tables"
    stamp = {**(read_stamp(first_build.out) or {}), **stamp_extra}
    write_tables(out, first_build.tables, stamp)
    spy, said = Spy(analyser), []
    build(first_build.report, out, analyser=spy, say=said.append, **options)
    assert len(spy.seen) == len(RECORDS)
    assert said == [f"analysing all {len(RECORDS)} articles ({why})"]
    assert "user_concepts" not in (read_stamp(out) or {})


def test_no_tables_yet_analyses_everything(tmp_path: Path, analyser: LocalAnalyser) -> None:
    spy, said = Spy(analyser), []
    out = tmp_path / "tables"
    build(corpus(tmp_path / "c", RECORDS[:2]), out, analyser=spy, say=said.append)
    assert said == [f"analysing all 2 articles (no tables in {out} yet)"]
    assert list(read_table(out, "articles")["content_hash"].str.len()) == [16, 16]


ARTICLE = Article(
    id="a1",
    title="Title",
    text="Text.",
    date="2024-01-02",
    date_precision="day",
    source="Source",
    url="https://example.org/a1",
    pack="pack",
    licence="CC0",
    attribution="Someone",
    kind="statement",
    origin_file="f.jsonl",
    origin_line=1,
)


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({"id": "a2"}, False),
        ({"title": "Other title"}, False),
        ({"text": "Text!"}, False),
        ({"date": None}, False),
        ({"date": "2024-01-03"}, False),
        ({"source": "Other"}, False),
        ({"url": "https://example.org/moved"}, True),
        ({"pack": "other", "licence": None, "kind": None, "origin_line": 9}, True),
    ],
)
def test_content_hash_covers_what_analysis_reads(change: dict[str, object], same: bool) -> None:
    changed = dataclasses.replace(ARTICLE, **change)  # type: ignore[arg-type]
    assert (content_hash(changed) == content_hash(ARTICLE)) is same


def test_content_hash_separates_fields() -> None:
    a = dataclasses.replace(ARTICLE, title="ab", text="c")
    b = dataclasses.replace(ARTICLE, title="a", text="bc")
    assert content_hash(a) != content_hash(b)


def test_records_come_back_from_stored_rows_as_analysis_made_them(tmp_path: Path) -> None:
    """A column of ints with gaps is stored as floats; the records read back hold ints again."""
    quotes = [
        Quote("a1", "q1", "direct", 0, 5, "Hello", "Ann", "she", 10, 13, None, "say", "rule", 0.9),
        Quote(
            "a1", "q2", "indirect", 20, 30, "more", None, None, None, None, "DEU", None, "r", 1.0
        ),
    ]
    frame = pd.DataFrame([dataclasses.astuple(q) for q in quotes], columns=list(Quote.__slots__))
    write_tables(tmp_path, {"quotes": frame}, {})
    stored = read_table(tmp_path, "quotes")
    assert stored["speaker_start_char"].dtype == "float64"
    back = records_from_frame(stored, Quote)
    assert back == quotes
    assert [type(q.speaker_start_char) for q in back] == [int, type(None)]
