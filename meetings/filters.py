"""The one set of meeting filters: public pages, the API and every CSV export use it."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from meetings.models import Kind, Meeting, Participant, ReviewState, Side

# What the text search looks in: the participants, the place and the bulletin's title.
PARTICIPANT_SEARCHED = ("name", "organization", "position")
MEETING_SEARCHED = ("location", "bulletin__title")

# The largest id a BigAutoField holds, on PostgreSQL and SQLite alike.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number from 1 to ``MAX_ID``.

    Anything else is invalid (400 in the API, ignored on the public list) rather than a query with
    "1.5" or with an id the database cannot hold (an overflow: a server error).
    """

    # The stubs narrow NumberFilter.field_class to DecimalField; django-filter takes any form field.
    field_class = forms.IntegerField  # type: ignore[assignment]  # stubs too narrow (above)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class MeetingFilter(django_filters.FilterSet):
    """Date range (the bulletin's date), counterpart country, Kazakh official, kind, text search.

    ``review_state`` is honoured only on querysets a caller already allowed it on (staff); the
    public and analysts' querysets hold approved meetings only, whatever it says.
    """

    date_from = django_filters.DateFilter(field_name="bulletin__date", lookup_expr="gte", label=_("с даты"))
    date_to = django_filters.DateFilter(field_name="bulletin__date", lookup_expr="lte", label=_("по дату"))
    country = django_filters.CharFilter(method="filter_country", label=_("страна другой стороны"))
    person = IdFilter(method="filter_person", label=_("официальное лицо (id)"))
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("вид"))
    q = django_filters.CharFilter(method="filter_text", label=_("поиск"))
    review_state = django_filters.ChoiceFilter(choices=ReviewState.choices, label=_("проверка"))

    class Meta:
        model = Meeting
        fields = ["date_from", "date_to", "country", "person", "kind", "q", "review_state"]

    def filter_country(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        # UPPER on both sides rather than iexact: it folds Cyrillic on SQLite too (see meetings.apps).
        counterparts = Participant.objects.annotate(country_upper=Upper("country")).filter(
            side=Side.COUNTERPART, country_upper=value.strip().upper()
        )
        return queryset.filter(pk__in=counterparts.values("meeting_id"))

    def filter_person(self, queryset: QuerySet[Meeting], name: str, value: int) -> QuerySet[Meeting]:
        return queryset.filter(pk__in=Participant.objects.filter(person_id=value).values("meeting_id"))

    def filter_text(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        participants = Participant.objects.annotate(**{f"{f}_upper": Upper(f) for f in PARTICIPANT_SEARCHED})
        meetings = Meeting.objects.annotate(**{f"{f}_upper": Upper(f) for f in MEETING_SEARCHED})
        for word in value.upper().split():
            in_participants = participants.filter(
                any_of(Q(**{f"{f}_upper__contains": word}) for f in PARTICIPANT_SEARCHED)
            ).values("meeting_id")
            in_meeting = meetings.filter(
                any_of(Q(**{f"{f}_upper__contains": word}) for f in MEETING_SEARCHED)
            ).values("pk")
            queryset = queryset.filter(Q(pk__in=in_participants) | Q(pk__in=in_meeting))
        return queryset


def any_of(conditions) -> Q:
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined
