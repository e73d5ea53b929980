"""Table tests of the side rules (meetings/extraction/rules/sides.py): which side a title puts a
person on, read where the engine reads it (each person of an invented bulletin, with the side of
the first title that tells), and what the meetings then hold. Every sentence and name is invented."""

from __future__ import annotations

import pytest

from meetings.extraction import load_pipeline
from meetings.extraction.people import build_people
from meetings.extraction.text import layout

from .conftest import bulletin, meetings_of


def _sides(paragraph: str) -> dict[str, str | None]:
    """Each person of a bulletin made of ``paragraph``: name -> side ("kz", "cp" or None)."""
    pipe = load_pipeline()
    text = bulletin(paragraph)
    page = layout(text)
    sentences = ([page.title] if page.title else []) + list(page.sentences)
    start = sentences[0].start
    spans = [
        (start + s.start, start + s.stop, s.type) for s in pipe.ner(text[start : sentences[-1].end]).spans
    ]
    found = []
    for sentence in sentences:
        found += pipe.finder.find(
            sentence, [x for x in spans if x[0] < sentence.end and sentence.start < x[1]]
        )
    return {person.name: person.side for person in build_people(found, pipe.lexicon)}


@pytest.mark.parametrize(
    ("paragraph", "name", "side"),
    [
        pytest.param(
            "Заместитель министра иностранных дел Казахстана Асылбек Туремуратов принял посла Перу в РК "
            "Луиса Браво.",
            "Луис Браво",
            "cp",
            id="foreign_diplomat_posted_here: 'посла Перу в РК' is theirs though it names РК",
        ),
        pytest.param(
            "Посол в Казахстане Марко Ринальди встретился с акимом Туркестанской области.",
            "Марко Ринальди",
            "cp",
            id="foreign_diplomat_posted_here: an ambassador in Kazakhstan naming no state is theirs",
        ),
        pytest.param(
            "Советник посольства Чили в Республике Казахстан Педро Альварес посетил Туркестан.",
            "Педро Альварес",
            "cp",
            id="foreign_diplomat_posted_here: embassy staff posted here are theirs",
        ),
        pytest.param(
            "По случаю праздника министры иностранных дел Асылбек Туремуратов и Ларс Ольсен обменялись "
            "посланиями.",
            "Ларс Ольсен",
            None,
            id="plural_title_of_both_sides: 'министры иностранных дел X и Y' tells no side",
        ),
        pytest.param(
            "Президент Асылбек Туремуратов принял посла Чили Педро Альвареса.",
            "Асылбек Туремуратов",
            "kz",
            id="head_of_our_state: a bare 'Президент' is ours",
        ),
        pytest.param(
            "Глава государства Асылбек Туремуратов провел переговоры с министром экономики Австрии "
            "Томасом Вернером.",
            "Асылбек Туремуратов",
            "kz",
            id="head_of_our_state: 'Глава государства' is ours",
        ),
        pytest.param(
            "Председатель Сената Парламента Дулат Кемелбеков встретился с послом Ирландии Кевином Фарреллом.",
            "Дулат Кемелбеков",
            "kz",
            id="head_of_our_state: 'Председатель Сената' naming no state is ours",
        ),
        pytest.param(
            "Посол Казахстана в Чили Дулат Кемелбеков обсудил визит Президента Луиса Браво в Казахстан.",
            "Луис Браво",
            "cp",
            id="head_of_our_state: not the guest of 'визит Президента X в Казахстан'",
        ),
        pytest.param(
            "Председатель Сената Чили Луис Браво принял посла Казахстана Дулата Кемелбекова.",
            "Луис Браво",
            "cp",
            id="head_of_our_state: a chamber's chair of a state named is theirs",
        ),
        pytest.param(
            "В консультациях участвовала делегация Министерства иностранных дел Республики Казахстан "
            "во главе с директором департамента Жанузаком Мукашевым.",
            "Жанузак Мукашев",
            "kz",
            id="delegation_led: the leader of a delegation naming Kazakhstan is ours",
        ),
        pytest.param(
            "В Астану прибыла делегация Норвегии во главе с послом Ларсом Ольсеном.",
            "Ларс Ольсен",
            "cp",
            id="delegation_led: the leader of a foreign delegation is theirs, even as 'посол'",
        ),
        pytest.param(
            "Казахстанскую сторону представлял директор Департамента Европы Жанузак Мукашев.",
            "Жанузак Мукашев",
            "kz",
            id="foreign_place_in_title: a part of the world ('Европы') names no state",
        ),
        pytest.param(
            "Советник-посланник посольства Казахстана в Ирландии Жанузак Мукашев встретился с мэром Корка "
            "Кевином Фарреллом.",
            "Жанузак Мукашев",
            "kz",
            id="our_title_by_default: embassy staff below the ambassador are ours",
        ),
        pytest.param(
            "Первый секретарь посольства Жанузак Мукашев посетил университет Корка.",
            "Жанузак Мукашев",
            "kz",
            id="our_title_by_default: 'секретарь посольства' naming no state is ours",
        ),
        pytest.param(
            "Официальный представитель МИД Жанузак Мукашев рассказал о визите.",
            "Жанузак Мукашев",
            "kz",
            id="our_title_by_default: a bare 'МИД' is ours",
        ),
        pytest.param(
            "Казахстанскую делегацию возглавил директор департамента Жанузак Мукашев, норвежскую - "
            "директор отдела Ларс Ольсен.",
            "Ларс Ольсен",
            "cp",
            id="our_side_represented_by: not the other side's leader after ', норвежскую -'",
        ),
    ],
)
def test_the_side_rules_put_each_person_on_the_side_the_title_names(paragraph, name, side):
    assert _sides(paragraph)[name] == side


def test_a_foreign_ambassador_posted_here_stays_a_counterpart_whoever_receives_whom():
    meeting = meetings_of(
        "Посол Чили в РК Педро Альварес принял заместителя министра иностранных дел Асылбека Туремуратова."
    )[0]
    assert ([p["name"] for p in meeting["kz_side"]], [p["name"] for p in meeting["counterparts"]]) == (
        ["Асылбек Туремуратов"],
        ["Педро Альварес"],
    )


def test_a_bare_president_receiving_an_ambassador_is_our_side_of_the_meeting():
    meeting = meetings_of("Президент Асылбек Туремуратов принял посла Ирландии Кевина Фаррелла.")[0]
    assert ([p["name"] for p in meeting["kz_side"]], [p["name"] for p in meeting["counterparts"]]) == (
        ["Асылбек Туремуратов"],
        ["Кевин Фаррелл"],
    )


def test_embassy_staff_are_posted_to_the_embassy_country_with_role_other():
    meeting = meetings_of(
        "Советник-посланник посольства Казахстана в Ирландии Жанузак Мукашев встретился с мэром Корка "
        "Кевином Фарреллом."
    )[0]
    ours = meeting["kz_side"][0]
    assert (ours["name"], ours["role"], ours["posting"]) == ("Жанузак Мукашев", "other", "Ирландия")
