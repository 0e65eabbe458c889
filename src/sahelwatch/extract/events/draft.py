"""An event being assembled: the draft record the other modules fill in, and shared syntax helpers."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from sahelwatch.extract.context import Mention, Timex, clause
from sahelwatch.kb.lexicon import Trigger, event_triggers

SUBJECTS = ("nsubj", "nsubjpass", "csubj")


VIOLENT = {"ASSAULT", "COERCE"}


@dataclass
class Draft:
    """An event being assembled before it becomes an immutable record."""

    trigger: Token
    reading: Trigger
    participants: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (role, text)
    timex: Timex | None = None
    place: object | None = None
    fatalities: int | None = None
    fatalities_text: str | None = None
    modality: str = "asserted"
    background: bool = False
    confidence: float = 0.6
    sentences: list[int] = field(default_factory=list)
    refers: bool = False
    inherited: bool = False

    def add(self, m: Mention, role: str) -> None:
        self.put(m.key, role, m.text)

    def put(self, key: str, role: str, text: str) -> None:
        """A participant joins once; a known role replaces "other", never the reverse."""
        old = self.participants.get(key)
        if old is None or (old[0] == "other" and role != "other"):
            self.participants[key] = (role, text)

    def absorb_participants(self, other: "Draft") -> None:
        for key, (role, text) in other.participants.items():
            self.put(key, role, text)


def demonym_people(ctx, tok: Token) -> Mention | None:
    """'The Americans left the base', « les Américains ont quitté la base »: a capitalised plural demonym
    noun standing alone names its state's people acting as a whole, the state."""
    if tok.pos_ not in ("NOUN", "PROPN") or not tok.text[:1].isupper() or not tok.text.lower().endswith(("s", "x")) \
            or ctx.mention_at(tok.i) is not None:
        return None
    state = ctx.kb.by_demonym(tok.text)
    if state is None:
        return None
    return Mention(tok.i, tok.i + 1, state.id, state.kind, "demonym", tok.text, ctx.sent_index[tok.i])


def is_nominal(t: Token) -> bool:
    return t.pos_ not in ("VERB", "AUX") or t.tag_ == "VBG" and t.dep_ in ("pobj", "dobj", "nsubj")


def definite(t: Token) -> bool:
    return is_nominal(t) and any(c.dep_ in ("det", "poss") and c.norm_ in ("the", "its", "their")
                                  for c in t.children)


def readings_for(t: Token) -> list[Trigger]:
    """The lexicon's readings of a word, by lemma or, failing that, by its form."""
    lexicon = event_triggers()
    return lexicon.get(t.lemma_.lower()) or lexicon.get(t.norm_) or []


def event_reading_is(t: Token, plover: str) -> bool:
    return any(r.plover == plover for r in readings_for(t))


def clause_chain(token: Token) -> list[Token]:
    """The trigger's clause and the clauses above it ("X declared it would remain": the declaration's time
    also dates what was declared)."""
    chain = [clause(token)]
    while (chain[-1].dep_ in ("ccomp", "advcl", "parataxis") or (chain[-1].dep_ == "relcl" and any(
            c.norm_ in ("where", "when") for c in chain[-1].children))) and len(chain) < 4:
        # ("where X inflicted losses": a place's relative clause shares the main clause's time; "the
        # officers who overthrew Bazoum" tells an earlier act)
        chain.append(clause(chain[-1].head))
    return chain
