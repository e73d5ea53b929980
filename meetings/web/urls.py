"""Public pages, mounted at the site root."""

from urllib.parse import unquote

from django.urls import path, register_converter

from meetings.web import views

app_name = "public"


class CountryNameConverter:
    """Any stored country spelling as one path segment, there and back unchanged.

    ``reverse()`` percent-encodes a value but leaves "/" as it is, and the server decodes the path
    before routing, so "Тринидад/Тобаго" would split into two segments (``<str:>`` cannot even
    build its link). "%" and "/" are escaped here first ("%2F" arrives as "%2F" and is unescaped
    in ``to_python``), and so is a leading ".", so that "." and ".." never become dot-segments a
    browser resolves away. Every other character is left to ``reverse()``. A name typed by hand
    with a plain "/" (or "%2F", which arrives as "/") still matches: the pattern takes any text.
    """

    regex = "(?s:.+)"

    def to_python(self, value: str) -> str:
        return unquote(value)

    def to_url(self, value: str) -> str:
        escaped = value.replace("%", "%25").replace("/", "%2F")
        return "%2E" + escaped[1:] if escaped.startswith(".") else escaped


register_converter(CountryNameConverter, "country")

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("people/<int:person_id>/", views.person_detail, name="person_detail"),
    path("countries/", views.countries_index, name="countries_index"),
    path("countries/<country:name>/", views.country_detail, name="country_detail"),
    path("officials/", views.officials_index, name="officials_index"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/world.svg", views.world_map_svg, name="world_map"),
    path("dashboard/<slug:name>.csv", views.chart_csv, name="chart_csv"),
]
