"""Word lists kept as data under data/rules, loaded once."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from analysis.fields import RULES_DIR  # one place says where the rule data lives


def rule_lines(name: str) -> list[str]:
    """The lower-cased entries of a one-per-line rule file, blank lines and comments left out."""
    path = RULES_DIR / name
    return [
        line.strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas of speech verbs (single words; phrasal ones by their verb)."""
    return frozenset(line.split()[0] for line in rule_lines("speech_verbs.txt"))


@cache
def title_nouns() -> frozenset[str]:
    """Nouns naming an office or role a person holds ("minister", "ambassador", "spokesperson")."""
    return frozenset(rule_lines("title_nouns.txt"))


@cache
def not_speakers() -> frozenset[str]:
    """Nouns that carry a quoted title or name, not speech ("the theme", "the slogan")."""
    return frozenset(rule_lines("not_speakers.txt"))


@cache
def document_nouns() -> frozenset[str]:
    """Nouns for texts that speak for their author ("The message reads: ...")."""
    return frozenset(rule_lines("document_nouns.txt"))


@cache
def rule_json(name: str) -> Any:
    """A JSON rule file, parsed once (callers must not change what it returns)."""
    return json.loads((RULES_DIR / name).read_text(encoding="utf-8"))


def relation_verbs() -> frozenset[str]:
    """Lemmas of the verbs by which one actor acts toward another (relation_cues.json)."""
    return frozenset(
        lemma for entry in rule_json("relation_cues.json")["relations"] for lemma in entry["lemmas"]
    )
