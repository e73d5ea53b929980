"""The API's addresses: /api/meetings/ (and its CSV, /api/meetings/export.csv), /api/people/,
/api/bulletins/, /api/charts/<name>/ (the dashboard's numbers), /api/schema/, /api/docs/."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter, DynamicRoute

from meetings.api import views

app_name = "api"


class ApiRouter(DefaultRouter):
    """DRF's router, except that a collection's extra actions name files: no trailing slash.

    The CSV export is the action ``MeetingViewSet.export`` at ``meetings/export.csv``, as clients
    have always called it; a ``<pk>`` never holds a dot, so it never reads as a meeting.
    """

    routes = [
        route._replace(url=r"^{prefix}/{url_path}$")
        if isinstance(route, DynamicRoute) and not route.detail
        else route
        for route in DefaultRouter.routes
    ]


# No format suffixes: "meetings/export.csv" must never read as meeting "export" in format "csv".
router = ApiRouter()
router.include_format_suffixes = False
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("people", views.PersonViewSet, basename="person")
router.register("bulletins", views.BulletinViewSet, basename="bulletin")

urlpatterns = [
    *router.urls,
    path("charts/<slug:name>/", views.ChartView.as_view(), name="chart"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # GET only: the page is a template; OPTIONS on it has no template to describe it with (a 500).
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", http_method_names=["get", "head"]),
        name="docs",
    ),
]
