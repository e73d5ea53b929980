"""The review screen reviewers work on: one screen with the machine's values beside changed fields,
topics as short inputs, undo of a decision, sending a decided meeting back, restoring an earlier
version, and a queue searched and filtered by typing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from meetings.models import Meeting, ReviewState
from meetings.services import review
from tests.factories import BulletinFactory, UserFactory
from tests.meetings.test_review_admin import (
    CHANGELIST,
    change_url,
    machine_meeting,
    messages_of,
    post_data,
)

pytestmark = pytest.mark.django_db


def reopen_url(meeting: Meeting) -> str:
    return reverse("admin:meetings_meeting_reopen", args=[meeting.pk])


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reviewer():
    return UserFactory(groups=["Reviewers"], first_name="Айгерим", last_name="Сатпаева")


@pytest.fixture
def pending():
    bulletin = BulletinFactory(title="Посол встретился с министром Австрии")
    return machine_meeting(bulletin, kz=["Ерлан Сарыбаев"], counterparts=[("Томас Краус", "Австрия")])


def test_the_page_shows_the_machines_value_under_a_field_a_reviewer_changed(client, reviewer, pending):
    counterpart = pending.participants.get(side="counterpart")
    counterpart.name = "Томас Крауз"
    review.edit_meeting(
        meeting_id=pending.pk,
        version=pending.version,
        changes={"location": "Вена"},
        participants=review.ParticipantEdits(changed=[(counterpart, ["name"])]),
        user=reviewer,
    )
    client.force_login(reviewer)

    page = client.get(change_url(pending)).content.decode()

    assert "машина: Томас Краус" in page  # under the counterpart's name
    assert "машина: —" in page  # under the place: the machine had none
    assert page.count("машина:") == 2


def test_topics_are_short_inputs_one_per_topic_and_one_empty(client, reviewer, pending):
    Meeting.objects.filter(pk=pending.pk).update(topics=["торговля", "транзит"])
    client.force_login(reviewer)

    page = client.get(change_url(pending)).content.decode()

    inputs = re.findall(r'<input type="text" name="topics" value="([^"]*)"', page)
    assert inputs == ["торговля", "транзит", ""]


def test_a_decision_can_be_undone_by_the_reviewer_who_made_it(client, reviewer, pending):
    client.force_login(reviewer)
    data = post_data(client.get(change_url(pending)))

    response = client.post(change_url(pending), {**data, "_approve": "1"}, follow=True)

    pending.refresh_from_db()
    assert pending.is_published
    undo = [m for m in messages_of(response) if "undo-button" in m] or [response.content.decode()]
    assert f'action="{reopen_url(pending)}"' in undo[0]
    assert f'name="version" value="{pending.version}"' in undo[0]

    response = client.post(reopen_url(pending), {"version": pending.version})

    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.review_state, pending.reviewed_by, pending.version) == (ReviewState.PENDING, None, 3)
    newest = pending.history.first()
    assert newest.review_state == ReviewState.PENDING and newest.history_user == reviewer


def test_a_decided_meeting_offers_send_back_and_shows_the_reason(client, reviewer, pending):
    review.reject_meeting(meeting_id=pending.pk, reviewer=reviewer, version=1, reason="фоновое событие")
    client.force_login(reviewer)

    page = client.get(change_url(pending)).content.decode()

    assert "Вернуть на проверку" in page and 'id="approve-button"' not in page
    assert "фоновое событие" in page
    assert "Сатпаева" in page  # who decided


def test_sending_back_from_an_old_page_is_a_conflict_and_analysts_may_not(client, reviewer, pending):
    review.approve_meeting(meeting_id=pending.pk, reviewer=reviewer, version=1)
    client.force_login(UserFactory(groups=["Analysts"]))
    assert client.post(reopen_url(pending), {"version": 2}).status_code == 403
    client.force_login(reviewer)
    assert client.get(reopen_url(pending)).url == change_url(pending)  # a GET changes nothing

    response = client.post(reopen_url(pending), {"version": 1})

    assert any("Встреча изменилась" in m for m in messages_of(response))
    pending.refresh_from_db()
    assert pending.is_published


def test_restoring_an_earlier_version_brings_back_fields_and_participants_as_a_new_change(
    client, reviewer, pending
):
    original = pending.history.earliest()  # as the machine saved it
    counterpart = pending.participants.get(side="counterpart")
    counterpart.name = "Томас Крауз"
    from meetings.models import Participant

    review.edit_meeting(
        meeting_id=pending.pk,
        version=1,
        changes={"location": "Грац", "topics": ["энергетика"]},
        participants=review.ParticipantEdits(
            changed=[(counterpart, ["name"])], added=[Participant(side="counterpart", name="Анна Бергер")]
        ),
        user=reviewer,
    )
    client.force_login(reviewer)
    url = reverse("admin:meetings_meeting_simple_history", args=[pending.pk, original.history_id])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["adminform"].form.initial["version"] == 2  # the version a restore starts from

    response = client.post(url, {"version": 2})

    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.location, pending.topics, pending.version) == ("", [], 3)
    assert sorted(pending.participants.values_list("name", flat=True)) == ["Ерлан Сарыбаев", "Томас Краус"]
    assert pending.history.first().history_user == reviewer
    assert any("восстановлена" in m for m in messages_of(response))


def test_restoring_from_a_page_another_reviewer_overtook_changes_nothing(client, reviewer, pending):
    original = pending.history.earliest()
    review.edit_meeting(
        meeting_id=pending.pk,
        version=1,
        changes={"location": "Грац"},
        participants=review.ParticipantEdits(),
        user=UserFactory(username="bolat"),
    )
    client.force_login(reviewer)
    url = reverse("admin:meetings_meeting_simple_history", args=[pending.pk, original.history_id])

    response = client.post(url, {"version": 1})

    assert response.status_code == 302
    assert any("bolat" in m for m in messages_of(response))
    pending.refresh_from_db()
    assert pending.location == "Грац"


def test_the_queue_is_searched_by_names_and_bulletin_title(client, reviewer, pending):
    other = machine_meeting(BulletinFactory(title="Визит в Японию"), kz=["Асхат Мусин"], counterparts=[])
    client.force_login(reviewer)

    by_name = client.get(CHANGELIST, {"q": "Краус"}).context["cl"].result_list
    by_title = client.get(CHANGELIST, {"q": "Японию"}).context["cl"].result_list

    assert [m.pk for m in by_name] == [pending.pk]
    assert [m.pk for m in by_title] == [other.pk]


def test_the_country_filter_is_typed_into_and_offers_only_what_the_user_may_see(client, reviewer, pending):
    published = machine_meeting(
        BulletinFactory(), kz=["Асхат Мусин"], counterparts=[("Кэндзи Ямада", "Япония")]
    )
    Meeting.objects.filter(pk=published.pk).update(review_state=ReviewState.APPROVED)
    url = reverse("admin:meetings_meeting_countries")
    client.force_login(reviewer)

    assert client.get(url, {"term": "авс"}).json()["results"] == [{"id": "Австрия", "text": "Австрия"}]
    assert [r["id"] for r in client.get(url).json()["results"]] == ["Австрия", "Япония"]
    assert client.get(url, {"term": "a\x00"}).status_code < 500

    client.force_login(UserFactory(groups=["Analysts"]))
    assert [r["id"] for r in client.get(url).json()["results"]] == ["Япония"]  # Австрия is pending
    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get(url).status_code == 403


def test_the_list_filters_by_a_typed_country_and_shows_no_list_of_every_value(client, reviewer, pending):
    machine_meeting(BulletinFactory(), kz=["Асхат Мусин"], counterparts=[("Кэндзи Ямада", "Япония")])
    client.force_login(reviewer)

    response = client.get(CHANGELIST, {"country": "Австрия"})

    assert [m.pk for m in response.context["cl"].result_list] == [pending.pk]
    page = response.content.decode()
    assert '<option value="Австрия" selected>' in page
    assert "Япония</a>" not in page  # no link per country in the sidebar


def test_the_review_screen_and_the_public_page_mark_the_sides_in_the_same_colours(client, reviewer, pending):
    Meeting.objects.filter(pk=pending.pk).update(review_state=ReviewState.APPROVED)
    static = Path(__file__).resolve().parents[2] / "meetings" / "static" / "meetings"
    colouring = [path.name for path in static.glob("*.css") if "mark.kz" in path.read_text(encoding="utf-8")]
    public = client.get(reverse("public:meeting_detail", args=[pending.pk])).content.decode()
    client.force_login(reviewer)
    review_page = client.get(change_url(pending)).content.decode()

    assert colouring == ["marks.css"]
    assert "meetings/marks.css" in public and "meetings/marks.css" in review_page


def test_a_meeting_naming_nobody_is_never_published(client, reviewer, pending):
    pending.participants.all().delete()
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:meetings_meeting_approve", args=[pending.pk]), {"version": pending.version}
    )

    assert any("без участников" in m for m in messages_of(response))
    pending.refresh_from_db()
    assert pending.is_pending


def test_a_missed_meeting_needs_its_evidence_and_a_participant(client, reviewer, pending):
    bulletin = pending.bulletin
    client.force_login(reviewer)
    add = reverse("admin:meetings_meeting_add") + f"?bulletin={bulletin.pk}"
    empty = {
        "bulletin": bulletin.pk,
        "kind": "meeting",
        "version": 1,
        "participants-TOTAL_FORMS": "1",
        "participants-INITIAL_FORMS": "0",
        "participants-0-name": "",
        "participants-0-side": "",
    }

    page = client.post(add, empty).content.decode()

    assert "Выделите в тексте бюллетеня фрагмент" in page
    assert Meeting.objects.count() == 1


def test_the_official_filter_offers_only_our_officials_by_typed_name(client, reviewer, pending):
    url = reverse("admin:meetings_meeting_officials")
    client.force_login(reviewer)

    offered = [r["text"] for r in client.get(url, {"term": "сары"}).json()["results"]]
    counterparts = [r["text"] for r in client.get(url, {"term": "краус"}).json()["results"]]

    assert offered == ["Ерлан Сарыбаев"]
    assert counterparts == []
