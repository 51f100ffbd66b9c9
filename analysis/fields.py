"""Map an input record's fields to an Article, or say which field is wrong and why."""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from analysis.dates import parse_date
from analysis.errors import RecordInvalid
from analysis.records import Article, DatePrecision
from analysis.textclean import clean_line, clean_text, normalised_for_dedup

RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"
_PRECISIONS: frozenset[str] = frozenset({"day", "month", "year", "week", "general-debate-week"})
_KEY_FOLD = re.compile(r"[\s_\-]+")
_DOUBLE_SLASH = re.compile(r"(?<=[^:/])//+")
MAX_TITLE_CHARS = 500
NOTES_FIELD = "_stancemap_notes"  # a reader's notes on a record (where its fields came from)


@dataclass(frozen=True, slots=True)
class RecordContext:
    """What a record's file says about it: where it is, its pack, defaults and attribution."""

    file: str
    pack: str = "upload"
    licence: str | None = None
    attribution: str | None = None
    by_source: Mapping[str, str] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    max_text_chars: int = 2_000_000


@cache
def aliases() -> dict[str, tuple[str, ...]]:
    """The alias table from data/rules/field_aliases.json, folded for matching."""
    raw = json.loads((RULES_DIR / "field_aliases.json").read_text(encoding="utf-8"))
    return {key: tuple(_fold(n) for n in names) for key, names in raw.items() if key != "about"}


def _fold(name: str) -> str:
    return _KEY_FOLD.sub("", name).casefold()


def map_fields(record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a record into (Stancemap fields by canonical name, extra fields kept as they are)."""
    folded = {_fold(str(k)): k for k in record}
    mapped: dict[str, Any] = {}
    used: set[str] = set()
    for canonical, names in aliases().items():
        for name in names:
            key = folded.get(name)
            if key is not None and key not in used:
                mapped[canonical] = record[key]
                used.add(key)
                break
    extra = {str(k): v for k, v in record.items() if k not in used}
    return mapped, extra


def make_article(record: Mapping[str, Any], line: int, ctx: RecordContext) -> Article:
    """Build an Article from one input record; raises RecordInvalid naming the field at fault."""
    read_notes = record.get(NOTES_FIELD) or []
    record = {k: v for k, v in record.items() if k != NOTES_FIELD}
    mapped, extra = map_fields(record)
    for key, value in ctx.defaults.items():
        if _is_blank(mapped.get(key)):
            mapped[key] = value
    text = _text_field(mapped.get("text"), record, ctx.max_text_chars)
    notes: list[str] = [str(n) for n in read_notes if isinstance(n, str)]
    title = _title(mapped.get("title"), text, notes)
    date = parse_date(mapped.get("date"))
    if date.note:
        notes.append(date.note)
    precision = _precision(mapped.get("date_precision"), date.precision)
    source = _one_line(mapped.get("source"), "source") or "Unknown source"
    return Article(
        id=_identifier(mapped.get("id"), text, ctx),
        title=title,
        text=text,
        date=date.iso,
        date_precision=precision if date.iso else None,
        source=source,
        url=_url(mapped.get("url")),
        pack=ctx.pack,
        licence=ctx.licence or _one_line(mapped.get("licence"), "licence"),
        attribution=_attribution(source, mapped.get("licence"), ctx),
        kind=_one_line(mapped.get("kind"), "kind"),
        origin_file=ctx.file,
        origin_line=line,
        extra_json=_extra_json(extra),
        notes=tuple(notes),
    )


def _extra_json(extra: Mapping[str, Any]) -> str:
    """The fields Stancemap does not use, kept as JSON text (keys sorted, so stable)."""
    try:
        return json.dumps(extra, ensure_ascii=False, default=str, sort_keys=True)
    except RecursionError as e:  # read at the edge of the recursion limit, cannot be written
        raise RecordInvalid("extra fields are nested too deeply to be kept") from e
    except (TypeError, ValueError) as e:  # keys of mixed types (Parquet maps), NaN-free modes
        raise RecordInvalid(f"extra fields cannot be kept as JSON ({e})") from e


def _is_blank(value: Any) -> bool:
    """None, NaN or a whitespace-only string."""
    if isinstance(value, float):
        return math.isnan(value)
    return value is None or (isinstance(value, str) and not value.strip())


def _text_field(value: Any, record: Mapping[str, Any], max_chars: int) -> str:
    """The article text: a string, or a list of paragraph strings; never empty."""
    if value is None:
        names = ", ".join(sorted(map(str, record))) or "none"
        raise RecordInvalid(
            f"no text: the record has no text/body/content field (fields: {names})", "text"
        )
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        value = "\n\n".join(value)
    if not isinstance(value, str):
        raise RecordInvalid(f"text is {_kind(value)}, not a string", "text")
    if len(value) > max_chars:
        raise RecordInvalid(
            f"text is {len(value):,} characters long; the limit is {max_chars:,}", "text"
        )
    text = clean_text(value)
    if not text:
        raise RecordInvalid("text is empty", "text")
    return text


def _kind(value: Any) -> str:
    """How a person would name a value's type: 'a number', 'a list'."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object with fields"
    return f"a {type(value).__name__}"


def _title(value: Any, text: str, notes: list[str]) -> str:
    """The given title, or the start of the text when there is none (and a note says so)."""
    title = _one_line(value, "title")
    if not title:
        notes.append("no title: taken from the text")
        first = text.split("\n", 1)[0]
        title = first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "..."
    if len(title) > MAX_TITLE_CHARS:
        notes.append("title shortened")
        title = title[: MAX_TITLE_CHARS - 3] + "..."
    return title


def _one_line(value: Any, name: str) -> str | None:
    """A short string field (title, source, kind, licence); reads a {"name": ...} source."""
    if isinstance(value, Mapping) and "name" in value:
        value = value["name"]
    if _is_blank(value):
        return None
    if isinstance(value, list | dict):
        raise RecordInvalid(f"{name} is {_kind(value)}, not a string", name)
    return clean_line(str(value)) or None


def _precision(value: Any, parsed: DatePrecision | None) -> DatePrecision | None:
    """A record's own date_precision wins when it is one we know."""
    if isinstance(value, str) and value in _PRECISIONS:
        return value  # type: ignore[return-value]
    return parsed


def _url(value: Any) -> str | None:
    """The URL as given, with doubled slashes in its path folded ("org//wiki" -> "org/wiki")."""
    if _is_blank(value):
        return None
    url = clean_line(str(value))
    return _DOUBLE_SLASH.sub("/", url) if "://" in url else url


def _identifier(value: Any, text: str, ctx: RecordContext) -> str:
    """The record's id, or a stable one made from its pack and a hash of its text."""
    if not _is_blank(value) and not isinstance(value, list | dict):
        return clean_line(str(value))
    digest = hashlib.sha1(normalised_for_dedup(text).encode("utf-8")).hexdigest()[:12]
    return f"{ctx.pack}-{digest}"


def _attribution(source: str, licence: Any, ctx: RecordContext) -> str:
    """The credit line shown with the article: the pack's line, else one made from the record."""
    if source in ctx.by_source:
        return ctx.by_source[source]
    if ctx.attribution:
        return ctx.attribution
    stated = _one_line(licence, "licence") if not isinstance(licence, list | dict) else None
    origin = "uploaded corpus" if ctx.pack == "upload" else "local files"
    return f"Source: {source} ({origin}) - licence: {stated or 'not stated'}."
