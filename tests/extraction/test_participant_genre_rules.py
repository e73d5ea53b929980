"""People merely named beside an event: the rules of meetings/extraction/rules/bystanders.py.

Each table varies one construction of agency prose in which a Kazakh official or a foreign person
is named but takes no part in the encounter reported (a message passed on, an agreement followed,
a spokesman telling the news, someone thanked or invited), with a positive twin that must stay an
event with its participants. Every row is an invented bulletin; it pins (kind, our side,
counterparts) of each meeting, in order.
"""

from __future__ import annotations

import pytest

from .test_event_genre_rules import events

AMBASSADOR = "Посол Казахстана в Италии Талгат Жаркымбеков"
MET_ECONOMY = f"{AMBASSADOR} встретился с министром экономики Италии Лоренцо Бартолуччи"
DEPUTY = "заместитель министра иностранных дел Казахстана Айгерим Сапарбекова"
PRESIDENT_GEN = "Президента Казахстана Серика Омарбекова"
BARTOLUCCI = ("meeting", ["Талгат Жаркымбеков"], ["Лоренцо Бартолуччи"])
SUNDQVIST = ("meeting", ["Айгерим Сапарбекова"], ["Хенрик Сундквист"])
TALKS = ("meeting", ["Данияр Мейрамов"], ["Лоренцо Бартолуччи"])


MESSAGES_AND_COURTESIES = [
    pytest.param(
        [f"{MET_ECONOMY} и передал ему послание {PRESIDENT_GEN}."],
        [BARTOLUCCI],
        id="'передал послание Президента X': the author is absent",
    ),
    pytest.param(
        [f"{MET_ECONOMY} и передал приглашение {PRESIDENT_GEN} посетить Астану."],
        [BARTOLUCCI],
        id="author_of_a_message_passed_on: 'передал приглашение X посетить'",
    ),
    pytest.param(
        [
            f"{MET_ECONOMY}. В ходе встречи посол вручил приветствие Главы государства Серика "
            "Омарбекова премьер-министру Италии Мишелю Дюпюи."
        ],
        [BARTOLUCCI],
        id="author_of_a_message_passed_on: 'вручил приветствие Главы государства X' to a third person",
    ),
    pytest.param(
        [f"{MET_ECONOMY} и пригласил премьер-министра Италии Мишеля Дюпюи посетить Астану."],
        [BARTOLUCCI],
        id="object_of_a_courtesy: 'пригласил X посетить' is no participant",
    ),
    pytest.param(
        [
            f"{AMBASSADOR} провел встречу с министром экономики Италии Лоренцо Бартолуччи, который "
            f"поздравил {PRESIDENT_GEN} с юбилеем."
        ],
        [BARTOLUCCI],
        id="object_of_a_courtesy: 'поздравил X' in a relative clause",
    ),
    pytest.param(
        [
            "Заместитель министра иностранных дел Казахстана Айгерим Сапарбекова провела переговоры с "
            "государственным секретарем МИД Швеции Хенриком Сундквистом и поблагодарила премьер-министра "
            "Швеции Маргарет Эллингтон за поддержку."
        ],
        [SUNDQVIST],
        id="object_of_a_courtesy: 'поблагодарила X' (feminine)",
    ),
    pytest.param(
        [
            "Посол Казахстана в Италии Талгат Жаркымбеков принял в посольстве премьер-министра Италии "
            "Мишеля Дюпюи."
        ],
        [("meeting", ["Талгат Жаркымбеков"], ["Мишель Дюпюи"])],
        id="positive twin: 'принял X' is a reception of X",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), MESSAGES_AND_COURTESIES)
def test_authors_of_messages_and_people_thanked_or_invited_take_no_part(paragraphs, expected):
    assert events(*paragraphs) == expected


AGREEMENTS_AND_PASTS = [
    pytest.param(
        [
            "В соответствии с договоренностями, достигнутыми Президентом Казахстана Сериком Омарбековым "
            f"и премьер-министром Швеции Маргарет Эллингтон, {DEPUTY} провела консультации с "
            "государственным секретарем МИД Швеции Хенриком Сундквистом."
        ],
        [SUNDQVIST],
        id="agent_of_a_passive_participle: 'договоренности, достигнутые X и Y'",
    ),
    pytest.param(
        [
            "Министр иностранных дел Казахстана Данияр Мейрамов встретился с министром экономики Италии "
            "Лоренцо Бартолуччи. Бартолуччи высоко оценил реформы, проводимые Главой государства Сериком "
            "Омарбековым."
        ],
        [TALKS],
        id="agent_of_a_passive_participle: 'реформы, проводимые X' in the next sentence",
    ),
    pytest.param(
        [
            "Министр экономики Италии Лоренцо Бартолуччи принял делегацию Казахстана, возглавляемую "
            "заместителем министра иностранных дел Айгерим Сапарбековой."
        ],
        [("meeting", ["Айгерим Сапарбекова"], ["Лоренцо Бартолуччи"])],
        id="positive twin: 'делегация, возглавляемая X' is led by X",
    ),
    pytest.param(
        [
            "Министр иностранных дел Казахстана Данияр Мейрамов провел переговоры с министром экономики "
            "Италии Лоренцо Бартолуччи, который ранее встречался с Президентом Казахстана Сериком "
            "Омарбековым."
        ],
        [TALKS],
        id="met_earlier_by_someone_described: ', который ранее встречался с X'",
    ),
    pytest.param(
        [
            f"По поручению Главы государства Серика Омарбекова {DEPUTY} провела переговоры с "
            "государственным секретарем МИД Швеции Хенриком Сундквистом."
        ],
        [SUNDQVIST],
        id="'по поручению Главы государства X'",
    ),
    pytest.param(
        [
            f"{DEPUTY[0].upper()}{DEPUTY[1:]} встретилась с государственным секретарем МИД Швеции Хенриком "
            f"Сундквистом. Стороны обсудили подготовку визита {PRESIDENT_GEN} в Швецию."
        ],
        [SUNDQVIST],
        id="'обсудили подготовку визита X': a topic",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), AGREEMENTS_AND_PASTS)
def test_leaders_whose_agreements_or_reforms_are_named_take_no_part(paragraphs, expected):
    assert events(*paragraphs) == expected


TELLERS_AND_TOLD = [
    pytest.param(
        [
            "Официальный представитель МИД Казахстана Айбек Тасболатов сообщил, что министр иностранных "
            "дел Казахстана Данияр Мейрамов провел переговоры с министром экономики Италии Лоренцо "
            "Бартолуччи."
        ],
        [TALKS],
        id="teller_of_anothers_event: 'X сообщил, что Y провел переговоры'",
    ),
    pytest.param(
        [
            "Министр иностранных дел Казахстана Данияр Мейрамов провел переговоры с министром экономики "
            "Италии Лоренцо Бартолуччи, сообщил на брифинге официальный представитель МИД Айбек Тасболатов."
        ],
        [TALKS],
        id="teller_of_anothers_event: '..., сообщил на брифинге X' after the news",
    ),
    pytest.param(
        [
            "Как отметила официальный представитель МИД Казахстана Жанар Кемелова, в ходе переговоров "
            "министра иностранных дел Казахстана Данияра Мейрамова с министром экономики Италии Лоренцо "
            "Бартолуччи обсуждались вопросы энергетики."
        ],
        [TALKS],
        id="teller_of_anothers_event: 'Как отметила X, в ходе переговоров Y с Z' (feminine)",
    ),
    pytest.param(
        [
            "Как сообщил посол Казахстана в Италии Талгат Жаркымбеков во время встречи с министром "
            "экономики Италии Лоренцо Бартолуччи, товарооборот вырос вдвое."
        ],
        [BARTOLUCCI],
        id="positive twin: the teller who tells of his own meeting takes part",
    ),
    pytest.param(
        [
            f"{MET_ECONOMY} и отметил, что Президент Казахстана Серик Омарбеков придает большое значение "
            "связям с Италией."
        ],
        [BARTOLUCCI],
        id="named_in_what_was_said: 'отметил, что Президент X придает значение'",
    ),
    pytest.param(
        [
            "Посол Казахстана в Италии Талгат Жаркымбеков сообщил, что накануне встретился с министром "
            "экономики Италии Лоренцо Бартолуччи."
        ],
        [BARTOLUCCI],
        id="positive twin: 'сообщил, что встретился с X': the told event is his own",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), TELLERS_AND_TOLD)
def test_a_spokesman_telling_of_others_talks_takes_no_part(paragraphs, expected):
    assert events(*paragraphs) == expected


NO_KAZAKH_EVENT = [
    pytest.param(
        ["Президент Франции Мишель Дюпюи провел переговоры с премьер-министром Швеции Маргарет Эллингтон."],
        [],
        id="talks without any Kazakh official are no event",
    ),
    pytest.param(
        [
            "Президент Франции Мишель Дюпюи провел переговоры с премьер-министром Швеции Маргарет "
            f"Эллингтон. {MET_ECONOMY}."
        ],
        [BARTOLUCCI],
        id="a foreign event, then ours in the same paragraph",
    ),
    pytest.param(
        [
            "Талгат Жаркымбеков, назначенный указом Президента Казахстана Серика Омарбекова послом в "
            "Италии, ранее занимал пост заместителя министра иностранных дел."
        ],
        [],
        id="an appointment and a biography are no event",
    ),
    pytest.param(
        [
            "Министр иностранных дел Казахстана Данияр Мейрамов направил письмо министру экономики "
            "Италии Лоренцо Бартолуччи."
        ],
        [],
        id="a letter is no event",
    ),
    pytest.param(
        [
            "Товарооборот между Казахстаном и Италией в 2025 году составил 15 млрд долларов, сообщил посол "
            "Казахстана Талгат Жаркымбеков в интервью газете «Стампа»."
        ],
        [],
        id="statistics told in an interview are no event",
    ),
    pytest.param(
        [
            "Министр экономики Италии Лоренцо Бартолуччи выразил благодарность Президенту Казахстана "
            "Серику Омарбекову за поддержку."
        ],
        [],
        id="gratitude to someone absent is no event",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), NO_KAZAKH_EVENT)
def test_statements_letters_and_foreign_events_report_no_meeting(paragraphs, expected):
    assert events(*paragraphs) == expected
