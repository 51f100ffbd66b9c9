"""The paragraph screen: which paragraphs get the full parse, the NER only or the tokenizer only,
and that a screened parse keeps every paragraph at its offsets."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analysis.nlp import parsed as parsed_module
from analysis.nlp.parsed import paragraph_offsets, parse_texts
from analysis.nlp.screen import Screen, Treatment, default_screen

LEAD = "Officials met on Monday."  # a first paragraph always gets the full parse


@pytest.fixture(scope="module")
def screen(nlp: Language) -> Screen:
    return default_screen(nlp)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("The United States condemned the invasion.", "full"),  # a concept phrase
        ('"We will not give up," the minister told reporters.', "full"),  # quotation marks
        ("The minister said the meeting was useful.", "full"),  # a speech verb
        ("The statement was published late.", "full"),  # a document noun (speakers.author_of)
        ("Rain fell across Norway overnight.", "ner"),  # a name, nothing to parse for
        ("The ministers arrived in Oslo.", "ner"),
        ("rain fell all night.", "skip"),  # no name can be here
        ("The rain was heavy and the roads were closed.", "skip"),
        ("But it was late.", "skip"),  # capitalised only as the first word of a sentence
    ],
)
def test_treatment_before_ner(
    nlp: Language, screen: Screen, paragraph: str, expected: Treatment
) -> None:
    docs = [nlp.make_doc(LEAD), nlp.make_doc(paragraph)]
    assert screen.before_ner(docs) == ["full", expected]


def test_first_paragraph_is_always_parsed(nlp: Language, screen: Screen) -> None:
    assert screen.before_ner([nlp.make_doc("rain fell all night.")]) == ["full"]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Angela Merkel arrived in Oslo.", "full"),  # a person: people.py reads the parse
        ("Rain fell across Norway overnight.", "ner"),
    ],
)
def test_treatment_after_ner(
    nlp: Language, screen: Screen, paragraph: str, expected: Treatment
) -> None:
    with nlp.select_pipes(enable=["ner"]):
        doc = nlp(paragraph)
    assert screen.after_ner(doc) == expected


TEXT = "\n\n".join(
    [
        "Russia condemned the sanctions imposed by the European Union.",
        "  rain fell all night.  ",
        "Rain fell across Norway overnight.",
        '"We reject this," said Foreign Minister Sergei Lavrov.',
    ]
)


def test_screened_parse_keeps_every_paragraph_at_its_offsets(nlp: Language, screen: Screen) -> None:
    parsed = next(parse_texts(nlp, [TEXT], screen=screen))
    spans = paragraph_offsets(TEXT)
    assert [(p.start_char, p.end_char) for p in parsed.paragraphs] == spans
    for para, (start, end) in zip(parsed.paragraphs, spans, strict=True):
        assert para.doc.text == TEXT[start:end]
        assert parsed.paragraph_at(start) is para
    skipped = parsed.paragraphs[1]
    assert not skipped.doc.has_annotation("DEP") and not skipped.doc.has_annotation("ENT_IOB")
    token = parsed.token_at(TEXT.index("fell"))
    assert token is not None and token.text == "fell"
    located = parsed.sentence_at(TEXT.index("fell"))  # an unparsed paragraph is one sentence
    assert located is not None and located[1].text == "rain fell all night."
    assert parsed.span_chars(token) == (TEXT.index("fell"), TEXT.index("fell") + 4)
    named = parsed.paragraphs[2].doc
    assert not named.has_annotation("DEP") and "Norway" in [e.text for e in named.ents]


def test_parsed_paragraphs_match_the_full_pipeline(nlp: Language, screen: Screen) -> None:
    screened = next(parse_texts(nlp, [TEXT], screen=screen))
    full = next(parse_texts(nlp, [TEXT]))  # no screen: every component on every paragraph
    for number in (0, 3):
        ours, theirs = screened.paragraphs[number].doc, full.paragraphs[number].doc
        for attr in ("tag_", "pos_", "dep_", "lemma_", "ent_iob_", "ent_type_", "morph"):
            assert [str(getattr(t, attr)) for t in ours] == [
                str(getattr(t, attr)) for t in theirs
            ], attr
        assert [t.head.i for t in ours] == [t.head.i for t in theirs]


def test_workers_give_the_same_docs(
    nlp: Language, screen: Screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsed_module, "CHUNK_TEXTS", 2)
    texts = [TEXT, "Germany backed the plan.", LEAD, TEXT[::-1].strip()]
    one = list(parse_texts(nlp, texts, screen=screen))
    two = list(parse_texts(nlp, texts, n_process=2, screen=screen))
    for a, b in zip(one, two, strict=True):
        assert [p.start_char for p in a.paragraphs] == [p.start_char for p in b.paragraphs]
        for x, y in zip(a.paragraphs, b.paragraphs, strict=True):
            assert x.doc.to_json() == y.doc.to_json()


def test_user_defined_concepts_are_screened(nlp: Language) -> None:
    from analysis.concepts import Concept
    from analysis.gazetteer import default_gazetteer
    from analysis.nlp.screen import screen_for
    from analysis.nlp.terms import ConceptIndex

    widget = Concept("widget_ban", "Widget ban", "", ("widget",), pro=("ban on widgets",))
    index = ConceptIndex(nlp, [widget])
    screen = screen_for(nlp, index, default_gazetteer())
    assert screen_for(nlp, index, default_gazetteer()) is screen  # kept for the next build
    docs = [nlp.make_doc(LEAD), nlp.make_doc("the ban on widgets came late.")]
    assert screen.before_ner(docs) == ["full", "full"]
    assert default_screen(nlp).before_ner(docs) == ["full", "skip"]  # the catalogue has no widgets


def test_a_person_found_by_the_ner_alone_gets_the_full_pipelines_parse_and_entities(
    nlp: Language, screen: Screen
) -> None:
    late = "Rain fell on the dacha of Sergei Lavrov near Moscow. Angela Merkel flew home."
    docs = [nlp.make_doc(LEAD), nlp.make_doc(late)]
    assert screen.before_ner(docs) == ["full", "ner"]  # a name, no trigger word: NER first
    text = LEAD + "\n\n" + late
    screened = next(parse_texts(nlp, [text], screen=screen)).paragraphs[1].doc
    full = next(parse_texts(nlp, [text])).paragraphs[1].doc
    assert screened.to_json() == full.to_json()  # the entities kept from the first NER run
