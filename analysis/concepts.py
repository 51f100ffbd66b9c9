"""The concept catalogue: propositions actors take sides on, with the terms that signal them.

data/concepts/concepts.json holds each concept's id, label, description and keywords;
data/concepts/terms.json adds, per concept, phrases by orientation ("pro": what the proposition
favours, "anti": what it opposes, "topic": mere mentions) and the context words some need.
Users add concepts of their own (label, description, keywords) from the app or a JSON/CSV file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.errors import FileUnreadable, RecordInvalid

CONCEPTS_DIR = Path(__file__).resolve().parent.parent / "data" / "concepts"
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Concept:
    """A proposition and the phrases that signal it in text, by orientation."""

    id: str
    label: str
    description: str
    keywords: tuple[str, ...]
    pro: tuple[str, ...] = ()
    anti: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    user_defined: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def all_terms(self) -> tuple[str, ...]:
        """Every phrase that can signal this concept."""
        return tuple(
            dict.fromkeys((*self.keywords, *self.pro, *self.anti, *self.topic, *self.abbreviations))
        )


def slug(label: str) -> str:
    """A concept id from a label: 'Arctic Council cooperation' -> 'arctic_council_cooperation'."""
    return _SLUG.sub("_", label.casefold()).strip("_")[:60]


def _strings(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in re.split(r"[;,|\n]", value)]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordInvalid(f"{name} must be a list of phrases", name)
    return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))


def concept_from_mapping(raw: Mapping[str, Any], *, user_defined: bool = False) -> Concept:
    """A Concept from a dict with label, description and keywords; RecordInvalid names the field."""
    label = str(raw.get("label") or "").strip()
    if not label:
        raise RecordInvalid("a concept needs a label", "label")
    keywords = _strings(raw.get("keywords"), "keywords")
    if not keywords:
        raise RecordInvalid(f"concept {label!r} needs at least one keyword", "keywords")
    concept_id = str(raw.get("id") or slug(label)).strip()
    if not re.fullmatch(r"[a-z0-9_]+", concept_id):
        raise RecordInvalid(f"concept id {concept_id!r} may only hold a-z, 0-9 and _", "id")
    return Concept(
        id=concept_id,
        label=label,
        description=str(raw.get("description") or "").strip(),
        keywords=keywords,
        pro=_strings(raw.get("pro"), "pro"),
        anti=_strings(raw.get("anti"), "anti"),
        topic=_strings(raw.get("topic"), "topic"),
        context=_strings(raw.get("context"), "context"),
        abbreviations=_strings(raw.get("abbreviations"), "abbreviations"),
        user_defined=user_defined,
        extra={
            k: raw[k] for k in ("needs_context", "exclude", "loaded", "opposed_actors") if k in raw
        },
    )


def load_catalogue(folder: Path = CONCEPTS_DIR) -> tuple[Concept, ...]:
    """The default catalogue with its term lists merged in."""
    try:
        raw = json.loads((folder / "concepts.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise FileUnreadable(
            str(folder / "concepts.json"), f"cannot read the catalogue: {e}"
        ) from e
    terms_path = folder / "terms.json"
    terms = {}
    if terms_path.is_file():
        terms = json.loads(terms_path.read_text(encoding="utf-8")).get("concepts", {})
    concepts = []
    for entry in raw["concepts"]:
        merged = {**entry, **{k: v for k, v in terms.get(entry["id"], {}).items() if k != "notes"}}
        concepts.append(concept_from_mapping(merged))
    return tuple(concepts)


def load_user_concepts(path: Path) -> tuple[list[Concept], list[str]]:
    """User concepts from a JSON (list, or {"concepts": [...]}) or CSV file (label, description,
    keywords separated by ';'); returns (concepts, problems naming the entry and field)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise FileUnreadable(str(path), f"cannot be opened: {e.strerror or e}") from e
    return parse_user_concepts(text, name=str(path), is_csv=path.suffix.lower() in (".csv", ".tsv"))


def parse_user_concepts(text: str, *, name: str, is_csv: bool) -> tuple[list[Concept], list[str]]:
    """Parse user concepts from text; bad entries are reported, good ones kept."""
    if is_csv:
        entries: list[Any] = list(csv.DictReader(io.StringIO(text)))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise FileUnreadable(name, f"not valid JSON ({e.msg} at line {e.lineno})") from e
        entries = data.get("concepts", []) if isinstance(data, dict) else data
    concepts, problems = [], []
    for number, entry in enumerate(entries, start=1):
        try:
            if not isinstance(entry, Mapping):
                raise RecordInvalid("not an object with label, description and keywords")
            concepts.append(concept_from_mapping(entry, user_defined=True))
        except RecordInvalid as e:
            problems.append(f"{name}: entry {number}: {e.field or 'entry'}: {e.reason}")
    return concepts, problems


def with_user_concepts(
    catalogue: Sequence[Concept], extra: Iterable[Concept]
) -> tuple[Concept, ...]:
    """The catalogue plus user concepts; a user concept with a catalogue id replaces it."""
    merged = {c.id: c for c in catalogue}
    for concept in extra:
        merged[concept.id] = concept
    return tuple(merged.values())
