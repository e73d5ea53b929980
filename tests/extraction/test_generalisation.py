"""Constructions the dev corpus lacks: one invented short bulletin per construction, as a table of
(paragraphs, expected [(Kazakh side, counterparts)] in order)."""

from __future__ import annotations

import pytest

from .conftest import meetings_of, names

CASES = [
    pytest.param(
        (
            "Председатель Мажилиса Парламента Республики Казахстан Ерболат Мусин находился с визитом "
            "в Грузии.",
            "Затем председатель Мажилиса встретился с вице-премьером Грузии Левани Гелашвили и мэром "
            "Тбилиси Гиоргием Кобахидзе.",
        ),
        [(["Ерболат Мусин"], ["Левани Гелашвили", "Гиоргий Кобахидзе"])],
        id="title-of-a-kazakh-body-refers-to-our-official",
    ),
    pytest.param(
        (
            "Депутат Мажилиса Парламента Республики Казахстан Ерболат Мусин посетил Эльзас. Префект "
            "региона Пьер Дюваль ознакомил казахстанскую делегацию с экономикой региона.",
        ),
        [(["Ерболат Мусин"], ["Пьер Дюваль"])],
        id="host-who-shows-a-delegation-round-is-the-visit-counterpart",
    ),
    pytest.param(
        (
            "Посол Казахстана в Японии Ерлан Сагатов посетил Университет Тохоку. Ректор университета "
            "Кэндзи Ямада рассказал о совместных программах.",
        ),
        [(["Ерлан Сагатов"], ["Кэндзи Ямада"])],
        id="host-named-after-a-visit-is-its-counterpart",
    ),
    pytest.param(
        (
            "Генеральный консул Казахстана в Женеве Асель Мухамеджанова встретилась с мэром Лозанны "
            "Грегуаром Жюно.",
            "Мухамеджанова провела переговоры с президентом кантона Во Кристель Люизье.",
        ),
        [(["Асель Мухамеджанова"], ["Грегуар Жюно"]), (["Асель Мухамеджанова"], ["Кристель Люизье"])],
        id="a-lone-surname-opening-a-sentence-is-our-official",
    ),
    pytest.param(
        (
            "Даурен Сагинтаев, посол Казахстана в Австралии, был принят министром иностранных дел и "
            "сотрудничества Автономного Региона Бугенвиль Юсефом Беннани.",
        ),
        [(["Даурен Сагинтаев"], ["Юсеф Беннани"])],
        id="a-foreign-minister-of-an-unlisted-state-name-is-a-counterpart",
    ),
    pytest.param(
        (
            "Посол Казахстана в Китае Ерлан Сагатов находился с рабочей поездкой в Ухане. Посла принял "
            "губернатор провинции Хубэй Ли Миньчжэ.",
        ),
        [(["Ерлан Сагатов"], ["Ли Миньчжэ"])],
        id="a-province-named-between-the-title-and-the-name-is-not-part-of-it",
    ),
    pytest.param(
        (
            "Заместитель министра иностранных дел Казахстана Динара Есенова встретилась с послом Перу "
            "Хорхе Вильяном, а также провела беседу с послом Чили Пабло Рохасом.",
        ),
        [(["Динара Есенова"], ["Хорхе Вильян"]), (["Динара Есенова"], ["Пабло Рохас"])],
        id="a-takzhe-joins-a-second-meeting-of-the-same-official",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), CASES)
def test_construction_gives_the_expected_meetings(paragraphs, expected):
    meetings = meetings_of(*paragraphs)
    assert [(names(m, "kz_side"), names(m, "counterparts")) for m in meetings] == expected
