"""Corpus text is shown as text: Markdown bold a source wrote into it ('**UN Charter**') is
removed when the text is loaded, and from stored evidence sentences when they are shown."""

from __future__ import annotations

import pytest

from analysis.fields import RecordContext, make_article
from analysis.textclean import plain_text
from ui.article_html import evidence_html


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("the **UN Framework Convention** in 2011", "the UN Framework Convention in 2011"),
        ("**Peace** and **security**.", "Peace and security."),
        ("5 ** 2 is 25", "5 ** 2 is 25"),  # not emphasis: spaces inside the markers
        ("x**2**y", "x**2**y"),  # inside a word
        ("**open\nand closed**", "**open\nand closed**"),  # markers on two lines
    ],
)  # fmt: skip
def test_plain_text_drops_markdown_bold_only(text: str, plain: str) -> None:
    assert plain_text(text) == plain


def test_loaded_text_and_title_carry_no_markdown_bold() -> None:
    article = make_article(
        {"title": "On the **Charter**", "text": "We back the **Global Digital Compact**."},
        1,
        RecordContext(file="x.jsonl"),
    )
    assert (article.title, article.text) == (
        "On the Charter",
        "We back the Global Digital Compact.",
    )


def test_stored_evidence_is_shown_without_markers() -> None:
    row = {"evidence": "We back the **Global Digital Compact**.", "polarity": 1,
           "actor_name": "Andorra", "concept_label": "Digital", "article_id": "a1"}  # fmt: skip
    shown = evidence_html([row], limit=5)
    assert "We back the Global Digital Compact." in shown and "**" not in shown
