"""The one set of meeting filters: public pages, the API and every CSV export use it."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from meetings.models import Kind, Meeting, Participant, Person, ReviewState
from newsdesk import search
from newsdesk.models import Bulletin

# What the text search looks in on SQLite: the participants, people's Latin names, the place, the
# bulletin's title (on PostgreSQL, the meeting's search document holds the same: migration 0009).
PARTICIPANT_SEARCHED = ("name", "organization", "position", "country")
LATIN_SEARCHED = ("name_latin",)
MEETING_SEARCHED = ("location",)
BULLETIN_SEARCHED = ("title",)

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


class MeetingFilterForm(forms.Form):
    """The filter's form: a date range that ends before it starts is an error, not an empty list."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("«По дату» раньше, чем «с даты»."))
        return cleaned


class MeetingFilter(django_filters.FilterSet):
    """Date range (the bulletin's date), counterpart country, Kazakh official, kind, text search.

    ``review_state`` is honoured only on querysets a caller already allowed it on (staff); the
    public and analysts' querysets hold approved meetings only, whatever it says.
    """

    date_from = django_filters.DateFilter(field_name="bulletin_date", lookup_expr="gte", label=_("с даты"))
    date_to = django_filters.DateFilter(field_name="bulletin_date", lookup_expr="lte", label=_("по дату"))
    country = django_filters.CharFilter(method="filter_country", label=_("страна другой стороны"))
    person = IdFilter(method="filter_person", label=_("официальное лицо (id)"))
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("вид"))
    q = django_filters.CharFilter(method="filter_text", label=_("поиск"))
    review_state = django_filters.ChoiceFilter(choices=ReviewState.choices, label=_("проверка"))

    class Meta:
        model = Meeting
        form = MeetingFilterForm
        fields = ["date_from", "date_to", "country", "person", "kind", "q", "review_state"]

    def filter_country(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        return queryset.filter(pk__in=Participant.objects.from_country(value).values("meeting_id"))

    def filter_person(self, queryset: QuerySet[Meeting], name: str, value: int) -> QuerySet[Meeting]:
        return queryset.filter(pk__in=Participant.objects.filter(person_id=value).values("meeting_id"))

    def filter_text(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        return text_search(queryset, value)


def text_search(queryset: QuerySet[Meeting], value: str) -> QuerySet[Meeting]:
    """Meetings where every typed word starts a word of a participant's name, organisation,
    position or country, of a person's Latin name, of the place or of the bulletin's title: on PostgreSQL in
    the meeting's own indexed document (``Meeting.search_document``), on SQLite as substrings."""
    for word in search.words(value):
        if search.full_text():
            found = Q(search_document=search.prefix_query(word)) | Q(
                search_document=search.prefix_query(word, config=search.SIMPLE)
            )
        else:
            found = substring_match(word)
        queryset = queryset.filter(found | search.stop_word(word))
    return queryset


def substring_match(word: str) -> Q:
    """``word`` anywhere in what the search reads, in any case (SQLite: no full-text index)."""
    participants = search.matching(Participant.objects.all(), PARTICIPANT_SEARCHED, word)
    people = search.matching(Person.objects.all(), LATIN_SEARCHED, word)
    places = search.matching(Meeting.objects.all(), MEETING_SEARCHED, word)
    titles = search.matching(Bulletin.objects.all(), BULLETIN_SEARCHED, word)
    return (
        Q(pk__in=participants.values("meeting_id"))
        | Q(pk__in=Participant.objects.filter(person__in=people.values("pk")).values("meeting_id"))
        | Q(pk__in=places.values("pk"))
        | Q(bulletin__in=titles.values("pk"))
    )
