"""`python -m bench dashboard` runs and prints its figures (speed is read, not tested)."""

from __future__ import annotations

import json
import subprocess
import sys

from analysis.query import count_cells, filter_statements, with_days
from bench.dashboard import filter_cases, synthetic_statements


def test_bench_dashboard_prints_its_figures() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "dashboard", "--rows", "5000", "--repeat",
         "4", "--json"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    figures = json.loads(done.stdout)
    assert set(figures) == {"rows", "filter_ms_p50", "filter_ms_p95", "rss_mb"}
    assert figures["rows"] == 5000
    assert 0 < figures["filter_ms_p50"] <= figures["filter_ms_p95"]


def test_the_analysis_cli_passes_bench_through() -> None:
    """`python -m analysis bench ...` is a thin entry: its arguments reach `python -m bench`."""
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "bench", "dashboard", "--rows", "2000", "--repeat",
         "2", "--json"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    assert json.loads(done.stdout)["rows"] == 2000


def test_the_synthetic_table_is_what_the_pages_query() -> None:
    table = with_days(synthetic_statements(3000, seed=1))
    assert table.equals(with_days(synthetic_statements(3000, seed=1)))  # reproducible
    for filters, actors in filter_cases():
        shown = filter_statements(table, filters, allowed_actors=actors)
        cells = count_cells(shown)
        assert int(cells["statements"].sum()) == len(shown)
