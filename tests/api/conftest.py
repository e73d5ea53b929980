"""A small newsroom for the API tests: one meeting in each review state and a user per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from meetings.models import Meeting, Person
from newsdesk.roles import ANALYSTS, EDITORS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

ROLES = {"analyst": [ANALYSTS], "editor": [EDITORS], "reviewer": [REVIEWERS]}
STAFF = ("editor", "reviewer", "superuser")
NOT_STAFF = ("anonymous", "analyst")
# Who sees unpublished meetings and their people: whoever may review (meetings.models.can_see_unpublished).
REVIEWING = ("reviewer", "superuser")
NOT_REVIEWING = ("anonymous", "analyst", "editor")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_as(db):
    """``client_as("analyst")`` is an APIClient logged in (session) as a user of that role."""

    def make(role: str) -> APIClient:
        client = APIClient()
        if role == "anonymous":
            return client
        # UserFactory makes is_staff users: the API must look at the role, not at is_staff.
        user = UserFactory(is_superuser=True) if role == "superuser" else UserFactory(groups=ROLES[role])
        client.force_login(user)
        return client

    return make


@dataclass
class Newsroom:
    approved: Meeting
    older_approved: Meeting
    pending: Meeting
    rejected: Meeting
    official: Person  # in the approved meetings
    counterpart: Person  # in the approved meeting only
    pending_only: Person  # only in the pending meeting
    rejected_only: Person  # only in the rejected meeting


def meeting_with(*, state: str, date: datetime.date, kz: Person, other: Person, country: str, **fields):
    meeting = MeetingFactory(review_state=state, bulletin=BulletinFactory(date=date), **fields)
    ParticipantFactory(
        meeting=meeting, side="kz", person=kz, name=kz.name, role="ambassador", posting=country, order=0
    )
    ParticipantFactory(
        meeting=meeting,
        side="counterpart",
        person=other,
        name=other.name,
        position="министр иностранных дел",
        organization=f"МИД ({country})",
        country=country,
        order=0,
    )
    return meeting


@pytest.fixture
def newsroom(db) -> Newsroom:
    official = PersonFactory(name="Ерлан Карин", is_kz_official=True)
    counterpart = PersonFactory(name="Анналена Бербок")
    pending_only = PersonFactory(name="Скрытый Ожидающий")
    rejected_only = PersonFactory(name="Скрытый Отклонённый")
    official.aliases.create(alias="Карин Ерлан", alias_key="карин ерлан")
    return Newsroom(
        approved=meeting_with(
            state="approved",
            date=datetime.date(2026, 2, 24),
            kz=official,
            other=counterpart,
            country="Германия",
            kind="meeting",
            location="Берлин",
            topics=["энергетика"],
        ),
        older_approved=meeting_with(
            state="approved",
            date=datetime.date(2026, 1, 15),
            kz=official,
            other=PersonFactory(name="Ван И"),
            country="Китай",
            kind="phone_call",
        ),
        pending=meeting_with(
            state="pending",
            date=datetime.date(2026, 2, 20),
            kz=official,
            other=pending_only,
            country="Франция",
        ),
        rejected=meeting_with(
            state="rejected",
            date=datetime.date(2026, 2, 21),
            kz=official,
            other=rejected_only,
            country="Италия",
        ),
        official=official,
        counterpart=counterpart,
        pending_only=pending_only,
        rejected_only=rejected_only,
    )


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]
