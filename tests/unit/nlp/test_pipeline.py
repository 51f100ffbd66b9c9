"""analysis.nlp.pipeline: the pipeline is the first that loads, and says which one ran (the load
order itself is in tests/unit/test_pipeline_loading.py)."""

from __future__ import annotations

import pytest
import spacy

from analysis.nlp.pipeline import BLANK, OFFICIAL, REPACK, PipelineInfo, load_pipeline


def test_the_label_names_the_pipeline_and_its_version() -> None:
    assert PipelineInfo(REPACK, "3.8.0", statistical=True).label == f"{REPACK} 3.8.0"


@pytest.mark.parametrize("error", [OSError, ImportError, ValueError])
def test_any_load_failure_falls_back_to_the_next_pipeline(monkeypatch, error) -> None:
    def load(name: str, disable: list[str]):
        if name == OFFICIAL:
            raise error(name)
        nlp = spacy.blank("en")
        nlp.meta["version"] = "1.0"
        return nlp

    monkeypatch.setattr(spacy, "load", load)
    _, info = load_pipeline()
    assert (info.name, info.statistical, info.warning) == (REPACK, True, None)


def test_components_to_disable_are_passed_to_spacy(monkeypatch) -> None:
    seen: list[list[str]] = []

    def load(name: str, disable: list[str]):
        seen.append(disable)
        return spacy.blank("en")

    monkeypatch.setattr(spacy, "load", load)
    load_pipeline(disable=("parser", "ner"))
    assert seen == [["parser", "ner"]]


def test_the_rules_only_fallback_names_what_it_tried(monkeypatch) -> None:
    def load(name: str, disable: list[str]):
        raise OSError(name)

    monkeypatch.setattr(spacy, "load", load)
    nlp, info = load_pipeline()
    assert info.name == BLANK and not info.statistical
    assert f"{OFFICIAL} (OSError)" in (info.warning or "") and nlp.has_pipe("sentencizer")
