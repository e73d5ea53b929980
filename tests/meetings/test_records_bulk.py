"""Saving a bulletin's meetings in a fixed number of queries, with the same rows, people and history."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.extraction import EXTRACTOR_VERSION
from meetings.models import Meeting, Participant, Person, PersonAlias
from meetings.services import people, records
from newsdesk.models import ExtractionState
from tests.factories import BulletinFactory

pytestmark = pytest.mark.django_db

# A fresh bulletin's extraction saved, transaction control (BEGIN, COMMIT, savepoints) aside: the
# claim (select for update, update), then the save (the bulletin, its meetings, the names' aliases,
# people, the new people and their ids, meetings and their history, participants and theirs, the
# bulletin), then the event linking (the new meetings' people, the nearby meetings with theirs).
# The worker's engine adds one: the learned aliases it is given.
MAX_QUERIES_PER_BULLETIN = 15
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def entry(name, **fields):
    return {"name": name, "mention": {"start": 0, "end": 5}, **fields}


def meeting(kz, counterparts, start):
    return {
        "kind": "meeting",
        "kz_side": [entry(kz, role="ambassador", posting="Австрия")],
        "counterparts": [entry(name, country="Австрия") for name in counterparts],
        "evidence": {"start": start, "end": start + 10},
        "location": "Вена",
        "topics": ["торговля"],
        "confidence": 0.8,
    }


def extractor_of(*meetings):
    def extract(text: str) -> dict:
        return {"extractor_version": EXTRACTOR_VERSION, "meetings": list(meetings)}

    return extract


ONE = (meeting("Ерлан Сарыбаев", ["Томас Краус"], 0),)
FOUR = (
    meeting("Ерлан Сарыбаев", ["Томас Краус", "Анна Бергер"], 0),
    meeting("Айгерим Нуржанова", ["Ян Новак"], 20),
    meeting("Ерлан Сарыбаев", ["Пётр Новак", "Ли Вэй", "Джон Смит"], 40),
    meeting("Ерлан Сарыбаев", ["Мария Лопес"], 60),
)


def queries_of(meetings) -> int:
    bulletin = BulletinFactory()
    with CaptureQueriesContext(connection) as captured:
        state = records.extract_and_save(bulletin_id=bulletin.pk, extractor=extractor_of(*meetings))
    assert state == ExtractionState.DONE
    return sum(1 for query in captured.captured_queries if not query["sql"].startswith(TRANSACTION_CONTROL))


def test_a_bulletin_costs_the_same_queries_however_many_meetings_participants_and_new_people():
    one = queries_of(ONE)
    four = queries_of(FOUR)  # new people again (and old ones) in four meetings

    assert Meeting.objects.count() == 5
    assert four == one <= MAX_QUERIES_PER_BULLETIN


def test_every_created_meeting_and_participant_has_its_creation_in_history():
    bulletin = BulletinFactory()
    records.extract_and_save(bulletin_id=bulletin.pk, extractor=extractor_of(*FOUR))

    meetings = list(Meeting.objects.filter(bulletin=bulletin))
    participants = list(Participant.objects.filter(meeting__bulletin=bulletin))
    assert len(meetings) == 4 and len(participants) == 11
    for item in meetings:
        [created] = item.history.all()
        assert (created.history_type, created.match_key, created.kind) == ("+", item.match_key, item.kind)
    for item in participants:
        [created] = item.history.all()
        assert (created.history_type, created.name, created.person_id, created.meeting_id) == (
            "+",
            item.name,
            item.person_id,
            item.meeting_id,
        )


def test_participants_are_saved_in_the_bulletins_order_with_their_people():
    bulletin = BulletinFactory()
    records.extract_and_save(bulletin_id=bulletin.pk, extractor=extractor_of(*FOUR))

    saved = [
        [(p.side, p.order, p.name, p.person.name) for p in m.participants.order_by("id")]
        for m in Meeting.objects.filter(bulletin=bulletin).order_by("id")
    ]
    assert saved == [
        [
            ("kz", 0, "Ерлан Сарыбаев", "Ерлан Сарыбаев"),
            ("counterpart", 0, "Томас Краус", "Томас Краус"),
            ("counterpart", 1, "Анна Бергер", "Анна Бергер"),
        ],
        [("kz", 0, "Айгерим Нуржанова", "Айгерим Нуржанова"), ("counterpart", 0, "Ян Новак", "Ян Новак")],
        [
            ("kz", 0, "Ерлан Сарыбаев", "Ерлан Сарыбаев"),
            ("counterpart", 0, "Пётр Новак", "Пётр Новак"),
            ("counterpart", 1, "Ли Вэй", "Ли Вэй"),
            ("counterpart", 2, "Джон Смит", "Джон Смит"),
        ],
        [("kz", 0, "Ерлан Сарыбаев", "Ерлан Сарыбаев"), ("counterpart", 0, "Мария Лопес", "Мария Лопес")],
    ]
    assert Person.objects.count() == 9
    assert set(Person.objects.filter(is_kz_official=True).values_list("name", flat=True)) == {
        "Ерлан Сарыбаев",
        "Айгерим Нуржанова",
    }


def test_people_of_a_batch_as_name_by_name_lookups_would_find_or_create_them():
    aliased = Person.objects.create(name="Томас Краус", name_key="томас краус")
    PersonAlias.objects.create(person=aliased, alias="Томасом Краусом", alias_key="томасом краусом")
    known = Person.objects.create(name="Анна Бергер", name_key="анна бергер", is_kz_official=False)
    names = [
        ("Томасом Краусом", False),
        ("Анна Бергер", False),
        ("Ерлан Сарыбаев", False),  # new, named first as a counterpart ...
        ("ерлан  Сарыбаев", True),  # ... then on the Kazakh side in another form of the same key
        ("анна бергер", True),  # a known person seen on the Kazakh side is marked an official
        ("", False),
        ("...", False),
    ]

    with CaptureQueriesContext(connection) as captured:
        lookup = people.NameLookup(name for name, _ in names)
        persons = lookup.persons(names)

    assert len(captured.captured_queries) == 5  # aliases, people, insert, new ids, officials
    assert persons["томасом краусом"] == aliased
    assert persons["анна бергер"] == known
    new = persons["ерлан сарыбаев"]
    assert (new.name, new.name_latin, new.is_kz_official) == ("Ерлан Сарыбаев", "Erlan Sarybaev", True)
    known.refresh_from_db()
    assert known.is_kz_official
    assert set(persons) == {"томасом краусом", "анна бергер", "ерлан сарыбаев"}
    assert lookup.resolve("Томасом Краусом") == "томас краус"
    assert lookup.resolve("Ян Новак") == "ян новак"


def test_a_person_another_worker_created_a_moment_ago_is_found_not_duplicated(monkeypatch):
    insert = Person.objects.bulk_create

    def another_worker_first(objs, **kwargs):
        Person.objects.create(name="Томас Краус", name_key="томас краус", name_latin="Tomas Kraus")
        return insert(objs, **kwargs)

    monkeypatch.setattr(Person.objects, "bulk_create", another_worker_first)
    bulletin = BulletinFactory()

    records.save_meetings(bulletin, extractor_of(*ONE)(""))

    assert Person.objects.filter(name_key="томас краус").count() == 1
    counterpart = Participant.objects.get(side="counterpart")
    assert counterpart.person == Person.objects.get(name_key="томас краус")
    assert Participant.objects.get(side="kz").person.name == "Ерлан Сарыбаев"
