"""The people of one document: full names, the titles and affiliations they were introduced with,
and the actor each speaks for at the document's date."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from analysis.gazetteer import Gazetteer
from analysis.nlp.lexicon import title_nouns
from analysis.nlp.parsed import ParsedText

# Words saying a person does not (or not yet) hold the office named: they speak for no state.
_NOT_IN_OFFICE = {
    "former", "ex", "late", "opposition", "exiled", "rebel", "dissident", "candidate",
    "candidates", "nominee", "hopeful", "challenger", "contender", "elect", "designate",
    "frontrunner", "would-be",
}  # fmt: skip
_AFFILIATION_LABELS = ("GPE", "NORP", "ORG", "FAC")
_ISSUING = {
    "send",
    "issue",
    "release",
    "publish",
    "post",
    "write",
    "sign",
    "deliver",
    "adopt",
    "make",
}


ActorLookup = Gazetteer  # what people resolution needs of the gazetteer


@dataclass
class Person:
    """A person of the document: the fullest name seen, titles, affiliations, where first named."""

    name: str
    first_char: int
    titles: set[str] = field(default_factory=set)
    primary_titles: set[str] = field(default_factory=set)
    affiliations: list[str] = field(default_factory=list)
    not_in_office: bool = False
    mentions: list[int] = field(default_factory=list)  # char offsets of every mention

    @property
    def surname(self) -> str:
        return self.name.split()[-1].casefold()


@dataclass(frozen=True, slots=True)
class Description:
    """Titles and affiliations read off the words around a name or a role noun."""

    titles: frozenset[str]
    affiliations: tuple[str, ...]
    not_in_office: bool


def describe(tokens: list[Token], gaz: ActorLookup) -> Description:
    """Title nouns, actor codes of named places/peoples/organisations, and 'former'-like words."""
    titles = {t.lemma_.lower() for t in tokens if t.lemma_.lower() in title_nouns()}
    titles |= {t.lower_ for t in tokens if t.lower_ in title_nouns()}
    affiliations: list[str] = []
    seen: set[int] = set()
    for token in tokens:
        if token.i in seen or not (token.ent_type_ in _AFFILIATION_LABELS or token.pos_ == "PROPN"):
            continue
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        text = ent.text if ent is not None else token.text
        seen.update(range(ent.start, ent.end) if ent is not None else [token.i])
        code = gaz.actor_for(text)
        if code is None and ent is not None and len(ent) > 1:  # 'Bulgaria Petkov' tagged ORG
            code = next(
                (c for k in range(len(ent) - 1, 0, -1) if (c := gaz.actor_for(ent[:k].text))),
                None,
            )
        if code and code not in affiliations:
            affiliations.append(code)
    not_in_office = any(t.lower_.strip("-") in _NOT_IN_OFFICE for t in tokens)
    return Description(frozenset(titles), tuple(affiliations), not_in_office)


_LINKS = {"of", "to", "for", "the", "'s", "\u2019s", "and", "-", "on", "at", "in"}
MAX_RUN = 20  # long offices: "Deputy Prime Minister - Minister for Reintegration of the ..."


def _title_word(token: Token) -> bool:
    """A word that can be part of an official title phrase before a name."""
    if token.lower_ in _LINKS or token.lemma_.lower() in title_nouns():
        return True
    if token.ent_type_ in _AFFILIATION_LABELS or token.lower_.strip("-") in _NOT_IN_OFFICE:
        return True
    return token.pos_ in ("PROPN", "ADJ", "NOUN") and token.text[:1].isupper()


def context_tokens(span: Span | Token) -> list[Token]:
    """The title phrase introducing a name: the run of title words right before it ('U.S. Under
    Secretary of Defense'), 'of Israel' right after it, and an apposition on either side
    ("Iran's foreign minister, X" / "X, Iran's foreign minister,")."""
    doc = span.doc
    start = span.start if isinstance(span, Span) else span.i
    end = span.end if isinstance(span, Span) else span.i + 1
    sent = doc[start].sent
    left = _run_left(doc, start, sent.start)
    if not any(_is_title(t) for t in left) and start >= 2 and doc[start - 1].text == ",":
        left = _run_left(doc, start - 1, sent.start)  # "Iran's foreign minister, X"
        if left and left[0].i > sent.start and doc[left[0].i - 1].ent_type_ == "PERSON":
            left = []  # 'Prime Minister Mette Frederiksen, Ihor Zhovkva ...': her title
    right: list[Token] = []
    if end + 1 < sent.end and doc[end].lower_ == "of" and doc[end + 1].ent_type_ in ("GPE", "ORG"):
        right = [doc[end], doc[end + 1]]  # "President Isaac Herzog of Israel"
    elif end < sent.end and doc[end].text == ",":
        run = _run_right(doc, end + 1, sent.end)
        if any(_is_title(t) for t in run):
            right = run  # "X, Iran's foreign minister,"
    return left + right


def _is_title(token: Token) -> bool:
    return token.lemma_.lower() in title_nouns() or token.lower_ in title_nouns()


def _run_left(doc: Span | object, start: int, floor: int) -> list[Token]:
    """The title phrase right before a name; once a title noun is in it, lower-case words of the
    office join too ('AU trade and industry commissioner', 'national security adviser')."""
    run: list[Token] = []
    i = start - 1
    while i >= floor and len(run) < MAX_RUN:
        token = doc[i]  # type: ignore[index]
        office_word = token.pos_ in ("NOUN", "ADJ") and any(_is_title(t) for t in run)
        if token.ent_type_ == "PERSON" or not (_title_word(token) or office_word):
            break  # another person's name ends the title: 'Minister X, Y' is X's title
        run.insert(0, token)
        i -= 1
    while run and run[0].lower_ in _LINKS:
        run.pop(0)
    return run


def _run_right(doc: Span | object, start: int, ceiling: int) -> list[Token]:
    run: list[Token] = []
    i = start
    while i < ceiling and len(run) < MAX_RUN and _title_word(doc[i]):  # type: ignore[index]
        run.append(doc[i])  # type: ignore[index]
        i += 1
    return run


def primary_title(tokens: list[Token]) -> str | None:
    """The office a title phrase names: its first title noun ('Adviser to ...' -> adviser)."""
    for token in tokens:
        if _is_title(token):
            return token.lemma_.lower() if token.lemma_.lower() in title_nouns() else token.lower_
    return None


class People:
    """Everyone named as a PERSON in a document, merged by surname."""

    def __init__(self, parsed: ParsedText, gaz: ActorLookup) -> None:
        self.parsed = parsed
        self.gaz = gaz
        self.persons: list[Person] = []
        tagged = [
            (parsed.span_chars(ent)[0], ent)
            for para in parsed.paragraphs
            for ent in para.doc.ents
            if ent.label_ == "PERSON" or _misread_name(ent, gaz)
        ]
        for char, ent in tagged:
            self._add(ent, char)
        untagged = self._untagged_mentions()
        if untagged:  # read every mention again in text order: the first one names the office
            self.persons = []
            for char, span in sorted(tagged + untagged, key=lambda pair: pair[0]):
                self._add(span, char)

    def _untagged_mentions(self) -> list[tuple[int, Span]]:
        """Full names the NER tagged somewhere, where they are written again untagged ('Deputy
        Head of the Office of the President of Ukraine Ihor Zhovkva' at a document's start)."""
        found: list[tuple[int, Span]] = []
        names = {p.name for p in self.persons if len(p.name.split()) > 1}
        for para in self.parsed.paragraphs:
            text = para.doc.text
            for name in names:
                start = text.find(name)
                while start >= 0:
                    span = para.doc.char_span(start, start + len(name))
                    if span is not None and not any(t.ent_type_ == "PERSON" for t in span):
                        found.append((para.start_char + start, span))
                    start = text.find(name, start + len(name))
        return found

    def _add(self, ent: Span, char: int) -> None:
        name = " ".join(ent.text.replace("'s", "").split()).strip(" ,.")
        if (
            not name
            or not name[0].isupper()
            or all(_is_title(t) or t.lower_ in _LINKS for t in ent)
        ):
            return  # 'the Adviser' tagged PERSON is a role, not a name
        context = context_tokens(ent)
        desc = describe(context, self.gaz)
        person = self.find(name)
        if person is None:
            person = Person(name=name, first_char=char)
            self.persons.append(person)
        elif (
            len(name.split()) > len(person.name.split())
            and name.split()[-1] == person.name.split()[-1]
        ):
            person.name = name
        person.titles |= desc.titles
        if (title := primary_title(context)) is not None:
            person.primary_titles.add(title)
        person.affiliations += [a for a in desc.affiliations if a not in person.affiliations]
        person.not_in_office |= desc.not_in_office
        person.mentions.append(char)

    def by_surname(self, text: str) -> Person | None:
        """The one person introduced with a first name whose surname is `text` ('Monaco' ->
        Lisa Monaco), even when `text` is also a place's name."""
        words = text.replace("'s", "").split()
        if len(words) != 1:
            return None
        folded = words[0].strip(" ,.").casefold()
        found = [p for p in self.persons if len(p.name.split()) > 1 and p.surname == folded]
        return found[0] if len({p.name for p in found}) == 1 else None

    def add_known(self, name: str, span: Span) -> Person:
        """A person the document refers to only by office ('the President'), named from the
        gazetteer's office holder."""
        person = Person(name=name, first_char=self.parsed.span_chars(span)[0])
        self.persons.append(person)
        return person

    def find(self, name: str) -> Person | None:
        """The person a name refers to: same full name, else a unique surname match."""
        folded = name.casefold()
        for person in self.persons:
            if person.name.casefold() == folded:
                return person
        last = folded.split()[-1] if folded.split() else ""
        matches = [p for p in self.persons if p.surname == last]
        return matches[0] if len(matches) == 1 else None

    def by_role(self, noun: str, before: int) -> Person | None:
        """The person last named right after, or in apposition to, a common noun before
        `before`: 'the judge' -> 'Judge Bernard Schwartz', 'the actress' -> 'actress Denise
        Crosby' or 'Denise Crosby, an actress'."""
        best: tuple[int, Person] | None = None
        for person in self.persons:
            for char in person.mentions:
                if char >= before or (best is not None and char <= best[0]):
                    continue
                token = self.parsed.token_at(char)
                if token is not None and _named_with(token, noun):
                    best = (char, person)
        return best[1] if best else None

    def by_title(self, title: str, before: int) -> Person | None:
        """The person introduced earlier with this office ('the Adviser' -> Podolyak); else the
        one introduced with it anywhere in their title ('the Deputy' -> the Deputy Head of the
        Office ...). Of several, the one named last before `before`: 'the Deputy' after 'Deputy
        Director X met ... Deputy Head Y visited the centre' is Y."""
        for titles in ("primary_titles", "titles"):
            found = [
                p for p in self.persons if p.first_char < before and title in getattr(p, titles)
            ]
            if found:
                return max(found, key=lambda p: max(m for m in p.mentions if m < before))
        return None

    def author_of(self, noun: str, before: int, within: int = 3) -> str | None:
        """Who issued a document noun ('X released a statement' -> X), a person's full name or
        an organisation's name, from the most recent such sentence before `before`."""
        paras = [p for p in self.parsed.paragraphs if p.start_char < before][-within - 1 :]
        found: str | None = None
        for para in paras:
            for token in para.doc:
                if para.start_char + token.idx >= before or token.lemma_.lower() != noun:
                    continue
                subject = _issuer(token)
                if subject is not None and subject.ent_type_ in ("PERSON", "ORG"):
                    ent = next(e for e in subject.doc.ents if e.start <= subject.i < e.end)
                    person = self.find(ent.text)
                    found = person.name if person else ent.text
                elif subject is not None and _is_title(subject):
                    holder = self.by_title(subject.lemma_.lower(), before)
                    found = holder.name if holder else found
        return found

    def last_subject(self, before: int, within: int = 2) -> Person | None:
        """The person most recently named as a subject in the previous `within` paragraphs."""
        paras = [p for p in self.parsed.paragraphs if p.start_char < before][-within - 1 :]
        best: tuple[int, Person] | None = None
        for para in paras:
            for ent in para.doc.ents:
                char = para.start_char + ent.start_char
                if char >= before or ent.root.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                if ent.root.head.dep_ == "ccomp":
                    continue  # 'Yermak stressed that Zelenskyy is brave': reported, not the topic
                person = self.find(ent.text.replace("'s", "").strip())
                if person is not None and (best is None or char > best[0]):
                    best = (char, person)
        return best[1] if best else None

    def actor_of(self, person: Person, date: str | None, voice: str | None) -> str | None:
        """The state or organisation a person speaks for at this date, or None."""
        official = self.gaz.official(person.name, date)
        if official is None and len(person.name.split()) == 1:  # only the surname was given
            official = self.gaz.official_by_surname(person.name, date)
        if official is not None:
            return official[0]
        return actor_from_description(
            person.titles, person.affiliations, person.not_in_office, voice
        )


def _named_with(token: Token, noun: str) -> bool:
    """Is the name starting at `token` introduced by `noun` ('judge X', 'the father, X') or
    followed by it in apposition ('X, the judge')?"""
    doc = token.doc
    left = [doc[i] for i in range(max(token.i - 2, 0), token.i) if doc[i].text != ","]
    if left and left[-1].lemma_.lower() == noun:
        return True
    end = token.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    root = doc[end]
    return any(c.dep_ == "appos" and c.lemma_.lower() == noun for c in root.children)


def _issuer(noun: Token) -> Token | None:
    """Who issued a document noun: 'X released a statement', 'the decree signed by X'."""
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in _ISSUING:
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    for child in noun.children:  # 'the decree signed by the Pope'
        if child.dep_ == "acl" and child.lemma_.lower() in _ISSUING:
            for agent in (c for c in child.children if c.dep_ == "agent"):
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def actor_from_description(
    titles: set[str] | frozenset[str],
    affiliations: list[str] | tuple[str, ...],
    not_in_office: bool,
    voice: str | None,
) -> str | None:
    """An official title with a named state/organisation -> it; with none, the document's voice."""
    if not titles or not_in_office:
        return None
    if affiliations:
        return affiliations[0]
    return voice


def _misread_name(ent: Span, gaz: ActorLookup) -> bool:
    """A surname the NER labelled NORP/ORG ('Edelman' NORP): a proper noun that names no actor,
    preceded by a first name or a title in the same noun phrase."""
    if ent.label_ not in ("NORP", "ORG") or gaz.actor_for(ent.text) is not None:
        return False
    if len(ent) > 2 or not all(t.pos_ == "PROPN" for t in ent):
        return False
    left = ent.doc[ent.start - 1] if ent.start > 0 else None
    return (
        left is not None
        and left.pos_ == "PROPN"
        and left.ent_type_ in ("", "PERSON")
        and left.dep_ == "compound"
    )
