"""Read-only API viewsets: each one asks one selector for what the user's role may read."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.pagination import CursorPagination

from meetings import queries
from meetings.access import is_newsroom_staff
from meetings.api import serializers
from meetings.api.permissions import IsNewsroomStaff
from meetings.filters import MeetingFilter
from meetings.models import Meeting, Person
from newsdesk.models import Bulletin


class NewsdeskCursorPagination(CursorPagination):
    """Cursor pages of 50 (``?page_size=`` up to 200); each viewset sets its own total ordering."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class MeetingPagination(NewsdeskCursorPagination):
    # CursorPagination refuses lookups across relations ("-bulletin__date"): the selector
    # annotates the bulletin's date as ``bulletin_date``; "-id" breaks ties, so the order is total.
    ordering = ("-bulletin_date", "-id")


class PersonPagination(NewsdeskCursorPagination):
    ordering = ("name", "id")


class BulletinPagination(NewsdeskCursorPagination):
    ordering = ("-date", "-id")


@extend_schema_view(
    list=extend_schema(
        summary="Встречи",
        description=(
            "Опубликованные (одобренные) встречи, новые бюллетени первыми. Редакторы, рецензенты "
            "и администраторы видят также встречи на проверке и отклонённые и могут фильтровать по "
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
        return queries.meetings_for_api(include_unpublished=is_newsroom_staff(self.request.user))


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
        return queries.people_for_api(include_unpublished=is_newsroom_staff(self.request.user))


@extend_schema_view(
    list=extend_schema(summary="Бюллетени", description="Только редакторы, рецензенты и администраторы."),
    retrieve=extend_schema(summary="Бюллетень с текстом"),
)
class BulletinViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsNewsroomStaff]
    filterset_fields = ["state"]
    pagination_class = BulletinPagination
    queryset = Bulletin.objects.none()

    def get_queryset(self) -> QuerySet[Bulletin]:
        return queries.bulletins_for_api(with_text=self.action == "retrieve")

    def get_serializer_class(self) -> type[serializers.BulletinSerializer]:
        if self.action == "retrieve":
            return serializers.BulletinDetailSerializer
        return serializers.BulletinSerializer
