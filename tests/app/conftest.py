"""AppTest fixtures: start the app from dashboard.py the way a browser session would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from analysis.build import LocalAnalyser
from analysis.store import read_table
from tests.app.fixture_tables import fixture_tables
from ui.loaders import clear_corpus_caches
from ui.settings import get_settings

TIMEOUT_S = 120  # the first run loads the default corpus, or the spaCy model for an upload


@pytest.fixture(autouse=True)
def _navigation_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep AppTest from treating pages/ as a Streamlit v1 pages directory.

    A running server switches the v1 behaviour off for good the first time st.navigation runs.
    AppTest resets the flag before every run, so from the second run on it would execute
    pages/corpus.py alone, without dashboard.py (no sidebar). Pin the server's steady state.
    """
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    yield


@pytest.fixture(autouse=True)
def corrections_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    """Every app test writes its corrections to its own empty SQLite file."""
    url = f"sqlite:///{tmp_path / 'corrections.sqlite3'}"
    monkeypatch.setenv("STANCEMAP_DB_URL", url)
    get_settings.clear()
    yield url
    get_settings.clear()


@pytest.fixture
def start_app(repo_root: Path) -> Callable[[], AppTest]:
    """A function returning a new session of the app, already run once."""

    def start() -> AppTest:
        at = AppTest.from_file(str(repo_root / "dashboard.py"), default_timeout=TIMEOUT_S)
        return at.run()

    return start


@pytest.fixture(scope="session")
def fixture_tables_dir(tmp_path_factory: pytest.TempPathFactory, analyser: LocalAnalyser) -> Path:
    """A small prebuilt tables folder (VOA, a few Wikinews articles, one hostile record)."""
    return fixture_tables(tmp_path_factory, analyser)


@pytest.fixture
def use_tables(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Point the app at a tables folder (and other STANCEMAP_* settings); undone afterwards."""

    def use(tables: Path, **settings: str) -> None:
        for name, value in {"tables": str(tables), **settings}.items():
            monkeypatch.setenv(f"STANCEMAP_{name.upper()}", value)
        get_settings.clear()
        clear_corpus_caches()

    yield use
    # monkeypatch restores the environment after this; settings are re-read on next use.
    get_settings.clear()
    clear_corpus_caches()


@pytest.fixture
def tables(fixture_tables_dir: Path, use_tables: Callable[..., None]) -> Path:
    """The app reads the fixture tables in this test, every statement shown by default (the
    scorer's default minimum confidence is tested on its own)."""
    use_tables(fixture_tables_dir, min_confidence="0")
    return fixture_tables_dir


@pytest.fixture(scope="session")
def statements(fixture_tables_dir: Path) -> pd.DataFrame:
    """The fixture's document_stances with their article's source, date and title (expected
    values are computed from these, not copied from the pages' code)."""
    articles = read_table(fixture_tables_dir, "articles")[["id", "source", "date", "title"]]
    frame = read_table(fixture_tables_dir, "document_stances")
    return frame.merge(articles.rename(columns={"id": "article_id"}), on="article_id")
