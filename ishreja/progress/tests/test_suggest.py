import pytest

from ishreja.indicators.suggest import suggest_indicator, unit_key


@pytest.mark.parametrize(
    ("name", "unit", "expected"),
    [
        ("Kitobxonlar qatnovining hisobini olib borish", "Nafar", "visits"),
        ("Foydalanuvchilarga kitob berilishi hisobini olib borish", "Nusxa", "loans"),
        ("Foydalanuvchilarni ro'yxatga olish: - yangi; - qayta", "Nafar", "users"),
        ("Yangi a'zolari (yillik)", "Nafar", "users-new"),
        ("Qayta a‘zolari (yillik)", "Nafar", "users-reregistered"),
        ("Tadbirlar va ko'rgazmalarni tashkil qilish", "Tadbir", "events"),
        ("\"Kitobxonlar klubi\" a'zolari bilan tadbirlar o'tkazish", "Tadbir", "events"),
        ("Masofadan xizmat ko'rsatish (kutubxona fondida mavjud adabiyotlar)", "Nusxa", "remote-delivery"),
        ("Majburiy nusxa", "Nusxa", "acq-legal-deposit"),
        ("Bosma nashrlarni raqamlashtirish", "Sahifa", "digitised-pages"),
        ("Viloyat matbuoti solnomasi", "Bibliografik yozuvlar (dona)", "bib-records"),
        # "chora-tadbirlar" are measures, and a survey of users is not a count of users.
        ("Qaror ijrosi bo'yicha chora-tadbirlar", "Tadbir", None),
        ("Foydalanuvchilar o'rtasida so'rovnomalar o'tkazish", "Tadbir", None),
        ("", "", None),
    ],
)
def test_it_suggests_the_indicator_an_item_counts(name, unit, expected):
    assert suggest_indicator(name, unit) == expected


def test_it_reads_units_as_documents_write_them():
    assert unit_key("Maro- taba") == "marotaba"
    assert unit_key("Nusxa jami") == "nusxa"
    assert unit_key("Bibliografik yozuvlar (dona)") == "bibliografik yozuv"
