"""Reports of one event within a document merged; references and claims of responsibility resolved."""
from __future__ import annotations

from sahelwatch.extract.context import Context, clause, mentions_of
from sahelwatch.extract.events.draft import VIOLENT, Draft, is_nominal
from sahelwatch.kb.gazetteer import haversine_km


def generic_attackers(d: Draft) -> bool:
    """Attackers named only by a common noun ("gunmen", "militants"): any two such reports of one day
    and place may be the same attack."""
    sources = [k for k, (role, _) in d.participants.items() if role == "source"]
    return not sources or all(k.startswith("new_") for k in sources)


def compatible(a: Draft, b: Draft) -> bool:
    if a.reading.plover != b.reading.plover or a.background != b.background:
        return False
    # "the agreement signed between X and Y": a noun and its verb tell one event
    if a.sentences[0] == b.sentences[-1] and (a.trigger.head == b.trigger or b.trigger.head == a.trigger
                                               or a.trigger.head == b.trigger.head) \
            and (is_nominal(a.trigger) or is_nominal(b.trigger) or not _distinct_sources(a, b)):
        return True  # (two verbs with subjects of their own are two acts: "X received Y, while Z met W")
    sources_a = {k for k, (r, _) in a.participants.items() if r == "source"}
    sources_b = {k for k, (r, _) in b.participants.items() if r == "source"}
    if a.sentences[0] == b.sentences[0] and a.reading.plover not in VIOLENT and sources_a and sources_b \
            and not sources_a & sources_b:
        return False  # "Mali summoned the Algerian ambassador; Algiers responded by summoning Mali's envoy"
    if a.sentences[0] == b.sentences[0] and a.reading.plover in VIOLENT:
        # "fighters stormed the camp, killing 71 soldiers, in an assault claimed by IS": one attack
        dates_ok = not (a.timex and b.timex) or (a.timex.first <= b.timex.last and b.timex.first <= a.timex.last)
        places_ok = a.place is None or b.place is None or near(a.place.entry, b.place.entry) \
            or same_province(a.place.entry, b.place.entry)
        return dates_ok and places_ok
    if not set(a.participants) & set(b.participants) and not (
            a.reading.plover in VIOLENT and generic_attackers(a) and generic_attackers(b)):
        return False
    if a.timex and b.timex and not (a.timex.first <= b.timex.last and b.timex.first <= a.timex.last):
        return False
    if a.place is not None and b.place is not None and a.place.entry.country != b.place.entry.country \
            and a.place.entry.country and b.place.entry.country:
        return False
    if a.reading.plover in VIOLENT and a.sentences[0] != b.sentences[0]:
        # an armed group attacks many times: across sentences, only a shared date or place makes one attack
        same_day = a.timex is not None and b.timex is not None \
            and {a.timex.precision, b.timex.precision} <= {"day", "week"}
        same_place = a.place is not None and b.place is not None and near(a.place.entry, b.place.entry)
        if a.place is not None and b.place is not None and not same_place:
            return False
        return same_day or same_place
    return True


def _distinct_sources(a: Draft, b: Draft) -> bool:
    sources_a = {k for k, (r, _) in a.participants.items() if r == "source"}
    sources_b = {k for k, (r, _) in b.participants.items() if r == "source"}
    return bool(sources_a and sources_b and not sources_a & sources_b)


def same_province(a, b) -> bool:
    """'stormed the Inates camp, also in Tillaberi, ... in an assault': within one sentence, a place and
    another of its province (or the province or country itself) name one scene."""
    if not a.country or a.country != b.country:
        return False
    if "country" in (a.feature, b.feature):
        return True
    return bool(a.admin1) and a.admin1 == b.admin1


def near(a, b, km: float = 30.0) -> bool:
    """The same place, or two names for places a few kilometres apart (a town and its district)."""
    if a.name == b.name:
        return True
    if None in (a.lat, a.lon, b.lat, b.lon) or "region" in (a.feature, b.feature) or "country" in (a.feature,
                                                                                                  b.feature):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= km


def merge(a: Draft, b: Draft) -> None:
    a.absorb_participants(b)
    if b.timex and (a.timex is None or (b.timex.last - b.timex.first) < (a.timex.last - a.timex.first)):
        a.timex = b.timex
    if a.place is None or (b.place is not None and a.place.entry.feature == "country"
                           and b.place.entry.feature != "country"):
        a.place = b.place or a.place
    if b.fatalities is not None:
        a.fatalities = b.fatalities if a.fatalities is None else min(a.fatalities, b.fatalities)
        a.fatalities_text = a.fatalities_text or b.fatalities_text
    if a.modality != "asserted" and b.modality == "asserted":
        a.modality = "asserted"
    a.background = a.background and b.background
    a.confidence = max(a.confidence, b.confidence)
    a.sentences.extend(s for s in b.sentences if s not in a.sentences)


def merge_reports(drafts: list[Draft], within_sentence: bool) -> list[Draft]:
    """Each draft joins the most recent compatible event told before it: first within its own sentence
    ("fighters stormed the camp ... in an assault"), then across the document."""
    merged: list[Draft] = []
    for d in drafts:
        pool = [m for m in merged if m.sentences[0] == d.sentences[0]] if within_sentence else merged
        target = next((m for m in reversed(pool) if compatible(m, d)), None)
        if target is not None:
            merge(target, d)
        else:
            merged.append(d)
    return merged


def elaborations(drafts: list[Draft]) -> list[Draft]:
    """'JNIM entered negotiations ..., urging them to surrender': a participle that spells out the main
    clause's event is part of it, not an event of its own."""
    out = []
    for d in drafts:
        t = d.trigger
        if t.tag_ == "VBG" and t.dep_ == "advcl" and any(
                o is not d and o.sentences[0] == d.sentences[0] and clause(o.trigger) == clause(t.head)
                for o in drafts):
            continue
        out.append(d)
    return out


def resolve_references(drafts: list[Draft]) -> list[Draft]:
    """Give a referring event noun's date and place to the latest event of its kind in the two sentences
    before it, then drop the reference itself."""
    out: list[Draft] = []
    for d in drafts:
        if not d.refers:
            out.append(d)
            continue
        here = d.sentences[0]

        def fits(o: Draft) -> bool:
            same_kind = o.reading.plover == d.reading.plover or {o.reading.plover, d.reading.plover} <= VIOLENT
            dates_ok = not (o.timex and d.timex and (o.timex.last < d.timex.first or d.timex.last < o.timex.first))
            # near in the text, or anywhere before when it names the same place ("Chinagodrar is the second
            # attack on the army in a month")
            close = here - 4 <= max(o.sentences) <= here
            same_place = o.place is not None and d.place is not None and near(o.place.entry, d.place.entry)
            # "the withdrawal of French forces" names its own actors: not a reference to Wagner's withdrawal
            own_sources = {k for k, (r, _) in d.participants.items() if r == "source"}
            their_sources = {k for k, (r, _) in o.participants.items() if r == "source"}
            clash = bool(own_sources and their_sources and not own_sources & their_sources)
            return o is not d and same_kind and dates_ok and (close or same_place) and not clash

        # the same kind of event first, then one at the same place, then the story's main one, then the latest
        candidates = [o for o in out if fits(o)]
        antecedent = max(candidates, key=lambda o: (
            o.reading.plover == d.reading.plover,
            o.place is not None and d.place is not None and near(o.place.entry, d.place.entry),
            len(o.sentences), max(o.sentences)), default=None)
        if antecedent is None:
            if d.participants:
                out.append(d)  # a first mention after all ("the attack on the camp by X")
            continue
        antecedent.absorb_participants(d)
        if antecedent.timex is None and d.timex is not None:
            antecedent.timex = d.timex
        if antecedent.place is None and d.place is not None:
            antecedent.place = d.place
        if here not in antecedent.sentences:
            antecedent.sentences.append(here)
    return out


def claimed_responsibility(ctx: Context, drafts: list[Draft]) -> None:
    """'JNIM claimed responsibility', 'the group claimed the attack': the claimant is named as the author
    of the latest attack told in the three sentences before (or in the same one)."""
    for t in ctx.doc:
        if t.lemma_.lower() != "claim" or t.pos_ != "VERB":
            continue
        objs = [c for c in t.children if c.dep_ == "dobj"]
        if not objs or objs[0].lemma_.lower() not in ("responsibility", "attack", "assault", "ambush", "raid",
                                                      "bombing", "killing", "abduction", "kidnapping"):
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        claimants = mentions_of(ctx, subj) if subj is not None else []
        here = ctx.sent_index[t.i]
        target = next((d for d in reversed(drafts) if d.reading.plover == "ASSAULT"
                       and here - 5 <= d.sentences[0] <= here and d.trigger.i < t.i), None)
        if target is None:
            continue
        for m in claimants:
            target.add(m, "source")
        if here not in target.sentences:
            target.sentences.append(here)
