"""One event, counted once (issue 14): two bulletins reporting one meeting are linked by the
pipeline (real natasha extraction), the same people a week apart are not, and a reviewer can split
a report off or join it to another meeting's event; the dashboard, the counts and the CSV count
events."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from meetings.models import Meeting, ReviewState
from meetings.services import events, review
from newsdesk import services
from newsdesk.roles import ANALYSTS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

SUMMARY = (
    " date 2026-03-10 Новости дипломатии\n"
    "Астана. 10 марта. KAZAKHSTAN TODAY - Посол Казахстана в Мексике Алмурат Турганбеков встретился "
    "с министром иностранных дел Мексики Хуаном Рамоном де ла Фуэнте.\n"
)
REPORT = (
    " date 2026-03-11 Казахстан и Мексика обсудили торговлю\n"
    "Астана. 11 марта. KAZAKHSTAN TODAY - Посол Казахстана в Мексике Алмурат Турганбеков провел "
    "встречу с министром иностранных дел Мексики Хуаном Рамоном де ла Фуэнте. Стороны обсудили "
    "расширение торговли и прямое авиасообщение.\n"
)
WEEK_LATER = (
    " date 2026-03-18 Новости дипломатии\n"
    "Астана. 18 марта. KAZAKHSTAN TODAY - Посол Казахстана в Мексике Алмурат Турганбеков вновь "
    "встретился с министром иностранных дел Мексики Хуаном Рамоном де ла Фуэнте.\n"
)


def approved_meeting(day, official, counterpart, *, kind) -> Meeting:
    held = MeetingFactory(bulletin=BulletinFactory(date=day), kind=kind, review_state=ReviewState.APPROVED)
    ParticipantFactory(meeting=held, side="kz", person=official, name=official.name)
    ParticipantFactory(
        meeting=held, side="counterpart", person=counterpart, name=counterpart.name, country="Мексика"
    )
    return held


def ingest(*texts: str, capture) -> list[Meeting]:
    """Store bulletins and run the real extraction (Celery eager in this tier), in this order."""
    for index, text in enumerate(texts):
        with capture(execute=True):
            services.store_bulletins(files=[(f"{index}.txt", text.encode("utf-8"))])
    return list(Meeting.objects.order_by("bulletin_date", "pk"))


def publish(meetings: list[Meeting]) -> None:
    reviewer = UserFactory(groups=[REVIEWERS])
    for meeting in meetings:
        review.approve_meeting(meeting_id=meeting.pk, reviewer=reviewer, version=meeting.version)


def test_a_meeting_two_bulletins_report_is_one_event_and_a_week_later_is_another(
    client, django_capture_on_commit_callbacks
):
    summary, report, later = ingest(SUMMARY, REPORT, WEEK_LATER, capture=django_capture_on_commit_callbacks)

    assert {p.name for p in summary.participants.all()} == {p.name for p in report.participants.all()}
    assert summary.same_event_as_id is None
    assert report.same_event_as_id == summary.pk  # a day later: the same meeting
    assert later.same_event_as_id is None  # a week later: they met again

    publish([summary, report, later])
    monthly = client.get("/api/charts/monthly/").json()["rows"]
    assert sum(row["meetings"] for row in monthly) == 2
    assert client.get("/api/charts/countries/").json()["rows"] == [{"country": "Мексика", "meetings": 2}]
    client.force_login(UserFactory(groups=[ANALYSTS]))
    download = b"".join(client.get("/api/meetings/export.csv").streaming_content).decode()
    exported = list(csv.DictReader(io.StringIO(download)))
    assert [(row["meeting_id"], row["event_id"]) for row in exported] == [
        (str(summary.pk), str(summary.pk)),
        (str(report.pk), str(summary.pk)),
        (str(later.pk), str(later.pk)),
    ]


def test_a_reviewer_splits_a_report_off_and_joins_it_again(client, django_capture_on_commit_callbacks):
    summary, report, later = ingest(SUMMARY, REPORT, WEEK_LATER, capture=django_capture_on_commit_callbacks)
    client.force_login(UserFactory(groups=[REVIEWERS]))

    page = client.get(f"/admin/meetings/meeting/{report.pk}/change/").content.decode()
    assert f'href="/admin/meetings/meeting/{summary.pk}/change/">№ {summary.pk} · 2026-03-10</a>' in page
    assert 'id="split-event"' in page

    client.post(f"/admin/meetings/meeting/{report.pk}/split-event/")
    report.refresh_from_db()
    assert report.same_event_as_id is None
    assert report.history.first().history_user.groups.filter(name=REVIEWERS).exists()

    client.post(f"/admin/meetings/meeting/{later.pk}/join-event/", {"join_event": str(report.pk)})
    later.refresh_from_db()
    assert later.same_event_as_id == report.pk

    refused = client.post(
        f"/admin/meetings/meeting/{later.pk}/join-event/", {"join_event": "9" * 30}, follow=True
    )
    assert "Нет другой встречи с номером" in refused.content.decode()
    later.refresh_from_db()
    assert later.same_event_as_id == report.pk


def test_splitting_the_first_report_keeps_the_others_together(django_capture_on_commit_callbacks):
    summary, report, later = ingest(SUMMARY, REPORT, WEEK_LATER, capture=django_capture_on_commit_callbacks)
    reviewer = UserFactory(groups=[REVIEWERS])
    events.join_event(meeting_id=later.pk, other_id=report.pk, user=reviewer)  # all three: one event

    events.split_event(meeting_id=summary.pk, user=reviewer)

    states = {m.pk: m.same_event_as_id for m in Meeting.objects.all()}
    assert states == {summary.pk: None, report.pk: None, later.pk: report.pk}


def test_only_reviewers_may_split_or_join(client, django_capture_on_commit_callbacks):
    _, report, later = ingest(SUMMARY, REPORT, WEEK_LATER, capture=django_capture_on_commit_callbacks)
    client.force_login(UserFactory(groups=[ANALYSTS]))
    publish([report])
    page = client.get(f"/admin/meetings/meeting/{report.pk}/change/").content.decode()
    assert 'id="same-event"' in page and 'id="split-event"' not in page and 'name="join_event"' not in page
    assert client.post(f"/admin/meetings/meeting/{report.pk}/split-event/").status_code == 403
    assert (
        client.post(f"/admin/meetings/meeting/{later.pk}/join-event/", {"join_event": report.pk}).status_code
        == 403
    )
    report.refresh_from_db()
    assert report.same_event_as_id is not None


@pytest.mark.parametrize(
    ("one", "other", "days", "same"),
    [
        (({1}, {2}), ({1}, {2}), 3, True),
        (({1}, {2}), ({1}, {2}), 4, False),
        (({1}, {2}), ({1}, {2, 3}), 0, False),
        (({1}, set()), ({1}, set()), 0, False),  # a side unknown is no evidence of one meeting
    ],
)
def test_same_event_wants_the_same_people_on_both_sides_within_three_days(one, other, days, same):
    as_people = lambda pair: (frozenset(pair[0]), frozenset(pair[1]))  # noqa: E731
    assert events.same_event(as_people(one), as_people(other), days) is same


def test_a_rejected_report_is_never_an_events_first(django_capture_on_commit_callbacks):
    [summary] = ingest(SUMMARY, capture=django_capture_on_commit_callbacks)
    Meeting.objects.filter(pk=summary.pk).update(review_state=ReviewState.REJECTED)
    report = ingest(REPORT, capture=django_capture_on_commit_callbacks)[-1]
    assert report.same_event_as_id is None


def test_the_history_says_which_event_a_meeting_was_joined_to(django_capture_on_commit_callbacks):
    from meetings.selectors import history

    summary, _, later = ingest(SUMMARY, REPORT, WEEK_LATER, capture=django_capture_on_commit_callbacks)
    events.join_event(meeting_id=later.pk, other_id=summary.pk, user=UserFactory(groups=[REVIEWERS]))
    newest, before = later.history.order_by("-history_date", "-history_id")[:2]
    [line] = history.describe_changes(newest, before)
    assert line.startswith("та же встреча, что: — → «") and f"#{summary.pk}»" in line


def test_an_event_is_counted_once_a_month_under_its_first_reports_month_and_kind(client):
    official = PersonFactory(name="Алмурат Турганбеков", is_kz_official=True)
    mexican = PersonFactory(name="Хуан Рамон де ла Фуэнте")
    first = approved_meeting(datetime.date(2026, 1, 31), official, mexican, kind="meeting")
    second = approved_meeting(datetime.date(2026, 2, 1), official, mexican, kind="talks_multilateral")
    second.same_event_as = first
    second.save(update_fields=["same_event_as"])

    assert client.get("/api/charts/monthly/").json()["rows"] == [
        {"month": "2026-01", "kind": "meeting", "meetings": 1}
    ]
