"""The pipeline load order: configured, official small model, PyPI repack, rules-only blank."""

from __future__ import annotations

import pytest
import spacy

from analysis.nlp.pipeline import OFFICIAL, REPACK, candidates, load_pipeline


def fake_load(available: set[str], tried: list[str]):  # noqa: ANN201
    def load(name: str, disable: list[str] | None = None) -> spacy.language.Language:
        tried.append(name)
        if name not in available:
            raise OSError(f"[E050] Can't find model '{name}'")
        nlp = spacy.blank("en")
        nlp.meta["version"] = "9.9.9"
        return nlp

    return load


@pytest.mark.parametrize(
    ("configured", "available", "expected_name", "expected_tried"),
    [
        ("my_model", {"my_model", OFFICIAL, REPACK}, "my_model", ["my_model"]),
        ("my_model", {OFFICIAL, REPACK}, OFFICIAL, ["my_model", OFFICIAL]),
        (None, {OFFICIAL, REPACK}, OFFICIAL, [OFFICIAL]),
        (None, {REPACK}, REPACK, [OFFICIAL, REPACK]),
    ],
)
def test_load_order(
    monkeypatch: pytest.MonkeyPatch,
    configured: str | None,
    available: set[str],
    expected_name: str,
    expected_tried: list[str],
) -> None:
    tried: list[str] = []
    monkeypatch.setattr(spacy, "load", fake_load(available, tried))
    _, info = load_pipeline(configured)
    assert (info.name, info.version, info.statistical, info.warning) == (
        expected_name,
        "9.9.9",
        True,
        None,
    )
    assert tried == expected_tried


def test_blank_fallback_warns(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    tried: list[str] = []
    monkeypatch.setattr(spacy, "load", fake_load(set(), tried))
    nlp, info = load_pipeline("missing_model")
    assert tried == ["missing_model", OFFICIAL, REPACK]
    assert not info.statistical and info.name == "blank:en"
    assert "Running rules only" in (info.warning or "")
    assert "Running rules only" in caplog.text
    doc = nlp("One sentence. Another one.")
    assert len(list(doc.sents)) == 2  # the sentencizer runs


def test_candidates_do_not_repeat() -> None:
    assert candidates(OFFICIAL) == [OFFICIAL, REPACK]
    assert candidates(None) == [OFFICIAL, REPACK]
