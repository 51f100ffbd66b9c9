"""Phrase matchers over every gazetteer name, shared by the mention stage and the screen."""

from __future__ import annotations

from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from analysis.gazetteer import Gazetteer


@cache
def gazetteer_matchers(vocab: Vocab, gaz: Gazetteer) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Phrase matchers over every gazetteer name: exact case for abbreviations, else lower case."""
    exact = PhraseMatcher(vocab, attr="ORTH")
    lower = PhraseMatcher(vocab, attr="LOWER")
    make = vocab.strings  # noqa: F841 - keeps the StringStore alive for the patterns below
    for surface in gaz.surface_texts():
        words = surface.text.split()
        pattern = Doc(vocab, words=words)
        (exact if surface.case_sensitive else lower).add(
            surface.default or surface.candidates[0], [pattern]
        )
    return exact, lower
