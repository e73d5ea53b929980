"""Read-only API viewsets: each one asks one selector for what the user's role may read."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import Field, QuerySet
from django.http import JsonResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from meetings import tasks
from meetings.api import serializers
from meetings.api.permissions import CanViewBulletins
from meetings.errors import ExportFilterError
from meetings.filters import MeetingFilter
from meetings.models import Meeting, Person
from meetings.selectors import charts, queue
from meetings.selectors.export import exportable_meetings
from meetings.web.csv_download import csv_response
from newsdesk.models import Bulletin


class NewsdeskCursorPagination(CursorPagination):
    """Cursor pages of 50 (``?page_size=`` up to 200); each viewset sets its own total ordering.

    A cursor is only base64 of ``o=&r=&p=``, so a client can forge one: its position must read as
    a value of the first ordering field, or the cursor is invalid (404, as DRF answers for a cursor
    that does not decode) instead of reaching the database as a date that is none, or a NUL.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(
        self, queryset: QuerySet[Any, Any] | Sequence[Any], request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        if not isinstance(queryset, QuerySet):
            raise TypeError("cursor pagination pages a QuerySet, it orders and filters it")
        # The stubs want a view; DRF's get_ordering takes None too (it reads the view with getattr).
        ordering = self.get_ordering(request, queryset, cast(APIView, view))
        self.position_field = ordering_field(queryset, ordering[0])
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request: Request) -> Cursor | None:
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        # The stubs type the position as int; a decoded one is the text of the cursor's "p=".
        position = cast(str, cursor.position)
        try:
            if "\x00" in position:
                # No stored text holds a NUL: PostgreSQL refuses one even as a query parameter.
                raise ValidationError("NUL")
            self.position_field.to_python(position)
        except ValidationError:
            raise NotFound(self.invalid_cursor_message) from None
        return cursor


def ordering_field(queryset: QuerySet, ordering: str) -> Field:
    """The model field, or the annotation's output field, that ``ordering`` ("-name") sorts by."""
    name = ordering.lstrip("-")
    annotation = queryset.query.annotations.get(name)
    return annotation.output_field if annotation is not None else queryset.model._meta.get_field(name)


class MeetingPagination(NewsdeskCursorPagination):
    # The meeting's copy of its bulletin's date (CursorPagination refuses lookups across
    # relations); "-id" breaks ties, so the order is total.
    ordering = ("-bulletin_date", "-id")


class PersonPagination(NewsdeskCursorPagination):
    ordering = ("name", "id")


class BulletinPagination(NewsdeskCursorPagination):
    ordering = ("-date", "-id")


class CSVRenderer(BaseRenderer):
    """Lets a client ask for ``text/csv``; the export action streams the file itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return json.dumps(data, ensure_ascii=False).encode("utf-8")


@extend_schema_view(
    list=extend_schema(
        summary="Встречи",
        description=(
            "Опубликованные (одобренные) встречи, новые бюллетени первыми. Рецензенты и "
            "администраторы видят также встречи на проверке и отклонённые и могут фильтровать по "
            "`review_state`; для остальных этот фильтр применяется к одним опубликованным."
        ),
    ),
    retrieve=extend_schema(summary="Встреча"),
)
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.MeetingSerializer
    filterset_class = MeetingFilter
    pagination_class = MeetingPagination
    queryset = Meeting.objects.none()  # for the schema; get_queryset decides per user

    def get_queryset(self) -> QuerySet[Meeting]:
        return queue.meetings_for_api(user=self.request.user)

    @extend_schema(
        summary="Встречи в CSV",
        description=(
            "Одна строка на пару (официальное лицо Казахстана × собеседник); фильтры как у списка встреч."
        ),
        filters=False,
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
    @action(
        detail=False,
        url_path="export.csv",
        url_name="export",
        renderer_classes=[CSVRenderer, JSONRenderer],
        pagination_class=None,
        filter_backends=[],
    )
    def export(self, request: Request) -> StreamingHttpResponse | JsonResponse:
        """The filtered meetings the user may see, streamed as CSV (the API's throttles apply)."""
        try:
            meetings = exportable_meetings(params=request.query_params, user=request.user)
        except ExportFilterError as error:
            return JsonResponse({"errors": error.errors}, status=400)
        return csv_response(meetings, params=request.query_params)


@extend_schema_view(
    list=extend_schema(
        summary="Персоны",
        description=(
            "Люди из встреч и число опубликованных встреч с каждым. Анонимные посетители и аналитики "
            "видят только тех, кто есть хотя бы в одной опубликованной встрече."
        ),
    ),
    retrieve=extend_schema(summary="Персона"),
)
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PersonSerializer
    filterset_fields = ["is_kz_official"]
    pagination_class = PersonPagination
    queryset = Person.objects.none()

    def get_queryset(self) -> QuerySet[Person]:
        return queue.people_for_api(user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Бюллетени", description="Только редакторы, рецензенты и администраторы."),
    retrieve=extend_schema(summary="Бюллетень с текстом"),
)
class BulletinViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanViewBulletins]
    filterset_fields = ["state"]
    pagination_class = BulletinPagination
    queryset = Bulletin.objects.none()

    def get_queryset(self) -> QuerySet[Bulletin]:
        return queue.bulletins_for_api(user=self.request.user, with_text=self.action == "retrieve")

    def get_serializer_class(self) -> type[serializers.BulletinSerializer]:
        if self.action == "retrieve":
            return serializers.BulletinDetailSerializer
        return serializers.BulletinSerializer


@extend_schema(
    summary="Числа диаграммы обзора",
    description=(
        "Строки одной диаграммы обзора (`monthly`: месяц, вид, встреч; `countries`: страна, встреч — "
        "20 самых частых; `world`: страна, её код ISO 3166-1 alpha-2 (пусто, если неизвестен), "
        "встреч — все страны, числа карты мира; `pairs`: официальное лицо Казахстана, его id, "
        "собеседник, страна, встреч — 25 самых частых пар) по опубликованным встречам, отобранным "
        "теми же фильтрами, что и список встреч. Рецензенты с `pending=1` видят и встречи на "
        "проверке. Те же строки в CSV: `/dashboard/<name>.csv`."
    ),
    parameters=[
        OpenApiParameter("name", str, OpenApiParameter.PATH, enum=list(charts.CHARTS)),
        *(
            OpenApiParameter(name, str, description=str(field.label))
            for name, field in MeetingFilter.base_filters.items()
        ),
        OpenApiParameter("pending", str, description="1 — и встречи на проверке (рецензентам)"),
    ],
    responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
)
class ChartView(APIView):
    """One dashboard chart's rows as JSON: ``{"chart", "title", "columns", "rows": [{column: value}]}``."""

    def get(self, request: Request, name: str) -> Response:
        chart = charts.CHARTS.get(name)
        if chart is None:
            raise NotFound(f"no chart {name!r}; charts: {', '.join(charts.CHARTS)}")
        filterset, rows = charts.drawn(
            request.user, request.query_params, names=(name,), later=tasks.redraw_in_background()
        )
        if rows is None:
            return Response({"errors": filterset.errors}, status=400)
        return Response(
            {
                "chart": name,
                "title": chart.title,
                "columns": list(chart.columns),
                "rows": [dict(zip(chart.columns, row, strict=True)) for row in rows[name]],
            }
        )
