"""Suggest the indicator a plan item counts, from the words of its name and its unit (pure, no database).

Only a suggestion: a person confirms it. The rules, tuned on the seed plans:
- a keyword of an indicator (STANDARD_INDICATORS) must start a word of the name ("qatnov" in
  "qatnovining"); several indicators may match;
- an indicator whose unit is of another kind than the item's (events against persons, copies against
  persons) is ruled out, so "Foydalanuvchilarga kitob berilishi" (Nusxa) is never "users" (Nafar);
- among the rest, the one whose keyword comes LAST wins: in Uzbek the possessed noun, the head of the
  phrase, follows its possessor ("Kitobxonlar qatnovi" is a count of visits, not of readers);
  then the one with more keywords found, then the one whose unit is the item's own, then a part over
  the whole ("Ko'rgazmalar" is exhibitions, not all events);
- an item naming a whole and two or more of its parts ("ro'yxatga olish: - yangi; - qayta") is the whole;
- with no keyword at all, a unit particular to one indicator ("Sahifa", "Bibliografik yozuv") suggests
  that indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ishreja.indicators.services import STANDARD_INDICATORS

_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʻʼ`´"})
# Units of the same kind of thing; an item and an indicator with units of different kinds never match.
_UNIT_KINDS = {
    "nafar": "persons",
    "kishi": "persons",
    "marotaba": "persons",
    "nusxa": "copies",
    "nomda": "copies",
    "hujjat": "copies",
    "tadbir": "events",
    "bibliografik yozuv": "records",
    "sahifa": "pages",
    "ma'lumot": "posts",
}


# Units so particular that they name the indicator even when no keyword does.
_UNIT_ONLY = frozenset({"bibliografik yozuv", "sahifa"})


def normalise(text: str) -> str:
    text = text.translate(_APOSTROPHES).lower()
    return re.sub(r"\s+", " ", text).strip()


def unit_key(unit: str) -> str:
    """ "Bibliografik yozuvlar (dona)" → "bibliografik yozuv"; "Maro- taba" → "marotaba"; "Nusxa jami" →
    "nusxa"."""
    text = normalise(re.sub(r"\(.*?\)", " ", unit))
    text = re.sub(r"-\s+", "", text).replace("jami", " ")
    return " ".join(re.sub(r"lar$", "", word) for word in text.split())


@dataclass(frozen=True)
class _Entry:
    code: str
    unit: str
    keywords: tuple[str, ...]
    parent: str


@cache
def _dictionary() -> tuple[_Entry, ...]:
    return tuple(
        _Entry(
            code=code,
            unit=unit_key(unit),
            keywords=tuple(normalise(k) for k in keywords.split(",") if k.strip()),
            parent=parent,
        )
        for code, _name, unit, _aggregation, parent, keywords in STANDARD_INDICATORS
    )


def _last_position(text: str, keyword: str) -> int:
    """Where the last occurrence of ``keyword`` starting a word begins, -1 if none. A word after a hyphen
    does not count: "chora-tadbirlar" are measures, not events."""
    found = [m.start() for m in re.finditer(r"(?<![\w'-])" + re.escape(keyword), text)]
    return found[-1] if found else -1


def _ranked(text: str, item_unit: str) -> list[tuple[int, int, bool, bool, _Entry]]:
    ranked = []
    for entry in _dictionary():
        if not _compatible(item_unit, entry.unit):
            continue
        positions = [p for p in (_last_position(text, k) for k in entry.keywords) if p >= 0]
        if positions:
            ranked.append(
                (max(positions), len(positions), entry.unit == item_unit, bool(entry.parent), entry)
            )
    return ranked


def _compatible(item_unit: str, indicator_unit: str) -> bool:
    item_kind, indicator_kind = _UNIT_KINDS.get(item_unit), _UNIT_KINDS.get(indicator_unit)
    return item_kind is None or indicator_kind is None or item_kind == indicator_kind


def suggest_indicator(item_name: str, unit: str) -> str | None:
    """The code of the indicator the item most likely counts, or None."""
    text, item_unit = normalise(item_name), unit_key(unit)
    # Words in quotes and brackets are titles and asides ("Kitobxonlar klubi", "(kutubxona fondida ...)"):
    # the head of the phrase is outside them when anything matches there.
    plain = re.sub(r"\(.*?\)|\".*?\"|«.*?»", " ", text)
    ranked = _ranked(plain, item_unit) or _ranked(text, item_unit)
    if ranked:
        best = max(ranked, key=lambda r: r[:4])[4]
        parts = {r[4].code for r in ranked if r[4].parent and r[4].parent == best.parent}
        if best.parent and len(parts) > 1 and any(r[4].code == best.parent for r in ranked):
            return best.parent  # the whole named with its parts: "ro'yxatga olish: - yangi; - qayta"
        return best.code
    owners = [e.code for e in _dictionary() if item_unit in _UNIT_ONLY and e.unit == item_unit]
    return owners[0] if len(owners) == 1 else None
