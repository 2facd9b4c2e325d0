"""The indicator dictionary seeded from DOMAIN.md ("Indicators") and ISO 2789 terms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ishreja.accounts import access
from ishreja.accounts.access import AnyUser
from ishreja.indicators.models import Indicator

if TYPE_CHECKING:
    from ishreja.plans.models import Plan

SUM, STOCK = Indicator.Aggregation.SUM, Indicator.Aggregation.STOCK

# (code, name, unit, aggregation, parent code, keywords)
STANDARD_INDICATORS: list[tuple[str, str, str, str, str, str]] = [
    (
        "users",
        "Ro'yxatdan o'tgan foydalanuvchilar (so'nggi uch yil)",
        "Nafar",
        STOCK,
        "",
        "foydalanuvchi,ro'yxatdan,kitobxon",
    ),
    ("users-new", "Yangi ro'yxatdan o'tganlar", "Nafar", SUM, "users", "yangi"),
    ("users-reregistered", "Qayta ro'yxatdan o'tganlar", "Nafar", SUM, "users", "qayta"),
    ("users-age-14", "Foydalanuvchilar: 14 yoshgacha", "Nafar", STOCK, "users", "14 yosh"),
    ("users-age-15-24", "Foydalanuvchilar: 15–24 yosh", "Nafar", STOCK, "users", "15-24"),
    ("users-age-25", "Foydalanuvchilar: 25 yosh va undan katta", "Nafar", STOCK, "users", "25 yosh"),
    ("users-individuals", "Jismoniy shaxslar", "Nafar", STOCK, "users", "jismoniy"),
    ("users-organisations", "Yuridik shaxslar", "Nafar", STOCK, "users", "yuridik"),
    ("users-pupils", "O'quvchilar", "Nafar", STOCK, "users", "o'quvchi"),
    ("users-students", "Talabalar", "Nafar", STOCK, "users", "talaba"),
    ("users-employees", "Xizmatchilar", "Nafar", STOCK, "users", "xizmatchi"),
    ("users-pensioners", "Nafaqaxo'rlar", "Nafar", STOCK, "users", "nafaqaxo'r"),
    ("visits", "Qatnov", "Marotaba", SUM, "", "qatnov,tashrif"),
    ("loans", "Kitob berilishi", "Nusxa", SUM, "", "kitob berish,berilishi,kitobxonlarga berish"),
    ("events", "Tadbirlar", "Tadbir", SUM, "", "tadbir,ko'rgazma"),
    ("event-participants", "Tadbirlar ishtirokchilari", "Nafar", SUM, "events", "ishtirokchi,qatnashchi"),
    ("exhibitions", "Ko'rgazmalar", "Tadbir", SUM, "events", "ko'rgazma"),
    ("acquisitions", "Fondni to'ldirish (jami)", "Nusxa", SUM, "", "fondlarini to'ldirish,to'ldirish"),
    ("acq-legal-deposit", "Majburiy nusxa", "Nusxa", SUM, "acquisitions", "majburiy nusxa"),
    ("acq-purchase", "Xarid qilish orqali", "Nusxa", SUM, "acquisitions", "xarid"),
    ("acq-exchange", "Kitob almashinuvi asosida", "Nusxa", SUM, "acquisitions", "almashinuv"),
    ("acq-gift", "Sovg'a tariqasida", "Nusxa", SUM, "acquisitions", "sovg'a"),
    ("stock", "Fond hajmi", "Nusxa", STOCK, "", "fond hajmi,fondi"),
    (
        "bib-records",
        "Yaratilgan bibliografik yozuvlar",
        "Bibliografik yozuv",
        SUM,
        "",
        "bibliografik yozuv,elektron katalog",
    ),
    ("classified", "Tasniflangan resurslar (UO'K, BBK)", "Nomda", SUM, "", "tasniflash,o'uk,uo'k,bbk"),
    ("digitised-pages", "Raqamlashtirilgan sahifalar", "Sahifa", SUM, "", "raqamlashtir,sahifa"),
    (
        "remote-delivery",
        "Masofaviy hujjat yetkazib berish",
        "Hujjat",
        SUM,
        "",
        "masofaviy,masofadan,elektron yetkazib",
    ),
    (
        "web-posts",
        "Veb-sayt va ijtimoiy tarmoqlardagi materiallar",
        "Ma'lumot",
        SUM,
        "",
        "veb-sayt,ijtimoiy tarmoq,telegram,sayt",
    ),
    ("media", "OAVdagi chiqishlar", "Marotaba", SUM, "", "ommaviy axborot,oav,televidenie,radio,gazeta"),
    ("staff-trained", "Malakasi oshirilgan xodimlar", "Nafar", SUM, "", "malaka oshirish,seminar,o'quv"),
]


@transaction.atomic
def indicators_load() -> int:
    """Create the standard indicators (idempotent; a name edited in the admin is kept)."""
    existing = {i.code: i for i in Indicator.objects.all()}
    for order, (code, name, unit, aggregation, parent_code, keywords) in enumerate(STANDARD_INDICATORS):
        if code in existing:
            continue
        indicator = Indicator(
            code=code,
            name=name,
            unit=unit,
            aggregation=aggregation,
            order=order,
            keywords=keywords,
            parent=existing.get(parent_code),
        )
        indicator.full_clean()
        indicator.save()
        existing[code] = indicator
    return len(existing)


@transaction.atomic
def plan_items_link_indicators(*, user: AnyUser, plan: Plan, links: Mapping[int, str]) -> int:
    """Link items of ``plan`` to indicators (item pk → indicator code), as a person confirmed them. Only an
    editor of the plan's centre may; items already linked are left alone. Returns how many were linked."""
    if not access.can_edit_centre(user, plan.centre):
        raise PermissionDenied
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=set(links.values()))}
    items = plan.items.filter(pk__in=list(links), indicator__isnull=True)
    linked = 0
    for item in items:
        indicator = indicators.get(links[item.pk])
        if indicator is None:
            continue
        item.indicator = indicator
        item.save(update_fields=["indicator", "updated_at"])
        linked += 1
    return linked
