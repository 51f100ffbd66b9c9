"""analysis.nlp.lexicon: the rule word lists of data/rules, read once, lower case, no comments."""

from __future__ import annotations

import pytest

from analysis.fields import RULES_DIR
from analysis.nlp.lexicon import not_speakers, rule_lines, speech_verbs, title_nouns


@pytest.mark.parametrize("name", ["speech_verbs.txt", "title_nouns.txt", "hostile_nouns.txt"])
def test_rule_lines_drop_blank_lines_and_comments_and_fold_case(name: str) -> None:
    raw = (RULES_DIR / name).read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("#") for line in raw)  # the files explain themselves ...
    lines = rule_lines(name)
    assert lines and all(line == line.strip().lower() for line in lines)
    assert not any(line.startswith("#") or not line for line in lines)  # ... the lists do not


def test_a_missing_rule_file_is_an_error_not_an_empty_list() -> None:
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
