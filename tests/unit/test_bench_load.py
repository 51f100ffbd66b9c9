"""`python -m bench load` drives real browser sessions and prints its figures.

Speed is read by people, not tested: this only checks that two sessions visit every page of a
server started on the small fixture tables without an error, and that the figures are there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app.fixture_tables import fixture_tables

pytestmark = pytest.mark.browser


def test_bench_load_prints_its_figures(
    chromium_path: Path, repo_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    pytest.importorskip("playwright", reason="the load benchmark needs Playwright (make dev-venv)")
    tables = fixture_tables(tmp_path_factory)
    done = subprocess.run(
        [sys.executable, "-m", "bench", "load", "--sessions", "2", "--json"],
        cwd=repo_root, env={**os.environ, "STANCEMAP_TABLES": str(tables)},
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert set(figures) == {
        "sessions", "errors", "page_ms_p50", "page_ms_p95", "server_rss_mb",
        "wall_s", "machine_cpu_s", "server_cpu_s", "server_cpu_share",
    }  # fmt: skip
    assert figures["sessions"] == 2
    assert figures["errors"] == 0, done.stderr
    assert 0 < figures["page_ms_p50"] <= figures["page_ms_p95"]
    assert figures["server_rss_mb"] > 0
    assert 0 < figures["server_cpu_s"] <= figures["machine_cpu_s"]  # the server did work
    assert 0 < figures["server_cpu_share"] <= 1
    assert "load: 2/2 sessions done" in done.stderr
