"""Golden tests run the whole pipeline with the real English model (tests/conftest.py's `nlp`)
and compare its records with tests/golden/expected/NAME.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EXPECTED = Path(__file__).resolve().parent / "expected"


def check_golden(path: Path, records: Any, *, update: bool) -> None:
    """Fail unless `records` equal the JSON in `path`; with `update`, write them there first.

    A missing file fails: writing it here would let a test pass that compared nothing.
    """
    if update:
        text = json.dumps(records, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
    elif not path.exists():
        pytest.fail(f"{path} does not exist: run pytest --update-golden to write it, and read it")
    assert json.loads(path.read_text(encoding="utf-8")) == records, (
        f"{path.name} differs: run pytest --update-golden and read the diff"
    )


@pytest.fixture
def golden(update_golden: bool) -> Callable[[str, Any], None]:
    """check(name, records): compare with tests/golden/expected/NAME.json (see check_golden)."""

    def check(name: str, records: Any) -> None:
        check_golden(EXPECTED / f"{name}.json", records, update=update_golden)

    return check
