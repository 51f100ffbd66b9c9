"""Which paragraphs need which spaCy components: a cheap screen on the tokenizer's output.

Every later stage reads the parse only in some paragraphs: stances and their anaphora only where a
concept phrase is, quotations only around quotation marks and speech verbs, relations only at a
relation verb, people (titles, affiliations, subjects) only around PERSON entities, document
authors only at a document noun, meeting participants only in the first paragraph. Everywhere
else only the entity mentions count, and the NER of en_core_web_sm has its own tok2vec, so it
runs alone. A paragraph gets one of three treatments:

    full  every component (the first paragraph, quotation marks, a cue word, a concept phrase,
          a PERSON entity, a NORP/ORG entity that may be a misread surname)
    ner   the NER only: entity mentions, nothing analysis reads from tags or the parse
    skip  the tokenizer only: no capitalised word (but sentence-initial function words), no
          gazetteer name, nothing of the above: no stage can find anything in it

Words are screened by every lemma the rule lemmatizer could give them under any part of speech
(a superset of the lemma the tagger will choose), so no lemma-matched phrase or cue is missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc

from analysis.concepts import Concept, load_catalogue
from analysis.gazetteer import Gazetteer, default_gazetteer
from analysis.nlp.cues import cue_lexicon
from analysis.nlp.lexicon import document_nouns, relation_verbs, speech_verbs
from analysis.nlp.namematch import gazetteer_matchers
from analysis.nlp.parsed import Treatment
from analysis.nlp.quotemarks import CLOSERS, OPENERS, STRAIGHT
from analysis.nlp.terms import ConceptIndex

PhraseLemmas = tuple[tuple[str, ...], int, str]  # lemmas, orientation, phrase
NER_ONLY = ("ner",)
_QUOTE_MARKS = re.compile("[" + re.escape(OPENERS + CLOSERS + STRAIGHT) + "]")
_SENTENCE_END = frozenset({".", "!", "?", ":", ";", "(", "[", "-", "\u2014", "\u2013"})
_POS = ("noun", "verb", "adj", "adv")
_PERSON_LIKE = frozenset({"NORP", "ORG"})  # people.py reads a surname the NER tagged NORP/ORG


@dataclass
class Screen:
    """The words and phrases that call for a full parse, for one pipeline and concept set."""

    nlp: Language
    gaz: Gazetteer
    index: ConceptIndex
    verbs: frozenset[str]  # speech verbs (quotes, indirect speech) and relation verbs
    nouns: frozenset[str]  # document nouns whose author speaks (speakers.author_of)
    context_words: frozenset[str]
    lemma_phrases: dict[str, list[PhraseLemmas]]  # by first lemma
    hostile: frozenset[str]
    _lemmas: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        nlp: Language,
        concepts: Sequence[Concept],
        gaz: Gazetteer | None = None,
        *,
        index: ConceptIndex | None = None,
    ) -> Screen:
        """A screen for this pipeline, these concepts (their index, if built) and gazetteer."""
        index = index or ConceptIndex(nlp, concepts)
        # stance cues are not here: a stance needs a concept phrase in its paragraph
        verbs = speech_verbs() | relation_verbs()
        context = {w.casefold() for c in concepts for w in c.context}
        return cls(
            nlp,
            gaz or default_gazetteer(),
            index,
            verbs,
            document_nouns(),
            frozenset(context),
            _phrase_lemmas(nlp, concepts),
            cue_lexicon().hostile,
        )

    def lemmas(self, word: str) -> frozenset[str]:
        """Every lemma the pipeline could give this word, under any part of speech."""
        found = self._lemmas.get(word)
        if found is None:
            found = _candidate_lemmas(self.nlp, word)
            self._lemmas[word] = found
        return found

    def before_ner(self, docs: Sequence[Doc]) -> list[Treatment]:
        """The treatment of each paragraph of one text from its words ('ner' may become 'full'
        once the entities are known: see after_ner). Cheap tests first: most paragraphs of
        news and speeches need the full parse, and the screen must cost less than it saves."""
        words = [self._words(doc) for doc in docs]
        concept: dict[int, bool] = {}

        def has_concept(i: int) -> bool:
            if i not in concept:
                concept[i] = self._has_concept(docs[i], words[i])
            return concept[i]

        plan: list[Treatment] = []
        for i, doc in enumerate(docs):
            if (
                i == 0
                or _QUOTE_MARKS.search(doc.text)
                or not self.nouns.isdisjoint(words[i])
                or (not self.verbs.isdisjoint(words[i]) and self._has_verb(doc))
                or has_concept(i)
                # stance.py reads the lemmas of the paragraph before a concept phrase as context
                or (
                    i + 1 < len(docs)
                    and self._context_by_lemma(doc, words[i])
                    and has_concept(i + 1)
                )
            ):
                plan.append("full")
            elif self._may_name(doc):
                plan.append("ner")
            else:
                plan.append("skip")
        return plan

    def after_ner(self, doc: Doc) -> Treatment:
        """'full' when the NER found a person (people.py reads titles and subjects around it)."""
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                return "full"
            if (
                ent.label_ in _PERSON_LIKE
                and len(ent) <= 2
                and self.gaz.actor_for(ent.text) is None
            ):
                return "full"
        return "ner"

    def _words(self, doc: Doc) -> set[str]:
        """Every lemma any word of the paragraph may have."""
        strings = doc.vocab.strings
        found: set[str] = set()
        for key in set(doc.to_array(LOWER).tolist()):
            found |= self.lemmas(strings[key])
        return found

    def _has_verb(self, doc: Doc) -> bool:
        """A speech or relation verb: a capitalised word inside a sentence is a name ('the
        United States', 'the Support Group'), not a verb."""
        return any(
            not self.verbs.isdisjoint(self.lemmas(token.lower_))
            for token in doc
            if token.is_lower or _initial(doc, token.i)
        )

    def _has_concept(self, doc: Doc, words: set[str]) -> bool:
        """A concept phrase that can take a side here: a pro/anti phrase, or a topic phrase that
        names an actor or follows a hostile noun (stance_chain.side_of drops any other topic)."""
        hostile = not self.hostile.isdisjoint(words)
        for match in self.index.matches(doc, extra_context=set(self.context_words)):
            if match.orientation != 0 or hostile or self.gaz.actor_for(match.text) is not None:
                return True
        for word in words:  # phrases the lemma matcher may find ('impose sanction')
            for lemmas, orientation, phrase in self.lemma_phrases.get(word, ()):
                if not words.issuperset(lemmas):
                    continue
                if orientation != 0 or hostile or self._may_be_actor(doc, phrase):
                    return True
        return False

    def _may_be_actor(self, doc: Doc, phrase: str) -> bool:
        """A topic phrase found by its lemmas may be an actor's name in an inflected form."""
        if self.gaz.actor_for(phrase) is not None:
            return True
        exact, lower = gazetteer_matchers(doc.vocab, self.gaz)
        return bool(exact(doc) or lower(doc))

    def _context_by_lemma(self, doc: Doc, words: set[str]) -> bool:
        """A context word only a lemma of this paragraph gives (norms need no parse)."""
        return not (self.context_words & words).issubset({t.norm_ for t in doc})

    def _may_name(self, doc: Doc) -> bool:
        """Could the NER or the gazetteer find a name here: a capitalised word that is not a
        sentence-initial stop word, or any gazetteer name."""
        stop_words = self.nlp.Defaults.stop_words
        for token in doc:
            if not any(ch.isupper() for ch in token.text):
                continue
            if not (_initial(doc, token.i) and token.lower_ in stop_words):
                return True
        exact, lower = gazetteer_matchers(doc.vocab, self.gaz)
        return bool(exact(doc) or lower(doc))


def _initial(doc: Doc, i: int) -> bool:
    """The first word of a sentence, as far as the tokenizer can tell."""
    return i == 0 or doc[i - 1].text in _SENTENCE_END or doc[i - 1].is_quote


@cache
def default_screen(nlp: Language) -> Screen:
    """The screen for the concept catalogue and the default gazetteer, built once per pipeline."""
    return Screen.build(nlp, load_catalogue())


_SCREENS: dict[tuple[int, int, str], Screen] = {}
MAX_SCREENS = 8


def screen_for(nlp: Language, index: ConceptIndex, gaz: Gazetteer) -> Screen:
    """The screen for a concept index (user-defined concepts included) and gazetteer; the last
    few are kept, so repeated builds with the same concepts do not lemmatise the phrases again."""
    concepts = list(index.concepts.values())
    key = (id(nlp), id(gaz), repr(concepts))
    found = _SCREENS.get(key)
    if found is None or found.nlp is not nlp or found.gaz is not gaz:
        found = Screen.build(nlp, concepts, gaz, index=index)
        if len(_SCREENS) >= MAX_SCREENS:
            _SCREENS.pop(next(iter(_SCREENS)))
        _SCREENS[key] = found
    return found


def _candidate_lemmas(nlp: Language, word: str) -> frozenset[str]:
    """The word, the lemmas its exceptions and suffix rules give under each part of speech, and
    the attribute ruler's lemma exceptions ('us' -> 'we')."""
    found = {word}
    if nlp.has_pipe("lemmatizer"):
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        rules = lookups.get_table("lemma_rules", {})
        exceptions = lookups.get_table("lemma_exc", {})
        for pos in _POS:
            found.update(exceptions.get(pos, {}).get(word, ()))
            for old, new in rules.get(pos, ()):
                if word.endswith(old) and len(word) > len(old):
                    found.add(word[: len(word) - len(old)] + new)
    found.update(_ruler_lemmas(nlp).get(word, ()))
    return frozenset(w.lower() for w in found)


@cache
def _ruler_lemmas(nlp: Language) -> dict[str, set[str]]:
    if not nlp.has_pipe("attribute_ruler"):
        return {}
    by_word: dict[str, set[str]] = {}
    for entry in nlp.get_pipe("attribute_ruler").patterns:  # type: ignore[attr-defined]
        lemma = entry["attrs"].get("LEMMA")
        for pattern in entry["patterns"]:
            for token in pattern:
                if lemma and isinstance(token.get("LOWER"), str):
                    by_word.setdefault(token["LOWER"], set()).add(lemma)
    return by_word


def _phrase_lemmas(nlp: Language, concepts: Iterable[Concept]) -> dict[str, list[PhraseLemmas]]:
    """The lemmas and orientation of every concept phrase (the first orientation listed wins, as
    in terms.py), by first lemma."""
    phrases: dict[str, int] = {}
    for c in concepts:
        for orientation, group in ((1, c.pro), (-1, c.anti), (0, (*c.topic, *c.keywords))):
            for phrase in group:
                key = phrase.replace("\u2019", "'")
                if not phrases.get(key):  # a side in any concept counts
                    phrases[key] = orientation
    if not nlp.has_pipe("lemmatizer"):
        return {}
    enabled = [p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer") if nlp.has_pipe(p)]
    by_first: dict[str, list[PhraseLemmas]] = {}
    with nlp.select_pipes(enable=enabled):
        for (phrase, orientation), doc in zip(phrases.items(), nlp.pipe(phrases), strict=True):
            lemmas = tuple(t.lemma_.lower() for t in doc)
            if lemmas:
                by_first.setdefault(lemmas[0], []).append((lemmas, orientation, phrase))
    return by_first
