"""What every extractor needs besides the Doc: the document, its date, the knowledge base, and the mentions
found by earlier stages. Stages add to it in order; none reads a later stage's output."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from sahelwatch.kb.actors import ActorKB
from sahelwatch.model import DateInterval, Evidence, Modality

LOCATIVE_PREPS = {"in", "at", "near", "to", "from", "around", "outside", "into", "towards", "toward", "across",
                  "inside", "throughout", "within", "via", "through", "along", "between"}


#: nouns through which a possessor acts ("the bloc's leaders", "Mali's current leadership"), unlike "its targets"
MEMBER_NOUNS = {"leaders", "leader", "members", "fighters", "officials", "troops", "soldiers", "forces", "army",
                "government", "militants", "men", "units", "envoys", "delegation", "representatives", "heads",
                "leadership", "regime", "authorities", "junta", "rulers", "ministry", "spokesman", "president",
                "military", "administration", "diplomats", "jihadists", "combatants", "elements", "rebels",
                "insurgents", "mercenaries"}


@dataclass
class Mention:
    """A stretch of text that refers to an actor (by name, description or pronoun)."""

    start: int
    end: int
    key: str
    kind: str
    via: str
    text: str
    sent: int
    speaker_only: bool = False

    @property
    def tokens(self) -> range:
        return range(self.start, self.end)


@dataclass
class Timex:
    """A temporal expression resolved to an interval."""

    start: int
    end: int
    text: str
    first: date
    last: date
    precision: str
    relative: bool = False

    def to_interval(self, inherited: bool = False) -> DateInterval:
        """The record form; a date carried over from the story's narrative time says so in its text."""
        return DateInterval(start=self.first, end=self.last, precision=self.precision,
                            text=f"(narrative time: {self.text})" if inherited else self.text,
                            relative=self.relative or inherited)


@dataclass
class Context:
    doc: Doc
    doc_id: str
    published: date | None
    kb: ActorKB
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    focus_state: str | None = None
    #: the document's own text when the parser read a normalised copy (same length: offsets are shared)
    text: str | None = None
    #: a wire dateline ("NIAMEY/PARIS -"), set by the places stage: the token index just after it (0: none)
    #: and the places it names, where the story was filed, kept apart from events
    dateline_end: int = 0
    dateline_places: list = field(default_factory=list)
    state_salience: Counter = field(default_factory=Counter)
    #: "both governments": the head noun's token index -> one mention per state it stands for
    plural_refs: dict[int, list[Mention]] = field(default_factory=dict)
    sent_index: dict[int, int] = field(default_factory=dict)

    def __post_init__(self):
        for i, sent in enumerate(self.doc.sents):
            for t in sent:
                self.sent_index[t.i] = i
        self._sents = list(self.doc.sents)
        # the paragraph of each sentence (paragraphs are separated by line breaks), counted once
        text, count, pos = self.doc.text, 0, 0
        self.sent_paragraph: list[int] = []
        for sent in self._sents:
            count += text.count("\n", pos, sent.start_char)
            pos = sent.start_char
            self.sent_paragraph.append(count)

    @property
    def sents(self) -> list[Span]:
        return self._sents

    def sent_of(self, token: Token | int) -> Span:
        i = token if isinstance(token, int) else token.i
        return self._sents[self.sent_index[i]]

    def evidence(self, sent: Span, extractor: str, confidence: float, speaker: str | None = None,
                 modality: Modality = "asserted") -> Evidence:
        source = self.text if self.text is not None else self.doc.text
        return Evidence(doc_id=self.doc_id, start=sent.start_char, end=sent.end_char,
                        text=source[sent.start_char:sent.end_char].strip(),
                        extractor=extractor, confidence=round(confidence, 3), speaker=speaker, modality=modality)

    def mention_at(self, i: int) -> Mention | None:
        """The mention covering token ``i`` (the first one found, as mentions are made in order of trust)."""
        key = (id(self.mentions), len(self.mentions))
        if getattr(self, "_index_key", None) != key:
            index: dict[int, Mention] = {}
            for m in self.mentions:
                for t in m.tokens:
                    index.setdefault(t, m)
            self._index, self._index_key = index, key
        return self._index.get(i)

    def mentions_in(self, start: int, end: int, include_speaker_only: bool = False) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end
                and (include_speaker_only or not m.speaker_only)]


#: nouns that stand for a number of actors named after "of" ("thousands of supporters", "a group of gunmen")
QUANTITY_HEADS = {"thousands", "hundreds", "dozens", "scores", "tens", "group", "band", "column", "number",
                  "some", "many", "most", "several", "members", "unit", "contingent"}


def mentions_of(ctx: Context, token: Token, include_speaker_only: bool = False,
                groups: bool = True) -> list[Mention]:
    """The actors a syntactic argument names: the token and its conjuncts ("Malian forces and Wagner"),
    through a member noun ("the bloc's leaders") or a plural description ("both governments") and, with
    ``groups``, through a quantity ("thousands of supporters") or an appositive list ("Mali, Burkina Faso and
    Niger"). Relation readers leave ``groups`` off: an apposition there usually names a role, not a list."""
    out: list[Mention] = []
    heads = [token, *token.conjuncts]
    if groups:
        heads += [cj for c in token.children if c.dep_ == "appos" for cj in (c, *c.conjuncts)]
    for tok in heads:
        deps = ("compound", "amod", "appos", "poss") if tok.norm_ in MEMBER_NOUNS else ("compound", "amod", "appos")
        subs = [tok, *[c for c in tok.children if c.dep_ in deps]]
        if tok.norm_ in MEMBER_NOUNS and ctx.mention_at(tok.i) is None:
            # "fighters of the Islamic State", "les jihadistes du JNIM": the members stand for their group
            subs += [p for c in tok.children if c.dep_ == "prep" and c.norm_ == "of" for p in c.children
                     if p.dep_ == "pobj" and (m := ctx.mention_at(p.i)) is not None and m.key in ctx.kb.actors]
        if groups and tok.norm_ in QUANTITY_HEADS:
            subs += [p for c in tok.children if c.dep_ == "prep" and c.norm_ == "of" for p in c.children]
        for sub in subs:
            group = ctx.plural_refs.get(sub.i)
            if group:
                out.extend(g for g in group if g not in out)
                break
            m = ctx.mention_at(sub.i)
            if m is not None and (include_speaker_only or not m.speaker_only) and m not in out:
                out.append(m)
                break
    return out


CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "relcl", "parataxis")


def find_phrase(sent: Span, phrase: str) -> Span | None:
    """The first tokens of ``sent`` whose NORMs (or words) read ``phrase`` ("according to"; French "selon"
    reads the same), or None."""
    wanted = phrase.split()
    words = [(w, t.i, t.lower_) for t in sent for w in t.norm_.split()]
    for k in range(len(words) - len(wanted) + 1):
        if all(words[k + j][0] == w or words[k + j][2] == w for j, w in enumerate(wanted)):
            return sent.doc[words[k][1]: words[k + len(wanted) - 1][1] + 1]
    return None


def clause(token: Token, include_conj: bool = False) -> Token:
    """The head of the clause a token belongs to (a coordinated clause counts as its own when asked)."""
    stops = CLAUSE_DEPS + ("conj",) if include_conj else CLAUSE_DEPS
    while token.dep_ not in stops and token.head != token:
        token = token.head
    return token


#: heads of "between X and Y" that make X and Y places ("the road between Gao and Kidal"); any other head
#: makes them parties ("the crisis between Algiers and Bamako", "an agreement signed between X and Y")
SPATIAL_HEADS = {"road", "border", "area", "zone", "region", "route", "axis", "frontier", "corridor", "locate",
                 "lie", "situate", "travel", "move", "stretch", "located", "situated", "highway", "desert"}


#: verbs whose object is a place when it is a town ("entered Kidal", "Tiani visited Bamako")
MOVEMENT_VERBS = {"visit", "enter", "reach", "capture", "besiege", "shell", "bomb", "seize", "retake", "storm",
                  "recapture", "overrun", "encircle", "surround", "evacuate", "control", "liberate", "raid",
                  "tour", "leave", "abandon", "occupy", "retook", "overran", "besieged"}


def is_locative(token: Token) -> bool:
    """Is this name used as a place ("in Mali", "near Bamako", "entered Kidal") rather than as an actor?"""
    head = token
    while head.dep_ in ("compound", "flat", "amod", "nmod") and head.head != head:
        head = head.head
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if head.dep_ == "dobj" and (head.head.lemma_.lower() in MOVEMENT_VERBS or head.head.norm_ in MOVEMENT_VERBS):
        return True
    if head.dep_ == "pobj" and head.head.norm_ in ("for", "toward", "towards", "on") and \
            head.head.head.lemma_.lower() in ("head", "march", "advance", "move", "leave", "depart", "bound", "drive"):
        return True  # "heading for N'Djamena", "marched on the capital"
    if head.dep_ == "pobj" and head.head.norm_ == "between":
        return head.head.head.lemma_.lower() in SPATIAL_HEADS
    if head.dep_ == "pobj" and head.head.norm_ in LOCATIVE_PREPS:
        return True
    if head.dep_ == "appos" and head.head.norm_ in ("capital", "city", "town"):
        return True
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return prev is not None and prev.norm_ in LOCATIVE_PREPS - {"between", "via"}
