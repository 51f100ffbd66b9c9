"""Counts shown to people agree with their noun: '1 statement', never '1 statements'.

Every f-string of the user-facing layers (pages, ui, charts) that puts a count right before a
plural noun is a '1 statements' waiting to happen: counts go through charts.style.plural().
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from charts.style import plural

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("pages", "ui", "charts")
NOUNS = (
    "statements|sentences|articles|actors|concepts|quotes|relations|records|rows|files|mentions"
    "|sources|duplicates|countries|stances|characters|words|edges|members"
)
# a number then a plural noun: "{n:,} statements", "{len(rows)} sentences"
PLURAL_AFTER_COUNT = re.compile(rf"^\s+({NOUNS})\b")


def _count_before_plural(path: Path) -> list[str]:
    """'file:line' of each f-string placing a counted value right before a plural noun."""
    hits = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.JoinedStr):
            continue
        parts = node.values
        for value, after in zip(parts, parts[1:], strict=False):
            if not isinstance(value, ast.FormattedValue) or not isinstance(after, ast.Constant):
                continue
            if isinstance(value.value, ast.Name) and value.value.id.isupper():
                continue  # a constant limit ("at most {MAX_ACTORS} actors") is never 1
            if PLURAL_AFTER_COUNT.match(str(after.value)):
                hits.append(f"{path.relative_to(ROOT)}:{value.lineno}")
    return hits


def test_no_count_is_followed_by_a_plural_noun_without_plural():
    hits = [hit for layer in LAYERS for f in (ROOT / layer).rglob("*.py") for hit in
            _count_before_plural(f)]  # fmt: skip
    assert hits == []


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 statements"), (1, "1 statement"), (1200, "1,200 statements")]
)
def test_plural_agrees_with_the_count(count, expected):
    assert plural(count, "statement") == expected
