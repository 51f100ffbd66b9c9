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


def test_charts_are_pure_figure_builders() -> None:
    """No browser, thread, process or environment in charts/: ui.export_image draws images."""
    impure = {"os", "threading", "asyncio", "subprocess", "kaleido", "shutil", "atexit"}
    assert offending("charts", impure) == []


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


# ---------------------------------------------------------------------------- HTML from corpus text
HTML_MODULE = "ui/article_html.py"
APP_FOLDERS = ["pages", "ui"]


def app_files() -> list[Path]:
    return [REPO_ROOT / "dashboard.py"] + [p for f in APP_FOLDERS for p in python_files(f)]


def calls(path: Path) -> Iterator[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    yield from (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def html_builders(path: Path) -> set[str]:
    """Names a file imports from the one module that builds HTML."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "ui.article_html"
        for alias in node.names
    }


def test_html_module_is_pure() -> None:
    path = REPO_ROOT / HTML_MODULE
    assert [m for _, m in imported_modules(path) if m in {"streamlit", "ui", "pages"}] == []


def test_no_unsafe_html_flags() -> None:
    flagged = [
        f"{path.relative_to(REPO_ROOT)}:{call.lineno} {kw.arg}"
        for path in app_files()
        for call in calls(path)
        for kw in call.keywords
        if kw.arg in {"unsafe_allow_html", "unsafe_allow_javascript"}
    ]
    assert flagged == []


def test_st_html_renders_only_the_escaping_module() -> None:
    """Every st.html(...) gets the result of a function from ui/article_html.py, nothing else."""
    wrong, seen = [], 0
    for path in app_files():
        builders = html_builders(path)
        for call in calls(path):
            func = call.func
            if isinstance(func, ast.Attribute) and func.attr == "html":
                seen += 1
                arg = call.args[0] if call.args else None
                ok = (
                    isinstance(arg, ast.Call)
                    and isinstance(arg.func, ast.Name)
                    and arg.func.id in builders
                ) or (isinstance(arg, ast.Name) and _assigned_from(path, arg.id, builders))
                if not ok:
                    wrong.append(f"{path.relative_to(REPO_ROOT)}:{call.lineno}")
    assert seen, "no st.html call found: is the checker still looking at the right files?"
    assert wrong == []


def _assigned_from(path: Path, name: str, builders: set[str]) -> bool:
    """`name = builder(...)` somewhere in the file, and never anything else."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    values = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]
    return bool(values) and all(
        isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id in builders
        for v in values
    )
