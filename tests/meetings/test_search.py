"""The text search of the public list, the API and the CSV (MeetingFilter.q): word prefixes in
participants, Latin names, places and titles; full-text indexes on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from meetings.filters import PARTICIPANT_SEARCHED, MeetingFilter
from meetings.models import Meeting, Participant
from newsdesk import search
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    lavrov = PersonFactory(name="Сергей Лавров", name_latin="Sergey Lavrov")
    first = MeetingFactory(bulletin=BulletinFactory(title="Встреча в Москве"), location="Москва")
    ParticipantFactory(meeting=first, side="counterpart", name="Сергей Лавров", person=lavrov)
    second = MeetingFactory(bulletin=BulletinFactory(title="Переговоры в Токио"))
    ParticipantFactory(meeting=second, side="counterpart", name="Ёсимаса Хаяси", organization="МИД Японии")
    return first, second


def found(text: str) -> list[Meeting]:
    return list(MeetingFilter({"q": text}, queryset=Meeting.objects.order_by("id")).qs)


def test_a_word_start_finds_names_places_titles_and_organisations(meetings):
    first, second = meetings
    assert found("Лавр") == [first]
    assert found("москв") == [first]  # the place and the title, in any case
    assert found("Токио") == [second]
    assert found("японии") == [second]
    assert found("Лавров Токио") == []  # every word must be found


def test_a_latin_name_finds_the_person(meetings):
    first, _ = meetings
    assert found("lavrov") == [first]
    assert found("Sergey") == [first]


def test_a_short_grammatical_word_never_empties_the_search(meetings):
    first, _ = meetings
    assert found("Лавров в") == [first]


def test_typed_punctuation_is_no_query_syntax(meetings):
    first, _ = meetings
    assert found("Лавр:* & | !") == [first]
    assert found("'") == list(Meeting.objects.order_by("id"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text indexes exist on PostgreSQL only")
def test_the_participant_search_uses_its_index_on_postgresql(meetings):
    query = search.matching(Participant.objects.all(), PARTICIPANT_SEARCHED, "Лавр").values("meeting_id")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "participant_search" in plan, plan


def test_the_admin_bulletin_search_finds_a_word_of_the_text(client, meetings):
    from tests.factories import UserFactory

    wanted = BulletinFactory(title="Сводка", text=" date 2026-02-24 Сводка\nАстана. Посол посетил Кызылорду.")
    client.force_login(UserFactory(groups=["Editors"]))

    listed = client.get("/admin/newsdesk/bulletin/", {"q": "кызылорд"}).context["cl"].result_list

    assert [b.pk for b in listed] == [wanted.pk]


def test_the_admin_bulletin_search_wants_every_word(client, meetings):
    from tests.factories import UserFactory

    both = BulletinFactory(
        title="Сводка", text=" date 2026-02-24 Сводка\nАстана. Посол посетил Кызылорду и Атырау."
    )
    BulletinFactory(title="Другая", text=" date 2026-02-24 Другая\nАстана. Посол посетил Кызылорду.")
    client.force_login(UserFactory(groups=["Editors"]))

    listed = client.get("/admin/newsdesk/bulletin/", {"q": "кызылорд атырау"}).context["cl"].result_list

    assert [b.pk for b in listed] == [both.pk]
