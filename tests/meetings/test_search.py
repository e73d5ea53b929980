"""The text search of the public list, the API and the CSV (MeetingFilter.q): word prefixes in
participants, Latin names, places and titles; full-text indexes on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from meetings.filters import MeetingFilter
from meetings.models import Meeting, Person
from newsdesk.models import Bulletin
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

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


def test_a_country_in_any_case_finds_its_representatives_meetings():
    spain = MeetingFactory()
    ParticipantFactory(meeting=spain, side="counterpart", name="Хосе Мануэль Альбарес", country="Испания")
    assert found("испания") == [spain]
    assert found("ИСПАНИЯ Альбарес") == [spain]


def test_a_kazakh_officials_passport_spelling_finds_their_meetings():
    tleuberdi = PersonFactory(name="Мухтар Тлеуберди", is_kz_official=True)  # Latin: ICAO 9303
    talks = MeetingFactory()
    ParticipantFactory(meeting=talks, side="kz", name="Мухтар Тлеуберди", person=tleuberdi)
    assert tleuberdi.name_latin == "Mukhtar Tleuberdi"
    assert found("Tleuberdi") == [talks]
    assert found("tleub") == [talks]


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
def test_the_word_search_reads_the_meetings_document_index_on_postgresql(meetings):
    plan = index_plan(MeetingFilter({"q": "Лавр"}, queryset=Meeting.objects.all()).qs)
    assert "meeting_search_document" in plan, plan


def index_plan(found) -> str:
    """PostgreSQL's plan for ``found``, unordered and with no plain scan of a whole table or index:
    on a tiny table the planner may otherwise read every row by the primary key and test the
    document as a filter."""
    sql, params = found.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


# ---- what the search reads follows every change (database triggers on PostgreSQL) ---------------


def test_a_reviewers_rename_of_a_participant_is_found_and_the_old_name_is_not(meetings):
    first, _ = meetings
    participant = first.participants.get()
    participant.name = "Мария Захарова"
    participant.save()

    assert found("Захарова") == [first]
    assert found("Лавров") == []
    assert found("Lavrov") == [first]  # the person linked is still "Sergey Lavrov"
    participant.person = None
    participant.save()
    assert found("Lavrov") == []


def test_a_meeting_saved_from_an_older_copy_keeps_its_participants_words(meetings):
    first, _ = meetings
    stale = Meeting.objects.get(pk=first.pk)
    ParticipantFactory(meeting=first, side="kz", name="Ерлан Карин")

    stale.location = "Казань"
    stale.save()

    assert found("Карин") == [first]
    assert found("Казань") == [first]
    assert found("Москв") == [first]  # the bulletin's title still says it


def test_a_new_latin_name_is_found_and_a_deleted_participant_is_not(meetings):
    first, second = meetings
    Person.objects.filter(name="Сергей Лавров").update(name_latin="Sergei Lavrov")
    assert found("Sergei") == [first]
    assert found("Sergey") == []

    second.participants.all().delete()
    assert found("Хаяси") == []
    assert found("Токио") == [second]


def admin_bulletin_search(client, words: str) -> list[Bulletin]:
    """The bulletins an editor's search for ``words`` lists in the admin."""
    client.force_login(UserFactory(groups=["Editors"]))
    return list(client.get("/admin/newsdesk/bulletin/", {"q": words}).context["cl"].result_list)


def test_the_admin_bulletin_search_finds_a_word_of_the_text(client, meetings):
    wanted = BulletinFactory(title="Сводка", text=" date 2026-02-24 Сводка\nАстана. Посол посетил Кызылорду.")
    assert [b.pk for b in admin_bulletin_search(client, "кызылорд")] == [wanted.pk]


def test_the_admin_bulletin_search_wants_every_word(client, meetings):
    both = BulletinFactory(
        title="Сводка", text=" date 2026-02-24 Сводка\nАстана. Посол посетил Кызылорду и Атырау."
    )
    BulletinFactory(title="Другая", text=" date 2026-02-24 Другая\nАстана. Посол посетил Кызылорду.")
    assert [b.pk for b in admin_bulletin_search(client, "кызылорд атырау")] == [both.pk]


def test_a_bulletins_corrected_text_is_what_the_admin_search_finds(client, meetings):
    bulletin = BulletinFactory(
        title="Сводка", text=" date 2026-02-24 Сводка\nАстана. Посол посетил Кызылорду."
    )
    Bulletin.objects.filter(pk=bulletin.pk).update(
        text=" date 2026-02-24 Сводка\nАстана. Посол посетил Атырау."
    )
    assert admin_bulletin_search(client, "атырау") == [bulletin]
    assert admin_bulletin_search(client, "кызылорд") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text indexes exist on PostgreSQL only")
def test_the_admin_bulletin_search_reads_the_bulletins_document_index_on_postgresql(client, meetings):
    client.force_login(UserFactory(groups=["Editors"]))
    found = client.get("/admin/newsdesk/bulletin/", {"q": "кызылорд"}).context["cl"].queryset
    plan = index_plan(found)
    assert "bulletin_search_document" in plan, plan
