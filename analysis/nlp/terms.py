"""Find catalogue concepts in a parsed paragraph, each match with its orientation.

A phrase is matched on its normalised form (NORM: lower case, curly apostrophes and some spelling
variants folded) and, when the pipeline has a lemmatizer, on lemmas too ("sanctions imposed" ->
"impose sanction"). Abbreviations match case-sensitively. A phrase listed in `needs_context`
counts only when one of the concept's context words is in the same paragraph; a longer
`exclude` phrase ("slave trade") cancels a match it overlaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from analysis.concepts import Concept

Orientation = Literal[1, -1, 0]  # pro, anti, topic


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A concept phrase in a paragraph Doc: token range, orientation and, if loaded, its side."""

    concept: str
    orientation: Orientation
    start: int
    end: int
    text: str
    loaded: int | None = None
    anaphoric: bool = False  # 'it', 'the plan' standing for an earlier phrase


class ConceptIndex:
    """Phrase matchers for every concept's terms, built once per pipeline."""

    def __init__(self, nlp: Language, concepts: Sequence[Concept]) -> None:
        self.concepts = {c.id: c for c in concepts}
        self._entries: dict[
            str, tuple[str, Orientation, str]
        ] = {}  # key -> (concept, orientation, phrase)
        self._context = {c.id: {w.casefold() for w in c.context} for c in concepts}
        self._needs_context = {
            c.id: {p.casefold() for p in c.extra.get("needs_context", ())} for c in concepts
        }
        self._loaded = {
            c.id: {k.casefold(): int(v) for k, v in c.extra.get("loaded", {}).items()}
            for c in concepts
        }
        self.norm = PhraseMatcher(nlp.vocab, attr="NORM")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA") if nlp.has_pipe("lemmatizer") else None
        self.exclude = PhraseMatcher(nlp.vocab, attr="NORM")
        phrases: list[tuple[str, str, Orientation]] = []
        for c in concepts:
            for orientation, group in ((1, c.pro), (-1, c.anti), (0, (*c.topic, *c.keywords))):
                phrases += [(c.id, p, orientation) for p in group]  # type: ignore[misc]
            for abbreviation in c.abbreviations:
                key = f"{c.id}|abbr|{abbreviation}"
                self._entries[key] = (c.id, 0, abbreviation)
                self.exact.add(key, [nlp.make_doc(abbreviation)])
            for excluded in c.extra.get("exclude", ()):
                self.exclude.add(f"{c.id}|exclude", [nlp.make_doc(excluded)])
        seen: set[tuple[str, str]] = set()
        texts = []
        for concept, phrase, orientation in phrases:
            if (concept, phrase.casefold()) in seen:
                continue  # the first orientation listed wins (pro/anti before topic)
            seen.add((concept, phrase.casefold()))
            key = f"{concept}|{len(self._entries)}"
            self._entries[key] = (concept, orientation, phrase.casefold())
            texts.append((key, phrase.replace("\u2019", "'")))
        for key, text in texts:
            self.norm.add(key, [nlp.make_doc(text)])
        if self.lemma is not None:
            lemma_pipes = [
                p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer") if nlp.has_pipe(p)
            ]
            with nlp.select_pipes(enable=lemma_pipes):
                for (key, _), doc in zip(texts, nlp.pipe(t for _, t in texts), strict=True):
                    self.lemma.add(key, [doc])  # 'tariff' for 'tariffs', 'sanction' for 'sanctions'

    def matches(self, doc: Doc, extra_context: set[str] | None = None) -> list[TermMatch]:
        """Every concept phrase in the Doc (a paragraph), longest first where they overlap;
        `extra_context` adds words (of the paragraph before) that satisfy context needs."""
        strings = doc.vocab.strings
        found = [*self.norm(doc), *self.exact(doc), *(self.lemma(doc) if self.lemma else [])]
        excluded = {
            (strings[m].split("|")[0], i) for m, s, e in self.exclude(doc) for i in range(s, e)
        }
        words = {t.norm_ for t in doc} | {t.lemma_.lower() for t in doc} | (extra_context or set())
        result: dict[tuple[str, int], TermMatch] = {}
        for match_id, start, end in sorted(found, key=lambda m: (m[1], -(m[2] - m[1]))):
            concept, orientation, phrase = self._entries[strings[match_id]]
            if any((concept, i) in excluded for i in range(start, end)):
                continue
            if phrase in self._needs_context[concept] and not (self._context[concept] & words):
                continue
            if any((concept, i) in result for i in range(start, end)):
                continue  # a longer phrase of the same concept already covers these tokens
            match = TermMatch(
                concept,
                orientation,
                start,
                end,
                doc[start:end].text,
                self._loaded[concept].get(phrase),
            )
            for i in range(start, end):
                result[(concept, i)] = match
        return sorted(set(result.values()), key=lambda m: (m.start, m.concept))
