"""The dashboard reads prebuilt tables without importing spaCy (about 0.4 s and 100 MB per server
process): spaCy comes in with the first analysis of an upload or a user-defined concept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ANALYSING = {"ui.concepts_view"}  # the Concepts page analyses a concept the user defines


def test_reading_tables_does_not_import_spacy() -> None:
    modules = sorted(
        f"ui.{p.stem}" for p in (REPO / "ui").glob("*.py") if f"ui.{p.stem}" not in ANALYSING
    )
    modules += ["analysis.build", "analysis.query", "analysis.network", "analysis.store"]
    assert "ui.scope" in modules and "ui.upload" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'spacy' in sys.modules:\n"
        "        sys.exit(f'{name} imports spacy')\n"
    )
    _python(script)


def test_analysing_still_loads_the_pipeline() -> None:
    fixture = REPO / "tests" / "fixtures" / "build" / "corpus"
    script = (
        "import sys\n"
        "from analysis.build import analyse_articles\n"
        "from analysis.corpus import load_corpus\n"
        f"articles = load_corpus([{str(fixture)!r}]).articles[:1]\n"
        "assert 'spacy' not in sys.modules\n"
        "result = analyse_articles(articles)\n"
        "assert 'spacy' in sys.modules and result.mentions, result\n"
    )
    _python(script)


def _python(script: str) -> None:
    """Run `script` in a fresh interpreter (nothing imported yet) and expect it to succeed."""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
