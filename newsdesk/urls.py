from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("meetings.api.urls")),
    path("", include("meetings.web.urls")),
]
