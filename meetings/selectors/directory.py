"""Selectors for the people pages: Kazakhstan's officials ("Послы") and one person's postings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery

from meetings.models import Meeting, Participant, Person, Role, Side, published

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
    published_meetings: int  # distinct approved meetings

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
    they took part in) and their aliases."""
    visible = Meeting.objects.visible_to(user).values("pk")
    return (
        Person.objects.visible_to(user)
        .annotate(
            meetings_count=Count(
                "participations__meeting", filter=Q(participations__meeting__in=visible), distinct=True
            )
        )
        .prefetch_related("aliases")
        .order_by("name", "pk")  # Meta.ordering does not apply to a query that aggregates
    )


def officials(*, user) -> list[Official]:
    """Kazakh officials by name, in one query, as ``user`` may see them (published meetings only for
    anyone who may not review).

    The latest role, posting and position come from their most recent kz-side participation (by
    bulletin date, then meeting id) in a meeting that was not rejected: a rejected record is one
    the reviewers found wrong. First and last seen span the bulletin dates of all their meetings.
    """
    visible = Meeting.objects.visible_to(user).values("pk")
    seen = Q(participations__meeting__in=visible)
    latest = (
        Participant.objects.not_rejected()
        .filter(person=OuterRef("pk"), side=Side.KZ, meeting__in=visible)
        .order_by("-meeting__bulletin__date", "-meeting_id", "-id")
    )
    rows = (
        Person.objects.visible_to(user)
        .filter(is_kz_official=True)
        .annotate(
            latest_role=Subquery(latest.values("role")[:1]),
            latest_posting=Subquery(latest.values("posting")[:1]),
            latest_position=Subquery(latest.values("position")[:1]),
            first_seen=Min("participations__meeting__bulletin__date", filter=seen),
            last_seen=Max("participations__meeting__bulletin__date", filter=seen),
            published_meetings=Count(
                "participations__meeting",
                filter=published(via="participations__meeting__"),
                distinct=True,
            ),
        )
        .order_by("name", "pk")
    )
    return [
        Official(
            person_id=row.pk,
            name=row.name,
            name_latin=row.name_latin,
            role=row.latest_role or "",
            posting=row.latest_posting or "",
            position=row.latest_position or "",
            first_seen=row.first_seen,
            last_seen=row.last_seen,
            published_meetings=row.published_meetings,
        )
        for row in rows
    ]


def person_postings(*, person_id: int, user) -> list[Posting]:
    """A person's kz-side participations in meetings ``user`` may see, newest first (bulletin date,
    then meeting id), one query."""
    rows = (
        Participant.objects.filter(
            person_id=person_id, side=Side.KZ, meeting__in=Meeting.objects.visible_to(user).values("pk")
        )
        .order_by("-meeting__bulletin__date", "-meeting_id", "-id")
        .values_list(
            "meeting_id", "meeting__bulletin__date", "meeting__review_state", "role", "posting", "position"
        )
    )
    return [Posting(*row) for row in rows]
