"""A reviewer's journey in a real browser: queue, highlights, inline correction, approve, reject."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, PersonAlias, ReviewState, Side
from newsdesk import services
from tests.browser.admin_login import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).resolve().parents[2] / "samples" / "000_seed.txt"


def test_reviewer_corrects_and_approves_one_meeting_then_rejects_the_next(
    page, live_server, artifacts_dir, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.store_bulletins(files=[(SEED.name, SEED.read_bytes())])
    first, second = Meeting.objects.order_by("bulletin__date", "id")[:2]
    counterpart = first.participants.filter(side=Side.COUNTERPART).first()
    reviewer = UserFactory(groups=["Reviewers"])
    log_in(page, live_server, reviewer.username)

    page.goto(f"{live_server.url}/admin/meetings/meeting/")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(Meeting.objects.count())
    expect(rows.first).to_contain_text(counterpart.name)
    rows.first.locator("th a, td a").first.click()
    expect(page).to_have_url(re.compile(rf"/admin/meetings/meeting/{first.pk}/change/$"))

    expect(page.locator("#bulletin-text mark.kz").first).to_be_visible()
    expect(page.locator("#bulletin-text mark.counterpart").first).to_be_visible()
    expect(page.locator("#bulletin-text mark.counterpart", has_text=counterpart.name).first).to_be_visible()
    expect(page.locator("#shortcut-hint")).to_contain_text("a — одобрить")

    name_input = page.locator("input[name^=participants-][name$=-name]").and_(
        page.locator(f"[value='{counterpart.name}']")
    )
    name_input.fill("Тимо Муцунский")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("изменен")
    expect(page.locator("table.compare tr.differs").first).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "review_page.png"), full_page=True)

    page.locator("body").press("a")  # the keyboard shortcut approves at the version shown
    expect(page).to_have_url(re.compile(rf"/admin/meetings/meeting/{second.pk}/change/$"))
    expect(page.locator(".messagelist")).to_contain_text("одобрена")

    page.locator("body").press("r")
    expect(page.locator("#reject-reason")).to_be_focused()
    page.keyboard.type("Не встреча, а перечисление")
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("отклонена")

    first.refresh_from_db()
    second.refresh_from_db()
    counterpart.refresh_from_db()
    assert (first.review_state, first.edited, first.reviewed_by) == (ReviewState.APPROVED, True, reviewer)
    assert counterpart.name == "Тимо Муцунский"
    assert PersonAlias.objects.filter(person=counterpart.person).exists()
    assert (second.review_state, second.reject_reason) == (ReviewState.REJECTED, "Не встреча, а перечисление")


def test_reviewer_adds_a_missed_meeting_by_selecting_its_text(
    page, live_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.store_bulletins(files=[(SEED.name, SEED.read_bytes())])
    found = Meeting.objects.order_by("id")[2]
    bulletin = found.bulletin
    reviewer = UserFactory(groups=["Reviewers"])
    log_in(page, live_server, reviewer.username)

    page.goto(f"{live_server.url}/admin/meetings/meeting/add/?bulletin={bulletin.pk}")
    # Select what the machine marked for its third meeting, as the mouse would, and let go.
    page.locator("#bulletin-text mark.evidence").nth(2).select_text()
    page.locator("#bulletin-text").dispatch_event("mouseup")
    expect(page.locator("#id_evidence_start")).to_have_value(str(found.evidence_start))
    expect(page.locator("#id_evidence_end")).to_have_value(str(found.evidence_end))
    page.select_option("#id_kind", "phone_call")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("добавлен")

    added = Meeting.objects.get(origin="reviewer")
    assert (added.bulletin, added.kind, added.review_state) == (bulletin, "phone_call", ReviewState.PENDING)
    assert (
        bulletin.text[added.evidence_start : added.evidence_end]
        == bulletin.text[found.evidence_start : found.evidence_end]
    )
