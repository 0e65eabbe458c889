"""Temporal expressions resolved to intervals.

Absolute ("June 6, 2025", "in October 2024"), partial ("in early April 2025", "early 2024", "mid-March")
and relative ones ("the next day", "over the past weekend", "in recent weeks", "last Tuesday") become
[first, last] date intervals with a precision. Relative expressions are anchored on the narrative time (the
last day-precise date told before them) or, for deictic ones, on the publication date.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from sahelwatch.extract.context import Context, Timex

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1, "an": 1, "a few": 3, "few": 3, "several": 3}

MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
PART = r"(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)[\s-]*"
YEAR = r"(?P<year>(?:19|20)\d\d)"

PATTERNS: list[tuple[str, str]] = [
    ("mdy", rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{YEAR})?\b"),
    ("dmy", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?\b"),
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    ("part_month", rf"\b{PART}{MONTH}(?:,?\s+{YEAR})?\b"),
    ("month", rf"\b(?i:in|during|since|by|until|from|of|last|this|next)?\s*{MONTH}\s+{YEAR}\b"),
    ("part_year", rf"\b{PART}{YEAR}\b"),
    ("month_only", rf"\b(?P<prep>(?i:in|during|since|by|until|from|last|this|next|on|early|late|mid))\s+{MONTH}(?!\s+\d)\b"),
    ("year", rf"\b(?P<prep>in|during|since|by|until|from|of|throughout|early|late)\s+{YEAR}\b(?!\s*[-–]\s*\d)"),
    ("year_bare", rf"(?<![\d,.$%-])\b{YEAR}\b(?![-–]\d|\s*%|,\d)"),
    ("next_day", r"\b(?:the\s+)?(?P<dir>next|following|previous|preceding)\s+(?P<unit>day|morning|evening|night|week|month)\b"),
    ("day_before", r"\b(?:(?:a|one)\s+day\s+(?P<dir>later|earlier)|the\s+day\s+(?P<dir2>before|after)(?=\s*[,.;]))\b"),
    ("n_later", r"\b(?P<n>two|three|four|five|six|seven|a few|several|\d+)\s+(?P<unit>days|weeks|months)\s+(?P<dir>later|earlier|afterwards|(?:before|after)(?=\s+(?:that|this|it)\b))\b"),
    ("hours_after", r"\b(?:just\s+|only\s+|a\s+few\s+)?hours\s+(?P<dir>after|before|later|earlier)\b"),
    ("weekend", r"\b(?:over\s+)?(?P<which>the\s+past|last|this|the\s+previous)\s+weekend\b"),
    ("recent", r"\b(?:in|over|during)\s+(?:the\s+)?(?P<which>recent|past|last)\s+(?:(?P<n>few|two|three|several|\d+)\s+)?(?P<unit>days|weeks|months|years)\b"),
    ("last_unit", r"\b(?P<which>last|this|next|earlier this|later this)\s+(?P<unit>week|month|year)\b"),
    ("weekday", r"\b(?:(?P<which>last|this|on|next)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ("in_month", r"\b(?P<part>early|late|mid|later|earlier)?[\s-]*(?:in\s+)?(?P<which>the\s+same|that|the|the\s+following|the\s+next|the\s+previous)\s+month\b"),
    ("deictic", r"\b(?P<word>yesterday|today|tonight|this morning|on the same day|the same day)\b"),
]
COMPILED = [(name, re.compile(rx, re.IGNORECASE if name not in ("mdy", "dmy", "part_month", "month",
                                                                  "month_only") else 0))
            for name, rx in PATTERNS]


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month_num(s: str) -> int:
    s = s.lower().rstrip(".")
    return MONTHS.get(s) or MONTHS[s[:3]]


def _year_for_month(month: int, day: int | None, ref: date | None) -> int | None:
    """A date given without a year is the latest such date not after the reference (news reports the past)."""
    if ref is None:
        return None
    try:
        candidate = date(ref.year, month, day or 1)
    except ValueError:
        return ref.year
    return ref.year if candidate <= ref + timedelta(days=7) else ref.year - 1


def _part(part: str | None, first: date, last: date) -> tuple[date, date, str]:
    """'early', 'mid', 'late' of a month are its thirds (1-10, 11-20, 21-end); of a year, its thirds too."""
    if not part:
        return first, last, "month" if (last - first).days < 32 else "year"
    part = part.lower()
    if (last - first).days < 32:
        if part in ("early", "the beginning of", "the start of"):
            return first, first + timedelta(days=9), "week"
        if part in ("mid", "the middle of"):
            return first + timedelta(days=10), first + timedelta(days=19), "week"
        return first + timedelta(days=20), last, "week"
    if part in ("early", "the beginning of", "the start of"):
        return first, date(first.year, 4, 30), "season"
    if part in ("mid", "the middle of"):
        return date(first.year, 5, 1), date(first.year, 8, 31), "season"
    return date(first.year, 9, 1), last, "season"


def _units(unit: str) -> int:
    return {"day": 1, "morning": 1, "evening": 1, "night": 1, "week": 7, "month": 30, "year": 365}[unit.rstrip("s")]


def resolve(kind: str, g: dict, published: date | None, anchor: date | None,
            month_anchor: date | None = None) -> tuple[date, date, str, bool] | None:
    """One matched expression -> (first, last, precision, relative), or None if it cannot be anchored."""
    if kind in ("mdy", "dmy", "iso"):
        month = int(g["month"]) if kind == "iso" else _month_num(g["month"])
        day = int(g["day"])
        year = int(g["year"]) if g.get("year") else _year_for_month(month, day, published)
        if year is None:
            return None
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return d, d, "day", not g.get("year")
    if kind in ("part_month", "month", "month_only"):
        month = _month_num(g["month"])
        year = int(g["year"]) if g.get("year") else _year_for_month(month, None, published)
        if year is None:
            return None
        if kind == "month_only" and (g.get("prep") or "").lower() == "last" and published is not None \
                and date(year, month, 1) > published.replace(day=1) - timedelta(days=1):
            year -= 1  # "last November" in a November story is a year back
        first, last = date(year, month, 1), _month_end(year, month)
        if kind == "part_month":
            first, last, prec = _part(g.get("part"), first, last)
            return first, last, prec, not g.get("year")
        return first, last, "month", not g.get("year")
    if kind in ("part_year", "year", "year_bare"):
        year = int(g["year"])
        first, last = date(year, 1, 1), date(year, 12, 31)
        part = g.get("part") or (g.get("prep") if g.get("prep") in ("early", "late") else None)
        if part:
            first, last, _ = _part(part, first, last)
            return first, last, "season", False
        return first, last, "year", False
    if kind in ("next_day", "day_before", "n_later", "hours_after"):
        if anchor is None:
            return None
        direction = (g.get("dir") or g.get("dir2") or "after").lower()
        sign = -1 if direction in ("previous", "preceding", "earlier", "before") else 1
        if kind == "hours_after":
            return (anchor - timedelta(days=1), anchor, "day", True) if sign < 0 else \
                (anchor, anchor + timedelta(days=1), "day", True)
        n = 1
        if kind == "n_later":
            n = int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS.get(g["n"].lower(), 3)
        step = n * _units(g.get("unit", "day"))
        d = anchor + timedelta(days=sign * step)
        if step == 1:
            return d, d, "day", True
        slack = max(1, step // 7)
        return d - timedelta(days=slack), d + timedelta(days=slack), "week" if step < 30 else "month", True
    if kind == "in_month":
        # "late in the month", "later that month": the month the story is in
        ref = month_anchor
        if ref is None:
            return None
        which = g.get("which", "").lower()
        if "following" in which or "next" in which:
            ref = (ref.replace(day=28) + timedelta(days=4)).replace(day=1)
        elif "previous" in which:
            ref = (ref.replace(day=1) - timedelta(days=1)).replace(day=1)
        first, last = ref.replace(day=1), _month_end(ref.year, ref.month)
        part = {"later": "late", "earlier": "early"}.get((g.get("part") or "").lower(), g.get("part"))
        if part:
            first, last, prec = _part(part, first, last)
            return first, last, prec, True
        return first, last, "month", True
    if published is None:
        return None
    if kind == "weekend":
        which = g["which"].lower()
        days_since_sunday = (published.weekday() + 1) % 7
        sunday = published - timedelta(days=days_since_sunday)
        if which == "this" and published.weekday() >= 5:
            sunday = published + timedelta(days=6 - published.weekday())
        saturday = sunday - timedelta(days=1)
        # a weekend story filed on Monday may reach back to Friday evening
        return saturday - timedelta(days=1), sunday, "week", True
    if kind == "recent":
        unit = _units(g["unit"])
        n = g.get("n")
        count = int(n) if n and n.isdigit() else NUMBER_WORDS.get((n or "few").lower(), 3)
        if g["which"].lower() == "recent":
            count = 4 if unit == 7 else 3 if unit == 30 else count
        return published - timedelta(days=count * unit), published, "month" if unit >= 30 else "week", True
    if kind == "last_unit":
        which, unit = g["which"].lower(), g["unit"].lower()
        if unit == "week":
            monday = published - timedelta(days=published.weekday())
            if which == "last":
                return monday - timedelta(days=7), monday - timedelta(days=1), "week", True
            return monday, published, "week", True
        if unit == "month":
            if which == "last":
                last = published.replace(day=1) - timedelta(days=1)
                return last.replace(day=1), last, "month", True
            return published.replace(day=1), published, "month", True
        if which == "last":
            return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31), "year", True
        return date(published.year, 1, 1), published, "year", True
    if kind == "weekday":
        target = WEEKDAYS[g["weekday"].lower()]
        back = (published.weekday() - target) % 7
        if (g.get("which") or "").lower() == "last" and back == 0:
            back = 7
        d = published - timedelta(days=back)
        return d, d, "day", True
    if kind == "deictic":
        word = g["word"].lower()
        if "same day" in word:
            return (anchor, anchor, "day", True) if anchor else None
        d = published - timedelta(days=1) if word == "yesterday" else published
        return d, d, "day", True
    return None


def _char_to_token(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


def extract_timexes(ctx: Context) -> list[Timex]:
    """All temporal expressions, left to right, each resolved against the narrative so far."""
    text = ctx.doc.text
    found: list[tuple[int, int, str, dict]] = []
    covered: list[tuple[int, int]] = []
    for name, rx in COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            # strip a leading preposition from the span but keep it for the reading
            if any(s < ce and cs < e for cs, ce in covered):
                continue
            covered.append((s, e))
            found.append((s, e, name, {k: v for k, v in m.groupdict().items() if v}))
    found.sort()
    anchor: date | None = None
    month_anchor: date | None = None
    out: list[Timex] = []
    for s, e, name, g in found:
        resolved = resolve(name, g, ctx.published, anchor, month_anchor)
        if resolved is None:
            continue
        first, last, precision, relative = resolved
        if name == "year_bare" and not _plausible_bare_year(text, s, e):
            continue
        toks = _char_to_token(ctx, s, e)
        if toks is None:
            continue
        out.append(Timex(toks[0], toks[1], text[s:e].strip(), first, last, precision, relative))
        if precision == "day":
            anchor = first
        if precision in ("day", "week", "month"):
            month_anchor = first
    ctx.timexes = out
    return out


def _plausible_bare_year(text: str, s: int, e: int) -> bool:
    """A lone four-digit number is a year unless it counts something ("2000 fighters")."""
    after = text[e:e + 12].lower()
    return not re.match(r"\s+(?:[a-z]+\s+)?(?:people|fighters|soldiers|troops|men|dead|killed|civilians|km|"
                        r"kilometres|kilometers|personnel|operatives|tonnes|dollars|euros)", after)
