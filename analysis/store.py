"""Tables on disk: Parquet files of one build, switched in atomically by a CURRENT pointer.

Layout of a tables folder:
    CURRENT                 the name of the complete build in use (replaced atomically, last)
    build-<id>/<table>.parquet                   one file, or for a large table written in parts:
    build-<id>/<table>.parquet/part-00000.parquet  a folder of part files, read in name order
    build-<id>/stamp.json   pipeline version, corpus hash, row counts
A build killed half way leaves CURRENT pointing at the previous, complete build; the next write
removes what it left behind (`.build-*` folders, `.current-*` files, unused `build-*` folders).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import __version__

POINTER = "CURRENT"
STAMP = "stamp.json"
LOCK = ".lock"
PART = "part-{:05d}.parquet"


def corpus_hash(ids_and_texts: Iterable[tuple[str, str]]) -> str:
    """A short hash of a corpus: its article ids and texts, in order."""
    digest = hashlib.sha256()
    for article_id, text in ids_and_texts:
        digest.update(article_id.encode("utf-8") + b"\x00" + text.encode("utf-8") + b"\x01")
    return digest.hexdigest()[:16]


def write_tables(
    out_dir: Path,
    tables: Mapping[str, pd.DataFrame],
    stamp: Mapping[str, Any],
    *,
    part_rows: int | None = None,
    private: bool = False,
) -> Path:
    """Write every table and the stamp into a new build folder, then point CURRENT at it.

    A table longer than `part_rows` is written as a folder of part files of that many rows.
    Tables are readable by everyone (a server or container user other than the builder reads
    the shipped tables) unless `private` (a visitor's upload): then only by this user.
    """
    if part_rows is not None and part_rows < 1:
        raise ValueError(f"part_rows must be at least 1, got {part_rows}")
    out_dir.mkdir(parents=True, exist_ok=True)
    with _writer_lock(out_dir):
        build = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
        for name, frame in tables.items():
            _write_table(build / f"{name}.parquet", frame, part_rows)
        full_stamp = {
            **stamp,
            "analysis_version": __version__,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "rows": {name: len(frame) for name, frame in tables.items()},
        }
        stamp_text = json.dumps(full_stamp, indent=2, sort_keys=True)
        (build / STAMP).write_text(stamp_text, encoding="utf-8")
        if not private:
            _readable(build)
        _fsync_tree(build)
        final = out_dir / f"build-{full_stamp['built_at'].replace(':', '')}-{build.name[-6:]}"
        build.rename(final)
        _point_to(out_dir, final.name, private=private)
        _remove_old_builds(out_dir, keep=final.name)
    return final


@contextmanager
def _writer_lock(out_dir: Path) -> Iterator[None]:
    """One writer at a time per tables folder (the kernel drops the lock of a killed process),
    so that cleaning up leftovers never removes another writer's folder."""
    with (out_dir / LOCK).open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _write_table(path: Path, frame: pd.DataFrame, part_rows: int | None) -> None:
    """One Parquet file, or a folder of part files sharing one schema when the table is long."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if part_rows is None or table.num_rows <= part_rows:
        pq.write_table(table, path, compression="zstd")
        return
    path.mkdir()
    for number, start in enumerate(range(0, table.num_rows, part_rows)):
        part = table.slice(start, part_rows)
        pq.write_table(part, path / PART.format(number), compression="zstd")


def _readable(folder: Path) -> None:
    """mkdtemp makes a folder only its owner can read: open it (and its files) to everyone."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _fsync_tree(folder: Path) -> None:
    """Flush a new build to disk before CURRENT can point at it."""
    for path in [*sorted(folder.rglob("*")), folder]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _point_to(out_dir: Path, build_name: str, *, private: bool = False) -> None:
    """Replace CURRENT atomically (write a temp file, fsync, rename over)."""
    fd, tmp = tempfile.mkstemp(prefix=".current-", dir=out_dir)
    if not private:
        os.chmod(tmp, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(build_name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, out_dir / POINTER)


def _remove_old_builds(out_dir: Path, keep: str) -> None:
    """Earlier builds, and what killed writers left: temp build folders and pointer files."""
    for path in out_dir.iterdir():
        if path.name == keep:
            continue
        if path.is_dir() and path.name.startswith(("build-", ".build-")):
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file() and path.name.startswith(".current-"):
            path.unlink(missing_ok=True)


def current_build(out_dir: Path) -> Path | None:
    """The folder of the complete build in use, or None when there is none."""
    pointer = out_dir / POINTER
    if not pointer.is_file():
        return None
    build = out_dir / pointer.read_text(encoding="utf-8").strip()
    return build if (build / STAMP).is_file() else None


def read_stamp(out_dir: Path) -> dict[str, Any] | None:
    """The stamp of the current build, or None."""
    build = current_build(out_dir)
    return json.loads((build / STAMP).read_text(encoding="utf-8")) if build else None


def read_table(out_dir: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One table of the current build; FileNotFoundError naming the folder when there is none."""
    build = current_build(out_dir)
    if build is None:
        raise FileNotFoundError(f"{out_dir}: no complete build of the tables (run `make data`)")
    return read_build_table(build, name, columns)


def read_build_table(build: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One table of a given build folder, stored as one Parquet file or as a folder of parts."""
    path = build / f"{name}.parquet"
    if not path.is_dir():
        return pd.read_parquet(path, columns=columns)
    parts = sorted(path.glob("part-*.parquet"))
    if not parts:
        raise FileNotFoundError(f"{path}: a table folder without part files")
    frames = [pd.read_parquet(part, columns=columns) for part in parts]
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
