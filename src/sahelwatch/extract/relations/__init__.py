"""Relations between actors: stated in the text, or inferred from the events it reports.

Stated relations come from titles ("Algerian Foreign Minister Ahmed Attaf"), relation nouns ("its alliance
with Mali", "a crisis between Algiers and Bamako"), relation verbs ("ostracized by", "who runs", "replaced
by"), hyphenated modifiers ("al-Qaeda-affiliated", "pro-army") and, where the sentence speaks of structure
("umbrella", "merged"), the knowledge base's dated relations between the actors it names. Inferred ones
come from events: attackers against their targets are hostile, co-attackers and signatories cooperative.
"""
from __future__ import annotations

from sahelwatch.extract.context import Context
from sahelwatch.extract.relations.base import RelationSet
from sahelwatch.extract.relations.inferred import (
    from_events,
    people_with_their_organisations,
    structural_from_kb,
)
from sahelwatch.extract.relations.people import (
    appositive_titles,
    titled_people,
    under_person,
)
from sahelwatch.extract.relations.phrases import (
    demonym_patron,
    hyphenated,
    joint_actions,
    possessive_patron,
    relation_nouns,
    relation_verbs,
)
from sahelwatch.model import Event, Relation


def extract_relations(ctx: Context, events: list[Event]) -> list[Relation]:
    rs = RelationSet(ctx)
    titled_people(ctx, rs)
    appositive_titles(ctx, rs)
    possessive_patron(ctx, rs)
    demonym_patron(ctx, rs)
    under_person(ctx, rs)
    hyphenated(ctx, rs)
    relation_nouns(ctx, rs)
    relation_verbs(ctx, rs)
    joint_actions(ctx, rs)
    structural_from_kb(ctx, rs)
    people_with_their_organisations(ctx, rs)
    from_events(ctx, rs, events)
    return list(rs.items.values())
