"""The stance cue lexicon (data/rules/stance_cues.json): words by which an actor takes a side."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from analysis.nlp.lexicon import RULES_DIR, rule_lines


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue: its lemma, polarity toward its object, kind, needed particle and weight."""

    lemma: str
    polarity: int
    kind: str  # verb, phrasal, act, noun, modal, evaluation
    preps: tuple[str, ...] = ()
    weight: float = 1.0
    needs_to: bool = False


@dataclass(frozen=True)
class CueLexicon:
    """Cues by head lemma, evaluations, negators, hedges."""

    cues: dict[str, tuple[Cue, ...]]
    evaluations: dict[str, Cue]
    negators: frozenset[str]
    hedges: dict[str, float]
    hostile: frozenset[str]
    intensifiers: frozenset[str] = frozenset()

    def cue_for(self, token: Token) -> Cue | None:
        """The cue a token is, its particle or preposition checked ('call for', 'warn against')."""
        for cue in self.cues.get(token.lemma_.lower(), ()):
            if cue.kind == "noun" and token.pos_ not in ("NOUN", "PROPN"):
                continue
            if cue.kind in ("verb", "act", "phrasal") and token.pos_ not in ("VERB", "AUX"):
                continue
            if cue.preps and not any(c.lower_ in cue.preps for c in token.children):
                continue
            if cue.kind == "modal" and cue.needs_to and not _followed_by_to(token):
                continue  # 'have to', 'need to': not 'have talks' or 'the need'
            return cue
        return None

    def cue_for_lemma(self, lemma: str) -> Cue | None:
        """A verb or act cue by lemma alone (no part-of-speech check)."""
        return next(
            (c for c in self.cues.get(lemma, ()) if c.kind in ("verb", "act") and not c.preps), None
        )

    def evaluation_for(self, token: Token) -> Cue | None:
        """An evaluative adjective or noun ('illegal', 'unprovoked', 'encroachment')."""
        return self.evaluations.get(token.lemma_.lower()) or self.evaluations.get(token.lower_)


def _followed_by_to(token: Token) -> bool:
    """'need to act': an infinitive follows ('to' as the next word or the aux of an xcomp)."""
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        return True
    return any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in token.children
    )


@cache
def cue_lexicon() -> CueLexicon:
    """The lexicon from data, loaded once."""
    raw = json.loads((RULES_DIR / "stance_cues.json").read_text(encoding="utf-8"))
    cues: dict[str, list[Cue]] = {}
    for entry in raw["cues"]:
        words = entry["lemma"].split()
        preps = tuple(entry.get("prep", "").split("|")) if entry.get("prep") else ()
        if not preps and len(words) > 1 and entry["kind"] == "phrasal":
            preps = (words[-1],)
        for lemma in (entry["lemma"], *entry.get("variants", ())):
            head = lemma.split()[0]
            needs_to = entry["kind"] == "modal" and lemma.endswith(" to")
            cue = Cue(
                head,
                int(entry["polarity"]),
                entry["kind"],
                preps,
                float(entry.get("weight", 1.0)),
                needs_to,
            )
            cues.setdefault(head, []).append(cue)
    evaluations = {}
    for entry in raw.get("evaluations", []):
        for lemma in (entry["lemma"], *entry.get("variants", ())):
            evaluations[lemma] = Cue(
                lemma, int(entry["polarity"]), "evaluation", (), float(entry.get("weight", 1.0))
            )
    # phrasal entries first: 'call for' must win over a plain 'call' when its particle is there
    ordered = {k: tuple(sorted(v, key=lambda c: not c.preps)) for k, v in cues.items()}
    return CueLexicon(
        cues=ordered,
        evaluations=evaluations,
        # single words only: multiword negators ('no longer', 'fail to') are not matched here
        negators=frozenset(e["lemma"] for e in raw.get("negators", []) if " " not in e["lemma"]),
        hedges={
            e["lemma"]: float(e.get("weight", 0.6))
            for e in raw.get("hedges", [])
            if " " not in e["lemma"]
        },
        hostile=frozenset(rule_lines("hostile_nouns.txt")),
        intensifiers=frozenset(raw.get("intensifiers", ())),
    )
