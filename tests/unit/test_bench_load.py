"""`python -m bench load` drives concurrent sessions and prints the server's own figures.

Speed is read by people, not tested: this checks that two sessions visit every page of a server
started on the small fixture tables without an error, that the figures are there, and what the
websocket client sends for a widget.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.proto.Checkbox_pb2 import Checkbox
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider

from bench.stream import StreamError, widget_state
from tests.app.fixture_tables import fixture_tables


def run_load(repo_root: Path, tables: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bench", "load", "--sessions", "2", "--json", *args],
        cwd=repo_root, env={**os.environ, "STANCEMAP_TABLES": str(tables)},
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip


def test_bench_load_prints_the_servers_own_figures(
    repo_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    done = run_load(repo_root, fixture_tables(tmp_path_factory))
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["client"] == "websocket" and figures["sessions"] == 2
    assert figures["errors"] == 0, done.stderr
    # 2 sessions x (the Overview, then each other page) x (open + filter change), each one run
    assert figures["runs"] >= figures["requests"] >= 2 * 2 * 8
    assert 0 < figures["run_ms_p50"] <= figures["run_ms_p95"]
    assert figures["run_cpu_ms_mean"] > 0
    assert figures["server_cpu_s_per_run"] > 0 and figures["server_rss_mb"] > 0
    assert 0 < figures["client_ms_p50"] <= figures["client_ms_p95"]
    assert set(figures["by_page"]) >= {"overview", "stances", "timeline", "corpus"}
    assert sum(row["runs"] for row in figures["by_page"].values()) == figures["runs"]
    assert "load: 2/2 sessions done" in done.stderr


@pytest.mark.parametrize(
    ("element", "value", "field", "expected"),
    [
        (NumberInput(id="$$ID-a-flt_min", data_type=NumberInput.INT), 2.0, "int_value", 2),
        (NumberInput(id="$$ID-b-x", data_type=NumberInput.FLOAT), 2, "double_value", 2.0),
        (Checkbox(id="$$ID-c-y"), 1, "bool_value", True),
    ],
)
def test_the_websocket_client_sends_what_a_browser_sends(
    element: object, value: object, field: str, expected: object
) -> None:
    state = widget_state(element, value)
    assert state.id == element.id  # type: ignore[attr-defined]
    assert state.WhichOneof("value") == field
    assert getattr(state, field) == expected


def test_the_websocket_client_refuses_a_widget_it_cannot_set() -> None:
    with pytest.raises(StreamError, match="setting a Slider is not supported"):
        widget_state(Slider(id="$$ID-d-z"), 3)


@pytest.mark.browser
def test_bench_load_with_browsers_prints_its_figures(
    chromium_path: Path, repo_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    pytest.importorskip("playwright", reason="the load benchmark needs Playwright (make dev-venv)")
    done = run_load(repo_root, fixture_tables(tmp_path_factory), "--client", "browser")
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
