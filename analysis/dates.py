"""Dates as news data really writes them, parsed with their precision kept."""

from __future__ import annotations

import ast
import datetime as dt
import email.utils
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from analysis.records import DatePrecision

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
)
_ISO_MONTH = re.compile(r"(?P<year>\d{4})-(?P<mon>\d{1,2})")
_COMPACT = re.compile(r"(?P<year>(?:19|20)\d\d)(?P<mon>\d\d)(?P<day>\d\d)")
_SLASHED = re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})")
_YMD_SLASHED = re.compile(r"(?P<year>\d{4})[/.](?P<mon>\d{1,2})[/.](?P<day>\d{1,2})")
_MDY = re.compile(
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I
)
_DMY = re.compile(
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I
)
_MONTH_YEAR = re.compile(_MONTH + r",?\s+(?P<year>\d{4})", re.I)
_YEAR = re.compile(r"(?P<year>\d{4})")
_EPOCH = re.compile(r"\d{9,13}")


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A parsed date: ISO day (first day of the period when coarser), precision, and a note."""

    iso: str | None
    precision: DatePrecision | None
    note: str | None = None


UNDATED = ParsedDate(None, None, "undated")
UNREADABLE = "date not understood: "  # starts the note of a date that could not be read


def unreadable_date_rows(rows: Iterable[tuple[str, int, Iterable[str]]]) -> list[dict[str, Any]]:
    """Every unreadable date of (file, line/row, notes) rows: {file, line, value, reason}.

    The loader keeps such an article as undated; this is the list that says so, per record.
    """
    found = []
    for file, line, notes in rows:
        for note in notes:
            if note.startswith(UNREADABLE):
                raw = note.removeprefix(UNREADABLE)
                try:
                    value = ast.literal_eval(raw)
                except (ValueError, SyntaxError):
                    value = raw
                reason = "kept as undated: the date is not one Stancemap reads"
                found.append({"file": file, "line": line, "value": str(value), "reason": reason})
    return found


def parse_date(value: object) -> ParsedDate:
    """Parse a date value; empty is undated, unreadable is undated with a note."""
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return UNDATED
    if isinstance(value, dt.datetime):
        return ParsedDate(value.date().isoformat(), "day")
    if isinstance(value, dt.date):
        return ParsedDate(value.isoformat(), "day")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(value, _number_text(value))
    text = " ".join(str(value).split())
    if not text:
        return UNDATED
    parsed = _parse_text(text)
    if parsed is None:
        return ParsedDate(None, None, f"{UNREADABLE}{text[:40]!r}")
    return parsed


def _parse_text(text: str) -> ParsedDate | None:
    """Try each known shape of a date string in turn, most specific first."""
    if m := _ISO.fullmatch(text) or _YMD_SLASHED.fullmatch(text):
        return _make(m["year"], m["mon"], m["day"], text)
    if m := _COMPACT.fullmatch(text):
        return _make(m["year"], m["mon"], m["day"], text)
    if m := _SLASHED.fullmatch(text):
        return _from_slashed(int(m["a"]), int(m["b"]), m["year"], text)
    if m := _MDY.fullmatch(text.rstrip(".")) or _DMY.fullmatch(text.rstrip(".")):
        return _named_month(m, text)
    if m := _MONTH_YEAR.fullmatch(text):
        month = _MONTHS.get(m["month"].lower())
        return _make(m["year"], str(month), "1", text, "month") if month else None
    if m := _ISO_MONTH.fullmatch(text):
        return _make(m["year"], m["mon"], "1", text, "month")
    if m := _YEAR.fullmatch(text):
        return _make(m["year"], "1", "1", text, "year")
    if _EPOCH.fullmatch(text):
        return _from_epoch(float(text), text)
    return _from_rfc2822(text)


def _make(
    year: str, month: str, day: str, raw: str, precision: DatePrecision = "day"
) -> ParsedDate | None:
    """Build a ParsedDate when the numbers make a real calendar date."""
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return ParsedDate(date.isoformat(), precision)


def _named_month(m: re.Match[str], raw: str) -> ParsedDate | None:
    """A date with a month name: "January 4, 2019", "4 Jan 2019", "Friday, January 4, 2019"."""
    month = _MONTHS.get(m["month"].lower())
    return _make(m["year"], str(month), m["day"], raw) if month else None


def _from_slashed(a: int, b: int, year: str, raw: str) -> ParsedDate | None:
    """dd/mm/yyyy or mm/dd/yyyy: decided when a part exceeds 12, else month/day with a note."""
    if a > 12:
        return _make(year, str(b), str(a), raw)
    parsed = _make(year, str(a), str(b), raw)
    if parsed is not None and b <= 12 and a != b:
        return ParsedDate(parsed.iso, "day", f"ambiguous date {raw!r} read as month/day/year")
    return parsed


def _number_text(value: float) -> str:
    """A number as shown in a note; a huge int is cut short (str() refuses over 4,300 digits)."""
    if isinstance(value, int) and value.bit_length() > 128:
        return f"a number of about {value.bit_length() * 0.30103:,.0f} digits"
    return str(value)


def _from_epoch(value: float, raw: str) -> ParsedDate:
    """Unix time in seconds or milliseconds."""
    try:
        seconds = float(value)  # an int of 400 digits does not fit a float
        if seconds > 1e11:
            seconds /= 1000
        date = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return ParsedDate(None, None, f"date not understood: {raw[:40]!r}")
    if not 1900 <= date.year <= 2100:
        return ParsedDate(None, None, f"date not understood: {raw[:40]!r}")
    return ParsedDate(date.isoformat(), "day")


def _from_rfc2822(text: str) -> ParsedDate | None:
    """RSS dates: "Fri, 04 Jan 2019 10:00:00 GMT"."""
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):  # 'Jan 99999999999': Overflow
        return None
    return ParsedDate(parsed.date().isoformat(), "day")
