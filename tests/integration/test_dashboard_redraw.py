"""After a publication the dashboard shows its last drawing at once while a real worker draws the
new one (issue 14): no visitor waits seconds for a grouping of the archive on every approval."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache

from meetings.models import ReviewState
from meetings.selectors import charts
from meetings.services import review
from newsdesk.roles import REVIEWERS
from tests.conftest import missing_service
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def meeting_with(country: str, state: str):
    meeting = MeetingFactory(bulletin=BulletinFactory(date=datetime.date(2026, 4, 1)), review_state=state)
    ParticipantFactory(meeting=meeting, side="kz", name="Алмурат Турганбеков")
    ParticipantFactory(meeting=meeting, side="counterpart", name="Хуан Рамон де ла Фуэнте", country=country)
    return meeting


def test_a_publication_shows_the_last_drawing_until_the_worker_draws_the_new_one(client, worker, wait_for):
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        missing_service("the cache is not Redis: the worker and this process would not share it")
    key = charts.cache_key("world", {"date_from": "2026-04-01"}, "published")  # the bars pick from it
    cache.delete_many([key, f"{key}:redrawing"])  # the shared cache outlives earlier runs
    meeting_with("Мексика", ReviewState.APPROVED)
    pending, later = (
        meeting_with("Мексика", ReviewState.PENDING),
        meeting_with("Мексика", ReviewState.PENDING),
    )

    def countries():
        return client.get("/api/charts/countries/", {"date_from": "2026-04-01"}).json()["rows"]

    assert countries() == [{"country": "Мексика", "meetings": 1}]  # drawn now: nothing was kept

    reviewer = UserFactory(groups=[REVIEWERS])
    review.approve_meeting(meeting_id=pending.pk, reviewer=reviewer, version=pending.version)

    assert countries() == [{"country": "Мексика", "meetings": 1}]  # the last drawing, at once
    wait_for(
        lambda: countries() == [{"country": "Мексика", "meetings": 2}],
        timeout=60,
        message="the worker never drew the chart again",
    )

    review.approve_meeting(meeting_id=later.pk, reviewer=reviewer, version=later.version)
    wait_for(  # the next publication is drawn too: a finished drawing lets go of its turn
        lambda: countries() == [{"country": "Мексика", "meetings": 3}],
        timeout=60,
        message="the chart was not drawn again after a second publication",
    )


def test_a_filters_first_drawing_is_a_workers_and_the_dashboard_reloads_until_it_is_there(
    client, worker, wait_for
):
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        missing_service("the cache is not Redis: the worker and this process would not share it")
    params = {"date_from": "2026-04-01", "country": "Мексика"}
    for name in ("monthly", "world", "pairs"):
        key = charts.cache_key(name, params, "published")
        cache.delete_many([key, f"{key}:redrawing"])  # the shared cache outlives earlier runs
    meeting_with("Мексика", ReviewState.APPROVED)

    first = client.get("/dashboard/", params)

    assert first.status_code == 200
    page = first.content.decode()
    assert "строятся впервые" in page and '<meta http-equiv="refresh" content="3">' in page
    assert "<svg" not in page  # no chart yet: the worker draws them
    wait_for(
        lambda: "<svg" in client.get("/dashboard/", params).content.decode(),
        timeout=60,
        message="the worker never drew the dashboard's charts",
    )
    drawn = client.get("/dashboard/", params).content.decode()
    assert "строятся впервые" not in drawn and 'http-equiv="refresh"' not in drawn
    assert cache.get(charts.cache_key("pairs", params, "published")) is not None
