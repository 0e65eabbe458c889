"""Numbers of people, above all the dead.

Figures in digits or words, ranges and vague quantities are read with their bounds; a figure is a fatality
count when a death word governs it in the same clause ("the deaths of 84 fighters and 47 soldiers",
"killing at least 20", "12 dead"). ACLED's conservative rule is applied by keeping the lower bound.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sahelwatch.extract.context import Context

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
#: vague quantities, by ACLED's reading: "dozens" 12, "tens" 10, "several"/"a few" 3, "scores" 20,
#: "hundreds" 100
VAGUE = {"a dozen": 12, "dozens of": 12, "dozens": 12, "tens of": 10, "several": 3, "a few": 3, "a handful of": 3,
         "scores of": 20, "hundreds of": 100, "hundreds": 100, "a hundred": 100, "some": 3, "many": 10,
         "numerous": 10}

WORD_NUM = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{WORD_NUM}(?:\s+hundred)?)"
QUANT_RX = re.compile(
    rf"\b(?:(?P<mod>at least|more than|over|nearly|almost|about|around|some|roughly|approximately|up to|as many as|"
    rf"fewer than|less than)\s+)?"
    rf"(?:between\s+(?P<lo>{NUM})\s+and\s+(?P<hi>{NUM})|(?P<a>{NUM})\s*(?:-|–|to)\s*(?P<b>{NUM})(?!\s*%)|"
    rf"(?P<vague>a dozen|dozens of|dozens|tens of|several|a few|a handful of|scores of|hundreds of|hundreds|many|numerous)|"
    rf"(?P<n>{NUM}))\b(?![-‐]\w)(?!\s*(?:%|percent|per cent|km|kilomet|miles|years?\b|days?\b|hours?\b|months?\b|times\b|o'clock))",
    re.IGNORECASE)
DEATH_WORDS = {"killed", "kill", "killing", "dead", "deaths", "death", "died", "die", "lives", "fatalities",
               "bodies", "massacred", "slain", "executed", "toll", "perished", "lost", "neutralised",
               "neutralized"}
WOUND_WORDS = {"wounded", "injured", "injuring", "wounding", "hurt"}
PEOPLE_WORDS = {"people", "civilians", "soldiers", "fighters", "troops", "militants", "jihadists", "villagers",
                "men", "women", "children", "persons", "assailants", "attackers", "gunmen", "members",
                "personnel", "gendarmes", "policemen", "mercenaries", "operatives", "rebels", "terrorists"}


def word_number(text: str) -> int | None:
    s = text.lower().replace(",", "").strip()
    if s.isdigit():
        return int(s)
    if s in VAGUE:
        return VAGUE[s]
    total = 0
    parts = re.split(r"[- ]+", s)
    for p in parts:
        if p in UNITS:
            total += UNITS[p]
        elif p in TENS:
            total += TENS[p]
        elif p == "hundred":
            total = max(total, 1) * 100
        else:
            return None
    return total


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    value: int
    low: int
    high: int
    kind: str = "other"


def _read(m: re.Match) -> tuple[int, int] | None:
    g = m.groupdict()
    if g.get("lo"):
        lo, hi = word_number(g["lo"]), word_number(g["hi"])
    elif g.get("a"):
        lo, hi = word_number(g["a"]), word_number(g["b"])
    elif g.get("vague"):
        lo = hi = VAGUE[g["vague"].lower()]
    else:
        lo = hi = word_number(g["n"])
    if lo is None or hi is None:
        return None
    mod = (g.get("mod") or "").lower()
    if mod in ("more than", "over"):
        hi = max(hi, lo + 1)
    if mod in ("up to", "as many as", "fewer than", "less than"):
        lo = min(lo, hi)
    return min(lo, hi), max(lo, hi)


def extract_quantities(ctx: Context) -> list[Quantity]:
    doc, out = ctx.doc, []
    for sent in ctx.sents:
        for m in QUANT_RX.finditer(sent.text):
            bounds = _read(m)
            if bounds is None:
                continue
            span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if span is None:
                continue
            # a year or a date is not a count
            if re.fullmatch(r"(?:19|20)\d\d", m.group(0).strip()):
                continue
            if any(t.start <= span.start < t.end for t in ctx.timexes):
                continue
            lo, hi = bounds
            if span.start > 0 and doc[span.start - 1].norm_ in ("how", "no") or span.text.lower() == "how many":
                continue  # "has not said how many people died"
            out.append(Quantity(span.start, span.end, span.text, lo, lo, hi, _kind(ctx, span.start, span.end)))
    ctx.quantities = out
    return out


def _kind(ctx: Context, start: int, end: int) -> str:
    """'fatalities' when a death word is the nearest casualty word in the clause, 'wounded' for injuries,
    'subset' for a part of a figure already given ("including 56 children", "many of them pupils")."""
    doc = ctx.doc
    sent = ctx.sent_of(start)
    if start > 0 and doc[start - 1].norm_ in ("including", "incl") or \
            doc[end: end + 2].text.lower() in ("of them", "of whom", "of which"):
        return "subset"
    left = []
    for t in reversed(doc[max(sent.start, start - 8): start]):
        if t.text in (";", ":"):
            break
        left.append(t)
    right = []
    for t in doc[end: min(sent.end, end + 8)]:
        if t.text in (";", ":"):
            break
        right.append(t)
    best, best_dist = "other", 99
    for t in left + right:
        word = t.norm_
        dist = start - t.i if t.i < start else t.i - end + 1
        if word in DEATH_WORDS and dist < best_dist:
            if word == "lost" and "lives" not in [x.norm_ for x in doc[t.i: t.i + 4]]:
                continue
            best, best_dist = "fatalities", dist
        elif word in WOUND_WORDS and dist < best_dist:
            best, best_dist = "wounded", dist
    if best == "other":
        nxt = doc[end: end + 3]
        if any(t.norm_ in PEOPLE_WORDS for t in nxt):
            return "people"
    return best


CONTRAST = {"while", "whereas", "but", "although", "though", "claimed", "said", "according", "however", "or"}


def fatalities_in(doc, quantities: list[Quantity], start: int, end: int) -> tuple[int, str] | None:
    """Fatalities reported within a token range. Figures joined by "and" count different victims and are
    added up ("84 fighters and 47 soldiers"); figures set against each other ("the army said 12, the group
    claimed 50") are alternatives, and the lowest is kept, as ACLED does."""
    found = sorted((q for q in quantities if q.kind == "fatalities" and start <= q.start < end),
                   key=lambda q: q.start)
    if not found:
        return None
    total = found[0].value
    texts = [found[0].text]
    for prev, q in zip(found, found[1:]):
        between = {t.norm_ for t in doc[prev.end:q.start]}
        if "and" in between and not between & CONTRAST:
            total += q.value
        else:
            total = min(total, q.value)
        texts.append(q.text)
    return total, "; ".join(texts)
