"""An analyst's dashboard in a real browser: filter by a country and an official, the charts change,
and each chart's table, JSON and CSV agree (issue 14)."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from newsdesk.roles import ANALYSTS
from tests.browser.admin_login import log_in
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def approved(day: datetime.date, official, counterpart, country: str, kind: str = "meeting") -> None:
    meeting = MeetingFactory(bulletin=BulletinFactory(date=day), review_state="approved", kind=kind)
    ParticipantFactory(meeting=meeting, side="kz", person=official, name=official.name, posting=country)
    ParticipantFactory(
        meeting=meeting, side="counterpart", person=counterpart, name=counterpart.name, country=country
    )


def table_rows(page, chart: str) -> list[list[str]]:
    figure = page.locator(f"#chart-{chart}")
    figure.locator("summary").click()
    rows = figure.locator("tbody tr")
    return [[cell.strip() for cell in row.split("\t")] for row in rows.all_inner_texts()]


def map_drawn(page, live_server) -> str:
    """The SVG the page's world map image shows (fetched as the browser did, with its cookies)."""
    source = page.locator("#chart-world img.world-map").get_attribute("src")
    return page.request.get(f"{live_server.url}{source}").text()


def test_analyst_filters_the_dashboard_and_its_numbers_agree_everywhere(page, live_server, artifacts_dir):
    envoy = PersonFactory(name="Алмурат Турганбеков", is_kz_official=True)
    minister = PersonFactory(name="Ермек Кошербаев", is_kz_official=True)
    mexican, spaniard = PersonFactory(name="Хуан Рамон де ла Фуэнте"), PersonFactory(name="Хосе Альбарес")
    approved(datetime.date(2026, 1, 10), envoy, mexican, "Мексика")
    approved(datetime.date(2026, 1, 22), envoy, mexican, "Мексика", kind="phone_call")
    approved(datetime.date(2026, 2, 5), minister, spaniard, "Испания", kind="visit")
    approved(datetime.date(2026, 3, 5), minister, mexican, "Мексика")
    log_in(page, live_server, UserFactory(groups=[ANALYSTS]).username)

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/dashboard/")
    for chart in ("monthly", "countries", "pairs"):
        expect(page.locator(f"#chart-{chart} svg[role=img]")).to_be_visible()
    expect(page.locator("#chart-countries svg text.label")).to_have_text(["Мексика", "Испания"])
    world_map = page.locator("#chart-world img.world-map")
    world_map.scroll_into_view_if_needed()  # loaded lazily
    page.wait_for_function("document.querySelector('#chart-world img').naturalWidth > 0")
    assert 'class="es country shade-' in map_drawn(page, live_server)
    page.screenshot(path=str(artifacts_dir / "dashboard_1366.png"), full_page=True)

    page.select_option("#id_country", "Мексика")
    page.select_option("#id_person", str(minister.pk))
    page.get_by_role("button", name="Показать").click()

    expect(page.locator("#chart-countries svg text.label")).to_have_text(["Мексика"])
    expect(page.locator("#chart-pairs svg text.label")).to_have_text(
        ["Ермек Кошербаев", "Хуан Рамон де ла Фуэнте (Мексика)"]
    )
    assert table_rows(page, "monthly") == [["2026-03", "встреча", "1"]]
    assert table_rows(page, "world") == [["Мексика", "MX", "1"]]
    drawn = map_drawn(page, live_server)  # the map follows the filter too
    assert '<g class="mx country shade-4"><title>Мексика: 1</title>' in drawn
    assert '<g class="es country">' in drawn
    query = page.url.split("?", 1)[1]
    data = page.request.get(f"{live_server.url}/api/charts/monthly/?{query}").json()
    assert [[r["month"], r["kind"], str(r["meetings"])] for r in data["rows"]] == [
        ["2026-03", "meeting", "1"]
    ]
    with page.expect_download() as info:
        page.locator("#chart-monthly a", has_text="CSV").click()
    saved = Path(info.value.path()).read_text(encoding="utf-8")
    assert list(csv.reader(io.StringIO(saved))) == [
        ["month", "kind", "meetings"],
        ["2026-03", "meeting", "1"],
    ]

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.locator("#chart-monthly svg")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    page.locator("#chart-world img.world-map").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('#chart-world img').naturalWidth > 0")
    assert page.locator("#chart-world img.world-map").bounding_box()["width"] <= 390  # fits, no scroll
    page.locator("#chart-world summary").click()  # a chart's table keeps its headers on a phone
    expect(page.locator("#chart-world thead th").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts_dir / "dashboard_390.png"), full_page=True)


def test_visitor_reaches_the_index_pages_from_every_page(page, live_server, artifacts_dir):
    envoy = PersonFactory(name="Алмурат Турганбеков", is_kz_official=True)
    approved(datetime.date(2026, 1, 10), envoy, PersonFactory(name="Хуан Рамон де ла Фуэнте"), "Мексика")

    page.goto(f"{live_server.url}/")
    page.locator(".site-nav a", has_text="Страны").click()
    expect(page.locator("main")).to_contain_text("Мексика (1)")
    page.locator(".site-nav a", has_text="Официальные лица").click()
    expect(page.locator("main")).to_contain_text("Алмурат Турганбеков")
    page.locator("main a", has_text="Алмурат Турганбеков").click()
    expect(page.locator("h1")).to_contain_text("Алмурат Турганбеков")
    expect(page.locator("#chart-postings svg rect")).to_have_count(1)  # the official's timeline
    expect(page.locator("#chart-postings .legend")).to_contain_text("Мексика (2026-01 — 2026-01)")
    page.screenshot(path=str(artifacts_dir / "official_timeline_1280.png"), full_page=True)
