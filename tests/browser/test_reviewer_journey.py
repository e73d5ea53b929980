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
    expect(page.locator("#shortcut-hint")).to_contain_text("a — сохранить и одобрить")

    name_input = page.locator("input[name^=participants-][name$=-name]").and_(
        page.locator(f"[value='{counterpart.name}']")
    )
    name_input.fill("Тимо Муцунский")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text(re.compile("сохранен|изменен", re.IGNORECASE))
    expect(page.locator(".participant-card .help", has_text=f"машина: {counterpart.name}")).to_be_visible()
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
    page.fill("input[name=participants-0-name]", "Ерлан Сарыбаев")  # a missed meeting names someone
    page.select_option("select[name=participants-0-side]", "kz")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text(re.compile("добавлен", re.IGNORECASE))

    added = Meeting.objects.get(origin="reviewer")
    assert (added.bulletin, added.kind, added.review_state) == (bulletin, "phone_call", ReviewState.PENDING)
    assert (
        bulletin.text[added.evidence_start : added.evidence_end]
        == bulletin.text[found.evidence_start : found.evidence_end]
    )


def in_viewport(page, selector: str) -> bool:
    """Whether the element is wholly inside the window as it is now (no page scrolling)."""
    return page.locator(selector).first.evaluate(
        """e => { const r = e.getBoundingClientRect();
                  return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }"""
    )


def evidence_in_its_box(page) -> bool:
    """Whether the evidence's first line shows inside the scrolled bulletin box."""
    return page.evaluate(
        """() => { const text = document.querySelector("#bulletin-text");
                   const box = text.getBoundingClientRect();
                   const mark = text.querySelector("mark.evidence").getBoundingClientRect();
                   return mark.top >= box.top && mark.top + 10 <= box.bottom; }"""
    )


def test_reviewer_corrects_a_name_and_a_topic_approves_with_one_key_and_undoes_it(
    page, live_server, artifacts_dir, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.store_bulletins(files=[(SEED.name, SEED.read_bytes())])
    meeting = Meeting.objects.order_by("bulletin__date", "id").last()  # its evidence is far into the text
    assert meeting.evidence_start > 1000
    counterpart = meeting.participants.filter(side=Side.COUNTERPART).first()
    reviewer = UserFactory(groups=["Reviewers"])
    log_in(page, live_server, reviewer.username)
    url = f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/change/"

    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(url)
    # One screen: the evidence scrolled into view beside the decision and the fields to correct.
    assert evidence_in_its_box(page)
    for selector in ("#approve-button", "#id_kind", "#id_topics", "input[name$=-name]"):
        assert in_viewport(page, selector), selector
    page.screenshot(path=str(artifacts_dir / "review_screen_1366x768.png"))

    page.locator("body").press("e")
    expect(page.locator("#id_kind")).to_be_focused()
    page.keyboard.press("Escape")
    page.locator("input[name$=-name]").and_(page.locator(f"[value='{counterpart.name}']")).fill(
        "Имя Исправленное"
    )
    page.locator(".topics-inputs input").last.fill("водные ресурсы")
    expect(page.locator(".topics-inputs input")).to_have_count(len(meeting.topics) + 2)  # a new empty one
    page.keyboard.press("Escape")  # out of the field: the keys act again
    page.keyboard.press("a")  # saves what was typed and approves, in one step
    expect(page.locator(".messagelist")).to_contain_text("одобрена")

    meeting.refresh_from_db()
    counterpart.refresh_from_db()
    assert meeting.review_state == ReviewState.APPROVED
    assert counterpart.name == "Имя Исправленное"
    assert meeting.topics[-1] == "водные ресурсы"

    page.locator("#undo-button").click()
    expect(page.locator(".messagelist")).to_contain_text("снова на проверке")
    expect(page).to_have_url(re.compile(rf"/admin/meetings/meeting/{meeting.pk}/change/$"))
    meeting.refresh_from_db()
    assert (meeting.review_state, meeting.reviewed_by) == (ReviewState.PENDING, None)
    assert meeting.history.first().history_user == reviewer

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert evidence_in_its_box(page)
    assert in_viewport(page, "#approve-button")
    page.screenshot(path=str(artifacts_dir / "review_screen_390x844.png"))
