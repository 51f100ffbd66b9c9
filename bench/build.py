"""`python -m bench build`: plain spaCy vs Stancemap's analysis, on the same texts.

Times, in one run and with the same pipeline object and number of processes:
  plain      `list(nlp.pipe(texts, n_process=workers, batch_size=PLAIN_BATCH))`, every component
             over every article text as given: what a user of spaCy would write. (Splitting the
             texts into paragraphs first would make plain spaCy somewhat faster on long texts;
             Stancemap's own paragraph split is part of what is measured.)
  stancemap  analysis.build.analyse_articles over the same articles: screened paragraph parse
             and every rule stage (mentions, quotes, stances, relations).
Then scores the stance F1 on a gold file through analysis.scoring.run_evaluation (the same
analysis path). Prints progress on stderr and
{"words", "plain_spacy_s", "stancemap_s", "ratio", "workers", "dev_f1"} (plus CPU seconds of
this process, which other load disturbs less than wall time; with workers > 1 it leaves
out the worker processes) on stdout. With --repeat N both are timed N times, interleaved, and
the medians reported (with each round's ratio): on a shared virtual machine one round's ratio
varies by about 0.1.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from analysis.build import analyse_articles
from analysis.corpus import load_corpus, load_default_corpus
from analysis.nlp.pipeline import load_pipeline
from analysis.records import Article
from analysis.scoring import run_evaluation

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO / "data" / "eval" / "annotated" / "dev.jsonl"  # never the test split
PLAIN_BATCH = 64  # spaCy's documented default for nlp.pipe (texts are whole articles)
T = TypeVar("T")


def _say(message: str) -> None:
    print(f"[bench build] {message}", file=sys.stderr, flush=True)


def _timed(work: Callable[[], T]) -> tuple[T, float, float]:
    """(result, wall seconds, CPU seconds of this process) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def load_articles(
    paths: Sequence[Path], limit: int | None, sample: int | None = None
) -> list[Article]:
    """The articles of the given corpus paths (default corpus when none): the first `limit`,
    or `sample` articles spread evenly over the corpus (every source in its share: the first
    articles of the default corpus are all news from one source)."""
    report = load_corpus(paths) if paths else load_default_corpus()
    articles = list(report.articles)
    if sample is not None and 0 < sample < len(articles):
        step = len(articles) / sample
        articles = [articles[int(i * step)] for i in range(sample)]
    return articles[:limit] if limit is not None else articles


def gold_path(given: Path | None) -> Path | None:
    """The gold file to score: the one given, else the repository's dev split; None (dev_f1
    null) when it does not exist."""
    path = given if given is not None else DEFAULT_GOLD
    if path.is_file():
        return path
    _say(f"no gold file at {path}: dev_f1 is null")
    return None


def measure(
    articles: Sequence[Article], *, workers: int, gold: Path | None, repeat: int = 1
) -> dict[str, Any]:
    """Time plain spaCy and Stancemap on the same articles, `repeat` times each, interleaved
    (plain, ours, plain, ours ...: a machine that slows down in the middle of the run slows
    both); the medians are reported. Score stances on `gold`."""
    nlp, info = load_pipeline()
    texts = [a.text for a in articles]
    words = sum(len(text.split()) for text in texts)
    _say(f"{len(texts):,} articles, {words:,} words, pipeline {info.label}, {workers} worker(s)")
    list(nlp.pipe(texts[:3]))  # warm up both runs' shared caches the same way
    plain: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    for round_ in range(1, repeat + 1):
        _, wall, cpu = _timed(
            lambda: list(nlp.pipe(texts, n_process=workers, batch_size=PLAIN_BATCH))
        )
        plain.append((wall, cpu))
        _say(f"[{round_}/{repeat}] plain nlp.pipe: {wall:.1f} s")
        _, wall, cpu = _timed(
            lambda: analyse_articles(articles, workers=workers, loaded=(nlp, info))
        )
        ours.append((wall, cpu))
        _say(f"[{round_}/{repeat}] stancemap analyse_articles: {wall:.1f} s")
    plain_s, plain_cpu = (statistics.median(x) for x in zip(*plain, strict=True))
    ours_s, ours_cpu = (statistics.median(x) for x in zip(*ours, strict=True))
    dev_f1 = None
    if gold is not None:
        _say(f"scoring {gold}")
        dev_f1 = run_evaluation(gold)["stance"]["f1"]
    return {
        "words": words,
        "plain_spacy_s": round(plain_s, 2),
        "stancemap_s": round(ours_s, 2),
        "ratio": round(plain_s / ours_s, 3) if ours_s else None,
        "workers": workers,
        "dev_f1": dev_f1,
        "plain_spacy_cpu_s": round(plain_cpu, 2),
        "stancemap_cpu_s": round(ours_cpu, 2),
        "articles": len(texts),
        "pipeline": info.label,
        "repeat": repeat,
        "ratios": [round(p / o, 3) for (p, _), (o, _) in zip(plain, ours, strict=True) if o],
    }


def run(args: argparse.Namespace) -> int:
    """Run the benchmark and print its figures."""
    articles = load_articles(args.corpus, args.limit, args.sample)
    if not articles:
        _say("no articles to analyse")
        return 1
    result = measure(
        articles,
        workers=max(1, args.workers),
        gold=gold_path(args.gold),
        repeat=max(1, args.repeat),
    )
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>18}: {value}")
    return 0
