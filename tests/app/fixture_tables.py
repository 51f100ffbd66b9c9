"""A small tables folder for app and browser tests: VOA, some Wikinews, one hostile record.

Built once per test session with analysis.build (the real pipeline), so page tests do not wait
for, or depend on, the full `make data` build.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from analysis.build import build
from analysis.corpus import load_default_corpus
from analysis.store import current_build

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT / "data" / "corpus"
WIKINEWS_ROWS = 8

VOA_TITLE = "US Fails to Persuade Russia to Support Missile Defense Expansion in Europe"
HOSTILE_ID = "evil-1"
HOSTILE = {
    "id": HOSTILE_ID,
    "title": "<script>alert('title')</script>",
    "date": "2021-03-01",
    "source": "[click me](javascript:alert('source'))",
    "url": "javascript:alert('url')",
    "text": (
        "<img src=x onerror=alert('text')> The President of France said "
        '"we stand with Ukraine" on Monday, [x](javascript:alert(1)).\n\n'
        "A second paragraph with \"quotes\" and 'apostrophes'."
    ),
}


def fixture_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tables folder (built on first use in this session's temporary folder)."""
    out = tmp_path_factory.getbasetemp() / "fixture_tables"
    if current_build(out) is None:
        root = _fixture_corpus(tmp_path_factory.getbasetemp() / "fixture_corpus")
        build(load_default_corpus(root=root), out)
    return out


def _fixture_corpus(root: Path) -> Path:
    """data/corpus's voa pack, the first Wikinews rows, and a pack holding one hostile record."""
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(CORPUS / "voa", root / "voa")
    wikinews = root / "wikinews"
    wikinews.mkdir(parents=True)
    pack = json.loads((CORPUS / "wikinews" / "pack.json").read_text(encoding="utf-8"))
    first = pack["files"][0]
    with (CORPUS / "wikinews" / first).open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[: WIKINEWS_ROWS + 1]
    with (wikinews / first).open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    (wikinews / "pack.json").write_text(json.dumps({**pack, "files": [first]}), encoding="utf-8")
    hostile = root / "hostile"
    hostile.mkdir()
    (hostile / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    (hostile / "pack.json").write_text(
        json.dumps(
            {
                "name": "hostile",
                "files": ["hostile.jsonl"],
                "licence": "test fixture",
                "attribution": "<b>Test</b> [fixture](javascript:alert('attribution'))",
            }
        ),
        encoding="utf-8",
    )
    return root
