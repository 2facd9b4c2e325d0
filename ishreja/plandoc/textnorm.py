"""Text normalisation: turn a dumped cell (HTML, markdown, Cyrillic, typographic marks) into clean Latin text.

Everything the core shows or stores is Latin: a plan written in Uzbek Cyrillic is transliterated in full
(content text too, not only headers), so the JSON, the validator messages and the matching all see one
script. Apostrophes (' ’ ‘ ʻ ʼ `) become ASCII ', typographic quotes become ", HTML becomes plain text with
paragraph and list breaks as newlines, markdown ``**`` is dropped and whitespace is collapsed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

# Every mark writers use for o‘, g‘ and the tutuq belgisi; ASCII ' is what matching and the JSON use.
_APOSTROPHES = "’‘ʻʼ`´′ʹ"
_QUOTES = "“”«»„‟″"
_PUNCT_TABLE = str.maketrans({**dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_QUOTES, '"')})

_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>|<br\s*/?>", re.IGNORECASE)
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_SPACES_RE = re.compile(r"[^\S\n]+")
_NEWLINES_RE = re.compile(r"\s*\n\s*")

# Tags whose start or end is a line break in the text a reader sees.
_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "br", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
)


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment; block elements become newlines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def strip_html(text: str) -> str:
    """The text of an HTML fragment, paragraphs and list items on their own lines; plain text unchanged."""
    if "<" not in text or not _TAG_RE.search(text):
        return text
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


# Uzbek Cyrillic -> Latin, official alphabet of 1995. Letters whose value depends on the position
# (е, ц) are handled in ``transliterate``; ь is silent.
_CYR_TO_LAT: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ё": "yo", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "x", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "'", "ь": "",
    "ы": "i", "э": "e", "ю": "yu", "я": "ya", "ў": "o'", "қ": "q", "ғ": "g'", "ҳ": "h", "і": "i",
}  # fmt: skip
_CYR_VOWELS = frozenset("аеёиоуэюяўыі")


def _cased(latin: str, upper: bool, next_upper: bool) -> str:
    """Latin value for a Cyrillic capital: "Sh" before lowercase ("Шаҳар"), "SH" inside a capital word."""
    if not upper or not latin:
        return latin
    return latin.upper() if next_upper else latin[0].upper() + latin[1:]


def transliterate(text: str) -> str:
    """Uzbek Cyrillic to Latin (1995 rules); Latin text is returned unchanged."""
    if not _CYRILLIC_RE.search(text):
        return text
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        low = ch.lower()
        prev = text[i - 1].lower() if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        upper = ch != low
        # A lone capital ("Ш.") is written with a capitalised digraph; a capital word takes capitals.
        next_upper = nxt.isupper() or (not nxt.isalpha() and i > 0 and text[i - 1].isupper())
        word_start = not prev.isalpha()
        if low == "е":
            latin = "ye" if word_start or prev in _CYR_VOWELS or prev in "ъь" else "e"
        elif low == "ц":
            latin = "ts" if prev in _CYR_VOWELS else "s"
        elif low in _CYR_TO_LAT:
            latin = _CYR_TO_LAT[low]
        else:
            out.append(ch)
            continue
        out.append(_cased(latin, upper, next_upper))
    return "".join(out)


def normalise_marks(text: str) -> str:
    """Apostrophe variants to ASCII ', typographic quotes to ", markdown bold markers removed."""
    return text.translate(_PUNCT_TABLE).replace("**", "")


@lru_cache(maxsize=4096)
def clean(text: str, multiline: bool = False) -> str:
    """Display text: HTML stripped, Latin, plain apostrophes and quotes, whitespace collapsed.

    With ``multiline`` the line breaks (paragraphs, list items) are kept, one stripped line each, empty
    lines dropped; without it everything is one line.
    """
    text = normalise_marks(transliterate(strip_html(text)))
    text = _SPACES_RE.sub(" ", text)
    if multiline:
        return _NEWLINES_RE.sub("\n", text).strip()
    return " ".join(text.split())


def key(text: str) -> str:
    """Matching key: the clean one-line text, case-folded."""
    return clean(text).casefold()
