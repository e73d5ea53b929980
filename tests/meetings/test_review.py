"""Review services: approve, reject, conflicts between reviewers, history, learning from corrections."""

from __future__ import annotations

import pytest

from meetings.errors import ReviewConflict
from meetings.models import Meeting, Participant, PersonAlias, ReviewState
from meetings.services import records, review
from newsdesk import services
from tests.factories import BulletinFactory, UserFactory, bulletin_text

pytestmark = pytest.mark.django_db


def edit_participants(meeting, **edits):
    """A reviewer's save of the review page that changed participants only."""
    meeting.refresh_from_db()
    return review.edit_meeting(
        meeting_id=meeting.pk,
        version=meeting.version,
        changes={},
        participants=review.ParticipantEdits(**edits),
        user=UserFactory(),
    )


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

    review.edit_meeting(
        meeting_id=meeting.pk,
        version=loaded_by_both,
        changes={"location": "Вена"},
        participants=review.ParticipantEdits(),
        user=first,
    )
    with pytest.raises(ReviewConflict) as conflict:
        review.approve_meeting(meeting_id=meeting.pk, reviewer=second, version=loaded_by_both)

    assert "aigerim" in str(conflict.value) and "Вена" in str(conflict.value)
    meeting.refresh_from_db()
    assert (meeting.location, meeting.review_state, meeting.edited) == ("Вена", ReviewState.PENDING, True)


def test_every_edit_is_kept_in_history_with_old_and_new_values():
    meeting = machine_meeting()
    editor = UserFactory()
    review.edit_meeting(
        meeting_id=meeting.pk,
        version=1,
        changes={"location": "Грац"},
        participants=review.ParticipantEdits(),
        user=editor,
    )

    newest, previous = meeting.history.all()[:2]
    change = newest.diff_against(previous)
    changes = {(c.field, c.old, c.new) for c in change.changes}
    assert changes >= {("location", "", "Грац"), ("edited", False, True)}
    assert newest.history_user == editor


def test_correcting_a_machine_name_links_the_right_person_and_learns_the_alias():
    meeting = machine_meeting(counterpart="Томасом Краусом")
    participant = meeting.participants.get(side="counterpart")
    participant.name = "Томас Краус"

    edit_participants(meeting, changed=[(participant, ["name"])])

    participant.refresh_from_db()
    assert participant.person.name == "Томас Краус"
    alias = PersonAlias.objects.get()
    assert (alias.alias, alias.person) == ("Томасом Краусом", participant.person)


def test_a_name_the_reviewer_left_alone_teaches_nothing():
    meeting = machine_meeting()
    participant = meeting.participants.get(side="counterpart")
    participant.role = "minister"

    edit_participants(meeting, changed=[(participant, ["role"])])

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
    edit_participants(participant.meeting, changed=[(participant, ["name"])])
    participant.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.store_bulletins(files=[("b.txt", bulletin_text("Вторая встреча", sentence).encode())])

    later = Participant.objects.filter(side="counterpart").exclude(pk=participant.pk).get()
    assert later.name == "Томас Крауз"
    assert later.person == participant.person


def test_an_edit_from_an_old_version_changes_nothing_not_even_participants():
    meeting = machine_meeting()
    edit_participants(meeting, changed=[(meeting.participants.get(side="kz"), ["role"])])  # version 2
    stale = meeting.participants.get(side="counterpart")
    stale.name = "Томас Крауз"

    with pytest.raises(ReviewConflict):
        review.edit_meeting(
            meeting_id=meeting.pk,
            version=1,
            changes={"location": "Зальцбург"},
            participants=review.ParticipantEdits(changed=[(stale, ["name"])], removed=[]),
            user=UserFactory(),
        )

    meeting.refresh_from_db()
    assert (meeting.location, meeting.version) == ("", 2)
    assert meeting.participants.get(side="counterpart").name == "Томас Краус"
    assert not PersonAlias.objects.exists()


def test_an_edit_that_changes_nothing_writes_nothing():
    meeting = machine_meeting()
    history = meeting.history.count()

    kept = review.edit_meeting(
        meeting_id=meeting.pk,
        version=1,
        changes={},
        participants=review.ParticipantEdits(),
        user=UserFactory(),
    )

    assert (kept.version, kept.edited, meeting.history.count()) == (1, False, history)


def test_only_the_reviewers_fields_can_be_edited():
    meeting = machine_meeting()

    with pytest.raises(ValueError, match="review_state"):
        review.edit_meeting(
            meeting_id=meeting.pk,
            version=1,
            changes={"review_state": "approved"},
            participants=review.ParticipantEdits(),
            user=UserFactory(),
        )

    meeting.refresh_from_db()
    assert not meeting.is_published


def test_added_participants_follow_the_machines_and_removed_ones_leave_history():
    meeting = machine_meeting()
    removed = meeting.participants.get(side="counterpart")
    removed_id = removed.pk

    edited = edit_participants(
        meeting, added=[Participant(side="counterpart", name="Анна Бергер")], removed=[removed]
    )

    added = edited.participants.get(name="Анна Бергер")
    assert added.order > max(p.order for p in edited.participants.exclude(pk=added.pk))
    assert added.person is not None and added.person.name == "Анна Бергер"
    assert Participant.history.filter(id=removed_id, history_type="-").exists()
    assert (edited.version, edited.edited) == (2, True)
