"""Every page's SQL query count stays the same as the archive grows (issue 13).

bench/pages.py times these pages on a 200,000-bulletin archive; here each one is requested on a
small archive, the archive is made four times bigger (more bulletins, meetings, officials,
counterparts and countries, in every review state), and the page must take exactly as many
queries again. A page that loads its rows one by one (an N+1) or runs a query per filter choice
fails here long before production notices.
"""

from __future__ import annotations

import datetime
import itertools
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import ReviewState
from newsdesk.roles import ANALYSTS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

COUNTRIES = ["Испания", "Мексика", "Турция", "Египет", "Франция", "Япония", "Польша", "Индия"]
STATES = [ReviewState.APPROVED, ReviewState.APPROVED, ReviewState.PENDING, ReviewState.REJECTED]
_serial = itertools.count(1)


class Archive:
    """A growing archive: ``grow(n)`` adds n bulletins of three meetings with new and old people."""

    def __init__(self) -> None:
        self.busiest = PersonFactory(name="Алмурат Турганбеков", is_kz_official=True)
        self.officials = [self.busiest]
        self.bulletins: list = []

    def grow(self, count: int) -> None:
        for _ in range(count):
            n = next(_serial)
            bulletin = BulletinFactory(date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
            self.bulletins.append(bulletin)
            self.officials.append(PersonFactory(name=f"Официал Казахов {n}", is_kz_official=True))
            for order in range(3):
                self.meeting(bulletin, n, order)

    def meeting(self, bulletin, n: int, order: int) -> None:
        state = STATES[(n + order) % len(STATES)]
        meeting = MeetingFactory(
            bulletin=bulletin, review_state=state, location="Мехико", topics=["торговля"]
        )
        official = self.busiest if order == 0 else self.officials[(n * 3 + order) % len(self.officials)]
        country = COUNTRIES[(n + order) % len(COUNTRIES)]
        ParticipantFactory(
            meeting=meeting,
            person=official,
            name=official.name,
            side="kz",
            role="ambassador",
            posting=country,
            position=f"посол Казахстана ({country})",
        )
        for extra in range(2):
            counterpart = PersonFactory(name=f"Собеседник Иностранный {n}-{order}-{extra}")
            ParticipantFactory(
                meeting=meeting,
                person=counterpart,
                name=counterpart.name,
                side="counterpart",
                country=country,
                organization="министерство иностранных дел",
            )

    def some(self, state: str):
        return next(m for b in self.bulletins for m in b.meetings.all() if m.review_state == state)


MEETINGS = "/admin/meetings/meeting/"

# (what, who asks, the address made from the archive). The pages of bench/pages.py.
PAGES = [
    ("admin index", REVIEWERS, lambda a: "/admin/"),
    ("admin index", ANALYSTS, lambda a: "/admin/"),
    ("bulletins", REVIEWERS, lambda a: "/admin/newsdesk/bulletin/"),
    ("bulletins ?q=", REVIEWERS, lambda a: "/admin/newsdesk/bulletin/?q=" + quote("Бюллетень")),
    ("meetings", REVIEWERS, lambda a: MEETINGS),
    ("meetings", ANALYSTS, lambda a: MEETINGS),
    ("meetings ?review_state", REVIEWERS, lambda a: MEETINGS + "?review_state__exact=pending"),
    ("meetings ?kind", REVIEWERS, lambda a: MEETINGS + "?kind__exact=meeting"),
    ("meetings ?country", REVIEWERS, lambda a: MEETINGS + "?country=" + quote("Мексика")),
    ("meetings ?kz_person", REVIEWERS, lambda a: f"{MEETINGS}?kz_person={a.busiest.pk}"),
    ("meetings ?confidence_band", REVIEWERS, lambda a: MEETINGS + "?confidence_band=low"),
    ("meetings ?o=confidence", REVIEWERS, lambda a: MEETINGS + "?o=5"),
    ("meetings ?q=", REVIEWERS, lambda a: MEETINGS + "?q=" + quote("Турганбеков")),
    ("people", REVIEWERS, lambda a: "/admin/meetings/person/"),
    ("people", ANALYSTS, lambda a: "/admin/meetings/person/"),
    ("people ?q=", REVIEWERS, lambda a: "/admin/meetings/person/?q=" + quote("Собеседник")),
    ("officials page", REVIEWERS, lambda a: "/admin/meetings/person/officials/"),
    ("officials page", ANALYSTS, lambda a: "/admin/meetings/person/officials/"),
    ("quality report", REVIEWERS, lambda a: "/admin/meetings/person/quality/"),
    ("review page", REVIEWERS, lambda a: f"{MEETINGS}{a.some(ReviewState.PENDING).pk}/change/"),
    ("person change page", REVIEWERS, lambda a: f"/admin/meetings/person/{a.busiest.pk}/change/"),
    ("autocomplete countries", REVIEWERS, lambda a: MEETINGS + "countries/?term=" + quote("Ме")),
    ("autocomplete officials", REVIEWERS, lambda a: MEETINGS + "officials/?term=" + quote("Тур")),
    ("public list", None, lambda a: "/"),
    ("public list ?q=", None, lambda a: "/?q=" + quote("Турганбеков")),
    ("public country page", None, lambda a: "/countries/" + quote("Мексика") + "/"),
    ("public person page", None, lambda a: f"/people/{a.busiest.pk}/"),
    ("public meeting page", None, lambda a: f"/meetings/{a.some(ReviewState.APPROVED).pk}/"),
    ("API meetings", None, lambda a: "/api/meetings/"),
    ("API meetings ?country", None, lambda a: "/api/meetings/?country=" + quote("Мексика")),
    ("API meetings ?q=", None, lambda a: "/api/meetings/?q=" + quote("Турганбеков")),
    ("API meetings", REVIEWERS, lambda a: "/api/meetings/"),
    ("API people", None, lambda a: "/api/people/"),
    ("API bulletins", REVIEWERS, lambda a: "/api/bulletins/"),
    ("API export.csv", ANALYSTS, lambda a: "/api/meetings/export.csv"),
    ("dashboard", None, lambda a: "/dashboard/"),
    ("dashboard ?country", None, lambda a: "/dashboard/?country=" + quote("Мексика")),
    ("dashboard, pending too", REVIEWERS, lambda a: "/dashboard/?pending=1"),
    ("API chart pairs", None, lambda a: "/api/charts/pairs/"),
    ("chart CSV countries", None, lambda a: "/dashboard/countries.csv"),
    ("world map", None, lambda a: "/dashboard/world.svg"),
    ("officials index", None, lambda a: "/officials/"),
    ("countries index", None, lambda a: "/countries/"),
]


def queries_for(client, url: str) -> int:
    cache.clear()  # the five-minute caches would hide the queries on a second request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(
    ("what", "role", "address"), PAGES, ids=[f"{p[0]} ({p[1] or 'anonymous'})" for p in PAGES]
)
def test_page_query_count_does_not_grow_with_the_archive(client, what, role, address):
    archive = Archive()
    archive.grow(3)
    if role:
        client.force_login(UserFactory(groups=[role]))
    queries_for(client, address(archive))  # once for the process's own caches (content types)
    small = queries_for(client, address(archive))

    archive.grow(9)  # four times the bulletins, meetings, people and postings

    assert queries_for(client, address(archive)) == small, what
