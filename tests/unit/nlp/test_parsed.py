"""analysis.nlp.parsed: a text parsed paragraph by paragraph (blank lines are hard breaks) and
addressed by character offset in the whole text."""

from __future__ import annotations

import pytest
import spacy

from analysis.nlp.parsed import ParsedText, parse_text, parse_texts
from tests.unit.nlp.parses import NLP, plain

TEXT = "Russia condemned it.\n\n  The talks ended.  \n\n\n\nJapan agreed."


@pytest.fixture(scope="module")
def parsed() -> ParsedText:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return parse_text(nlp, TEXT)


def test_paragraphs_are_split_at_blank_lines_and_keep_their_offsets(parsed: ParsedText) -> None:
    assert [p.doc.text for p in parsed.paragraphs] == [
        "Russia condemned it.",
        "The talks ended.",  # surrounding white space is not part of a paragraph
        "Japan agreed.",
    ]
    for para in parsed.paragraphs:
        assert TEXT[para.start_char : para.end_char] == para.doc.text


@pytest.mark.parametrize(
    ("char", "paragraph"),
    [(0, 0), (19, 0), (20, None), (22, None), (24, 1), (TEXT.index("Japan"), 2), (len(TEXT), None)],
)
def test_paragraph_at(parsed: ParsedText, char: int, paragraph: int | None) -> None:
    found = parsed.paragraph_at(char)
    assert (None if found is None else parsed.paragraphs.index(found)) == paragraph


@pytest.mark.parametrize(
    ("char", "token"),
    [
        (0, "Russia"),
        (3, "Russia"),  # the token covering the character
        (6, "condemned"),  # a space: the next token in the paragraph
        (TEXT.index("talks") + 4, "talks"),
        (20, None),  # between paragraphs
    ],
)
def test_token_at(parsed: ParsedText, char: int, token: str | None) -> None:
    found = parsed.token_at(char)
    assert (None if found is None else found.text) == token


def test_offsets_of_tokens_and_spans_are_in_the_whole_text(parsed: ParsedText) -> None:
    token = parsed.token_at(TEXT.index("Japan"))
    assert token is not None and parsed.char_of(token) == TEXT.index("Japan")
    assert parsed.span_chars(token) == (TEXT.index("Japan"), TEXT.index("Japan") + 5)
    located = parsed.sentence_at(TEXT.index("talks"))
    assert located is not None
    start, end = parsed.span_chars(located[1])
    assert TEXT[start:end] == "The talks ended."
    assert [t.text for t in parsed.tokens_between(0, TEXT.index("talks"))] == [
        "Russia", "condemned", "it", ".", "The",
    ]  # fmt: skip


def test_a_token_of_another_text_is_refused(parsed: ParsedText) -> None:
    with pytest.raises(ValueError, match="not from this text"):
        parsed.char_of(NLP("Elsewhere")[0])


def test_texts_parse_in_order_and_an_empty_text_has_no_paragraphs() -> None:
    found = list(parse_texts(spacy.blank("en"), ["A b.", "", "C.\n\nD."]))
    assert [[p.doc.text for p in t.paragraphs] for t in found] == [["A b."], [], ["C.", "D."]]


def test_a_hand_built_text_answers_the_same_lookups() -> None:
    built = plain("Russia condemned it.", "Japan agreed.")
    assert built.text == "Russia condemned it.\n\nJapan agreed."
    assert built.token_at(built.text.index("Japan")).text == "Japan"  # type: ignore[union-attr]
