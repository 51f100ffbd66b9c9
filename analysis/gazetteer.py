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
    aliases: tuple[str, ...] = ()

    def holds_on(self, date: str | None) -> bool:
        """True when in office on the date. An unknown date matches only an undated term: an
        undated article cannot say its speaker was in office then (Trump quoted in a 2016
        campaign article is not the United States)."""
        if date is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """One actor for tables and filters."""

    code: str
    name: str
    type: str  # "country" or "organisation"
    iso3: str | None
    region: str | None = None
    subregion: str | None = None


@dataclass(frozen=True, slots=True)
class Surface:
    """A name that stands for one or more actors ('Brussels' -> EU, NATO, BEL; default EU)."""

    text: str
    candidates: tuple[str, ...]
    default: str | None
    case_sensitive: bool
    kinds: frozenset[str] = frozenset()  # name, adjective, capital, seat, city, org_seat ...

    @property
    def is_place(self) -> bool:
        """A city that can also be just where something happens ('talks in Geneva')."""
        return bool(self.kinds & {"capital", "city", "org_seat"})


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
    """Name -> actor code lookups, group memberships and date-ranged officials."""

    def __init__(self, folder: Path = ACTORS_DIR) -> None:
        self.folder = folder
        self.actors: dict[str, ActorInfo] = {}
        self._surfaces: dict[str, Surface] = {}  # folded text -> surface
        self._exact: dict[str, Surface] = {}  # case-sensitive ones by their exact text
        self._groups: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
        self._officials: dict[str, list[Official]] = defaultdict(list)
        self._by_surname: dict[str, list[Official]] = defaultdict(list)
        self._by_office: dict[tuple[str, str], list[Official]] = defaultdict(list)
        self._load_actors()
        self._load_surfaces()
        self._load_memberships()
        self._load_officials()

    def _rows(self, name: str) -> list[dict[str, str]]:
        path = self.folder / name
        if not path.is_file():
            return []
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def _load_actors(self) -> None:
        for row in self._rows("countries.csv"):
            code = row["code"]
            self.actors[code] = ActorInfo(
                code,
                row["name"],
                "country",
                code,
                row.get("region") or None,
                row.get("subregion") or None,
            )
        for row in self._rows("organisations.csv"):
            self.actors[row["code"]] = ActorInfo(row["code"], row["name"], "organisation", None)

    def _load_surfaces(self) -> None:
        for row in self._rows("surface_forms.csv"):
            candidates = tuple(c for c in _split(row["candidates"]) if c in self.actors)
            if not candidates:
                continue
            default = (row.get("default") or "").strip() or None
            kinds = frozenset(_split(row.get("kind")))
            surface = Surface(
                row["text"], candidates, default, row.get("case_sensitive") == "yes", kinds
            )
            if surface.case_sensitive:
                self._exact.setdefault(row["text"], surface)
            else:
                self._surfaces.setdefault(fold(row["text"]), surface)

    def _load_memberships(self) -> None:
        for row in self._rows("memberships.csv"):
            member = row.get("member_code") or row.get("member") or ""
            self._groups[member].append(
                (row["group"], row.get("start") or None, row.get("end") or None)
            )

    def _load_officials(self) -> None:
        for row in self._rows("officials.csv"):
            official = Official(
                name=row["name"],
                actor=row["actor"],
                role=row.get("role", ""),
                title=row.get("title", ""),
                start=row.get("start") or None,
                end=row.get("end") or None,
                aliases=tuple(_split(row.get("aliases"))),
            )
            for name in {row["name"], *_split(row.get("aliases"))}:
                self._officials[fold(name)].append(official)
                if len(name.split()) > 1:
                    self._by_surname[fold(name.split()[-1])].append(official)
            self._by_office[(official.actor, official.role)].append(official)

    def surface(self, text: str) -> Surface | None:
        """The surface entry a name matches: exact for abbreviations ('US'), folded otherwise."""
        cleaned = " ".join(text.split())
        for prefix in ("the ", "The "):
            cleaned = cleaned.removeprefix(prefix)
        for suffix in ("'s", "\u2019s", "'", ","):
            cleaned = cleaned.removesuffix(suffix)
        return self._exact.get(cleaned) or self._surfaces.get(fold(text))

    def actor_for(self, text: str) -> str | None:
        """The actor a name stands for ('Russian', 'the Kremlin', 'U.S.', 'NATO'); the default
        reading for an ambiguous one ('Brussels' -> EU), None when it names no actor."""
        found = self.surface(text)
        return found.default if found else None

    def candidates(self, text: str) -> tuple[str, ...]:
        """Every actor a name may stand for (one for an unambiguous name)."""
        found = self.surface(text)
        return found.candidates if found else ()

    def official(self, name: str, date: str | None) -> tuple[str, str] | None:
        """(actor, role) of the person with this name in office at the date, if known."""
        terms = [o for o in self._officials.get(fold(name), []) if o.holds_on(date)]
        actors = {o.actor for o in terms}
        return (terms[0].actor, terms[0].role) if len(actors) == 1 else None

    def official_by_surname(self, surname: str, date: str | None) -> tuple[str, str] | None:
        """(actor, role) of the one official in office at the date with this surname
        ('Zelenskyy' on 2022-01-11); None when nobody or several people (of several actors) are."""
        if date is None:
            return None  # an undated text cannot say who held an office
        terms = [o for o in self._by_surname.get(fold(surname), []) if o.holds_on(date)]
        actors = {o.actor for o in terms}
        return (terms[0].actor, terms[0].role) if len(actors) == 1 else None

    def office_holder(self, actor: str, role: str, date: str | None) -> Official | None:
        """Who held an office ('head_of_state' of UKR) at a date."""
        holders = [o for o in self._by_office.get((actor, role), []) if o.holds_on(date)]
        return holders[0] if len(holders) == 1 else None

    def groups_of(self, code: str, date: str | None = None) -> tuple[str, ...]:
        """The groups (EU, NATO, G7 ...) an actor belongs to at a date (now, when None)."""
        found = []
        for group, start, end in self._groups.get(code, []):
            if (
                date is None
                and end is None
                or (
                    date is not None
                    and (start is None or start <= date)
                    and (end is None or date <= end)
                )
            ):
                found.append(group)
        return tuple(sorted(set(found)))

    def memberships(self) -> list[tuple[str, str, str | None, str | None]]:
        """Every (group, member, start, end) row."""
        return sorted(
            (group, member, start, end)
            for member, rows in self._groups.items()
            for group, start, end in rows
        )

    def surface_texts(self) -> list[Surface]:
        """Every surface form (for building phrase matchers)."""
        return [*self._exact.values(), *self._surfaces.values()]


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer from data/actors, loaded once per process."""
    return Gazetteer()
