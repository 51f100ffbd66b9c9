"""Turn paths, folders, ZIPs and uploads into a flat list of input files, within the limits."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from analysis.errors import FileUnreadable, LimitExceeded
from analysis.limits import Limits, human_bytes
from analysis.packs import PACK_FILE, Pack, read_pack
from analysis.records import FileProblem

FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
READABLE = ", ".join(sorted({*FORMATS, ".gz", ".zip"}))
REPO_ROOT = Path(__file__).resolve().parent.parent
_DOC_NAMES = {
    "readme",
    "license",
    "licence",
    "provenance",
    "changelog",
    "copying",
    "notice",
    "authors",
}


@dataclass(frozen=True)
class InputFile:
    """One file to read: a display name, its format, how to get its bytes, and its pack if any."""

    name: str
    format: str
    read: Callable[[], bytes]
    gzipped: bool = False
    pack: Pack | None = None


def file_format(name: str) -> tuple[str | None, bool]:
    """(format, gzipped) from a file name; format None when Stancemap cannot read the type."""
    path = PurePosixPath(name.lower())
    gzipped = path.suffix == ".gz"
    if gzipped:
        path = path.with_suffix("")
    if path.suffix == ".zip":
        return ("zip", gzipped)
    return FORMATS.get(path.suffix), gzipped


def _skip_reason(name: str) -> str | None:
    """Files inside folders and ZIPs that are not documents: hidden, OS metadata, documentation."""
    parts = PurePosixPath(name).parts
    if any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return "skipped: hidden or operating-system file, not a document"
    if parts and parts[-1].split(".")[0].lower() in _DOC_NAMES:
        return (
            "skipped: documentation file (README, LICENSE, PROVENANCE ...), not read as an article"
        )
    return None


def expand_paths(
    paths: Sequence[str | Path], limits: Limits
) -> tuple[list[InputFile], list[FileProblem]]:
    """Input files for local paths (files, folders with or without pack.json, ZIPs)."""
    files: list[InputFile] = []
    problems: list[FileProblem] = []
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                _expand_dir(path, limits, files, problems)
            elif path.exists():
                pack = _pack_of(path.parent)
                _add(display_name(path), _reader(path, limits), files, problems, limits, pack)
            else:
                problems.append(
                    FileProblem(display_name(path), "no such file or folder", fatal=True)
                )
        except FileUnreadable as e:
            problems.append(FileProblem(e.file, e.reason, fatal=True))
    return files, problems


def expand_uploads(
    uploads: Sequence[tuple[str, bytes]], limits: Limits
) -> tuple[list[InputFile], list[FileProblem]]:
    """Input files for uploaded (name, content) pairs."""
    files: list[InputFile] = []
    problems: list[FileProblem] = []
    for name, content in uploads:
        if len(content) > limits.max_file_bytes:
            problems.append(FileProblem(name, _too_big(len(content), limits), fatal=True))
            continue
        _add(name, _constant(content), files, problems, limits, None)
    return files, problems


def display_name(path: Path) -> str:
    """A path as shown to people: relative to the project when inside it, else as given."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _constant(content: bytes) -> Callable[[], bytes]:
    """A reader for content already in memory."""
    return lambda: content


def _pack_of(folder: Path) -> Pack | None:
    return read_pack(folder) if (folder / PACK_FILE).is_file() else None


def _expand_dir(
    folder: Path, limits: Limits, files: list[InputFile], problems: list[FileProblem]
) -> None:
    """A folder: its pack's files when it has a pack.json, else every file below it."""
    if (pack := _pack_of(folder)) is not None:
        for name in pack.files:
            path = folder / name
            if path.is_file():
                _add(display_name(path), _reader(path, limits), files, problems, limits, pack)
            else:
                problems.append(
                    FileProblem(
                        display_name(path), f"listed in {PACK_FILE} but missing", fatal=True
                    )
                )
        return
    for path in sorted(folder.iterdir()):
        rel = path.name
        if (reason := _skip_reason(rel)) is not None:
            if path.is_file():
                problems.append(FileProblem(display_name(path), reason, fatal=True))
        elif path.is_dir():
            _expand_dir(path, limits, files, problems)
        else:
            _add(display_name(path), _reader(path, limits), files, problems, limits, None)


def _reader(path: Path, limits: Limits) -> Callable[[], bytes]:
    """A function reading a local file, refusing one larger than the limit."""

    def read() -> bytes:
        try:
            size = path.stat().st_size
            if size > limits.max_file_bytes:
                raise LimitExceeded(display_name(path), _too_big(size, limits))
            return path.read_bytes()
        except OSError as e:
            raise FileUnreadable(display_name(path), f"cannot be opened: {e.strerror or e}") from e

    return read


def _too_big(size: int, limits: Limits) -> str:
    return f"file is {human_bytes(size)}; the limit is {human_bytes(limits.max_file_bytes)}"


def _add(
    name: str,
    read: Callable[[], bytes],
    files: list[InputFile],
    problems: list[FileProblem],
    limits: Limits,
    pack: Pack | None,
) -> None:
    """Queue one file by its type; a ZIP is opened and its members queued in its place."""
    fmt, gzipped = file_format(name)
    if fmt is None:
        suffix = PurePosixPath(name).suffix or "(none)"
        problems.append(
            FileProblem(name, f"unsupported file type {suffix}: Stancemap reads {READABLE}", True)
        )
    elif fmt == "zip":
        try:
            data = gunzip(name, read(), limits) if gzipped else read()
            files.extend(_zip_members(name, data, limits, problems))
        except FileUnreadable as e:
            problems.append(FileProblem(e.file, e.reason, fatal=True))
    else:
        files.append(InputFile(name, fmt, read, gzipped, pack))


def _zip_members(
    name: str, data: bytes, limits: Limits, problems: list[FileProblem]
) -> Iterator[InputFile]:
    """The documents inside a ZIP, after checks against ZIP bombs (count, total size, ratio)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as e:
        raise FileUnreadable(name, f"not a readable ZIP archive ({e})") from e
    if len(infos) > limits.max_zip_members:
        raise LimitExceeded(
            name, f"ZIP holds {len(infos):,} files; the limit is {limits.max_zip_members:,}"
        )
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked_bytes:
        raise LimitExceeded(
            name,
            f"ZIP unpacks to {human_bytes(total)}; "
            f"the limit is {human_bytes(limits.max_unpacked_bytes)}",
        )
    for info in sorted(infos, key=lambda i: i.filename):
        member = f"{name}!{info.filename}"
        reason = _skip_reason(info.filename) or _member_problem(info, limits)
        fmt, _ = file_format(info.filename)
        if reason is None and fmt == "zip":
            reason = "a ZIP inside a ZIP is not read: unpack it first"
        if reason is not None:
            problems.append(FileProblem(member, reason, fatal=True))
            continue
        yield from _member_files(member, archive, info, limits, problems)


def _member_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    if info.flag_bits & 0x1:
        return "encrypted ZIP member: cannot be read"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > 1_000_000 and ratio > limits.max_compression_ratio:
        limit = limits.max_compression_ratio
        return f"compression ratio {ratio:,.0f}:1 is above the limit {limit}:1 (ZIP bomb?)"
    return None


def _member_files(
    member: str,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limits: Limits,
    problems: list[FileProblem],
) -> Iterator[InputFile]:
    files: list[InputFile] = []

    def read() -> bytes:
        try:
            return archive.read(info)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as e:
            raise FileUnreadable(member, f"damaged ZIP member ({e})") from e

    _add(member, read, files, problems, limits, None)
    yield from files


def gunzip(name: str, data: bytes, limits: Limits) -> bytes:
    """Decompress gzip data within the limits; a cut-short file yields what could be read.

    Every member is read: `cat a.jsonl.gz b.jsonl.gz > all.jsonl.gz` is a valid gzip file (as
    gzip -d and Python's gzip module read it), and stopping after the first would lose records.
    """
    out = io.BytesIO()
    pending = data
    while pending.strip(b"\x00"):  # zero padding after the last member (tape blocks) is no data
        pending = _gunzip_member(name, pending, len(data), out, limits)
    return out.getvalue()


def _gunzip_member(name: str, data: bytes, packed: int, out: io.BytesIO, limits: Limits) -> bytes:
    """Decompress the gzip member at the start of `data` into `out`; return the bytes after it."""
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    step = 1 << 16  # small steps: a bomb cannot expand far unchecked
    rest = b""
    try:
        for start in range(0, len(data), step):
            out.write(decomp.decompress(data[start : start + step]))
            _check_unpacked(name, out.tell(), packed, limits)
            if decomp.eof:
                rest = decomp.unused_data + data[start + step :]
                break
        out.write(decomp.flush())
    except zlib.error as e:
        if out.tell() == 0:
            raise FileUnreadable(name, f"not a valid gzip file ({e})") from e
        raise TruncatedGzip(name, out.getvalue()) from e
    if not decomp.eof:
        raise TruncatedGzip(name, out.getvalue())
    return rest


def _check_unpacked(name: str, unpacked: int, packed: int, limits: Limits) -> None:
    if unpacked > limits.max_unpacked_bytes:
        raise LimitExceeded(
            name, f"gzip unpacks to more than {human_bytes(limits.max_unpacked_bytes)}"
        )
    if unpacked > 10_000_000 and unpacked / max(packed, 1) > limits.max_compression_ratio:
        raise LimitExceeded(
            name, f"gzip compression ratio above {limits.max_compression_ratio}:1 (gzip bomb?)"
        )


class TruncatedGzip(FileUnreadable):
    """A gzip file cut short: `partial` holds the content before the cut."""

    def __init__(self, file: str, partial: bytes) -> None:
        super().__init__(file, "gzip file is cut short: the records before the cut were read")
        self.partial = partial
