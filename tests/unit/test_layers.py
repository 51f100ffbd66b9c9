"""The import direction pages -> ui -> charts -> analysis, checked on the source with ast."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def python_files(folder: str) -> list[Path]:
    return sorted((REPO_ROOT / folder).rglob("*.py"))


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, top-level module) for every import statement in a file, nested ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module.split(".")[0]


def offending(folder: str, forbidden: set[str]) -> list[str]:
    return [
        f"{path.relative_to(REPO_ROOT)}:{line} imports {module}"
        for path in python_files(folder)
        for line, module in imported_modules(path)
        if module in forbidden
    ]


@pytest.mark.parametrize("folder", ["analysis", "charts"])
def test_no_streamlit_below_ui(folder: str) -> None:
    assert python_files(folder), f"{folder}/ has no Python files"
    assert offending(folder, {"streamlit"}) == []


def test_charts_do_not_import_upward() -> None:
    assert offending("charts", {"ui", "pages", "dashboard"}) == []


def test_analysis_does_not_import_upward() -> None:
    assert offending("analysis", {"charts", "ui", "pages", "dashboard"}) == []


def test_pages_hold_no_pandas_or_regexes() -> None:
    assert python_files("pages"), "pages/ has no Python files"
    assert offending("pages", {"pandas", "re", "regex", "spacy"}) == []


def test_pages_are_short() -> None:
    too_long = {
        str(p.relative_to(REPO_ROOT)): n
        for p in python_files("pages")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 80
    }
    assert too_long == {}


def test_the_checker_sees_imports(tmp_path: Path) -> None:
    """Guard against a checker that passes whatever the code does."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import streamlit as st\nfrom pandas import DataFrame\ndef f():\n    import re\n"
    )
    assert sorted(m for _, m in imported_modules(sample)) == ["pandas", "re", "streamlit"]
