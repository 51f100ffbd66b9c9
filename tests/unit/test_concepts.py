"""The concept catalogue, user-defined concepts and the article pre-filter for new concepts."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.concept_update import candidate_articles
from analysis.concepts import Concept, load_catalogue, load_user_concepts, slug, with_user_concepts
from analysis.errors import FileUnreadable


def test_catalogue_merges_term_lists() -> None:
    catalogue = {c.id: c for c in load_catalogue()}
    assert len(catalogue) == 16
    ukraine = catalogue["ukraine_sovereignty"]
    assert "Ukraine" in ukraine.keywords and ukraine.pro and ukraine.anti
    assert all(not c.user_defined for c in catalogue.values())


def test_user_concepts_from_json_keep_good_entries(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(
        json.dumps(
            {
                "concepts": [
                    {
                        "label": "Arctic cooperation",
                        "description": "d",
                        "keywords": ["Arctic Council"],
                    },
                    {"label": "No keywords"},
                    "not an object",
                ]
            }
        )
    )
    concepts, problems = load_user_concepts(path)
    assert [(c.id, c.keywords, c.user_defined) for c in concepts] == [
        ("arctic_cooperation", ("Arctic Council",), True)
    ]
    assert problems == [
        f"{path}: entry 2: keywords: concept 'No keywords' needs at least one keyword",
        f"{path}: entry 3: entry: not an object with label, description and keywords",
    ]


def test_user_concepts_from_csv(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "label,description,keywords\n"
        "Deep sea mining,Mining should pause,deep-sea mining;seabed mining\n"
    )
    concepts, problems = load_user_concepts(path)
    assert problems == [] and concepts[0].keywords == ("deep-sea mining", "seabed mining")


def test_broken_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("[{")
    with pytest.raises(FileUnreadable, match="bad.json: not valid JSON"):
        load_user_concepts(path)


def test_a_user_concept_with_a_catalogue_id_replaces_it() -> None:
    mine = Concept("open_trade", "Mine", "", ("x",), user_defined=True)
    merged = {c.id: c for c in with_user_concepts(load_catalogue(), [mine])}
    assert merged["open_trade"].label == "Mine" and len(merged) == 16


def test_slug() -> None:
    assert slug("  Arctic Council: cooperation! ") == "arctic_council_cooperation"


def test_only_articles_with_a_phrase_are_reanalysed() -> None:
    articles = pd.DataFrame(
        {"id": ["a", "b"], "text": ["The ARCTIC Council met.", "Nothing here."]}
    )
    concept = Concept("arctic", "Arctic", "", ("Arctic Council",))
    assert list(candidate_articles(articles, [concept])["id"]) == ["a"]
