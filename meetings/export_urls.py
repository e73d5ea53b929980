"""The CSV download of meetings, mounted by the API's URLconf: ``/api/meetings/export.csv``."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from meetings import export
from meetings.errors import ExportFilterError


@require_GET
def export_csv(request: HttpRequest):
    """Published meetings as CSV for anyone; reviewers may also ask for other review states.

    Query parameters are :class:`meetings.filters.MeetingFilter`'s, plus ``bom=1`` for Excel.
    """
    try:
        meetings = export.exportable_meetings(params=request.GET, user=request.user)
    except ExportFilterError as error:
        return JsonResponse({"errors": error.errors}, status=400)
    return csv_response(meetings, params=request.GET)


def csv_response(meetings, *, params) -> StreamingHttpResponse:
    """The streamed CSV download of ``meetings`` (shared by the API and the admin)."""
    response = StreamingHttpResponse(
        export.csv_bytes(meetings, bom=export.wants_bom(params.get("bom"))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{export.file_name(params)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_urlpatterns() -> list[URLPattern]:
    return [path("meetings/export.csv", export_csv, name="meetings-export-csv")]
