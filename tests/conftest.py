"""Fixtures for every test folder: the repo root, --update-golden, Chromium for browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the expected JSON of golden tests from the current output; read the diff",
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
def chromium_path() -> Path:
    """Debian's Chromium; browser tests are skipped, with the reason, when it is not installed."""
    if not CHROMIUM.is_file():
        pytest.skip(
            f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)"
        )
    return CHROMIUM
