"""Word lists kept as data under data/rules, loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parents[2] / "data" / "rules"


def _lines(name: str) -> list[str]:
    path = RULES_DIR / name
    return [
        line.strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas of speech verbs (single words; phrasal ones by their verb)."""
    return frozenset(line.split()[0] for line in _lines("speech_verbs.txt"))


@cache
def title_nouns() -> frozenset[str]:
    """Nouns naming an office or role a person holds ("minister", "ambassador", "spokesperson")."""
    return frozenset(_lines("title_nouns.txt"))


@cache
def not_speakers() -> frozenset[str]:
    """Nouns that carry a quoted title or name, not speech ("the theme", "the slogan")."""
    return frozenset(_lines("not_speakers.txt"))
