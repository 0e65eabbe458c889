"""Reports built by hand: each test states only what it varies."""
from __future__ import annotations

from datetime import date

from sahelwatch.link import make_report
from sahelwatch.link.settings import load_settings

BOULKESSI = dict(place_name="Boulkessi", country="ML", admin1="Mopti", lat=14.53, lon=-1.63, feature="town")
DJIBO = dict(place_name="Djibo", country="BF", admin1="Sahel", lat=14.10, lon=-1.63, feature="town")


def report(doc: str, ev: str = "ev_1", *, type: str = "ASSAULT", day: date | None = date(2025, 6, 1),
           end: date | None = None, precision: str = "day", place: dict | None = None,
           actors: tuple[tuple[str, str], ...] = (("jnim", "source"), ("fama", "target")), **kw):
    where = BOULKESSI if place is None else place
    return make_report(key=(doc, ev), type=type, settings=load_settings(), start=day, end=end or day,
                       precision=precision, participants=[(a, a.upper(), role) for a, role in actors],
                       **where, **kw)
