"""Which events an invented bulletin reports, with whom, of which kind, with which roles."""

from __future__ import annotations

import pytest

from meetings.extraction import extract

from .conftest import bulletin, meetings_of, names


def only(meetings: list[dict]) -> dict:
    assert len(meetings) == 1, meetings
    return meetings[0]


@pytest.mark.parametrize(
    ("paragraph", "kz", "counterparts"),
    [
        (  # instrumental after "с"
            (
                "Посол Казахстана в Кыргызстане Нуржан Бектасов встретился с министром энергетики "
                "Кыргызстана Таалаем Осмонбековым."
            ),
            ["Нуржан Бектасов"],
            ["Таалай Осмонбеков"],
        ),
        (  # genitive of our side, instrumental of theirs
            (
                "Состоялась встреча посла Казахстана в Польше Данияра Мухамедова с заместителем министра "
                "культуры Польши Мареком Ковальчиком."
            ),
            ["Данияр Мухамедов"],
            ["Марек Ковальчик"],
        ),
        (  # dative of a head of state receiving credentials
            (
                "Посол Казахстана в Чехии Ерболат Сапаров вручил верительные грамоты президенту Чехии "
                "Томашу Новаку."
            ),
            ["Ерболат Сапаров"],
            ["Томаш Новак"],
        ),
        (  # a foreign ambassador received in Astana, accusative
            (
                "Заместитель министра иностранных дел Республики Казахстан Марат Ахметов принял посла "
                "Словении в Казахстане Мойцу Краль."
            ),
            ["Марат Ахметов"],
            ["Мойца Краль"],
        ),
        (  # our side received by theirs: passive with instrumental
            (
                "В Риме казахстанский посол Ерлан Мырзаев был принят заместителем министра иностранных дел "
                "Италии Джованни Бьянки."
            ),
            ["Ерлан Мырзаев"],
            ["Джованни Бьянки"],
        ),
        (  # their side as subject
            (
                "Министр иностранных дел Финляндии Ээро Ниеми принял посла Казахстана в Финляндии "
                "Айгерим Сапарову."
            ),
            ["Айгерим Сапарова"],
            ["Ээро Ниеми"],
        ),
        (  # hyphenated names
            (
                "Посол Казахстана во Франции Бауыржан Кенжебеков провел встречу с генеральным директором "
                "компании Renault Жан-Пьером Мартен-Дюбуа."
            ),
            ["Бауыржан Кенжебеков"],
            ["Жан-Пьер Мартен-Дюбуа"],
        ),
        (  # Chinese name keeps the surname first
            (
                "Генеральный консул Казахстана в Гуанчжоу Асель Омарова встретилась с заместителем "
                "губернатора провинции Гуандун Лю Цзяньмином."
            ),
            ["Асель Омарова"],
            ["Лю Цзяньмин"],
        ),
        (  # Arabic name with particles, honorific dropped
            (
                "Посол Казахстана в ОАЭ Канат Мусин встретился с министром экономики ОАЭ шейхом Юсуфом "
                "бин Рашидом аль-Хамади."
            ),
            ["Канат Мусин"],
            ["Юсуф бин Рашид аль-Хамади"],
        ),
    ],
)
def test_participants_are_named_in_the_nominative(paragraph, kz, counterparts):
    meeting = only(meetings_of(paragraph))
    assert names(meeting, "kz_side") == kz
    assert names(meeting, "counterparts") == counterparts


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        (
            (
                "Посол Казахстана в Египте Арман Исабеков провел телефонный разговор с министром "
                "иностранных дел Египта Самиром Хасаном."
            ),
            "phone_call",
        ),
        (
            (
                "Посол Казахстана в Египте Арман Исабеков провел в режиме видеосвязи беседу с министром "
                "туризма Египта Самиром Хасаном."
            ),
            "phone_call",
        ),
        (
            (
                "Заместитель министра иностранных дел Республики Казахстан Марат Ахметов принял участие в "
                "заседании Совета министров иностранных дел СНГ в Минске."
            ),
            "talks_multilateral",
        ),
        (
            "Посол Казахстана в Бельгии Тимур Каримов выступил на бизнес-форуме в Антверпене.",
            "talks_multilateral",
        ),
        (
            (
                "Посол Казахстана в Нидерландах Тимур Каримов посетил порт Роттердама и ознакомился с его "
                "логистическими возможностями."
            ),
            "visit",
        ),
        (
            (
                "В рамках визита в Милан посол Казахстана в Италии Ерлан Мырзаев провел переговоры с мэром "
                "Милана Франческо Росси."
            ),
            "meeting",
        ),
    ],
)
def test_kind_follows_the_words_that_introduce_the_event(paragraph, kind):
    assert only(meetings_of(paragraph))["kind"] == kind


@pytest.mark.parametrize(
    ("paragraph", "role", "posting"),
    [
        (
            (
                "Постоянный представитель Казахстана при ОБСЕ Асет Нурланов провел встречу с генеральным "
                "секретарем ОБСЕ Хендриком Янссеном."
            ),
            "permanent_representative",
            "ОБСЕ",
        ),
        (
            (
                "Постоянный представитель Республики Казахстан при международных организациях в Вене Асет "
                "Нурланов встретился с директором департамента МИД Австрии Клаусом Вебером."
            ),
            "permanent_representative",
            "Вена",
        ),
        (
            (
                "Постоянный представитель Казахстана при ООН в Нью-Йорке Асет Нурланов встретился с "
                "постоянным представителем Чили при ООН Карлосом Мендесом."
            ),
            "permanent_representative",
            "ООН",
        ),
        (
            (
                "Генеральный консул Казахстана в Стамбуле Ерлан Касымов встретился с губернатором Стамбула "
                "Мехметом Йылмазом."
            ),
            "consul_general",
            "Стамбул",
        ),
        (
            (
                "Посол Казахстана в Италии, постоянный представитель Казахстана при ФАО Ерлан Мырзаев "
                "встретился с министром сельского хозяйства Италии Марко Конти."
            ),
            "ambassador",
            "Италия",
        ),
        (
            (
                "Временный поверенный в делах Казахстана в Иране Даулет Бекенов встретился с заместителем "
                "министра иностранных дел Ирана Али Резаи."
            ),
            "charge_d_affaires",
            "Иран",
        ),
        (
            (
                "Посол по особым поручениям МИД РК Аскар Жумагалиев принял посла Японии в Казахстане "
                "Ямада Кэнту."
            ),
            "ambassador_at_large",
            None,
        ),
        (
            (
                "Заместитель премьер-министра - министр иностранных дел Казахстана Серик Байжанов провел "
                "переговоры с министром иностранных дел Венгрии Иштваном Кишем."
            ),
            "minister",
            None,
        ),
        (
            (
                "Первый заместитель министра иностранных дел Казахстана Марат Ахметов встретился с "
                "послом Германии Клаусом Вебером."
            ),
            "deputy_minister",
            None,
        ),
        (
            (
                "Депутат Мажилиса Парламента РК Гульнара Абенова встретилась с председателем парламента "
                "Латвии Андрисом Озолсом."
            ),
            "other",
            None,
        ),
    ],
)
def test_role_and_posting_come_from_the_first_title(paragraph, role, posting):
    kz = only(meetings_of(paragraph))["kz_side"][0]
    assert (kz["role"], kz["posting"]) == (role, posting)


def test_counterpart_country_is_read_from_the_title_in_the_nominative():
    meeting = only(
        meetings_of(
            "Посол Казахстана в Кыргызстане Нуржан Бектасов встретился с министром энергетики "
            "Кыргызской Республики Таалаем Осмонбековым."
        )
    )
    assert meeting["counterparts"][0]["country"] == "Кыргызстан"


def test_several_counterparts_met_together_form_one_meeting():
    meeting = only(
        meetings_of(
            "Посол Казахстана в Бразилии Ержан Касенов встретился с министром торговли Бразилии Луисом "
            "Кинтеро, председателем торговой палаты Сан-Паулу Габриэлой Монтес и директором компании "
            "Vale Мигелем Ороско."
        )
    )
    assert names(meeting, "counterparts") == ["Луис Кинтеро", "Габриэла Монтес", "Мигель Ороско"]


def test_two_meetings_in_one_paragraph_are_two_events():
    meetings = meetings_of(
        "Посол Казахстана в Испании Ержан Касенов встретился с министром культуры Испании Карлосом "
        "Мендесом. Кроме того, Касенов провел переговоры с мэром Барселоны Элоизой Маршан."
    )
    assert [names(m, "counterparts") for m in meetings] == [["Карлос Мендес"], ["Элоиза Маршан"]]
    assert all(names(m, "kz_side") == ["Ержан Касенов"] for m in meetings)


def test_a_later_surname_only_mention_adds_nothing():
    meetings = meetings_of(
        "Посол Казахстана в Испании Ержан Касенов встретился с министром культуры Испании Карлосом "
        "Мендесом. Касенов рассказал о реформах, а Мендес отметил интерес испанских компаний."
    )
    meeting = only(meetings)
    assert names(meeting, "kz_side") == ["Ержан Касенов"]
    assert names(meeting, "counterparts") == ["Карлос Мендес"]


@pytest.mark.parametrize(
    "paragraph",
    [
        (
            "Напомним, в прошлом году посол Казахстана в Индии Даурен Абенов встретился с министром "
            "финансов Индии Раджешем Кумаром."
        ),
        (
            "Посол Казахстана в Индии Даурен Абенов проведет переговоры с министром финансов Индии "
            "Раджешем Кумаром в следующем месяце."
        ),
        "Указом главы государства Даурен Абенов назначен послом Казахстана в Индии.",
        (
            "В 2019 году посол Казахстана в Индии Даурен Абенов встретился с министром финансов Индии "
            "Раджешем Кумаром."
        ),
        "Посол Казахстана в Индии Даурен Абенов направил письмо министру финансов Индии Раджешу Кумару.",
    ],
)
def test_background_planned_appointments_and_letters_are_not_events(paragraph):
    assert meetings_of(paragraph) == []


def test_a_named_counterpart_of_an_unnamed_delegation_gives_a_null_name():
    meeting = only(
        meetings_of("Казахстанская делегация провела встречу с генеральным секретарем ОИС Ибрагимом Таха.")
    )
    assert meeting["kz_side"][0]["name"] is None
    assert meeting["kz_side"][0]["mention"] is None
    assert names(meeting, "counterparts") == ["Ибрагим Таха"]


def test_an_unnamed_counterpart_gives_a_null_name():
    meeting = only(
        meetings_of("Посол Казахстана в Японии Алмас Туров встретился со студентами Токийского университета.")
    )
    assert meeting["counterparts"][0]["name"] is None
    assert meeting["counterparts"][0]["mention"] is None


def test_aliases_replace_produced_names_with_canonical_ones():
    paragraph = (
        "Посол Казахстана в Испании Ержан Касенов встретился с министром культуры Испании Карлосом Мендесом."
    )
    meeting = only(meetings_of(paragraph, aliases={"Карлос Мендес": "Карлос Мендес Гарсия"}))
    assert names(meeting, "counterparts") == ["Карлос Мендес Гарсия"]
    meeting = only(meetings_of(paragraph, aliases={"Карлосом Мендесом": "Карлос Мендес-Гарсия"}))
    assert names(meeting, "counterparts") == ["Карлос Мендес-Гарсия"]


def test_mentions_point_into_the_text():
    text = bulletin(
        "Посол Казахстана в Египте Арман Исабеков провел телефонный разговор с министром иностранных "
        "дел Египта Самиром Хасаном."
    )
    meeting = only(extract(text)["meetings"])
    cp = meeting["counterparts"][0]["mention"]
    assert text[cp["start"] : cp["end"]] == cp["text"] == "Самиром Хасаном"
    assert text[meeting["evidence"]["start"] : meeting["evidence"]["end"]].startswith("Посол")


def test_aliases_keyed_by_machine_normalised_forms_apply_too():
    paragraph = (
        "Посол Казахстана в Испании Ержан Касенов встретился с министром культуры Испании Карлосом Мендесом."
    )
    meeting = only(meetings_of(paragraph, aliases={"карлос мендес": "Карлос Мендес Гарсия"}))
    assert names(meeting, "counterparts") == ["Карлос Мендес Гарсия"]
