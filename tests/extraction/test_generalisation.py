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
]


@pytest.mark.parametrize(("paragraphs", "expected"), CASES)
def test_construction_gives_the_expected_meetings(paragraphs, expected):
    meetings = meetings_of(*paragraphs)
    assert [(names(m, "kz_side"), names(m, "counterparts")) for m in meetings] == expected
