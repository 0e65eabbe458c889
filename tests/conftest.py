"""Shared fixtures: the spaCy pipeline (loaded once), contexts built from small original texts, and the
location of ../shared (absent on a user's fresh clone, present in CI)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"../shared is absent ({SHARED}): the reference article and scorer are only in CI")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from sahelwatch.nlp import load_nlp

    return load_nlp("en")


@pytest.fixture
def make_ctx(nlp):
    """Context for a text, with the stages up to ``upto`` run: mentions, time, places, quantities."""
    from sahelwatch.extract.context import Context
    from sahelwatch.extract.mentions import extract_mentions
    from sahelwatch.extract.places import extract_places
    from sahelwatch.extract.quantities import extract_quantities
    from sahelwatch.extract.time import extract_timexes
    from sahelwatch.kb.actors import load_actors

    order = [extract_mentions, extract_timexes, extract_places, extract_quantities]

    def build(text: str, published: str | None = "2025-06-10", upto: int = 4):
        ctx = Context(doc=nlp(text), doc_id="t", published=date.fromisoformat(published) if published else None,
                      kb=load_actors())
        for stage in order[:upto]:
            stage(ctx)
        return ctx

    return build
