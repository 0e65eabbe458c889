"""The event date with ACLED's time precision (1 day, 2 week or a span of days, 3 month), from explicit, partial
("On February 8") and relative ("yesterday", "last Sunday") expressions, anchored on the report date by the
time stage. A report with no date expression is dated to its publication with precision 2: ACLED's "within
the week" is the honest reading of a report that only says the event happened recently."""
from __future__ import annotations

from datetime import date, timedelta

from sahelwatch.extract.context import Context, Timex

#: a date this long before the report is background ("the attack of March 2016"), not the event itself
BACKGROUND_DAYS = 45


def _precision(t: Timex) -> int:
    if t.precision == "day" and t.first == t.last:
        return 1
    if t.precision in ("day", "week") and (t.last - t.first).days <= 10:
        return 2
    return 3


def code_date(ctx: Context, published: date | None) -> tuple[date, int, str]:
    """(event date, time precision, the expression it came from)."""
    usable = [t for t in ctx.timexes if published is None or t.last <= published + timedelta(days=1)]
    recent = [t for t in usable if published is None or (published - t.last).days <= BACKGROUND_DAYS]
    for pool in (recent, usable):
        if pool:
            t = min(pool, key=lambda x: (_precision(x), x.start))
            swapped = _swapped(t, published)
            if swapped is not None:
                return swapped, _precision(t), f"{t.text} (day and month swapped)"
            return t.first, _precision(t), t.text
    if published is None:
        raise ValueError("a report with no date expression needs a publication date")
    return published, 2, ""


def _swapped(t: Timex, published: date | None) -> date | None:
    """A day-precise date months before the report whose day and month, swapped, fall in the report's last two
    weeks ("On May 1" in a report of 7 January: 5 January written month-first): the swapped reading."""
    if published is None or t.precision != "day" or t.first != t.last or (published - t.first).days <= BACKGROUND_DAYS:
        return None
    if t.first.day > 12:
        return None
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, t.first.day, t.first.month)
        except ValueError:
            return None
        if 0 <= (published - candidate).days <= 14:
            return candidate
    return None
