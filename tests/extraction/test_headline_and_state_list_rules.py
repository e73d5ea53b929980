"""Table tests of the rules of issue 10's third round, each on an invented bulletin (every name and
sentence invented): the headline's own news, names NER tells apart, a title word that closes a name
run, "во время встречи с Р" as the report of a meeting, "спикер" as a reference to our official, a
foreign title that tells no case, a plenary of a home chamber, and unnamed partners of several
states met apart."""

from __future__ import annotations

import pytest

from meetings.extraction import extract

from .conftest import who_met_whom

_run = who_met_whom


def _with_headline(headline: str, *paragraphs: str) -> list[tuple]:
    text = f" date 2025-05-14 {headline}\nАстана. 14 мая. KAZAKHSTAN TODAY - " + "\n".join(paragraphs) + "\n"
    return [
        (m["kind"], [p["name"] for p in m["kz_side"]], [p["name"] for p in m["counterparts"]])
        for m in extract(text)["meetings"]
    ]


# headline_news: the headline's encounter that the body does not tell ------------------------------


def test_a_meeting_told_only_in_the_headline_is_an_event():
    found = _with_headline(
        "Жанузаков провел переговоры с Хансом Бруннером",
        "В Астане прошел второй саммит Центральная Азия - Швейцария. Президент Швейцарии Ханс Бруннер "
        "прибыл в столицу накануне. Президент Казахстана Серик Жанузаков выступил на пленарном "
        "заседании саммита.",
    )
    assert ("meeting", ["Серик Жанузаков"], ["Ханс Бруннер"]) in found


def test_a_headline_meeting_the_body_tells_is_one_event():
    found = _with_headline(
        "Жанузаков провел переговоры с Бруннером",
        "Президент Казахстана Серик Жанузаков провел переговоры с Президентом Швейцарии Хансом Бруннером.",
    )
    assert found == [("meeting", ["Серик Жанузаков"], ["Ханс Бруннер"])]


def test_a_headline_surname_the_body_never_names_adds_nobody():
    """Only people the body names too are read from a headline ("..., Оспанов встретил участников")."""
    found = _with_headline(
        "Жанузаков провел переговоры с эмиром Катара и президентом Чили, Оспанов встретил гостей",
        "Президент Казахстана Серик Жанузаков провел переговоры с Эмиром Катара шейхом Тамимом бен Хамадом.",
    )
    assert all("Оспанов" not in " ".join(kz + cps) for _, kz, cps in found)
    assert [cps for _, _, cps in found] == [["Тамим бен Хамад"]]


# names NER tells apart; a title word closing a run ------------------------------------------------


NAME_RUNS = [
    pytest.param(
        "Президент Казахстана Ерлан-Серик Жанузаков прибыл в Лиму. Во время встречи с Хуаном Карлосом "
        "Ортисом Ерлан-Серик Жанузаков поблагодарил хозяев за гостеприимство.",
        [("meeting", ["Ерлан-Серик Жанузаков"], [("Хуан Карлос Ортис", "Перу")])],
        id="two names side by side, each a NER person",
    ),
    pytest.param(
        "Президент Казахстана Серик Жанузаков прибыл в Вашингтон. Во время встречи с исполнительным "
        "директором компании Lumen Питером Холлоуэем Президент приветствовал подписание соглашения.",
        [("meeting", ["Серик Жанузаков"], [("Питер Холлоуэй", "США")])],
        id="the subject's title word after a name is no part of it",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAME_RUNS)
def test_name_runs(text, expected):
    assert _run(text) == expected


# back references that open a meeting; references to our official ---------------------------------


def test_during_talks_with_a_named_partner_reports_them():
    """ "Во время переговоров с Р стороны отметили ...": "во время" reads as "в ходе"."""
    found = _run(
        "Председатель Мажилиса Серик Жанузаков принял ряд делегаций. Во время переговоров с председателем "
        "Палаты депутатов Иордании Салимом аль-Хадидом стороны отметили высокий уровень отношений."
    )
    assert [(kz, [n for n, _ in cps]) for _, kz, cps in found] == [(["Серик Жанузаков"], ["Салим аль-Хадид"])]


def test_the_speaker_refers_to_our_chamber_chair():
    found = _run(
        "Председатель Мажилиса Серик Жанузаков принял ряд делегаций. Беседуя с председателем "
        "Государственного совета Омана Хамадом аль-Рашиди, казахстанский спикер назвал визит историческим."
    )
    assert [(kz, [n for n, _ in cps]) for _, kz, cps in found] == [
        (["Серик Жанузаков"], ["Хамад аль-Рашиди"])
    ]


def test_a_title_the_dictionary_does_not_know_takes_the_names_case():
    found = _run(
        "Председатель Мажилиса Серик Жанузаков провел двусторонние встречи с председателем Палаты "
        "представителей Беларуси Павлом Гордеевым и Торага Жогорку Кенеша Кыргызстана Азаматом Бекешовым."
    )
    assert [cps for _, _, cps in found] == [
        [("Павел Гордеев", "Беларусь")],
        [("Азамат Бекешов", "Кыргызстан")],
    ]


def test_a_plenary_of_our_own_chamber_is_no_diplomacy():
    found = _run(
        "Председатель Сената Серик Жанузаков назвал избрание Казахстана в Совет ООН победой дипломатии. "
        "Свою оценку спикер дал на пленарном заседании верхней палаты."
    )
    assert found == []


# states_met_apart: unnamed partners of several states ----------------------------------------------


def test_bilateral_meetings_with_unnamed_heads_of_several_states_are_one_each():
    found = _run(
        "В Праге министр иностранных дел Казахстана Серик Жанузаков провел отдельные двусторонние встречи "
        "с главами делегаций Австрии, Канады и Швеции."
    )
    assert found == [
        ("meeting", ["Серик Жанузаков"], [(None, "Австрия")]),
        ("meeting", ["Серик Жанузаков"], [(None, "Канада")]),
        ("meeting", ["Серик Жанузаков"], [(None, "Швеция")]),
    ]


def test_meetings_in_the_plural_with_ministers_of_two_states():
    found = _run(
        "Министр иностранных дел Казахстана Серик Жанузаков провел встречи с министрами иностранных дел "
        "Латвии и Литвы."
    )
    assert [cps for _, _, cps in found] == [[(None, "Латвия")], [(None, "Литва")]]


def test_an_unnamed_partner_of_a_state_is_the_one_named_before():
    found = _run(
        "Председатель Мажилиса Серик Жанузаков принял участие в открытии штаб-квартиры ассамблеи. Ленточку "
        "вместе с ним перерезали Председатель Милли Меджлиса Азербайджана Эльчин Гулиев и Председатель "
        "Великого национального собрания Турции Мустафа Шахин.",
        "В тот же день Серик Жанузаков провел двусторонние встречи с председателями парламентов "
        "Азербайджана и Турции.",
    )
    met_apart = [cps for kind, _, cps in found if kind == "meeting"]
    assert met_apart == [[("Эльчин Гулиев", "Азербайджан")], [("Мустафа Шахин", "Турция")]]
