"""Hand-built parses of quotations, shared by the attribution, speaker and quotation tests."""

from __future__ import annotations

from spacy.tokens import Doc

from tests.unit.nlp.parses import parse

SAID_LAVROV = parse(
    '"We will not give up," said Foreign Minister Sergei Lavrov.',
    '" 8 punct PUNCT',
    "We 4 nsubj PRON",
    "will 4 aux AUX",
    "not 4 neg PART",
    "give 8 ccomp VERB",
    "up 4 prt ADP",
    ", 8 punct PUNCT",
    '" 8 punct PUNCT',
    "said 8 ROOT VERB say",
    "Foreign 10 compound PROPN",
    "Minister 12 compound PROPN",
    "Sergei 12 compound PROPN B-PERSON",
    "Lavrov 8 nsubj PROPN I-PERSON",
    ". 8 punct PUNCT",
)


def lavrov_told(label: str = "PERSON") -> Doc:
    """'Lavrov told reporters: "..."', the name tagged `label` (the small model says ORG)."""
    return parse(
        'Lavrov told reporters: "We will not give up."',
        f"Lavrov 1 nsubj PROPN B-{label}",
        "told 1 ROOT VERB tell",
        "reporters 1 dobj NOUN reporter",
        ": 1 punct PUNCT",
        '" 1 punct PUNCT',
        "We 8 nsubj PRON",
        "will 8 aux AUX",
        "not 8 neg PART",
        "give 1 ccomp VERB",
        "up 8 prt ADP",
        ". 1 punct PUNCT",
        '" 1 punct PUNCT',
    )


LAVROV_TOLD = lavrov_told()
ACCORDING_TO = parse(
    '"The talks have failed," according to Lavrov.',
    '" 4 punct PUNCT',
    "The 2 det DET",
    "talks 4 nsubj NOUN talk",
    "have 4 aux AUX",
    "failed 4 ROOT VERB fail",
    ", 4 punct PUNCT",
    '" 4 punct PUNCT',
    "according 4 prep VERB accord",
    "to 7 prep ADP",
    "Lavrov 8 pobj PROPN B-PERSON",
    ". 4 punct PUNCT",
)
# '"We support sanctions," Putin said': the start of the two quotations below
_SUPPORT_PUTIN_SAID = (
    '" 7 punct PUNCT',
    "We 2 nsubj PRON",
    "support 7 ccomp VERB",
    "sanctions 2 dobj NOUN sanction",
    ", 7 punct PUNCT",
    '" 7 punct PUNCT',
    "Putin 7 nsubj PROPN B-PERSON",
    "said 7 ROOT VERB say",
)
CONTINUED = parse(
    '"We support sanctions," Putin said. "They must increase."',
    *_SUPPORT_PUTIN_SAID,
    ". 7 punct PUNCT",
    '" 12 punct PUNCT',
    "They 12 nsubj PRON",
    "must 12 aux AUX",
    "increase 12 ROOT VERB",
    ". 12 punct PUNCT",
    '" 12 punct PUNCT',
)
INTERRUPTED = parse(
    '"We support sanctions," Putin said, "and we will impose more."',
    *_SUPPORT_PUTIN_SAID,
    ", 7 punct PUNCT",
    '" 7 punct PUNCT',
    "and 7 cc CCONJ",
    "we 13 nsubj PRON",
    "will 13 aux AUX",
    "impose 7 conj VERB",
    "more 13 dobj ADJ",
    ". 13 punct PUNCT",
    '" 7 punct PUNCT',
)
# a paragraph that names two people and then quotes someone: neither of them said it
MERELY_MENTIONED = parse(
    'Biden met Putin in Geneva. "The talks were useful and long."',
    "Biden 1 nsubj PROPN B-PERSON",
    "met 1 ROOT VERB meet",
    "Putin 1 dobj PROPN B-PERSON",
    "in 1 prep ADP",
    "Geneva 3 pobj PROPN B-GPE",
    ". 1 punct PUNCT",
    '" 9 punct PUNCT',
    "The 8 det DET",
    "talks 9 nsubj NOUN talk",
    "were 9 ROOT AUX be",
    "useful 9 acomp ADJ",
    "and 10 cc CCONJ",
    "long 10 conj ADJ",
    ". 9 punct PUNCT",
    '" 9 punct PUNCT',
)
THEME = parse(
    'The theme of the Assembly is "Peace for all of us".',
    "The 1 det DET",
    "theme 5 nsubj NOUN",
    "of 1 prep ADP",
    "the 4 det DET",
    "Assembly 2 pobj PROPN B-ORG",
    "is 5 ROOT AUX be",
    '" 5 punct PUNCT',
    "Peace 5 attr NOUN",
    "for 7 prep ADP",
    "all 8 pobj PRON",
    "of 9 prep ADP",
    "us 10 pobj PRON we",
    '" 5 punct PUNCT',
    ". 5 punct PUNCT",
)
SAID_THAT = parse(
    "Lavrov said that Russia would never accept the plan.",
    "Lavrov 1 nsubj PROPN B-PERSON",
    "said 1 ROOT VERB say",
    "that 6 mark SCONJ",
    "Russia 6 nsubj PROPN B-GPE",
    "would 6 aux AUX",
    "never 6 neg ADV",
    "accept 1 ccomp VERB",
    "the 8 det DET",
    "plan 6 dobj NOUN",
    ". 1 punct PUNCT",
)
PUTIN_SPOKE = parse(
    "Putin spoke on Monday.",
    "Putin 1 nsubj PROPN B-PERSON",
    "spoke 1 ROOT VERB speak",
    "on 1 prep ADP",
    "Monday 2 pobj PROPN B-DATE",
    ". 1 punct PUNCT",
)


def said_by(subject: str, *rows: str) -> Doc:
    """'"We support sanctions," <subject> said.' with the subject's rows (heads given by hand)."""
    n = len(rows)
    return parse(
        f'"We support new sanctions," {subject} said.',
        f'" {7 + n} punct PUNCT',
        "We 2 nsubj PRON",
        f"support {7 + n} ccomp VERB",
        "new 4 amod ADJ",
        "sanctions 2 dobj NOUN sanction",
        f", {7 + n} punct PUNCT",
        f'" {7 + n} punct PUNCT',
        *rows,
        f"said {7 + n} ROOT VERB say",
        f". {7 + n} punct PUNCT",
    )


PUTIN_SAID = said_by("Putin", "Putin 8 nsubj PROPN B-PERSON")


HE_SAID = said_by("he", "he 8 nsubj PRON")
STATEMENT_SAID = said_by("the statement", "the 8 det DET", "statement 9 nsubj NOUN")
PRESIDENT_SAID = said_by("the President", "the 8 det DET", "President 9 nsubj PROPN")
KREMLIN_RELEASED = parse(
    "The Kremlin released a statement.",
    "The 1 det DET",
    "Kremlin 2 nsubj PROPN B-ORG",
    "released 2 ROOT VERB release",
    "a 4 det DET",
    "statement 2 dobj NOUN",
    ". 2 punct PUNCT",
)
