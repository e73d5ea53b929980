"""The public list's filter form: :class:`MeetingFilter` with widgets for visitors."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from meetings.filters import MeetingFilter
from meetings.models import Meeting
from meetings.selectors.publication import published_countries, published_meetings, published_officials


class PublicMeetingFilter(MeetingFilter):
    """:class:`MeetingFilter` for anonymous visitors: selects of published choices, no review state.

    The filtering itself is MeetingFilter's; only the widgets change (the country and official
    selects list published data only). ``review_state`` is dropped: the queryset is published
    meetings already and a visitor's parameter must never change that.
    """

    def __init__(
        self, data: QueryDict | dict[str, str] | None = None, queryset: QuerySet[Meeting] | None = None
    ):
        super().__init__(data=data, queryset=queryset)
        del self.filters["review_state"]
        everything = [("", _("все"))]
        self.filters["country"].extra["widget"] = forms.Select(
            choices=everything + [(c, c) for c in published_countries()]
        )
        officials = [(str(pk), name) for pk, name in published_officials()]
        self.filters["person"].extra["widget"] = forms.Select(choices=[*everything, *officials])
        self.filters["person"].label = _("официальное лицо Казахстана")
        self.filters["kind"].extra["empty_label"] = _("все")
        for name in ("date_from", "date_to"):
            self.filters[name].extra["widget"] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        for public_filter in self.filters.values():
            # A form field built before (drf-spectacular builds MeetingFilter's to write the API
            # schema, and the filters here are copies of those) would keep the default widgets and
            # «---------»: drop it, so it is built from the settings above.
            public_filter.__dict__.pop("_field", None)


def filtered_meetings(params: QueryDict | dict[str, str]) -> PublicMeetingFilter:
    """The public list's filters bound to ``params``, over published meetings only (``.qs``)."""
    return PublicMeetingFilter(data=params or None, queryset=published_meetings())
