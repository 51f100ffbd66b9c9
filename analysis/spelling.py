"""British and American spellings of the same word, for searches: 'missile defence' finds
'missile defense', 'organise' finds 'organize', 'centre' finds 'center', and back.

A search word becomes a regular expression matching the word as typed (anywhere, as a plain
substring search would) or one of its other spellings (as a word of its own, so that 'litre'
finding 'liter' does not find 'literature'). Rules, not a dictionary: endings that differ
between the two spellings (-ence/-ense, -our/-or, -ise/-ize, -yse/-yze, -tre/-ter,
-ogue/-og, -lled/-led, -mme/-m), each only on words long enough not to be another word.
"""

from __future__ import annotations

import re

import pandas as pd

_ENSE = re.compile(r"(?P<stem>defen|offen|licen|preten)(?P<letter>[cs])(?P<rest>e|es|eless)")
_RULES: tuple[tuple[str, str, int, str], ...] = (
    # (British part, American part, least letters of the word, what may follow the part)
    ("our", "or", 6, r"|s|ed|ing|ite|ites|able|ably|er|ers|ful|less"),
    ("is", "iz", 6, r"e|ed|es|er|ers|ing|ation|ations|ational"),  # organise, organisation
    ("ys", "yz", 6, r"e|ed|es|er|ers|ing"),  # analyse
    ("tre", "ter", 5, r"|s|d"),  # centre, theatre
    ("ogue", "og", 6, r"|s"),  # dialogue, catalogue
    ("ll", "l", 7, r"ed|ing|er|ers"),  # travelled, cancelling, modelled
    ("mme", "m", 7, r"|s"),  # programme
)
_WORD = re.compile(r"[a-z]+")
_INFLECTED = "(?:s|es|d|ed|ing)?"  # 'defence' finds 'defenses' too
_TRIPLED = re.compile(r"(.)\1\1")  # 'travellled' is no spelling


def spellings(word: str) -> set[str]:
    """Other spellings of one lower-case word ('defence' -> {'defense'}); empty when none."""
    found: set[str] = set()
    if m := _ENSE.fullmatch(word):
        found.add(m["stem"] + ("s" if m["letter"] == "c" else "c") + m["rest"])
    for british, american, least, endings in _RULES:
        for mine, other in ((british, american), (american, british)):
            for m in re.finditer(re.escape(mine), word):
                if not re.fullmatch(endings, word[m.end() :]):
                    continue
                swapped = word[: m.start()] + other + word[m.end() :]
                longer = swapped if mine == american else word  # the British form
                if len(longer) >= least and not _TRIPLED.search(swapped):
                    found.add(swapped)
    found.discard(word)
    return found


def contains(texts: pd.Series, search: str) -> pd.Series:
    """True for the texts holding `search` (search_pattern(), case-insensitive).

    The regular expression runs only on the texts that hold one spelling of the longest word
    as a plain substring (a fast scan): on 7,000 articles a phrase takes 0.1 s, not 2 s.
    """
    words = search.lower().split()
    if not words:
        return pd.Series(True, index=texts.index)
    longest = max(words, key=len)
    spelled = [longest, *sorted(spellings(longest))]
    filled = texts.fillna("").astype(str)
    maybe = pd.Series(False, index=texts.index)
    for form in spelled:
        maybe |= filled.str.contains(form, case=False, regex=False)
    found = pd.Series(False, index=texts.index)
    if maybe.any():
        pattern = re.compile(search_pattern(search), re.IGNORECASE)
        found[maybe] = filled[maybe].map(lambda text: pattern.search(text) is not None)
    return found


def search_pattern(text: str) -> str:
    """A case-insensitive regular expression finding `text` as typed or in its other spelling.

    Words are matched in order with any whitespace between them, as a phrase.
    """
    parts = []
    for word in text.lower().split():
        others = sorted(spellings(word)) if _WORD.fullmatch(word) else []
        alternatives = [re.escape(word), *(rf"\b{re.escape(o)}{_INFLECTED}\b" for o in others)]
        parts.append(alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})")
    return r"\s+".join(parts)
