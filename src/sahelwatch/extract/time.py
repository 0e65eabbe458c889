"""Temporal expressions resolved to intervals.

Absolute ("June 6, 2025", "in October 2024"), partial ("in early April 2025", "early 2024", "mid-March")
and relative ones ("the next day", "over the past weekend", "in recent weeks", "last Tuesday") become
[first, last] date intervals with a precision. Relative expressions are anchored on the narrative time (the
last day-precise date told before them) or, for deictic ones, on the publication date.

Each language has its own patterns (``GRAMMARS``, chosen by ``doc.lang_``; English when the language has none):
French ones ("le 1er avril", "début 2024", "le lendemain", "dans la nuit de samedi à dimanche") capture the same
groups as the English ones, and their French words are translated into the English ones before ``resolve``, so
one resolver gives both languages the same semantics.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
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

MONTH_NAMES = r"January|February|March|April|May|June|July|August|September|October|November|December"

PATTERNS_EN: list[tuple[str, str]] = [
    # "between 27 and 31 March 2022", "from 27 March to 1 April", "27-31 March": the whole span
    ("day_range", rf"\b(?:between|from)\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<month1>{MONTH_NAMES}))?\s+"
                  rf"(?:and|to|until)\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+{YEAR})?\b"),
    ("day_range", rf"\b(?P<day>\d{{1,2}})\s*[-–]\s*(?P<day2>\d{{1,2}})\s+{MONTH}(?:,?\s+{YEAR})?\b"),
    # "in May and June 2015", "between March and May": one span, the year told once for both
    ("month_range", rf"\b(?:(?:in|during|between|from)\s+)?(?P<month1>{MONTH_NAMES})\s+(?:and|to|through|or|-|–)\s+"
                    rf"{MONTH}(?:,?\s+{YEAR})?\b(?!\s+\d)"),
    ("holiday", r"\b(?P<holiday>New\s+Year['’]s\s+Eve|New\s+Year['’]s\s+Day|Christmas\s+Eve|Christmas\s+Day|Christmas)\b"),
    ("mdy", rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{YEAR})?\b"),
    ("dmy", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?\b"),
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    ("part_month", rf"\b{PART}{MONTH}(?:,?\s+{YEAR})?\b"),
    ("month", rf"\b(?i:in|during|since|by|until|from|of|last|this|next)?\s*{MONTH}\s+{YEAR}\b"),
    ("part_year", rf"\b{PART}{YEAR}\b"),
    ("month_only", rf"\b(?P<prep>(?i:in|during|since|by|until|from|last|this|next|on|early|late|mid))\s+{MONTH}(?!\s+\d)\b"),
    ("year", rf"\b(?P<prep>in|during|since|by|until|from|of|throughout|early|late)\s+{YEAR}\b(?!\s*[-–]\s*\d)"),
    ("year_bare", rf"(?<![\d,.$%-])\b{YEAR}\b(?![-–]\d|\s*%|,\d)"),
    # "in the preceding days", "over the following weeks": a stretch before or after the story's time
    ("following_days", r"\b(?:(?:in|over|during)\s+)?the\s+(?P<dir>next|following|previous|preceding|subsequent)\s+"
                       r"(?:(?P<n>few|two|three|four|five|several|\d+)\s+)?(?P<unit>days|weeks)\b"),
    ("following_days", r"\b(?:(?:in|over|during)\s+)?the\s+(?P<unit>days|weeks)\s+(?:that|which)\s+"
                       r"(?P<dir>followed|preceded)\b"),
    ("next_day", r"\b(?:the\s+)?(?P<dir>next|following|previous|preceding)\s+(?P<unit>day|morning|evening|night|week|month)\b"),
    ("day_before", r"\b(?:(?:a|one)\s+day\s+(?P<dir>later|earlier)|the\s+day\s+(?P<dir2>before|after)(?=\s*[,.;]))\b"),
    ("n_later", r"\b(?:(?P<n>two|three|four|five|six|seven|a few|several|\d+)\s+)?(?P<unit>days|weeks|months|years)\s+(?P<dir>later|earlier|afterwards|(?:before|after)(?=\s+(?:that|this|it)\b))\b"),
    ("n_later", r"\b(?P<n>a|one)\s+(?P<unit>week|month|year)\s+(?P<dir>later|earlier|afterwards)\b"),
    # "two weeks ago", "a year ago": counted back from the publication date
    ("ago", r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+)\s+"
            r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b"),
    ("hours_after", r"\b(?:just\s+|only\s+|a\s+few\s+)?hours\s+(?P<dir>after|before|later|earlier)\b"),
    ("weekend", r"\b(?:over\s+)?(?P<which>the\s+past|last|this|the\s+previous)\s+weekend\b"),
    ("weekend", r"\b(?:over|during|at)\s+(?P<which>the)\s+weekend\b"),
    ("recent", r"\b(?:in|over|during)\s+(?:the\s+)?(?P<which>recent|past|last)\s+(?:(?P<n>few|two|three|several|\d+)\s+)?(?P<unit>days|weeks|months|years)\b"),
    ("last_unit", r"\b(?P<which>last|this|next|earlier this|later this)\s+(?P<unit>week|month|year)\b"),
    ("weekday", r"\b(?:(?P<which>last|this|on|next|that|the\s+following|the\s+next|the\s+previous|the\s+preceding)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ("in_month", r"\b(?P<part>early|late|mid|later|earlier|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)?[\s-]*(?:in\s+)?(?P<which>the\s+same|that|the|the\s+following|the\s+next|the\s+previous)\s+month\b"),
    ("deictic", r"\b(?P<word>yesterday|today|tonight|this morning|on the same day|the same day)\b"),
]
PATTERNS = PATTERNS_EN
COMPILED = [(name, re.compile(rx, re.IGNORECASE if name not in ("mdy", "dmy", "part_month", "month",
                                                                  "month_only", "day_range", "month_range") else 0))
            for name, rx in PATTERNS]


# --- French -----------------------------------------------------------------------------------------------
# The patterns capture the groups the English ones do, in French; _canonical_fr translates their words into
# the English ones ``resolve`` reads. Keys of the tables below are folded: lower case, no accents, "'" apostrophe.

MONTHS_FR = {"janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
             "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
             "novembre": 11, "nov": 11, "decembre": 12, "dec": 12}
WEEKDAYS_FR = {"lundi": "Monday", "mardi": "Tuesday", "mercredi": "Wednesday", "jeudi": "Thursday",
               "vendredi": "Friday", "samedi": "Saturday", "dimanche": "Sunday"}
NUMBER_WORDS_FR = {"un": "1", "une": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "six": "6",
                   "sept": "7", "huit": "8", "neuf": "9", "dix": "10", "quinze": "15", "quelques": "few",
                   "plusieurs": "several"}
#: "début", "mi-", "fin" of a month or a year: English early / mid / late (their thirds); "plus tard" later
PARTS_FR = {"debut": "early", "au debut": "early", "en debut": "early", "au debut de": "early", "mi": "mid",
            "a la mi": "mid", "au milieu": "mid", "au milieu de": "mid", "fin": "late", "a la fin": "late",
            "en fin": "late", "a la fin de": "late", "plus tard": "later", "plus tot": "earlier"}
UNITS_FR = {"jour": "day", "jours": "day", "matin": "morning", "soir": "evening", "soiree": "evening",
            "nuit": "night", "semaine": "week", "semaines": "week", "mois": "month", "an": "year", "ans": "year",
            "annee": "year", "annees": "year"}
DIRECTIONS_FR = {"suivant": "following", "suivante": "following", "d'apres": "following", "precedent": "previous",
                 "precedente": "previous", "d'avant": "previous", "plus tard": "later", "plus tot": "earlier",
                 "auparavant": "earlier", "apres": "after", "avant": "before"}
DEICTIC_FR = {"hier": "yesterday", "avant-hier": "the day before yesterday", "aujourd'hui": "today",
              "ce matin": "this morning", "ce soir": "tonight", "cette nuit": "tonight"}
#: "derniers"/"dernières" after a count ("ces trois dernières semaines") is "the last three weeks"; alone
#: ("ces dernières semaines") it is English "recent"
LAST_FR = {"dernier", "derniere", "derniers", "dernieres", "passe", "passee", "passes", "passees", "ecoules",
           "ecoulees"}

#: fixed-date holidays, in the English names ``resolve`` reads
HOLIDAYS_FR = {"saint-sylvestre": "New Year's Eve", "reveillon": "New Year's Eve", "jour de l'an": "New Year's Day",
               "veille de noel": "Christmas Eve", "noel": "Christmas"}
HOLIDAYS = {"new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24), "christmas day": (12, 25),
            "christmas": (12, 25)}

_A = r"['’]"
MONTH_ALT_FR = (r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
                r"(?:janv|f[ée]vr|avr|juil|sept|oct|nov|d[ée]c)\.")  # abbreviations only with their full stop
MONTH_FR = rf"(?P<month>{MONTH_ALT_FR})"
WEEKDAY_ALT_FR = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
DAY_FR = r"(?P<day>\d{1,2})(?:er|ᵉʳ)?"
PART_FR = (r"au\s+d[ée]but|[àa]\s+la\s+fin|[àa]\s+la\s+mi|au\s+milieu|en\s+d[ée]but|en\s+fin|d[ée]but|fin|mi")
NIGHT_FR = r"(?:(?:dans|pendant|durant|au\s+cours\s+de)\s+)?la\s+nuit\s+"
COUNT_FR = r"deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|quelques|plusieurs|une?"
MONTH_PREP_FR = (rf"en|depuis|d[èe]s|durant|pendant|courant|jusqu{_A}en|au\s+cours\s+du\s+mois\s+d(?:e|{_A})|"
                 rf"au\s+mois\s+d(?:e|{_A})|le\s+mois\s+d(?:e|{_A})|ce\s+mois\s+d(?:e|{_A})")
SPAN_FR = r"(?:dans|durant|pendant|lors|sur|depuis|au\s+cours)"

PATTERNS_FR: list[tuple[str, str]] = [
    # "dans la nuit du 4 au 5 juin", "la nuit du samedi 31 mai au dimanche 1er juin 2025"
    ("night_dates", rf"\b{NIGHT_FR}du\s+(?:(?:{WEEKDAY_ALT_FR})\s+)?{DAY_FR}(?:\s+(?P<month1>{MONTH_ALT_FR}))?\s+au\s+"
                    rf"(?:(?:{WEEKDAY_ALT_FR})\s+)?(?P<day2>\d{{1,2}})(?:er|ᵉʳ)?\s+{MONTH_FR}(?:\s+{YEAR})?(?!\w)"),
    # "dans la nuit de samedi à dimanche"
    ("night_weekdays", rf"\b{NIGHT_FR}(?:de|du)\s+(?P<weekday>{WEEKDAY_ALT_FR})\s+(?:au|[àa])\s+"
                       rf"(?P<weekday2>{WEEKDAY_ALT_FR})(?:\s+(?P<which>derniers|dernier|pass[ée]s?))?(?!\w)"),
    # "du 27 au 31 mars 2022", "entre le 27 mars et le 2 avril": the whole span
    ("day_range", rf"\b(?:du|entre\s+le)\s+(?:(?:{WEEKDAY_ALT_FR})\s+)?{DAY_FR}(?:\s+(?P<month1>{MONTH_ALT_FR}))?\s+"
                  rf"(?:au|et\s+le)\s+(?:(?:{WEEKDAY_ALT_FR})\s+)?(?P<day2>\d{{1,2}})(?:er|ᵉʳ)?\s+{MONTH_FR}(?:\s+{YEAR})?(?!\w)"),
    # "la Saint-Sylvestre", "le jour de l'An", "Noël"
    ("holiday", rf"\b(?P<holiday>(?:la\s+)?Saint-Sylvestre|r[ée]veillon\s+du\s+(?:Nouvel\s+An|31\s+d[ée]cembre)|"
                rf"jour\s+de\s+l{_A}an|veille\s+de\s+No[ëe]l|No[ëe]l)(?!\w)"),
    # "26 juillet 2024", "mardi 4 juin", "1er octobre 2022"
    ("dmy", rf"\b(?:(?P<weekday>{WEEKDAY_ALT_FR})\s+)?{DAY_FR}\s+{MONTH_FR}(?:\s+{YEAR})?(?!\w)"),
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    ("iso", r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d\d)\b"),  # 26/07/2024
    # "en mai et juin 2015", "de mai à juin", "entre mars et mai 2024": one span, the year told once for both
    ("month_range", rf"\b(?:(?:en|entre|de|d{_A})\s*)?(?P<month1>{MONTH_ALT_FR})\s+(?:et|[àa]|-|ou)\s+{MONTH_FR}"
                    rf"(?:\s+{YEAR})?(?!\w)(?!\s+\d)"),
    # "début avril", "mi-mars", "à la fin du mois de mars", "début avril 2025"
    ("part_month", rf"\b(?P<part>{PART_FR})[\s-]*(?:du\s+mois\s+d(?:e\s+|{_A}\s*)|de\s+|d{_A})?{MONTH_FR}"
                   rf"(?:\s+{YEAR})?(?!\w)"),
    # "en avril 2025", "avril 2025", "au mois d'avril 2025"
    ("month", rf"\b(?:(?:{MONTH_PREP_FR})\s*)?{MONTH_FR}\s+{YEAR}(?!\w)"),
    # "début 2024", "fin 2021", "à la fin de l'année 2021"
    ("part_year", rf"\b(?P<part>{PART_FR})[\s-]*(?:de\s+l{_A}ann[ée]e\s+|de\s+)?{YEAR}(?!\w)"),
    # "en avril", "courant mars", "en avril dernier", "avril dernier"
    ("month_only", rf"\b(?P<prep>{MONTH_PREP_FR})\s*{MONTH_FR}(?:\s+(?P<last>derniers?))?(?!\w)(?!\s+\d)"),
    ("month_only", rf"\b{MONTH_FR}\s+(?P<last>derniers?)(?!\w)"),
    # "en 2019", "depuis 2012", "courant 2023"
    ("year", rf"\b(?P<prep>en|depuis|d[èe]s|durant|pendant|courant|jusqu{_A}en|au\s+cours\s+de(?:\s+l{_A}ann[ée]e)?|"
             rf"tout\s+au\s+long\s+de)\s+{YEAR}(?!\w)(?!\s*[-–]\s*\d)"),
    # a four-digit year alone; "1 500 soldats" is a count with a thousands space, not the year 1500
    ("year_bare", rf"(?<![\d,.$%-])(?<!\d\s)(?<!\d\u00a0)(?<!\d\u202f)\b{YEAR}\b(?![-–]\d|\s*%|,\d|[\s\u00a0\u202f.]\d{{3}}\b)"),
    # "le lendemain", "la veille" ("la veille de l'attaque" is told from another event, as "the day before the")
    ("next_day", rf"\b(?:le\s+|au\s+)?(?P<word>lendemain|surlendemain)(?:\s+(?:matin|soir))?(?!\w)"
                 rf"(?!\s+(?:de|du|des)\b|\s+d{_A})"),
    ("next_day", rf"\b(?:la\s+)?(?P<word>veille)(?:\s+au\s+soir)?(?!\w)(?!\s+(?:de|du|des)\b|\s+d{_A})"),
    # "le jour suivant", "la semaine précédente", "le mois suivant", "le jour d'après"
    # "dans les jours suivants", "au cours des semaines qui ont suivi", "les jours précédents"
    ("following_days", rf"\b(?:dans|durant|pendant|au\s+cours|lors)\s+(?:les|des|de\s+ces)\s+(?:(?P<n>{COUNT_FR}|\d+)\s+)?"
                       rf"(?P<unit>jours|semaines)\s+(?P<dir>suivants|suivantes|pr[ée]c[ée]dents|pr[ée]c[ée]dentes|"
                       rf"qui\s+ont\s+suivi|qui\s+ont\s+pr[ée]c[ée]d[ée]|qui\s+suivirent|qui\s+suivent)(?!\w)"),
    ("next_day", rf"\b(?:le\s+|la\s+|l{_A})?(?P<unit>jour|matin|soir|soir[ée]e|nuit|semaine|mois)\s+"
                 rf"(?P<dir>suivante?|pr[ée]c[ée]dente?|d{_A}apr[èe]s|d{_A}avant)(?!\w)"),
    # "deux jours plus tard", "trois semaines plus tôt", "quelques jours après, ..." ("après l'attaque" is not)
    ("n_later", rf"\b(?P<n>{COUNT_FR}|\d+)\s+(?P<unit>jours?|semaines?|mois|ans|ann[ée]es?)\s+"
                rf"(?P<dir>plus\s+tard|plus\s+t[ôo]t|auparavant|"
                rf"(?:apr[èe]s|avant)(?=\s*[,.;:]|\s*$|\s+(?:cela|ceci|[çc]a)\b))"),
    # "il y a un an", "il y a deux semaines": counted back from the publication date
    ("ago", rf"\bil\s+y\s+a\s+(?:(?:environ|pr[èe]s\s+d{_A}|plus\s+d{_A})\s*)?(?P<n>{COUNT_FR}|\d+)\s+"
            rf"(?P<unit>jours?|semaines?|mois|ans?|ann[ée]es?)(?!\w)"),
    ("hours_after", r"\b(?:(?:quelques|plusieurs|seulement|[àa]\s+peine|deux|trois|\d+)\s+)?heures\s+"
                    r"(?P<dir>apr[èe]s|avant|plus\s+tard|plus\s+t[ôo]t|auparavant)(?!\w)"),
    # "le week-end dernier", "ce week-end"
    ("weekend", r"\b(?:(?:au\s+cours\s+du|pendant\s+le|durant\s+le|lors\s+du|le)\s+)?(?:week-end|weekend|week\s+end)"
                r"\s+(?P<which>dernier|pass[ée]|pr[ée]c[ée]dent)(?!\w)"),
    ("weekend", r"\b(?:(?:au\s+cours\s+de|pendant|durant|lors\s+de)\s+)?(?P<which>ce)\s+(?:week-end|weekend|week\s+end)(?!\w)"),
    # "ces dernières semaines", "au cours des derniers mois", "ces trois derniers jours", "les mois écoulés"
    ("recent", rf"\b(?:ces|au\s+cours\s+des|durant\s+les|pendant\s+les|lors\s+des|dans\s+les|depuis\s+les|sur\s+les)"
               rf"\s+(?:(?P<n>{COUNT_FR}|\d+)\s+)?(?P<which>derni[eè]re?s|derniers)\s+"
               rf"(?P<unit>jours|semaines|mois|ann[ée]es|ans)(?!\w)"),
    ("recent", rf"\b(?:ces|au\s+cours\s+des|durant\s+les|pendant\s+les|lors\s+des|dans\s+les|depuis\s+les|sur\s+les)"
               rf"\s+(?:(?P<n>{COUNT_FR}|\d+)\s+)?(?P<unit>jours|semaines|mois|ann[ée]es|ans)\s+"
               rf"(?P<which>derni[eè]re?s|derniers|pass[ée]e?s|[ée]coul[ée]e?s)(?!\w)"),
    # "ce mois-là", "plus tard ce mois-là", "le même mois", "à la fin du mois"
    ("in_month", r"\b(?:(?P<part>plus\s+tard|plus\s+t[ôo]t|[àa]\s+la\s+fin\s+de|au\s+d[ée]but\s+de|fin|d[ée]but)\s+)?"
                 r"(?:(?:dans|durant|pendant|en)\s+)?"
                 r"(?P<which>ce\s+mois-l[àa]|ce\s+m[êe]me\s+mois|le\s+m[êe]me\s+mois|du\s+m[êe]me\s+mois)(?!\w)"),
    ("in_month", rf"\b(?P<part>plus\s+tard|plus\s+t[ôo]t|{PART_FR})[\s-]*(?:dans\s+le|du|de)\s+(?P<which>mois)(?!\w)"
                 rf"(?!\s+(?:de\b|d{_A}|suivant|pr[ée]c[ée]dent|derni|prochain|pass))"),
    # "la semaine dernière", "le mois dernier", "l'an dernier", "l'année passée"; "cette semaine", "ce mois-ci"
    ("last_unit", rf"\b(?:la\s+|le\s+|l{_A})(?P<unit>semaine|mois|ann[ée]e|an)\s+(?P<which>derni[eè]re?|pass[ée]e?)(?!\w)"),
    ("last_unit", rf"\b(?P<which>cette|cet|ce)\s+(?P<unit>semaine|mois|ann[ée]e)(?:-ci)?(?!\w)(?!-l[àa])"
                  rf"(?!\s+(?:de\b|d{_A}))"),
    # "mardi", "mardi dernier", "ce mardi"; "ce samedi-là" is the Saturday of the story, not of this week
    ("weekday", rf"\b(?:(?P<which>ce|le)\s+)?(?P<weekday>{WEEKDAY_ALT_FR})(?P<that>-l[àa])?"
                rf"(?:\s+(?P<which2>dernier|pass[ée]|suivant|pr[ée]c[ée]dent))?(?!\w)"),
    ("deictic", rf"\b(?P<word>avant-hier|aujourd{_A}hui|hier|ce\s+matin|ce\s+soir|cette\s+nuit|le\s+jour\s+m[êe]me|"
                rf"le\s+m[êe]me\s+jour|ce\s+m[êe]me\s+jour|du\s+m[êe]me\s+jour|ce\s+jour-l[àa])(?!\w)(?!-l[àa])"),
]
COMPILED_FR = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in PATTERNS_FR]


def _fold(s: str) -> str:
    """Lower case, without accents, one kind of apostrophe and single spaces: the key of the French tables."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s.replace("’", "'").lower()).strip()


def _canonical_fr(kind: str, g: dict) -> tuple[str, dict]:
    """A French match's kind and groups in the English words ``resolve`` reads."""
    f = {k: _fold(v) for k, v in g.items()}
    out: dict = {}
    for key in ("month", "month1"):
        if key in f:
            out[key] = calendar.month_name[MONTHS_FR[f[key].rstrip(".")]] if not f[key].isdigit() else f[key]
    for key in ("day", "day2", "year"):
        if key in f:
            out[key] = f[key]
    for key in ("weekday", "weekday2"):
        if key in f:
            out[key] = WEEKDAYS_FR[f[key]]
    if "part" in f:
        out["part"] = PARTS_FR[f["part"]]
    if "unit" in f:
        out["unit"] = UNITS_FR[f["unit"]]
    if "dir" in f:
        out["dir"] = "following" if "suiv" in f["dir"] else "previous" if kind == "following_days" \
            else DIRECTIONS_FR[f["dir"]]
    if "holiday" in f:
        out["holiday"] = HOLIDAYS_FR[re.sub(r"^la ", "", f["holiday"]).split(" du ")[0]]
    if "n" in f:
        out["n"] = NUMBER_WORDS_FR.get(f["n"], f["n"])
    if kind in ("month_only", "year"):
        prep = f.get("prep", "")
        out["prep"] = "last" if "last" in f else "this" if prep.startswith("ce ") else "in"
    elif kind == "next_day" and "word" in f:
        if f["word"] == "surlendemain":
            return "n_later", {"n": "2", "unit": "day", "dir": "later"}
        out.update(unit="day", dir="next" if f["word"] == "lendemain" else "previous")
    elif kind in ("night_weekdays", "weekend"):
        which = f.get("which", "")
        out["which"] = "this" if which == "ce" else "the previous" if which.startswith("precedent") else "last"
    elif kind == "recent":
        out["which"] = "last" if "n" in f else "recent"
    elif kind == "last_unit":
        out["which"] = "last" if f["which"] in LAST_FR else "this"
    elif kind == "weekday":
        which2 = f.get("which2", "")
        out["which"] = "the following" if which2.startswith("suiv") else "the previous" if which2.startswith("prec") \
            else "last" if which2 else "that" if "that" in f else \
            {"ce": "this", "le": "on"}.get(f.get("which", ""), "")
    elif kind == "in_month":
        which = f["which"]
        out["which"] = "that" if which.endswith("-la") else "the" if which == "mois" else "the same"
    elif kind == "deictic":
        word = f["word"]
        out["word"] = "the same day" if "meme" in word or word.endswith("-la") else DEICTIC_FR[word]
    return kind, out


#: a four-digit number followed by these words counts something ("2000 combattants"), it is no year
COUNTED_AFTER_YEAR_FR = re.compile(
    r"[\s\u00a0\u202f]+(?:[^\W\d_]+\s+)?(?:personnes|combattants|soldats|militaires|hommes|morts|tu[ée]s|civils|"
    r"bless[ée]s|victimes|d[ée]plac[ée]s|r[ée]fugi[ée]s|habitants|[ée]l[ée]ments|jihadistes|djihadistes|terroristes|"
    r"assaillants|gendarmes|policiers|membres|mercenaires|km|kilom|tonnes|dollars|euros|francs|fcfa)", re.IGNORECASE)


def _plausible_bare_year_fr(text: str, s: int, e: int) -> bool:
    return not COUNTED_AFTER_YEAR_FR.match(text[e:e + 30])


@dataclass(frozen=True)
class TimeGrammar:
    """One language's temporal expressions: its patterns (in order: the first to claim a stretch keeps it), how
    their groups become the English words ``resolve`` reads, and which four-digit numbers are years."""

    compiled: list[tuple[str, re.Pattern]]
    canonical: Callable[[str, dict], tuple[str, dict]]
    plausible_year: Callable[[str, int, int], bool]
    #: the kinds whose year is checked against a count noun after it
    checked_years: tuple[str, ...] = ("year_bare",)


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
    return {"day": 1, "morning": 1, "evening": 1, "night": 1, "week": 7, "month": 30,
            "year": 365}[unit.lower().rstrip("s")]


def _year_after(month: int, day: int | None, ref: date | None) -> int | None:
    """A deadline given without a year ("by mid-September") is the first such date from the story's time on."""
    if ref is None:
        return None
    try:
        return ref.year if date(ref.year, month, day or calendar.monthrange(ref.year, month)[1]) >= ref \
            else ref.year + 1
    except ValueError:
        return ref.year


def resolve(kind: str, g: dict, published: date | None, anchor: date | None,
            month_anchor: date | None = None, span: tuple[date, date] | None = None
            ) -> tuple[date, date, str, bool] | None:
    """One matched expression -> (first, last, precision, relative), or None if it cannot be anchored.
    ``anchor`` is the story's latest day, ``span`` its latest day or week, ``month_anchor`` its latest month."""
    if g.get("deadline") and not g.get("year") and kind in ("mdy", "dmy", "part_month", "month_only"):
        # "withdraw by mid-September", "une date butoir au 15 septembre": a deadline lies ahead of the story
        year = _year_after(_month_num(g["month"]), int(g["day"]) if g.get("day") else None,
                           month_anchor or published)
        if year is not None:
            g = {**g, "year": str(year)}
            resolved = resolve(kind, g, published, anchor, month_anchor, span)
            return resolved[:3] + (True,) if resolved else None
    if kind == "holiday":
        month, day = HOLIDAYS[re.sub(r"\s+", " ", g["holiday"].replace("’", "'")).lower()]
        year = _year_for_month(month, day, published)
        return (date(year, month, day), date(year, month, day), "day", True) if year is not None else None
    if kind == "month_range":
        month1, month2 = _month_num(g["month1"]), _month_num(g["month"])
        year = int(g["year"]) if g.get("year") else _year_for_month(month2, None, published)
        if year is None:
            return None
        first = date(year if month1 <= month2 else year - 1, month1, 1)
        return first, _month_end(year, month2), "month" if month1 == month2 else "season", not g.get("year")
    if kind == "ago":
        if published is None:
            return None
        n = g["n"].lower()
        n = int(n) if n.isdigit() else NUMBER_WORDS.get(n, 3)
        unit = g["unit"].lower().rstrip("s")
        if unit in ("month", "year"):
            months = n * (12 if unit == "year" else 1)
            y, m = divmod(published.year * 12 + published.month - 1 - months, 12)
            return date(y, m + 1, 1), _month_end(y, m + 1), "month", True
        d = published - timedelta(days=n * _units(unit))
        exact = unit == "day" and g["n"].lower() not in ("a few", "several")
        return (d, d, "day", True) if exact else (d - timedelta(days=3), d + timedelta(days=3), "week", True)
    if kind == "following_days":
        # "in the preceding days": the week before the story's time; "over the following weeks": weeks after
        base = span or ((anchor, anchor) if anchor else None)
        if base is None:
            return None
        unit = _units(g["unit"])
        n = g.get("n")
        count = int(n) if n and n.isdigit() else NUMBER_WORDS.get((n or "").lower(), 7 if unit == 1 else 3)
        if (g.get("dir") or "").lower() in ("previous", "preceding", "preceded"):
            return base[0] - timedelta(days=count * unit), base[0] - timedelta(days=1), \
                "week" if unit == 1 else "month", True
        return base[1] + timedelta(days=1), base[1] + timedelta(days=count * unit), "week" if unit == 1 else "month", True
    if kind in ("night_dates", "day_range"):
        # "la nuit du 4 au 5 juin": both days; the first month is the second's unless told ("du 31 mai au 1er juin")
        month2 = _month_num(g["month"])
        month1 = _month_num(g["month1"]) if g.get("month1") else month2
        year = int(g["year"]) if g.get("year") else _year_for_month(month2, int(g["day2"]), published)
        if year is None:
            return None
        try:
            last = date(year, month2, int(g["day2"]))
            first = date(year if month1 <= month2 else year - 1, month1, int(g["day"]))
        except ValueError:
            return None
        if first > last:
            return None
        return first, last, "day" if (last - first).days <= 1 else "week", not g.get("year")
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
        if kind == "n_later" and anchor is None and span is not None:
            anchor = span[0]
        if anchor is None:
            return None
        direction = (g.get("dir") or g.get("dir2") or "after").lower()
        sign = -1 if direction in ("previous", "preceding", "earlier", "before") else 1
        if kind == "hours_after":
            return (anchor - timedelta(days=1), anchor, "day", True) if sign < 0 else \
                (anchor, anchor + timedelta(days=1), "day", True)
        n = 1
        count = (g.get("n") or "few").lower()
        if kind == "n_later":
            n = int(count) if count.isdigit() else NUMBER_WORDS.get(count, 3)
        step = n * _units(g.get("unit", "day"))
        first, last = span if kind == "n_later" and span else (anchor, anchor)
        if step == 1 or (kind == "n_later" and _units(g["unit"]) == 1 and count not in ("few", "a few", "several")
                         and first == last):
            # "three days later" after a day told: that day, exactly
            d = first + timedelta(days=sign * step)
            return d, d, "day", True
        slack = max(1, step // 7)
        return first + timedelta(days=sign * step - slack), last + timedelta(days=sign * step + slack), \
            "week" if step < 30 else "month", True
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
        if which in ("this", "the") and published.weekday() >= 5:
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
    if kind == "night_weekdays":
        # "dans la nuit de samedi à dimanche": the night ends on the latest such morning, and spans both days
        target, start = WEEKDAYS[g["weekday2"].lower()], WEEKDAYS[g["weekday"].lower()]
        back = (published.weekday() - target) % 7
        if (g.get("which") or "").lower() == "last" and back == 0:
            back = 7
        last = published - timedelta(days=back)
        return last - timedelta(days=(target - start) % 7 or 7), last, "day", True
    if kind == "weekday" and re.sub(r"\s+", " ", (g.get("which") or "").lower()) in (
            "the following", "the next", "the previous", "the preceding"):
        # "the following Saturday": the first day of that name after the story's time (before it: "previous")
        if anchor is None:
            return None
        sign = -1 if "previous" in g["which"].lower() or "preceding" in g["which"].lower() else 1
        d = next(anchor + timedelta(days=sign * k) for k in range(1, 8)
                 if (anchor + timedelta(days=sign * k)).weekday() == WEEKDAYS[g["weekday"].lower()])
        return d, d, "day", True
    if kind == "weekday" and (g.get("which") or "").lower() == "that":
        # "ce samedi-là": the day of that name nearest the story's time
        if anchor is None:
            return None
        d = min((anchor + timedelta(days=k) for k in range(-3, 4)),
                key=lambda x: (x.weekday() != WEEKDAYS[g["weekday"].lower()], abs((x - anchor).days)))
        return d, d, "day", True
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
        if word == "the day before yesterday":
            d = published - timedelta(days=2)
        else:
            d = published - timedelta(days=1) if word == "yesterday" else published
        return d, d, "day", True
    return None


def _char_to_token(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


def extract_timexes(ctx: Context) -> list[Timex]:
    """All temporal expressions, left to right, each resolved against the narrative so far."""
    text = ctx.doc.text
    grammar = GRAMMARS.get(ctx.doc.lang_, GRAMMARS["en"])
    found: list[tuple[int, int, str, dict]] = []
    covered: list[tuple[int, int]] = []
    for name, rx in grammar.compiled:
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
    span: tuple[date, date] | None = None
    out: list[Timex] = []
    for s, e, name, g in found:
        kind, g = grammar.canonical(name, g)
        if DEADLINE_BEFORE.search(text[max(0, s - 30):s]) or re.match(r"(?i)(?:by|until|jusqu)\b", text[s:e]):
            g = {**g, "deadline": "1"}
        resolved = resolve(kind, g, ctx.published, anchor, month_anchor, span)
        if resolved is None:
            continue
        first, last, precision, relative = resolved
        if name in grammar.checked_years and not grammar.plausible_year(text, s, e):
            continue
        toks = _char_to_token(ctx, s, e)
        if toks is None:
            continue
        out.append(Timex(toks[0], toks[1], text[s:e].strip(), first, last, precision, relative))
        if precision == "day" and kind != "n_later":
            anchor = first  # ("three weeks earlier", after "two days later", still counts from the day told)
        if (precision == "day" and kind != "n_later") or (precision == "week" and kind == "part_month"):
            span = (first, last)  # (not a stretch counted from it: "in the preceding days", "three weeks ago")
        if precision in ("day", "week", "month"):
            month_anchor = first
    ctx.timexes = out
    return out


#: words before a date that make it a deadline ("by mid-September", "jusqu'au 15 septembre", "date butoir au")
DEADLINE_BEFORE = re.compile(
    r"(?:\b(?:by|until|till|deadline(?:\s+of)?|no\s+later\s+than)\s+(?:the\s+)?|"
    r"\b(?:d['’]ici(?:\s+(?:le|au|à|la|fin|début|mi))?|jusqu['’](?:au|à|en)|jusqu['’]à\s+la|date\s+butoir(?:\s+(?:au|du|le|fix[ée]e\s+au))?|"
    r"[ée]ch[ée]ance\s+(?:du|au|le|de)|au\s+plus\s+tard\s+le|avant\s+le)\s*)$", re.IGNORECASE)


def _plausible_bare_year(text: str, s: int, e: int) -> bool:
    """A lone four-digit number is a year unless it counts something ("2000 fighters")."""
    after = text[e:e + 12].lower()
    return not re.match(r"\s+(?:[a-z]+\s+)?(?:people|fighters|soldiers|troops|men|dead|killed|civilians|km|"
                        r"kilometres|kilometers|personnel|operatives|tonnes|dollars|euros)", after)


GRAMMARS: dict[str, TimeGrammar] = {
    "en": TimeGrammar(COMPILED, lambda kind, g: (kind, g), _plausible_bare_year),
    "fr": TimeGrammar(COMPILED_FR, _canonical_fr, _plausible_bare_year_fr),
}
