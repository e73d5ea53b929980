"""Public pages: published meetings for anonymous visitors. Each view asks one selector and renders."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.gzip import gzip_page

from meetings import tasks
from meetings.models import Meeting, can_see_unpublished
from meetings.selectors import charts, export, publication
from meetings.web import svg, world_map
from meetings.web.filters import PublicMeetingFilter, filtered_meetings
from meetings.web.highlight import highlight, meeting_spans
from newsdesk.paging import CappedCountPaginator

PER_PAGE = 20


def paginate(
    meetings: QuerySet[Meeting], page_number: str | None
) -> tuple[Page, list[publication.MeetingRow]]:
    """The page ``page_number`` (a bad or missing number gives the first or last) and its rows."""
    page = CappedCountPaginator(meetings, PER_PAGE).get_page(page_number)
    return page, publication.meeting_rows(list(page.object_list))


def meeting_list(request: HttpRequest) -> HttpResponse:
    """Published meetings with the filter form, search and pagination."""
    filterset = filtered_meetings(request.GET)
    page, rows = paginate(filterset.qs, request.GET.get("page"))
    return render(request, "public/meeting_list.html", {"filter": filterset, "page": page, "rows": rows})


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """One published meeting with its source bulletin highlighted; 404 unless approved."""
    meeting = publication.published_meeting(meeting_id)
    if meeting is None:
        raise Http404(_("Встреча не найдена"))
    row = publication.meeting_rows([meeting])[0]
    text = highlight(meeting.bulletin.text, meeting_spans(meeting))
    return render(request, "public/meeting_detail.html", {"row": row, "text": text})


def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's published meetings; 404 when they have none."""
    found = publication.person_meetings(person_id)
    if found is None:
        raise Http404(_("Персона не найдена"))
    person, meetings = found
    page, rows = paginate(meetings, request.GET.get("page"))
    context = {"person": person, "page": page, "rows": rows}
    if person.is_kz_official:
        context.update(timeline(person.pk))
    return render(request, "public/person_detail.html", context)


def timeline(person_id: int) -> dict:
    """An official's postings and published meetings month by month: the "postings" chart under
    the filter ``person``, as the dashboard draws its charts (its JSON and CSV alike)."""
    query = {"person": str(person_id)}
    drawn = charts.drawn(None, query, names=("postings",), later=tasks.redraw_in_background())[1]
    rows = drawn["postings"] if drawn else []
    if not rows:
        return {}
    shown = svg.busiest_postings(rows, other=str(_("другие места службы")))
    picture = svg.stacked_periods(shown, {}, series=svg.postings_series(shown))
    return {
        "timeline": {"chart": charts.CHARTS["postings"], "picture": picture, "rows": shown},
        "legend": svg.postings_legend(shown),
        "query": urlencode(query),
    }


def country_detail(request: HttpRequest, name: str) -> HttpResponse:
    """Published meetings with a counterpart from the country ``name``; 404 when there are none."""
    found = publication.country_meetings(name)
    if found is None:
        raise Http404(_("Страна не найдена"))
    country, meetings = found
    page, rows = paginate(meetings, request.GET.get("page"))
    return render(request, "public/country_detail.html", {"country": country, "page": page, "rows": rows})


def dashboard(request: HttpRequest) -> HttpResponse:
    """The charts of the meetings the list's filter selects (published; reviewers may add pending)."""
    filterset, rows = charts.drawn(
        request.user,
        request.GET,
        filter_class=PublicMeetingFilter,
        later=tasks.redraw_in_background(),
        wait=False,  # with a worker, a filter's first drawing is the worker's (the page says so)
    )
    drawing = rows is not None and set(rows) != set(charts.DASHBOARD)
    pictures = {}
    if rows is not None and not drawing:
        pictures = {
            "monthly": svg.stacked_periods(rows["monthly"], charts.KIND_LABELS),
            "countries": svg.horizontal_bars(rows["countries"]),
            "pairs": svg.network(rows["pairs"]),
            "unplaced": world_map.unplaced(rows["world"]),
            "world_legend": world_map.legend(rows["world"], **map_legend_labels()),
        }
    return render(
        request,
        "public/dashboard.html",
        {
            "filter": filterset,
            "rows": rows or {},
            "pictures": pictures,
            "charts": charts.CHARTS,
            "kind_labels": charts.KIND_LABELS,
            "top_pairs": charts.TOP_PAIRS,
            "query": request.GET.urlencode(),
            "may_include_pending": can_see_unpublished(request.user),
            "pending": request.GET.get("pending") == "1",
            "drawing": drawing,
            "drawing_refresh": DRAWING_REFRESH_SECONDS,
        },
    )


# While a worker draws a filter's charts for the first time, the dashboard reloads itself this often.
DRAWING_REFRESH_SECONDS = 3


def chart_csv(request: HttpRequest, name: str) -> HttpResponse:
    """One chart's rows as CSV (the dashboard's filter in the query string; ``bom=1`` for Excel, as
    the meetings' export); 404 for no chart."""
    if name not in charts.CHARTS:
        raise Http404(_("Нет такой диаграммы"))
    filterset, rows = charts.drawn(
        request.user, request.GET, names=(name,), later=tasks.redraw_in_background()
    )
    if rows is None:
        return HttpResponse(filter_errors(filterset), status=400, content_type="text/plain; charset=utf-8")
    text = charts.csv_text(name, rows[name])
    if export.wants_bom(request.GET.get("bom")):
        text = export.BOM + text
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@gzip_page  # 780 KB of country outlines; about 270 KB compressed
def world_map_svg(request: HttpRequest) -> HttpResponse:
    """The dashboard's world map for its filter (the query string), as an SVG image."""
    filterset, rows = charts.drawn(
        request.user,
        request.GET,
        filter_class=PublicMeetingFilter,
        names=("world",),
        later=tasks.redraw_in_background(),
    )
    if rows is None:
        return HttpResponse(filter_errors(filterset), status=400, content_type="text/plain; charset=utf-8")
    drawing = world_map.choropleth(
        rows["world"],
        title=charts.CHARTS["world"].title,
        met_label=str(_("Стран, с представителями которых встречались")),
        caption=str(_("Встреч:")),
        **map_legend_labels(),
    )
    response = HttpResponse(drawing, content_type="image/svg+xml; charset=utf-8")
    # Opened on its own the image is a document of this site: it may style itself, nothing more.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    # As long as the charts are kept: a dashboard opened again does not fetch the map again.
    patch_cache_control(response, private=True, max_age=charts.CHART_TTL)
    return response


def map_legend_labels() -> dict[str, str]:
    return {"home_label": str(_("Казахстан")), "none_label": str(_("встреч не было"))}


def filter_errors(filterset) -> str:
    return "\n".join(f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items())


def officials_index(request: HttpRequest) -> HttpResponse:
    """Kazakh officials with published meetings, grouped by their latest posting."""
    groups = publication.officials_by_posting()
    return render(request, "public/officials_index.html", {"groups": groups})


def countries_index(request: HttpRequest) -> HttpResponse:
    """Counterpart countries of published meetings, with how many meetings each."""
    return render(request, "public/countries_index.html", {"countries": publication.country_counts()})
