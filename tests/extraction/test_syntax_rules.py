"""Who is attached to the event predicate: the rules of meetings/extraction/rules/syntax.py.

natasha's dependency tree of a sentence that holds an event word decides first whether a named
person takes part: a name inside a relative clause or reported speech without an event word is
merely named; a partner the event verb governs ("встретился с", "принял", "провел переговоры с")
takes part. Each row is an invented bulletin with its negative or positive twin; it pins (kind, our
side, counterparts) of each meeting, in order.
"""

from __future__ import annotations

import pytest

from meetings.extraction import load_pipeline
from meetings.extraction.rules.syntax import Tree, parse_event_sentences, syntax_opinion
from meetings.extraction.text import layout

from .conftest import HEADER
from .test_event_genre_rules import events

OURS = "Посол Казахстана в Австрии Асылбек Туремуратов"
PARTNER = ("meeting", ["Асылбек Туремуратов"], ["Маттиас Хольцбрунер"])

ATTACHED = [
    pytest.param(
        [
            "Генеральный консул Казахстана в Измире Ерболат Жанабилов принял участие в открытии ярмарки "
            "фарфора, где побеседовал с директором ярмарки Озаном Кылычарсланом."
        ],
        [("talks_multilateral", ["Ерболат Жанабилов"], ["Озан Кылычарслан"])],
        id="event_tokens: a talk verb with its partner keeps the partner in the event",
    ),
    pytest.param(
        [
            f"{OURS} встретился с министром экономики Австрии Маттиасом Хольцбрунером, который "
            "рассказал о реформах канцлера Австрии Эльзы Вандерхейден."
        ],
        [PARTNER],
        id="named_in_a_clause_without_event: a name inside a relative clause is merely named",
    ),
    pytest.param(
        [
            f"{OURS} встретился с министром экономики Австрии Маттиасом Хольцбрунером и канцлером "
            "Австрии Эльзой Вандерхейден."
        ],
        [("meeting", ["Асылбек Туремуратов"], ["Маттиас Хольцбрунер", "Эльза Вандерхейден"])],
        id="twin: both partners joined to the event verb take part",
    ),
    pytest.param(
        [
            f"{OURS} провел переговоры с министром экономики Австрии Маттиасом Хольцбрунером. Посол "
            "напомнил, что канцлер Австрии Эльза Вандерхейден поддерживает развитие связей."
        ],
        [PARTNER],
        id="named_in_a_clause_without_event: reported speech without an event word",
    ),
    pytest.param(
        [
            f"{OURS} встретился с министром экономики Австрии Маттиасом Хольцбрунером, которого "
            "назначила канцлер Австрии Эльза Вандерхейден."
        ],
        [PARTNER],
        id="named_in_a_clause_without_event: the subject of a relative clause is merely named",
    ),
    pytest.param(
        [
            "В Вене состоялась встреча посла Казахстана Асылбека Туремуратова с министром экономики "
            "Австрии Маттиасом Хольцбрунером, который представлял канцлера Австрии Эльзу Вандерхейден."
        ],
        [PARTNER],
        id="named_in_a_clause_without_event: the object of a relative clause is merely named",
    ),
    pytest.param(
        [
            f"{OURS} в торжественной обстановке вручил министру экономики Австрии Маттиасу "
            "Хольцбрунеру орден Дружбы."
        ],
        [PARTNER],
        id="partner_of_an_event_verb: the dative partner of 'вручил'",
    ),
    pytest.param(
        [f"{OURS} принял в посольстве министра экономики Австрии Маттиаса Хольцбрунера."],
        [PARTNER],
        id="partner_of_an_event_verb: the object of a receiving verb",
    ),
    pytest.param(
        [f"{OURS} провел переговоры с министром экономики Австрии Маттиасом Хольцбрунером."],
        [PARTNER],
        id="partner_of_an_event_verb: 'провел переговоры с Y'",
    ),
    pytest.param(
        [
            f"{OURS} обсудил с министром экономики Австрии Маттиасом Хольцбрунером подготовку визита "
            "канцлера Австрии Эльзы Вандерхейден."
        ],
        [PARTNER],
        id="twin: a name inside the topic of a discussion is merely named",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), ATTACHED)
def test_a_person_takes_part_only_when_attached_to_the_event_predicate(paragraphs, expected):
    assert events(*paragraphs) == expected


def test_only_sentences_with_an_event_word_are_parsed():
    pipe = load_pipeline()
    page = layout(
        HEADER + f"{OURS} встретился с министром Маттиасом Хольцбрунером.\nПогода в Вене была теплой.\n"
    )
    trees = parse_event_sentences(pipe.syntax, pipe.events, page.sentences)
    assert list(trees) == [page.sentences[0].index]
    assert len(trees[page.sentences[0].index].heads) == len(page.sentences[0].tokens)


def test_without_a_tree_the_syntax_rules_give_no_opinion_and_the_token_rules_decide():
    pipe = load_pipeline()
    page = layout(HEADER + f"{OURS} встретился с министром Маттиасом Хольцбрунером.\n")
    sentence = page.sentences[0]
    found = pipe.finder.find(sentence, [])
    assert found
    assert syntax_opinion(pipe.events, found[0], None) is None
    assert syntax_opinion(pipe.events, found[0], Tree((-1,), ("root",))) is None  # a tree of another sentence
