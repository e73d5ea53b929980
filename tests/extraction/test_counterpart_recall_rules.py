"""Table tests of the counterpart constructions of agency prose that the engine used to miss or
misread (rules/mentions.py, people.py, names.py, data/name_endings.json, rules/parts.py): unnamed
counterparts, names set off after their title, bare names after "с", single-word names of monarchs,
foreign names in oblique cases, regnal numbers, several counterparts with their titles, and
series of bilateral meetings. Each row is an invented bulletin; every name and sentence is invented."""

from __future__ import annotations

import pytest

from .conftest import meetings_of, who_met_whom

_run = who_met_whom


# (a) an unnamed counterpart: one entry with "name": null ------------------------------------------

UNNAMED = [
    pytest.param(
        "Посол Казахстана в Германии Бекзат Оразалин встретился с руководством компании «Вольф Групп».",
        [("meeting", ["Бекзат Оразалин"], [(None, "Германия")])],
        id="руководством компании: the company's leadership",
    ),
    pytest.param(
        "Посол Казахстана в Италии Дарина Кудайбергенова провела встречу с представителями деловых кругов "
        "Милана.",
        [("meeting", ["Дарина Кудайбергенова"], [(None, "Италия")])],
        id="представителями деловых кругов: feminine, 'провела встречу'",
    ),
    pytest.param(
        "Посол Казахстана в Египте Бекзат Оразалин провел встречу в министерстве иностранных дел Египта.",
        [("meeting", ["Бекзат Оразалин"], [(None, "Египет")])],
        id="встречу в министерстве: the ministry where the meeting was held",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), UNNAMED)
def test_an_unnamed_counterpart_is_one_entry_without_a_name(paragraph, expected):
    assert _run(paragraph) == expected


# (b) a name set off after its title, or standing bare after "с" ---------------------------------------

SET_OFF_OR_BARE = [
    pytest.param(
        "Посол Казахстана в Японии Бекзат Оразалин встретился с министром иностранных дел Японии, Кайто "
        "Хасегавой.",
        [("meeting", ["Бекзат Оразалин"], [("Кайто Хасегава", "Япония")])],
        id="apposition after a comma",
    ),
    pytest.param(
        "Посол Казахстана в Японии Бекзат Оразалин встретился с главой ведомства — Кайто Хасегавой.",
        [("meeting", ["Бекзат Оразалин"], [("Кайто Хасегава", "Япония")])],
        id="apposition after a dash",
    ),
    pytest.param(
        "Посол Казахстана в Японии Бекзат Оразалин провел переговоры с Кайто Хасегавой.",
        [("meeting", ["Бекзат Оразалин"], [("Кайто Хасегава", "Япония")])],
        id="case_after_preposition: a bare masculine name in -а after 'с'",
    ),
    pytest.param(
        "Посол Казахстана в Италии Дарина Кудайбергенова встретилась с Анной Мадарас.",
        [("meeting", ["Дарина Кудайбергенова"], [("Анна Мадарас", "Италия")])],
        id="case_after_preposition: a bare feminine name after 'с'",
    ),
    pytest.param(
        "Посол Казахстана в Японии Бекзат Оразалин встретился с Кайто Хасегавой, главой МИД Японии.",
        [("meeting", ["Бекзат Оразалин"], [("Кайто Хасегава", "Япония")])],
        id="case_after_preposition: the title after the name, in apposition",
    ),
    pytest.param(
        "Посол Казахстана в Японии Бекзат Оразалин встретился с Кайто Хасегавой и Анной Мадарас.",
        [("meeting", ["Бекзат Оразалин"], [("Кайто Хасегава", "Япония"), ("Анна Мадарас", "Япония")])],
        id="case_after_preposition: two bare names after one 'с'",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), SET_OFF_OR_BARE)
def test_a_name_set_off_from_its_title_or_bare_after_s_is_read_in_the_nominative(paragraph, expected):
    assert _run(paragraph) == expected


# (c) foreign names in the genitive and the dative ---------------------------------------------------

OBLIQUE_FOREIGN_NAMES = [
    pytest.param(
        "Посол Казахстана в Перу Бекзат Оразалин вручил копии верительных грамот заместителю министра "
        "иностранных дел Перу Хорхе Онтиверосу.",
        "Хорхе Онтиверос",
        id="dative_masculine: a first name in -е does not decline",
    ),
    pytest.param(
        "Посол Казахстана в Бразилии Бекзат Оразалин вручил копии верительных грамот министру иностранных "
        "дел Бразилии Жозе Мадарасу.",
        "Жозе Мадарас",
        id="dative_masculine: a Portuguese first name in -е before a declined surname",
    ),
    pytest.param(
        "Посол Казахстана в Японии Бекзат Оразалин принял министра экономики Японии Кайто Хасегаву.",
        "Кайто Хасегава",
        id="accusative_masculine: -у of a man's name in -а",
    ),
]


@pytest.mark.parametrize(("paragraph", "name"), OBLIQUE_FOREIGN_NAMES)
def test_a_foreign_name_in_the_genitive_or_dative_is_put_in_the_nominative(paragraph, name):
    assert [p["name"] for p in meetings_of(paragraph)[0]["counterparts"]] == [name]


# (d) monarchs: a single name, a regnal number ----------------------------------------------------------

MONARCHS = [
    pytest.param(
        "Посол Казахстана в Японии Бекзат Оразалин встретился с императором Японии Хироясу.",
        [("meeting", ["Бекзат Оразалин"], [("Хироясу", "Япония")])],
        id="monarch_single_name: an emperor named by one word",
    ),
    pytest.param(
        "Посол Казахстана в Таиланде Бекзат Оразалин вручил верительные грамоты королю Таиланда Раме X. "
        "Церемония прошла во дворце.",
        [("meeting", ["Бекзат Оразалин"], [("Рама X", "Таиланд")])],
        id="latin_roman_numeral: 'X.' at the end of a sentence is a regnal number, not an initial",
    ),
    pytest.param(
        "Император Японии Хироясу принял посла Казахстана в Японии Бекзата Оразалина.",
        [("meeting", ["Бекзат Оразалин"], [("Хироясу", "Япония")])],
        id="monarch_single_name: the emperor as the subject",
    ),
    pytest.param(
        "Посол Казахстана в Таиланде Бекзат Оразалин вручил верительные грамоты королю Таиланда.",
        [("meeting", ["Бекзат Оразалин"], [(None, "Таиланд")])],
        id="negative: a king not named gives no name",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), MONARCHS)
def test_a_monarch_is_named_by_one_word_and_keeps_his_regnal_number(paragraph, expected):
    assert _run(paragraph) == expected


# (e) series of bilateral meetings ----------------------------------------------------------------------

SERIES = [
    pytest.param(
        "Министр иностранных дел Асылбек Мукашев провел серию двусторонних встреч, в том числе с главой МИД "
        "Германии Арнульфом Вольфом и министром иностранных дел Франции Пьером Дюпоном.",
        [
            ("meeting", ["Асылбек Мукашев"], [("Арнульф Вольф", "Германия")]),
            ("meeting", ["Асылбек Мукашев"], [("Пьер Дюпон", "Франция")]),
        ],
        id="bilateral_series: 'серию двусторонних встреч' in the genitive plural",
    ),
    pytest.param(
        "На полях форума министр иностранных дел Асылбек Мукашев провел ряд двусторонних бесед с министрами "
        "иностранных дел Германии Арнульфом Вольфом и Франции Пьером Дюпоном.",
        [
            ("meeting", ["Асылбек Мукашев"], [("Арнульф Вольф", "Германия")]),
            ("meeting", ["Асылбек Мукашев"], [("Пьер Дюпон", "Франция")]),
        ],
        id="bilateral_series: 'ряд двусторонних бесед', a plural title shared",
    ),
    pytest.param(
        "Министр иностранных дел Асылбек Мукашев встретился с главой МИД Германии Арнульфом Вольфом и "
        "министром иностранных дел Франции Пьером Дюпоном.",
        [
            (
                "meeting",
                ["Асылбек Мукашев"],
                [("Арнульф Вольф", "Германия"), ("Пьер Дюпон", "Франция")],
            )
        ],
        id="negative: 'встретился с X и Y' is one meeting",
    ),
    pytest.param(
        "Министр иностранных дел Асылбек Мукашев провел переговоры с главой МИД Германии Арнульфом Вольфом, "
        "а также встретился с министром экономики Германии Бертилом Мадарасом.",
        [
            ("meeting", ["Асылбек Мукашев"], [("Арнульф Вольф", "Германия")]),
            ("meeting", ["Асылбек Мукашев"], [("Бертил Мадарас", "Германия")]),
        ],
        id="two_meetings: talks, then 'а также встретился'",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), SERIES)
def test_a_series_of_bilateral_meetings_gives_one_meeting_per_partner(paragraph, expected):
    assert _run(paragraph) == expected


# (f) the object first: "Посла X принял министр Y" --------------------------------------------------------

OBJECT_FIRST = [
    pytest.param(
        "Посла Казахстана в Японии Бекзата Оразалина принял министр иностранных дел Японии Кайто Хасегава.",
        [("meeting", ["Бекзат Оразалин"], [("Кайто Хасегава", "Япония")])],
        id="object_before_its_verb: the ambassador in the accusative, the host after the verb",
    ),
    pytest.param(
        "Министра иностранных дел Казахстана Асылбека Мукашева принял во дворце король Испании Филипп VI.",
        [("meeting", ["Асылбек Мукашев"], [("Филипп VI", "Испания")])],
        id="object_before_its_verb: a place phrase between the verb and the host",
    ),
    pytest.param(
        "Посла Казахстана в Италии Дарину Кудайбергенову приняла министр культуры Италии Анна Мадарас.",
        [("meeting", ["Дарина Кудайбергенова"], [("Анна Мадарас", "Италия")])],
        id="object_before_its_verb: feminine on both sides",
    ),
    pytest.param(
        "Посла Казахстана в Японии Бекзата Оразалина наградили орденом Восходящего солнца.",
        [],
        id="negative: an award is no meeting",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), OBJECT_FIRST)
def test_an_official_named_before_the_verb_that_receives_him_takes_part(paragraph, expected):
    assert _run(paragraph) == expected


# (g) counterpart's state from the title -----------------------------------------------------------------

STATES = [
    pytest.param(
        "Посол Казахстана в Великобритании Бекзат Оразалин встретился с британским министром торговли "
        "Бертилом Мадарасом.",
        ("Бертил Мадарас", "Великобритания"),
        id="a state's adjective before the title",
    ),
    pytest.param(
        "Генеральный консул Казахстана в Казани Бекзат Оразалин встретился с губернатором Омской области "
        "Бертилом Мадарасом.",
        ("Бертил Мадарас", "Россия"),
        id="a region's governor: the region's state",
    ),
    pytest.param(
        "Посол Казахстана в Швейцарии Дарина Кудайбергенова встретилась с исполнительным секретарем ЕЭК ООН "
        "Анной Мадарас.",
        ("Анна Мадарас", None),
        id="an official of a UN body has no state",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), STATES)
def test_a_counterparts_state_is_read_from_the_title(paragraph, expected):
    assert _run(paragraph)[0][2] == [expected]
