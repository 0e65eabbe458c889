"""The relation set (one relation per pair of parties and class, every evidence sentence kept) and the
syntax helpers the readers share.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from sahelwatch.extract.actors import display_name
from sahelwatch.extract.context import Context, Mention, mentions_of
from sahelwatch.model import RELATION_TYPES, DateInterval, Relation, stable_id

SUBJECT_DEPS = ("nsubj", "nsubjpass")


# a clause's content never borrows its reporter as subject: "ccomp" is not climbed
CLIMB_DEPS = ("xcomp", "advcl", "acl", "pcomp", "prep", "pobj", "dobj", "conj", "relcl", "attr", "appos")


class RelationSet:
    """Collects relations, one per (unordered pair, coarse class), keeping every evidence sentence."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.items: dict[tuple, Relation] = {}

    def add(self, src: str, tgt: str, kind: str, sent: Span, basis: str, confidence: float,
            extractor: str, valid: DateInterval | None = None, names: tuple[str, str] | None = None) -> None:
        if src == tgt or not src or not tgt:
            return
        ctx = self.ctx
        sa, ta = ctx.kb.state_of(src), ctx.kb.state_of(tgt)
        if sa is not None and ta is not None and sa.id == ta.id and RELATION_TYPES[kind] != "hierarchical":
            return
        coarse = RELATION_TYPES[kind]
        # a state, its government and its forces are one party for deduplication
        key = (frozenset((sa.id if sa else src, ta.id if ta else tgt)), coarse)
        if coarse == "hierarchical" and (sa is None) != (ta is None) and any(
                (x := ctx.kb.actors.get(k)) is not None and x.kind == "government_body" and x.valid_from is not None
                for k in (src, tgt)):
            # "Traoré a pris la tête du MPSR" beside "Traoré dirige le Burkina": a dated body (a junta, a
            # transitional council) the text says a person heads is its own party, not the state it governs
            own = (frozenset((src, tgt)), coarse)
            if own in self.items:
                key = own
            elif extractor in ("relations.noun", "relations.verb"):
                folded = self.items.get(key)
                if folded is not None and {folded.source_id, folded.target_id} == {src, tgt}:
                    self.items[own] = self.items.pop(key)  # the body's own entry, no longer the state's
                key = own
        if sa is not None and ta is not None and sa.id == ta.id:
            key = (frozenset((src, tgt)), coarse)
        ev = ctx.evidence(sent, extractor, confidence)
        if key in self.items:
            rel = self.items[key]
            if all(e.start != ev.start for e in rel.evidence):
                rel.evidence.append(ev)
            if basis == "stated" and rel.basis != "stated":
                rel.basis, rel.kind, rel.source_id, rel.target_id = "stated", kind, src, tgt
                rel.source, rel.target = display_name(ctx, src, names[0] if names else src), \
                    display_name(ctx, tgt, names[1] if names else tgt)
            rel.confidence = max(rel.confidence, confidence)
            return
        self.items[key] = Relation(
            id=stable_id("rel", ctx.doc_id, sorted((src, tgt)), coarse), source_id=src,
            source=display_name(ctx, src, names[0] if names else src), target_id=tgt,
            target=display_name(ctx, tgt, names[1] if names else tgt), kind=kind, coarse=coarse, valid=valid,
            basis=basis, confidence=confidence, evidence=[ev])


def mentions_at(ctx: Context, token: Token) -> list[Mention]:
    """Relations read every actor an argument names, sources of information included."""
    return mentions_of(ctx, token, include_speaker_only=True, groups=False)


def clause_subject(ctx: Context, token: Token) -> list[Mention]:
    """The actor doing what the clause says, climbing from a word to the nearest verb with a subject."""
    t = token
    for _ in range(6):
        # the small parser sometimes hangs the subject on the auxiliary ("Tinubu was re-elected")
        children = list(t.children) + [g for c in t.children if c.dep_ in ("aux", "auxpass") for g in c.children]
        for c in children:
            if c.dep_ in SUBJECT_DEPS:
                if c.norm_ in ("which", "who", "that") and t.dep_ == "relcl":
                    return mentions_at(ctx, t.head)
                ms = mentions_at(ctx, c)
                if ms:
                    return ms
        if t.dep_ == "relcl":
            return mentions_at(ctx, t.head)
        if t.dep_ not in CLIMB_DEPS or t.head == t:
            break
        t = t.head
    return []


def valid(ctx: Context, sent: Span) -> DateInterval | None:
    inside = [tx for tx in ctx.timexes if sent.start <= tx.start < sent.end]
    return inside[0].to_interval() if len(inside) == 1 else None


def demonym_state(ctx: Context, token: Token):
    """The state a demonym names: capitalised in English ("Nigerien"), a lower-case adjective in French
    ("le Premier ministre nigérien")."""
    if token.text[:1].isupper() or token.pos_ == "ADJ":
        return ctx.kb.by_demonym(token.text)
    return None
