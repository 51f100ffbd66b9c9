"""Resolve the speaker words of a quotation to a person (full name) and the actor they speak for."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from analysis.nlp.attribution import Attribution
from analysis.nlp.lexicon import document_nouns
from analysis.nlp.people import People, Person, actor_from_description, context_tokens, describe

_PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
# Offices named by a bare title noun, most specific first, and their gazetteer roles.
_OFFICE_ROLES = (
    ("vice president", "vice_president"),
    ("head of state", "head_of_state"),
    ("head of government", "head_of_government"),
    ("prime minister", "head_of_government"),
    ("premier", "head_of_government"),
    ("chancellor", "head_of_government"),
    ("foreign minister", "foreign_minister"),
    ("minister of foreign affairs", "foreign_minister"),
    ("president", "head_of_state"),
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the name to show, the actor code (or None) and how sure we are."""

    name: str | None
    actor: str | None
    confidence: float
    person: Person | None = None


NOBODY = Speaker(None, None, 0.0)


class SpeakerResolver:
    """Resolves speakers within one document; remembers the last speaker for 'he said'."""

    def __init__(self, people: People, *, date: str | None, voice: str | None) -> None:
        self.people = people
        self.date = date
        self.voice = voice
        self.last: tuple[int, Person] | None = None

    def resolve(self, att: Attribution, at_char: int) -> Speaker:
        """The speaker of an attribution made at `at_char` (the quote's opening mark)."""
        span = att.speaker_span
        if span is None or att.speaker_text is None:
            return NOBODY
        if att.pronoun:
            person = self._antecedent(span.root.lower_, at_char)
            return self._person(person, att.confidence * 0.9) if person else NOBODY
        # a person named in the speaker words; the NER also tags surnames NORP or ORG
        # ('explained Edelman'), so any proper name that is no actor's name is tried too
        names = [e.text for e in span.ents if e.label_ == "PERSON"]
        if span.root.pos_ == "PROPN" and self.people.gaz.actor_for(span.text) is None:
            names += [e.text for e in span.ents] + [span.text]
        elif span.root.pos_ == "PROPN" and (named := self.people.by_surname(span.text)):
            # 'Monaco said' after 'Lisa Monaco': a surname that is also a place speaks as a person
            return self._person(named, att.confidence)
        for name in names:
            person = self.people.find(name.replace("'s", "").strip())
            if person is not None:
                return self._person(person, att.confidence)
        desc = describe(context_tokens(span) + list(span), self.people.gaz)
        if span.root.lemma_.lower() in document_nouns():
            return self._document_author(span.root.lemma_.lower(), at_char, att.confidence * 0.8)
        head_title = span.root.lemma_.lower()
        if head_title in desc.titles and desc.affiliations in ((), (self.voice,)):
            # a document in a state's voice calls its own leader "the President" (or "the
            # President of Ukraine"): the voice's office holder at that date comes before others
            # introduced with the same title
            own = self._voice_office_holder(span)
            if own is not None:
                return self._person(own, att.confidence * 0.85)
            person = self.people.by_title(head_title, at_char)
            if person is not None:
                return self._person(person, att.confidence * 0.85)
        if span.root.pos_ == "NOUN" and any(t.lower_ == "the" for t in span.root.lefts):
            # 'the judge', 'the company': whoever the text introduced with that noun
            person = self.people.by_role(head_title, at_char)
            if person is not None:
                return self._person(person, att.confidence * 0.8)
        actor = (
            self.people.gaz.actor_for(span.text)
            or self._official_actor(att.speaker_text)
            or actor_from_description(
                desc.titles, desc.affiliations, desc.not_in_office, self.voice
            )
        )
        return Speaker(att.speaker_text, actor, att.confidence * 0.8)

    def _official_actor(self, name: str) -> str | None:
        """The actor of an official in office at the document's date, by full name or, for a
        lone surname, by surname (a name the NER did not tag as a person)."""
        gaz = self.people.gaz
        found = gaz.official(name, self.date)
        if found is None and len(name.split()) == 1:
            found = gaz.official_by_surname(name, self.date)
        return found[0] if found else None

    def _voice_office_holder(self, span: Span) -> Person | None:
        """'the President' / 'the Prime Minister' / 'the Foreign Minister' in a voice document."""
        if self.voice is None:
            return None
        head = span.root  # the office is the head noun with its own modifiers, not an 'of' phrase
        words = (
            " ".join(t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod"))
            + " "
            + head.lower_
        )
        phrase = " ".join(t.lower_ for t in span if t.dep_ != "det")  # 'the Head of State'
        if any(w in ("deputy", "acting", "former") for w in words.split()):
            return None  # 'the Deputy Prime Minister' is not the head of government
        role = next(
            (r for key, r in _OFFICE_ROLES if words.strip().endswith(key) or phrase == key), None
        )
        if role is None:
            return None
        holder = self.people.gaz.office_holder(self.voice, role, self.date)
        if holder is None:
            return None
        for name in (holder.name, *holder.aliases):  # the document's own spelling, if it has one
            if (person := self.people.find(name)) is not None:
                return person
        return self.people.add_known(holder.name, span)

    def _document_author(self, noun: str, at_char: int, confidence: float) -> Speaker:
        """'The statement read': whoever issued it, else the last person named as a subject."""
        author = self.people.author_of(noun, at_char)
        if author is not None:
            person = self.people.find(author)
            if person is not None:
                return self._person(person, confidence)
            return Speaker(author, self.people.gaz.actor_for(author), confidence)
        person = self.people.last_subject(at_char, within=3)
        return self._person(person, confidence) if person else NOBODY

    def _antecedent(self, pronoun: str, before: int) -> Person | None:
        """'he'/'she': the more recent of the last speaker and the last person named as subject."""
        if pronoun not in _PERSONAL_PRONOUNS:
            return None
        subject = self.people.last_subject(before)
        if self.last is None:
            return subject
        last_char, last_person = self.last
        if subject is None:
            return last_person
        subject_char = max((m for m in subject.mentions if m < before), default=-1)
        return subject if subject_char > last_char else last_person

    def _person(self, person: Person, confidence: float) -> Speaker:
        actor = self.people.actor_of(person, self.date, self.voice)
        return Speaker(person.name, actor, confidence, person)

    def spoke(self, speaker: Speaker, at_char: int) -> None:
        """Remember the latest person who spoke, for a later 'he said'."""
        if speaker.person is not None:
            self.last = (at_char, speaker.person)
