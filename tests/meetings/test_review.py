"""Review services: approve, reject, conflicts between reviewers, history, learning from corrections."""

from __future__ import annotations

import pytest

from meetings import records, review
from meetings.errors import ReviewConflict
from meetings.models import Meeting, Participant, PersonAlias, ReviewState
from newsdesk import services
from tests.factories import BulletinFactory, UserFactory, bulletin_text

pytestmark = pytest.mark.django_db


def machine_meeting(counterpart="Томас Краус"):
    bulletin = BulletinFactory()
    records.save_meetings(
        bulletin,
        {
            "extractor_version": "9.9",
            "meetings": [
                {
                    "kind": "meeting",
                    "kz_side": [{"name": "Ерлан Сарыбаев", "role": "ambassador", "posting": "Австрия"}],
                    "counterparts": [{"name": counterpart, "country": "Австрия"}],
                    "location": None,
                    "topics": [],
                    "evidence": {"start": 0, "end": 10},
                    "confidence": 0.8,
                }
            ],
        },
    )
    return Meeting.objects.get(bulletin=bulletin)


def test_approving_publishes_the_meeting_and_records_who_and_when():
    meeting = machine_meeting()
    reviewer = UserFactory(username="reviewer1")

    review.approve_meeting(meeting_id=meeting.pk, reviewer=reviewer, version=meeting.version)

    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.APPROVED and meeting.is_published
    assert meeting.reviewed_by == reviewer and meeting.reviewed_at is not None
    assert meeting.version == 2
    latest = meeting.history.first()
    assert (latest.review_state, latest.history_user) == (ReviewState.APPROVED, reviewer)


def test_rejecting_keeps_the_reason():
    meeting = machine_meeting()

    review.reject_meeting(
        meeting_id=meeting.pk, reviewer=UserFactory(), version=1, reason="  фоновое событие "
    )

    meeting.refresh_from_db()
    assert (meeting.review_state, meeting.reject_reason) == (ReviewState.REJECTED, "фоновое событие")


def test_a_second_reviewer_saving_an_old_version_gets_a_conflict_naming_the_first_change():
    meeting = machine_meeting()
    first, second = UserFactory(username="aigerim"), UserFactory(username="bolat")
    loaded_by_both = meeting.version

    with pytest.raises(ReviewConflict) as conflict:
        locked = review.lock_meeting(meeting_id=meeting.pk, version=loaded_by_both)
        locked.location = "Вена"
        review.record_meeting_edit(meeting=locked, reviewer=first, fields=["location"])
        review.approve_meeting(meeting_id=meeting.pk, reviewer=second, version=loaded_by_both)

    assert "aigerim" in str(conflict.value) and "Вена" in str(conflict.value)
    meeting.refresh_from_db()
    assert (meeting.location, meeting.review_state, meeting.edited) == ("Вена", ReviewState.PENDING, True)


def test_every_edit_is_kept_in_history_with_old_and_new_values():
    meeting = machine_meeting()
    editor = UserFactory()
    locked = review.lock_meeting(meeting_id=meeting.pk, version=1)
    locked.location = "Грац"
    review.record_meeting_edit(meeting=locked, reviewer=editor, fields=["location"])

    newest, previous = meeting.history.all()[:2]
    change = newest.diff_against(previous)
    changes = {(c.field, c.old, c.new) for c in change.changes}
    assert changes >= {("location", "", "Грац"), ("edited", False, True)}
    assert newest.history_user == editor


def test_correcting_a_machine_name_links_the_right_person_and_learns_the_alias():
    meeting = machine_meeting(counterpart="Томасом Краусом")
    participant = meeting.participants.get(side="counterpart")
    participant.name = "Томас Краус"

    review.correct_participant(participant=participant, reviewer=UserFactory())
    participant.save()

    assert participant.person.name == "Томас Краус"
    alias = PersonAlias.objects.get()
    assert (alias.alias, alias.person) == ("Томасом Краусом", participant.person)


def test_a_name_the_reviewer_left_alone_teaches_nothing():
    meeting = machine_meeting()
    participant = meeting.participants.get(side="counterpart")

    review.correct_participant(participant=participant, reviewer=UserFactory())

    assert not PersonAlias.objects.exists()


def test_later_extractions_write_the_name_a_reviewer_corrected(django_capture_on_commit_callbacks):
    sentence = (
        "Посол Казахстана в Австрии Ерлан Сарыбаев встретился с министром иностранных дел Австрии "
        "Томасом Краусом. Стороны обсудили двустороннее сотрудничество."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.store_bulletins(files=[("a.txt", bulletin_text("Первая встреча", sentence).encode())])
    participant = Participant.objects.get(side="counterpart")
    assert participant.machine_name == "Томас Краус"
    participant.name = "Томас Крауз"
    review.correct_participant(participant=participant, reviewer=UserFactory())
    participant.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.store_bulletins(files=[("b.txt", bulletin_text("Вторая встреча", sentence).encode())])

    later = Participant.objects.filter(side="counterpart").exclude(pk=participant.pk).get()
    assert later.name == "Томас Крауз"
    assert later.person == participant.person
