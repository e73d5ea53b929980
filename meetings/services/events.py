"""One event, counted once: meetings that several bulletins report are linked to the first report.

Agencies report a meeting twice (a short item the day it happens, the full report a day or two
later), and counting each report would count the meeting twice. Two meetings of different bulletins
are one event when the same Kazakh officials met the same counterparts (the same people, once
names are resolved to persons) within ``SAME_EVENT_DAYS`` days. The same people a week apart have
met again. A reviewer may split a report off its event or join a meeting to another's event.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth.models import User
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from meetings.models import Meeting, Participant, ReviewState, Side
from meetings.selectors import charts
from meetings.services.review import record_as

SAME_EVENT_DAYS = 3
MAX_GAP = datetime.timedelta(days=SAME_EVENT_DAYS)

People = tuple[frozenset[int], frozenset[int]]  # (Kazakh side, counterparts): person ids


def same_event(one: People, other: People, days_apart: int) -> bool:
    """The same people on both sides, both sides known, within ``SAME_EVENT_DAYS`` days."""
    return all(one) and one == other and abs(days_apart) <= SAME_EVENT_DAYS


def people_by_meeting(rows) -> dict[int, People]:
    """(meeting id, side, person id) rows as each meeting's people by side."""
    sides: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for meeting_id, side, person_id in rows:
        sides[meeting_id][0 if side == Side.KZ else 1].add(person_id)
    return {pk: (frozenset(kz), frozenset(others)) for pk, (kz, others) in sides.items()}


def link_new_meetings(meetings: list[Meeting]) -> int:
    """Link each of a bulletin's new ``meetings`` to the first report of the same event in another
    bulletin, if there is one; returns how many were linked. Two queries (the new meetings' people;
    the nearby meetings with theirs), and two more when any was linked (the update, its history)."""
    if not meetings:
        return 0
    people = Participant.objects.filter(person__isnull=False)
    new_people = people_by_meeting(
        people.filter(meeting__in=meetings).values_list("meeting_id", "side", "person_id")
    )
    officials = {person for kz, _ in new_people.values() for person in kz}
    day = meetings[0].bulletin_date
    nearby = (
        Meeting.objects.exclude(review_state=ReviewState.REJECTED)
        .exclude(bulletin_id=meetings[0].bulletin_id)
        .filter(
            bulletin_date__range=(day - MAX_GAP, day + MAX_GAP),
            participants__person_id__in=officials,
            participants__side=Side.KZ,
        )
        .values("pk")
    )
    rows = list(
        people.filter(meeting__in=nearby)
        .order_by("meeting__bulletin_date", "meeting_id")
        .values_list("meeting_id", "side", "person_id", "meeting__bulletin_date", "meeting__same_event_as_id")
    )
    known = people_by_meeting(row[:3] for row in rows)
    # Oldest first: each nearby meeting's date and the event it reports.
    events = {meeting_id: (date, head or meeting_id) for meeting_id, _, _, date, head in rows}
    linked = []
    for meeting in meetings:
        mine = new_people.get(meeting.pk, (frozenset(), frozenset()))
        first = next(
            (event for pk, (date, event) in events.items() if same_event(mine, known[pk], (date - day).days)),
            None,
        )
        if first is not None:
            meeting.same_event_as_id = first
            linked.append(meeting)
    if linked:  # one UPDATE and one insert of history rows, however many were linked
        bulk_update_with_history(linked, Meeting, ["same_event_as"])
    return len(linked)


def split_event(*, meeting_id: int, user: User) -> Meeting:
    """Make ``meeting_id`` an event of its own (a reviewer found it another meeting). Should it be
    the first report, the next one becomes the first of the others."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
        reports = list(meeting.reports.order_by("bulletin_date", "pk"))
        if reports:
            head, *rest = reports
            move(head, None, user)
            for report in rest:
                move(report, head.pk, user)
        move(meeting, None, user)
        transaction.on_commit(charts.forget)
    return meeting


def join_event(*, meeting_id: int, other_id: int, user: User) -> Meeting:
    """Count ``meeting_id`` as the event ``other_id`` reports (with its own reports, if any).
    ValueError when the other meeting does not exist or is the same one."""
    if meeting_id == other_id:
        raise ValueError("a meeting is its own event already")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
        other = Meeting.objects.filter(pk=other_id).first()
        if other is None:
            raise ValueError(f"no meeting {other_id}")
        head = other.same_event_as_id or other.pk
        if head == meeting.pk:  # the other one reports this meeting's event already
            return meeting
        for report in meeting.reports.all():
            move(report, head, user)
        move(meeting, head, user)
        transaction.on_commit(charts.forget)
    return meeting


def move(meeting: Meeting, head: int | None, user: User) -> None:
    meeting.same_event_as_id = head
    record_as(meeting, user)
    meeting.save(update_fields=["same_event_as"])
