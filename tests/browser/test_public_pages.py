"""An anonymous visitor in a real browser: only the one approved meeting of the seed is public."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, Participant, Side
from meetings.services import review
from newsdesk import services
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).resolve().parents[2] / "samples" / "000_seed.txt"


def counterpart_names(meeting: Meeting) -> set[str]:
    return {
        p.name for p in Participant.objects.filter(meeting=meeting, side=Side.COUNTERPART).exclude(name="")
    }


def test_visitor_sees_only_the_approved_meeting_and_its_highlighted_source(page, live_server, artifacts_dir):
    services.store_bulletins(files=[(SEED.name, SEED.read_bytes())])
    meetings = list(Meeting.objects.order_by("bulletin__date", "id"))
    assert len(meetings) >= 2, "the seed bulletin should give several pending meetings"
    chosen = next(m for m in meetings if counterpart_names(m))
    shown = counterpart_names(chosen)
    hidden = set().union(*(counterpart_names(m) for m in meetings if m != chosen)) - shown
    assert hidden, "the other meetings should name other counterparts"
    reviewer = UserFactory(groups=["Reviewers"])
    review.approve_meeting(meeting_id=chosen.pk, reviewer=reviewer, version=chosen.version)

    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    rows = page.locator("tr.meeting-row")
    expect(rows).to_have_count(1)
    for name in shown:
        expect(rows.first).to_contain_text(name)
    body = page.locator("body").inner_text()
    for name in hidden:
        assert name not in body
    assert "Найдена 1 встреча" in body
    page.screenshot(path=str(artifacts_dir / "public_list.png"), full_page=True)

    rows.first.locator(f"a[href='/meetings/{chosen.pk}/']").first.click()
    expect(page).to_have_url(re.compile(rf"/meetings/{chosen.pk}/$"))
    text = page.locator(".bulletin-text")
    expect(text.locator("mark.evidence").first).to_be_visible()
    expect(text.locator("mark.counterpart").first).to_be_visible()
    highlighted = " ".join(text.locator("mark.counterpart").all_inner_texts())
    assert any(name.split()[0] in highlighted for name in shown)
    page.screenshot(path=str(artifacts_dir / "public_meeting.png"), full_page=True)

    pending = next(m for m in meetings if m != chosen)
    response = page.goto(f"{live_server.url}/meetings/{pending.pk}/")
    assert response is not None and response.status == 404

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    page.screenshot(path=str(artifacts_dir / "public_list_phone.png"), full_page=True)
