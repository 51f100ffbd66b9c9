"""`python -m bench load`: N concurrent browser sessions against one local server.

One headless Chromium (Debian's, never `playwright install`) opens N browser contexts at once;
each opens the app, visits every page of the sidebar navigation and changes a sidebar filter on
each. Every page draw and every redraw after a filter change is timed from the action to the end
of the script run. Prints {"sessions", "errors", "page_ms_p50", "page_ms_p95", "server_rss_mb"}
(plus wall_s, machine_cpu_s, server_cpu_s and server_cpu_share: how much of the machine's busy
CPU time went to the server, the rest mostly to the browsers on the same cores):
an error is an exception box, a timeout or a failed navigation; the RSS is the largest sampled
during the run (server and its child processes). Target at 20 sessions on a 2-core machine: no
errors, p95 at most 5,000 ms.

Without --url a server is started here (`streamlit run dashboard.py` on a free loopback port,
reading STANCEMAP_TABLES or the shipped data/tables) and stopped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bench.server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    RssSampler,
    ServerError,
    listening_pid,
    machine_busy_s,
    running_server,
    tree_cpu_s,
)

if TYPE_CHECKING:
    from playwright.async_api import Browser, Page

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TABLES = REPO / "data" / "tables"
TARGET_P95_MS = 5_000
STEP_MS = 60_000  # per page draw or redraw; a slower one counts as an error
POLL_MS = 50
VIEWPORT = {"width": 1440, "height": 900}
NAV_LINK = '[data-testid="stSidebarNavLink"]'
EXCEPTION = '[data-testid="stException"]'
MIN_STATEMENTS = '[data-testid="stSidebar"] input[aria-label="Min. statements"]'
# Counts the script runs that ended, from the app's WebSocket messages: a ForwardMsg whose
# field 6 (script_finished) is set, to any status but 2 (FINISHED_EARLY_FOR_RERUN). The script
# state attribute of stApp is not enough: under load React may draw "running" and "notRunning"
# in one commit, and the attribute never changes.
RUN_COUNTER = """
(() => {
window.__benchRuns = 0;
const finished = (data) => {
  if (!(data instanceof ArrayBuffer)) return false;
  const b = new Uint8Array(data);
  let i = 0;
  const varint = () => {
    let value = 0, shift = 0, byte;
    do { byte = b[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; }
    while (byte & 0x80 && i < b.length);
    return value;
  };
  while (i < b.length) {
    const tag = varint(), wire = tag & 7, number = Math.floor(tag / 8);
    if (wire === 0) { const value = varint(); if (number === 6) return value !== 2; }
    else if (wire === 2) { const length = varint(); i += length; }  // not i += varint()
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else return false;
  }
  return false;
};
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (e) => { if (finished(e.data)) window.__benchRuns += 1; });
  }
};
})();
"""
# A run after `before` has ended, the app is idle and shows `title` (when given) as its h1.
RUN_OVER = """
([before, title]) => {
  const idle = document.querySelector(
    '[data-testid="stApp"][data-test-script-state="notRunning"]');
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  return (window.__benchRuns || 0) > before && idle !== null && h1 !== null
    && (title === null || h1.innerText.trim() === title);
}
"""

# What the page shows when a wait timed out (for the error message).
SEEN = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  return `runs seen ${window.__benchRuns}, script state `
    + `${app ? app.getAttribute("data-test-script-state") : "no app"}, `
    + `title ${h1 ? JSON.stringify(h1.innerText.trim()) : "none"}, at ${location.pathname}`;
}
"""


class LoadError(RuntimeError):
    """The benchmark cannot run: no tables, a server that does not start, a failed warm-up."""


@dataclass
class Tally:
    """What one session measured: a time per draw or redraw, a message per error."""

    timings_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    by_step: dict[str, list[float]] = field(default_factory=dict)  # 'open /stances' -> ms


def run(args: argparse.Namespace) -> int:
    """Drive `args.sessions` concurrent sessions and print the figures."""
    if args.sessions < 1:
        print(f"error: --sessions must be at least 1, got {args.sessions}", file=sys.stderr)
        return 2
    problem = _missing_tools()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        with _server(args.url) as (url, pid), RssSampler(pid) as rss:
            before = (time.perf_counter(), tree_cpu_s(pid), machine_busy_s())
            tallies = asyncio.run(_drive(url, args.sessions))
            after = (time.perf_counter(), tree_cpu_s(pid), machine_busy_s())
    except (LoadError, ServerError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    figures = {**_figures(args.sessions, tallies, rss.max_mb), **_cpu_figures(before, after)}
    for message in [m for t in tallies for m in t.errors][:10]:
        print(f"load: {message}", file=sys.stderr)
    if args.json:
        print(json.dumps(figures))
    else:
        _print_readable(figures, sum(len(t.timings_ms) for t in tallies))
        _print_steps(tallies)
    return 0


@contextlib.contextmanager
def _server(url: str | None) -> Iterator[tuple[str, int | None]]:
    """(url, server pid): the given server (pid found when it listens on loopback), else one
    started here (STANCEMAP_TABLES or the shipped tables) and stopped on the way out."""
    if url is not None:
        yield url.rstrip("/"), listening_pid(url)
        return
    tables = Path(os.environ.get("STANCEMAP_TABLES") or DEFAULT_TABLES)
    if not tables.is_dir():
        raise LoadError(f"no tables folder at {tables}: run `make data` or set STANCEMAP_TABLES")
    with tempfile.TemporaryFile() as log, running_server(tables, log) as (local, pid):
        yield local, pid


def _missing_tools() -> str | None:
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "the load benchmark needs Playwright (a dev requirement): run `make dev-venv`"
    if not CHROMIUM.is_file():
        return f"the load benchmark needs Debian's Chromium at {CHROMIUM} (make chromium)"
    return None


def _figures(sessions: int, tallies: list[Tally], rss_mb: float | None) -> dict[str, Any]:
    times = [ms for t in tallies for ms in t.timings_ms]
    return {
        "sessions": sessions,
        "errors": sum(len(t.errors) for t in tallies),
        "page_ms_p50": round(float(np.percentile(times, 50)), 1) if times else None,
        "page_ms_p95": round(float(np.percentile(times, 95)), 1) if times else None,
        "server_rss_mb": None if rss_mb is None else round(rss_mb, 1),
    }


def _cpu_figures(
    before: tuple[float, float | None, float], after: tuple[float, float | None, float]
) -> dict[str, Any]:
    """Where the machine's CPU went during the run: the server's share of all busy CPU time
    (the rest is mostly the Chromium processes, on the same cores)."""
    wall, busy = after[0] - before[0], after[2] - before[2]
    server = None if before[1] is None or after[1] is None else after[1] - before[1]
    return {
        "wall_s": round(wall, 1),
        "machine_cpu_s": round(busy, 1),
        "server_cpu_s": None if server is None else round(server, 1),
        "server_cpu_share": None if server is None or busy <= 0 else round(server / busy, 3),
    }


def _print_readable(figures: dict[str, Any], timings: int) -> None:
    p95 = figures["page_ms_p95"]
    ok = figures["errors"] == 0 and p95 is not None and p95 <= TARGET_P95_MS
    verdict = "ok" if ok else "missed"
    rss = figures["server_rss_mb"]
    print(f"sessions: {figures['sessions']} concurrent (one Chromium, one context each)")
    print(f"errors: {figures['errors']}")
    print(f"page draws and redraws: {timings}, p50 {figures['page_ms_p50']} ms, p95 {p95} ms")
    print(f"target (no errors, p95 <= {TARGET_P95_MS} ms): {verdict}")
    print(f"server RSS, largest sample: {'unknown' if rss is None else f'{rss} MB'}")
    share = figures["server_cpu_share"]
    print(
        f"CPU: machine busy {figures['machine_cpu_s']} s in {figures['wall_s']} s, of which the"
        f" server {figures['server_cpu_s']} s"
        + ("" if share is None else f" ({share:.0%}; the rest is mostly the browsers)")
    )


def _print_steps(tallies: list[Tally]) -> None:
    """p50 per step (which page, or which filter change, is slow)."""
    steps: dict[str, list[float]] = {}
    for tally in tallies:
        for step, times in tally.by_step.items():
            steps.setdefault(step, []).extend(times)
    for step, times in steps.items():
        print(f"  {step:<28} p50 {float(np.percentile(times, 50)):>8.1f} ms  ({len(times)} runs)")


# ---------------------------------------------------------------------------------- sessions


async def _drive(url: str, sessions: int) -> list[Tally]:
    """One Chromium, a warm-up visit (not timed), then `sessions` contexts at once."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            warm = await _session(browser, url, change_filters=False)
            if warm.errors:
                raise LoadError(f"the warm-up visit failed: {warm.errors[0]}")
            done = 0

            async def one() -> Tally:
                nonlocal done
                tally = await _session(browser, url)
                done += 1
                print(f"load: {done}/{sessions} sessions done", file=sys.stderr, flush=True)
                return tally

            return list(await asyncio.gather(*(one() for _ in range(sessions))))
        finally:
            await browser.close()


async def _session(browser: Browser, url: str, *, change_filters: bool = True) -> Tally:
    """Open the app, then every page of its navigation, each with a filter change."""
    tally = Tally()
    context = await browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    await context.add_init_script(RUN_COUNTER)
    try:
        page = await context.new_page()
        # the navigation is drawn before the page: its links are there even if the page failed
        healthy = await _step(tally, "open /", _goto(page, url))
        links = await _nav_links(page)
        if not links:
            tally.errors.append("no page links in the sidebar navigation")
            return tally
        for index, (href, title) in enumerate(links):
            if index > 0:  # the first page is open already; after an error, load afresh
                action = _click_link(page, href, title) if healthy else _goto(page, href)
                healthy = await _step(tally, f"open {href}", action)
            if healthy and change_filters:
                healthy = await _step(tally, f"filter on {href}", _change_filter(page))
    finally:
        await context.close()
    return tally


async def _nav_links(page: Page) -> list[tuple[str, str]]:
    """(address, title) of every page in the sidebar navigation."""
    from playwright.async_api import Error as PlaywrightError

    try:
        links = await page.eval_on_selector_all(
            NAV_LINK, "els => els.map(e => [e.href, e.innerText.trim().split('\\n').pop()])"
        )
    except PlaywrightError:
        return []
    return [(str(href), str(title)) for href, title in links]


async def _step(tally: Tally, name: str, action: Any) -> bool:
    """Time `action` (a coroutine that ends when the page is drawn); errors are counted."""
    from playwright.async_api import Error as PlaywrightError

    started = time.perf_counter()
    try:
        page = await action
    except PlaywrightError as e:
        tally.errors.append(f"{name}: {str(e).splitlines()[0]}")
        return False
    elapsed_ms = (time.perf_counter() - started) * 1000
    if await page.locator(EXCEPTION).count():
        tally.errors.append(f"{name}: the page shows an exception")
        return False
    tally.timings_ms.append(elapsed_ms)
    step = re.sub(r"https?://[^/]+", "", name)
    tally.by_step.setdefault(step, []).append(elapsed_ms)
    return True


async def _goto(page: Page, url: str) -> Page:
    await page.goto(url, wait_until="commit", timeout=STEP_MS)
    await _run_over(page, 0)
    return page


async def _click_link(page: Page, href: str, title: str) -> Page:
    before = await _runs(page)
    await page.click(f'{NAV_LINK}[href="{href}"]', timeout=STEP_MS)
    await _run_over(page, before, title)
    return page


async def _change_filter(page: Page) -> Page:
    """'Min. statements' between 1 and 2: always a change, always a valid value."""
    field = page.locator(MIN_STATEMENTS)
    value = await field.input_value(timeout=STEP_MS)
    before = await _runs(page)
    await field.fill("1" if value == "2" else "2", timeout=STEP_MS)
    await field.press("Enter", timeout=STEP_MS)
    await _run_over(page, before)
    return page


async def _runs(page: Page) -> int:
    return int(await page.evaluate("() => window.__benchRuns || 0"))


async def _run_over(page: Page, before: int, title: str | None = None) -> None:
    """Until a run after the `before`-th has ended and the page (titled `title`) is idle."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    try:
        await page.wait_for_function(
            RUN_OVER, arg=[before, title], polling=POLL_MS, timeout=STEP_MS
        )
    except PlaywrightTimeout as e:
        seen = await page.evaluate(SEEN)
        raise PlaywrightTimeout(f"{str(e).splitlines()[0]} waiting for {title or 'a rerun'}"
                                f" after run {before}; {seen}") from e  # fmt: skip
