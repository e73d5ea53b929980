"""The one set of meeting filters: public pages, the API and every CSV export use it."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from meetings.models import Kind, Meeting, ReviewState, Side


class MeetingFilter(django_filters.FilterSet):
    """Date range (the bulletin's date), counterpart country, Kazakh official, kind, text search.

    ``review_state`` is honoured only on querysets a caller already allowed it on (staff); the
    public and analysts' querysets hold approved meetings only, whatever it says.
    """

    date_from = django_filters.DateFilter(field_name="bulletin__date", lookup_expr="gte", label=_("с даты"))
    date_to = django_filters.DateFilter(field_name="bulletin__date", lookup_expr="lte", label=_("по дату"))
    country = django_filters.CharFilter(method="filter_country", label=_("страна другой стороны"))
    person = django_filters.NumberFilter(method="filter_person", label=_("официальное лицо (id)"))
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("вид"))
    q = django_filters.CharFilter(method="filter_text", label=_("поиск"))
    review_state = django_filters.ChoiceFilter(choices=ReviewState.choices, label=_("проверка"))

    class Meta:
        model = Meeting
        fields = ["date_from", "date_to", "country", "person", "kind", "q", "review_state"]

    def filter_country(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        matching = Meeting.objects.filter(
            participants__side=Side.COUNTERPART, participants__country__iexact=value.strip()
        )
        return queryset.filter(pk__in=matching.values("pk"))

    def filter_person(self, queryset: QuerySet[Meeting], name: str, value: int) -> QuerySet[Meeting]:
        return queryset.filter(pk__in=Meeting.objects.filter(participants__person_id=value).values("pk"))

    def filter_text(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        words = value.split()
        for word in words:
            matching = Meeting.objects.filter(
                Q(participants__name__icontains=word)
                | Q(participants__organization__icontains=word)
                | Q(participants__position__icontains=word)
                | Q(location__icontains=word)
                | Q(bulletin__title__icontains=word)
            )
            queryset = queryset.filter(pk__in=matching.values("pk"))
        return queryset
