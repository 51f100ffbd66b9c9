"""analysis.nlp.lexicon: the rule word lists of data/rules, read once, lower case, no comments."""

from __future__ import annotations

import pytest

from analysis.nlp import lexicon
from analysis.nlp.lexicon import not_speakers, rule_lines, speech_verbs, title_nouns


def test_rule_lines_drop_blank_lines_and_comments_and_fold_case(monkeypatch, tmp_path) -> None:
    (tmp_path / "words.txt").write_text(
        "# a comment\n\n  Say  \n   # an indented comment\nTELL\n", encoding="utf-8"
    )
    monkeypatch.setattr(lexicon, "RULES_DIR", tmp_path)
    assert rule_lines("words.txt") == ["say", "tell"]


def test_a_missing_rule_file_is_an_error_not_an_empty_list(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(lexicon, "RULES_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match="nothing.txt"):
        rule_lines("nothing.txt")


@pytest.mark.parametrize("verb", ["say", "tell", "warn", "tweet"])
def test_speech_verbs_are_single_lemmas(verb: str) -> None:
    assert verb in speech_verbs()
    assert all(" " not in v and v == v.lower() for v in speech_verbs())


@pytest.mark.parametrize(
    ("lookup", "word"),
    [(title_nouns, "minister"), (title_nouns, "ambassador"), (not_speakers, "theme")],
)
def test_the_word_lists_hold_their_documented_examples(lookup, word: str) -> None:
    assert word in lookup()


def test_the_lists_are_loaded_once() -> None:
    assert speech_verbs() is speech_verbs() and title_nouns() is title_nouns()
