"""Table tests of the name rules (rules/mentions.py, people.py, names.py): which words of a run
are the name, and which nominative form names the person. One row per rule, every name and
sentence invented; the rows read the people a bulletin names, whatever events they take part in."""

from __future__ import annotations

import pytest

from meetings.extraction import load_pipeline
from meetings.extraction.people import build_people
from meetings.extraction.text import layout

from .conftest import HEADER

AMBASSADOR = "Посол Казахстана в Италии Арман Кудабаев"


def people_of(paragraph: str) -> list[str]:
    """The names of the people one invented paragraph mentions, in order of first mention."""
    pipe = load_pipeline()
    text = HEADER + paragraph + "\n"
    page = layout(text)
    start, end = page.sentences[0].start, page.sentences[-1].end
    spans = [(start + s.start, start + s.stop, s.type) for s in pipe.ner(text[start:end]).spans]
    mentions = []
    for sentence in page.sentences:
        inside = [x for x in spans if x[0] < sentence.end and sentence.start < x[1]]
        mentions.extend(pipe.finder.find(sentence, inside))
    return [person.name for person in build_people(mentions, pipe.lexicon)]


NAME_RULES = [
    pytest.param(
        f"{AMBASSADOR} встретился с Папой Римским Фелицианом.",
        ["Арман Кудабаев", "Фелициан"],
        id="see_epithet: 'Папой Римским' is the title, its case the name's",
    ),
    pytest.param(
        f"{AMBASSADOR} был на приеме, который Папа Римский Фелициан дал для дипломатов.",
        ["Арман Кудабаев", "Фелициан"],
        id="see_epithet: the nominative 'Папа Римский' before the name",
    ),
    pytest.param(
        "Президент Казахстана направил Папе Римскому Фелициану II послание.",
        ["Фелициан II"],
        id="see_epithet: the dative see gives the dative name, regnal number kept",
    ),
    pytest.param(
        f"{AMBASSADOR} встретился с председателем отдела внешних связей митрополитом Загорским Евлампием.",
        ["Арман Кудабаев", "Евлампий"],
        id="see_epithet: a metropolitan's see is not part of his name",
    ),
    pytest.param(
        f"{AMBASSADOR} передал Папе Римскому приглашение.",
        ["Арман Кудабаев"],
        id="see_epithet: a title and its see with no name name nobody",
    ),
    pytest.param(
        f"{AMBASSADOR} встретился с Патриархом Александрийским Феодором III.",
        ["Арман Кудабаев", "Феодор III"],
        id="is_full: one name with a regnal number is a full name",
    ),
    pytest.param(
        f"{AMBASSADOR} встретился с исполняющим обязанности министра финансов Эстонии Тармо Кивиметсом.",
        ["Арман Кудабаев", "Тармо Кивиметс"],
        id="acting_title: the name agrees with 'исполняющим', not with 'министра'",
    ),
    pytest.param(
        "Председатель сейма Саксонии Ута Майер приняла посла Казахстана в Германии Армана Кудабаева.",
        ["Ута Майер", "Арман Кудабаев"],
        id="genitive_words_before_name: a region's genitive after a nominative title",
    ),
    pytest.param(
        f"{AMBASSADOR} встретился с председателем Улуг Кенгаша Таджикистана Фаррухом Назаровым.",
        ["Арман Кудабаев", "Фаррух Назаров"],
        id="name_after_state_in_run: the body's own words and its state are not the name",
    ),
    pytest.param(
        f"{AMBASSADOR} встретился с председателем ассоциации дружбы Тан Шри Азманом бин Хашимом.",
        ["Арман Кудабаев", "Азман бин Хашим"],
        id="honorific_phrases: 'Тан Шри' opens the name but is no part of it",
    ),
    pytest.param(
        f"{AMBASSADOR} встретился с мэром малайзийской столицы Нурайной бинти Ахмад Халид.",
        ["Арман Кудабаев", "Нурайна бинти Ахмад Халид"],
        id="name_particles: 'бинти' joins a Malay name",
    ),
    pytest.param(
        f"{AMBASSADOR} встретился с председателем Еврокомиссии Гертрудой фон дер Штайн.",
        ["Арман Кудабаев", "Гертруда фон дер Штайн"],
        id="particles_before_name: two particles in a row before the surname",
    ),
    pytest.param(
        "Посол Казахстана в США Руслан Бекболатов посетил Остин. В беседе с конгрессменом Игорем Мендосой "
        "Р.Бекболатов рассказал о реформах.",
        ["Руслан Бекболатов", "Игорь Мендоса"],
        id="initial_opens_name: an initial after two names begins the next one",
    ),
    pytest.param(
        f"{AMBASSADOR} провел встречи с главами внешнеполитических ведомств Турции Хаканом Озтюрком, "
        "Индонезии Сумарсоно, Пакистана Мухаммадом Иркаром Шахом.",
        ["Арман Кудабаев", "Хакан Озтюрк", "Мухаммад Иркар Шах", "Сумарсоно"],
        id="distributed: one name sharing the list's title is a person",
    ),
    pytest.param(
        "В заседании участвовали министр иностранных дел Турции Хакан Озтюрк, генеральный секретарь ОТГ "
        "Багдад Абишев, министр иностранных дел Венгрии Петер Сабо.",
        ["Хакан Озтюрк", "Багдад Абишев", "Петер Сабо"],
        id="city_named_person: a first name that is a city's stays before a surname",
    ),
    pytest.param(
        f"{AMBASSADOR} встретился с сопредседателями группы дружбы в конгрессе Марио Пальметтой и "
        "Робертом Хиллом.",
        ["Арман Кудабаев", "Марио Пальметта", "Роберт Хилл"],
        id="plural_title_that_disagrees: -ой agrees with an instrumental plural title",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), NAME_RULES)
def test_each_name_rule_reads_its_construction(paragraph, expected):
    assert people_of(paragraph) == expected


NOMINATIVE_CHOICE = [
    pytest.param(
        "Заседание прошло под председательством Данияра Ормантаева. Министр иностранных дел "
        "Казахстана Данияр Ормантаев открыл заседание.",
        ["Данияр Ормантаев"],
        id="a name after a nominative title is surer than a guessed case",
    ),
    pytest.param(
        "Посол Казахстана в Швейцарии Арман Кудабаев встретился с директором Отделения ООН Мариной "
        "Дубовой. М. Дубовая рассказала о работе.",
        ["Арман Кудабаев", "Марина Дубовая"],
        id="a later nominative initials form corrects the surname's ending",
    ),
    pytest.param(
        "Посол Казахстана в Египте Арман Кудабаев встретился с министром образования Египта Тареком "
        "Абдель-Фаттахом. Министр Т. Абдель-Фаттах отметил рост.",
        ["Арман Кудабаев", "Тарек Абдель-Фаттах"],
        id="initials never replace the name written out",
    ),
    pytest.param(
        "Президент Беларуси поблагодарил посла Казахстана в Беларуси Нурали Жаксыгалиева за работу.",
        ["Нурали Жаксыгалиев"],
        id="a first name in -и does not make a genitive -ова feminine",
    ),
    pytest.param(
        "Президент Беларуси принял посла Казахстана Мурата Кенжетлеу.",
        ["Мурат Кенжетлеу"],
        id="after a man's genitive first name a surname in -у is not accusative",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), NOMINATIVE_CHOICE)
def test_a_person_is_named_by_the_surest_nominative(paragraph, expected):
    assert people_of(paragraph) == expected
