"""An analyst's journey: filter the meeting list by the counterpart's country, download it as CSV."""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from newsdesk.roles import ANALYSTS
from tests.browser.admin_login import log_in
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def approved_meeting(date: datetime.date, official: str, counterpart: str, country: str):
    meeting = MeetingFactory(bulletin=BulletinFactory(date=date), review_state="approved")
    ParticipantFactory(meeting=meeting, side="kz", name=official)
    ParticipantFactory(meeting=meeting, side="counterpart", name=counterpart, country=country, order=0)
    ParticipantFactory(
        meeting=meeting, side="counterpart", name="", organization="=ООН", country=country, order=1
    )
    return meeting


def test_analyst_filters_meetings_by_country_and_downloads_only_those_rows(page, live_server, artifacts_dir):
    usa = approved_meeting(datetime.date(2026, 2, 24), "Ержан Ашикбаев", "Марко Рубио", "США")
    approved_meeting(datetime.date(2026, 2, 25), "Мурат Нуртлеу", "Ван И", "Китай")
    analyst = UserFactory(groups=[ANALYSTS])

    log_in(page, live_server, analyst.username)

    page.goto(f"{live_server.url}/admin/meetings/meeting/")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    # The country filter is typed into: the admin's select2 asks the server for matching countries.
    page.locator(
        '#changelist-filter details[data-filter-title="страна собеседника"] .select2-selection'
    ).click()
    page.locator(".select2-search__field").fill("сш")
    page.locator(".select2-results__option", has_text="США").click()
    expect(page).to_have_url(re.compile(r"country=%D0%A1%D0%A8%D0%90|country=США"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    button = page.locator("#export-csv")
    expect(button).to_have_text("Экспорт в CSV")
    page.screenshot(path=str(artifacts_dir / "analyst_export.png"), full_page=True)

    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "meetings.csv"
    data = Path(download.path()).read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert [(r["meeting_id"], r["kz_official"], r["counterpart"]) for r in rows] == [
        (str(usa.pk), "Ержан Ашикбаев", "Марко Рубио"),
        (str(usa.pk), "Ержан Ашикбаев", ""),
    ]
    assert {r["counterpart_country"] for r in rows} == {"США"}
    assert rows[0]["kz_official_latin"] == "Erzhan Ashikbaev"
    assert rows[1]["counterpart_organization"] == "'=ООН"  # neutralised for spreadsheets
