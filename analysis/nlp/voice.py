"""Whose official voice a document is (White House readout -> USA), from data/rules/voices.json."""

from __future__ import annotations

import json
import re
from functools import cache

from analysis.gazetteer import Gazetteer
from analysis.nlp.lexicon import RULES_DIR


@cache
def _rules() -> list[tuple[str, re.Pattern[str], str | None, str | None]]:
    raw = json.loads((RULES_DIR / "voices.json").read_text(encoding="utf-8"))
    return [
        (r["field"], re.compile(r["pattern"], re.I), r.get("actor"), r.get("title_group"))
        for r in raw["rules"]
    ]


def document_voice(source: str | None, title: str | None, gaz: Gazetteer) -> str | None:
    """The actor in whose voice a document speaks, or None for journalism and unknown sources."""
    fields = {"source": source or "", "title": title or ""}
    for field, pattern, actor, group in _rules():
        m = pattern.search(fields.get(field, ""))
        if not m:
            continue
        if actor:
            return actor
        if group:
            words = m.group(group).split()
            for i in range(len(words)):  # 'Democratic Republic of Congo' -> ... -> 'Congo'
                if code := gaz.actor_for(" ".join(words[i:])):
                    return code
    return None
