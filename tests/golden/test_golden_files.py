"""The golden checker itself: a missing or different expected file fails, --update-golden
writes it as sorted, indented JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden.conftest import check_golden

RECORDS = {"quotes": [{"speaker": "Ann", "start_char": 3}], "voice": None}


def test_a_missing_expected_file_fails_and_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    with pytest.raises(pytest.fail.Exception, match=r"does not exist: run pytest --update-golden"):
        check_golden(path, RECORDS, update=False)
    assert not path.exists()


def test_update_writes_sorted_indented_json_that_then_passes(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    check_golden(path, RECORDS, update=True)
    assert path.read_text(encoding="utf-8") == json.dumps(RECORDS, indent=2, sort_keys=True) + "\n"
    check_golden(path, RECORDS, update=False)


def test_different_records_fail_and_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "voa.json"
    check_golden(path, RECORDS, update=True)
    with pytest.raises(AssertionError, match=r"voa.json differs: run pytest --update-golden"):
        check_golden(path, {**RECORDS, "voice": "USA"}, update=False)
