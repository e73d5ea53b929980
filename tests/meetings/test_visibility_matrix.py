"""What each role sees of unpublished work, on every path that shows meetings or people.

One rule (``Meeting/Person.objects.visible_to``): reviewers and superusers see pending and
rejected meetings and the people found only in them; editors, analysts and anonymous visitors see
published meetings only, whichever page, API endpoint, export or report they ask. The public pages
show published meetings to everybody. Each path below is asked by every role, and the table says
for which roles the unpublished marker may appear.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from meetings.models import Meeting, Person
from newsdesk.roles import ANALYSTS, EDITORS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS, SUPERUSER = "anonymous", "superuser"
ROLES = (ANONYMOUS, EDITORS, REVIEWERS, ANALYSTS, SUPERUSER)
MAY_SEE_UNPUBLISHED = frozenset({REVIEWERS, SUPERUSER})
NOBODY: frozenset[str] = frozenset()

HIDDEN_COUNTERPART = "Скрытников Тайный"  # a person found only in a pending meeting
HIDDEN_OFFICIAL = "Закрытова Айгерим"  # a Kazakh official found only in a pending meeting
REJECT_REASON = "Причина-отказа-7731"


@dataclass
class World:
    published: Meeting
    pending: Meeting
    rejected: Meeting
    hidden_person: Person


@dataclass(frozen=True)
class Path:
    url: Callable[[World], str]
    shows_unpublished: frozenset[str]  # roles for whom the response may reveal unpublished work
    reveals: Callable[[object], bool]  # does this response reveal it?


def mentions(*markers: str) -> Callable[[object], bool]:
    def reveals(response) -> bool:
        if response.status_code != 200:
            return False
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return any(marker in body.decode("utf-8", "replace") for marker in markers)

    return reveals


def answers(response) -> bool:
    return response.status_code == 200


PATHS: dict[str, Path] = {
    "admin meeting list": Path(
        lambda w: "/admin/meetings/meeting/", MAY_SEE_UNPUBLISHED, mentions(HIDDEN_COUNTERPART)
    ),
    "admin pending meeting page": Path(
        lambda w: f"/admin/meetings/meeting/{w.pending.pk}/change/", MAY_SEE_UNPUBLISHED, answers
    ),
    "admin rejected meeting history": Path(
        lambda w: f"/admin/meetings/meeting/{w.rejected.pk}/history/", MAY_SEE_UNPUBLISHED, answers
    ),
    "admin next link on a published meeting": Path(
        lambda w: f"/admin/meetings/meeting/{w.published.pk}/change/",
        MAY_SEE_UNPUBLISHED,
        lambda r: answers(r) and bool(r.context.get("next_meeting")),
    ),
    "admin person list": Path(
        lambda w: "/admin/meetings/person/", MAY_SEE_UNPUBLISHED, mentions(HIDDEN_COUNTERPART)
    ),
    "admin hidden person page": Path(
        lambda w: f"/admin/meetings/person/{w.hidden_person.pk}/change/", MAY_SEE_UNPUBLISHED, answers
    ),
    "admin officials page": Path(
        lambda w: "/admin/meetings/person/officials/", MAY_SEE_UNPUBLISHED, mentions(HIDDEN_OFFICIAL)
    ),
    "admin person autocomplete": Path(
        lambda w: (
            "/admin/autocomplete/?app_label=meetings&model_name=participant&field_name=person&term=Скрыт"
        ),
        MAY_SEE_UNPUBLISHED,
        lambda r: answers(r) and HIDDEN_COUNTERPART in {item["text"] for item in r.json()["results"]},
    ),
    "admin country filter values": Path(
        lambda w: "/admin/meetings/meeting/countries/?term=Атлан",
        MAY_SEE_UNPUBLISHED,
        lambda r: answers(r) and "Атлантида" in {item["id"] for item in r.json()["results"]},
    ),
    "admin official filter values": Path(
        lambda w: "/admin/meetings/meeting/officials/?term=Закрыт",
        MAY_SEE_UNPUBLISHED,
        lambda r: answers(r) and HIDDEN_OFFICIAL in {item["text"] for item in r.json()["results"]},
    ),
    "admin meeting list filter values": Path(
        lambda w: "/admin/meetings/meeting/", MAY_SEE_UNPUBLISHED, mentions("Атлантида")
    ),
    "admin CSV export": Path(
        lambda w: "/admin/meetings/meeting/export.csv", MAY_SEE_UNPUBLISHED, mentions(HIDDEN_COUNTERPART)
    ),
    "API meeting list": Path(
        lambda w: "/api/meetings/?review_state=pending", MAY_SEE_UNPUBLISHED, mentions(HIDDEN_COUNTERPART)
    ),
    "API pending meeting": Path(lambda w: f"/api/meetings/{w.pending.pk}/", MAY_SEE_UNPUBLISHED, answers),
    "API rejected meeting": Path(
        lambda w: f"/api/meetings/{w.rejected.pk}/", MAY_SEE_UNPUBLISHED, mentions(REJECT_REASON, "rejected")
    ),
    "API people": Path(
        lambda w: "/api/people/?page_size=200", MAY_SEE_UNPUBLISHED, mentions(HIDDEN_COUNTERPART)
    ),
    "API hidden person": Path(lambda w: f"/api/people/{w.hidden_person.pk}/", MAY_SEE_UNPUBLISHED, answers),
    "API CSV export": Path(
        lambda w: "/api/meetings/export.csv?review_state=pending",
        MAY_SEE_UNPUBLISHED,
        mentions(HIDDEN_COUNTERPART),
    ),
    "public list": Path(lambda w: "/", NOBODY, mentions(HIDDEN_COUNTERPART, "Атлантида")),
    "public pending meeting": Path(lambda w: f"/meetings/{w.pending.pk}/", NOBODY, answers),
    "public hidden person": Path(lambda w: f"/people/{w.hidden_person.pk}/", NOBODY, answers),
    "public hidden country": Path(lambda w: "/countries/Атлантида/", NOBODY, answers),
}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world() -> World:
    bulletin = BulletinFactory()
    published = MeetingFactory(bulletin=bulletin, review_state="approved")
    pending = MeetingFactory(bulletin=BulletinFactory(), review_state="pending")
    rejected = MeetingFactory(bulletin=bulletin, review_state="rejected", reject_reason=REJECT_REASON)
    official = PersonFactory(name="Ерлан Открытов", is_kz_official=True)
    ParticipantFactory(meeting=published, side="kz", name=official.name, person=official, role="ambassador")
    ParticipantFactory(meeting=published, side="counterpart", name="Публичный Собеседник", country="Австрия")
    hidden_official = PersonFactory(name=HIDDEN_OFFICIAL, is_kz_official=True)
    hidden = PersonFactory(name=HIDDEN_COUNTERPART)
    for meeting in (pending, rejected):
        ParticipantFactory(meeting=meeting, side="kz", name=HIDDEN_OFFICIAL, person=hidden_official)
        ParticipantFactory(
            meeting=meeting, side="counterpart", name=HIDDEN_COUNTERPART, person=hidden, country="Атлантида"
        )
    return World(published=published, pending=pending, rejected=rejected, hidden_person=hidden)


def client_for(role: str) -> APIClient:
    client = APIClient()
    if role == SUPERUSER:
        client.force_login(UserFactory(is_superuser=True))
    elif role != ANONYMOUS:
        client.force_login(UserFactory(groups=[role]))
    return client


@pytest.mark.parametrize("path_name", list(PATHS))
@pytest.mark.parametrize("role", ROLES)
def test_unpublished_work_shows_only_to_those_who_may_review_it(world, role, path_name):
    path = PATHS[path_name]

    response = client_for(role).get(path.url(world))

    assert response.status_code < 500
    revealed = path.reveals(response)
    if role in path.shows_unpublished:
        assert revealed, f"{role} should see unpublished work on {path_name} ({response.status_code})"
    else:
        assert not revealed, f"{role} sees unpublished work on {path_name} ({response.status_code})"
