"""`python -m bench build` runs and prints its figures (speed is read, not tested)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "build" / "corpus"
KEYS = {"words", "plain_spacy_s", "stancemap_s", "ratio", "workers", "dev_f1"}


def _bench(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "build", "--corpus", str(FIXTURE),
         "--limit", "5", "--json", *args],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    assert "plain nlp.pipe" in done.stderr  # progress goes to stderr, the figures to stdout
    return dict(json.loads(done.stdout))


def test_bench_build_prints_its_figures(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    doc = {
        "id": "g1",
        "source": "test",
        "title": "Germany and sanctions",
        "date": "2024-01-01",
        "url": "",
        "text": "Germany supports sanctions against Russia.\n\nThe talks went on.",
        "quotes": [],
        "stances": [],
    }
    gold.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    figures = _bench("--gold", str(gold), "--repeat", "2")
    assert set(figures) >= KEYS
    assert figures["workers"] == 1
    assert figures["repeat"] == 2 and len(figures["ratios"]) == 2  # interleaved rounds
    assert isinstance(figures["words"], int) and figures["words"] > 0
    assert figures["dev_f1"] is None or isinstance(figures["dev_f1"], float)


def test_bench_build_without_gold_prints_null(tmp_path: Path) -> None:
    figures = _bench("--gold", str(tmp_path / "missing.jsonl"))
    assert figures["dev_f1"] is None


def test_sample_spreads_over_the_corpus() -> None:
    from bench.build import load_articles

    every = load_articles([FIXTURE], None)
    picked = load_articles([FIXTURE], None, sample=3)
    step = len(every) / 3
    assert [a.id for a in picked] == [every[int(i * step)].id for i in range(3)]
    assert len(every) > 3 and picked[-1].id != every[2].id  # not the first three
    assert load_articles([FIXTURE], None, sample=len(every) + 5) == every
