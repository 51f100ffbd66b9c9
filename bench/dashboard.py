"""`python -m bench dashboard --rows N`: the pages' filter-and-aggregate step at scale.

Builds a synthetic statements table of N rows (a benchmark fixture only, never product data:
random actors, concepts, sides, dates and sources with realistic cardinalities, codes stored
as categories as the app stores them), then times what every page runs on a filter change:
analysis.query.filter_statements + count_cells, over a rotating set of filters.
Prints {"rows", "filter_ms_p50", "filter_ms_p95", "rss_mb"} (RSS of this process, in MB).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date, timedelta

import numpy as np
import pandas as pd

from analysis.query import Filters, count_cells, filter_statements, with_days

SEED = 20261128
ACTORS = 220  # about the gazetteer's states and organisations
CONCEPTS = 40
SOURCES = 12
KINDS = ("statement", "readout", "meeting_talks", "phone_call", "address_speech", "other")
FIRST_DAY = date(2005, 1, 1)
DAYS = 7_500


def _codes(codes: np.ndarray, names: list[str]) -> pd.Categorical[str]:
    """A category column from integer codes and their names."""
    return pd.Categorical.from_codes(codes, categories=pd.Index(names))


def synthetic_statements(rows: int, *, seed: int = SEED) -> pd.DataFrame:
    """N statements with skewed actor activity (a few actors speak most), as a real corpus has."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, ACTORS + 1) ** 1.1
    actor = rng.choice(ACTORS, size=rows, p=weights / weights.sum())
    days = rng.integers(0, DAYS, size=rows)
    dates = pd.Series(pd.to_datetime(FIRST_DAY) + pd.to_timedelta(days, unit="D")).dt.strftime(
        "%Y-%m-%d"
    )
    dates[rng.random(rows) < 0.02] = None  # a few undated statements
    return pd.DataFrame(
        {
            "article_id": pd.Series(rng.integers(0, rows // 3 + 1, size=rows)).map("a{}".format),
            "actor": _codes(actor, [f"A{i:03d}" for i in range(ACTORS)]),
            "concept": _codes(
                rng.integers(0, CONCEPTS, size=rows), [f"c{i:02d}" for i in range(CONCEPTS)]
            ),
            "polarity": rng.choice(np.array([1, -1], dtype=np.int8), size=rows, p=[0.7, 0.3]),
            "score": rng.uniform(0.3, 1.0, size=rows).round(2),
            "confidence": rng.uniform(0.3, 1.0, size=rows).round(2),
            "date": dates,
            "source": _codes(
                rng.integers(0, SOURCES, size=rows), [f"Source {i}" for i in range(SOURCES)]
            ),
            "kind": _codes(rng.integers(0, len(KINDS), size=rows), list(KINDS)),
        }
    )


def filter_cases() -> list[tuple[Filters, frozenset[str] | None]]:
    """Filter changes a person makes: none, a period, actors, a concept, sources, confidence."""
    some = frozenset(f"A{i:03d}" for i in (0, 1, 2, 5, 8, 13, 21, 34))
    return [
        (Filters(), None),
        (Filters(start=FIRST_DAY + timedelta(days=3_000), end=FIRST_DAY + timedelta(days=5_000)),
         None),
        (Filters(), some),
        (Filters(concepts=("c01", "c07")), None),
        (Filters(sources=("Source 1", "Source 2", "Source 3"), min_confidence=0.6), None),
        (Filters(kinds=("readout",), start=FIRST_DAY + timedelta(days=6_000)), some),
    ]  # fmt: skip


def rss_mb() -> float:
    """Resident memory of this process now (Linux /proc), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run(args: argparse.Namespace) -> int:
    """Build the table, time `args.repeat` filter-and-aggregate steps, print the figures."""
    started = time.perf_counter()
    table = with_days(synthetic_statements(args.rows))  # as ui.scope prepares the real table
    print(
        f"built {len(table):,} synthetic statements in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    cases = filter_cases()
    times = []
    for i in range(max(args.repeat, 1)):
        filters, actors = cases[i % len(cases)]
        start = time.perf_counter()
        shown = filter_statements(table, filters, allowed_actors=actors)
        count_cells(shown)
        times.append((time.perf_counter() - start) * 1000)
    result = {
        "rows": len(table),
        "filter_ms_p50": round(float(np.percentile(times, 50)), 1),
        "filter_ms_p95": round(float(np.percentile(times, 95)), 1),
        "rss_mb": round(rss_mb(), 1),
    }
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0
