"""Fixtures for every test folder: the repo root, --update-golden, the trained spaCy pipeline
(loaded once per session), Chromium for browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from analysis.build import LocalAnalyser
from analysis.concepts import load_catalogue
from analysis.nlp.pipeline import PipelineInfo, load_pipeline
from analysis.nlp.terms import ConceptIndex

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS_ENV = "STANCEMAP_SCREENSHOTS"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the expected JSON of golden tests from the current output; read the diff",
    )
    parser.addoption(
        "--screenshots",
        action="store_true",
        default=False,
        help=f"browser tests save full-page screenshots in tests/output (also {SCREENSHOTS_ENV}=1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives the running app in headless Chromium (slow)"
    )


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (the folder holding dashboard.py)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when pytest ran with --update-golden."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def loaded_pipeline() -> tuple[Language, PipelineInfo]:
    """The trained English pipeline and its info, loaded once for the whole session.

    Fails (never skips) with the rules-only fallback: requirements.txt installs the model, and
    tests of components, golden files and builds mean nothing without it. Tests must not change
    it (add or remove pipes); `nlp.select_pipes` in a `with` block is fine.
    """
    nlp, info = load_pipeline()
    if not info.statistical:
        pytest.fail(f"these tests need a trained English pipeline: {info.warning}")
    return nlp, info


@pytest.fixture(scope="session")
def nlp(loaded_pipeline: tuple[Language, PipelineInfo]) -> Language:
    """The session's trained pipeline (see loaded_pipeline)."""
    return loaded_pipeline[0]


@pytest.fixture(scope="session")
def analyser(loaded_pipeline: tuple[Language, PipelineInfo]) -> LocalAnalyser:
    """A build analyser running the session's pipeline (analysis.build.build(analyser=...))."""
    local = LocalAnalyser()
    local.loaded = loaded_pipeline  # fills its cached_property: no second model load
    return local


@pytest.fixture(scope="session")
def concept_index(nlp: Language) -> ConceptIndex:
    """The default concept index: data/concepts catalogue, as a build uses it."""
    return ConceptIndex(nlp, load_catalogue())


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; browser tests are skipped, with the reason, when it is not installed."""
    if not CHROMIUM.is_file():
        pytest.skip(
            f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)"
        )
    return CHROMIUM
