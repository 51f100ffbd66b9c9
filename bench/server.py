"""A Streamlit server of this repository on a free loopback port, and its memory.

Used by `python -m bench load` and by the browser tests (tests/browser/harness.py):
start `streamlit run dashboard.py` with the tables and settings given, wait until healthy, stop.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
STARTUP_S = 120  # the server is healthy long before its first run has loaded the tables
RSS_EVERY_S = 0.25
# Debian's Chromium (never `playwright install`) and the flags every headless run here uses.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class ServerError(RuntimeError):
    """The server did not start or did not become healthy (the message holds its log's end)."""


def start_server(
    tables: Path, log: IO[bytes], env: Mapping[str, str] | None = None
) -> tuple[str, subprocess.Popen[bytes]]:
    """(url, process) of `streamlit run dashboard.py` reading `tables`, with `env` added;
    returns once /_stcore/health answers (stop it with stop_server)."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    full_env = {**os.environ, "STANCEMAP_TABLES": str(tables.resolve()), **(env or {})}
    server = subprocess.Popen(command, cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, server, log)
    except BaseException:
        stop_server(server)
        raise
    return url, server


@contextlib.contextmanager
def running_server(tables: Path, log: IO[bytes]) -> Iterator[tuple[str, int]]:
    """(url, pid) of a server started for the `with` block and stopped after it."""
    url, server = start_server(tables, log)
    try:
        yield url, server.pid
    finally:
        stop_server(server)


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, server: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    """Until /_stcore/health answers 200; ServerError with the log's end if the server exits
    or is not healthy after STARTUP_S seconds."""
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    log.flush()
    log.seek(0)
    tail = log.read().decode("utf-8", "replace")[-2000:]
    state = f"exited with {server.returncode}" if server.poll() is not None else "not healthy"
    raise ServerError(f"streamlit {state} after starting on {url}:\n{tail}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Terminate, then kill after 10 s."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def listening_pid(url: str) -> int | None:
    """The process listening on the URL's loopback port, if this user may see it."""
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1") or parts.port is None:
        return None
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as rows:
            for row in list(rows)[1:]:
                cols = row.split()
                if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == parts.port:
                    inodes.add(f"socket:[{cols[9]}]")
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) in inodes for fd in fd_dir.iterdir()):
                return int(fd_dir.parent.name)
    return None


class RssSampler:
    """Samples the RSS of a process and its descendants in a thread; keeps the largest."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self.max_mb: float | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> RssSampler:
        if self.pid is not None:
            self._thread = threading.Thread(target=self._sample, args=(self.pid,), daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _sample(self, root: int) -> None:
        while True:
            mb = sum(_rss_kb(pid) for pid in _tree(root)) / 1024
            if mb > 0:
                self.max_mb = max(self.max_mb or 0.0, mb)
            if self._stop.wait(RSS_EVERY_S):
                return


def _tree(pid: int) -> list[int]:
    """The process and its descendants (from /proc/<pid>/task/<tid>/children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo += [int(child) for child in children.read_text().split()]
    return found


def tree_cpu_s(pid: int | None) -> float | None:
    """CPU seconds (user + system) a process and its live descendants have used so far."""
    if pid is None:
        return None
    ticks = 0
    for member in _tree(pid):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_s() -> float:
    """CPU seconds every core of the machine has been busy since boot (/proc/stat)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _rss_kb(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0
