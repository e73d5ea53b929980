"""Table tests of the case-ending rules (meetings/extraction/data/name_endings.json) that put a name
pymorphy2 does not know in the nominative: one row per rule family, every name invented."""

from __future__ import annotations

import pytest

from meetings.extraction.lexicon import load_lexicon
from meetings.extraction.names import nominative

ABLT = frozenset({"ablt"})
GENT = frozenset({"gent", "accs"})
ACCS = frozenset({"accs"})
DATV = frozenset({"datv"})
LOCT = frozenset({"loct"})


@pytest.mark.parametrize(
    ("surface", "cases", "expected"),
    [
        # instrumental: surname and first-name endings
        ("Тарканом Бердыкуловым", ABLT, "Таркан Бердыкулов"),
        ("Злотаном Пржецким", ABLT, "Злотан Пржецкий"),
        ("Даринкой Жолтецкой", ABLT, "Даринка Жолтецкая"),
        ("Марсилием Оттоном", ABLT, "Марсилий Оттон"),
        ("Ораньей Кеттел", ABLT, "Оранья Кеттел"),
        ("Адель Брюнью", ABLT, "Адель Брюнь"),
        # instrumental: a soft stem in -ем, after a vowel, a hushing letter or neither
        ("Ботеем Лагардом", ABLT, "Ботей Лагард"),
        ("Луижем Тарро", ABLT, "Луиж Тарро"),
        # instrumental: feminine -ей, after a hushing letter or not
        ("Анжей Ферро", ABLT, "Анжа Ферро"),
        ("Ламией Саиди", ABLT, "Ламия Саиди"),
        # genitive, masculine: -ова, a bare stem in -а, a soft stem in -я
        ("Стефанова Бриджиева", GENT, "Стефанов Бриджиев"),
        ("Кертиса Рамоса", GENT, "Кертис Рамос"),
        ("Вэя Лунда", GENT, "Вэй Лунд"),
        ("Тозара Кукея", GENT, "Тозар Кукей"),
        # genitive: a surname in -ова is a man's, whatever a first name in -и says
        ("Нурали Жаксыгалиева", GENT, "Нурали Жаксыгалиев"),
        # genitive, not accusative: a man's first name in the genitive before a surname in -у
        ("Мурата Кенжетлеу", GENT, "Мурат Кенжетлеу"),
        # genitive, feminine: -ы, -и after a velar, -и after a soft sign; foreign -и stays
        ("Олдры Бакевич", GENT, "Олдра Бакевич"),
        ("Милки Дворжак", GENT, "Милка Дворжак"),
        ("Лайи Морено", GENT, "Лайя Морено"),
        ("Нгози Адеке", GENT, "Нгози Адеке"),
        # accusative: feminine -у/-ю, masculine after "принял" read by the name's own endings
        ("Доминику Ферро", ACCS, "Доминика Ферро"),
        ("Хорхе Гарсию", GENT, "Хорхе Гарсия"),
        # dative, masculine: -ову, a bare stem in -у, a soft stem in -ю
        ("Эвалду Брестрому", DATV, "Эвалд Брестром"),
        ("Тимею Шоуну", DATV, "Тимей Шоун"),
        ("Анселю Маркову", DATV, "Ансель Марков"),
        # dative, feminine
        ("Олдре Бакевич", DATV, "Олдра Бакевич"),
        # prepositional, masculine: a bare stem in -е
        ("Свене Бруннере", LOCT, "Свен Бруннер"),
    ],
)
def test_a_name_the_dictionary_does_not_know_is_put_in_the_nominative_by_its_endings(
    surface, cases, expected
):
    assert nominative(surface.split(), cases, load_lexicon()) == expected
