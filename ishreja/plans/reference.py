"""Reference vocabularies plans use: units and the registry of legal acts, seeded from the real plans."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ishreja.plans.models import LegalAct, Unit

UNITS: list[tuple[str, str]] = [
    ("Hujjat", ""),
    ("Dona", ""),
    ("Tadbir", ""),
    ("Ro'yxat", ""),
    ("Nusxa", ""),
    ("Nusxa jami", ""),
    ("Resurs", ""),
    ("Bibliografik yozuv", "Bibliografik yozuvlar"),
    ("Nafar", ""),
    ("Sahifa", ""),
    ("Nomda", ""),
    ("Marotaba", "Maro- taba,Maro-taba,marta"),
    ("Ma'lumot", ""),
]

K = LegalAct.Kind
LEGAL_ACTS: list[tuple[str, str, dt.date | None, str]] = [
    ("O'RQ-280", K.LAW, dt.date(2011, 4, 13), "Axborot-kutubxona faoliyati to'g'risida"),
    ("PF-158", K.DECREE, dt.date(2023, 9, 11), "O'zbekiston-2030 strategiyasi to'g'risida"),
    (
        "PQ-9",
        K.RESOLUTION,
        dt.date(2026, 1, 15),
        "Kitobxonlik madaniyatini rivojlantirish va aholi o'rtasida kitob o'qishga qiziqishni oshirish "
        "chora-tadbirlari to'g'risida",
    ),
    (
        "PQ-401",
        K.RESOLUTION,
        dt.date(2023, 12, 21),
        "Oilalarni mustahkamlash va xotin-qizlarning faolligini oshirish bo'yicha qo'shimcha "
        "chora-tadbirlar to'g'risida",
    ),
    ("PQ-380", K.RESOLUTION, None, ""),
    ("PQ-162", K.RESOLUTION, None, ""),
    ("PQ-210", K.RESOLUTION, None, ""),
    ("F-79", K.ORDER, None, ""),
    (
        "VMQ-552",
        K.CABINET,
        dt.date(2022, 9, 30),
        "Axborot-kutubxona muassasalarida axborot-kutubxona resurslarini hisobga olish, fondlarni saqlash va "
        "hisobdan chiqarish sohasidagi ayrim normativ huquqiy hujjatlarni tasdiqlash to'g'risida",
    ),
    ("VMQ-595", K.CABINET, None, ""),
    (
        "VMQ-691",
        K.CABINET,
        dt.date(2025, 11, 4),
        "2025-2026-yillarda qatag'on qurbonlari hayoti va faoliyatini targ'ib etish ishlarini yanada "
        "jadallashtirish bo'yicha chora-tadbirlar dasturini tasdiqlash to'g'risida",
    ),
    ("MK-76", K.LIBRARY_ORDER, dt.date(2025, 11, 10), "O'zbekiston Milliy kutubxonasining buyrug'i"),
]


@transaction.atomic
def reference_load() -> None:
    """Create the units vocabulary and the legal acts registry (idempotent, admin edits kept)."""
    for name, aliases in UNITS:
        Unit.objects.get_or_create(name=name, defaults={"aliases": aliases})
    for code, kind, date, title in LEGAL_ACTS:
        LegalAct.objects.get_or_create(code=code, defaults={"kind": kind, "date": date, "title": title})
