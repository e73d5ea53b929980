"""Table tests of the name and side constructions of agency prose (rules/mentions.py, rules/sides.py,
people.py, names.py, titles.py): who a bulletin names, in which nominative form, on which side, of
which state. One table per construction, each row an invented bulletin that varies it the way agency
prose does (word order, case, number, feminine names, a second event, a negative variant). Every
name and sentence is invented."""

from __future__ import annotations

import pytest

from .conftest import meetings_of
from .test_side_rules import _sides


def _summary(meetings: list[dict]) -> list[tuple]:
    """Each meeting as (kind, Kazakh names, [(counterpart name, country)])."""
    return [
        (
            m["kind"],
            [p["name"] for p in m["kz_side"]],
            [(p["name"], p["country"]) for p in m["counterparts"]],
        )
        for m in meetings
    ]


def _run(paragraphs: str | tuple[str, ...]) -> list[tuple]:
    return _summary(meetings_of(*((paragraphs,) if isinstance(paragraphs, str) else paragraphs)))


# (a) a foreign official, subject or object: the side follows the state his title names ----------

FOREIGN_OFFICIAL = [
    pytest.param(
        "Чрезвычайный и Полномочный Посол Норвегии в Республике Казахстан Ларс Эйдсвик провел встречу с "
        "заместителем министра иностранных дел Ерболатом Жанкелдиным.",
        [("meeting", ["Ерболат Жанкелдин"], [("Ларс Эйдсвик", "Норвегия")])],
        id="foreign_diplomat_posted_here: the ambassador in Kazakhstan as the subject",
    ),
    pytest.param(
        "Первый заместитель министра иностранных дел Айдана Сарыбаева приняла посла Италии в Казахстане "
        "Джулию Ронкони.",
        [("meeting", ["Айдана Сарыбаева"], [("Джулия Ронкони", "Италия")])],
        id="foreign_diplomat_posted_here: feminine, accusative, after 'приняла'",
    ),
    pytest.param(
        "Глава МИД Ерболат Жанкелдин провел встречу с послом РФ в РК Олегом Самойловым. Затем министр "
        "принял посла Перу Хорхе Саласа.",
        [
            ("meeting", ["Ерболат Жанкелдин"], [("Олег Самойлов", "Россия")]),
            ("meeting", ["Ерболат Жанкелдин"], [("Хорхе Салас", "Перу")]),
        ],
        id="foreign_diplomat_posted_here: 'послом РФ в РК', then a second meeting",
    ),
    pytest.param(
        "Американский посол Мартин Кейн встретился с акимом Туркестанской области Нурланом Мурзагалиевым.",
        [("meeting", ["Нурлан Мурзагалиев"], [("Мартин Кейн", "США")])],
        id="foreign_adjective_before_title: 'Американский посол' is theirs; kz_region: the akim is ours",
    ),
    pytest.param(
        "Министр иностранных дел Ерболат Жанкелдин провел телефонный разговор со своим норвежским "
        "коллегой Ларсом Эйдсвиком.",
        [("phone_call", ["Ерболат Жанкелдин"], [("Ларс Эйдсвик", "Норвегия")])],
        id="foreign_adjective_before_title: 'норвежским коллегой' names the state",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), FOREIGN_OFFICIAL)
def test_a_foreign_official_is_a_counterpart_wherever_he_stands(paragraphs, expected):
    assert _run(paragraphs) == expected


# (b) a Kazakh official whose title names no state; quotes and senders tell no side ---------------

OUR_TITLE_WITHOUT_STATE = [
    pytest.param(
        "Глава МИД Ерболат Жанкелдин провел переговоры с министром иностранных дел Перу Хорхе Саласом.",
        "Ерболат Жанкелдин",
        "kz",
        id="our_title_by_default: 'Глава МИД' is ours",
    ),
    pytest.param(
        "Норвежская делегация во главе с послом Ларсом Эйдсвиком посетила Туркестан.",
        "Ларс Эйдсвик",
        "cp",
        id="delegation_led: the leader of a delegation a state's adjective names is theirs",
    ),
    pytest.param(
        "Председатель ассоциации «Друзья Казахстана» Эрик Ламбер встретился с послом Ерболатом Жанкелдиным.",
        "Эрик Ламбер",
        "cp",
        id="without_quotes: 'Казахстана' inside quotes tells no side",
    ),
    pytest.param(
        'Посол Казахстана в США Ерболат Жанкелдин встретился с сопредседателями кокуса "Друзья Казахстана" '
        "Эриком Ламбером и Джоном Уэстом.",
        "Джон Уэст",
        "cp",
        id="without_quotes: ASCII quotes, a plural title shared by two names",
    ),
    pytest.param(
        "Министр иностранных дел Перу Хорхе Салас встретился с заместителем министра иностранных дел "
        "Ерболатом Жанкелдиным. Гость передал приветствия от Президента Луиса Браво.",
        "Луис Браво",
        None,
        id="sender_of_greetings: 'от Президента X' passed on by a guest is not ours",
    ),
    pytest.param(
        "Министр иностранных дел Ерболат Жанкелдин провел переговоры с министром иностранных дел Перу "
        "Хорхе Саласом. Е.Жанкелдин передал приветствия от Президента Казахстана Нурлана Мурзагалиева.",
        "Нурлан Мурзагалиев",
        "kz",
        id="sender_of_greetings: a sender whose title names Kazakhstan stays ours",
    ),
    pytest.param(
        "18 мая на заседании Совета министров иностранных дел двух стран заместитель премьер-министра - "
        "министр иностранных дел РК Ерболат Жанкелдин и министр иностранных дел Перу Хорхе Салас "
        "подписали протокол.",
        "Ерболат Жанкелдин",
        "kz",
        id="title_noun: the body's 'министров' before a nominative title is not the name's title",
    ),
]


@pytest.mark.parametrize(("paragraph", "name", "side"), OUR_TITLE_WITHOUT_STATE)
def test_a_title_naming_no_state_is_ours_and_quotes_tell_no_side(paragraph, name, side):
    assert _sides(paragraph)[name] == side


def test_a_director_of_a_body_at_the_president_keeps_his_own_title():
    meeting = meetings_of(
        "Посол Перу Хорхе Салас встретился с директором Казахстанского института стратегических "
        "исследований при Президенте РК Ерболатом Жанкелдиным."
    )[0]
    assert [(p["name"], p["position"]) for p in meeting["kz_side"]] == [
        (
            "Ерболат Жанкелдин",
            "директор Казахстанского института стратегических исследований при Президенте РК",
        )
    ]


# (c) initials before or after a surname ------------------------------------------------------------

INITIALS = [
    pytest.param(
        "Посол Казахстана в ОАЭ Ерболат Жанкелдин встретился с государственным министром ОАЭ Х.С. "
        "Аль-Мансури.",
        [("meeting", ["Ерболат Жанкелдин"], [("Х. С. Аль-Мансури", "ОАЭ")])],
        id="initials_run: two initials without a space before the surname",
    ),
    pytest.param(
        "Посол Казахстана в ОАЭ Ерболат Жанкелдин встретился с государственным министром ОАЭ "
        "Аль-Мансури Х.С. Стороны обсудили торговлю.",
        [("meeting", ["Ерболат Жанкелдин"], [("Аль-Мансури Х. С.", "ОАЭ")])],
        id="initials_close_name: initials after the surname end the name",
    ),
    pytest.param(
        (
            "Посол Казахстана в Германии Ерболат Жанкелдин прибыл в Бонн.",
            "Е.Жанкелдин встретился с мэром Бонна Клаусом Майером.",
        ),
        [("meeting", ["Ерболат Жанкелдин"], [("Клаус Майер", "Германия")])],
        id="same_person: 'Е.Жанкелдин' after the full form is the same person",
    ),
    pytest.param(
        "Посол Казахстана в Чили Айдана Сарыбаева встретилась с министром экономики Чили П.Альваресом.",
        [("meeting", ["Айдана Сарыбаева"], [("П. Альварес", "Чили")])],
        id="initials stay when no full name is given, the surname in the nominative",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), INITIALS)
def test_initials_before_or_after_a_surname_are_part_of_the_name(paragraphs, expected):
    assert _run(paragraphs) == expected


# (d) clerical, royal and military titles, regnal numbers -------------------------------------------

TITLES_OF_RANK = [
    pytest.param(
        "Посол Казахстана в России Ерболат Жанкелдин встретился с председателем отдела внешних церковных "
        "связей митрополитом Тверским Феофаном.",
        [("meeting", ["Ерболат Жанкелдин"], [("Феофан", "Россия")])],
        id="see_of_clerical_title: the see adjective is kept for see_epithet, the name after it",
    ),
    pytest.param(
        "Митрополит Тверской Феофан принял посла Казахстана в России Ерболата Жанкелдина.",
        [("meeting", ["Ерболат Жанкелдин"], [("Феофан", "Россия")])],
        id="see_of_clerical_title: nominative, as the subject",
    ),
    pytest.param(
        "Посол Казахстана в Италии Айдана Сарыбаева встретилась с Папой Римским Фелицианом.",
        [("meeting", ["Айдана Сарыбаева"], [("Фелициан", "Ватикан")])],
        id="state_titles: the Pope's state is Ватикан, not the ambassador's posting",
    ),
    pytest.param(
        "Папа Римский Фелициан II принял посла Казахстана Ерболата Жанкелдина.",
        [("meeting", ["Ерболат Жанкелдин"], [("Фелициан II", "Ватикан")])],
        id="state_titles: nominative with a regnal number",
    ),
    pytest.param(
        "Посол Казахстана в Дании Ерболат Жанкелдин вручил верительные грамоты Королеве Дании Маргарите III.",
        [("meeting", ["Ерболат Жанкелдин"], [("Маргарита III", "Дания")])],
        id="a dative queen keeps her regnal number",
    ),
    pytest.param(
        "Посол Казахстана в Польше Ерболат Жанкелдин встретился с командующим сухопутными войсками "
        "генерал-лейтенантом Томашем Вальчаком.",
        [("meeting", ["Ерболат Жанкелдин"], [("Томаш Вальчак", "Польша")])],
        id="a military rank is a title",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), TITLES_OF_RANK)
def test_clerical_royal_and_military_titles_are_not_part_of_the_name(paragraphs, expected):
    assert _run(paragraphs) == expected


# (e) foreign names of any origin in oblique cases --------------------------------------------------

AMBASSADOR = "Посол Казахстана в {} Ерболат Жанкелдин"

FOREIGN_NAMES = [
    pytest.param(
        "Финляндии",
        "встретился с министром торговли Финляндии Пеккой Хаапасало.",
        "Пекка Хаапасало",
        id="Finnish, masculine in -а, instrumental",
    ),
    pytest.param(
        "Финляндии",
        "провел встречу с депутатом парламента Финляндии Ээвой-Лийсой Кархунен.",
        "Ээва-Лийса Кархунен",
        id="Finnish, feminine double first name, instrumental",
    ),
    pytest.param(
        "Эфиопии",
        "вручил копию верительных грамот министру иностранных дел Эфиопии Гедиону Тимотеосу.",
        "Гедион Тимотеос",
        id="Ethiopian, dative",
    ),
    pytest.param(
        "ОАЭ",
        "встретился с министром по делам молодежи ОАЭ шейхой Латифой бинт Мухаммед Аль Мактум.",
        "Латифа бинт Мухаммед Аль Мактум",
        id="Arabic, feminine with 'бинт', instrumental",
    ),
    pytest.param(
        "Катаре",
        "принял посла Катара Абу Фариса ибн Саида аль-Мари.",
        "Абу Фарис ибн Саид аль-Мари",
        id="Arabic with 'абу', 'ибн', 'аль-', accusative",
    ),
    pytest.param(
        "Северной Македонии",
        "встретился с министром обороны Северной Македонии Славянкой Петровски.",
        "Славянка Петровски",
        id="Macedonian, indeclinable surname",
    ),
    pytest.param(
        "Грузии",
        "встретился с вице-спикером парламента Грузии Гелой Цхададзе.",
        "Гела Цхададзе",
        id="Georgian, masculine in -а",
    ),
    pytest.param(
        "Армении",
        "встретился с министром культуры Армении Нарине Казарян.",
        "Нарине Казарян",
        id="Armenian, feminine, indeclinable",
    ),
    pytest.param(
        "Корее",
        "встретился с министром торговли Кореи Чхве Ён Хо.",
        "Чхве Ён Хо",
        id="Korean, surname first, indeclinable",
    ),
    pytest.param(
        "Японии",
        "был принят министром иностранных дел Японии Ёсико Камимурой.",
        "Ёсико Камимура",
        id="Japanese, feminine, instrumental",
    ),
    pytest.param(
        "Китае",
        "встретился с заместителем министра коммерции Китая Лю Цзяньхуном.",
        "Лю Цзяньхун",
        id="Chinese, surname first, declined given name",
    ),
    pytest.param(
        "Колумбии",
        "встретился с министром иностранных дел Колумбии Луисом Альберто Мурильо Гарсией.",
        "Луис Альберто Мурильо Гарсия",
        id="Latin-American double surname, instrumental",
    ),
    pytest.param(
        "Мексике",
        "вручил копии верительных грамот заместителю министра иностранных дел Мексики Марии "
        "Терезе Гонсалес Пардо.",
        "Мария Тереза Гонсалес Пардо",
        id="Latin-American double surname, feminine, dative",
    ),
]


@pytest.mark.parametrize(("posting", "rest", "name"), FOREIGN_NAMES)
def test_a_foreign_name_in_an_oblique_case_is_put_in_the_nominative(posting, rest, name):
    meeting = meetings_of(f"{AMBASSADOR.format(posting)} {rest}")[0]
    assert [p["name"] for p in meeting["counterparts"]] == [name]


def test_a_country_that_is_a_first_name_is_read_as_the_name():
    meeting = meetings_of(
        "Посол Туниса Хасан Бен Салем встретился с заместителем председателя Мажилиса Парламента РК "
        "Данией Тлеужановой."
    )[0]
    assert [p["name"] for p in meeting["kz_side"]] == ["Дания Тлеужанова"]


# (f) names in a coordinated list after a plural title ---------------------------------------------

LISTS = [
    pytest.param(
        "Министр иностранных дел Ерболат Жанкелдин провел двусторонние встречи с министрами иностранных "
        "дел Испании Хавьером Морено, Латвии Андрисом Калниньшем и Эстонии Кайей Тамм.",
        [
            ("meeting", ["Ерболат Жанкелдин"], [("Хавьер Морено", "Испания")]),
            ("meeting", ["Ерболат Жанкелдин"], [("Андрис Калниньш", "Латвия")]),
            ("meeting", ["Ерболат Жанкелдин"], [("Кайя Тамм", "Эстония")]),
        ],
        id="двусторонние встречи: one meeting per minister, each with its state",
    ),
    pytest.param(
        "Министр иностранных дел Ерболат Жанкелдин встретился с министрами иностранных дел Испании "
        "Хавьером Морено, Латвии Андрисом Калниньшем и Эстонии Кайей Тамм.",
        [
            (
                "meeting",
                ["Ерболат Жанкелдин"],
                [("Хавьер Морено", "Испания"), ("Андрис Калниньш", "Латвия"), ("Кайя Тамм", "Эстония")],
            )
        ],
        id="one meeting with the three, each with its state",
    ),
    pytest.param(
        "Заместитель министра иностранных дел Айдана Сарыбаева приняла послов Испании Хавьера Морено и "
        "Латвии Андриса Калниньша.",
        [
            (
                "meeting",
                ["Айдана Сарыбаева"],
                [("Хавьер Морено", "Испания"), ("Андрис Калниньш", "Латвия")],
            )
        ],
        id="plural_title_that_disagrees: a genitive plural title agrees with genitive names",
    ),
    pytest.param(
        "Министр иностранных дел Ерболат Жанкелдин провел телефонные разговоры с министрами иностранных "
        "дел Испании Хавьером Морено и Латвии Андрисом Калниньшем.",
        [
            ("phone_call", ["Ерболат Жанкелдин"], [("Хавьер Морено", "Испания")]),
            ("phone_call", ["Ерболат Жанкелдин"], [("Андрис Калниньш", "Латвия")]),
        ],
        id="phone calls (plural) with two ministers of a list: one call each",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), LISTS)
def test_names_listed_after_a_plural_title_take_their_own_states(paragraphs, expected):
    assert _run(paragraphs) == expected
