"""Who said a quotation: the speech verb near it and that verb's subject, found from the parse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

from analysis.nlp.lexicon import speech_verbs, title_nouns
from analysis.nlp.parsed import ParsedText
from analysis.nlp.quotemarks import QuoteSpan

Method = Literal[
    "introduced", "after", "before", "according_to", "governing_verb", "previous_sentence", "none"
]
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
NAME_DEPS = (
    "compound",
    "flat",
    "appos",
    "amod",
    "poss",
    "nmod",
    "det",
    "case",
    "prep",
    "pobj",
    "punct",
    "cc",
    "conj",
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_QUOTE_TOKENS = {'"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"}
_SENTENCE_END = (".", "!", "?", ".\u201d", "?\u201d")
AFTER_WINDOW = 8  # tokens after a closing mark in which "he said" / "said X" is looked for


@dataclass(frozen=True, slots=True)
class Attribution:
    """The cue and the speaker mention of one quotation (offsets in the whole text)."""

    method: Method
    verb: str | None = None
    verb_char: int | None = None
    speaker_start_char: int | None = None
    speaker_end_char: int | None = None
    speaker_text: str | None = None
    pronoun: bool = False
    confidence: float = 0.0
    speaker_span: Span | None = None  # the speaker words in their paragraph Doc


NONE = Attribution("none")


class Quoted:
    """Character ranges of all quotations of a text: words inside them never attribute."""

    def __init__(self, quotes: list[QuoteSpan]) -> None:
        self.ranges = [range(q.open_char, (q.close_char or q.end_char) + 1) for q in quotes]

    def __contains__(self, char: object) -> bool:
        return any(char in r for r in self.ranges)


def attribute(parsed: ParsedText, quote: QuoteSpan, quoted: Quoted | None = None) -> Attribution:
    """The speaker of one quotation: after it, before it, 'according to', its governing verb."""
    inside: Quoted | range = quoted if quoted is not None else Quoted([quote])
    close = quote.close_char if quote.close_char is not None else quote.end_char
    for finder in (
        _introduced,
        _after,
        _before,
        _according_to,
        _governing_verb,
        _previous_sentence,
    ):
        found = finder(parsed, quote, inside, close)
        if found is not None:
            return found
    return NONE


def _outside(parsed: ParsedText, token: Token, inside: Quoted | range) -> bool:
    return parsed.char_of(token) not in inside


def _after(
    parsed: ParsedText, quote: QuoteSpan, inside: Quoted | range, close: int
) -> Attribution | None:
    """'"...," he said.' / '"...," said Totskiy.' / '" added the adviser.'"""
    located = parsed.sentence_at(close + 1) or parsed.sentence_at(close)
    if located is None:
        return None
    _, sent = located
    after = [t for t in sent if parsed.char_of(t) > close and _outside(parsed, t, inside)]
    content = quote.text(parsed.text).rstrip(" ,")
    ended = content.endswith((".", "!", "?")) and bool(after) and after[0].is_title
    window = AFTER_WINDOW if not ended else 5  # '"...!" Macron told the world' still attributes
    for token in after[:window]:
        if token.text in _QUOTE_TOKENS:
            break  # the next quotation starts: a cue after it is that one's
        if _is_speech_verb(token) and not _introduces_next_quote(token, after):
            if ended and any(t.text in _QUOTE_TOKENS for t in after if t.i > token.i):
                return None  # 'She described him as "..."': a new sentence with its own quote
            found = _from_verb(parsed, token, "after", 0.9, inside)
            if found.speaker_text:
                return found
    return None


def _introduces_next_quote(verb: Token, after: list[Token]) -> bool:
    """'..., further saying, "B"': the verb right before an opening mark belongs to quote B."""
    following = [t for t in after if t.i > verb.i][:3]
    for token in following:
        if token.text in _QUOTE_TOKENS:
            return True
        if not token.is_punct:
            return False
    return False


def _introduced(
    parsed: ParsedText, quote: QuoteSpan, inside: Quoted | range, close: int
) -> Attribution | None:
    """'X said, "..."' / 'X told reporters: "..."': a speech verb right before the opening mark."""
    located = parsed.sentence_at(quote.open_char) or parsed.sentence_at(quote.start_char)
    if located is None:
        return None
    before = [t for t in located[1] if parsed.char_of(t) < quote.open_char]
    if before and before[-1].text == ":":
        colon = _colon_clause(parsed, before[-1], inside)
        if colon is not None:
            return colon
    for token in reversed(before[-4:]):
        if _is_speech_verb(token):
            found = _from_verb(parsed, token, "introduced", 0.9, inside)
            return found if found.speaker_text else None
        if not (
            token.is_punct or token.dep_ in ("dobj", "dative", "prt", "advmod", "prep", "pobj")
        ):
            return None
    return None


def _before(
    parsed: ParsedText, quote: QuoteSpan, inside: Quoted | range, close: int
) -> Attribution | None:
    """'Totskiy said: "..."' / 'She described him as "..."': a speech verb before the mark."""
    located = parsed.sentence_at(quote.open_char) or parsed.sentence_at(quote.start_char)
    if located is None:
        return None
    _, sent = located
    before = [t for t in sent if parsed.char_of(t) < quote.open_char and _is_speech_verb(t)]
    for token in sorted(before, key=lambda t: (_depth(t), -t.i)):  # main clause first, then nearest
        found = _from_verb(parsed, token, "before", 0.8, inside)
        if found.speaker_text:
            return found
    return None


def _colon_clause(parsed: ParsedText, colon: Token, inside: Quoted | range) -> Attribution | None:
    """'President X opposed the plan: "..."': a clause ending in a colon, its subject a name."""
    verb = colon.head if colon.head.pos_ in ("VERB", "AUX") else colon.sent.root
    subject = _subject(verb, parsed, inside)
    if subject is None or not (_person_in(subject) or subject.ent_type_ in ("ORG", "GPE", "NORP")):
        return None
    if _is_speech_verb(verb):
        return _speaker(parsed, subject, "introduced", verb, 0.85)
    return _speaker(parsed, subject, "introduced", verb, 0.6)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _previous_sentence(
    parsed: ParsedText, quote: QuoteSpan, inside: Quoted | range, close: int
) -> Attribution | None:
    """A whole-sentence quotation after 'A spokesperson told the Times ...' in its paragraph."""
    # the sentence of the first quoted word: the opening mark may hang on the sentence before
    located = parsed.sentence_at(quote.start_char)
    if located is None:
        return None
    para, sent = located
    if sent.start == 0:
        return None
    previous = para.doc[sent.start - 1].sent
    if any(t.text in _QUOTE_TOKENS and parsed.char_of(t) != quote.open_char for t in previous):
        return None  # the sentence before has its own quotation; continuation is handled later
    verbs = [t for t in previous if _is_speech_verb(t)]
    for token in sorted(verbs, key=_depth):
        found = _from_verb(parsed, token, "previous_sentence", 0.5, inside)
        if found.speaker_text:
            return found
    return None


def _according_to(
    parsed: ParsedText, quote: QuoteSpan, inside: Quoted | range, close: int
) -> Attribution | None:
    located = parsed.sentence_at(quote.open_char)
    if located is None:
        return None
    for token in located[1]:
        if token.lower_ == "according" and _outside(parsed, token, inside):
            objects = [
                c
                for t in token.children
                if t.dep_ == "prep"
                for c in t.children
                if c.dep_ == "pobj"
            ]
            if objects:
                return _speaker(parsed, objects[0], "according_to", token, 0.75)
    return None


def _governing_verb(
    parsed: ParsedText, quote: QuoteSpan, inside: Quoted | range, close: int
) -> Attribution | None:
    """A quoted fragment inside a sentence ('talked of Munk's "countless discoveries"'): the
    subject of the nearest verb above the fragment that lies outside it."""
    token = parsed.token_at(quote.start_char)
    seen = 0
    while token is not None and seen < 12:
        if _is_speech_verb(token) and _outside(parsed, token, inside):
            subject = _subject(token, parsed, inside)
            if subject is not None:
                return _speaker(parsed, subject, "governing_verb", token, 0.6)
        if token.head.i == token.i:
            break
        token, seen = token.head, seen + 1
    return None


def _is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in speech_verbs()


def _subject(
    verb: Token, parsed: ParsedText | None = None, inside: Quoted | range = range(0)
) -> Token | None:
    """The verb's subject (outside quotations), or that of the verb it is coordinated with or
    depends on ('said, ... also observing, "..."')."""
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in SUBJECTS and (parsed is None or _outside(parsed, child, inside)):
                if child.tag_ in ("WDT", "WP") and current.dep_ == "relcl":
                    return current.head  # 'a statement, which said "..."': the noun it refers to
                return child
            if child.dep_ == "agent":
                objs = [
                    c
                    for c in child.children
                    if c.dep_ == "pobj" and (parsed is None or _outside(parsed, c, inside))
                ]
                if objs:
                    return objs[0]
        if (
            current.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp")
            and current.head.i != current.i
        ):
            current = current.head
            while (
                parsed is not None
                and not _outside(parsed, current, inside)
                and current.head.i != current.i
            ):
                current = current.head  # a verb inside a quotation never gives the speaker
        else:
            return None
    return None


def _from_verb(
    parsed: ParsedText, verb: Token, method: Method, confidence: float, inside: Quoted | range
) -> Attribution:
    """The speaker of a speech verb: its subject, or the name right after it ('said X')."""
    subject = _inverted_subject(parsed, verb, inside) if method == "after" else None
    if subject is None:
        subject = _subject(verb, parsed, inside)  # words inside quotations never count
    if subject is None:
        return Attribution(
            method, verb.lemma_.lower(), parsed.char_of(verb), confidence=confidence / 3
        )
    return _speaker(parsed, subject, method, verb, confidence)


def _inverted_subject(parsed: ParsedText, verb: Token, inside: Quoted | range) -> Token | None:
    """'... ," tweeted former executive Ken Gude': a person named after the verb, else its
    subject when that follows it, else None."""
    if any(
        c.dep_ in SUBJECTS and c.i < verb.i and _outside(parsed, c, inside) for c in verb.children
    ):
        return None  # '"...," he said': the subject comes first, not inverted
    tail = []
    for token in verb.doc[verb.i + 1 : verb.sent.end]:
        if token.text in _QUOTE_TOKENS or not _outside(parsed, token, inside):
            break
        tail.append(token)
    people = [t for t in tail if t.ent_type_ == "PERSON" or _appositive_name(t)]
    if people:
        return _entity_root(people[0])
    nouns = [
        t for t in tail if t.dep_ in (*SUBJECTS, "dobj", "attr") or t.pos_ in ("PROPN", "PRON")
    ]
    return nouns[0] if nouns else None


def _appositive_name(token: Token) -> bool:
    """A proper name in apposition to a role noun ('its chancellor, Pradeep Khosla', "Niger's
    president Mahamadou Issoufou"), which the statistical NER often leaves untagged."""
    if token.pos_ != "PROPN" or token.ent_type_ in ("GPE", "NORP", "ORG"):
        return False
    if token.dep_ == "appos" and token.head.pos_ == "NOUN":
        return True
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return (
        previous is not None
        and previous.pos_ == "NOUN"
        and previous.lemma_.lower() in title_nouns()
    )


def _entity_root(token: Token) -> Token:
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return ent.root if ent is not None else token


def speaker_phrase(token: Token) -> Span:
    """The words naming a speaker around its head: entity, titles and appositions on the left."""
    doc = token.doc
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        start = ent.start if ent is not None else token.i
        end = ent.end if ent is not None else token.i + 1
    else:
        start, end = token.i, token.i + 1
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "poss", "det", "nmod", "flat")]
    if left:
        start = min(start, min(c.left_edge.i for c in left))
    right = [c for c in token.rights if c.dep_ in ("prep", "appos", "flat", "compound")]
    if right and token.ent_type_ != "PERSON":
        end = max(end, max(c.right_edge.i for c in right) + 1)
    return doc[start:end]


def _person_in(head: Token) -> Token | None:
    """A PERSON inside a subject ('A student named Wong', 'its chancellor, Pradeep Khosla')."""
    if head.ent_type_ == "PERSON":
        return head
    for token in head.subtree:
        if (token.ent_type_ == "PERSON" and token.dep_ != "poss") or _appositive_name(token):
            return _entity_root(token)
    return None


def _speaker(
    parsed: ParsedText, head: Token, method: Method, verb: Token, confidence: float
) -> Attribution:
    head = _person_in(head) or head
    phrase = speaker_phrase(head)
    start, end = parsed.span_chars(phrase)
    return Attribution(
        method=method,
        verb=verb.lemma_.lower() if verb.lower_ != "according" else "according to",
        verb_char=parsed.char_of(verb),
        speaker_start_char=start,
        speaker_end_char=end,
        speaker_text=phrase.text,
        pronoun=head.lower_ in _PRONOUNS or head.pos_ == "PRON",
        confidence=confidence,
        speaker_span=phrase,
    )
