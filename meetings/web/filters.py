"""The public list's filter form: :class:`MeetingFilter` with widgets for visitors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from meetings.filters import MeetingFilter
from meetings.models import Meeting
from meetings.selectors.publication import published_countries, published_meetings, published_officials


class LongSelect(forms.Select):
    """A select of many options (the 2,000 officials of a ten-year archive), written in one pass.

    Django writes each option through a template of its own: 14,000 template nodes and ~150 ms for
    the officials' select on every public list and dashboard page (issue 13). The same HTML is
    written here with ``format_html_join``; one value chosen, no groups (what these selects need).
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = (
            "" if value is None else str(value[0] if isinstance(value, list | tuple) and value else value)
        )
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            ((option, " selected" if str(option) == chosen else "", label) for option, label in self.choices),
        )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )


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
        countries = published_countries()
        self.filters["country"].extra["widget"] = LongSelect(choices=everything + [(c, c) for c in countries])
        self.filters["country"].extra["validators"] = [one_of_published_countries(countries)]
        officials = [(str(pk), name) for pk, name in published_officials()]
        self.filters["person"].extra["widget"] = LongSelect(choices=[*everything, *officials])
        self.filters["person"].extra["validators"] = [one_of_published_officials({pk for pk, _ in officials})]
        self.filters["person"].label = _("официальное лицо Казахстана")
        self.filters["kind"].extra["empty_label"] = _("все")
        for name in ("date_from", "date_to"):
            self.filters[name].extra["widget"] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        for public_filter in self.filters.values():
            # A form field built before (drf-spectacular builds MeetingFilter's to write the API
            # schema, and the filters here are copies of those) would keep the default widgets and
            # «---------»: drop it, so it is built from the settings above.
            public_filter.__dict__.pop("_field", None)


def one_of_published_countries(countries: list[str]) -> Callable[[str], None]:
    """A country the selects do not offer (no published meeting names it) is refused with a message,
    so the select's «все» and the list agree (the list is then not filtered by it). The message never
    repeats the value: a page must not write an unpublished country's name, even a typed one."""
    known = {country.upper() for country in countries}

    def validate(value: str) -> None:
        if value and value.strip().upper() not in known:
            raise ValidationError(_("Нет опубликованных встреч с представителями этой страны."))

    return validate


def one_of_published_officials(officials: set[str]) -> Callable[[int], None]:
    """As :func:`one_of_published_countries`, for the Kazakh official's id."""

    def validate(value: int) -> None:
        if value is not None and str(value) not in officials:
            raise ValidationError(_("У этого официального лица нет опубликованных встреч."))

    return validate


def filtered_meetings(params: QueryDict | dict[str, str]) -> PublicMeetingFilter:
    """The public list's filters bound to ``params``, over published meetings only (``.qs``)."""
    return PublicMeetingFilter(data=params or None, queryset=published_meetings())
