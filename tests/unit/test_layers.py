"""The import direction pages -> ui -> charts -> analysis, and no import cycles, checked on the
source with ast: every import statement counts, in functions too, relative ones resolved."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# The repository's own code: a cycle among these modules fails the test.
CODE_FOLDERS = ("analysis", "charts", "ui", "bench", "pages")


def python_files(folder: str) -> list[Path]:
    return sorted((REPO_ROOT / folder).rglob("*.py"))


def module_name(path: Path, root: Path) -> str:
    """'analysis.nlp.screen' for analysis/nlp/screen.py; a package is named by its folder."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_nodes(tree: ast.AST, *, runtime: bool = False) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement of a tree, nested ones included; with `runtime`, not those under
    `if TYPE_CHECKING:` (they never run, so they cannot make an import cycle)."""
    skipped: set[int] = set()
    if runtime:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(inner) for child in node.body for inner in ast.walk(child))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in skipped:
            yield node


def imported_names(
    path: Path, root: Path = REPO_ROOT, *, runtime: bool = False
) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of everything a file imports: `import a.b` gives a.b; `from a import
    b` gives a.b (which may be a module or a name in a); relative imports are made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in import_nodes(tree, runtime=runtime):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            package = module_name(path, root).split(".")
            package = package if path.name == "__init__.py" else package[:-1]
            base = ".".join([*package[: len(package) - node.level + 1], *filter(None, [base])])
        yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, top-level module) for every import statement in a file, nested ones included."""
    for line, name in imported_names(path):
        yield line, name.split(".")[0]


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
    assert offending("analysis", {"charts", "ui", "pages", "dashboard", "bench"}) == []


@pytest.mark.parametrize("folder", ["charts", "ui", "pages"])
def test_only_tests_use_the_benchmark_harnesses(folder: str) -> None:
    assert offending(folder, {"bench"}) == []


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


# ---------------------------------------------------------------------------- import cycles


def import_graph(root: Path, folders: Iterable[str]) -> dict[str, set[str]]:
    """Module -> the modules of the repository it imports when it runs (in functions too)."""
    files = {module_name(p, root): p for f in folders for p in sorted((root / f).rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        graph[name] = set()
        for _, target in imported_names(path, root, runtime=True):
            while target and target not in files:  # a.b.Name -> a.b; pandas -> ''
                target = target.rpartition(".")[0]
            if target and target != name:
                graph[name].add(target)
    return graph


def cycle_groups(graph: dict[str, set[str]]) -> list[set[str]]:
    """The groups of modules that import each other, directly or through others (Tarjan's
    strongly connected components of more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = {stack.pop()}
            while module not in group:
                group.add(stack.pop())
            if len(group) > 1:
                groups.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(groups, key=min)


def shortest_cycle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """[a, b, ..., a]: the shortest way from the group's first module (by name) back to it."""
    start = min(group)
    previous: dict[str, str] = {}
    frontier = [start]
    while start not in previous:
        following = []
        for module in frontier:
            for target in sorted(graph[module] & group):
                if target not in previous:
                    previous[target] = module
                    following.append(target)
        frontier = following
    cycle = [start, previous[start]]
    while cycle[-1] != start:
        cycle.append(previous[cycle[-1]])
    return cycle[::-1]


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each group of modules that import each other."""
    return [shortest_cycle(graph, group) for group in cycle_groups(graph)]


def test_no_import_cycles() -> None:
    graph = import_graph(REPO_ROOT, CODE_FOLDERS)
    found = [
        f"{' -> '.join(shortest_cycle(graph, group))} (the {len(group)} modules that import each"
        f" other: {', '.join(sorted(group))})"
        for group in cycle_groups(graph)
    ]
    assert found == []


def test_the_cycle_checker_sees_cycles_in_functions(tmp_path: Path) -> None:
    """Guard against a checker that passes whatever the code does."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg import b\nfrom pkg.c import NAME\n")
    (package / "b.py").write_text("def f():\n    from . import a\n")  # in a function
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nNAME = 1\nif TYPE_CHECKING:\n    import pkg.a\n"
    )  # only for the type checker: never runs, no cycle
    (package / "d.py").write_text("import pkg.e\n")
    (package / "e.py").write_text("from .d import *\n")
    graph = import_graph(tmp_path, ["pkg"])
    assert graph["pkg.a"] == {"pkg.b", "pkg.c"} and graph["pkg.c"] == set()
    assert import_cycles(graph) == [["pkg.a", "pkg.b", "pkg.a"], ["pkg.d", "pkg.e", "pkg.d"]]


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
    """The HTML module, and the ui/ modules it takes its marks and style from, use no Streamlit."""
    seen, todo = set(), [HTML_MODULE]
    while todo:
        path = REPO_ROOT / todo.pop()
        seen.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
        helpers = [REPO_ROOT / (m.replace(".", "/") + ".py") for m in names if m.startswith("ui.")]
        todo += [str(p.relative_to(REPO_ROOT)) for p in helpers if p not in seen]
        assert [m for _, m in imported_modules(path) if m in {"streamlit", "pages"}] == [], path
    assert len(seen) > 1, "the HTML module's own helpers were not followed"


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
