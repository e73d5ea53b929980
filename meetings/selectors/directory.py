"""Selectors for the people pages: Kazakhstan's officials ("Послы") and one person's postings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db import connection
from django.db.models import Count, Max, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from meetings.models import Participant, Person, Role, Side, can_see_unpublished, event_of, published
from meetings.selectors.cached import cached, store

# Seconds the officials list is kept: longer than the beat's refresh interval
# (settings.OFFICIALS_REFRESH_SECONDS), so a refreshed list replaces it before it expires.
OFFICIALS_TTL = 600

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

ROLE_LABELS = dict(Role.choices)


class MeetingsCount(TypedDict):
    """What :func:`people_with_meeting_counts` annotates each person with."""

    meetings_count: int


@dataclass(frozen=True, slots=True)
class Official:
    """One Kazakh official with what the bulletins last said of them."""

    person_id: int
    name: str
    name_latin: str
    role: str  # Role value of the latest kz-side participation, "" if none
    posting: str
    position: str
    first_seen: datetime.date | None  # bulletin date of their first meeting of any state
    last_seen: datetime.date | None
    published_meetings: int  # distinct events of approved meetings (a meeting reported twice: one)

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, self.role))


@dataclass(frozen=True, slots=True)
class Posting:
    """One kz-side appearance of a person: the role and posting a bulletin gave them that day."""

    meeting_id: int
    bulletin_date: datetime.date
    review_state: str
    role: str
    posting: str
    position: str

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, self.role))


def people_with_meeting_counts(*, user) -> QuerySet[WithAnnotations[Person, MeetingsCount]]:
    """The people ``user`` may see, with ``meetings_count`` (distinct meetings ``user`` may see that
    they took part in) and their aliases. The count is a subquery per listed person, so a page of
    the list counts its own rows only (a grouped count over every participation took minutes on a
    3,000,000-participant archive)."""
    counted = (
        Participant.objects.visible_to(user)
        .filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(count=Count("meeting", distinct=True))
        .values("count")
    )
    return (
        Person.objects.visible_to(user)
        .annotate(meetings_count=Coalesce(Subquery(counted), 0))
        .prefetch_related("aliases")
        .order_by("name", "pk")
    )


def cached_officials(*, user) -> list[Official]:
    """:func:`officials` as ``user``'s kind of user sees them (those who may see unpublished
    meetings, or not), as computed at most ``OFFICIALS_TTL`` seconds ago: the page groups millions
    of participations (8-10 s on a million meetings), so the beat task
    :func:`meetings.tasks.refresh_directory` computes both lists before they expire and no
    visitor waits; without a beat (the embedded default) the first visitor computes them."""
    unpublished = can_see_unpublished(user)
    return cached(officials_key(unpublished), lambda: officials(unpublished=unpublished), OFFICIALS_TTL)


def refresh_officials() -> None:
    """Compute both kinds of user's officials list now and keep each ``OFFICIALS_TTL`` seconds."""
    for unpublished in (True, False):
        store(officials_key(unpublished), officials(unpublished=unpublished), OFFICIALS_TTL)


def officials_key(unpublished: bool) -> str:
    return f"meetings:officials:{'all' if unpublished else 'published'}"


def officials(*, unpublished: bool) -> list[Official]:
    """Kazakh officials by name, from every meeting (``unpublished``: what reviewers see) or from
    published meetings only (everybody else), in three queries whatever the archive's size: the
    people, one pass grouping their participations, one for each one's latest kz-side participation.

    The latest role, posting and position come from their most recent kz-side participation (by
    bulletin date, then meeting id) in a meeting that was not rejected: a rejected record is one
    the reviewers found wrong. First and last seen span the bulletin dates of all their meetings.
    (A correlated subquery per official cost 13 s on a 100,000-bulletin archive.)
    """
    people = (Person.objects.all() if unpublished else Person.objects.published()).filter(is_kz_official=True)
    participations = Participant.objects.all() if unpublished else Participant.objects.published()
    taking_part = participations.filter(person__is_kz_official=True)
    spans: dict[int, tuple[datetime.date | None, datetime.date | None, int]] = {
        person_id: (first_seen, last_seen, count)
        for person_id, first_seen, last_seen, count in taking_part.order_by()
        .values("person_id")
        .annotate(
            first_seen=Min("meeting__bulletin_date"),
            last_seen=Max("meeting__bulletin_date"),
            published_meetings=Count(event_of("meeting__"), filter=published(via="meeting__"), distinct=True),
        )
        .values_list("person_id", "first_seen", "last_seen", "published_meetings")
    }
    latest = latest_postings(taking_part.not_rejected().filter(side=Side.KZ))
    officials = []
    for person in people.order_by("name", "pk"):
        role, posting, position = latest.get(person.pk, ("", "", ""))
        first_seen, last_seen, count = spans.get(person.pk, (None, None, 0))
        officials.append(
            Official(
                person_id=person.pk,
                name=person.name,
                name_latin=person.name_latin,
                role=role,
                posting=posting,
                position=position,
                first_seen=first_seen,
                last_seen=last_seen,
                published_meetings=count,
            )
        )
    return officials


def latest_postings(participations: QuerySet[Participant]) -> dict[int, tuple[str, str, str]]:
    """person id → (role, posting, position) of their newest participation (bulletin date, then
    meeting id, then id). PostgreSQL keeps one row per person (DISTINCT ON); elsewhere the rows
    come newest first and the first one per person is kept."""
    newest_first = participations.order_by("person_id", "-meeting__bulletin_date", "-meeting_id", "-id")
    rows = newest_first.values_list("person_id", "role", "posting", "position")
    if connection.vendor == "postgresql":
        rows = rows.distinct("person_id")
    latest: dict[int, tuple[str, str, str]] = {}
    for person_id, role, posting, position in rows.iterator(chunk_size=2000):
        latest.setdefault(person_id, (role, posting, position))
    return latest


def person_postings(*, person_id: int, user, limit: int | None = None) -> list[Posting]:
    """A person's kz-side participations in meetings ``user`` may see, newest first (bulletin date,
    then meeting id), one query; the newest ``limit`` when given."""
    rows = (
        kz_participations(person_id=person_id, user=user)
        .order_by("-meeting__bulletin_date", "-meeting_id", "-id")
        .values_list(
            "meeting_id", "meeting__bulletin_date", "meeting__review_state", "role", "posting", "position"
        )
    )
    return [Posting(*row) for row in (rows if limit is None else rows[:limit])]


def count_postings(*, person_id: int, user) -> int:
    return kz_participations(person_id=person_id, user=user).count()


def kz_participations(*, person_id: int, user) -> QuerySet[Participant]:
    return Participant.objects.visible_to(user).filter(person_id=person_id, side=Side.KZ)
