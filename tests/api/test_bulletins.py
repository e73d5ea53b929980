"""/api/bulletins/: for Editors, Reviewers and superusers only; the text only in the detail."""

from __future__ import annotations

import pytest

from tests.api.conftest import NOT_STAFF, STAFF, ids
from tests.factories import BulletinFactory, MeetingFactory

URL = "/api/bulletins/"


@pytest.mark.parametrize("role", NOT_STAFF)
def test_anonymous_and_analysts_are_refused_bulletins(client_as, newsroom, role):
    client = client_as(role)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{newsroom.approved.bulletin_id}/").status_code == 403


@pytest.mark.parametrize("role", STAFF)
def test_staff_list_bulletins_without_text(client_as, newsroom, role):
    response = client_as(role).get(URL)
    assert ids(response) == [
        newsroom.approved.bulletin_id,
        newsroom.rejected.bulletin_id,
        newsroom.pending.bulletin_id,
        newsroom.older_approved.bulletin_id,
    ]
    first = response.json()["results"][0]
    assert "text" not in first
    assert set(first) == {
        "id",
        "date",
        "title",
        "dateline",
        "state",
        "error",
        "attempts",
        "extractor_version",
        "extracted_at",
        "meeting_ids",
    }


def test_bulletin_detail_has_text_dateline_and_every_meeting_id(client_as, db):
    bulletin = BulletinFactory(
        dateline_place="Астана", agency="KAZAKHSTAN TODAY", state="failed", error="boom", attempts=3
    )
    meetings = [MeetingFactory(bulletin=bulletin, review_state=s) for s in ("approved", "pending")]
    body = client_as("reviewer").get(f"{URL}{bulletin.pk}/").json()
    assert body["text"] == bulletin.text
    assert body["dateline"] == {"place": "Астана", "date": None, "agency": "KAZAKHSTAN TODAY"}
    assert body["state"] == "failed"
    assert body["error"] == "boom"
    assert body["attempts"] == 3
    assert body["meeting_ids"] == [m.pk for m in meetings]


def test_bulletin_state_filter(client_as, db):
    failed = BulletinFactory(state="failed")
    BulletinFactory(state="done")
    assert ids(client_as("editor").get(URL, {"state": "failed"})) == [failed.pk]


def test_bulletin_list_query_count_does_not_grow(client_as, db, django_assert_max_num_queries):
    client = client_as("editor")
    for total in (5, 25):
        for _ in range(total - (5 if total == 25 else 0)):
            MeetingFactory.create_batch(2, bulletin=BulletinFactory())
        # session, user, the user's and the groups' permissions; bulletins; their meeting ids
        with django_assert_max_num_queries(6):
            assert len(client.get(URL).json()["results"]) == total
