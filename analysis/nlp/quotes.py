"""Quotations of one document: marks -> attribution -> continuation -> speaker -> Quote records.

The chain follows citron's cue/content/source stages: quotemarks finds content, attribution finds
the cue (speech verb) and source words from the parse, speakers resolves the source to a person and
an actor. Indirect speech ("X said that ...") is found from speech verbs with a clausal complement.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from analysis.nlp.attribution import NONE, Attribution, Quoted, attribute, speaker_phrase
from analysis.nlp.lexicon import not_speakers, speech_verbs
from analysis.nlp.parsed import ParsedText
from analysis.nlp.people import People
from analysis.nlp.quotemarks import QuoteSpan, find_quote_spans, looks_like_title, word_count
from analysis.nlp.speakers import SpeakerResolver
from analysis.records import Quote

MIN_WORDS = 4
MAX_GAP_WORDS = 14  # '"A," he said on Tuesday in Brussels. "B."': B continues A across this gap
_GAP_WORD = re.compile(r"\w+")
_INDIRECT_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "note",
        "add",
        "claim",
        "argue",
        "insist",
        "warn",
        "stress",
        "emphasize",
        "emphasise",
        "announce",
        "declare",
        "explain",
        "assert",
        "reiterate",
        "confirm",
        "deny",
        "report",
    }
)


def extract_quotes(
    article_id: str, parsed: ParsedText, people: People, *, date: str | None, voice: str | None
) -> list[Quote]:
    """Direct quotations with speakers, then indirect speech outside them."""
    all_spans = find_quote_spans(parsed.text)
    quoted = Quoted(all_spans)
    candidates = [s for s in all_spans if not looks_like_title(s.text(parsed.text))]
    attributed = [(s, attribute(parsed, s, quoted)) for s in candidates]
    merged = [
        (s, a)
        for s, a in _merge_continuations(parsed.text, _merge_interrupted(attributed))
        if word_count(parsed.text[s.start_char : s.end_char]) >= MIN_WORDS
    ]
    resolver = SpeakerResolver(people, date=date, voice=voice)
    quotes: list[Quote] = []
    for span, att in merged:
        speaker = resolver.resolve(att, span.open_char)
        if att.method == "none" or _names_a_title(att):
            continue  # words in marks attributed to no one, or a named theme, are no quotation
        resolver.spoke(speaker, span.open_char)
        quotes.append(
            Quote(
                article_id=article_id,
                quote_id=f"{article_id}#q{len(quotes) + 1}",
                kind="direct",
                start_char=span.start_char,
                end_char=span.end_char,
                text=parsed.text[span.start_char : span.end_char],
                speaker=speaker.name,
                speaker_mention=att.speaker_text,
                speaker_start_char=att.speaker_start_char,
                speaker_end_char=att.speaker_end_char,
                actor=speaker.actor,
                verb=att.verb,
                method=att.method,
                confidence=round(min(att.confidence, speaker.confidence or att.confidence), 3),
            )
        )
    quotes += _indirect(article_id, parsed, quoted, resolver, start_number=len(quotes) + 1)
    return quotes


def _names_a_title(att: Attribution) -> bool:
    """'The theme of this year's Assembly is "..."': the 'speaker' is a title-bearing noun."""
    span = att.speaker_span
    return span is not None and span.root.lemma_.lower() in not_speakers()


def _merge_interrupted(
    attributed: list[tuple[QuoteSpan, Attribution]],
) -> list[tuple[QuoteSpan, Attribution]]:
    """'"A," he said, "B."' and '"We stand ready" tweeted Johnson "to provide ..."': two marked
    parts attributed to the same speech verb are one quotation."""
    out: list[tuple[QuoteSpan, Attribution]] = []
    for span, att in attributed:
        prev_span, prev_att = out[-1] if out else (None, None)
        gap = range(prev_span.end_char, span.open_char) if prev_span is not None else range(0)
        if (
            prev_att is not None
            and prev_span is not None
            and att.verb_char is not None
            and (prev_att.verb_char == att.verb_char and att.verb_char in gap)
        ):
            out[-1] = (_joined(prev_span, span), prev_att)
            continue
        out.append((span, att))
    return out


def _joined(first: QuoteSpan, second: QuoteSpan) -> QuoteSpan:
    """One quotation from two marked parts: from the first's opening to the second's close."""
    return QuoteSpan(first.start_char, second.end_char, first.open_char, second.close_char, True)


def _merge_continuations(
    text: str, attributed: list[tuple[QuoteSpan, Attribution]]
) -> list[tuple[QuoteSpan, Attribution]]:
    """'"A," he said. "B."' where B has no attribution of its own: one quotation, A's speaker."""
    out: list[tuple[QuoteSpan, Attribution]] = []
    for span, att in attributed:
        if att.method == "none" and out and out[-1][1].method != "none":
            prev_span, prev_att = out[-1]
            gap_start = (
                prev_span.close_char if prev_span.close_char is not None else prev_span.end_char
            )
            gap = text[gap_start + 1 : span.open_char]
            if "\n\n" not in gap and len(_GAP_WORD.findall(gap)) <= MAX_GAP_WORDS:
                out[-1] = (_joined(prev_span, span), prev_att)
                continue
        out.append((span, att))
    return out


def _indirect(
    article_id: str,
    parsed: ParsedText,
    quoted: Quoted,
    resolver: SpeakerResolver,
    start_number: int,
) -> list[Quote]:
    """'Totskiy said neither does any other country ...': a speech verb's clausal complement."""
    found: list[Quote] = []
    for para in parsed.paragraphs:
        for token in para.doc:
            clause = _reported_clause(token)
            if clause is None:
                continue
            start, end = parsed.span_chars(para.doc[clause[0] : clause[1]])
            if any(c in quoted for c in (start, end - 1)):
                continue
            att = _indirect_attribution(parsed, token)
            if att is NONE:
                continue
            speaker = resolver.resolve(att, parsed.char_of(token))
            found.append(
                Quote(
                    article_id=article_id,
                    quote_id=f"{article_id}#q{start_number + len(found)}",
                    kind="indirect",
                    start_char=start,
                    end_char=end,
                    text=parsed.text[start:end],
                    speaker=speaker.name,
                    speaker_mention=att.speaker_text,
                    speaker_start_char=att.speaker_start_char,
                    speaker_end_char=att.speaker_end_char,
                    actor=speaker.actor,
                    verb=att.verb,
                    method="indirect",
                    confidence=round(att.confidence * 0.8, 3),
                )
            )
    return found


def _reported_clause(token: Token) -> tuple[int, int] | None:
    """Token range of the clause a speech verb reports, when it has a subject and enough words."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _INDIRECT_VERBS:
        return None
    if token.lemma_.lower() not in speech_verbs():
        return None
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if not clauses or not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return None
    clause = clauses[0]
    words = [t for t in clause.subtree if not t.is_punct]
    if len(words) < MIN_WORDS or any(t.text in '"\u201c\u201d' for t in clause.subtree):
        return None
    return clause.left_edge.i, clause.right_edge.i + 1


def _indirect_attribution(parsed: ParsedText, verb: Token) -> Attribution:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return NONE
    phrase = speaker_phrase(subject)
    start, end = parsed.span_chars(phrase)
    return Attribution(
        method="after",
        verb=verb.lemma_.lower(),
        verb_char=parsed.char_of(verb),
        speaker_start_char=start,
        speaker_end_char=end,
        speaker_text=phrase.text,
        pronoun=subject.pos_ == "PRON",
        confidence=0.7,
        speaker_span=phrase,
    )
