"""The actor gazetteer: names of states, organisations, their capitals and seats of government, and
the officials who speak for them at a date. Data in data/actors (see its SOURCES.md)."""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ACTORS_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
_STRIP = " \t.,;:'\"\u2019()"


@dataclass(frozen=True, slots=True)
class Official:
    """A person holding an office for an actor between two dates (end None: still in office)."""

    name: str
    actor: str
    role: str
    title: str
    start: str | None
    end: str | None

    def holds_on(self, date: str | None) -> bool:
        """True when in office on the date (an unknown date matches any term)."""
        if date is None:
            return True
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """One actor for tables and filters."""

    code: str
    name: str
    type: str  # "country" or "organisation"
    iso3: str | None


def _read(name: str) -> list[dict[str, str]]:
    for folder in (ACTORS_DIR, ACTORS_DIR / "curated"):
        path = folder / name
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                return list(csv.DictReader(handle))
    return []


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def fold(text: str) -> str:
    """Lookup key for a name: accents removed, case folded, 'the' and possessive dropped."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = " ".join(text.replace("\u2019", "'").split()).strip(_STRIP)
    if text.lower().endswith("'s"):
        text = text[:-2]
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip(_STRIP).casefold()


class Gazetteer:
    """Name -> actor code lookups and date-ranged officials."""

    def __init__(self) -> None:
        self.actors: dict[str, ActorInfo] = {}
        self._surface: dict[str, str] = {}
        self._ambiguous: dict[str, tuple[tuple[str, ...], str | None]] = {}
        self._officials: dict[str, list[Official]] = defaultdict(list)
        self._by_office: dict[tuple[str, str], list[Official]] = defaultdict(list)
        self._load_countries()
        self._load_organisations()
        self._load_ambiguous()
        self._load_officials()

    def _add_surface(self, text: str, code: str) -> None:
        key = fold(text)
        if key and key not in self._surface:
            self._surface[key] = code

    def _load_countries(self) -> None:
        for row in _read("countries.csv"):
            code = row["code"]
            self.actors[code] = ActorInfo(code, row["name"], "country", code)
            names = [row["name"], row.get("official_name", "")]
            for column in (
                "short_names",
                "adjectives",
                "demonyms",
                "capitals",
                "seats_of_government",
                "institutions",
            ):
                names += _split(row.get(column))
            for name in names:
                if name:
                    self._add_surface(name, code)

    def _load_organisations(self) -> None:
        for row in _read("organisations.csv"):
            code = row["code"]
            self.actors[code] = ActorInfo(code, row["name"], "organisation", None)
            for name in [
                row["name"],
                code,
                *_split(row.get("abbreviations")),
                *_split(row.get("aliases")),
            ]:
                self._add_surface(name, code)

    def _load_ambiguous(self) -> None:
        for row in _read("ambiguous.csv"):
            candidates = tuple(_split(row.get("candidates")))
            default = (row.get("default") or "").strip() or None
            self._ambiguous[fold(row["text"])] = (candidates, default)

    def _load_officials(self) -> None:
        for row in _read("officials.csv"):
            official = Official(
                name=row["name"],
                actor=row["actor"],
                role=row.get("role", ""),
                title=row.get("title", ""),
                start=row.get("start") or None,
                end=row.get("end") or None,
            )
            for name in {row["name"], *_split(row.get("aliases"))}:
                self._officials[fold(name)].append(official)
            self._by_office[(official.actor, official.role)].append(official)

    def actor_for(self, text: str) -> str | None:
        """The actor a name stands for ('Russian', 'the Kremlin', 'U.S.', 'NATO'); the default
        reading for an ambiguous one ('Brussels' -> EU), None when it names no actor."""
        key = fold(text)
        if key in self._ambiguous:
            return self._ambiguous[key][1]
        return self._surface.get(key)

    def candidates(self, text: str) -> tuple[str, ...]:
        """Every actor an ambiguous name may stand for (one for an unambiguous name)."""
        key = fold(text)
        if key in self._ambiguous:
            return self._ambiguous[key][0]
        code = self._surface.get(key)
        return (code,) if code else ()

    def official(self, name: str, date: str | None) -> tuple[str, str] | None:
        """(actor, role) of the person with this name in office at the date, if known."""
        terms = [o for o in self._officials.get(fold(name), []) if o.holds_on(date)]
        actors = {o.actor for o in terms}
        return (terms[0].actor, terms[0].role) if len(actors) == 1 else None

    def office_holder(self, actor: str, role: str, date: str | None) -> Official | None:
        """Who held an office ('head_of_state' of UKR) at a date."""
        holders = [o for o in self._by_office.get((actor, role), []) if o.holds_on(date)]
        return holders[0] if len(holders) == 1 else None

    def surfaces(self) -> dict[str, str]:
        """Every folded name and its actor code (for building matchers)."""
        return dict(self._surface)


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer from data/actors, loaded once per process."""
    return Gazetteer()
