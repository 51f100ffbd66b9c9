"""Read one input file into numbered raw records: JSONL, JSON, CSV/TSV, Parquet, text, HTML."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from analysis.documents import html_page_record, text_page_record
from analysis.errors import FileUnreadable, RecordInvalid
from analysis.fields import aliases, map_fields
from analysis.inputs import InputFile, TruncatedGzip, gunzip
from analysis.limits import Limits
from analysis.textclean import decode_text, looks_binary

RawItem = tuple[int, "dict[str, Any] | RecordInvalid"]
LIST_KEYS = (
    "articles",
    "records",
    "data",
    "items",
    "documents",
    "docs",
    "results",
    "rows",
    "entries",
)
_DELIMITERS = (",", "\t", ";", "|")
_LINE_END = re.compile(r"\r\n?|\n")


def file_bytes(f: InputFile, limits: Limits) -> tuple[bytes, str | None]:
    """The file's content (unpacked when gzipped) and, for a cut-short gzip, a note saying so."""
    data = f.read()
    note = None
    if f.gzipped:
        try:
            data = gunzip(f.name, data, limits)
        except TruncatedGzip as e:
            if not e.partial.strip():
                raise FileUnreadable(f.name, "gzip file is cut short before any data") from e
            data, note = e.partial, e.reason
    if not data.strip():
        raise FileUnreadable(f.name, "file is empty")
    return data, note


def read_items(
    f: InputFile, data: bytes, limits: Limits, notes: list[str] | None = None
) -> Iterator[RawItem]:
    """Numbered records (or per-record errors) of one file; FileUnreadable if none can be read.

    What the decoding had to repair or replace is appended to `notes` (one line per file).
    """
    if f.format == "parquet":
        yield from _parquet(f.name, data)
        return
    decoded = decode_text(data)
    text = decoded.text
    if notes is not None and (note := decoded.note()):
        notes.append(note)
    if looks_binary(text):
        raise FileUnreadable(f.name, f"does not look like {f.format} text (binary data?)")
    text = text.replace("\x00", "")
    if f.format == "jsonl":
        yield from _jsonl(text)
    elif f.format == "json":
        yield from _json(f.name, text)
    elif f.format in ("csv", "tsv"):
        yield from _csv(f.name, text, f.format, limits)
    elif f.format == "html":
        yield 1, html_page_record(f.name, text)
    else:
        yield 1, text_page_record(f.name, text, guess_source=f.pack is None)


def _jsonl(text: str) -> Iterator[RawItem]:
    """One JSON object per line; blank lines are not records."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, _json_object(line)


def _json_object(line: str) -> dict[str, Any] | RecordInvalid:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as e:
        return RecordInvalid(f"not valid JSON ({e.msg} at column {e.colno})")
    except (ValueError, RecursionError) as e:
        return RecordInvalid(f"not valid JSON ({_beyond_limits(e)})")
    if not isinstance(value, dict):
        return RecordInvalid(f"a JSON {_json_kind(value)}, not an object with fields")
    return value


def _beyond_limits(e: ValueError | RecursionError) -> str:
    """Why json.loads refused well-formed but hostile JSON: too deep, or a number too long."""
    if isinstance(e, RecursionError):
        return "lists or objects nested too deeply"
    return "a number with more digits than Python reads" if "digits" in str(e) else str(e)


def _json_kind(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "true/false"}.get(
        type(value), "null"
    )


def _json(name: str, text: str) -> Iterator[RawItem]:
    """A JSON array of objects, an object holding such a list, one object, or JSONL named .json."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":  # several objects, one per line: JSON Lines saved as .json
            yield from _jsonl(text)
            return
        raise FileUnreadable(
            name, f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})"
        ) from e
    except (ValueError, RecursionError) as e:
        raise FileUnreadable(name, f"not valid JSON ({_beyond_limits(e)})") from e
    if isinstance(value, dict):
        listed = next((value[k] for k in LIST_KEYS if isinstance(value.get(k), list)), None)
        if listed is None:
            mapped, _ = map_fields(value)
            if "text" not in mapped:
                keys = ", ".join(LIST_KEYS[:4])
                raise FileUnreadable(
                    name, f"a JSON object with no list of records ({keys} ...) and no text"
                )
            yield 1, value
            return
        value = listed
    if not isinstance(value, list):
        raise FileUnreadable(name, f"JSON holds a {_json_kind(value)}, not a list of records")
    for number, element in enumerate(value, start=1):
        if isinstance(element, dict):
            yield number, element
        else:
            yield (
                number,
                RecordInvalid(f"element {number} is a JSON {_json_kind(element)}, not an object"),
            )


def _csv(name: str, text: str, fmt: str, limits: Limits) -> Iterator[RawItem]:
    """CSV/TSV with a header row (row 1); the delimiter is sniffed from the header line."""
    csv.field_size_limit(max(limits.max_text_chars * 4, 1 << 20))
    text = text.lstrip("\ufeff")
    header_line = _LINE_END.split(text, maxsplit=1)[0]
    delimiter = "\t" if fmt == "tsv" else max(_DELIMITERS, key=header_line.count)
    # newline="": rows may end in \r\n, \n or a bare \r (old Mac exports), and a quoted cell
    # keeps its own line breaks, as the csv module asks of the files it reads.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row_number = 1
    try:
        header = _header(name, next(reader, []))
        for row in reader:
            row_number += 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield (
                    row_number,
                    RecordInvalid(f"row has {len(row)} fields; the header has {len(header)}"),
                )
            else:
                yield row_number, dict(zip(header, row, strict=True))
    except csv.Error as e:
        raise FileUnreadable(name, f"CSV cannot be read past row {row_number} ({e})") from e


def _header(name: str, header: list[str]) -> list[str]:
    """Unique, stripped header names; a header without any text column is refused."""
    names: list[str] = []
    for cell in header:
        column = base = cell.strip() or f"column_{len(names) + 1}"
        suffix = len(names) + 1
        while column in names:  # 'x,x_3,x': the third is not x_3 again (a column would be lost)
            column, suffix = f"{base}_{suffix}", suffix + 1
        names.append(column)
    mapped, _ = map_fields(dict.fromkeys(names, ""))
    if "text" not in mapped:
        expected = ", ".join(aliases()["text"][:4])
        raise FileUnreadable(
            name,
            f"no text column: expected one of {expected} ...; the header has {', '.join(names)}",
        )
    return names


def _parquet(name: str, data: bytes) -> Iterator[RawItem]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        rows = pq.read_table(io.BytesIO(data)).to_pylist()
    except (pa.ArrowException, OSError, ValueError) as e:
        raise FileUnreadable(name, f"not a readable Parquet file ({e})") from e
    yield from enumerate(rows, start=1)
