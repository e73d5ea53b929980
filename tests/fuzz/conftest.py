"""The fuzz tier: a small newsroom with awkward stored values, and a user per role.

Every test here sends requests nobody should send (generated from the API schema, or odd values
in every parameter an admin list, an admin URL or a public page takes) and asserts the one thing
that must hold for all of them: the answer is never a server error.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client

from meetings.models import Meeting
from newsdesk.models import Bulletin
from newsdesk.roles import ANALYSTS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

ANONYMOUS, ANALYST, SUPERUSER = "anonymous", "analyst", "superuser"
ROLES = (ANONYMOUS, ANALYST, SUPERUSER)

# Stored values that have broken pages before, or could: a "/" in a country, URL syntax, RTL text.
ODD_COUNTRIES = ("Тринидад/Тобаго", "100% Страна?#1", "..", "\u200fإسرائيل\u200f")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Newsroom:
    published: list[Meeting]
    pending: Meeting
    rejected: Meeting
    bulletin: Bulletin


def meeting_with(state: str, country: str, day: int) -> Meeting:
    meeting = MeetingFactory(
        review_state=state,
        bulletin=BulletinFactory(date=datetime.date(2026, 2, day)),
        location="Порт-оф-Спейн",
        topics=["торговля"],
        confidence=0.7,
    )
    official = PersonFactory(name=f"Посол Тестовый {day}", is_kz_official=True)
    counterpart = PersonFactory(name=f"Гость Тестовый {day}")
    ParticipantFactory(meeting=meeting, side="kz", person=official, name=official.name, role="ambassador")
    ParticipantFactory(
        meeting=meeting, side="counterpart", person=counterpart, name=counterpart.name, country=country
    )
    return meeting


@pytest.fixture
def newsroom(db) -> Newsroom:
    published = [meeting_with("approved", country, day) for day, country in enumerate(ODD_COUNTRIES, start=1)]
    return Newsroom(
        published=published,
        pending=meeting_with("pending", "Франция", 20),
        rejected=meeting_with("rejected", "Италия", 21),
        bulletin=published[0].bulletin,
    )


@pytest.fixture
def users(db) -> dict[str, User]:
    """An analyst (staff, reads published meetings) and a superuser."""
    return {ANALYST: UserFactory(groups=[ANALYSTS]), SUPERUSER: UserFactory(is_superuser=True)}


@pytest.fixture
def clients(users) -> dict[str, Client]:
    """A test client per role, logged in: anonymous, the analyst and the superuser."""
    made = {ANONYMOUS: Client()}
    for role, user in users.items():
        made[role] = Client()
        made[role].force_login(user)
    return made


@pytest.fixture
def wsgi_app(db) -> Iterator[object]:
    """The site's WSGI application, called in-process inside the test's transaction.

    As Django's test client does, the handler must not close the connection at the start or the
    end of a request: that would end the transaction holding the test's rows.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
