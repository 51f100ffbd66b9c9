"""The Network page, driven through dashboard.py with AppTest on the fixture tables: each
kind of network draws without an error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PAGE = "pages/network.py"


@pytest.mark.parametrize("kind", ["congruence", "conflict", "relations"])
def test_every_network_kind_draws(start_app: Callable[[], AppTest], tables: Path, kind: str):
    at = start_app()
    at.session_state["network_kind"] = kind
    at = at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Network"
