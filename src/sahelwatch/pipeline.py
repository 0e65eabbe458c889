"""``analyze(text) -> Analysis``: the stages, in order, over one document.

Stages run one way: nlp -> actor mentions -> time -> places -> quantities -> events -> claims (and the
accusations they carry) -> relations. Each stage is a plain function over the Context, testable alone.
"""
from __future__ import annotations

from datetime import date

from sahelwatch.errors import InputError
from sahelwatch.extract.accusations import accusation_events
from sahelwatch.extract.actors import build_actors
from sahelwatch.extract.claims import extract_claims, link_relations
from sahelwatch.extract.context import Context
from sahelwatch.extract.events import extract_events
from sahelwatch.extract.mentions import extract_mentions
from sahelwatch.extract.places import extract_places
from sahelwatch.extract.quantities import extract_quantities
from sahelwatch.extract.relations import extract_relations
from sahelwatch.extract.time import extract_timexes
from sahelwatch.french import normalise_typography
from sahelwatch.kb.actors import load_actors
from sahelwatch.language import resolve_language
from sahelwatch.model import Analysis, Document
from sahelwatch.nlp import load_nlp

MAX_CHARS = 1_000_000


def parse_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"bad publication date {value!r}: expected YYYY-MM-DD") from exc


def parser_text(text: str, language: str) -> str:
    """The text the parser reads: French typography normalised (evidence keeps the original)."""
    return normalise_typography(text) if language == "fr" else text


def analyze_document(document: Document) -> Analysis:
    text = document.text
    if not text or not text.strip():
        raise InputError(f"document {document.id}: empty text")
    if len(text) > MAX_CHARS:
        raise InputError(f"document {document.id}: too long ({len(text)} characters, limit {MAX_CHARS})")
    doc = load_nlp(document.language)(parser_text(text, document.language))
    ctx = Context(doc=doc, doc_id=document.id, published=document.published, kb=load_actors(), text=text)
    extract_mentions(ctx)
    extract_timexes(ctx)
    extract_places(ctx)
    extract_quantities(ctx)
    events = extract_events(ctx)
    claims = extract_claims(ctx, events)
    events += accusation_events(ctx, claims, events)
    relations = extract_relations(ctx, events)
    link_relations(claims, relations)
    return Analysis(document=document, actors=build_actors(ctx), events=events, relations=relations,
                    claims=claims)


def analyze(text: str, *, published=None, source: str | None = None, doc_id: str | None = None,
            title: str | None = None, language: str | None = None) -> Analysis:
    """Analyse one article; its language (English or French) is detected unless given."""
    document = Document.from_text(text, id=doc_id, published=parse_date(published), source=source, title=title,
                                  language=resolve_language(language, text))
    return analyze_document(document)
