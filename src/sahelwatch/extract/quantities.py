"""Numbers of people, above all the dead.

Figures in digits or words, ranges and vague quantities are read with their bounds; a figure is a fatality
count when a death word governs it in the same clause ("the deaths of 84 fighters and 47 soldiers",
"killing at least 20", "12 dead"). ACLED's conservative rule is applied by keeping the lower bound.

French ("au moins 27 soldats tués", "une centaine de morts", "1 000 déplacés") has its own figures (``QUANT_RX_FR``,
``word_number_fr``), chosen by ``doc.lang_``; its death, wound and people words mostly come through NORM, which
the French pipeline sets to the English gloss ("tués" → "killed"), and the French-only constants below add what
NORM cannot say: nouns the tagger reads as adjectives, "victimes" in a death context, "dont" for "including".
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
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


# --- French -------------------------------------------------------------------------------------------------
# Keys are folded (lower case, no accents, "'" apostrophe): see _fold.
UNITS_FR = {"zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
            "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
            "seize": 16}
TENS_FR = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
MULTIPLIERS_FR = {"million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000}
#: vague quantities read as ACLED reads their English counterparts: "des dizaines" is "dozens" (12), "une
#: centaine" "a hundred", "plusieurs"/"quelques" "several" (3); "une dizaine" is about ten
VAGUE_FR = {"une dizaine": 10, "une douzaine": 12, "une quinzaine": 15, "une vingtaine": 20, "une trentaine": 30,
            "une quarantaine": 40, "une cinquantaine": 50, "une soixantaine": 60, "une centaine": 100,
            "un millier": 1000, "des dizaines": 12, "plusieurs dizaines": 12, "des centaines": 100,
            "plusieurs centaines": 100, "des milliers": 1000, "plusieurs milliers": 1000,
            "des dizaines de milliers": 10_000, "des centaines de milliers": 100_000, "une poignee": 3,
            "plusieurs": 3, "quelques": 3, "de nombreux": 10, "de nombreuses": 10}
#: French modifiers → the English ones ``_read`` knows ("plus de 100" is "more than 100")
MODIFIERS_FR = {"au moins": "at least", "au minimum": "at least", "pas moins de": "at least", "a minima": "at least",
                "plus de": "more than", "moins de": "less than", "pres de": "nearly", "presque": "almost",
                "environ": "about", "quelque": "some", "autour de": "around", "approximativement": "approximately",
                "jusqu'a": "up to"}
#: people words whose French form the tagger may read as an adjective ("trente civils" → NORM "civilian"), and
#: French nouns for people that have no English counterpart in PEOPLE_WORDS
PEOPLE_WORDS_FR = {"civils", "civiles", "militaires", "jihadistes", "djihadistes", "terroristes", "islamistes",
                   "individus", "habitants", "éléments"}
#: "victimes" is a death word only in a sentence that speaks of death and of no wounded ("un bilan de 30
#: victimes"); the sentence's death words count too ("30 victimes, toutes tuées par balle")
VICTIM_WORDS_FR = {"victime", "victimes"}
DEATH_CONTEXT_FR = {"bilan", "meurtrier", "meurtrière", "meurtriers", "meurtrières", "macabre", "sanglant",
                    "sanglante", "sanglants", "sanglantes", "carnage", "tuerie", "massacre", "endeuillé", "endeuillée",
                    "deuil"}
#: "12 morts, dont 5 enfants", "parmi lesquels", "y compris"; "trois d'entre eux"
SUBSET_BEFORE_FR = {"dont", "parmi", "notamment", "lesquels", "lesquelles"}
SUBSET_AFTER_FR = ("d'entre eux", "d'entre elles", "d’entre eux", "d’entre elles", "parmi eux", "parmi elles")
#: figures set against each other: the reporting verbs whose NORM is no English CONTRAST word
CONTRAST_FR = {"selon", "affirmé", "affirme", "déclaré", "déclare", "indiqué", "indique", "avancé", "évoqué",
               "assuré", "estimé"}

_A = r"['’]"
_DE = rf"d(?:e\s+|{_A}\s*)"
ATOM_FR = (r"z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
           r"vingts?|trente|quarante|cinquante|soixante|cents?|mille")
#: "vingt-sept", "trente et un", "quatre-vingt-dix", "deux cents", "mille cinq cents"; "un"/"une" alone is the
#: article, and only a number before "million"
WORD_NUM_FR = (rf"(?!une?\b(?!\s+milli))(?:{ATOM_FR})"
               rf"(?:(?:-|\s+)(?:{ATOM_FR})\b|(?:-|\s+)et(?:-|\s+)(?:une?|onze)\b)*")
#: "1 000" (space, no-break or narrow no-break space), "1.000", "27", "2,5"; "2,5 millions"
DIGITS_FR = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?![\d,])|\d+(?:,\d+)?"
NUM_FR = rf"(?:{DIGITS_FR}|{WORD_NUM_FR})(?:\s+(?:millions?|milliards?))?"
VAGUE_RX_FR = (r"des\s+dizaines\s+de\s+milliers|des\s+centaines\s+de\s+milliers|"
               r"une\s+(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|"
               r"centaine|poign[ée]e)|un\s+millier|(?:des|plusieurs)\s+(?:dizaines|centaines|milliers)|"
               r"de\s+nombreu(?:x|ses)|plusieurs|quelques")
QUANT_RX_FR = re.compile(
    rf"\b(?:(?P<mod>au\s+moins|au\s+minimum|pas\s+moins\s+{_DE}|a\s+minima|plus\s+{_DE}|moins\s+{_DE}|"
    rf"pr[èe]s\s+{_DE}|presque|environ|quelque|autour\s+{_DE}|approximativement|jusqu{_A}[àa])\s*)?"
    rf"(?:entre\s+(?P<lo>{NUM_FR})\s+et\s+(?P<hi>{NUM_FR})|"
    rf"(?P<a>{NUM_FR})(?:(?<=\d)\s*[-–]\s*(?=\d)|\s+[àa]\s+)(?P<b>{NUM_FR})(?!\s*%)|"
    rf"(?P<vague>{VAGUE_RX_FR})(?:\s+de\b|\s+d{_A}(?=\w))?|"
    rf"(?P<n>{NUM_FR}))\b(?![-‐]\w)"
    # never part of a figure: not "1" of "1 500", "2" of "2,5", "12" of "entre 12 et 14 ans"
    rf"(?![.,]\d|[\s\u00a0\u202f]\d{{3}}\b|\s+(?:et|[àa])\s+\d)"
    # and no measure of distance, time or share ("à une quinzaine de kilomètres", "12 ans")
    rf"(?!\s*(?:d(?:e\s+|{_A}))?(?:%|pour\s*cent\b|km\b|kilom|kg\b|ans?\b|ann[ée]es?\b|jours?\b|heures?\b|"
    rf"h\b|mois\b|semaines?\b|minutes?\b|fois\b|°))",
    re.IGNORECASE)


def _fold(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'").lower()).strip()


def word_number_fr(text: str) -> int | None:
    """A French figure: "1 000", "1.000", "2,5 millions", "quatre-vingt-dix", "une centaine (de)"; a decimal
    without "millions" ("2,5") counts nobody and gives None."""
    s = re.sub(r"\s+(?:de|d')$", "", _fold(text))
    if s in VAGUE_FR:
        return VAGUE_FR[s]
    mult = 1
    m = re.fullmatch(r"(.+?)\s+(millions?|milliards?)", s)
    if m:
        s, mult = m.group(1), MULTIPLIERS_FR[m.group(2)]
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+", s):
        return int(re.sub(r"[ .]", "", s)) * mult
    if re.fullmatch(r"\d+,\d+", s):
        return int(float(s.replace(",", ".")) * mult) if mult > 1 else None
    if s.isdigit():
        return int(s) * mult
    total = current = 0
    prev = ""
    for p in re.split(r"[- ]+", s):
        if p == "et":
            continue
        if p in ("vingt", "vingts") and prev == "quatre":
            current += 80 - UNITS_FR["quatre"]  # quatre-vingt(s): the 4 already counted becomes 80
        elif p in UNITS_FR:
            current += UNITS_FR[p]
        elif p in TENS_FR:
            current += TENS_FR[p]
        elif p in ("cent", "cents"):
            current = max(current, 1) * 100
        elif p == "mille":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        prev = p
    return (total + current) * mult


def _modifier_fr(text: str) -> str:
    s = _fold(text)
    return next((en for fr, en in MODIFIERS_FR.items() if s == fr or s.startswith(fr.removesuffix(" de") + " d")),
                s)


def _victim_is_dead_fr(sent) -> bool:
    """A sentence that speaks of death and not of the wounded: there "victimes" are the dead."""
    words = {t.norm_ for t in sent}
    lower = {t.lower_ for t in sent}
    return bool((words & DEATH_WORDS or lower & DEATH_CONTEXT_FR) and not words & WOUND_WORDS)


@dataclass(frozen=True)
class QuantityGrammar:
    """One language's figures: the pattern, how a figure, a vague word and a modifier are read, and the words
    (by their form, not NORM) that its casualty and people readings add to the English ones."""

    rx: re.Pattern
    number: Callable[[str], int | None]
    vague: Callable[[str], int | None]
    modifier: Callable[[str], str]
    people_forms: frozenset[str] = frozenset()
    victim_forms: frozenset[str] = frozenset()
    subset_before: frozenset[str] = frozenset()
    subset_after: tuple[str, ...] = ()
    contrast_forms: frozenset[str] = frozenset()
    victim_is_dead: Callable = lambda sent: False


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


GRAMMARS: dict[str, QuantityGrammar] = {
    "en": QuantityGrammar(QUANT_RX, word_number, lambda v: VAGUE[v.lower()], str.lower),
    "fr": QuantityGrammar(QUANT_RX_FR, word_number_fr, word_number_fr, _modifier_fr,
                          people_forms=frozenset(PEOPLE_WORDS_FR), victim_forms=frozenset(VICTIM_WORDS_FR),
                          subset_before=frozenset(SUBSET_BEFORE_FR), subset_after=SUBSET_AFTER_FR,
                          contrast_forms=frozenset(CONTRAST_FR), victim_is_dead=_victim_is_dead_fr),
}


def grammar_for(doc) -> QuantityGrammar:
    """The figures of the document's language (English for a language without its own)."""
    return GRAMMARS.get(doc.lang_, GRAMMARS["en"])


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    value: int
    low: int
    high: int
    kind: str = "other"


def _read(m: re.Match, grammar: QuantityGrammar) -> tuple[int, int] | None:
    g = m.groupdict()
    number = grammar.number
    if g.get("lo"):
        lo, hi = number(g["lo"]), number(g["hi"])
    elif g.get("a"):
        lo, hi = number(g["a"]), number(g["b"])
    elif g.get("vague"):
        lo = hi = grammar.vague(g["vague"])
    else:
        lo = hi = number(g["n"])
    if lo is None or hi is None:
        return None
    mod = grammar.modifier(g.get("mod") or "")
    if mod in ("more than", "over"):
        hi = max(hi, lo + 1)
    if mod in ("up to", "as many as", "fewer than", "less than"):
        lo = min(lo, hi)
    return min(lo, hi), max(lo, hi)


def extract_quantities(ctx: Context) -> list[Quantity]:
    doc, out = ctx.doc, []
    grammar = grammar_for(doc)
    for sent in ctx.sents:
        for m in grammar.rx.finditer(sent.text):
            bounds = _read(m, grammar)
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
            out.append(Quantity(span.start, span.end, span.text, lo, lo, hi,
                                _kind(ctx, span.start, span.end, grammar)))
    ctx.quantities = out
    return out


def _kind(ctx: Context, start: int, end: int, grammar: QuantityGrammar | None = None) -> str:
    """'fatalities' when a death word is the nearest casualty word in the clause, 'wounded' for injuries,
    'subset' for a part of a figure already given ("including 56 children", "many of them pupils")."""
    doc = ctx.doc
    grammar = grammar or grammar_for(doc)
    sent = ctx.sent_of(start)
    if start > 0 and doc[start - 1].norm_ in ("including", "incl") or \
            doc[end: end + 2].text.lower() in ("of them", "of whom", "of which"):
        return "subset"
    if start > 0 and doc[start - 1].lower_ in grammar.subset_before or \
            grammar.subset_after and doc[end: end + 4].text.lower().startswith(grammar.subset_after):
        return "subset"
    victims_dead = bool(grammar.victim_forms) and grammar.victim_is_dead(sent)
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
        if (word in DEATH_WORDS or victims_dead and t.lower_ in grammar.victim_forms) and dist < best_dist:
            if word == "lost" and "lives" not in [x.norm_ for x in doc[t.i: t.i + 4]]:
                continue
            best, best_dist = "fatalities", dist
        elif word in WOUND_WORDS and dist < best_dist:
            best, best_dist = "wounded", dist
    if best == "other":
        nxt = doc[end: end + 3]
        if any(t.norm_ in PEOPLE_WORDS or t.lower_ in grammar.people_forms for t in nxt):
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
    grammar = grammar_for(doc)
    total = found[0].value
    texts = [found[0].text]
    for prev, q in zip(found, found[1:]):
        between = {t.norm_ for t in doc[prev.end:q.start]}
        contrast = between & CONTRAST or {t.lower_ for t in doc[prev.end:q.start]} & grammar.contrast_forms
        if "and" in between and not contrast:
            total += q.value
        else:
            total = min(total, q.value)
        texts.append(q.text)
    return total, "; ".join(texts)
