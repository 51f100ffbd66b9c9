"""`python -m bench first-chart`: a fresh server, a fresh browser, until the Overview's chart.

Each round starts `streamlit run dashboard.py` (as `make run` does) and, once it is healthy, a
new headless Chromium (Debian's, never `playwright install`; a new profile, so nothing cached)
that opens the app with every request to another host blocked. It stops when the first Plotly
chart of the Overview has drawn its marks. Where that time went:

- browser start: navigation until the app's websocket is open (HTML, the JS bundle, React);
- server: the first script run asked for, until the message carrying the chart arrives;
- browser draw: that message until the marks are on screen (Plotly's own JS chunk, which the
  browser fetches only for a first chart, and the drawing).

The server's own figures come from its run log (STANCEMAP_RUN_LOG, ui.sidebar): the first
script run's time and CPU, and how long the server took to start. Target: 3,000 ms in total.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ServerError,
    missing_browser,
    start_server,
    stop_server,
    tree_cpu_s,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TABLES = REPO / "data" / "tables"
TARGET_MS = 3_000
WAIT_MS = 120_000
VIEWPORT = {"width": 1440, "height": 900}
LOOPBACK = ("127.0.0.1", "localhost", "[::1]", "::1")
# Records, on the page's own clock (ms since navigation started), when the app's websocket
# opened, when it first sent, and every message it received with its bytes (decoded here).
PROBE = """
(() => {
  const probe = window.__firstChart = {messages: []};
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("open", (e) => { probe.open ??= e.timeStamp; });
      this.addEventListener("message", (e) => {
        if (!(e.data instanceof ArrayBuffer)) return;
        let text = "";
        const bytes = new Uint8Array(e.data);
        for (let i = 0; i < bytes.length; i += 0x8000)
          text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        probe.messages.push([e.timeStamp, btoa(text)]);
      });
    }
    send(data) { probe.sent ??= performance.now(); return super.send(data); }
  };
})();
"""
# When the chart has drawn its marks: the time; an exception box: its text (the round fails).
CHART_DRAWN = """
() => {
  const plot = document.querySelector(
    '[data-testid="stMain"] [data-testid="stPlotlyChart"] .js-plotly-plot');
  if (plot && plot._fullLayout && plot.querySelector(".trace")) return performance.now();
  const error = document.querySelector('[data-testid="stException"]');
  return error ? error.innerText.slice(0, 500) : null;
}
"""
MAIN_CONTAINER = 0  # RootContainer.MAIN
RUN_OVER = '[data-testid="stApp"][data-test-script-state="notRunning"]'


class FirstChartError(RuntimeError):
    """A round could not be measured (no tables, no chart, a server that does not start)."""


def run(args: argparse.Namespace) -> int:
    """Measure `args.repeat` cold rounds and print the medians (JSON with --json)."""
    problem = missing_browser("first-chart")
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    tables = args.tables or Path(os.environ.get("STANCEMAP_TABLES") or DEFAULT_TABLES)
    rounds = []
    try:
        for index in range(args.repeat):
            rounds.append(asyncio.run(_round(tables)))
            print(f"first-chart: round {index + 1}: {rounds[-1]}", file=sys.stderr, flush=True)
    except (FirstChartError, ServerError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    figures = summary(rounds)
    if args.json:
        print(json.dumps(figures))
    else:
        _print_readable(figures)
    return 0


def summary(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each figure over the rounds, the rounds themselves and the machine's load."""
    medians = {
        key: round(statistics.median(r[key] for r in rounds), 1)
        for key in rounds[0]
        if isinstance(rounds[0][key], int | float)
    }
    blocked = sorted({url for r in rounds for url in r["blocked"]})
    return {**medians, "rounds": len(rounds), "blocked": blocked, "load_avg": os.getloadavg()[0]}


async def _round(tables: Path) -> dict[str, Any]:
    """One cold server and one cold browser; the figures of this round in ms."""
    if not tables.is_dir():
        raise FirstChartError(f"no tables folder at {tables}: run `make data` or set it")
    with tempfile.TemporaryDirectory() as work, tempfile.TemporaryFile() as log:
        run_log = Path(work) / "runs.jsonl"
        started = time.perf_counter()
        url, server = start_server(tables, log, {"STANCEMAP_RUN_LOG": str(run_log)})
        startup_ms = (time.perf_counter() - started) * 1000
        try:
            page = await _open_overview(url, server.pid)
        finally:
            stop_server(server)
        runs = [json.loads(line) for line in run_log.read_text().splitlines()] or [{}]
    figures = timeline(page)
    return {
        **figures,
        "server_cpu_ms": page["server_cpu_ms"],
        "browser_cpu_ms": page["browser_cpu_ms"],
        "server_startup_ms": round(startup_ms, 1),
        "first_run_ms": runs[0].get("run_ms", float("nan")),
        "first_run_cpu_ms": runs[0].get("cpu_ms", float("nan")),
        "blocked": page["blocked"],
    }


async def _open_overview(url: str, server_pid: int) -> dict[str, Any]:
    """What the page recorded until its first chart was drawn and the run was over, and the
    CPU time the server and the browser used from the navigation to the chart."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
            blocked = await _block_other_hosts(context)
            await context.add_init_script(PROBE)
            page = await context.new_page()
            before = _cpu_s(server_pid)
            await page.goto(url, wait_until="commit", timeout=WAIT_MS)
            drawn = await page.wait_for_function(CHART_DRAWN, polling="raf", timeout=WAIT_MS)
            after = _cpu_s(server_pid)
            chart = await drawn.json_value()
            if isinstance(chart, str):
                raise FirstChartError(f"the Overview shows an exception: {chart}")
            chart_ms = float(chart)
            await page.wait_for_selector(RUN_OVER, timeout=WAIT_MS)
            probe = await page.evaluate("() => window.__firstChart")
            chunks = await page.evaluate(
                "() => performance.getEntriesByType('resource')"
                ".filter(r => r.name.includes('PlotlyChart'))"
                ".map(r => [r.startTime, r.responseEnd])"
            )
        finally:
            await browser.close()
    cpu = {f"{name}_cpu_ms": round((after[name] - before[name]) * 1000) for name in after}
    return {**probe, "chart_drawn": chart_ms, "plotly_chunk": chunks, "blocked": blocked, **cpu}


def _cpu_s(server_pid: int) -> dict[str, float]:
    """CPU seconds so far of the server and of the Chromium processes this process started."""
    return {
        "server": tree_cpu_s(server_pid) or 0.0,
        "browser": tree_cpu_s(os.getpid(), named="chrom") or 0.0,
    }


async def _block_other_hosts(context: Any) -> list[str]:
    """Abort every request (and websocket) to a host other than this machine; returns the list
    the aborted addresses are added to."""
    blocked: list[str] = []

    async def http(route: Any) -> None:
        if _loopback(route.request.url):
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort()

    async def websocket(ws: Any) -> None:
        blocked.append(ws.url)
        await ws.close()

    await context.route("**/*", http)
    await context.route_web_socket(lambda address: not _loopback(address), websocket)
    return blocked


def _loopback(address: str) -> bool:
    parts = urlsplit(address)
    return parts.scheme in ("data", "blob") or parts.hostname in LOOPBACK


def timeline(page: dict[str, Any]) -> dict[str, float]:
    """The round's figures (ms on the page's clock) from what the page recorded."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    chart_msg = finished = first = None
    for at, data in page["messages"]:
        msg = ForwardMsg.FromString(base64.b64decode(data))
        first = at if first is None else first
        if chart_msg is None and _is_chart(msg):
            chart_msg = at
        if msg.WhichOneof("type") == "script_finished" and finished is None:
            finished = at
    if chart_msg is None or page.get("open") is None:
        raise FirstChartError("the page drew a chart, but no chart message was seen")
    sent = float(page.get("sent") or page["open"])
    chunk = page["plotly_chunk"][0] if page["plotly_chunk"] else [chart_msg, chart_msg]
    return {
        "first_chart_ms": round(page["chart_drawn"], 1),
        "browser_start_ms": round(page["open"], 1),
        "server_ms": round(chart_msg - sent, 1),
        "browser_draw_ms": round(page["chart_drawn"] - chart_msg, 1),
        "first_message_ms": round((first or sent) - sent, 1),
        "run_over_ms": round((finished or chart_msg) - sent, 1),
        "plotly_chunk_start_ms": round(chunk[0], 1),
        "plotly_chunk_end_ms": round(chunk[1], 1),
        "messages": len(page["messages"]),
        "message_kb": round(sum(len(d) * 3 / 4 for _, d in page["messages"]) / 1024, 1),
    }


def _is_chart(msg: Any) -> bool:
    """A Plotly chart for the page's main area (delta path 0 ...; the sidebar's is 1 ...)."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return False
    main = msg.metadata.delta_path[:1] == [MAIN_CONTAINER]
    return main and msg.delta.new_element.WhichOneof("type") == "plotly_chart"


def _print_readable(figures: dict[str, Any]) -> None:
    total = figures["first_chart_ms"]
    verdict = "ok" if total <= TARGET_MS else "missed"
    print(f"first chart on the Overview, cold server and browser: {total} ms"
          f" (median of {figures['rounds']}; target {TARGET_MS} ms: {verdict})")  # fmt: skip
    print(f"  browser start (page, JS, websocket open): {figures['browser_start_ms']} ms")
    print(f"  server (first run until the chart's message): {figures['server_ms']} ms;"
          f" its own timing of the whole first run {figures['first_run_ms']} ms,"
          f" {figures['first_run_cpu_ms']} ms CPU")  # fmt: skip
    print(f"  browser draw (Plotly's chunk and the drawing): {figures['browser_draw_ms']} ms;"
          f" the chunk loaded {figures['plotly_chunk_start_ms']}-"
          f"{figures['plotly_chunk_end_ms']} ms")  # fmt: skip
    print(f"  run over at {figures['run_over_ms']} ms after the first request;"
          f" {figures['messages']} messages, {figures['message_kb']} KB")  # fmt: skip
    print(f"  CPU from the navigation to the chart: server {figures['server_cpu_ms']} ms,"
          f" browser {figures['browser_cpu_ms']} ms")  # fmt: skip
    print(f"server start (process to healthy, before the browser): {figures['server_startup_ms']}"
          f" ms; load average {figures['load_avg']:.2f}")  # fmt: skip
    print(f"requests to other hosts blocked: {len(figures['blocked'])}")
    for address in figures["blocked"][:10]:
        print(f"  {address}")
