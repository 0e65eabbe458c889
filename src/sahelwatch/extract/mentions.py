"""All actor mentions of a document, in one pass: curated names and surnames, demonym phrases, new
candidate actors, then references resolved against them."""
from __future__ import annotations

from sahelwatch.extract.actors import (
    find_demonym_mentions,
    find_kb_mentions,
    find_new_actor_mentions,
    find_surname_mentions,
)
from sahelwatch.extract.context import Context, Mention
from sahelwatch.extract.coreference import focus_state, resolve_references


def extract_mentions(ctx: Context) -> list[Mention]:
    mentions = find_kb_mentions(ctx)
    mentions += find_surname_mentions(ctx, mentions)
    taken = {i for m in mentions for i in m.tokens}
    mentions += find_demonym_mentions(ctx, taken)
    taken = {i for m in mentions for i in m.tokens}
    mentions += find_new_actor_mentions(ctx, taken)
    mentions.sort(key=lambda m: m.start)
    ctx.focus_state = focus_state(ctx, mentions)
    mentions += resolve_references(ctx, mentions)
    mentions.sort(key=lambda m: m.start)
    ctx.mentions = mentions
    return mentions

