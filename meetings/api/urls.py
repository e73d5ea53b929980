"""The API's addresses: /api/meetings/, /api/people/, /api/bulletins/, /api/schema/, /api/docs/.

The CSV export (``/api/meetings/export.csv``, meetings/export_urls.py) is not routed here:
newsdesk/urls.py mounts ``export_urlpatterns()`` under "api/" BEFORE this module, unnamespaced.
Repeating it here would route it twice. Even in the other order the router cannot swallow it: format
suffixes are off and a ``<pk>`` never holds a dot (tests/api/test_access.py checks it).
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from meetings.api import views

app_name = "api"

# No format suffixes: "meetings/export.csv" must never read as meeting "export" in format "csv".
router = DefaultRouter()
router.include_format_suffixes = False
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("people", views.PersonViewSet, basename="person")
router.register("bulletins", views.BulletinViewSet, basename="bulletin")

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # GET only: the page is a template; OPTIONS on it has no template to describe it with (a 500).
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", http_method_names=["get", "head"]),
        name="docs",
    ),
]
