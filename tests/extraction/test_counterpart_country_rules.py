"""Table tests of how a counterpart's name, organisation and country are read (people.py,
rules/mentions.py, assemble.py): honorifics in oblique cases before a name, and the international
organisation of an unnamed counterpart. Each row is an invented bulletin with a negative twin;
every name and sentence is invented."""

from __future__ import annotations

import pytest

from .conftest import meetings_of


def _run(*paragraphs: str) -> list[tuple]:
    """Each meeting as (Kazakh names, [(counterpart name, organisation, country)])."""
    return [
        (
            [p["name"] for p in m["kz_side"]],
            [(p["name"], p["organization"], p["country"]) for p in m["counterparts"]],
        )
        for m in meetings_of(*paragraphs)
    ]


HONORIFICS = [
    pytest.param(
        "Посол Казахстана в Малайзии Бекзат Оразалин встретился с министром иностранных дел Малайзии "
        "Датуком Сери Азманом Хашимом.",
        [(["Бекзат Оразалин"], [("Азман Хашим", "Министерство иностранных дел Малайзии", "Малайзия")])],
        id="a two-word honorific in the instrumental is neither name nor title",
    ),
    pytest.param(
        "Посол Казахстана в Малайзии Бекзат Оразалин был принят Его Превосходительством Азманом Хашимом.",
        [(["Бекзат Оразалин"], [("Азман Хашим", None, "Малайзия")])],
        id="Его Превосходительством before the name",
    ),
    pytest.param(
        "Посол Казахстана в Индии Бекзат Оразалин встретился с депутатом парламента Индии Таней Шриваставой.",
        [(["Бекзат Оразалин"], [("Таня Шривастава", "Парламент Индии", "Индия")])],
        id="negative twin: a name whose words only begin like an honorific stays whole",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), HONORIFICS)
def test_an_honorific_in_any_case_is_dropped_from_the_name_and_the_title(paragraph, expected):
    assert _run(paragraph) == expected


UNNAMED_ORGANISATION = [
    pytest.param(
        "Посол Казахстана в Швейцарии Бекзат Оразалин встретился с руководством секретариата ЮНКТАД.",
        [(["Бекзат Оразалин"], [(None, "ЮНКТАД", None)])],
        id="the leadership of an international organisation: no state",
    ),
    pytest.param(
        "Постоянный представитель Казахстана при ООН Бекзат Оразалин провел встречу с делегацией ЮНЕСКО.",
        [(["Бекзат Оразалин"], [(None, "ЮНЕСКО", None)])],
        id="the organisation of the official's own posting is not the counterpart's",
    ),
    pytest.param(
        "Посол Казахстана в Швейцарии Бекзат Оразалин встретился с представителями деловых кругов на "
        "полях сессии ЮНКТАД.",
        [(["Бекзат Оразалин"], [(None, None, "Швейцария")])],
        id="negative twin: an organisation framing the event is not the counterpart's",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), UNNAMED_ORGANISATION)
def test_an_unnamed_counterpart_of_an_international_organisation_has_no_state(paragraph, expected):
    assert _run(paragraph) == expected
