"""/api/people/: people of published meetings for everyone, everyone for staff."""

from __future__ import annotations

import pytest

from tests.api.conftest import NOT_REVIEWING, REVIEWING, ids
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory

URL = "/api/people/"


@pytest.mark.parametrize("role", NOT_REVIEWING)
def test_anonymous_and_analysts_see_only_people_of_approved_meetings(client_as, newsroom, role):
    client = client_as(role)
    listed = client.get(URL).json()["results"]
    names = [row["name"] for row in listed]
    # Ordered by name; the database's collation decides the order of Cyrillic names.
    assert sorted(names) == sorted(["Ван И", "Анналена Бербок", "Ерлан Карин"])
    assert client.get(f"{URL}{newsroom.pending_only.pk}/").status_code == 404
    assert client.get(f"{URL}{newsroom.rejected_only.pk}/").status_code == 404


@pytest.mark.parametrize("role", REVIEWING)
def test_staff_see_people_of_unpublished_meetings_too(client_as, newsroom, role):
    client = client_as(role)
    listed = {row["id"]: row for row in client.get(URL).json()["results"]}
    assert newsroom.pending_only.pk in listed
    assert newsroom.rejected_only.pk in listed
    assert listed[newsroom.pending_only.pk]["published_meeting_count"] == 0
    assert client.get(f"{URL}{newsroom.rejected_only.pk}/").status_code == 200


def test_person_shows_aliases_and_counts_only_published_meetings(client_as, newsroom):
    body = client_as("anonymous").get(f"{URL}{newsroom.official.pk}/").json()
    assert body == {
        "id": newsroom.official.pk,
        "name": "Ерлан Карин",
        "name_latin": newsroom.official.name_latin,
        "name_latin_kind": "icao",
        "latin_source": "",
        "is_kz_official": True,
        "aliases": ["Карин Ерлан"],
        # Four meetings, two of them approved; the one with two rows in a meeting counts once.
        "published_meeting_count": 2,
    }


def test_a_person_twice_in_one_meeting_counts_it_once(client_as, db):
    person = PersonFactory()
    meeting = MeetingFactory(review_state="approved")
    ParticipantFactory(meeting=meeting, person=person, side="kz")
    ParticipantFactory(meeting=meeting, person=person, side="kz")
    assert client_as("analyst").get(f"{URL}{person.pk}/").json()["published_meeting_count"] == 1


def test_is_kz_official_filter(client_as, newsroom):
    assert ids(client_as("anonymous").get(URL, {"is_kz_official": "true"})) == [newsroom.official.pk]


def test_people_cursor_pages_continue(client_as, db):
    meeting = MeetingFactory(review_state="approved")
    people = [PersonFactory(name=f"Персона {n:02d}") for n in range(5)]
    for person in people:
        ParticipantFactory(meeting=meeting, person=person)
    client = client_as("anonymous")
    first = client.get(URL, {"page_size": 3}).json()
    second = client.get(first["next"]).json()
    assert [r["id"] for r in first["results"] + second["results"]] == [p.pk for p in people]
    assert second["next"] is None


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_people_list_query_count_does_not_grow(client_as, db, django_assert_max_num_queries, role):
    client = client_as(role)
    for total in (5, 25):
        meeting = MeetingFactory(review_state="approved")
        for _ in range(total - (5 if total == 25 else 0)):
            person = PersonFactory()
            person.aliases.create(alias=f"{person.name} alias", alias_key=f"{person.name_key} alias")
            ParticipantFactory(meeting=meeting, person=person)
        # people with their count; their aliases; (+ session, user, groups when logged in)
        with django_assert_max_num_queries(2 if role == "anonymous" else 6):
            assert len(client.get(URL).json()["results"]) == total
