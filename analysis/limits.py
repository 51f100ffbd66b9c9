"""Limits that protect a hosted app from huge or hostile input; all configurable."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds for one load; a record or file past a bound is refused with a clear message."""

    max_file_bytes: int = 256 * 2**20  # one input file, as stored (compressed size for .gz/.zip)
    max_records: int = 1_000_000  # records read in one load, over all files
    max_text_chars: int = 2_000_000  # one article's text
    max_zip_members: int = 10_000  # files inside one ZIP
    max_unpacked_bytes: int = 1 * 2**30  # a ZIP's or gzip's content once unpacked
    max_compression_ratio: int = 200  # unpacked/packed size of a ZIP member or gzip file

    @classmethod
    def from_env(cls, prefix: str = "STANCEMAP_") -> Limits:
        """Limits with STANCEMAP_MAX_* environment variables applied (STANCEMAP_MAX_RECORDS ...)."""
        values = {}
        for f in fields(cls):
            raw = os.environ.get(prefix + f.name.upper())
            if raw is not None:
                try:
                    values[f.name] = int(raw.replace("_", ""))
                except ValueError as e:
                    raise ValueError(
                        f"{prefix}{f.name.upper()}={raw!r} is not a whole number"
                    ) from e
        return cls(**values)


def human_bytes(n: int) -> str:
    """1536 -> '1.5 KB'; used in limit messages."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{n} bytes"
