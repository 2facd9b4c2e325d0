"""Template helpers of the plan pages: a parsed deadline in words, figures as typed."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from ishreja.plandoc.fields import MONTHS_UZ

register = template.Library()

ROMAN = ["", "I", "II", "III", "IV"]
MONTHS = ("", *MONTHS_UZ)


@register.filter
def schedule_label(schedule: dict[str, Any] | None) -> str:
    """The schedule read from a deadline, in words, so the person sees what the machine understood."""
    if not schedule or not schedule.get("kind"):
        return _("jadval aniqlanmadi")
    kind = schedule["kind"]
    quarters = [ROMAN[q] for q in schedule.get("quarters") or [] if isinstance(q, int) and 0 < q < 5]
    months = [MONTHS[m] for m in schedule.get("months") or [] if isinstance(m, int) and 0 < m < 13]
    days = schedule.get("month_days") or []
    labels = {
        "year": _("yil davomida"),
        "quarters": _("%(q)s chorak ichida") % {"q": ", ".join(quarters)},
        "months": _("%(m)s oylarida") % {"m": ", ".join(months)},
        "quarterly": _("har chorak"),
        "monthly": _("har oy"),
        "weekly": _("har hafta"),
        "times": _("yiliga %(n)s marta") % {"n": schedule.get("times")},
    }
    label = labels.get(str(kind), str(kind))
    if days:
        label += ", " + _("har oyning %(d)s-sanasida") % {"d": ", ".join(str(d) for d in days)}
    return label


@register.filter
def figures(values: list[str] | None, text: str = "") -> str:
    if text:
        return text
    return " ".join(values or [])
