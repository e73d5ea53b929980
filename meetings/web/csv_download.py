"""The CSV download of meetings, mounted by the API's URLconf: ``/api/meetings/export.csv``."""

from __future__ import annotations

import json

from django.http import JsonResponse, StreamingHttpResponse
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from meetings import export
from meetings.errors import ExportFilterError
from meetings.filters import MeetingFilter


class CSVRenderer(BaseRenderer):
    """Lets a client ask for ``text/csv``; the view streams the file itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return json.dumps(data, ensure_ascii=False).encode("utf-8")


class MeetingExportView(APIView):
    """Published meetings as CSV for anyone; reviewers may also ask for other review states.

    A DRF view, so the API's authentication (session or token), throttling and schema apply to the
    heaviest download as to every other endpoint. Query parameters are
    :class:`meetings.filters.MeetingFilter`'s, plus ``bom=1`` for Excel.
    """

    renderer_classes = [CSVRenderer, JSONRenderer]

    @extend_schema(
        summary="Встречи в CSV",
        description=(
            "Одна строка на пару (официальное лицо Казахстана × собеседник); фильтры как у списка встреч."
        ),
        parameters=[
            *(
                OpenApiParameter(name, str, description=str(field.label))
                for name, field in MeetingFilter.base_filters.items()
            ),
            OpenApiParameter("bom", str, description="1 — с меткой порядка байтов для Excel"),
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.STR,
            (400, "application/json"): OpenApiTypes.OBJECT,
        },
    )
    def get(self, request: Request):
        try:
            meetings = export.exportable_meetings(params=request.query_params, user=request.user)
        except ExportFilterError as error:
            return JsonResponse({"errors": error.errors}, status=400)
        return csv_response(meetings, params=request.query_params)


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
    return [path("meetings/export.csv", MeetingExportView.as_view(), name="meetings-export-csv")]
