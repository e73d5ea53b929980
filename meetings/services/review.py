"""Review: approve, reject and correct meetings; conflicts; learning aliases from corrections.

Every write goes through a save (never a bare ``update()``) so that history records who changed
what. Concurrent reviewers are kept apart by the meeting's ``version``: a write made from an old
version raises :class:`ReviewConflict` naming what the other reviewer changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from meetings.errors import NotPublishable, ReviewConflict
from meetings.models import Meeting, Origin, Participant, Side
from meetings.selectors import charts, history, publication
from meetings.services import people

REVIEW_FIELDS = ["review_state", "reviewed_by", "reviewed_at", "reject_reason", "version"]
# What a reviewer may change on a meeting itself (participants are edited as ParticipantEdits).
EDITABLE_FIELDS = frozenset({"bulletin", "kind", "location", "topics", "evidence_start", "evidence_end"})


def record_as(instance: models.Model, user: User) -> None:
    """Make the next save or delete of ``instance`` record ``user`` in its history.

    django-simple-history reads the instance's ``_history_user`` attribute before the request's user.
    """
    setattr(instance, "_history_user", user)  # noqa: B010 - an attribute models do not declare


@dataclass
class ParticipantEdits:
    """A reviewer's changes to a meeting's participants: each edited one with the names of the
    fields changed, the new ones (unsaved) and the removed ones."""

    changed: list[tuple[Participant, list[str]]] = field(default_factory=list)
    added: list[Participant] = field(default_factory=list)
    removed: list[Participant] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)


def edit_meeting(
    *,
    meeting_id: int,
    version: int,
    changes: dict[str, Any],
    participants: ParticipantEdits,
    user: User,
) -> Meeting:
    """Apply a reviewer's corrections to a meeting they loaded at ``version``, all or nothing.

    Locks the meeting (ReviewConflict, naming the other reviewer's changes, if it moved past
    ``version``), sets ``changes`` (fields of ``EDITABLE_FIELDS``), marks it edited and moves its
    version on; saves, adds and removes participants, linking renamed ones to their person and
    learning the machine's form as an alias. History records ``user`` on every row. Nothing
    changed, nothing written: the meeting is returned as it is.
    """
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        meeting = lock_meeting(meeting_id=meeting_id, version=version)
        if not changes and not participants:
            return meeting
        for name, value in changes.items():
            setattr(meeting, name, value)
        _record_meeting_edit(meeting=meeting, reviewer=user, fields=list(changes))
        # Counted before removals: a new participant never takes a removed one's place (the review
        # page pairs participants with the machine's entries by side and position).
        last = max((p.order for p in meeting.participants.all()), default=-1)
        for participant in participants.removed:
            _remove_participant(participant=participant, reviewer=user)
        for participant, fields in participants.changed:
            participant.meeting = meeting
            changed_who = "name" in fields or "side" in fields
            _save_participant(participant=participant, reviewer=user, name_changed=changed_who)
        for offset, participant in enumerate(participants.added, start=1):
            # After every existing one, so the machine's entries keep their positions.
            participant.meeting = meeting
            participant.order = last + offset
            _save_participant(participant=participant, reviewer=user, name_changed=True)
        if meeting.is_published:
            transaction.on_commit(published_changed)
    return meeting


def check_version(*, meeting_id: int, version: int) -> None:
    """ReviewConflict if the meeting moved past ``version`` (a read, no lock: for form validation;
    the write itself checks again under the lock)."""
    current = Meeting.objects.filter(pk=meeting_id).values_list("version", flat=True).first()
    if current is not None and current != version:
        meeting = Meeting.objects.get(pk=meeting_id)
        raise ReviewConflict(meeting_id, changes_since(meeting, version))


def lock_meeting(*, meeting_id: int, version: int) -> Meeting:
    """Lock the meeting row for this transaction; ReviewConflict if it moved past ``version``."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if meeting.version != version:
        raise ReviewConflict(meeting_id, changes_since(meeting, version))
    return meeting


def changes_since(meeting: Meeting, version: int) -> list[str]:
    """What was changed on the meeting after ``version``, from its history, oldest first: who, when
    (local time) and what, as reviewers read it («Анна Ревизорова, 01.12.2026 22:04: вид: визит →
    встреча»; ``selectors.history``)."""
    records = meeting.history.filter(version__gt=version).select_related("history_user")
    entries = history.history_entries(records.order_by("history_date", "history_id"))
    return [entry.summary() for entry in entries if entry.record.history_type != "+"]


def approve_meeting(*, meeting_id: int, reviewer: User, version: int) -> Meeting:
    """Approve (publish) a meeting loaded at ``version``; NotPublishable when it has no participant."""
    with transaction.atomic():
        meeting = lock_meeting(meeting_id=meeting_id, version=version)
        if not meeting.participants.exists():
            raise NotPublishable(meeting_id)
        set_review(meeting, reviewer, approve=True)
    return meeting


def reject_meeting(*, meeting_id: int, reviewer: User, version: int, reason: str) -> Meeting:
    """Reject a meeting loaded at ``version``, with the reviewer's reason."""
    with transaction.atomic():
        meeting = lock_meeting(meeting_id=meeting_id, version=version)
        set_review(meeting, reviewer, approve=False, reason=reason.strip())
    return meeting


def reopen_meeting(*, meeting_id: int, reviewer: User, version: int) -> Meeting:
    """Send a decided meeting back to the queue (undoing an approval unpublishes it); recorded in
    history as the reviewer's change. A pending meeting is left as it is."""
    with transaction.atomic():
        meeting = lock_meeting(meeting_id=meeting_id, version=version)
        if meeting.is_pending:
            return meeting  # already in the queue: nothing to undo, nothing recorded
        meeting.reopen()
        meeting.version += 1
        record_as(meeting, reviewer)
        meeting.save(update_fields=REVIEW_FIELDS)
        transaction.on_commit(published_changed)  # an approval undone unpublishes it
    return meeting


def restore_meeting(*, meeting_id: int, history_id: int, version: int, user: User) -> Meeting:
    """Bring back the meeting as it was in its history record ``history_id``: its own fields and
    its participants as they stood then, through :func:`edit_meeting`, so the restore is itself a
    recorded change (and refused with a conflict if the meeting moved past ``version``). The review
    decision is not part of a version: a decided meeting stays decided."""
    record = Meeting.history.get(id=meeting_id, history_id=history_id)
    # A version's participants are saved just after its meeting row: they stand as they were until
    # the meeting's next record (each edit saves the meeting first, then its participants).
    following = (
        Meeting.history.filter(id=meeting_id, history_date__gt=record.history_date)
        .order_by("history_date")
        .first()
    )
    then = following.history_date - timedelta(microseconds=1) if following else timezone.now()
    changes = {name: getattr(record, name) for name in EDITABLE_FIELDS if name != "bulletin"}
    current = {p.pk: p for p in Participant.objects.filter(meeting_id=meeting_id)}
    past = {p.pk: p for p in Participant.history.as_of(then).filter(meeting_id=meeting_id)}
    edits = ParticipantEdits(removed=[p for pk, p in current.items() if pk not in past])
    for pk, old in past.items():
        values = {
            f.attname: getattr(old, f.attname) for f in Participant._meta.concrete_fields if f.attname != "id"
        }
        if pk in current:
            now = current[pk]
            changed = [name for name, value in values.items() if getattr(now, name) != value]
            if changed:
                for name in changed:
                    setattr(now, name, values[name])
                edits.changed.append((now, changed))
        else:
            edits.added.append(Participant(**values))
    meeting = Meeting.objects.get(pk=meeting_id)
    changes = {name: value for name, value in changes.items() if getattr(meeting, name) != value}
    return edit_meeting(
        meeting_id=meeting_id, version=version, changes=changes, participants=edits, user=user
    )


def set_review(meeting: Meeting, reviewer: User, *, approve: bool, reason: str = "") -> None:
    was_published = meeting.is_published
    meeting.decide(approve=approve, reviewer=reviewer, reason=reason)
    meeting.version += 1
    record_as(meeting, reviewer)
    meeting.save(update_fields=REVIEW_FIELDS)
    if was_published and not approve:
        transaction.on_commit(published_changed)
    elif approve:
        transaction.on_commit(lambda: published_changed(meeting_id=meeting.pk))


def published_changed(*, meeting_id: int | None = None) -> None:
    """Drop what the public pages keep of what is published: every chart, and the lists (all of
    them, or for a meeting just published only if it brings new names: see ``forget_lists``)."""
    charts.forget()
    publication.forget_lists(meeting_id=meeting_id)


def _record_meeting_edit(*, meeting: Meeting, reviewer: User, fields: list[str]) -> None:
    """Save a reviewer's edit of a locked meeting: marks it edited and moves its version on."""
    meeting.edited = True
    meeting.version += 1
    record_as(meeting, reviewer)
    meeting.save(update_fields=sorted({*fields, "edited", "version"}))


def _correct_participant(*, participant: Participant, reviewer: User) -> None:
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
        assert person is not None, "the name has a key (checked above)"  # noqa: S101 - narrows the type
        participant.person = person
    machine = participant.machine_name
    if machine and people.name_key(machine) != people.name_key(name):
        people.learn_alias(person=person, alias=machine, user=reviewer)


def add_missed_meeting(
    *, meeting: Meeting, reviewer: User, participants: Sequence[Participant] = ()
) -> Meeting:
    """Save a meeting the machine missed, built by a reviewer (unsaved ``meeting``, its bulletin
    set), with its ``participants`` (unsaved) in the order given.

    It is marked ``origin=reviewer`` and pending, with a match key of its own that no re-extraction
    produces, so re-extracting the bulletin never replaces or duplicates it.
    """
    with transaction.atomic():
        meeting.origin = Origin.REVIEWER
        meeting.reopen()
        meeting.match_key = f"reviewer:{uuid.uuid4().hex}"
        record_as(meeting, reviewer)
        meeting.save()
        for order, participant in enumerate(participants):
            participant.meeting = meeting
            participant.order = order
            _save_participant(participant=participant, reviewer=reviewer, name_changed=True)
    return meeting


def _save_participant(*, participant: Participant, reviewer: User, name_changed: bool) -> None:
    """Save a reviewer's edit of one participant (new or existing) of a meeting they locked.

    A new or renamed participant is linked to its person first (:func:`_correct_participant`, which
    learns the machine's form as an alias); history records the reviewer.
    """
    if name_changed:
        _correct_participant(participant=participant, reviewer=reviewer)
    record_as(participant, reviewer)
    participant.save()


def _remove_participant(*, participant: Participant, reviewer: User) -> None:
    """Delete a participant a reviewer removed; history records who did."""
    record_as(participant, reviewer)
    participant.delete()
