"""Public pages, mounted at the site root."""

from django.urls import path

from meetings import views

app_name = "public"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("people/<int:person_id>/", views.person_detail, name="person_detail"),
    path("countries/<str:name>/", views.country_detail, name="country_detail"),
]
