"""`python -m bench build`: plain spaCy vs Stancemap's analysis, on the same texts.

Times, in one run and with the same pipeline object and number of processes:
  plain      `list(nlp.pipe(texts, n_process=workers, batch_size=PLAIN_BATCH))`, every component
             over every article text as given: what a user of spaCy would write. (Splitting the
             texts into paragraphs first would make plain spaCy somewhat faster on long texts;
             Stancemap's own paragraph split is part of what is measured.)
  stancemap  analysis.build.analyse_articles over the same articles: screened paragraph parse
             and every rule stage (mentions, quotes, stances, relations).
Both sides are first run untimed on the first three texts: what a build sets up once (the
concept index, the screen, the fast ruler and lemmatizer tables: about 2 s here, whatever the
size of the corpus) is left out of the timing, as loading the model is.
Then scores the stance F1 on a gold file through analysis.scoring.run_evaluation (the same
analysis path). Prints progress on stderr and
{"words", "plain_spacy_s", "stancemap_s", "ratio", "workers", "dev_f1"} (plus CPU seconds of
this process and its worker processes, which other load disturbs less than wall time, and
their ratio), the load average before and after, and a breakdown of Stancemap's
time by stage (tokenizer, screen, each spaCy component, the rule stages: seconds, share of the
time, share of the tokens the stage sees; with workers > 1 the seconds are summed over the
workers) on stdout; with workers > 1, Stancemap on one worker too, in the same rounds, and the
speedup. With --repeat N both are timed N times, interleaved, and
the medians reported (with each round's ratio): on a shared virtual machine one round's ratio
varies by about 0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from analysis.build import analyse_articles
from analysis.corpus import load_corpus, load_default_corpus
from analysis.nlp.fastpipe import PipeStats
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
    """(result, wall seconds, CPU seconds of this process and its finished children) of one
    call: spaCy's and Stancemap's worker processes are joined before their call returns."""
    wall, cpu = time.perf_counter(), _cpu_seconds()
    result = work()
    return result, time.perf_counter() - wall, _cpu_seconds() - cpu


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


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
    # warm up both sides on the same three texts, untimed: spaCy's caches, and what a build
    # sets up once whatever its size (the concept index and screen, the fast ruler and
    # lemmatizer tables: a few seconds, as loading the model is for both)
    list(nlp.pipe(texts[:3]))
    analyse_articles(articles[:3], loaded=(nlp, info))
    load_before = os.getloadavg()[0]
    stats = PipeStats()
    plain: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    single: list[float] = []  # Stancemap on one worker, in the same rounds, when workers > 1
    for round_ in range(1, repeat + 1):
        _, wall, cpu = _timed(
            lambda: list(nlp.pipe(texts, n_process=workers, batch_size=PLAIN_BATCH))
        )
        plain.append((wall, cpu))
        _say(f"[{round_}/{repeat}] plain nlp.pipe: {wall:.1f} s")
        _, wall, cpu = _timed(
            lambda: analyse_articles(articles, workers=workers, loaded=(nlp, info), stats=stats)
        )
        ours.append((wall, cpu))
        _say(f"[{round_}/{repeat}] stancemap analyse_articles: {wall:.1f} s")
        if workers > 1:
            _, wall, _ = _timed(lambda: analyse_articles(articles, workers=1, loaded=(nlp, info)))
            single.append(wall)
            _say(f"[{round_}/{repeat}] stancemap analyse_articles, 1 worker: {wall:.1f} s")
    load_after = os.getloadavg()[0]
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
        "cpu_ratio": round(plain_cpu / ours_cpu, 3) if ours_cpu else None,
        "articles": len(texts),
        "pipeline": info.label,
        "repeat": repeat,
        "ratios": [round(p / o, 3) for (p, _), (o, _) in zip(plain, ours, strict=True) if o],
        **_speedup(single, ours_s),
        "load_1m": [round(load_before, 2), round(load_after, 2)],
        "breakdown": breakdown(stats, repeat),
    }


def _speedup(single: list[float], ours_s: float) -> dict[str, float]:
    """Stancemap's time on one worker in the same rounds, and how much faster the workers
    were (the machine's other load weighs on both alike)."""
    if not single or not ours_s:
        return {}
    one = statistics.median(single)
    return {"stancemap_1_worker_s": round(one, 2), "workers_speedup": round(one / ours_s, 3)}


def breakdown(stats: PipeStats, rounds: int) -> dict[str, dict[str, float]]:
    """Per stage, slowest first: seconds a round, share of all stages' time, and share of the
    tokens of the corpus it sees (the NER sees a paragraph twice when it finds a person in one
    screened for names only)."""
    total_s = sum(stats.seconds.values()) or 1.0
    total_tokens = stats.tokens.get("tokenizer") or 1
    return {
        name: {
            "s": round(seconds / rounds, 2),
            "time_share": round(seconds / total_s, 3),
            "token_share": round(stats.tokens.get(name, 0) / total_tokens, 3),
        }
        for name, seconds in sorted(stats.seconds.items(), key=lambda kv: -kv[1])
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
            if key != "breakdown":
                print(f"{key:>18}: {value}")
        print(f"{'stage':>52}  {'s':>7}  {'time':>6}  {'tokens':>6}")
        for name, row in result["breakdown"].items():
            print(
                f"{name:>52}  {row['s']:7.2f}  {row['time_share']:6.1%}  {row['token_share']:6.1%}"
            )
    return 0
