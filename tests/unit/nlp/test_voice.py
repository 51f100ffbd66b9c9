"""analysis.nlp.voice: whose official voice a document is, from its source or title."""

from __future__ import annotations

import pytest

from analysis.gazetteer import default_gazetteer
from analysis.nlp.voice import document_voice


@pytest.mark.parametrize(
    ("source", "title", "voice"),
    [
        ("The White House", "Readout of a call", "USA"),  # a source rule names the actor
        ("whitehouse.gov", None, "USA"),
        ("President of Russia", "Meeting with Alexander Lukashenko", "RUS"),
        ("UN", "Hungary: Statement in the General Debate", "HUN"),  # the title names the country
        # a long name: its last words are looked up when the whole name is not in the gazetteer
        ("UN", "Republic of Hungary: Statement in the General Debate", "HUN"),
        ("Reuters", "Russia condemns sanctions", None),  # journalism speaks for no one
        (None, None, None),
        ("UN", "Narnia: Statement in the General Debate", None),  # a country we do not know
    ],
)
def test_document_voice(source: str | None, title: str | None, voice: str | None) -> None:
    assert document_voice(source, title, default_gazetteer()) == voice
