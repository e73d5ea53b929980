"""Review: approve, reject and correct meetings; conflicts; learning aliases from corrections.

Every write goes through a save (never a bare ``update()``) so that history records who changed
what. Concurrent reviewers are kept apart by the meeting's ``version``: a write made from an old
version raises :class:`ReviewConflict` naming what the other reviewer changed.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from meetings import people
from meetings.errors import ReviewConflict
from meetings.models import Meeting, Origin, Participant, ReviewState, Side

REVIEW_FIELDS = ["review_state", "reviewed_by", "reviewed_at", "reject_reason", "version"]


def lock_meeting(*, meeting_id: int, version: int) -> Meeting:
    """Lock the meeting row for this transaction; ReviewConflict if it moved past ``version``."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if meeting.version != version:
        raise ReviewConflict(meeting_id, changes_since(meeting, version))
    return meeting


def changes_since(meeting: Meeting, version: int) -> list[str]:
    """What was changed on the meeting after ``version``, from its history, oldest first."""
    records = list(meeting.history.filter(version__gt=version).order_by("history_date", "history_id"))
    changes = []
    for record in records:
        who = record.history_user.get_username() if record.history_user else "система"
        previous = record.prev_record
        if previous is None:
            continue
        delta = record.diff_against(previous, excluded_fields=["version"])
        described = ", ".join(f"{c.field}: «{c.old}» → «{c.new}»" for c in delta.changes)
        changes.append(f"{who}, {record.history_date:%Y-%m-%d %H:%M}: {described or 'участники'}")
    return changes


def approve_meeting(*, meeting_id: int, reviewer: AbstractBaseUser, version: int) -> Meeting:
    """Approve (publish) a meeting loaded at ``version``."""
    with transaction.atomic():
        meeting = lock_meeting(meeting_id=meeting_id, version=version)
        set_review(meeting, ReviewState.APPROVED, reviewer, reason="")
    return meeting


def reject_meeting(*, meeting_id: int, reviewer: AbstractBaseUser, version: int, reason: str) -> Meeting:
    """Reject a meeting loaded at ``version``, with the reviewer's reason."""
    with transaction.atomic():
        meeting = lock_meeting(meeting_id=meeting_id, version=version)
        set_review(meeting, ReviewState.REJECTED, reviewer, reason=reason.strip())
    return meeting


def set_review(meeting: Meeting, state: str, reviewer: AbstractBaseUser, *, reason: str) -> None:
    meeting.review_state = state
    meeting.reviewed_by = reviewer
    meeting.reviewed_at = timezone.now()
    meeting.reject_reason = reason
    meeting.version += 1
    meeting._history_user = reviewer
    meeting.save(update_fields=REVIEW_FIELDS)


def record_meeting_edit(*, meeting: Meeting, reviewer: AbstractBaseUser, fields: list[str]) -> None:
    """Save a reviewer's edit of a locked meeting: marks it edited and moves its version on."""
    meeting.edited = True
    meeting.version += 1
    meeting._history_user = reviewer
    meeting.save(update_fields=sorted({*fields, "edited", "version"}))


def correct_participant(*, participant: Participant, reviewer: AbstractBaseUser) -> None:
    """Link a participant to the person its (possibly corrected) name stands for, and learn from it.

    When the reviewer changed the name the machine produced, the machine's form becomes an alias of
    the corrected person, so later extractions write the corrected name.
    """
    name = participant.name.strip()
    if not people.name_key(name):  # no name, or punctuation only: nobody to link
        participant.person = None
        return
    person = participant.person
    if person is None or people.name_key(person.name) != people.name_key(name):
        person = people.find_or_create_person(name, is_kz_official=participant.side == Side.KZ)
        participant.person = person
    machine = participant.machine_name
    if machine and people.name_key(machine) != people.name_key(name):
        people.learn_alias(person=person, alias=machine, user=reviewer)


def add_missed_meeting(*, meeting: Meeting, reviewer: AbstractBaseUser) -> Meeting:
    """Save a meeting the machine missed, built by a reviewer (unsaved ``meeting``, its bulletin set).

    It is marked ``origin=reviewer`` and pending, with a match key of its own that no re-extraction
    produces, so re-extracting the bulletin never replaces or duplicates it.
    """
    meeting.origin = Origin.REVIEWER
    meeting.review_state = ReviewState.PENDING
    meeting.match_key = f"reviewer:{uuid.uuid4().hex}"
    meeting._history_user = reviewer
    meeting.save()
    return meeting


def save_participant(*, participant: Participant, reviewer: AbstractBaseUser, name_changed: bool) -> None:
    """Save a reviewer's edit of one participant (new or existing) of a meeting they locked.

    A new or renamed participant is linked to its person first (:func:`correct_participant`, which
    learns the machine's form as an alias); history records the reviewer.
    """
    if name_changed:
        correct_participant(participant=participant, reviewer=reviewer)
    participant._history_user = reviewer
    participant.save()


def remove_participant(*, participant: Participant, reviewer: AbstractBaseUser) -> None:
    """Delete a participant a reviewer removed; history records who did."""
    participant._history_user = reviewer
    participant.delete()
