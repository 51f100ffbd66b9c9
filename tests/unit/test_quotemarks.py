"""Finding quotations by their marks, before any parsing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.nlp.quotemarks import find_quote_spans, looks_like_title


def quoted(text: str) -> list[tuple[str, bool]]:
    return [(s.text(text), s.close_char is not None) for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we are united on this" today.', [("we are united on this", True)]),
        ("He said \u201cwe are united\u201d and left.", [("we are united", True)]),
        ("Elle a dit \u00abnous sommes unis\u00bb hier.", [("nous sommes unis", True)]),
        (
            '"They feel "comfortable" living there," he said.',
            [('They feel "comfortable" living there,', True)],
        ),
        ('"A," he said, "B and C."', [("A,", True), ("B and C.", True)]),
        (
            '"A good and open debate.\n\nBut concerns remain.',
            [("A good and open debate.", False)],
        ),
        (
            '"First paragraph of it.\n\n"Second paragraph of it," she said.',
            [('First paragraph of it.\n\n"Second paragraph of it,', True)],
        ),
        ('"Who chose this?\n\n" added the adviser.', [("Who chose this?", True)]),
        ("No quotation here at all.", []),
        ('Empty "" marks.', []),
    ],
)
def test_quote_spans(text: str, expected: list[tuple[str, bool]]) -> None:
    assert quoted(text) == expected


def test_lost_closing_mark_is_recorded_where_it_stands() -> None:
    text = '"Who chose this?\n\n" added the adviser.'
    (span,) = find_quote_spans(text)
    assert span.close_char == text.index('" added')


@pytest.mark.parametrize(
    ("words", "is_title"),
    [
        ("The Lord of the Rings", True),
        ("Eva Glawischnig-Piesczek vs. Facebook Ireland Limited", True),
        ("Light a Candle", True),
        ("we are not going back to the Cold War", False),
        ("A Very Valuable Day, Indeed.", False),
    ],
)
def test_titles(words: str, is_title: bool) -> None:
    assert looks_like_title(words) is is_title


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ['"', "\u201c", "\u201d", "\u00ab", "\u00bb", " ", "\n\n", "a", "b.", ",", "\n"]
        ),
        max_size=60,
    )
)
def test_spans_are_ordered_and_inside_the_text(parts: list[str]) -> None:
    text = "".join(parts)
    spans = find_quote_spans(text)
    for span in spans:
        assert 0 <= span.open_char < span.start_char < span.end_char <= len(text)
        assert span.close_char is None or span.end_char <= span.close_char < len(text)
    assert [s.open_char for s in spans] == sorted(s.open_char for s in spans)
