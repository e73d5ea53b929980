"""More invented constructions an unseen bulletin may use."""

from __future__ import annotations

from .conftest import meetings_of, names


def test_an_event_first_reported_through_v_hode_vstrechi_is_still_an_event():
    meetings = meetings_of(
        "В ходе встречи с министром транспорта Грузии Левани Беридзе посол Казахстана в Грузии Асхат "
        "Оразбаев обсудил развитие Транскаспийского маршрута."
    )
    assert [(names(m, "kz_side"), names(m, "counterparts")) for m in meetings] == [
        (["Асхат Оразбаев"], ["Левани Беридзе"])
    ]


def test_an_exchange_of_views_with_someone_is_a_meeting():
    meetings = meetings_of(
        "Посол Казахстана в Армении Бекзат Тулеуов обменялся мнениями с вице-спикером парламента "
        "Армении Ованесом Акопяном о перспективах сотрудничества."
    )
    assert names(meetings[0], "counterparts") == ["Ованес Акопян"]
    assert meetings[0]["kind"] == "meeting"


def test_an_akim_is_our_official_with_role_other():
    meeting = meetings_of(
        "Аким Шымкента Болат Нуржанов принял генерального консула Узбекистана в Шымкенте Азиза Каримова."
    )[0]
    assert names(meeting, "kz_side") == ["Болат Нуржанов"]
    assert meeting["kz_side"][0]["role"] == "other"
    assert names(meeting, "counterparts") == ["Азиз Каримов"]
    assert meeting["counterparts"][0]["country"] == "Узбекистан"


def test_tam_zhe_keeps_the_city_of_the_previous_event():
    meetings = meetings_of(
        "В Женеве посол Казахстана в Швейцарии Мурат Сейтов встретился с директором департамента "
        "МИД Швейцарии Бруно Келлером. Там же Сейтов провел беседу с советником федерального "
        "президента Швейцарии Урсом Майером."
    )
    assert [m["location"] for m in meetings] == ["Женева", "Женева"]


def test_a_summary_sentence_frames_the_location_of_the_series():
    meetings = meetings_of(
        "Посол Казахстана в Египте Арман Исабеков провел в Каире ряд встреч.",
        "В частности, Исабеков встретился с министром образования Египта Самиром Хасаном.",
        "Кроме того, посол провел переговоры с президентом Каирского университета Омаром Фарисом.",
    )
    assert [names(m, "counterparts") for m in meetings] == [["Самир Хасан"], ["Омар Фарис"]]
    assert [m["location"] for m in meetings] == ["Каир", "Каир"]


def test_clauses_after_a_semicolon_are_separate_events():
    meetings = meetings_of(
        "Генеральный консул Казахстана в Милане Руслан Абенов встретился с мэром Бергамо Паоло "
        "Ферретти; генеральный консул Казахстана во Франкфурте-на-Майне Ербол Сатыбалдиев провел "
        "встречу с обер-бургомистром Висбадена Томасом Краусом."
    )
    assert [(names(m, "kz_side"), names(m, "counterparts")) for m in meetings] == [
        (["Руслан Абенов"], ["Паоло Ферретти"]),
        (["Ербол Сатыбалдиев"], ["Томас Краус"]),
    ]
    assert [m["kz_side"][0]["posting"] for m in meetings] == ["Милан", "Франкфурт-на-Майне"]


def test_their_minister_calling_ours_is_a_phone_call_with_sides_kept_apart():
    meeting = meetings_of(
        "Министр иностранных дел Норвегии Эспен Хальворсен провел телефонный разговор с министром "
        "иностранных дел Казахстана Маратом Сагындыковым."
    )[0]
    assert meeting["kind"] == "phone_call"
    assert names(meeting, "kz_side") == ["Марат Сагындыков"]
    assert names(meeting, "counterparts") == ["Эспен Хальворсен"]
    assert meeting["counterparts"][0]["country"] == "Норвегия"


def test_a_president_named_in_a_topic_is_not_a_participant():
    meeting = meetings_of(
        "Посол Казахстана в Монголии Жомарт Абилов встретился с министром иностранных дел Монголии "
        "Ганбатом Цэрэном и обсудил подготовку визита президента Монголии Батбаяра Гантулги в Астану."
    )[0]
    assert names(meeting, "counterparts") == ["Ганбат Цэрэн"]


def test_initials_stay_when_no_full_name_is_given():
    meeting = meetings_of(
        "Посол Казахстана в Гане Рустем Оспанов провел встречу с депутатом парламента Ганы К. Асанте."
    )[0]
    assert names(meeting, "counterparts") == ["К. Асанте"]


def test_an_online_meeting_is_a_phone_call():
    meeting = meetings_of(
        "Посол Казахстана в Канаде Айдар Муканов провел онлайн-встречу с заместителем министра "
        "торговли Канады Линдой Браун."
    )[0]
    assert meeting["kind"] == "phone_call"
    assert names(meeting, "counterparts") == ["Линда Браун"]


def test_a_female_official_in_the_genitive_with_an_indeclinable_first_name():
    meeting = meetings_of(
        "Состоялась встреча посла Казахстана в Австрии Гаухар Бекмухамбетовой с министром "
        "европейских дел Австрии Штефаном Хубером."
    )[0]
    assert names(meeting, "kz_side") == ["Гаухар Бекмухамбетова"]
    assert names(meeting, "counterparts") == ["Штефан Хубер"]


def test_honorifics_are_dropped_and_regnal_numbers_kept():
    meetings = meetings_of(
        "Посол Казахстана в Бельгии Тимур Каримов был принят королем Бельгии Леопольдом IV.",
        "Также Каримов встретился с ректором Лёвенского университета доктором Аланом Грином.",
    )
    assert [names(m, "counterparts") for m in meetings] == [["Леопольд IV"], ["Алан Грин"]]


def test_position_and_organization_are_given_in_the_nominative():
    meeting = meetings_of(
        "Посол Казахстана в Иордании Серик Жанабаев встретился с председателем Независимой "
        "избирательной комиссии Иордании Халедом Мансуром."
    )[0]
    cp = meeting["counterparts"][0]
    assert cp["position"] == "председатель Независимой избирательной комиссии Иордании"
    assert cp["organization"] == "Независимая избирательная комиссия Иордании"
    assert meeting["kz_side"][0]["position"] == "посол Казахстана в Иордании"


def test_a_title_shared_by_several_names_gives_each_its_own_state():
    meeting = meetings_of(
        "Министр иностранных дел Республики Казахстан Марат Сагындыков провел совместный телефонный "
        "разговор с министрами иностранных дел Армении Ованесом Акопяном, Грузии Левани Беридзе и "
        "Молдовы Ионом Чобану."
    )[0]
    assert names(meeting, "counterparts") == ["Ованес Акопян", "Левани Беридзе", "Ион Чобану"]
    assert [c["country"] for c in meeting["counterparts"]] == ["Армения", "Грузия", "Молдова"]


def test_a_state_and_a_city_with_close_names_are_told_apart():
    meeting = meetings_of(
        "Посол Казахстана в Бразилии Ержан Касенов встретился в Бразилиа с министром торговли "
        "Бразилии Луисом Кинтеро."
    )[0]
    assert meeting["kz_side"][0]["posting"] == "Бразилия"
    assert meeting["location"] == "Бразилиа"
    assert meeting["counterparts"][0]["country"] == "Бразилия"


def test_full_ambassadorial_titles_with_coordinated_adjectives():
    meetings = meetings_of(
        "Заместитель министра иностранных дел Республики Казахстан Марат Ахметов принял Чрезвычайного "
        "и Полномочного Посла Японии в Казахстане Кэнту Ямаду.",
        "Чрезвычайный и Полномочный Посол Казахстана в Венгрии Ерлан Оспанов встретился с министром "
        "сельского хозяйства Венгрии Иштваном Кишем.",
    )
    assert [names(m, "counterparts") for m in meetings] == [["Кэнта Ямада"], ["Иштван Киш"]]
    assert [m["counterparts"][0]["country"] for m in meetings] == ["Япония", "Венгрия"]
    assert (meetings[1]["kz_side"][0]["role"], meetings[1]["kz_side"][0]["posting"]) == (
        "ambassador",
        "Венгрия",
    )


def test_both_sides_as_subjects_of_a_talk_verb_make_a_meeting():
    meeting = meetings_of(
        "Посол Казахстана в Турции Ерлан Оспанов и мэр Анкары Мехмет Йылмаз обсудили развитие "
        "побратимских связей."
    )[0]
    assert (names(meeting, "kz_side"), names(meeting, "counterparts")) == (
        ["Ерлан Оспанов"],
        ["Мехмет Йылмаз"],
    )
    assert meeting["counterparts"][0]["country"] == "Турция"


def test_a_pronoun_subject_continues_with_the_official_named_before():
    meetings = meetings_of(
        "Посол Казахстана в Кувейте Даурен Сеитов встретился с министром финансов Кувейта Фахадом "
        "аль-Джараллой. Он также провел переговоры с председателем Торговой палаты Кувейта Мухаммедом "
        "ас-Сакром."
    )
    assert [(names(m, "kz_side"), names(m, "counterparts")) for m in meetings] == [
        (["Даурен Сеитов"], ["Фахад аль-Джаралла"]),
        (["Даурен Сеитов"], ["Мухаммед ас-Сакр"]),
    ]


def test_a_title_set_off_by_commas_after_the_name_is_read_too():
    meeting = meetings_of(
        "Ержан Касенов, посол Казахстана в Испании, встретился с Карлосом Мендесом, министром культуры "
        "Испании."
    )[0]
    assert names(meeting, "kz_side") == ["Ержан Касенов"]
    kz = meeting["kz_side"][0]
    assert (kz["role"], kz["posting"]) == ("ambassador", "Испания")
    cp = meeting["counterparts"][0]
    assert (cp["name"], cp["position"], cp["country"]) == (
        "Карлос Мендес",
        "министр культуры Испании",
        "Испания",
    )


def test_an_official_taking_part_in_talks_already_reported_joins_them():
    meetings = meetings_of(
        "Министр иностранных дел Казахстана Марат Сагындыков провел переговоры с министром иностранных "
        "дел Турции Мехметом Йылмазом. В переговорах также принял участие посол Казахстана в Турции "
        "Ерлан Оспанов."
    )
    assert [(names(m, "kz_side"), names(m, "counterparts")) for m in meetings] == [
        (["Марат Сагындыков", "Ерлан Оспанов"], ["Мехмет Йылмаз"])
    ]


def test_styles_of_address_and_genitive_bodies_are_not_names():
    meetings = meetings_of(
        "Посол Казахстана в Египте Арман Исабеков был принят Великим имамом Аль-Азхара шейхом Мустафой "
        "ат-Тахиром.",
        "Посол Казахстана в Иордании Серик Жанабаев встретился с Его Высочеством наследным принцем "
        "Иордании Фейсалом бин Зейдом.",
    )
    assert [names(m, "counterparts") for m in meetings] == [["Мустафа ат-Тахир"], ["Фейсал бин Зейд"]]


def test_parliamentarians_and_a_plural_title_shared_by_two_names():
    meetings = meetings_of(
        "Сенатор Парламента РК Айгуль Нурова провела встречу с депутатами бундестага Германии Клаусом "
        "Мюллером и Петрой Шмидт.",
        "Председатель Мажилиса Парламента Республики Казахстан Ерлан Кенжеев провел переговоры с "
        "председателем Национальной ассамблеи Франции Мари Леруа.",
    )
    assert [(names(m, "kz_side"), names(m, "counterparts")) for m in meetings] == [
        (["Айгуль Нурова"], ["Клаус Мюллер", "Петра Шмидт"]),
        (["Ерлан Кенжеев"], ["Мари Леруа"]),
    ]
    assert {k["role"] for m in meetings for k in m["kz_side"]} == {"other"}
    assert [c["country"] for m in meetings for c in m["counterparts"]] == ["Германия"] * 2 + ["Франция"]
