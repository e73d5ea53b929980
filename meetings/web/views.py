"""Public pages: published meetings for anonymous visitors. Each view calls one selector and renders."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from meetings.selectors import publication


def meeting_list(request: HttpRequest) -> HttpResponse:
    """Published meetings with the filter form, search and pagination."""
    filterset = publication.filtered_meetings(request.GET)
    page, rows = publication.paginate(filterset.qs, request.GET.get("page"))
    return render(request, "public/meeting_list.html", {"filter": filterset, "page": page, "rows": rows})


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """One published meeting with its source bulletin highlighted; 404 unless approved."""
    detail = publication.published_meeting(meeting_id)
    return render(request, "public/meeting_detail.html", {"row": detail.row, "text": detail.text})


def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's published meetings; 404 when they have none."""
    person, meetings = publication.person_meetings(person_id)
    page, rows = publication.paginate(meetings, request.GET.get("page"))
    return render(request, "public/person_detail.html", {"person": person, "page": page, "rows": rows})


def country_detail(request: HttpRequest, name: str) -> HttpResponse:
    """Published meetings with a counterpart from the country ``name``; 404 when there are none."""
    country, meetings = publication.country_meetings(name)
    page, rows = publication.paginate(meetings, request.GET.get("page"))
    return render(request, "public/country_detail.html", {"country": country, "page": page, "rows": rows})
