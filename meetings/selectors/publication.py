"""Selectors of the public pages: only approved (published) meetings, their people and countries.

Every read here starts from :func:`meetings.selectors.queue.published_meetings`, so nothing pending or
rejected can reach an anonymous visitor: not a row, a count, a filter choice, a person or a country.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, Participant, Person, Side, published
from meetings.selectors.filters import MeetingFilter
from meetings.selectors.queue import bulletin_spans, published_meetings
from meetings.web.highlight import highlight

PER_PAGE = 20


@dataclass
class MeetingRow:
    """A published meeting with its participants split by side, as the pages show them."""

    meeting: Meeting
    officials: list[Participant] = field(default_factory=list)
    counterparts: list[Participant] = field(default_factory=list)


@dataclass
class MeetingDetail:
    """One published meeting, its participants by side and its bulletin's text highlighted."""

    row: MeetingRow
    text: SafeString


def published_countries() -> list[str]:
    """Counterpart countries of published meetings, sorted, each spelling once."""
    return list(
        Participant.objects.published()
        .filter(side=Side.COUNTERPART)
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
        .order_by("country")
    )


def published_officials() -> QuerySet[Person]:
    """People on the Kazakh side of at least one published meeting, by name."""
    return (
        Person.objects.filter(published(via="participations__meeting__"), participations__side=Side.KZ)
        .distinct()
        .order_by("name")
    )


class PublicMeetingFilter(MeetingFilter):
    """:class:`MeetingFilter` for anonymous visitors: selects of published choices, no review state.

    The filtering itself is MeetingFilter's; only the widgets change (the country and official
    selects list published data only). ``review_state`` is dropped: the queryset is published
    meetings already and a visitor's parameter must never change that.
    """

    def __init__(self, data: Mapping[str, str] | None = None, queryset: QuerySet[Meeting] | None = None):
        super().__init__(data=data, queryset=queryset)
        del self.filters["review_state"]
        everything = [("", _("все"))]
        self.filters["country"].extra["widget"] = forms.Select(
            choices=everything + [(c, c) for c in published_countries()]
        )
        self.filters["person"].extra["widget"] = forms.Select(
            choices=everything + [(p.pk, p.name) for p in published_officials()]
        )
        self.filters["person"].label = _("официальное лицо Казахстана")
        self.filters["kind"].extra["empty_label"] = _("все")
        for name in ("date_from", "date_to"):
            self.filters[name].extra["widget"] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def meeting_rows(meetings: list[Meeting]) -> list[MeetingRow]:
    """Each meeting with its (prefetched) participants split into the Kazakh side and the other."""
    rows = []
    for meeting in meetings:
        row = MeetingRow(meeting)
        for participant in meeting.participants.all():
            (row.officials if participant.side == Side.KZ else row.counterparts).append(participant)
        rows.append(row)
    return rows


def paginate(queryset: QuerySet[Meeting], page_number: str | None) -> tuple[Page, list[MeetingRow]]:
    """The page ``page_number`` (a bad or missing number gives the first or last) and its rows."""
    page = Paginator(queryset, PER_PAGE).get_page(page_number)
    return page, meeting_rows(list(page.object_list))


def filtered_meetings(params: Mapping[str, str]) -> PublicMeetingFilter:
    """The public list's filters bound to ``params``, over published meetings only (``.qs``)."""
    return PublicMeetingFilter(data=params or None, queryset=published_meetings())


def published_meeting(meeting_id: int) -> MeetingDetail:
    """The published meeting ``meeting_id`` with its highlighted bulletin; Http404 otherwise."""
    meeting = published_meetings().filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404(_("Встреча не найдена"))
    return MeetingDetail(
        meeting_rows([meeting])[0], highlight(meeting.bulletin.text, bulletin_spans(meeting))
    )


def person_meetings(person_id: int) -> tuple[Person, QuerySet[Meeting]]:
    """A person and their published meetings; Http404 when they have none (or do not exist)."""
    meetings = published_meetings().filter(
        pk__in=Meeting.objects.filter(participants__person_id=person_id).values("pk")
    )
    person = Person.objects.filter(pk=person_id).first()
    if person is None or not meetings.exists():
        raise Http404(_("Персона не найдена"))
    return person, meetings


def country_meetings(name: str) -> tuple[str, QuerySet[Meeting]]:
    """A counterpart country (as published meetings spell it) and its published meetings; else Http404."""
    if not name.strip() or "\x00" in name:
        # No stored text holds a NUL (PostgreSQL refuses one even as a query parameter).
        raise Http404(_("Страна не найдена"))
    meetings = published_meetings().filter(
        pk__in=Meeting.objects.filter(
            participants__side=Side.COUNTERPART, participants__country__iexact=name.strip()
        ).values("pk")
    )
    spelling = (
        Participant.objects.published()
        .filter(side=Side.COUNTERPART, country__iexact=name.strip())
        .values_list("country", flat=True)
        .first()
    )
    if spelling is None:
        raise Http404(_("Страна не найдена"))
    return spelling, meetings
