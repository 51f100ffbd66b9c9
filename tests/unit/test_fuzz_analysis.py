"""Property tests of the analysis on hostile article texts (hypothesis, the real model).

Texts go through the loader first (make_article), as every text the app analyses does; then
the whole document analysis runs. It never raises, and every record points into the text: each
offset lies inside it, and each stored piece of text (mention, quote, speaker as written, stance
and relation evidence) is exactly text[start_char:end_char], the contract of analysis.records.

spaCy is slow, so few examples, derandomised (the same ones every run) and no deadline.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from analysis.errors import RecordInvalid
from analysis.fields import RecordContext, make_article
from analysis.gazetteer import Gazetteer, default_gazetteer
from analysis.nlp.document import DocumentAnalysis, DocumentMeta, analyse_document
from analysis.nlp.parsed import parse_text
from analysis.nlp.terms import ConceptIndex
from analysis.records import Article

pytestmark = pytest.mark.slow

# STANCEMAP_FUZZ_EXAMPLES=500 runs a deeper, random search (by hand, not in CI).
DEEP = int(os.environ.get("STANCEMAP_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=DEEP or 40,
    deadline=None,
    derandomize=not DEEP,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONTEXT = RecordContext(file="fuzz.jsonl", pack="upload", max_text_chars=20_000)

# Pieces of news prose that reach every stage (speakers, verbs, quote marks of every kind,
# actors, stance cues), mixed with hostile characters and arbitrary Unicode.
PROSE = st.sampled_from(
    [
        "Russia", "NATO", "the United States", "France", "Ukraine", "Kyiv", "Beijing",
        "President Joe Biden", "Sergei Lavrov", "the minister", "He", "she", "they",
        " said ", " told reporters ", " condemned ", " supports ", " rejected ", " warned ",
        "according to ", " the sanctions", " the ceasefire", " missile defence", " aggression",
        "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", '"', "'", "\u2019", " \u2014 ", ": ",
        ". ", ", ", "\n", "\n\n", "\n\n\n", " ", "\t", "(", ")",
        "<script>window.__pwned=1</script>", "[x](javascript:alert(1))", "&amp;",
        "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u202e", "\u200f",
        "\U0001f600", "\u0301", "\x00", "\x07", "\u2028", "\u2029", "\ufeff",
    ]
)  # fmt: skip
ACTOR = st.sampled_from(
    ["Russia", "The United States", "France", "China", "Japan", "The leaders", "Germany"]
)
SPEAKER = st.sampled_from(["he said", "said Sergei Lavrov", "the minister told reporters",
                           "President Joe Biden said", "according to NATO"])  # fmt: skip
CLAIM = st.sampled_from(
    [
        "strongly condemns Russia's aggression against Ukraine",
        "rejected the sanctions imposed by the European Union",
        "said Iran must never acquire a nuclear weapon",
        "called for an immediate ceasefire in Gaza",
        "reaffirmed their support for Ukraine",
        "will cooperate with Australia on maritime security",
        "imposes retaliatory tariffs on agricultural products",
    ]
)
MARKS = st.sampled_from(  # opening and closing marks, a missing one among them
    [
        ("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"),
        ("\u201c", ""), ("", "\u201d"), ("'", "'"),
    ]
)  # fmt: skip
NOISE = st.one_of(PROSE, st.text(max_size=8))
STATEMENT = st.builds(lambda actor, claim: f"{actor} {claim}.", ACTOR, CLAIM)
QUOTATION = st.builds(
    lambda marks, words, speaker, noise: f"{marks[0]}{words}{noise},{marks[1]} {speaker}.",
    MARKS,
    st.builds(lambda a, c: f"{a} {c}", ACTOR, CLAIM),
    SPEAKER,
    NOISE,
)
PARAGRAPH = st.lists(st.one_of(STATEMENT, QUOTATION, NOISE), min_size=1, max_size=6).map(" ".join)
TEXT = st.one_of(
    st.lists(PARAGRAPH, min_size=1, max_size=4).map("\n\n".join),
    st.lists(st.one_of(PROSE, PROSE, st.text(max_size=12)), min_size=1, max_size=60).map("".join),
)
TITLE = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(["Readout of a call with Japan", "Talks with the leaders of France"]),
)
SOURCE = st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["VOA", "Kremlin", "TASS"]))


@pytest.fixture(scope="module")
def analyser(
    nlp: Language, concept_index: ConceptIndex
) -> Iterator[tuple[object, Gazetteer, ConceptIndex]]:
    """The session's pipeline and concept index, and the gazetteer."""
    yield nlp, default_gazetteer(), concept_index


def article_of(text: str, title: str | None, source: str | None) -> Article | None:
    """The article the loader makes of these fields, or None when it rejects them."""
    record = {"id": "fuzz-1", "text": text, "title": title, "source": source, "date": "2022-03-01"}
    try:
        return make_article(record, 1, CONTEXT)
    except RecordInvalid:
        return None


def within(text: str, start: int | None, end: int | None, piece: str | None) -> None:
    """start/end lie inside the text, in order, and `piece` is exactly the text between them."""
    assert start is not None and end is not None and piece is not None
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    assert text[start:end] == piece, (start, end, piece, text[start:end])


def check_records(text: str, result: DocumentAnalysis) -> None:
    for mention in result.mentions:
        within(text, mention.start_char, mention.end_char, mention.text)
        assert mention.end_char > mention.start_char
    for quote in result.quotes:
        within(text, quote.start_char, quote.end_char, quote.text)
        if quote.speaker_start_char is not None:
            within(text, quote.speaker_start_char, quote.speaker_end_char, quote.speaker_mention)
        assert 0.0 <= quote.confidence <= 1.0
    quote_ids = [q.quote_id for q in result.quotes]
    assert len(set(quote_ids)) == len(quote_ids)
    for stance in result.stances:
        within(text, stance.start_char, stance.end_char, stance.evidence)
        assert stance.polarity in (1, -1)
        assert stance.quote_id is None or stance.quote_id in quote_ids
    for relation in result.relations:
        within(text, relation.start_char, relation.end_char, relation.evidence)
    stance_ids = [s.stance_id for s in result.stances]
    assert len(set(stance_ids)) == len(stance_ids)


@given(text=TEXT, title=TITLE, source=SOURCE)
@example(  # a quote whose marks hold only spaces, at the very end of the text
    text='Russia said " "', title=None, source=None
)
@example(  # right-to-left override and emoji inside a quote, speaker after it
    text="\u201c\u202eNATO \U0001f600 rejected the sanctions\u201d, Sergei Lavrov said.",
    title="Talks with the leaders of France",
    source="Kremlin",
)
@example(  # a quotation running over paragraphs whose marks only open
    text="\u201cWe condemn the aggression.\n\n\u201cWe support the ceasefire,\u201d he said.",
    title="Readout of a call with Japan",
    source="VOA",
)
@FUZZ
def test_analysis_never_crashes_and_offsets_point_into_the_text(
    analyser: tuple[object, Gazetteer, ConceptIndex],
    text: str,
    title: str | None,
    source: str | None,
) -> None:
    nlp, gaz, index = analyser
    article = article_of(text, title, source)
    if article is None:
        return
    meta = DocumentMeta(article.id, article.date, article.source, article.title)
    result = analyse_document(meta, parse_text(nlp, article.text), gaz, index)  # type: ignore[arg-type]
    check_records(article.text, result)
