from django.contrib import admin
from django.urls import include, path

from meetings.export_urls import export_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    # Before the API router, so its meetings/<pk>/ never sees "export.csv".
    path("api/", include(export_urlpatterns())),
    path("api/", include("meetings.api.urls")),
    path("", include("meetings.urls")),
]
