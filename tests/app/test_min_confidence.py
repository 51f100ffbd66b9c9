"""The sidebar's minimum confidence starts at the stance scorer's default, or the operator's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.nlp.scorer import shipped_default_min_confidence


@pytest.mark.parametrize(
    ("setting", "expected"),
    [({}, shipped_default_min_confidence()), ({"min_confidence": "0.5"}, 0.5)],
)
def test_the_filter_starts_at_the_default(
    start_app: Callable[[], AppTest],
    fixture_tables_dir: Path,
    use_tables: Callable[..., None],
    setting: dict[str, str],
    expected: float,
) -> None:
    use_tables(fixture_tables_dir, **setting)
    at = start_app().run()
    assert not at.exception
    assert at.slider(key="flt_conf").value == pytest.approx(expected)
    assert expected > 0  # a scorer ships with the code: its default keeps the likely statements
