"""AppTest fixtures: start the app from dashboard.py the way a browser session would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

TIMEOUT_S = 60  # the first run loads the default corpus (a few seconds)


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


@pytest.fixture
def start_app(repo_root: Path) -> Callable[[], AppTest]:
    """A function returning a new session of the app, already run once."""

    def start() -> AppTest:
        at = AppTest.from_file(str(repo_root / "dashboard.py"), default_timeout=TIMEOUT_S)
        return at.run()

    return start
