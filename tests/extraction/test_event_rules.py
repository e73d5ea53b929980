"""The event rules, one table per family, each row an invented bulletin that one rule reads.

Families: event words (meetings/extraction/rules/triggers.py), clause outcomes
(rules/clauses.py), parts of a clause (rules/parts.py) and merging of reports (drafts.py). A row
pins what the engine reports now: (kind, our side, counterparts) per meeting.
"""

from __future__ import annotations

import pytest

from meetings.extraction import extract

from .conftest import HEADER, bulletin, names

AMBASSADOR = "Посол Казахстана в Чили Ерлан Досмагамбетов"
AMBASSADOR_MID = "посол Казахстана в Чили Ерлан Досмагамбетов"  # inside a sentence
MET_OLMEDO = f"{AMBASSADOR} встретился с министром экономики Чили Хавьером Ольмедо."
OLMEDO = ("meeting", ["Ерлан Досмагамбетов"], ["Хавьер Ольмедо"])
NEUTRAL_LEAD = "Новости казахстанской дипломатии за неделю."  # a lead that reports no event


def _text(paragraphs: tuple[str, ...], lead: str | None) -> str:
    """The bulletin; ``lead`` replaces its usual lead line ("провели ряд встреч")."""
    return bulletin(*paragraphs) if lead is None else HEADER + "\n".join((lead, *paragraphs)) + "\n"


def events(*paragraphs: str, lead: str | None = None) -> list[tuple[str, list, list]]:
    """(kind, our side, counterparts) of each meeting."""
    meetings = extract(_text(paragraphs, lead))["meetings"]
    return [(m["kind"], names(m, "kz_side"), names(m, "counterparts")) for m in meetings]


def told(*paragraphs: str) -> list[tuple[list[str], str]]:
    """(topics, evidence text) of each meeting: which sentences tell it."""
    text = _text(paragraphs, None)
    meetings = extract(text)["meetings"]
    return [(m["topics"], text[m["evidence"]["start"] : m["evidence"]["end"]]) for m in meetings]


EVENT_WORD_RULES = [
    pytest.param(
        f"{AMBASSADOR}, прибывший в Вальпараисо для участия в форуме, встретился с министром "
        "экономики Чили Хавьером Ольмедо.",
        [OLMEDO],
        id="participle_phrase_opens: the forum of a participle phrase is no event",
    ),
    pytest.param(
        f"На полях Глобального экономического форума {AMBASSADOR_MID} встретился с министром "
        "экономики Чили Хавьером Ольмедо.",
        [OLMEDO],
        id="frame_opens, frame_runs_to_the_verb: the forum frames, the verb after it counts",
    ),
    pytest.param(
        f"{AMBASSADOR} обсудил с министром экономики Чили Хавьером Ольмедо итоги визита.",
        [OLMEDO],
        id="topic_begins: 'обсудил с' is a meeting, the visit after it a topic",
    ),
    pytest.param(
        "Председатель Ассамблеи народа Казахстана Ерлан Досмагамбетов встретился с министром "
        "экономики Чили Хавьером Ольмедо.",
        [OLMEDO],
        id="inside_a_name: 'Ассамблеи' in a title is no session",
    ),
    pytest.param(
        f"{AMBASSADOR} принял участие во встрече министра экономики Чили Хавьера Ольмедо с "
        "предпринимателями.",
        [OLMEDO],
        id="took_part_not_received: 'принял участие во встрече' is that meeting, not a session",
    ),
    pytest.param(
        f"{AMBASSADOR} принял участие в заседании форума.",
        [("talks_multilateral", ["Ерлан Досмагамбетов"], [None])],
        id="took_part_not_received: 'принял участие в заседании' is a session",
    ),
    pytest.param(
        f"{AMBASSADOR} сообщил министру экономики Чили Хавьеру Ольмедо о визите делегации.",
        [],
        id="event_word_as_topic: 'о визите' is talked about",
    ),
    pytest.param(
        f"{AMBASSADOR} накануне встретился с министром экономики Чили Хавьером Ольмедо.",
        [OLMEDO],
        id="event_word_in_a_frame: a verb right after 'накануне' is the clause's own event",
    ),
    pytest.param(
        f"{AMBASSADOR} и министр экономики Чили Хавьер Ольмедо договорились провести встречу осенью.",
        [],
        id="planned_event: 'договорились провести встречу' is a plan",
    ),
    pytest.param(
        f"{AMBASSADOR} встретился с министром экономики Чили Хавьером Ольмедо. В ходе встречи "
        "стороны обсудили торговлю.",
        [OLMEDO],
        id="back_reference: 'в ходе встречи' is the meeting before",
    ),
    pytest.param(
        f"{AMBASSADOR} провел телефонный разговор с министром экономики Чили Хавьером Ольмедо.",
        [("phone_call", ["Ерлан Досмагамбетов"], ["Хавьер Ольмедо"])],
        id="new_event_word: a phone word gives a call",
    ),
    pytest.param(
        f"{AMBASSADOR} выступил с лекцией перед студентами университета.",
        [],
        id="speech_without_session: a lecture is no event",
    ),
    pytest.param(
        f"{AMBASSADOR} выступил на форуме.",
        [("talks_multilateral", ["Ерлан Досмагамбетов"], [None])],
        id="speech_without_session: a speech at a forum is a session",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), EVENT_WORD_RULES)
def test_each_event_word_rule_reads_its_construction(paragraph, expected):
    assert events(paragraph) == expected


CLAUSE_RULES = [
    pytest.param(
        [f"{AMBASSADOR} и министр экономики Чили Хавьер Ольмедо обсудили торговлю."],
        None,
        [OLMEDO],
        id="talk_between_sides: both sides as subjects of 'обсудили' met",
    ),
    pytest.param(
        [
            "Министр иностранных дел Казахстана Арман Жакупов встретился с министром экономики Чили "
            "Хавьером Ольмедо. В переговорах также принял участие посол Казахстана в Чили Ерлан "
            "Досмагамбетов."
        ],
        None,
        [("meeting", ["Арман Жакупов", "Ерлан Досмагамбетов"], ["Хавьер Ольмедо"])],
        id="participation_joins_the_event_before: 'в переговорах принял участие' is no session",
    ),
    pytest.param(
        [
            f"{AMBASSADOR} встретился с министром экономики Чили Хавьером Ольмедо, а также с мэром "
            "Сантьяго Каролиной Тоха."
        ],
        None,
        [OLMEDO, ("meeting", ["Ерлан Досмагамбетов"], ["Каролина Тоха"])],
        id="shared_verb_after_a_takzhe: ', а также с' is a second meeting",
    ),
    pytest.param(
        [MET_OLMEDO, "Встреча посла с министром состоялась в Сантьяго."],
        None,
        [OLMEDO],
        id="restated_event: 'Встреча ... состоялась' in the next paragraph is the meeting told again",
    ),
    pytest.param(
        [
            "Министр экономики Чили Хавьер Ольмедо провел встречу с деловыми кругами. Казахстанскую "
            "сторону представлял посол Казахстана в Чили Ерлан Досмагамбетов."
        ],
        NEUTRAL_LEAD,
        [OLMEDO],
        id="foreign_side_only: a foreign host's meeting waits for our side",
    ),
    pytest.param(
        [
            "В Сантьяго состоялись консультации между МИД Казахстана и Чили. Казахстанскую делегацию "
            "возглавил заместитель министра иностранных дел Казахстана Ерлан Досмагамбетов."
        ],
        NEUTRAL_LEAD,
        [("meeting", ["Ерлан Досмагамбетов"], [None])],
        id="consultations_named_later: the next sentence names our delegation",
    ),
    pytest.param(
        [f"{AMBASSADOR} посетил Вальпараисо. В ходе переговоров прошла встреча."],
        None,
        [("visit", ["Ерлан Досмагамбетов"], [None])],
        id="event_without_participants: a meeting with nobody named leaves the visit a visit",
    ),
    pytest.param(
        [f"{AMBASSADOR} прибыл в Вальпараисо. Его принял министр экономики Чили Хавьер Ольмедо."],
        None,
        [OLMEDO],
        id="new_event: 'Его принял' refers to the official just named",
    ),
    pytest.param(
        [f"{AMBASSADOR} посетил Вальпараисо. В ходе переговоров стороны обсудили торговлю."],
        None,
        [("meeting", ["Ерлан Досмагамбетов"], [None])],
        id="back_reference_turns_a_visit_into_talks",
    ),
    pytest.param(
        [
            f"{AMBASSADOR} посетил университет Сантьяго. На встрече с ректором университета Мануэлем "
            "Корвалан присутствовал советник посольства Казахстана Арман Жакупов."
        ],
        None,
        [("meeting", ["Ерлан Досмагамбетов", "Арман Жакупов"], ["Мануэль Корвалан"])],
        id="back_reference_names_the_counterparts: 'на встрече с ректором' after a visit",
    ),
    pytest.param(
        [f"В ходе встречи с министром экономики Чили Хавьером Ольмедо {AMBASSADOR_MID} обсудил торговлю."],
        NEUTRAL_LEAD,
        [OLMEDO],
        id="back_reference_opens_a_meeting: the first report is 'в ходе встречи с'",
    ),
    pytest.param(
        [f"{MET_OLMEDO} Во встрече также участвовал советник министра Пабло Арриагада."],
        None,
        [("meeting", ["Ерлан Досмагамбетов"], ["Хавьер Ольмедо", "Пабло Арриагада"])],
        id="people_join_the_event_before: 'участвовал' adds a counterpart",
    ),
    pytest.param(
        [
            f"{AMBASSADOR} посетил университет Сантьяго. Ректор университета Мануэль Корвалан "
            "рассказал о программах обмена."
        ],
        None,
        [("visit", ["Ерлан Досмагамбетов"], ["Мануэль Корвалан"])],
        id="host_of_the_visit: the rector named after the visit is its counterpart",
    ),
]


@pytest.mark.parametrize(("paragraphs", "lead", "expected"), CLAUSE_RULES)
def test_each_clause_rule_settles_its_construction(paragraphs, lead, expected):
    assert events(*paragraphs, lead=lead) == expected


CLAUSE_CONTEXT_RULES = [
    pytest.param(
        [MET_OLMEDO, "В ходе встречи обсуждались вопросы туризма."],
        [(["вопросы туризма"], f"{MET_OLMEDO}\nВ ходе встречи обсуждались вопросы туризма.")],
        id="back_reference_tells_the_topics: a later paragraph's 'в ходе встречи' gives the topics",
    ),
    pytest.param(
        [MET_OLMEDO, "Участвовали также эксперты по туризму."],
        [(["двусторонние отношения"], MET_OLMEDO)],
        id="nobody_named: a clause without people joins no event",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), CLAUSE_CONTEXT_RULES)
def test_clause_rules_without_people_settle_what_tells_the_event(paragraphs, expected):
    assert told(*paragraphs) == expected


PART_RULES = [
    pytest.param(
        f"{AMBASSADOR} принял участие в заседании форума и провел переговоры с министром экономики "
        "Чили Хавьером Ольмедо.",
        [("talks_multilateral", ["Ерлан Досмагамбетов"], [None]), OLMEDO],
        id="session_then_talks",
    ),
    pytest.param(
        f"{AMBASSADOR} встретился с министром экономики Чили Хавьером Ольмедо и провел переговоры с "
        "мэром Сантьяго Каролиной Тоха.",
        [OLMEDO, ("meeting", ["Ерлан Досмагамбетов"], ["Каролина Тоха"])],
        id="two_meetings",
    ),
    pytest.param(
        f"{AMBASSADOR} провел двусторонние встречи с министром экономики Чили Хавьером Ольмедо и мэром "
        "Сантьяго Каролиной Тоха.",
        [OLMEDO, ("meeting", ["Ерлан Досмагамбетов"], ["Каролина Тоха"])],
        id="bilateral_series",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), PART_RULES)
def test_each_part_rule_splits_a_clause_into_its_events(paragraph, expected):
    assert events(paragraph) == expected


MERGE_RULES = [
    pytest.param(
        [
            MET_OLMEDO,
            "Досмагамбетов и Ольмедо также провели переговоры о торговле.",
        ],
        None,
        [OLMEDO],
        id="same_official_and_counterpart: one meeting reported twice",
    ),
    pytest.param(
        [f"{AMBASSADOR} провел встречу в мэрии Сантьяго. Там он встретился с мэром Сантьяго Каролиной Тоха."],
        None,
        [("meeting", ["Ерлан Досмагамбетов"], ["Каролина Тоха"])],
        id="continues_the_report_before: the meeting and its counterpart, one event",
    ),
    pytest.param(
        [
            f"{AMBASSADOR} принял участие в экономическом форуме.",
            "Выступая на форуме, Досмагамбетов призвал к сотрудничеству.",
        ],
        None,
        [("talks_multilateral", ["Ерлан Досмагамбетов"], [None])],
        id="another_report_of_the_session: the speech at the same forum",
    ),
    pytest.param(
        [
            f"{AMBASSADOR} выступил на сессии ассамблеи.",
            "Досмагамбетов также принял участие в форуме.",
        ],
        None,
        [("talks_multilateral", ["Ерлан Досмагамбетов"], [None])] * 2,
        id="another_report_of_the_session: a session and a forum stay two",
    ),
    pytest.param(
        [
            f"{AMBASSADOR} провел ряд встреч в Сантьяго.",
            "В частности, Досмагамбетов встретился с министром экономики Чили Хавьером Ольмедо.",
        ],
        None,
        [OLMEDO],
        id="is_summary: 'провел ряд встреч' frames the meeting after it",
    ),
    pytest.param(
        ["Досмагамбетов встретился с министром экономики Чили Хавьером Ольмедо."],
        f"{AMBASSADOR} провел встречи в Сантьяго.",
        [OLMEDO],
        id="is_lead_summary: the lead's meetings frame the detailed one",
    ),
    pytest.param(
        [
            f"{AMBASSADOR} находился с визитом в Перу.",
            "В Лиме Досмагамбетов встретился с министром торговли Перу Альваро Кинтаной.",
        ],
        None,
        [("meeting", ["Ерлан Досмагамбетов"], ["Альваро Кинтана"])],
        id="is_bare_visit: the visit frames the meeting held during it",
    ),
]


@pytest.mark.parametrize(("paragraphs", "lead", "expected"), MERGE_RULES)
def test_each_merge_rule_keeps_one_report_per_event(paragraphs, lead, expected):
    assert events(*paragraphs, lead=lead) == expected


# ---- what is an event, and how many: plans, background, sources of the news, series ----------

EVENT_OR_NOT_RULES = [
    pytest.param(
        [f"{AMBASSADOR} сообщил, что визит в Вальпараисо, который состоится в мае, станет первым."],
        [],
        id="is_planned, _future_after: 'визит, который состоится' is a plan",
    ),
    pytest.param(
        [f"{AMBASSADOR} уточнил, что его визит в Вальпараисо может состояться уже в мае."],
        [],
        id="is_planned, _future_after: 'визит ... может состояться' is a plan",
    ),
    pytest.param(
        [f"{AMBASSADOR} собирается в ближайшие дни отправиться в Вальпараисо с официальным визитом."],
        [],
        id="is_planned, _verb_before_plans: 'собирается ... отправиться с визитом' is a plan",
    ),
    pytest.param(
        [f"Запланированный на конец мая официальный визит {AMBASSADOR_MID} в Вальпараисо перенесен."],
        [],
        id="is_planned, _plan_before: 'Запланированный на конец мая визит' is a plan",
    ),
    pytest.param(
        [
            f"{AMBASSADOR} провел рабочую встречу с министром экономики Чили Хавьером Ольмедо, "
            "который возглавит делегацию на выставке."
        ],
        [OLMEDO],
        id="_agree: 'встречу с министром, который возглавит' is the minister's plan, not the meeting's",
    ),
    pytest.param(
        [MET_OLMEDO, "Посол напомнил, что министры уже встречались в Вальпараисо."],
        [OLMEDO],
        id="recalled_event: events after 'напомнил' are background",
    ),
    pytest.param(
        [f"{AMBASSADOR} прошел в Круглый зал, где состоялась церемония."],
        [],
        id="adjective_without_its_noun: 'Круглый зал' is no round table",
    ),
    pytest.param(
        [f"{AMBASSADOR} принял участие в круглом столе."],
        [("talks_multilateral", ["Ерлан Досмагамбетов"], [None])],
        id="adjective_without_its_noun: 'в круглом столе' is a session",
    ),
    pytest.param(
        [f"{AMBASSADOR} сообщил, что решение принято."],
        [],
        id="non_event_forms: 'решение принято' is no reception",
    ),
    pytest.param(
        [MET_OLMEDO, "По словам Ерлана Досмагамбетова, встречи министров двух стран стали традицией."],
        [OLMEDO],
        id="is_attributed: 'По словам X' names the source, not a participant",
    ),
    pytest.param(
        [
            f"{MET_OLMEDO} Как пояснил официальный представитель МИД Казахстана Нурбол Сейтжанов, "
            "на встрече обсуждалась торговля."
        ],
        [OLMEDO],
        id="is_speaker: 'Как пояснил X, на встрече ...' does not add X to the meeting",
    ),
    pytest.param(
        [MET_OLMEDO, "В Вальпараисо прошла сессия Совета министров экономики региона."],
        [OLMEDO],
        id="_never_the_actor: 'Совета министров' does not refer to our official",
    ),
    pytest.param(
        [
            "По итогам встречи с министром экономики Чили Хавьером Ольмедо посол Казахстана в Чили "
            "Ерлан Досмагамбетов заявил журналистам о росте торговли."
        ],
        [OLMEDO],
        id="frame_is_the_news: 'по итогам встречи с X' is the news' own meeting",
    ),
    pytest.param(
        [
            f"{AMBASSADOR} провел отдельные встречи с министром экономики Чили Хавьером Ольмедо и "
            "министром финансов Чили Марио Фигероа."
        ],
        [OLMEDO, ("meeting", ["Ерлан Досмагамбетов"], ["Марио Фигероа"])],
        id="bilateral_series: 'отдельные встречи с X и Y' is one meeting each",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), EVENT_OR_NOT_RULES)
def test_each_rule_tells_what_is_an_event_and_how_many(paragraphs, expected):
    assert events(*paragraphs) == expected
