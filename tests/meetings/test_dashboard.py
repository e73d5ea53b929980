"""The dashboard (issue 14): its charts' numbers, the filter they obey, their JSON and CSV, who may
see pending meetings in them, the cache that a publication clears, and the officials' and
countries' index pages."""

from __future__ import annotations

import csv
import datetime
import io
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import ReviewState
from meetings.selectors import charts
from meetings.services import review
from meetings.web import svg
from newsdesk.roles import ANALYSTS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def meeting(day, official, counterpart, country, *, kind="meeting", state=ReviewState.APPROVED):
    held = MeetingFactory(bulletin=BulletinFactory(date=day), kind=kind, review_state=state)
    ParticipantFactory(meeting=held, side="kz", person=official, name=official.name)
    ParticipantFactory(
        meeting=held, side="counterpart", person=counterpart, name=counterpart.name, country=country
    )
    return held


@pytest.fixture
def archive():
    envoy = PersonFactory(name="Алмурат Турганбеков", is_kz_official=True)
    minister = PersonFactory(name="Ермек Кошербаев", is_kz_official=True)
    mexican = PersonFactory(name="Хуан Рамон де ла Фуэнте")
    spaniard = PersonFactory(name="Хосе Мануэль Альбарес")
    meeting(datetime.date(2026, 1, 10), envoy, mexican, "Мексика")
    meeting(datetime.date(2026, 1, 20), envoy, mexican, "Мексика", kind="phone_call")
    meeting(datetime.date(2026, 2, 5), minister, spaniard, "Испания", kind="visit")
    meeting(datetime.date(2026, 2, 6), minister, spaniard, "Испания", state=ReviewState.PENDING)
    meeting(datetime.date(2026, 2, 7), minister, spaniard, "Испания", state=ReviewState.REJECTED)
    return {"envoy": envoy, "minister": minister}


def api(client, name, **params):
    response = client.get(f"/api/charts/{name}/", params)
    assert response.status_code == 200, response.content
    return response.json()


def csv_rows(client, name, **params):
    response = client.get(f"/dashboard/{name}.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


# ---- the numbers -----------------------------------------------------------------------------------


def test_charts_count_published_meetings_by_month_kind_country_and_pair(client, archive):
    assert api(client, "monthly")["rows"] == [
        {"month": "2026-01", "kind": "meeting", "meetings": 1},
        {"month": "2026-01", "kind": "phone_call", "meetings": 1},
        {"month": "2026-02", "kind": "visit", "meetings": 1},
    ]
    assert api(client, "countries")["rows"] == [
        {"country": "Мексика", "meetings": 2},
        {"country": "Испания", "meetings": 1},
    ]
    assert api(client, "world")["rows"] == [
        {"country": "Мексика", "iso_code": "MX", "meetings": 2},
        {"country": "Испания", "iso_code": "ES", "meetings": 1},
    ]
    pairs = api(client, "pairs")["rows"]
    assert [(p["official"], p["counterpart"], p["meetings"]) for p in pairs] == [
        ("Алмурат Турганбеков", "Хуан Рамон де ла Фуэнте", 2),
        ("Ермек Кошербаев", "Хосе Мануэль Альбарес", 1),
    ]


def test_every_chart_obeys_the_lists_filter(client, archive):
    assert api(client, "countries", country="испания")["rows"] == [{"country": "Испания", "meetings": 1}]
    assert api(client, "monthly", person=archive["envoy"].pk, kind="phone_call")["rows"] == [
        {"month": "2026-01", "kind": "phone_call", "meetings": 1}
    ]
    assert api(client, "pairs", date_from="2026-02-01")["rows"][0]["official"] == "Ермек Кошербаев"
    assert api(client, "monthly", q="Турганбеков", date_to="2026-01-15")["rows"] == [
        {"month": "2026-01", "kind": "meeting", "meetings": 1}
    ]


def test_reviewers_may_add_pending_meetings_and_nobody_else(client, archive):
    spain = {"country": "Испания", "pending": "1"}
    assert api(client, "countries", **spain)["rows"] == [{"country": "Испания", "meetings": 1}]
    client.force_login(UserFactory(groups=[ANALYSTS]))
    assert api(client, "countries", **spain)["rows"] == [{"country": "Испания", "meetings": 1}]
    client.force_login(UserFactory(groups=[REVIEWERS]))
    assert api(client, "countries", **spain)["rows"] == [
        {"country": "Испания", "meetings": 2}
    ]  # never the rejected


def test_a_bad_filter_is_a_400_naming_the_field_and_an_unknown_chart_a_404(client, archive):
    response = client.get("/api/charts/monthly/", {"date_from": "вчера"})
    assert response.status_code == 400
    assert "date_from" in response.json()["errors"]
    assert client.get("/api/charts/pie/").status_code == 404
    assert client.get("/dashboard/pie.csv").status_code == 404
    bad_csv = client.get("/dashboard/monthly.csv", {"person": "x"})
    assert bad_csv.status_code == 400 and "person" in bad_csv.content.decode()


def test_each_charts_csv_holds_the_same_rows_as_its_json(client, archive):
    for name in charts.CHARTS:
        data = api(client, name, date_from="2026-01-01")
        header, *rows = csv_rows(client, name, date_from="2026-01-01")
        assert header == data["columns"]
        assert rows == [[str(row[column]) for column in data["columns"]] for row in data["rows"]]


def test_a_chart_csv_has_a_byte_order_mark_for_excel_when_asked(client, archive):
    assert client.get("/dashboard/countries.csv", {"bom": "1"}).content.startswith("\ufeffcountry,".encode())
    assert client.get("/dashboard/countries.csv").content.startswith(b"country,")


def test_a_chart_csv_never_carries_a_formula(client):
    official = PersonFactory(name="Ерлан Карин", is_kz_official=True)
    meeting(datetime.date(2026, 3, 1), official, PersonFactory(name="=HYPERLINK(1)"), "=cmd|' /C calc'!A0")
    _, row = csv_rows(client, "countries")
    assert row == ["'=cmd|' /C calc'!A0", "1"]
    assert csv_rows(client, "pairs")[1][2] == "'=HYPERLINK(1)"


# ---- the cache -------------------------------------------------------------------------------------


def test_a_chart_is_one_query_then_cached_until_a_meeting_is_published(
    client, archive, django_capture_on_commit_callbacks
):
    with CaptureQueriesContext(connection) as first:
        api(client, "countries")
    with CaptureQueriesContext(connection) as again:
        assert api(client, "countries")["rows"][1] == {"country": "Испания", "meetings": 1}
    assert len([q for q in first if "GROUP BY" in q["sql"]]) == 1
    assert not [q for q in again if "GROUP BY" in q["sql"]]

    pending = archive["minister"].participations.get(meeting__review_state=ReviewState.PENDING).meeting
    reviewer = UserFactory(groups=[REVIEWERS])
    with django_capture_on_commit_callbacks(execute=True):
        review.approve_meeting(meeting_id=pending.pk, reviewer=reviewer, version=pending.version)

    assert api(client, "countries")["rows"] == [
        {"country": "Испания", "meetings": 2},
        {"country": "Мексика", "meetings": 2},
    ]


def test_the_bars_draw_the_twenty_countries_met_most_and_the_world_chart_every_country(client):
    official = PersonFactory(name="Ерлан Карин", is_kz_official=True)
    names = ["Австрия", "Бельгия", "Болгария", "Венгрия", "Германия", "Греция", "Дания", "Ирландия",
             "Исландия", "Италия", "Латвия", "Литва", "Люксембург", "Мальта", "Нидерланды", "Норвегия",
             "Польша", "Португалия", "Румыния", "Словакия", "Словения", "Финляндия"]  # fmt: skip
    for day, country in enumerate(names, start=1):
        for _ in range(1 + (country == "Финляндия")):  # one country met twice: first of all
            meeting(datetime.date(2026, 3, day), official, PersonFactory(), country)

    world = api(client, "world")["rows"]
    bars = api(client, "countries")["rows"]
    assert len(world) == 22 and all(len(row["iso_code"]) == 2 for row in world)
    assert world[0] == {"country": "Финляндия", "iso_code": "FI", "meetings": 2}
    assert len(bars) == charts.TOP_COUNTRIES
    body = client.get("/dashboard/").content.decode()
    assert "встречавшихся чаще всех" not in body  # 22 pairs: every one drawn
    for day in range(1, 4):  # 25 pairs: the chart says it shows only the busiest
        meeting(datetime.date(2026, 4, day), official, PersonFactory(), "Австрия")
    charts.forget()
    assert "Показаны только 25 пар, встречавшихся чаще всех" in client.get("/dashboard/").content.decode()
    assert bars == [{"country": r["country"], "meetings": r["meetings"]} for r in world[:20]]


# ---- the world map ---------------------------------------------------------------------------------


def world_svg(client, **params):
    response = client.get("/dashboard/world.svg", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    return response.content.decode()


def test_the_world_map_shades_the_countries_met_and_follows_the_filter(client, archive):
    everything = world_svg(client)
    assert '<g class="mx country shade-4"><title>Мексика: 2</title>' in everything  # met most: darkest
    assert '<g class="es country shade-0"><title>Испания: 1</title>' in everything
    assert '<g class="fr country">' in everything  # not met
    assert '<g class="kz country home">' in everything
    assert '<title id="world-title">Встречи с представителями стран мира</title>' in everything

    spain = world_svg(client, country="Испания")
    assert '<g class="es country shade-' in spain and '<g class="mx country">' in spain
    client.force_login(UserFactory(groups=[REVIEWERS]))
    assert "<title>Испания: 2</title>" in world_svg(client, country="Испания", pending="1")


def test_the_world_map_is_a_self_contained_compressed_image_and_refuses_a_bad_filter(client, archive):
    response = client.get("/dashboard/world.svg", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < 400_000
    assert response["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    assert response["Cache-Control"] == f"private, max-age={charts.CHART_TTL}"
    assert "<script" not in world_svg(client) and "http://" not in world_svg(client).replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    wrong = client.get("/dashboard/world.svg", {"date_from": "завтра"})
    assert wrong.status_code == 400 and "date_from" in wrong.content.decode()


def test_a_country_the_map_cannot_place_is_named_beside_it(client, archive):
    official = PersonFactory(name="Ерлан Карин", is_kz_official=True)
    meeting(datetime.date(2026, 3, 1), official, PersonFactory(), "Атлантида")
    meeting(datetime.date(2026, 3, 2), official, PersonFactory(), "Косово")  # XK: no outline on this map

    body = client.get("/dashboard/").content.decode()
    assert "Нет на карте:" in body
    assert f'<a href="/countries/{quote("Атлантида")}/">Атлантида</a> (1)' in body
    assert f'<a href="/countries/{quote("Косово")}/">Косово</a> (1)' in body
    assert {"country": "Атлантида", "iso_code": "", "meetings": 1} in api(client, "world")["rows"]


# ---- the page --------------------------------------------------------------------------------------


def test_the_dashboard_draws_each_chart_with_a_title_a_text_alternative_and_a_table(client, archive):
    body = client.get("/dashboard/").content.decode()

    for name in charts.DASHBOARD:
        assert f'id="chart-{name}"' in body
        assert f'href="/api/charts/{name}/?format=json"' in body and f'href="/dashboard/{name}.csv?"' in body
    for name in ("monthly", "countries", "pairs"):  # drawn in the page; the map is an image with alt
        assert f'aria-labelledby="{name}-title {name}-desc"' in body
    assert '<img class="world-map" src="/dashboard/world.svg?"' in body and 'alt="Карта мира:' in body
    assert '<ul class="legend map-legend">' in body and "встреч не было</li>" in body
    assert body.count('<details class="chart-table">') == 4
    assert "<title>2026-01: встреча — 1</title>" in body
    assert f'href="/countries/{quote("Мексика")}/"' in body
    assert "2026-02-06" not in body  # the pending meeting is nobody's business here


def test_the_dashboard_changes_with_its_filter_and_says_when_nothing_matches(client, archive):
    mexico = client.get("/dashboard/", {"country": "Мексика"}).content.decode()
    assert "Хуан Рамон де ла Фуэнте" in mexico and "Хосе Мануэль Альбарес" not in mexico
    nothing = client.get("/dashboard/", {"date_from": "2030-01-01"}).content.decode()
    assert nothing.count("Нет встреч по этому фильтру.") == 2  # the months, who met whom
    assert nothing.count("не указана страна другой стороны") == 2  # the bars, the map
    wrong = client.get("/dashboard/", {"date_from": "завтра"}).content.decode()
    assert "Исправьте фильтр" in wrong


def test_only_reviewers_see_the_pending_switch(client, archive):
    assert 'name="pending"' not in client.get("/dashboard/").content.decode()
    client.force_login(UserFactory(groups=[REVIEWERS]))
    assert 'name="pending"' in client.get("/dashboard/").content.decode()


# ---- the index pages -------------------------------------------------------------------------------


def test_the_officials_index_groups_published_officials_by_their_latest_posting(client, archive):
    archive["envoy"].participations.update(posting="Мексика", role="ambassador")
    PersonFactory(name="Никем Не Встреченный", is_kz_official=True)

    body = client.get("/officials/").content.decode()

    assert "<h2>Мексика</h2>" in body
    assert f'href="/people/{archive["envoy"].pk}/"' in body and "посол" in body
    assert "Ермек Кошербаев" in body
    assert "Никем Не Встреченный" not in body


def test_the_countries_index_counts_published_meetings(client, archive):
    body = client.get("/countries/").content.decode()
    assert f'<a href="/countries/{quote("Мексика")}/">Мексика</a> (2)' in body
    assert f'<a href="/countries/{quote("Испания")}/">Испания</a> (1)' in body


# ---- the geometry ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "top"), [(1, 1), (3, 3), (7, 8), (27, 30), (37, 40), (100, 100), (101, 150), (170, 200)]
)
def test_an_axis_ends_on_a_round_number(value, top):
    assert svg.nice_top(value) == top


def test_a_long_span_is_drawn_by_year_and_bars_stack_to_their_total():
    rows = [(f"{2016 + m // 12}-{m % 12 + 1:02d}", "meeting", 1) for m in range(60)] + [
        ("2016-01", "visit", 2)
    ]
    picture = svg.stacked_periods(rows, {"meeting": "встреча", "visit": "визит"})
    assert picture.by_year
    first_year = [bar for bar in picture.bars if bar.label.startswith("2016")]
    assert [bar.value for bar in first_year] == [12, 2]
    assert first_year[1].y + first_year[1].height == pytest.approx(first_year[0].y)  # stacked


def test_bars_are_as_long_as_their_share_of_the_largest():
    bars = svg.horizontal_bars([("Мексика", 4), ("Испания", 1)]).bars
    assert bars[0].width == pytest.approx(4 * bars[1].width)


@pytest.mark.parametrize(
    ("top", "values"),
    [
        (1, [0, 1]),
        (2, [0, 1, 2]),
        (3, [0, 1, 2, 3]),
        (20, [0, 5, 10, 15, 20]),
        (30, [0, 10, 20, 30]),
        (25, [0, 5, 10, 15, 20, 25]),
        (150, [0, 50, 100, 150]),
    ],
)
def test_axis_ticks_are_whole_numbers(top, values):
    assert svg.axis_values(top) == values


# ---- an official's timeline ------------------------------------------------------------------------


def test_an_officials_page_draws_their_postings_and_meetings_month_by_month(client, archive):
    envoy = archive["envoy"]
    envoy.participations.filter(meeting__bulletin__date__day=10).update(posting="Мексика")
    envoy.participations.filter(meeting__bulletin__date__day=20).update(posting="Куба")

    body = client.get(f"/people/{envoy.pk}/").content.decode()

    assert 'id="chart-postings"' in body and 'aria-labelledby="postings-title postings-desc"' in body
    assert 'Мексика <span class="muted">(2026-01 — 2026-01)</span>' in body
    assert "<title>2026-01: Куба — 1</title>" in body
    assert f'href="/api/charts/postings/?person={envoy.pk}&amp;format=json"' in body
    assert api(client, "postings", person=envoy.pk)["rows"] == [
        {"month": "2026-01", "posting": "Куба", "meetings": 1},
        {"month": "2026-01", "posting": "Мексика", "meetings": 1},
    ]


def test_an_official_of_many_postings_is_drawn_with_the_seven_busiest_and_the_others_together():
    rows = [("2026-01", f"Страна {n}", 10 - n) for n in range(10)] + [("2026-02", "Страна 9", 1)]
    shown = svg.busiest_postings(rows, other="другие")

    assert {posting for _, posting, _ in shown} == {*(f"Страна {n}" for n in range(7)), "другие"}
    assert ("2026-01", "другие", 3 + 2 + 1) in shown and ("2026-02", "другие", 1) in shown
    assert sum(count for *_, count in shown) == sum(count for *_, count in rows)
    assert svg.busiest_postings(rows[:8], other="другие") == rows[:8]  # eight fit: nothing merged


def test_a_counterparts_page_has_no_timeline(client, archive):
    counterpart = archive["envoy"].participations.first().meeting.participants.get(side="counterpart").person
    assert 'id="chart-postings"' not in client.get(f"/people/{counterpart.pk}/").content.decode()


def test_an_unpublished_meeting_leaves_the_public_lists_at_once_and_a_new_country_enters_them(
    client, archive, django_capture_on_commit_callbacks
):
    assert "Испания</a> (1)" in client.get("/countries/").content.decode()  # now kept for minutes
    spain = archive["minister"].participations.get(meeting__kind="visit").meeting
    reviewer = UserFactory(groups=[REVIEWERS])

    with django_capture_on_commit_callbacks(execute=True):
        review.reopen_meeting(meeting_id=spain.pk, reviewer=reviewer, version=spain.version)

    assert "Испания" not in client.get("/countries/").content.decode()
    assert ">Испания<" not in client.get("/").content.decode()  # nor in the list's country choices
    spain.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        review.approve_meeting(meeting_id=spain.pk, reviewer=reviewer, version=spain.version)
    assert "Испания</a> (1)" in client.get("/countries/").content.decode()


def test_months_without_meetings_are_gaps_on_the_axis():
    picture = svg.stacked_periods([("2025-11", "meeting", 2), ("2026-02", "visit", 1)], {})
    assert [tick.label for tick in picture.x_ticks] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert [bar.label for bar in picture.bars] == ["2025-11: meeting — 2", "2026-02: visit — 1"]


def test_a_date_range_that_ends_before_it_starts_is_an_error_everywhere(client, archive):
    reversed_range = {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    assert "date_to" in client.get("/api/charts/monthly/", reversed_range).json()["errors"]
    assert client.get("/api/meetings/", reversed_range).status_code == 400
    assert "раньше, чем «с даты»" in client.get("/dashboard/", reversed_range).content.decode()


def test_a_filters_first_drawing_is_asked_of_a_worker_and_the_page_reloads_until_it_is_there(archive):
    from meetings import tasks
    from meetings.selectors.cached import peek

    params = {"country": "Мексика"}
    # A worker's drawing, sent as a site with a broker sends it (eager here: it runs at once).
    later = tasks.redraw_chart.delay

    filterset, asked = charts.drawn(None, params, later=later, wait=False)

    # Nothing was drawn for this filter: each chart was asked of the worker, none given to the page
    # (the world chart, asked for the bars drawn from it, was there by its own turn).
    assert "monthly" not in asked and "pairs" not in asked and "countries" not in asked
    key = charts.cache_key("world", charts.filter_key(filterset), "published")
    assert peek(charts.redrawing_key(key)) is None  # the drawing finished and let go of its turn
    _, drawn = charts.drawn(None, params, later=later, wait=False)
    assert drawn is not None
    assert drawn["countries"] == [("Мексика", 2)]
    assert sorted(drawn) == sorted(charts.DASHBOARD)


def test_a_page_draws_the_charts_itself_when_the_worker_asked_has_not_drawn_them_in_time(archive):
    import time

    from meetings.selectors.cached import claim

    params = {"country": "Мексика"}
    filterset = charts.MeetingFilter(params, queryset=charts.chartable("published"))
    assert filterset.is_valid()
    for name in ("monthly", "world", "pairs"):
        key = charts.cache_key(name, charts.filter_key(filterset), "published")
        asked = time.time() - charts.FIRST_DRAWING_PATIENCE_SECONDS - 1  # no worker took the queue
        assert claim(charts.redrawing_key(key), charts.REDRAW_LOCK_SECONDS, value=asked)

    def nobody(*args):
        raise AssertionError("the drawing was asked already: not again")

    _, rows = charts.drawn(None, params, later=nobody, wait=False)

    assert rows is not None
    assert rows["countries"] == [("Мексика", 2)]
