"""Cell parsers: quantities, units, deadlines, month days, legal-act references and responsible services.

All parsers take raw cell text (any script, any apostrophe) and never raise on odd input.

Legal-act codes. Acts that carry their own code keep it: "O'RQ-280" (law), "PF-158" (presidential decree),
"PQ-9" (presidential resolution), "F-79" (order); the Russian codes of the same acts are mapped to the Uzbek
ones (ZRU -> O'RQ, UP -> PF, PP -> PQ). Acts cited only by number get a prefix from their issuer:
"Vazirlar Mahkamasining ... 552-son Qarori" -> "VMQ-552" (Cabinet resolution), "Milliy kutubxonasining ...
76-sonli buyrug'i" -> "MK-76" (National Library order), a numbered "farmoyish" -> "F-N", "farmon" -> "PF-N";
a resolution with no named issuer -> "Q-N", an order from an issuer other than the National Library ->
"B-N". Numbers such as "646/7" are kept whole. The list is in order of first mention, without repeats.

Quantities. Spaces separate numbers ("479 37 460" is three numbers), so they are never thousand separators;
a comma is a decimal mark ("1,5"); a dot followed by groups of exactly three digits is a thousand separator
("12.500" -> 12500), any other dot a decimal mark ("2.5").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ishreja.plandoc.model import Deadline, DeadlineKind
from ishreja.plandoc.textnorm import clean

# --- quantities ------------------------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"^[-+]?(\d+(?:\.\d{3})+|\d+(?:[.,]\d+)?)(?:%|ta)?$")
_THOUSANDS_RE = re.compile(r"^\d+(?:\.\d{3})+$")
_NUMBER_EDGES = ",;:()"


def parse_quantity(text: str) -> tuple[list[Decimal], str]:
    """The numbers in a quantity cell and the cell text as written (whitespace collapsed).

    "479 37 460" -> [479, 37, 460]; "-" -> [] (text "-" kept, meaning none); "" -> [] (not set).
    """
    shown = clean(text)
    values: list[Decimal] = []
    for raw_token in shown.replace(";", " ").split():
        token = raw_token.strip(_NUMBER_EDGES)
        match = _NUMBER_RE.match(token)
        if not match:
            continue
        digits = match.group(1)
        digits = digits.replace(".", "") if _THOUSANDS_RE.match(digits) else digits.replace(",", ".")
        try:
            values.append(Decimal(digits))
        except InvalidOperation:  # pragma: no cover - the pattern only lets valid numbers through
            continue
    return values, shown


# --- units -----------------------------------------------------------------------------------------------

UNITS = (
    "Hujjat",
    "Dona",
    "Tadbir",
    "Ro'yxat",
    "Nusxa",
    "Nusxa jami",
    "Resurs",
    "Bibliografik yozuv",
    "Bibliografik yozuvlar",
    "Nafar",
    "Sahifa",
    "Nomda",
    "Marotaba",
    "Ma'lumot",
)
# A word broken at the end of a line in the source ("Maro- taba", "Maro-taba") is one word again.
_WRAP_RE = re.compile(r"(?<=[a-z'])-\s*(?=[a-z])")


def _unit_key(text: str) -> str:
    return _WRAP_RE.sub("", text.casefold())


_UNIT_BY_KEY = {_unit_key(unit): unit for unit in UNITS}


def normalise_unit(text: str) -> str:
    """A unit spelt as in the vocabulary when it is a known one, else as written (whitespace normalised)."""
    shown = clean(text)
    return _UNIT_BY_KEY.get(_unit_key(shown), shown)


# --- deadlines -------------------------------------------------------------------------------------------

_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-–—]\s*((?:19|20)\d{2}))?(?!\d)\s*-?\s*yil")
_WEEKLY_RE = re.compile(r"\bhar\s+hafta|\bhaftada\s+bir|\bhaftalik\b|\bhar\s+dushanba|\bhar\s+juma")
_MONTHLY_RE = re.compile(r"\bhar\s+oy|\boyda\s+bir|\boylik\b|\bhar\s+oyning")
_QUARTERLY_RE = re.compile(r"\bhar\s+chorak|\bchorakda\s+bir|\bchoraklik\b|\bhar\s+kvartal")
_QUARTERS_RE = re.compile(
    r"((?:\b(?:iv|i{1,3}|[1-4])\b\s*(?:[-–—,]|va)?\s*)+)-?\s*(?:chorak|kvartal)"
)  # fmt: skip
_QUARTER_TOKEN_RE = re.compile(r"iv|i{1,3}|[1-4]|[-–—]")
_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Month names as written in Latin plans and as transliterated from Cyrillic ones; "mart" is not "marta".
_MONTH_NAMES = (
    "yanvar", "fevral", "mart(?!a)", "aprel", "may", "iyun", "iyul", "avgust", "sent(?:y)?abr",
    "okt(?:y)?abr", "noyabr", "dekabr",
)  # fmt: skip
_MONTH_WORD = r"\b(" + "|".join(_MONTH_NAMES) + r")[a-z']*"
MONTH_RE = re.compile(_MONTH_WORD)
_MONTH_RANGE_RE = re.compile(_MONTH_WORD + r"\s*[-–—]\s*" + _MONTH_WORD)
_MONTH_PREFIXES = ("yan", "fev", "mar", "apr", "may", "iyun", "iyul", "avg", "sen", "okt", "noy", "dek")
_TIMES_WORDS = {
    "bir": 1, "ikki": 2, "uch": 3, "to'rt": 4, "besh": 5, "olti": 6, "yetti": 7, "sakkiz": 8,
    "to'qqiz": 9, "o'n": 10,
}  # fmt: skip
_TIMES_RE = re.compile(
    r"\b(bir|ikki|uch|to'rt|besh|olti|yetti|sakkiz|to'qqiz|o'n|\d{1,3})\s*(?:marotaba|marta)\b"
)
# A deadline that is only a year ("2024-yil", "2024-yilda"): the whole year.
_YEAR_ONLY_RE = re.compile(r"^\s*(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?\s*-?\s*yil[a-z]*\.?\s*$")

_DURING_RE = re.compile(r"\bdavomida\b|\bdoimiy\b|\bmuntazam\b|\byil\s+bo'yi")


# Uzbek month names in their written (Latin) form, January first.
MONTHS_UZ = (
    *("yanvar", "fevral", "mart", "aprel", "may", "iyun"),
    *("iyul", "avgust", "sentyabr", "oktyabr", "noyabr", "dekabr"),
)


def month_number(name: str) -> int:
    """Month number of a month name as matched ("sentabr", "sentyabr", "dekabr")."""
    return next(i for i, prefix in enumerate(_MONTH_PREFIXES, 1) if name.startswith(prefix))


def _quarters(spec: str) -> list[int]:
    """Quarter numbers from "i-iv", "ii – iii", "i, iii", "2-3"."""
    tokens = _QUARTER_TOKEN_RE.findall(spec)
    out: list[int] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in _ROMAN_QUARTER:
            start = _ROMAN_QUARTER[tok]
            if i + 2 < len(tokens) and tokens[i + 1] in "-–—" and tokens[i + 2] in _ROMAN_QUARTER:
                end = _ROMAN_QUARTER[tokens[i + 2]]
                out.extend(range(start, end + 1) if end >= start else [start, end])
                i += 3
                continue
            out.append(start)
        i += 1
    return sorted(set(out))


def _months(text: str) -> list[int]:
    months: list[int] = []
    for match in _MONTH_RANGE_RE.finditer(text):
        start, end = month_number(match.group(1)), month_number(match.group(2))
        # A range may run over the new year ("noyabr-fevral").
        span = end - start if end >= start else end + 12 - start
        months.extend((start - 1 + k) % 12 + 1 for k in range(span + 1))
    if not months:
        months = [month_number(m.group(1)) for m in MONTH_RE.finditer(text)]
    return list(dict.fromkeys(months))


def _years(text: str) -> list[int]:
    years: list[int] = []
    for match in _YEAR_RE.finditer(text):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        years.extend(range(first, last + 1) if 0 <= last - first <= 10 else [first, last])
    return list(dict.fromkeys(years))


def parse_deadline(text: str) -> Deadline:
    """The schedule a deadline cell describes; the text is kept as written (cleaned).

    Precedence, most specific first: weekly, monthly, quarterly ("har ..."), listed quarters, months,
    a number of times ("ikki marotaba"), during the year ("davomida" or a bare year). Anything else
    (a note such as "Har bir AKM muddatini o'zi belgilaydi") has kind None.
    """
    shown = clean(text)
    low = shown.casefold()
    deadline = Deadline(text=shown, years=_years(low))
    kind: DeadlineKind | None = None
    if _WEEKLY_RE.search(low):
        kind = "weekly"
    elif _MONTHLY_RE.search(low):
        kind = "monthly"
    elif _QUARTERLY_RE.search(low):
        kind = "quarterly"
    elif quarter_match := _QUARTERS_RE.search(low):
        deadline.quarters = _quarters(quarter_match.group(1))
        kind = "quarters" if deadline.quarters else None
    if kind is None and (months := _months(low)):
        kind, deadline.months = "months", months
    if kind is None and (times_match := _TIMES_RE.search(low)):
        word = times_match.group(1)
        kind, deadline.times = "times", int(word) if word.isdigit() else _TIMES_WORDS[word]
    if kind is None and (_DURING_RE.search(low) or (deadline.years and _YEAR_ONLY_RE.match(low))):
        kind = "year"
    deadline.kind = kind
    return deadline


_MONTH_DAYS_RE = re.compile(
    r"oyning\s+((?:\d{1,2}\s*-?\s*(?:,|va|hamda)\s*)*\d{1,2})\s*-?\s*(?:sana|kun)", re.IGNORECASE
)
_DAY_RE = re.compile(r"\d{1,2}")


def find_month_days(text: str) -> list[int]:
    """Fixed days of the month an activity recurs on: "har oyning 17-sanasida" -> [17]."""
    days: list[int] = []
    for match in _MONTH_DAYS_RE.finditer(clean(text)):
        days.extend(int(d) for d in _DAY_RE.findall(match.group(1)) if 1 <= int(d) <= 31)
    return list(dict.fromkeys(days))


# --- legal references ------------------------------------------------------------------------------------

_CODED_RE = re.compile(r"(?<![\w'])(O'RQ|ZRU|PF|UP|PQ|PP|VMQ|F)\s*[-–]\s*(\d+(?:/\d+)?)(?!\d)")
_CODE_ALIASES = {"ZRU": "O'RQ", "UP": "PF", "PP": "PQ"}
_NUMBERED_RE = re.compile(
    r"(?<![\w/\-–])(\d+(?:/\d+)?)\s*-\s*son(?:li)?\s+(qaror|buyru|farmoyish|farmon)", re.IGNORECASE
)
_CABINET_RE = re.compile(r"vazirlar\s+mahkamasi|hukumat", re.IGNORECASE)
_PRESIDENT_RE = re.compile(r"prezident", re.IGNORECASE)
_NATIONAL_LIBRARY_RE = re.compile(r"milliy\s+kutubxona", re.IGNORECASE)


def _last_pos(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for match in pattern.finditer(text):
        last = match.start()
    return last


def _numbered_code(act: str, before: str) -> str:
    act = act.casefold()
    if act == "buyru":
        return "MK" if _NATIONAL_LIBRARY_RE.search(before) else "B"
    if act == "farmoyish":
        return "F"
    if act == "farmon":
        return "PF"
    cabinet, president = _last_pos(_CABINET_RE, before), _last_pos(_PRESIDENT_RE, before)
    if cabinet < 0 and president < 0:
        return "Q"
    return "VMQ" if cabinet > president else "PQ"


def extract_legal_refs(text: str) -> list[str]:
    """Codes of the legal acts a text cites, in order of first mention, without repeats (scheme above)."""
    shown = clean(text)
    found: list[tuple[int, str]] = []
    for match in _CODED_RE.finditer(shown):
        code = _CODE_ALIASES.get(match.group(1), match.group(1))
        found.append((match.start(), f"{code}-{match.group(2)}"))
    for match in _NUMBERED_RE.finditer(shown):
        code = _numbered_code(match.group(2), shown[: match.start()])
        found.append((match.start(), f"{code}-{match.group(1)}"))
    found.sort()
    return list(dict.fromkeys(code for _, code in found))


# --- responsible services --------------------------------------------------------------------------------

# Names of services and posts seen in plans. A cell often runs two of them together with no separator, so
# the known names are what splits it; text between them is kept as a name of its own.
_SERVICE_PATTERNS = (
    r"abonement(?:lar)?\s+va\s+foydalanuvchilar\s?ga\s+xizmat\s+ko'rsatish(?:\s+xizmati)?",
    r"axborot-bibliografiya\s+xizmati",
    r"fondlarni\s+to'ldirish,?\s+saqlash\s+va\s+ularga\s+ishlov\s+berish(?:\s+xizmati)?",
    r"axborot-kommunikatsiya(?:\s+texnologiya(?:lari)?)?\s+va\s+raqamlashtirish(?:\s+xizmati)?",
    r"axborot-kutubxona\s+fondlarini\s+jamlash\s+xizmati",
    r"axborot-kutubxona\s+markazi\s+direktori(?:\s+o'rinbosari)?",
    r"(?:t?akm|tuman\s+akm)\s+direktori(?:\s+o'rinbosari)?",
    r"kadrlar\s+bo'yicha\s+inspektor(?:i)?",
    r"barcha\s+xizmatlar",
    r"mas'ul\s+xodim(?:lar)?",
    r"bosh\s+hisobchi",
    r"direktor(?:i)?(?:\s+o'rinbosari)?",
)
_SERVICE_RE = re.compile(r"\b(?:" + "|".join(_SERVICE_PATTERNS) + r")(?![\w'])", re.IGNORECASE)
_BARE_DIRECTOR_RE = re.compile(r"^direktor", re.IGNORECASE)
_CHUNK_SPLIT_RE = re.compile(r"[\n;]")
_CONNECTIVE_RE = re.compile(r"^(?:va|hamda|,)\s+|\s+(?:va|hamda)$", re.IGNORECASE)
_SEPARATED_RE = re.compile(r"(?:,|\bva|\bhamda)\s*$", re.IGNORECASE)
_CONNECTIVES = frozenset({"va", "hamda"})
_EDGE_PUNCT = " ,.;:-–"


def _tidy_name(text: str) -> str:
    text = text.strip(_EDGE_PUNCT)
    previous = None
    while previous != text:
        previous, text = text, _CONNECTIVE_RE.sub("", text).strip(_EDGE_PUNCT)
    return "" if text.casefold() in _CONNECTIVES else text


def _gap_names(gap: str) -> list[str]:
    return [name for part in gap.split(",") if (name := _tidy_name(part)) and any(c.isalpha() for c in name)]


def split_responsible(text: str) -> list[str]:
    """The services or posts a "Mas'ullar" cell names, as written (whitespace and apostrophes normalised)."""
    names: list[str] = []
    for chunk in _CHUNK_SPLIT_RE.split(clean(text, multiline=True)):
        pos = 0
        for match in _SERVICE_RE.finditer(chunk):
            gap = chunk[pos : match.start()]
            name = match.group(0)
            # "Ma'naviyat bo'limi direktori": a bare "direktor" right after unknown words belongs to them.
            if _BARE_DIRECTOR_RE.match(name) and gap.strip() and not _SEPARATED_RE.search(gap):
                name = _tidy_name(gap) + " " + name
            else:
                names.extend(_gap_names(gap))
            names.append(name)
            pos = match.end()
        names.extend(_gap_names(chunk[pos:]))
    return list(dict.fromkeys(_tidy_name(name) for name in names if _tidy_name(name)))
