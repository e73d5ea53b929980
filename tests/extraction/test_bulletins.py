"""Whole invented bulletins, read end to end: which events, who, and of which kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetings.extraction import extract

HERE = Path(__file__).with_name("bulletins")

EXPECTED = {
    "africa_gulf_credentials.txt": [
        ("meeting", ["Нурлан Кадыров"], ["Ахмед Фаузи"]),
        ("meeting", ["Бахыт Рахимов"], ["Халид Ибрагим Насер"]),
        ("talks_multilateral", ["Бахыт Рахимов"], [None]),
        ("meeting", ["Мейрам Жунусов"], ["Джозеф Кипчога"]),
        ("meeting", ["Мейрам Жунусов"], ["Ингрид Ланге"]),
    ],
    "asia_europe_consultations.txt": [
        ("meeting", ["Ерлан Байжанов"], ["Сити Хамида Исмаил"]),
        ("talks_multilateral", ["Марат Кожахметов"], [None]),
        ("meeting", ["Марат Кожахметов"], ["Шекиб Авдагич"]),
        ("meeting", ["Болат Иманбаев"], ["Мехмет Кемаль Боздаг"]),
        ("meeting", ["Айдос Кенесов"], ["Эдвард Клейтон"]),
    ],
    "minister_receives_ambassador.txt": [
        ("meeting", ["Нурлан Сапаров"], ["Андерс Лундгрен"]),
        ("phone_call", ["Нурлан Сапаров"], ["Ретно Сетьяни"]),
        ("meeting", ["Нурлан Сапаров"], ["Давид Маклистер"]),
        ("meeting", ["Ерлан Оспанов"], ["Наоми Судзуки", "Кацухиро Акимото"]),
        ("meeting", ["Айдар Абилов"], ["Ван Шоувэнь"]),
    ],
    "singapore_italy_talks.txt": [
        ("meeting", ["Айбек Нуртаев"], ["Дэвид Тео"]),
        ("meeting", ["Мурат Абенов"], ["Антонио Росси"]),
        ("talks_multilateral", ["Галымжан Омаров"], [None]),
        ("meeting", ["Галымжан Омаров"], ["Грейс Фу", "Нор Азман"]),
        ("meeting", ["Галымжан Омаров"], [None]),
    ],
    "un_security_council_brussels.txt": [
        ("talks_multilateral", ["Арман Тулегенов"], [None]),
        ("meeting", ["Арман Тулегенов"], ["Николя де Ривьер"]),
        ("meeting", ["Арман Тулегенов"], ["Кадзуюки Ямадзаки"]),
        ("meeting", ["Марат Бекбаев"], ["Ютта Урпилайнен"]),
        ("visit", ["Ерлан Жумабаев"], [None]),
        ("meeting", ["Нурлан Сейткалиев"], ["Ли Цзяньхуа"]),
    ],
}


@pytest.mark.parametrize("file_name", sorted(EXPECTED))
def test_invented_bulletin_reads_as_expected(file_name):
    text = (HERE / file_name).read_text(encoding="utf-8")
    got = [
        (m["kind"], [p["name"] for p in m["kz_side"]], [p["name"] for p in m["counterparts"]])
        for m in extract(text)["meetings"]
    ]
    assert got == EXPECTED[file_name]


def test_roles_postings_and_countries_of_an_invented_bulletin():
    text = (HERE / "un_security_council_brussels.txt").read_text(encoding="utf-8")
    meetings = extract(text)["meetings"]
    assert [(m["kz_side"][0]["role"], m["kz_side"][0]["posting"]) for m in meetings] == [
        ("permanent_representative", "ООН"),
        ("permanent_representative", "ООН"),
        ("permanent_representative", "ООН"),
        ("ambassador", "Бельгия"),
        ("ambassador", "Германия"),
        ("consul_general", "Урумчи"),
    ]
    assert [m["counterparts"][0]["country"] for m in meetings[1:4]] == ["Франция", "Япония", None]


def test_an_invented_bulletin_places_and_topics():
    text = (HERE / "singapore_italy_talks.txt").read_text(encoding="utf-8")
    meetings = extract(text)["meetings"]
    assert meetings[0]["topics"][0] == "подготовка визита делегации Сингапура"
    assert meetings[1]["location"] == "Рим"
    assert meetings[1]["counterparts"][0]["country"] == "Италия"


def test_an_invented_bulletin_reads_international_bodies_and_compound_titles():
    text = (HERE / "africa_gulf_credentials.txt").read_text(encoding="utf-8")
    meetings = extract(text)["meetings"]
    assert meetings[0]["topics"][:2] == [
        "подготовка заседания межправительственной комиссии",
        "расширение туристических обменов",
    ]
    assert [m["counterparts"][0]["country"] for m in meetings] == [
        "Египет",
        None,
        "Саудовская Аравия",
        "Кения",
        None,
    ]
    assert meetings[3]["counterparts"][0]["position"] == "кабинет-секретарь по иностранным делам Кении"
    assert (meetings[1]["kz_side"][0]["role"], meetings[1]["kz_side"][0]["posting"]) == (
        "ambassador",
        "Саудовская Аравия",
    )
