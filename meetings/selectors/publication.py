"""Selectors of the public pages: only approved (published) meetings, their people and countries.

Every read here starts from :func:`meetings.selectors.queue.published_meetings`, so nothing pending or
rejected can reach an anonymous visitor: not a row, a count, a filter choice, a person or a country.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from meetings.models import Meeting, Participant, Person, Side, published
from meetings.selectors import charts, directory
from meetings.selectors.cached import CHOICES_TTL, cached, forget, peek, store
from meetings.selectors.directory import Official
from meetings.selectors.queue import published_meetings

COUNTRIES_KEY, OFFICIALS_KEY = "meetings:published-countries", "meetings:published-officials"
COUNTRY_COUNTS_KEY = "meetings:country-counts"
# Kept longer than the beat's refresh interval (settings.OFFICIALS_REFRESH_SECONDS, 240 s).
COUNTRY_COUNTS_TTL = 600


@dataclass
class MeetingRow:
    """A published meeting with its participants split by side, as the pages show them."""

    meeting: Meeting
    officials: list[Participant] = field(default_factory=list)
    counterparts: list[Participant] = field(default_factory=list)


def published_countries() -> list[str]:
    """Counterpart countries of published meetings, sorted, each spelling once (kept
    ``CHOICES_TTL`` seconds and recomputed by the beat: the public list's form needs them on every
    request, and they scan every participant)."""
    return cached(COUNTRIES_KEY, compute_published_countries, CHOICES_TTL)


def compute_published_countries() -> list[str]:
    return list(
        Participant.objects.published()
        .filter(side=Side.COUNTERPART)
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
        .order_by("country")
    )


def published_officials() -> list[tuple[int, str]]:
    """(id, name) of the people on the Kazakh side of at least one published meeting, by name
    (kept and recomputed as the countries)."""
    return cached(OFFICIALS_KEY, compute_published_officials, CHOICES_TTL)


def compute_published_officials() -> list[tuple[int, str]]:
    return list(
        Person.objects.filter(published(via="participations__meeting__"), participations__side=Side.KZ)
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )


def forget_lists(*, meeting_id: int | None = None) -> None:
    """What is published changed: the public lists kept a few minutes must not outlive it.

    A meeting unpublished or edited (``meeting_id`` None): every list is dropped (and computed on
    its next request), so no name of an unpublished meeting stays listed. A meeting published
    (``meeting_id``): the lists are dropped only when it brings a country or an official they do
    not hold yet (the counts catch up with the beat, within minutes)."""
    if meeting_id is not None and not brings_new_names(meeting_id):
        return
    forget(COUNTRIES_KEY, OFFICIALS_KEY, COUNTRY_COUNTS_KEY, directory.officials_key(False))


def brings_new_names(meeting_id: int) -> bool:
    countries, officials = peek(COUNTRIES_KEY), peek(OFFICIALS_KEY)
    if countries is None and officials is None:
        return False  # nothing kept: nothing to drop
    ids = {pk for pk, _ in officials or []}
    for side, country, person_id in Participant.objects.filter(meeting_id=meeting_id).values_list(
        "side", "country", "person_id"
    ):
        if side == Side.COUNTERPART and country and countries is not None and country not in countries:
            return True
        if side == Side.KZ and person_id and officials is not None and person_id not in ids:
            return True
    return False


def refresh_choices() -> None:
    """The public form's choice lists and the countries' counts, computed now (the beat's task)."""
    store(COUNTRIES_KEY, compute_published_countries(), CHOICES_TTL)
    store(OFFICIALS_KEY, compute_published_officials(), CHOICES_TTL)
    store(COUNTRY_COUNTS_KEY, compute_country_counts(), COUNTRY_COUNTS_TTL)


def meeting_rows(meetings: list[Meeting]) -> list[MeetingRow]:
    """Each meeting with its (prefetched) participants split into the Kazakh side and the other."""
    rows = []
    for meeting in meetings:
        row = MeetingRow(meeting)
        for participant in meeting.participants.all():
            (row.officials if participant.side == Side.KZ else row.counterparts).append(participant)
        rows.append(row)
    return rows


def published_meeting(meeting_id: int) -> Meeting | None:
    """The published meeting ``meeting_id`` with its bulletin and participants; None otherwise."""
    return published_meetings().filter(pk=meeting_id).first()


def person_meetings(person_id: int) -> tuple[Person, QuerySet[Meeting]] | None:
    """A person and their published meetings; None when they have none (or do not exist)."""
    meetings = published_meetings().filter(
        pk__in=Participant.objects.filter(person_id=person_id).values("meeting_id")
    )
    person = Person.objects.filter(pk=person_id).first()
    if person is None or not meetings.exists():
        return None
    return person, meetings


def country_meetings(name: str) -> tuple[str, QuerySet[Meeting]] | None:
    """A counterpart country (as published meetings spell it) and its published meetings; else None."""
    if not name.strip() or "\x00" in name:
        # No stored text holds a NUL (PostgreSQL refuses one even as a query parameter).
        return None
    meetings = published_meetings().filter(pk__in=Participant.objects.from_country(name).values("meeting_id"))
    spelling = Participant.objects.published().from_country(name).values_list("country", flat=True).first()
    if spelling is None:
        return None
    return spelling, meetings


def officials_by_posting() -> list[tuple[str, list[Official]]]:
    """Kazakh officials with published meetings, grouped by their latest posting (a country, an
    organisation; «—» for ministers and others posted at home), postings and names in order. From
    the officials list the beat keeps computed (:func:`directory.cached_officials`)."""
    groups: dict[str, list[Official]] = {}
    for official in directory.cached_officials(user=None):
        if official.published_meetings:
            groups.setdefault(official.posting or "—", []).append(official)
    return sorted(groups.items(), key=lambda group: (group[0] == "—", group[0]))


def country_counts() -> list[tuple[str, int]]:
    """(country, published meetings with a counterpart from it), busiest first (kept
    ``COUNTRY_COUNTS_TTL`` seconds and recomputed by the beat: it groups every participant)."""
    return cached(COUNTRY_COUNTS_KEY, compute_country_counts, COUNTRY_COUNTS_TTL)


def compute_country_counts() -> list[tuple[str, int]]:
    return list(charts.country_counts(Meeting.objects.published()))
