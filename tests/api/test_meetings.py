"""/api/meetings/: who sees which meetings, what a meeting looks like, filters and cursor pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import NOT_REVIEWING, REVIEWING, ids
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory

URL = "/api/meetings/"


@pytest.mark.parametrize("role", NOT_REVIEWING)
def test_anonymous_and_analysts_list_only_approved_meetings(client_as, newsroom, role):
    response = client_as(role).get(URL)
    assert ids(response) == [newsroom.approved.pk, newsroom.older_approved.pk]


@pytest.mark.parametrize("role", NOT_REVIEWING)
def test_anonymous_and_analysts_get_404_for_pending_and_rejected_meetings(client_as, newsroom, role):
    client = client_as(role)
    assert client.get(f"{URL}{newsroom.pending.pk}/").status_code == 404
    assert client.get(f"{URL}{newsroom.rejected.pk}/").status_code == 404
    assert client.get(f"{URL}{newsroom.approved.pk}/").status_code == 200


@pytest.mark.parametrize("role", NOT_REVIEWING)
def test_review_state_filter_cannot_reveal_unpublished_meetings(client_as, newsroom, role):
    client = client_as(role)
    assert ids(client.get(URL, {"review_state": "pending"})) == []
    assert ids(client.get(URL, {"review_state": "rejected"})) == []


@pytest.mark.parametrize("role", REVIEWING)
def test_staff_list_meetings_in_every_review_state_and_filter_by_it(client_as, newsroom, role):
    client = client_as(role)
    assert ids(client.get(URL)) == [
        newsroom.approved.pk,
        newsroom.rejected.pk,
        newsroom.pending.pk,
        newsroom.older_approved.pk,
    ]
    assert ids(client.get(URL, {"review_state": "pending"})) == [newsroom.pending.pk]
    assert ids(client.get(URL, {"review_state": "rejected"})) == [newsroom.rejected.pk]
    assert client.get(f"{URL}{newsroom.pending.pk}/").json()["review_state"] == "pending"


def test_meeting_detail_has_both_sides_bulletin_and_public_url(client_as, newsroom, settings):
    settings.SITE_URL = "https://newsdesk.example"
    meeting = newsroom.approved
    body = client_as("anonymous").get(f"{URL}{meeting.pk}/").json()
    assert body["id"] == meeting.pk
    assert body["kind"] == "meeting"
    assert body["location"] == "Берлин"
    assert body["topics"] == ["энергетика"]
    assert body["bulletin"] == {
        "id": meeting.bulletin.pk,
        "date": "2026-02-24",
        "title": meeting.bulletin.title,
    }
    assert body["url"] == f"https://newsdesk.example/meetings/{meeting.pk}/"
    assert body["kz_side"] == [
        {
            "name": "Ерлан Карин",
            "position": None,
            "role": "ambassador",
            "posting": "Германия",
            "organization": None,
            "country": None,
            "person": newsroom.official.pk,
            "name_latin": newsroom.official.name_latin or None,
            "name_latin_kind": "icao",  # a Kazakh official's passport form
        }
    ]
    [counterpart] = body["counterparts"]
    assert counterpart["name"] == "Анналена Бербок"
    assert counterpart["country"] == "Германия"
    assert counterpart["organization"] == "МИД (Германия)"
    assert counterpart["person"] == newsroom.counterpart.pk


def test_list_rows_carry_the_same_fields_as_the_detail(client_as, newsroom):
    client = client_as("analyst")
    [first, _] = client.get(URL).json()["results"]
    assert first == client.get(f"{URL}{newsroom.approved.pk}/").json()


def test_an_unnamed_side_is_null_as_in_the_extraction_contract(client_as, db):
    meeting = MeetingFactory(review_state="approved", location="")
    ParticipantFactory(meeting=meeting, side="counterpart", name="", organization="ОИС")
    body = client_as("anonymous").get(f"{URL}{meeting.pk}/").json()
    assert body["location"] is None
    assert body["counterparts"][0]["name"] is None
    assert body["counterparts"][0]["person"] is None
    assert body["counterparts"][0]["name_latin"] is None
    assert body["counterparts"][0]["organization"] == "ОИС"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2026-02-01"}, ["approved"]),
        ({"date_to": "2026-02-01"}, ["older_approved"]),
        ({"date_from": "2026-01-01", "date_to": "2026-12-31"}, ["approved", "older_approved"]),
        ({"country": "Китай"}, ["older_approved"]),
        ({"country": "китай"}, ["older_approved"]),  # Cyrillic case folds on SQLite too
        ({"kind": "phone_call"}, ["older_approved"]),
        ({"q": "Бербок"}, ["approved"]),
        ({"q": "бербок"}, ["approved"]),
        ({"q": "Берлин"}, ["approved"]),
    ],
)
def test_filters_narrow_the_published_meetings(client_as, newsroom, params, expected):
    assert ids(client_as("analyst").get(URL, params)) == [getattr(newsroom, name).pk for name in expected]


def test_person_filter_gives_the_meetings_a_person_took_part_in(client_as, newsroom):
    client = client_as("anonymous")
    assert ids(client.get(URL, {"person": newsroom.counterpart.pk})) == [newsroom.approved.pk]
    assert ids(client.get(URL, {"person": newsroom.official.pk})) == [
        newsroom.approved.pk,
        newsroom.older_approved.pk,
    ]
    assert ids(client.get(URL, {"person": newsroom.pending_only.pk})) == []


def test_staff_filters_combine_with_review_state(client_as, newsroom):
    client = client_as("reviewer")
    assert ids(client.get(URL, {"country": "Франция", "review_state": "pending"})) == [newsroom.pending.pk]
    assert ids(client.get(URL, {"country": "Франция", "review_state": "approved"})) == []


def test_a_bad_filter_value_is_a_400_not_a_500(client_as, newsroom):
    assert client_as("anonymous").get(URL, {"date_from": "not-a-date"}).status_code == 400
    assert client_as("anonymous").get(URL, {"kind": "party"}).status_code == 400


def test_cursor_pages_continue_where_the_previous_one_ended(client_as, db):
    # Several meetings share a bulletin date, so the cursor has to break ties by id.
    dates = ["2026-03-01"] * 3 + ["2026-02-01"] * 3 + ["2026-01-01"]
    made = [MeetingFactory(review_state="approved", bulletin=BulletinFactory(date=d)) for d in dates]
    expected = [m.pk for m in sorted(made, key=lambda m: (m.bulletin.date, m.pk), reverse=True)]

    client = client_as("analyst")
    seen, url, pages = [], f"{URL}?page_size=2", 0
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
        pages += 1
        if pages == 1:
            assert body["previous"] is None
            assert "cursor=" in url
    assert pages == 4
    assert seen == expected


def test_default_page_is_50_meetings(client_as, db):
    bulletin = BulletinFactory()
    MeetingFactory.create_batch(51, review_state="approved", bulletin=bulletin)
    body = client_as("anonymous").get(URL).json()
    assert len(body["results"]) == 50
    assert body["next"]


def make_published_meetings(count: int) -> None:
    for _ in range(count):
        meeting = MeetingFactory(review_state="approved")
        ParticipantFactory(meeting=meeting, side="kz", person=PersonFactory())
        ParticipantFactory(meeting=meeting, side="counterpart", person=PersonFactory(), country="Япония")


@pytest.mark.parametrize(("role", "queries"), [("anonymous", 2), ("analyst", 6), ("reviewer", 6)])
def test_meeting_list_query_count_does_not_grow_with_rows(client_as, db, role, queries):
    client = client_as(role)
    # anonymous: 1. meetings with their bulletins; 2. participants with their persons.
    # logged in, before those: the session, the user, and the user's groups (staff or not).
    counts = []
    for total in (5, 25):
        make_published_meetings(total - (5 if counts else 0))
        with CaptureQueriesContext(connection) as context:
            response = client.get(URL)
        assert len(ids(response)) == total
        counts.append(len(context.captured_queries))
    assert counts == [queries, queries]


def test_meeting_list_stays_within_its_query_budget(client_as, db, django_assert_max_num_queries):
    make_published_meetings(25)
    client = client_as("editor")
    # session, user, the user's and the groups' permissions, meetings, participants
    with django_assert_max_num_queries(6):
        client.get(URL, {"country": "Япония", "date_from": "2026-01-01", "q": "Участник"})
