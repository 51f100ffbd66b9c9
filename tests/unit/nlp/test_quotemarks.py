"""analysis.nlp.quotemarks: quotations found by their marks before any parsing - offsets of the
marks and the words, quotations continued over paragraphs, word counts (the mark cases and the
property tests are in tests/unit/test_quotemarks.py)."""

from __future__ import annotations

import pytest

from analysis.nlp.quotemarks import find_quote_spans, word_count


def spans(text: str) -> list[tuple[str, str, str | None, bool]]:
    """(words, opening mark, closing mark or None, spans paragraphs) of each quotation."""
    return [
        (
            s.text(text),
            text[s.open_char],
            None if s.close_char is None else text[s.close_char],
            s.spans_paragraphs,
        )
        for s in find_quote_spans(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we won" and "they lost" today.',
         [("we won", '"', '"', False), ("they lost", '"', '"', False)]),
        ("The \u201cso-called\u201d vote.", [("so-called", "\u201c", "\u201d", False)]),
        ("Il a dit \u00ab nous sommes unis \u00bb hier.",  # spaces inside guillemets trimmed
         [("nous sommes unis", "\u00ab", "\u00bb", False)]),
        # news convention: each continued paragraph re-opens, only the last one closes
        ('"A.\n\n"B.\n\n"C," he said.', [('A.\n\n"B.\n\n"C,', '"', '"', True)]),
    ],
)  # fmt: skip
def test_marks_and_words(text: str, expected: list) -> None:
    assert spans(text) == expected


@pytest.mark.xfail(
    strict=True,
    reason="bug: the low-9 opening mark is listed as an opener, but its German closing partner "
    "(U+201C) is also taken for an opener, so the quotation runs on to the paragraph end",
)
def test_a_low_opening_mark_is_closed_by_its_high_partner() -> None:
    text = "Er sagte \u201ewir sind vereint\u201c heute."
    assert spans(text) == [("wir sind vereint", "\u201e", "\u201c", False)]


@pytest.mark.parametrize(
    ("text", "count"),
    [("We will not give up,", 5), ("Russia's so-called vote", 3), ("don\u2019t", 1), ("", 0)],
)
def test_word_count(text: str, count: int) -> None:
    assert word_count(text) == count
