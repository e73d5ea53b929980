"""The review backlog on the admin index: its figures (one query), the panel, who sees it."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Meeting, ReviewState
from meetings.selectors.bulletins import QueueSummary, queue_summary
from meetings.templatetags.queue_tags import ru_plural
from newsdesk.roles import ANALYSTS, EDITORS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, UserFactory

INDEX_URL = "/admin/"


def created_days_ago(meeting: Meeting, days: int) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days, hours=1)
    )


@pytest.fixture
def backlog():
    """Three pending meetings in two bulletins, and decided ones. The longest-waiting (five days) is
    of the later bulletin: the earlier bulletin's meeting was found today (re-extracted, say)."""
    early = BulletinFactory(date=datetime.date(2026, 1, 15))
    late = BulletinFactory(date=datetime.date(2026, 2, 20))
    oldest = MeetingFactory(bulletin=late)
    created_days_ago(oldest, 5)
    MeetingFactory(bulletin=early)
    created_days_ago(MeetingFactory(bulletin=late), 1)
    decided = BulletinFactory(date=datetime.date(2025, 12, 1))
    created_days_ago(MeetingFactory(bulletin=decided, review_state=ReviewState.APPROVED), 30)
    created_days_ago(MeetingFactory(bulletin=decided, review_state=ReviewState.REJECTED), 40)


@pytest.mark.django_db
def test_queue_summary_counts_pending_meetings_their_bulletins_and_the_oldest_in_one_query(
    backlog, django_assert_num_queries
):
    with django_assert_num_queries(1):
        summary = queue_summary()

    assert (summary.pending, summary.bulletins) == (3, 2)
    assert summary.oldest_waiting_days == 5
    assert summary.oldest_bulletin_date == datetime.date(2026, 1, 15)


@pytest.mark.django_db
def test_an_empty_queue_has_no_oldest_meeting():
    MeetingFactory(review_state=ReviewState.APPROVED)

    assert queue_summary() == QueueSummary(
        pending=0, bulletins=0, oldest_created_at=None, oldest_waiting_days=None, oldest_bulletin_date=None
    )


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "0 дней"),
        (1, "1 день"),
        (2, "2 дня"),
        (4, "4 дня"),
        (5, "5 дней"),
        (11, "11 дней"),
        (12, "12 дней"),
        (14, "14 дней"),
        (21, "21 день"),
        (22, "22 дня"),
        (25, "25 дней"),
        (101, "101 день"),
        (111, "111 дней"),
        (112, "112 дней"),
    ],
)
def test_russian_plural_of_days(count, expected):
    assert ru_plural(count, "день,дня,дней") == expected


def panel(response) -> str | None:
    body = html.unescape(response.content.decode("utf-8"))
    if 'id="review-backlog"' not in body:
        return None
    start = body.index('id="review-backlog"')
    return body[start : body.index("</div>", start)]


def cell(section: str, cell_id: str) -> str:
    found = re.search(rf'id="{cell_id}">(.*?)</t[dh]>', section, re.DOTALL)
    assert found is not None, cell_id
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


@pytest.mark.django_db
@pytest.mark.parametrize(("days", "said"), [(1, "1 день"), (2, "2 дня"), (5, "5 дней"), (21, "21 день")])
def test_reviewer_sees_the_backlog_and_the_oldest_wait_in_russian(client, backlog, days, said):
    oldest = Meeting.objects.pending().order_by("created_at").first()
    assert oldest is not None
    created_days_ago(oldest, days)
    client.force_login(UserFactory(groups=[REVIEWERS]))

    section = panel(client.get(INDEX_URL))

    assert section is not None
    assert "Очередь проверки" in section
    assert cell(section, "backlog-pending") == "3"
    assert cell(section, "backlog-bulletins") == "2"
    assert cell(section, "backlog-oldest-bulletin") == "15 января 2026"
    assert cell(section, "backlog-oldest-wait") == f"Старейшая ждёт {said}"
    assert 'href="/admin/meetings/meeting/?review_state__exact=pending"' in section


@pytest.mark.django_db
def test_a_meeting_found_today_waits_less_than_a_day(client):
    MeetingFactory()
    client.force_login(UserFactory(groups=[REVIEWERS]))

    section = panel(client.get(INDEX_URL))

    assert section is not None
    assert cell(section, "backlog-oldest-wait") == "Старейшая ждёт меньше дня"


@pytest.mark.django_db
def test_an_empty_queue_says_so(client):
    client.force_login(UserFactory(groups=[REVIEWERS]))

    section = panel(client.get(INDEX_URL))

    assert section is not None
    assert cell(section, "backlog-pending") == "Встреч на проверке нет"


@pytest.mark.django_db
def test_the_panels_link_opens_the_queue_filtered_to_pending_meetings(client, backlog):
    client.force_login(UserFactory(groups=[REVIEWERS]))

    response = client.get("/admin/meetings/meeting/", {"review_state__exact": "pending"})

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("role", [EDITORS, ANALYSTS])
def test_editors_and_analysts_get_no_backlog_panel_and_no_query_for_it(client, backlog, role):
    client.force_login(UserFactory(groups=[role]))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(INDEX_URL)

    assert response.status_code == 200
    assert panel(response) is None
    assert "Очередь проверки" not in response.content.decode("utf-8")
    assert not any("review_state" in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_the_panel_costs_the_index_one_query(client, backlog):
    reviewer = UserFactory(groups=[REVIEWERS])
    client.force_login(reviewer)
    client.get(INDEX_URL)

    with CaptureQueriesContext(connection) as queries:
        client.get(INDEX_URL)

    assert sum("review_state" in query["sql"] for query in queries.captured_queries) == 1
