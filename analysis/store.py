"""Tables on disk: Parquet files of one build, switched in atomically by a CURRENT pointer.

Layout of a tables folder:
    CURRENT                 the name of the complete build in use (replaced atomically, last)
    build-<id>/<table>.parquet
    build-<id>/stamp.json   pipeline version, corpus hash, row counts
A build killed half way leaves CURRENT pointing at the previous, complete build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import __version__

POINTER = "CURRENT"
STAMP = "stamp.json"


def corpus_hash(ids_and_texts: Iterable[tuple[str, str]]) -> str:
    """A short hash of a corpus: its article ids and texts, in order."""
    digest = hashlib.sha256()
    for article_id, text in ids_and_texts:
        digest.update(article_id.encode("utf-8") + b"\x00" + text.encode("utf-8") + b"\x01")
    return digest.hexdigest()[:16]


def write_tables(
    out_dir: Path, tables: Mapping[str, pd.DataFrame], stamp: Mapping[str, Any]
) -> Path:
    """Write every table and the stamp into a new build folder, then point CURRENT at it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    for name, frame in tables.items():
        frame.to_parquet(build / f"{name}.parquet", index=False, compression="zstd")
    full_stamp = {
        **stamp,
        "analysis_version": __version__,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "rows": {name: len(frame) for name, frame in tables.items()},
    }
    (build / STAMP).write_text(json.dumps(full_stamp, indent=2, sort_keys=True), encoding="utf-8")
    final = out_dir / f"build-{full_stamp['built_at'].replace(':', '')}-{build.name[-6:]}"
    build.rename(final)
    _point_to(out_dir, final.name)
    _remove_old_builds(out_dir, keep=final.name)
    return final


def _point_to(out_dir: Path, build_name: str) -> None:
    """Replace CURRENT atomically (write a temp file, fsync, rename over)."""
    fd, tmp = tempfile.mkstemp(prefix=".current-", dir=out_dir)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(build_name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, out_dir / POINTER)


def _remove_old_builds(out_dir: Path, keep: str) -> None:
    for path in out_dir.iterdir():
        if path.is_dir() and path.name.startswith(("build-", ".build-")) and path.name != keep:
            shutil.rmtree(path, ignore_errors=True)


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
    return pd.read_parquet(build / f"{name}.parquet", columns=columns)
