"""`python -m bench dashboard` runs and prints its figures (speed is read, not tested)."""

from __future__ import annotations

import json
import subprocess
import sys

from analysis.query import (
    Filters,
    actor_selection,
    at_least,
    count_cells,
    dated_memberships,
    filter_statements,
    with_days,
)
from bench.dashboard import (
    filter_cases,
    filter_change,
    synthetic_actors,
    synthetic_memberships,
    synthetic_statements,
)


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
    actors, memberships = synthetic_actors(), synthetic_memberships()
    for filters in filter_cases():
        allowed = actor_selection(filters, actors, memberships)
        periods = dated_memberships(filters, actors, memberships)
        shown = filter_statements(table, filters, allowed_actors=allowed, periods=periods)
        cells = filter_change(table, filters, actors, memberships)
        assert cells.equals(at_least(count_cells(shown), filters.min_statements))
        if filters.groups:  # members count only while members: fewer rows than all of them
            assert len(shown) < len(filter_statements(table, filters, allowed_actors=allowed))


def test_the_cases_use_every_filter_of_the_pages() -> None:
    used = {name for filters in filter_cases() for name in Filters.__slots__
            if getattr(filters, name) != getattr(Filters(), name)}  # fmt: skip
    assert used == set(Filters.__slots__)
