"""One event, counted once: meetings that several bulletins report are linked to the first report.

Agencies report a meeting twice (a short item the day it happens, the full report a day or two
later), and counting each report would count the meeting twice. Two meetings of different bulletins
are one event when the same Kazakh officials met the same counterparts (the same people, once
names are resolved to persons) within ``SAME_EVENT_DAYS`` days. The same people a week apart have
met again. A reviewer may split a report off its event or join a meeting to another's event.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from typing import NamedTuple

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
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
    """Link each of the new ``meetings`` (of one bulletin, or of a worker's batch, in the order they
    were saved) to the first report of the same event in another bulletin, if there is one: a stored
    meeting, or a new one of a bulletin saved before it in the batch, as if the bulletins had been
    saved one after the other. Returns how many were linked. Two queries (the new meetings' people;
    the nearby meetings with theirs), and two more when any was linked (the update, its history)."""
    if not meetings:
        return 0
    people = Participant.objects.filter(person__isnull=False)
    new_people = people_by_meeting(
        people.filter(meeting__in=meetings).values_list("meeting_id", "side", "person_id")
    )
    officials = {person for kz, _ in new_people.values() for person in kz}
    near_a_day = Q()
    for start, end in date_windows({meeting.bulletin_date for meeting in meetings}):
        near_a_day |= Q(bulletin_date__range=(start, end))
    nearby = (
        Meeting.objects.exclude(review_state=ReviewState.REJECTED)
        .exclude(pk__in=[meeting.pk for meeting in meetings])
        .filter(near_a_day, participants__person_id__in=officials, participants__side=Side.KZ)
        .values("pk")
    )
    rows = list(
        people.filter(meeting__in=nearby)
        .order_by("meeting__bulletin_date", "meeting_id")
        .values_list(
            "meeting_id",
            "side",
            "person_id",
            "meeting__bulletin_date",
            "meeting__same_event_as_id",
            "meeting__bulletin_id",
        )
    )
    known = people_by_meeting(row[:3] for row in rows)
    # Oldest first (by date, then id): each report's date, the event it reports, its bulletin, people.
    reports = list(
        {
            pk: Report(date, pk, head or pk, bulletin, known[pk]) for pk, _, _, date, head, bulletin in rows
        }.values()
    )
    linked = []
    for meeting in meetings:
        mine = new_people.get(meeting.pk, (frozenset(), frozenset()))
        first = next(
            (
                report.event
                for report in reports
                if report.bulletin != meeting.bulletin_id
                and same_event(mine, report.people, (report.date - meeting.bulletin_date).days)
            ),
            None,
        )
        if first is not None:
            meeting.same_event_as_id = first
            linked.append(meeting)
        # A report for the batch's later bulletins, as it would be had this one been saved alone.
        report = Report(meeting.bulletin_date, meeting.pk, first or meeting.pk, meeting.bulletin_id, mine)
        bisect.insort(reports, report, key=oldest_first)
    if linked:  # one UPDATE and one insert of history rows, however many were linked
        bulk_update_with_history(linked, Meeting, ["same_event_as"])
    return len(linked)


class Report(NamedTuple):
    date: datetime.date
    meeting: int
    event: int  # the id of the event's first report
    bulletin: int
    people: People


def oldest_first(report: Report) -> tuple[datetime.date, int]:
    return report.date, report.meeting


def date_windows(days: set[datetime.date]) -> list[tuple[datetime.date, datetime.date]]:
    """The dates within ``SAME_EVENT_DAYS`` of any of ``days``, as few ranges as cover them."""
    windows: list[tuple[datetime.date, datetime.date]] = []
    for day in sorted(days):
        start, end = day - MAX_GAP, day + MAX_GAP
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


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
