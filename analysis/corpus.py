"""Load a corpus from any mix of files: each record accepted, rejected (with why) or duplicate."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import schema
from analysis.dates import unreadable_date_rows
from analysis.errors import FileUnreadable, RecordInvalid
from analysis.fields import RecordContext, make_article
from analysis.inputs import InputFile, expand_paths, expand_uploads
from analysis.limits import Limits
from analysis.packs import DEFAULT_CORPUS_DIR, Pack, default_packs
from analysis.readers import file_bytes, read_items
from analysis.records import Article, Duplicate, FileProblem, Rejection
from analysis.textclean import normalised_for_dedup

ProgressFn = Callable[[int, int, str], None]

__all__ = [
    "Limits",
    "LoadReport",
    "Pack",
    "ProgressFn",
    "default_packs",
    "load_corpus",
    "load_default_corpus",
    "load_uploaded",
]


@dataclass(frozen=True)
class LoadReport:
    """The outcome of one load: records_in == accepted + len(rejected) + len(duplicates)."""

    articles: tuple[Article, ...]
    rejected: tuple[Rejection, ...]
    duplicates: tuple[Duplicate, ...]
    file_problems: tuple[FileProblem, ...]
    records_in: int

    @property
    def accepted(self) -> int:
        """Number of articles kept."""
        return len(self.articles)

    def summary(self) -> dict[str, Any]:
        """The accounting as one JSON-ready object (what `corpus info --json` prints)."""
        dates = sorted(a.date for a in self.articles if a.date)
        return {
            "records_in": self.records_in,
            "accepted": self.accepted,
            "duplicates": len(self.duplicates),
            "rejected": [dataclasses.asdict(r) for r in self.rejected],
            "file_problems": [dataclasses.asdict(p) for p in self.file_problems],
            "sources": dict(Counter(a.source for a in self.articles).most_common()),
            "packs": dict(Counter(a.pack for a in self.articles).most_common()),
            "date_min": dates[0] if dates else None,
            "date_max": dates[-1] if dates else None,
            "undated": sum(1 for a in self.articles if a.date is None),
            "unreadable_dates": unreadable_date_rows(
                (a.origin_file, a.origin_line, a.notes) for a in self.articles
            ),
        }

    def articles_frame(self) -> pd.DataFrame:
        """Articles as a table with the columns of schema.ARTICLE_COLUMNS."""
        return _frame(self.articles, schema.ARTICLE_COLUMNS)

    def rejected_frame(self) -> pd.DataFrame:
        """Rejected records (file, line, field, reason)."""
        return _frame(self.rejected, schema.REJECTED_COLUMNS)

    def duplicates_frame(self) -> pd.DataFrame:
        """Duplicate records and the article each repeats."""
        return _frame(self.duplicates, schema.DUPLICATE_COLUMNS)

    def file_problems_frame(self) -> pd.DataFrame:
        """Files, or the rest of files, that could not be read."""
        return _frame(self.file_problems, schema.FILE_PROBLEM_COLUMNS)


def _frame(rows: Iterable[Any], columns: Sequence[str]) -> pd.DataFrame:
    data = [[getattr(r, c) for c in columns] for r in rows]
    frame = pd.DataFrame(data, columns=list(columns))
    if "notes" in frame:
        frame["notes"] = frame["notes"].map("; ".join)
    return frame


class _Collector:
    """Accumulates one load's outcome and applies de-duplication and the record limit."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.articles: list[Article] = []
        self.rejected: list[Rejection] = []
        self.duplicates: list[Duplicate] = []
        self.problems: list[FileProblem] = []
        self.records_in = 0
        self._ids: set[str] = set()
        self._texts: dict[str, str] = {}

    @property
    def full(self) -> bool:
        return self.records_in >= self.limits.max_records

    def add(self, item: Article | RecordInvalid, file: str, line: int) -> None:
        self.records_in += 1
        if isinstance(item, RecordInvalid):
            self.rejected.append(Rejection(file, line, item.field, item.reason))
            return
        key = normalised_for_dedup(item.text)
        if item.id in self._ids:
            self.duplicates.append(Duplicate(file, line, item.id, item.id, "same id"))
        elif key in self._texts:
            self.duplicates.append(Duplicate(file, line, item.id, self._texts[key], "same text"))
        else:
            self._ids.add(item.id)
            self._texts[key] = item.id
            self.articles.append(item)

    def report(self) -> LoadReport:
        return LoadReport(
            tuple(self.articles),
            tuple(self.rejected),
            tuple(self.duplicates),
            tuple(self.problems),
            self.records_in,
        )


def _read_file(f: InputFile, out: _Collector, origin: str) -> None:
    """Read one file into the collector; a file-level failure becomes a FileProblem."""
    limit = out.limits.max_text_chars
    if f.pack is not None:
        ctx = f.pack.context(f.name, limit)
    else:
        ctx = RecordContext(file=f.name, pack=origin, max_text_chars=limit)
    read_any = False
    try:
        data, note = file_bytes(f, out.limits)
        if note:
            out.problems.append(FileProblem(f.name, note, fatal=False))
        decoding: list[str] = []
        for line, raw in read_items(f, data, out.limits, decoding):
            if out.full:
                limit = out.limits.max_records
                reason = f"stopped at line/row {line}: the limit of {limit:,} records was reached"
                out.problems.append(FileProblem(f.name, reason, fatal=False))
                return
            read_any = True
            out.add(_article(raw, line, ctx), f.name, line)
    except FileUnreadable as e:
        out.problems.append(FileProblem(f.name, e.reason, fatal=not read_any))
    else:
        out.problems.extend(FileProblem(f.name, note, fatal=False) for note in decoding)


def _article(
    raw: dict[str, Any] | RecordInvalid, line: int, ctx: RecordContext
) -> Article | RecordInvalid:
    if isinstance(raw, RecordInvalid):
        return raw
    try:
        return make_article(raw, line, ctx)
    except RecordInvalid as e:
        return e


def _load(
    files: list[InputFile],
    problems: list[FileProblem],
    limits: Limits,
    progress: ProgressFn | None,
    origin: str,
) -> LoadReport:
    """Read every file; `origin` ('local' or 'upload') names records that belong to no pack."""
    out = _Collector(limits)
    out.problems.extend(problems)
    for done, f in enumerate(files):
        if progress is not None:
            progress(done, len(files), f"reading {f.name}")
        _read_file(f, out, origin)
    if progress is not None:
        progress(len(files), len(files), f"{out.records_in:,} records read")
    return out.report()


def load_corpus(
    paths: Sequence[str | Path], *, limits: Limits | None = None, progress: ProgressFn | None = None
) -> LoadReport:
    """Load files, folders (a folder with pack.json is one pack) and ZIPs from disk."""
    limits = limits or Limits()
    files, problems = expand_paths(paths, limits)
    return _load(files, problems, limits, progress, "local")


def load_uploaded(
    files: Sequence[tuple[str, bytes]],
    *,
    limits: Limits | None = None,
    progress: ProgressFn | None = None,
) -> LoadReport:
    """Load uploaded (file name, content) pairs, as a browser upload gives them."""
    limits = limits or Limits()
    inputs, problems = expand_uploads(files, limits)
    return _load(inputs, problems, limits, progress, "upload")


def load_default_corpus(
    *,
    limits: Limits | None = None,
    progress: ProgressFn | None = None,
    root: Path = DEFAULT_CORPUS_DIR,
) -> LoadReport:
    """The default corpus: every pack under data/corpus (or under `root`)."""
    folders = [p.folder for p in default_packs(root)]
    return load_corpus(folders, limits=limits, progress=progress)
