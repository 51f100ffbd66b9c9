"""The stance core on hand-built parses: cue chains (analysis.nlp.stance_chain), candidates and
their features (analysis.nlp.candidates), the scorer's verdicts (analysis.nlp.scorer) and
transcript turns (analysis.nlp.transcript). No statistical model is needed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from analysis.errors import FileUnreadable
from analysis.gazetteer import default_gazetteer
from analysis.nlp.candidates import Candidate, DocumentInfo, pair_features, proposed_side
from analysis.nlp.cues import cue_lexicon
from analysis.nlp.parsed import Paragraph, ParsedText
from analysis.nlp.scorer import StanceScorer, load_scorer
from analysis.nlp.stance_chain import side_of
from analysis.nlp.terms import TermMatch
from analysis.nlp.transcript import UNKNOWN, transcript_speakers

VOCAB = spacy.blank("en").vocab


def parse(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """A Doc from (word, head index, dependency, POS, lemma) rows."""
    words, heads, deps, pos, lemmas = (list(column) for column in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def term(doc: Doc, i: int, orientation: int, concept: str = "c") -> TermMatch:
    return TermMatch(concept, orientation, i, i + 1, doc[i].text)  # type: ignore[arg-type]


CONDEMN = [
    ("The", 2, "det", "DET", "the"),
    ("United", 2, "compound", "PROPN", "united"),
    ("States", 3, "nsubj", "PROPN", "states"),
    ("condemns", 3, "ROOT", "VERB", "condemn"),
    ("Russia", 6, "poss", "PROPN", "russia"),
    ("'s", 4, "case", "PART", "'s"),
    ("aggression", 3, "dobj", "NOUN", "aggression"),
    (".", 3, "punct", "PUNCT", "."),
]
NOT_SUPPORT = [
    ("We", 3, "nsubj", "PRON", "we"),
    ("do", 3, "aux", "AUX", "do"),
    ("not", 3, "neg", "PART", "not"),
    ("support", 3, "ROOT", "VERB", "support"),
    ("sanctions", 3, "dobj", "NOUN", "sanction"),
]
STRONGLY_SUPPORT = [
    ("We", 2, "nsubj", "PRON", "we"),
    ("strongly", 2, "advmod", "ADV", "strongly"),
    ("support", 2, "ROOT", "VERB", "support"),
    ("sanctions", 2, "dobj", "NOUN", "sanction"),
]
PLAIN_SUPPORT = [row for row in STRONGLY_SUPPORT if row[0] != "strongly"]
PLAIN_SUPPORT = [(w, {2: 1}.get(h, h), d, p, lemma) for w, h, d, p, lemma in PLAIN_SUPPORT]
REAFFIRM = [
    ("Leaders", 1, "nsubj", "NOUN", "leader"),
    ("reaffirmed", 1, "ROOT", "VERB", "reaffirm"),
    ("the", 4, "det", "DET", "the"),
    ("territorial", 4, "amod", "ADJ", "territorial"),
    ("integrity", 1, "dobj", "NOUN", "integrity"),
]
STRESSED_SUPPORT = [
    ("They", 1, "nsubj", "PRON", "they"),
    ("stressed", 1, "ROOT", "VERB", "stress"),
    ("support", 1, "dobj", "NOUN", "support"),
    ("for", 2, "prep", "ADP", "for"),
    ("sanctions", 3, "pobj", "NOUN", "sanction"),
]


@pytest.mark.parametrize(
    ("rows", "at", "orientation", "side", "cue"),
    [
        (CONDEMN, 6, -1, 1, "condemn"),  # condemning the adversary is for the proposition
        (NOT_SUPPORT, 4, 1, -1, "support"),  # a negated support cue is against
        (REAFFIRM, 4, 1, 1, "reaffirm"),  # a reporting verb with a cue of its own is that cue
        (STRESSED_SUPPORT, 4, 1, 1, "support"),  # 'stressed' reports; 'support' decides
    ],
)
def test_side_of_composes_the_cues_above_a_phrase(
    rows: list, at: int, orientation: int, side: int, cue: str
) -> None:
    doc = parse(rows)
    chain = side_of(doc, term(doc, at, orientation), cue_lexicon())
    assert chain is not None
    assert chain.polarity == side and cue in chain.cues


def test_a_reporting_verb_above_the_cue_names_the_holder_not_the_side() -> None:
    doc = parse(STRESSED_SUPPORT)
    chain = side_of(doc, term(doc, 4, 1), cue_lexicon())
    assert chain is not None and chain.top.lemma_ == "stress" and "stress" not in chain.cues


def test_negation_is_counted_and_intensifiers_raise_confidence_only() -> None:
    lexicon = cue_lexicon()
    negated = side_of(parse(NOT_SUPPORT), term(parse(NOT_SUPPORT), 4, 1), lexicon)
    assert negated is not None and negated.negations == 1
    strong_doc, plain_doc = parse(STRONGLY_SUPPORT), parse(PLAIN_SUPPORT)
    strong = side_of(strong_doc, term(strong_doc, 3, 1), lexicon)
    plain = side_of(plain_doc, term(plain_doc, 2, 1), lexicon)
    assert strong is not None and plain is not None
    assert strong.polarity == plain.polarity == 1
    assert strong.intensified and not plain.intensified
    assert strong.confidence > plain.confidence


def test_a_topic_word_takes_no_side_without_a_support_cue() -> None:
    doc = parse(CONDEMN)
    # 'Russia' as a topic of the condemnation: a hostile cue gives a topic word no side
    assert side_of(doc, term(doc, 4, 0), cue_lexicon(), is_actor=lambda text: True) is None


def candidate(actor: str, polarity: int, how: str, confidence: float = 0.8, **kw) -> Candidate:
    fields = {
        "concept": "sanctions_on_russia", "method": "cue" if polarity else "none",
        "cues": ("support",) if polarity else (), "top": "support", "above": ("support",),
        "words": ("sanction", "support"), "term": "sanctions", "orientation": 1,
        "anaphoric": False, "negations": 0, "hops": 1, "hedged": False, "intensified": False,
        "paragraph": 1, "start_char": 0, "end_char": 20, "evidence": "We support sanctions.",
        "quote_id": None, "rules_keep": bool(polarity),
    } | kw  # fmt: skip
    return Candidate(actor=actor, polarity=polarity, confidence=confidence, how=how, **fields)


DOC = DocumentInfo(kind="official", voice="USA", participants=("USA", "DEU"), date="2022-03-01")


def test_the_proposed_side_weighs_readings_by_confidence() -> None:
    assert (
        proposed_side([candidate("USA", 1, "named", 0.9), candidate("USA", -1, "named", 0.5)]) == 1
    )
    assert (
        proposed_side([candidate("USA", -1, "named", 0.9), candidate("USA", 1, "alt", 0.2)]) == -1
    )
    assert proposed_side([candidate("USA", 0, "alt-voice", 0.0)]) == 1  # no reading: for


def test_features_are_tagged_by_agreement_with_the_proposed_side() -> None:
    group = [
        candidate("USA", 1, "named", 0.9),
        candidate("USA", -1, "voice", 0.4),
        candidate("USA", 0, "alt-sentence-subject", 0.0),
    ]
    f = pair_features(group, DOC)
    assert f["side=1"] == 1.0 and f["role=voice"] == 1.0
    assert (
        f["how=named|agree"] == f["how=voice|oppose"] == f["how=alt-sentence-subject|none"] == 1.0
    )
    assert f["rules=agree"] == 1.0  # the kept readings sum to 'for'
    # words count only from readings whose holder the parse names
    assert "word=sanction" in f and "above=support" in f
    alt_only = pair_features([candidate("DEU", 0, "alt-participant", 0.0)], DOC)
    assert not any(name.startswith(("word=", "above=")) for name in alt_only)
    assert alt_only["role=participant"] == 1.0


def scorer(weights: dict[str, tuple[float, float]], floor: float = 0.3) -> StanceScorer:
    names = {"bias": 0, **{n: i + 1 for i, n in enumerate(weights)}}
    w = np.array([[0.0, 0.0], *weights.values()])
    return StanceScorer(names, w[:, 0], w[:, 1], floor=floor, default_min_confidence=0.7)


def test_the_verdict_multiplies_taking_a_side_by_the_side_being_right() -> None:
    sure = scorer({"how=named|agree": (4.0, 4.0)})
    side, confidence = sure.verdict([candidate("USA", 1, "named")], DOC)
    expected = 1 / (1 + np.exp(-4.0))
    assert side == 1 and confidence == pytest.approx(expected * expected)
    flipped = scorer({"how=named|agree": (4.0, -4.0)})  # the side model says: the other side
    side, confidence = flipped.verdict([candidate("USA", 1, "named")], DOC)
    assert side == -1 and confidence == pytest.approx(expected * expected)


def test_decide_keeps_statements_above_the_floor_with_one_record_per_sentence() -> None:
    model = scorer({"how=named|agree": (4.0, 4.0), "how=alt-voice|none": (-6.0, 0.0)})
    records = model.decide(
        [
            candidate("USA", 1, "named", start_char=0, end_char=20),
            candidate("USA", 1, "named", start_char=0, end_char=20),  # same sentence again
            candidate("USA", 1, "named", start_char=30, end_char=50),
            candidate("DEU", 0, "alt-voice"),  # unlikely: below the floor
        ],
        "a1",
        DOC,
    )
    assert {(r.actor, r.start_char) for r in records} == {("USA", 0), ("USA", 30)}
    assert all(r.polarity == 1 and r.method == "scored/cue/named" for r in records)
    assert len({r.confidence for r in records}) == 1  # the statement's probability


def test_a_model_file_round_trips_and_a_wrong_one_is_named(tmp_path: Path) -> None:
    model = scorer({"how=named|agree": (1.5, -0.5)})
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model.to_json()))
    loaded = load_scorer(path)
    assert loaded.default_min_confidence == 0.7
    group = [candidate("USA", 1, "named")]
    assert loaded.verdict(group, DOC) == pytest.approx(model.verdict(group, DOC))
    path.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(FileUnreadable, match="model.json"):
        load_scorer(path)


def parsed_text(text: str) -> ParsedText:
    nlp = spacy.blank("en")
    paragraphs, start = [], 0
    for block in text.split("\n\n"):
        paragraphs.append(Paragraph(start, start + len(block), nlp(block)))
        start += len(block) + 2
    return ParsedText(text, paragraphs)


def test_transcript_turns_belong_to_the_labelled_speaker() -> None:
    text = (
        "The President met the President of Belarus.\n\n"
        "Vladimir Putin: Good afternoon. We support this.\n\n"
        "Alexander Lukashenko: Thank you, Mr President.\n\n"
        "And we want peace.\n\n"
        "Andrei Boginsky: A helicopter, yes."
    )
    turns = transcript_speakers(parsed_text(text), default_gazetteer(), "2022-02-01")
    assert turns == [None, "RUS", "BLR", "BLR", UNKNOWN]


def test_a_statement_without_any_cued_reading_is_not_recorded() -> None:
    # however likely the model finds it: a voice naming a concept gives no side
    model = scorer({"how=alt-voice|none": (9.0, 9.0)})
    assert model.decide([candidate("RUS", 0, "alt-voice")], "a1", DOC) == []
    cued = model.decide(
        [candidate("RUS", 0, "alt-voice"), candidate("RUS", -1, "voice")], "a1", DOC
    )
    assert {r.polarity for r in cued} == {-1}


def test_evidence_is_the_sentences_whose_reading_gives_the_side() -> None:
    model = scorer({"how=named|agree": (4.0, 4.0)})
    records = model.decide(
        [
            candidate("USA", 1, "named", start_char=0, end_char=20),
            candidate("USA", 0, "alt-voice", start_char=30, end_char=50),  # only names it
            candidate("USA", -1, "voice", 0.1, start_char=60, end_char=80),  # the other side
        ],
        "a1",
        DOC,
    )
    assert [r.start_char for r in records] == [0]
