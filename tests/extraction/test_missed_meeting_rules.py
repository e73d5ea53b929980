"""Encounters the engine used to miss: a second meeting told in a later sentence with our side
unnamed, a reception "у" its host, a working breakfast, lunch or dinner. Each table varies the
construction the way agency prose does (order, number, feminine names) and holds a negative twin
that must give no new meeting. Every row is an invented bulletin; a row pins (kind, our side,
counterparts) of each meeting, in order.
"""

from __future__ import annotations

import pytest

from .test_event_genre_rules import events

VRBETSKY = ("meeting", ["Нурлыбек Сарсенбаев"], ["Томаш Врбецкий"])
STEPANEK = ("meeting", ["Нурлыбек Сарсенбаев"], ["Зденек Штепанек"])
FERREIRA = ("meeting", ["Асель Жумагулова"], ["Лусия Феррейра"])
RINALDI = ("meeting", ["Асель Жумагулова"], ["Октавио Ринальди"])

SECOND_ENCOUNTER = [
    pytest.param(
        [
            "Посол Казахстана в Чехии Нурлыбек Сарсенбаев встретился с министром промышленности Чехии "
            "Томашем Врбецким. Также состоялась встреча с мэром Праги Зденеком Штепанеком."
        ],
        [VRBETSKY, STEPANEK],
        id="'Также состоялась встреча с Y': a second meeting of the official named before",
    ),
    pytest.param(
        [
            "Посол Казахстана в Португалии Асель Жумагулова провела переговоры с мэром Порту Лусией "
            "Феррейрой. Кроме того, состоялись консультации с министром экономики Португалии Октавио "
            "Ринальди."
        ],
        [FERREIRA, RINALDI],
        id="'Кроме того, состоялись консультации с Y': plural event noun, feminine official",
    ),
    pytest.param(
        [
            "Посол Казахстана в Португалии Асель Жумагулова встретилась с мэром Порту Лусией Феррейрой. "
            "Затем посол провела переговоры с министром экономики Португалии Октавио Ринальди."
        ],
        [FERREIRA, RINALDI],
        id="'Затем посол провела переговоры с Y': the official referred to by her title",
    ),
    pytest.param(
        [
            "Посол Казахстана в Чехии Нурлыбек Сарсенбаев встретился с мэром Праги Зденеком Штепанеком. "
            "Встреча с мэром Праги Зденеком Штепанеком прошла в дружественной атмосфере."
        ],
        [STEPANEK],
        id="negative: the same counterpart again restates the meeting, no second one",
    ),
    pytest.param(
        [
            "Посол Казахстана в Чехии Нурлыбек Сарсенбаев встретился с министром промышленности Чехии "
            "Томашем Врбецким.",
            "Также в Праге состоялась встреча премьер-министра Чехии Зденека Штепанека с министром "
            "финансов Словакии Петером Балажем.",
        ],
        [VRBETSKY],
        id="negative: a meeting of two foreigners in the next paragraph is not ours",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), SECOND_ENCOUNTER)
def test_a_second_encounter_in_a_later_sentence_is_a_meeting_of_the_same_official(paragraphs, expected):
    assert events(*paragraphs) == expected


RECEPTION_BY_A_HOST = [
    pytest.param(
        [
            "Посол Казахстана в Чехии Нурлыбек Сарсенбаев был на приеме у министра промышленности "
            "Чехии Томаша Врбецкого."
        ],
        [VRBETSKY],
        id="'был на приеме у министра Y'",
    ),
    pytest.param(
        [
            "Посол Казахстана в Португалии Асель Жумагулова была на приеме у министра экономики "
            "Португалии Октавио Ринальди."
        ],
        [RINALDI],
        id="'была на приеме у Y': feminine official",
    ),
    pytest.param(
        [
            "Посол Казахстана в Чехии Нурлыбек Сарсенбаев встретился с министром промышленности Чехии "
            "Томашем Врбецким. На приеме в честь Дня независимости присутствовали дипломаты."
        ],
        [VRBETSKY],
        id="negative: a reception with no host named gives no new meeting",
    ),
    pytest.param(
        [
            "Посол Казахстана в Чехии Нурлыбек Сарсенбаев принял участие в новогоднем приеме, который "
            "президент Чехии Томаш Врбецкий дал для дипломатического корпуса."
        ],
        [("talks_multilateral", ["Нурлыбек Сарсенбаев"], ["Томаш Врбецкий"])],
        id="negative: a reception given for the diplomatic corps is a session, not a meeting",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), RECEPTION_BY_A_HOST)
def test_a_reception_at_its_host_is_a_meeting_with_the_host(paragraphs, expected):
    assert events(*paragraphs) == expected


WORKING_MEALS = [
    pytest.param(
        [
            "Посол Казахстана в Чехии Нурлыбек Сарсенбаев провел рабочий завтрак с министром "
            "промышленности Чехии Томашем Врбецким."
        ],
        [VRBETSKY],
        id="'провел рабочий завтрак с Y'",
    ),
    pytest.param(
        [
            "Состоялся рабочий обед посла Казахстана в Чехии Нурлыбека Сарсенбаева с министром "
            "промышленности Чехии Томашем Врбецким."
        ],
        [VRBETSKY],
        id="'Состоялся рабочий обед X с Y': our official in the genitive",
    ),
    pytest.param(
        [
            "Министр промышленности Чехии Томаш Врбецкий дал ужин в честь посла Казахстана в Чехии "
            "Нурлыбека Сарсенбаева."
        ],
        [VRBETSKY],
        id="'Y дал ужин в честь X': the host first",
    ),
    pytest.param(
        ["Посол Казахстана в Чехии Нурлыбек Сарсенбаев рассказал о рабочем обеде в Праге."],
        [],
        id="negative: a lunch talked about is no event",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), WORKING_MEALS)
def test_a_working_meal_is_a_meeting(paragraphs, expected):
    assert events(*paragraphs) == expected


def test_a_foreign_leader_meeting_someone_later_in_the_paragraph_is_not_our_meeting():
    bulletin = (
        "Посол Казахстана в Чехии Нурлыбек Сарсенбаев встретился с министром промышленности Чехии "
        "Томашем Врбецким. В тот же день чешский премьер провел рабочую встречу с мэром Праги "
        "Зденеком Штепанеком."
    )
    assert events(bulletin) == [VRBETSKY]
