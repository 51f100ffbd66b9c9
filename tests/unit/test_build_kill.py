"""A build killed at any moment (SIGKILL: no cleanup runs) leaves the last complete tables in
place and readable; the next build cleans up what it left and completes."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis.store import current_build, read_stamp, read_table, write_tables

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT / "tests" / "fixtures" / "build" / "corpus"
RANDOM_KILLS = 3
Trigger = Callable[[Path, Path, float], bool]  # (tables folder, stderr file, seconds) -> kill now


def start_build(out: Path, log: Path, *options: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "analysis", "build", str(CORPUS), "--out", str(out)]
    with log.open("wb") as stderr:
        return subprocess.Popen(
            [*command, *options],
            cwd=REPO_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: read_table(out, name) for name in sorted((read_stamp(out) or {})["rows"])}


def assert_same_tables(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert got.keys() == expected.keys()
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)


def temp_builds(out: Path) -> list[Path]:
    return sorted(out.glob(".build-*"))


def after(seconds: float) -> Trigger:
    return lambda out, log, elapsed: elapsed >= seconds


def when_logged(text: str, delay: float = 0.0) -> Trigger:
    seen: list[float] = []

    def trigger(out: Path, log: Path, elapsed: float) -> bool:
        if not seen and text in log.read_text(encoding="utf-8", errors="replace"):
            seen.append(elapsed)
        return bool(seen) and elapsed >= seen[0] + delay

    return trigger


def when_writing(files: int) -> Trigger:
    """Once a temporary build folder holds at least `files` entries (0: as soon as it exists)."""

    def trigger(out: Path, log: Path, elapsed: float) -> bool:
        return any(len(list(folder.iterdir())) >= files for folder in temp_builds(out))

    return trigger


def kill_when(process: subprocess.Popen[bytes], out: Path, log: Path, trigger: Trigger) -> bool:
    """SIGKILL the build once `trigger` fires; False when it finished first (also when it exits
    between the last look and the signal, which a random moment near the end can hit)."""
    started = time.monotonic()
    while process.poll() is None:
        try:
            fire = trigger(out, log, time.monotonic() - started)
        except OSError:  # a folder vanished while we looked: look again
            fire = False
        if fire:
            process.send_signal(signal.SIGKILL)
            return process.wait() == -signal.SIGKILL
        time.sleep(0.001)
    return False


def test_killed_builds_leave_the_last_complete_tables(tmp_path: Path) -> None:
    out, log = tmp_path / "tables", tmp_path / "stderr.txt"
    started = time.monotonic()
    first = start_build(out, log)
    assert first.wait(timeout=300) == 0, log.read_text(encoding="utf-8")
    duration = time.monotonic() - started
    expected = tables(out)
    rng = random.Random(6)
    moments: dict[str, Trigger] = {
        "while starting": after(0.3),
        "while analysing": when_logged("analysing all", delay=0.2),
        "as writing starts": when_writing(0),
        "half way through writing": when_writing(6),
        "after the last table": when_writing(len(expected)),
        **{f"at random {n}": after(rng.uniform(0, duration)) for n in range(RANDOM_KILLS)},
    }
    killed, left = [], []
    for moment, trigger in moments.items():
        before = current_build(out)
        process = start_build(out, log, "--full")
        if kill_when(process, out, log, trigger):
            killed.append(moment)
            assert process.returncode == -signal.SIGKILL
        else:
            assert process.returncode == 0, f"{moment}: {log.read_text(encoding='utf-8')}"
        now = current_build(out)
        assert now is not None, moment  # the previous build, or a new one if the switch was done
        assert_same_tables(tables(out), expected)
        left += [moment] if temp_builds(out) else []
        print(
            f"{moment}: {'killed' if moment in killed else 'finished'}, CURRENT "
            f"{'kept' if now == before else 'switched'}, temp folders {len(temp_builds(out))}"
        )
    assert len(killed) >= len(moments) - 2, f"most builds should be killed, only: {killed}"
    assert left, "no kill left a temporary build folder: the writing moments were missed"

    # What killed writers leave behind, plus a stray pointer file, must not disturb the next build.
    (out / ".build-leftover").mkdir(exist_ok=True)
    (out / ".build-leftover" / "mentions.parquet").write_bytes(b"PAR1 half")
    (out / ".current-leftover").write_text("build-nothing\n", encoding="utf-8")
    last = start_build(out, log)
    assert last.wait(timeout=300) == 0, log.read_text(encoding="utf-8")
    assert "reusing 16" in log.read_text(encoding="utf-8")
    assert_same_tables(tables(out), expected)
    now = current_build(out)
    assert now is not None
    assert sorted(p.name for p in out.iterdir()) == sorted([".lock", "CURRENT", now.name])


def test_tables_are_readable_by_other_users_unless_private(tmp_path: Path) -> None:
    """A container user other than the builder reads the shipped tables; an upload's are private."""
    frame = pd.DataFrame({"a": [1, 2]})
    shared = write_tables(tmp_path / "shared", {"t": frame}, {})
    private = write_tables(tmp_path / "private", {"t": frame}, {}, private=True)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE((shared / "t.parquet").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "shared" / "CURRENT").stat().st_mode) == 0o644
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "private" / "CURRENT").stat().st_mode) == 0o600
