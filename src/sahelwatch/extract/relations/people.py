"""People and their roles: titles before or after a name ("Algerian Foreign Minister Ahmed Attaf", "Volker
Turk, the UN High Commissioner"), "under Colonel Goïta", with the knowledge base naming the organisation a
bare title leaves out.
"""
from __future__ import annotations

from sahelwatch.extract.actors import state_actor_for
from sahelwatch.extract.context import Context
from sahelwatch.extract.relations.base import RelationSet, demonym_state, mentions_at
from sahelwatch.kb.lexicon import relation_cues
from sahelwatch.model import RELATION_TYPES, DateInterval


def title_words() -> set[str]:
    return {w for phrase in relation_cues()["titles"] for w in phrase.split()}


def kb_superior(ctx: Context, person: str, kind: str) -> str | None:
    """The actor the knowledge base says a person leads or serves, if it is named in this document."""
    named = {x.key for x in ctx.mentions if x.via != "coref"}
    for r in ctx.kb.relations_of(person):
        if r.source == person and RELATION_TYPES[r.type] == RELATION_TYPES[kind] and r.target in named:
            return r.target
    return None


def titled_people(ctx: Context, rs: RelationSet) -> None:
    """'Algerian Foreign Minister Ahmed Attaf', 'President Tebboune of Algeria', 'his Russian counterpart X'."""
    titles = relation_cues()["titles"]
    doc = ctx.doc
    for m in ctx.mentions:
        if m.kind != "person" or m.via == "coref":
            continue
        sent = ctx.sents[m.sent]
        # a curated alias may carry the title itself ("Algerian Foreign Minister Ahmed Attaf")
        inner_end = m.start
        while inner_end < m.end - 1 and (doc[inner_end].norm_ in title_words()
                                         or ctx.kb.by_demonym(doc[inner_end].text) is not None):
            inner_end += 1
        before = doc[max(sent.start, m.start - 6): inner_end]
        # only this name's own title: stop at a comma, "and" or another person before it
        cut = max([t.i + 1 for t in before if t.text in (",", ";") or t.norm_ == "and"
                   or (t.i < m.start and (o := ctx.mention_at(t.i)) is not None and o.kind == "person")]
                  + [before.start])
        before = doc[cut: inner_end]
        words = [t.norm_ for t in before]
        kind = None
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i:i + n])
                if phrase in titles and kind is None:
                    kind = titles[phrase]
            if kind:
                break
        lead = leading_title(ctx, m)
        if lead is not None and (kind is None or not any(
                demonym_state(ctx, t) or ((o := ctx.mention_at(t.i)) is not None and o is not m) for t in before)):
            # "the Nigerien prime minister, Ali Zeine", "le porte-parole du CNSP, le colonel X": the title
            # before the comma says what the name's own rank does not
            lead_words = [t.norm_ for t in lead]
            lead_kind = title_kind(lead_words)
            if lead_kind is not None:
                before, words, kind = lead, lead_words, lead_kind
        if kind is None:
            continue
        state = None
        for t in before:
            if t.norm_ in ("of", "in"):
                continue
            st = demonym_state(ctx, t)
            other = ctx.mention_at(t.i)
            if other is not None and other is m:
                other = None
            if other is not None and other.via == "coref" and t.pos_ == "PRON":
                # "its leader X": a pronoun is a weak guide; the knowledge base knows whose leader X is
                known = kb_superior(ctx, m.key, kind)
                if known:
                    state = known
                    continue
            if st is not None:
                state = st.id
            elif other is not None and other.kind in ("state", "state_force", "armed_group", "pmc", "rebel_group",
                                                         "bloc", "government_body", "mission", "organization"):
                state = other.key
        after = doc[m.end: min(sent.end, m.end + 3)]
        if len(after) >= 2 and after[0].norm_ == "of":
            other = ctx.mention_at(after[1].i)
            if other is not None:
                state = other.key  # "Captain Ibrahim Traore of Burkina Faso"
        if state is None and m.key in ctx.kb.actors:
            # the title alone ("President Mohamed Ould Ghazouani"): the knowledge base says of what
            # (a deposed president is still "President Bazoum": the title, not the date, is the evidence)
            named = {x.key for x in ctx.mentions}
            named_states = {st.id for k in named if (st := ctx.kb.state_of(k)) is not None}
            options = []
            for r in ctx.kb.relations_of(m.key):
                target_state = ctx.kb.state_of(r.target)
                if r.source == m.key and RELATION_TYPES[r.type] == "hierarchical" and (
                        r.target in named or (target_state is not None and target_state.id in named_states)):
                    options.append(r)
            # the role the title names, then an organisation the story names itself (not only its state),
            # held when the story was written, comes first
            options.sort(key=lambda r: (r.type != kind, r.target not in named, not r.valid_on(ctx.published)))
            for r in options[:1]:
                valid = DateInterval(start=r.start, end=r.end or r.start, precision="day") \
                    if r.start and r.end else None
                rs.add(m.key, r.target, r.type, sent, "knowledge_base", 0.6, "relations.title_kb", valid)
            continue
        if state is None and ctx.focus_state and set(words) & STATE_OFFICES:
            # an official the knowledge base does not know, titled without a country ("General Salifou Mody"):
            # an office of the state the story is about, with less confidence
            state = state_actor_for(ctx, ctx.focus_state, "army" if set(words) & RANKS else "")
            rs.add(m.key, state, kind, sent, "inferred", 0.45, "relations.title_focus", names=(m.text, state))
            continue
        if state is not None:
            rs.add(m.key, state, kind, sent, "stated", 0.8, "relations.title", names=(m.text, state))


def title_kind(words: list[str]) -> str | None:
    titles = relation_cues()["titles"]
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i:i + n])
            if phrase in titles:
                return titles[phrase]
    return None


def leading_title(ctx: Context, m):
    """The phrase before "TITLE, NAME": up to the previous comma, "and", verb or person, ending in a title
    word or a demonym ("the Nigerien prime minister,", "le Premier ministre nigérien,")."""
    doc = ctx.doc
    sent = ctx.sents[m.sent]
    comma = m.start - 1
    while comma > sent.start and (doc[comma].pos_ == "DET" or doc[comma].norm_ in title_words()
                                  or doc[comma].text in ("-", "–")):
        comma -= 1  # "le porte-parole du CNSP, le colonel-major X"
    if comma <= sent.start or doc[comma].text != ",":
        return None
    start = comma
    while start > max(sent.start, comma - 16):
        t = doc[start - 1]
        o = ctx.mention_at(t.i)
        if t.text in (",", ";") or t.norm_ == "and" or t.pos_ in ("VERB", "AUX") or (
                o is not None and o.kind == "person"):
            break
        start -= 1
    last = doc[comma - 1]
    if last.text == ")" and comma - 2 > start:
        last = doc[comma - 2]  # "le porte-parole du Conseil ... (CNSP), le colonel X"
    if start >= comma or not (last.norm_ in title_words() or demonym_state(ctx, last) is not None
                              or ctx.mention_at(last.i) is not None):
        return None
    return doc[start:comma]


RANKS = {"general", "colonel", "captain", "lieutenant", "major", "brigadier", "commander"}
STATE_OFFICES = RANKS | {"president", "minister", "premier", "governor", "prefect", "chief"}


def appositive_titles(ctx: Context, rs: RelationSet) -> None:
    """'Volker Turk, the UN High Commissioner for Human Rights', 'Omar Touray, the president of the ECOWAS
    Commission': a title in apposition after the name, with the organisation inside it."""
    titles = relation_cues()["titles"]
    doc = ctx.doc
    for m in ctx.mentions:
        if m.kind != "person" or m.via == "coref" or m.end >= len(doc) or doc[m.end].text != ",":
            continue
        sent = ctx.sents[m.sent]
        window = []
        for t in doc[m.end + 1: min(sent.end, m.end + 12)]:
            if t.text in (",", ";", ".", "(", ")") or t.pos_ == "VERB":
                break
            window.append(t)
        words = [t.norm_ for t in window]
        kind = next((titles[w] for n in (3, 2, 1) for i in range(len(words) - n + 1)
                     if (w := " ".join(words[i:i + n])) in titles), None)
        if kind is None:
            continue
        for t in window:
            org = ctx.mention_at(t.i)
            state = demonym_state(ctx, t)
            key = org.key if org is not None and org.kind != "person" else (state.id if state else None)
            if key is not None:
                rs.add(m.key, key, kind, sent, "stated", 0.75, "relations.appositive_title",
                       names=(m.text, org.text if org is not None else t.text))
                break


def under_person(ctx: Context, rs: RelationSet) -> None:
    """'Mali's military regime under Colonel Assimi Goïta'."""
    for m in ctx.mentions:
        if m.kind != "person":
            continue
        t = ctx.doc[m.start:m.end].root
        prep = t.head if t.dep_ == "pobj" else None
        if prep is None or prep.norm_ != "under":
            continue
        for org in mentions_at(ctx, prep.head):
            if org.kind != "person":
                rs.add(m.key, org.key, "leader_of", ctx.sents[m.sent], "stated", 0.7, "relations.under")
