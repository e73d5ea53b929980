"""Long lists count at most COUNT_CAP rows: the admin and the public list stay cheap on a big archive."""

from __future__ import annotations

import pytest

from meetings.models import Meeting
from newsdesk import paging
from newsdesk.paging import CappedCountPaginator
from tests.factories import BulletinFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 3)


def test_the_count_is_exact_up_to_the_cap_and_stops_there(small_cap):
    bulletin = BulletinFactory()
    MeetingFactory.create_batch(3, bulletin=bulletin)
    exact = CappedCountPaginator(Meeting.objects.order_by("id"), 2)
    assert (exact.count, exact.capped, exact.num_pages) == (3, False, 2)

    MeetingFactory.create_batch(2, bulletin=bulletin)
    capped = CappedCountPaginator(Meeting.objects.order_by("id"), 2)
    assert (capped.count, capped.capped, capped.num_pages) == (3, True, 2)


def test_the_admin_list_and_the_public_list_say_more_than_the_cap(client, small_cap):
    bulletin = BulletinFactory()
    MeetingFactory.create_batch(5, bulletin=bulletin, review_state="approved")
    client.force_login(UserFactory(is_superuser=True))

    admin_page = client.get("/admin/meetings/meeting/").content.decode()
    public_page = client.get("/").content.decode()

    assert "более 3 встреч" in admin_page
    assert "Найдено более 3 встреч" in public_page
