"""A build stopped at any moment leaves the last complete tables in place and readable; the next
build cleans up what it left and completes.

The table writer (analysis.store.write_tables) is made to fail, in this process, at every step in
turn: after each table file k = 0..n, then at the permissions, the fsync, the rename of the build
folder, the switch of CURRENT and the removal of old builds. An exception leaves on disk what a
kill leaves at that moment, because write_tables cleans up nothing on the way out; one real build
killed with SIGKILL while writing shows that a killed process leaves no more than that.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

from analysis import store
from analysis.build import LocalAnalyser, build
from analysis.corpus import LoadReport, load_corpus
from analysis.store import current_build, read_stamp, read_table, write_tables

pytestmark = pytest.mark.slow  # builds the 16-article fixture corpus (the session's model)

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT / "tests" / "fixtures" / "build" / "corpus"
KILL_ATTEMPTS = 3  # a real build may finish writing between two looks; try again


class Injected(RuntimeError):
    """The failure put into the writer."""


class FirstBuild(NamedTuple):
    out: Path  # copy it before writing into it
    tables: dict[str, pd.DataFrame]
    report: LoadReport


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: read_table(out, name) for name in sorted((read_stamp(out) or {})["rows"])}


def assert_same_tables(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert got.keys() == expected.keys()
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)


def leftovers(out: Path) -> list[str]:
    """What a stopped writer may leave: temp build folders, unused builds, pointer temp files."""
    current = current_build(out)
    return sorted(
        p.name
        for p in out.iterdir()
        if p.name.startswith((".build-", ".current-"))
        or (p.name.startswith("build-") and (current is None or p.name != current.name))
    )


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory, analyser: LocalAnalyser) -> FirstBuild:
    """A complete build of the fixture corpus."""
    out = tmp_path_factory.mktemp("first") / "tables"
    report = load_corpus([CORPUS])
    build(report, out, analyser=analyser)
    return FirstBuild(out, tables(out), report)


Failure = Callable[[pytest.MonkeyPatch], AbstractContextManager[None]]


def after_files(files: int) -> Failure:
    """The writer raises when it starts table file number `files` + 1."""

    @contextmanager
    def inject(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
        written: list[Path] = []
        real = store._write_table

        def write(path: Path, frame: pd.DataFrame, part_rows: int | None) -> None:
            if len(written) == files:
                raise Injected(f"after {files} files")
            real(path, frame, part_rows)
            written.append(path)

        monkeypatch.setattr(store, "_write_table", write)
        yield
        assert len(written) == files, f"the writer wrote {len(written)} files, not {files}"

    return inject


def at_step(name: str, target: object = store) -> Failure:
    """The writer raises when it calls `target.name` (a step of write_tables)."""

    @contextmanager
    def inject(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
        calls: list[object] = []

        def fail(*args: object, **kwargs: object) -> None:
            calls.append(args)
            raise Injected(name)

        monkeypatch.setattr(target, name, fail)
        yield
        assert calls, f"write_tables never called {name}"

    return inject


def test_a_writer_stopped_at_any_step_leaves_the_last_complete_tables(
    tmp_path: Path, first_build: FirstBuild, analyser: LocalAnalyser
) -> None:
    out = tmp_path / "tables"
    shutil.copytree(first_build.out, out)
    expected = first_build.tables
    stamp = {k: v for k, v in (read_stamp(out) or {}).items() if k not in ("rows", "built_at")}
    moments: dict[str, Failure] = {
        **{
            f"after {k} of {len(expected)} table files": after_files(k)
            for k in range(len(expected))
        },
        "opening the files to other users": at_step("_readable"),
        "flushing to disk": at_step("_fsync_tree"),
        "switching CURRENT": at_step("replace", os),  # its temp file is written, not renamed
        "pointing CURRENT (build folder renamed)": at_step("_point_to"),
        "removing old builds (CURRENT switched)": at_step("_remove_old_builds"),
    }
    switched, left = [], set()
    for moment, failure in moments.items():
        before = current_build(out)
        with (
            pytest.MonkeyPatch.context() as monkeypatch,
            failure(monkeypatch),
            pytest.raises(Injected),
        ):
            write_tables(out, expected, {**stamp, "attempt": moment})
        now = current_build(out)
        assert now is not None, moment  # the previous build, or the new one once switched
        assert_same_tables(tables(out), expected)
        attempt = (read_stamp(out) or {}).get("attempt")
        if now != before:
            switched.append(moment)
            assert attempt == moment, f"{moment}: CURRENT points at another attempt's build"
        left |= set(leftovers(out))
    assert switched == ["removing old builds (CURRENT switched)"]
    assert any(n.startswith(".build-") for n in left), left  # the moments before the rename
    assert any(n.startswith(".current-") for n in left), left  # the switch's temp file
    assert any(n.startswith("build-") for n in left), left  # renamed, never pointed at

    # What the stopped writers left, plus a half-written table, must not disturb the next build.
    (out / ".build-leftover").mkdir(exist_ok=True)
    (out / ".build-leftover" / "mentions.parquet").write_bytes(b"PAR1 half")
    said: list[str] = []
    build(first_build.report, out, analyser=analyser, say=said.append)
    assert said == [
        f"analysing 0 new or changed articles, reusing {len(first_build.report.articles)}"
    ]
    assert_same_tables(tables(out), expected)
    now = current_build(out)
    assert now is not None
    assert sorted(p.name for p in out.iterdir()) == sorted([".lock", "CURRENT", now.name])


def start_build(out: Path, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "analysis", "build", str(CORPUS), "--out", str(out), "--full"]
    with log.open("wb") as stderr:
        return subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )


def kill_while_writing(process: subprocess.Popen[bytes], out: Path) -> bool:
    """SIGKILL the build as soon as its temporary build folder exists; False when it finished
    first (also when it exits between the last look and the signal)."""
    while process.poll() is None:
        if any(out.glob(".build-*")):
            process.send_signal(signal.SIGKILL)
            return process.wait() == -signal.SIGKILL
        time.sleep(0.001)
    return False


@pytest.mark.timeout(300)
def test_a_build_killed_while_writing_leaves_the_last_complete_tables(
    tmp_path: Path, first_build: FirstBuild
) -> None:
    """The one real kill: no exception handler, no `finally`, no flush runs."""
    out, log = tmp_path / "tables", tmp_path / "stderr.txt"
    shutil.copytree(first_build.out, out)
    before = current_build(out)
    for _attempt in range(KILL_ATTEMPTS):
        process = start_build(out, log)
        if kill_while_writing(process, out):
            break
        assert process.returncode == 0, log.read_text(encoding="utf-8")
        before = current_build(out)
    else:
        pytest.fail(f"{KILL_ATTEMPTS} builds finished writing before they could be killed")
    assert current_build(out) == before
    assert_same_tables(tables(out), first_build.tables)
    assert leftovers(out), "the killed build left no temporary folder"
    stamp = {k: v for k, v in (read_stamp(out) or {}).items() if k not in ("rows", "built_at")}
    write_tables(out, first_build.tables, stamp)  # the next writer cleans up
    assert leftovers(out) == []


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
