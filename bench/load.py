"""`python -m bench load`: the server's own figures under N concurrent sessions.

Each session is a browser-less client (bench.stream: the app's websocket and its protobufs,
nothing drawn), so the client costs the machine little and the figures are the server's. After
one warm-up session (not counted), N sessions at once open the app, then every page of the
navigation, changing 'Min. statements' on each (what `--client browser` does with Chromium),
with `--think` seconds between a session's requests.

The server's own figures come from its run log (STANCEMAP_RUN_LOG: every script run's time and
its thread's CPU, ui.sidebar); the process's CPU seconds per run and its largest RSS from /proc.
An error is an exception box, a websocket that closed or a run that did not end in STEP_S.
Target at 20 sessions: p95 server time per run <= 500 ms, no errors, RSS <= 1 GB.

Without --url a server is started here (`streamlit run dashboard.py` on a free loopback port,
reading STANCEMAP_TABLES or the shipped data/tables) and stopped afterwards; a server given by
--url has no run log, so only the client's times are printed then.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bench.server import (
    LoadError,
    RssSampler,
    ServerError,
    listening_pid,
    running_server,
    tables_folder,
    tree_cpu_s,
)
from bench.stream import RunResult, StreamError, StreamSession

TARGET_P95_MS = 500
TARGET_RSS_MB = 1024
STEP_S = 120.0  # per request; a slower run counts as an error
FILTER_KEY = "flt_min"  # 'Min. statements': always a valid change between 1 and 2


@dataclass
class Tally:
    """What one session saw: the client's time per request by step, a message per error."""

    session_id: str = ""
    by_step: dict[str, list[float]] = field(default_factory=dict)  # 'open stances' -> ms
    errors: list[str] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    """Drive `args.sessions` concurrent sessions (or browsers, --client browser); print figures."""
    if args.client == "browser":
        from bench import load_browser

        return load_browser.run(args)
    if args.sessions < 1:
        print(f"error: --sessions must be at least 1, got {args.sessions}", file=sys.stderr)
        return 2
    try:
        with _server(args.url) as (url, pid, run_log), RssSampler(pid) as rss:
            asyncio.run(_warm_up(url))
            started = _mark(run_log, pid)
            tallies = asyncio.run(_drive(url, args.sessions, args.think))
            ended = _mark(run_log, pid)
            runs = _runs(run_log, started, {t.session_id for t in tallies})
    except (LoadError, ServerError, StreamError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    figures = summary(args, tallies, runs, (started, ended), rss.max_mb)
    for message in [m for t in tallies for m in t.errors][:10]:
        print(f"load: {message}", file=sys.stderr)
    if args.json:
        print(json.dumps(figures))
    else:
        _print_readable(figures)
    return 0


@contextlib.contextmanager
def _server(url: str | None) -> Iterator[tuple[str, int | None, Path | None]]:
    """(url, server pid, run log): the given server (pid found when it listens on loopback, no
    run log), else one started here with a run log and stopped on the way out."""
    if url is not None:
        yield url.rstrip("/"), listening_pid(url), None
        return
    tables = tables_folder()
    with tempfile.TemporaryDirectory() as work, tempfile.TemporaryFile() as log:
        run_log = Path(work) / "runs.jsonl"
        env = {"STANCEMAP_RUN_LOG": str(run_log)}
        with running_server(tables, log, env) as (local, pid):
            yield local, pid, run_log


def _mark(run_log: Path | None, pid: int | None) -> dict[str, Any]:
    """Where the run log ends, the server's CPU seconds and the clock, now."""
    size = run_log.stat().st_size if run_log is not None and run_log.exists() else 0
    return {"log_at": size, "cpu_s": tree_cpu_s(pid), "wall": time.perf_counter()}


def _runs(run_log: Path | None, start: dict[str, Any], sessions: set[str]) -> list[dict]:
    """The run log's lines written by `sessions` since `start`."""
    if run_log is None or not run_log.exists():
        return []
    with run_log.open("rb") as lines:
        lines.seek(start["log_at"])
        found = [json.loads(line) for line in lines.read().splitlines() if line.strip()]
    return [line for line in found if line.get("session") in sessions]


# ---------------------------------------------------------------------------------- sessions


async def _warm_up(url: str) -> None:
    """One session through every page, not counted (a fresh server reads its tables then)."""
    tally = await _session(url, think_s=0.0)
    if tally.errors:
        raise LoadError(f"the warm-up session failed: {tally.errors[0]}")


async def _drive(url: str, sessions: int, think_s: float) -> list[Tally]:
    done = 0

    async def one() -> Tally:
        nonlocal done
        tally = await _session(url, think_s=think_s)
        done += 1
        print(f"load: {done}/{sessions} sessions done", file=sys.stderr, flush=True)
        return tally

    return list(await asyncio.gather(*(one() for _ in range(sessions))))


async def _session(url: str, *, think_s: float) -> Tally:
    """Open the app, then every page of its navigation, each with a filter change."""
    tally = Tally()
    client = StreamSession(url, timeout_s=STEP_S)
    try:
        await client.connect()
        if not await _step(tally, "open overview", client.open_page()):
            return tally
        tally.session_id = client.session_id
        for index, page in enumerate(p for p in client.pages if not p.hidden):
            name = page.url_path or "overview"
            await _think(think_s)
            if index > 0 and not await _step(tally, f"open {name}", client.open_page(page)):
                continue
            if FILTER_KEY in client.widgets:
                await _think(think_s)
                value = 1 if client.widget_value(FILTER_KEY) == 2 else 2
                await _step(tally, f"filter {name}", client.set_widget(FILTER_KEY, value))
    except (StreamError, OSError) as e:
        tally.errors.append(f"session: {e}")
    finally:
        tally.session_id = tally.session_id or client.session_id
        await client.close()
    return tally


async def _step(tally: Tally, name: str, request: Any) -> bool:
    """Await one request; its time goes to `name`, an exception box or failure to the errors."""
    try:
        result: RunResult = await request
    except StreamError as e:
        tally.errors.append(f"{name}: {e}")
        return False
    if result.exceptions:
        tally.errors.append(f"{name}: the page shows an exception: {result.exceptions[0]}")
        return False
    tally.by_step.setdefault(name, []).append(result.elapsed_ms)
    return True


async def _think(seconds: float) -> None:
    """A user's pause: `seconds` on average, spread so sessions do not move in step."""
    if seconds > 0:
        await asyncio.sleep(random.uniform(0.5, 1.5) * seconds)


# ----------------------------------------------------------------------------------- figures


def summary(
    args: argparse.Namespace,
    tallies: list[Tally],
    runs: list[dict],
    marks: tuple[dict[str, Any], dict[str, Any]],
    rss_mb: float | None,
) -> dict[str, Any]:
    """The figures: the server's time and CPU per run, its RSS, the client's times, errors."""
    started, ended = marks
    client = [ms for t in tallies for times in t.by_step.values() for ms in times]
    run_ms = [float(r["run_ms"]) for r in runs]
    cpu_s = None
    if started["cpu_s"] is not None and ended["cpu_s"] is not None:
        cpu_s = ended["cpu_s"] - started["cpu_s"]
    return {
        "client": "websocket",
        "sessions": args.sessions,
        "think_s": args.think,
        "errors": sum(len(t.errors) for t in tallies),
        "requests": len(client),
        "runs": len(runs),
        "run_ms_p50": _percentile(run_ms, 50),
        "run_ms_p95": _percentile(run_ms, 95),
        "run_cpu_ms_mean": _mean([float(r["cpu_ms"]) for r in runs]),
        "server_cpu_s": None if cpu_s is None else round(cpu_s, 1),
        "server_cpu_s_per_run": None if cpu_s is None or not runs else round(cpu_s / len(runs), 3),
        "server_rss_mb": None if rss_mb is None else round(rss_mb, 1),
        "client_ms_p50": _percentile(client, 50),
        "client_ms_p95": _percentile(client, 95),
        "wall_s": round(ended["wall"] - started["wall"], 1),
        "load_avg": round(os.getloadavg()[0], 2),
        "by_page": by_page(runs),
    }


def by_page(runs: list[dict]) -> dict[str, dict[str, float | None]]:
    """The server's figures of each page's runs: which page is slow, or costly."""
    pages: dict[str, list[dict]] = {}
    for line in runs:
        pages.setdefault(str(line.get("page") or "overview"), []).append(line)
    return {
        page: {
            "runs": len(lines),
            "run_ms_p50": _percentile([float(r["run_ms"]) for r in lines], 50),
            "run_ms_p95": _percentile([float(r["run_ms"]) for r in lines], 95),
            "run_cpu_ms_mean": _mean([float(r["cpu_ms"]) for r in lines]),
        }
        for page, lines in pages.items()
    }


def _percentile(values: list[float], q: int) -> float | None:
    return round(float(np.percentile(values, q)), 1) if values else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _print_readable(figures: dict[str, Any]) -> None:
    p95, rss = figures["run_ms_p95"], figures["server_rss_mb"]
    ok = figures["errors"] == 0 and p95 is not None and p95 <= TARGET_P95_MS
    ok = ok and rss is not None and rss <= TARGET_RSS_MB
    print(f"sessions: {figures['sessions']} concurrent websocket clients,"
          f" {figures['think_s']} s between a session's requests")  # fmt: skip
    print(f"errors: {figures['errors']}")
    print(f"server time per run ({figures['runs']} runs, its own timing):"
          f" p50 {figures['run_ms_p50']} ms, p95 {p95} ms;"
          f" script CPU {figures['run_cpu_ms_mean']} ms per run on average")  # fmt: skip
    print(f"server CPU: {figures['server_cpu_s']} s in {figures['wall_s']} s,"
          f" {figures['server_cpu_s_per_run']} s per run; RSS, largest sample:"
          f" {rss} MB")  # fmt: skip
    print(f"target (no errors, p95 <= {TARGET_P95_MS} ms, RSS <= {TARGET_RSS_MB} MB):"
          f" {'ok' if ok else 'missed'}")  # fmt: skip
    print(f"client's time per request ({figures['requests']}): p50"
          f" {figures['client_ms_p50']} ms, p95 {figures['client_ms_p95']} ms;"
          f" load average {figures['load_avg']}")  # fmt: skip
    for page, row in figures["by_page"].items():
        print(f"  {page:<12} {row['runs']:>5} runs: server p50 {row['run_ms_p50']:>8} ms,"
              f" p95 {row['run_ms_p95']:>8} ms,"
              f" script CPU {row['run_cpu_ms_mean']:>6} ms")  # fmt: skip
