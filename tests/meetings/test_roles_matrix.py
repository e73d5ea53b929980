"""Who may do what in the admin: every role against every page and action.

The table follows the roles: Editors upload bulletins and re-extract them (no meeting edits);
Reviewers edit, approve and reject meetings and add missed ones; Analysts read published records
and the people pages; the superuser does everything; anonymous users are sent to the login page.
An allowed request succeeds (200, or a redirect after the action took effect); a forbidden one is
refused with 403 and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django import forms

import meetings.admin.people  # noqa: F401  registers PersonAdmin even before meetings.admin imports it
from meetings.models import Meeting, ReviewState
from newsdesk.models import Bulletin, ExtractionState
from newsdesk.roles import ANALYSTS, EDITORS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS, SUPERUSER = "anonymous", "superuser"
ROLES = (ANONYMOUS, EDITORS, REVIEWERS, ANALYSTS, SUPERUSER)


@dataclass
class World:
    bulletin: Bulletin
    published: Meeting  # approved: what analysts may read
    pending: Meeting  # awaiting review: what reviewers edit, approve and reject
    change_form: dict  # a valid change POST for ``pending``, location edited


@dataclass(frozen=True)
class Case:
    method: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    data: Callable[[World], dict] | None = None
    took_effect: Callable[[World], bool] | None = None  # for actions: did the write happen?
    refused_statuses: tuple[int, ...] = (403,)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Each case makes its users; the production hasher would spend most of the run hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def two_people_to_merge() -> str:
    return f"/admin/meetings/person/merge/?ids={PersonFactory().pk},{PersonFactory().pk}"


def pending_state(world: World) -> str:
    return Meeting.objects.get(pk=world.pending.pk).review_state


CASES: dict[str, Case] = {
    "bulletin changelist": Case(
        "get", lambda w: "/admin/newsdesk/bulletin/", frozenset({EDITORS, REVIEWERS, SUPERUSER})
    ),
    "bulletin upload page": Case(
        "get", lambda w: "/admin/newsdesk/bulletin/add/", frozenset({EDITORS, SUPERUSER})
    ),
    "bulletin reextract action": Case(
        "post",
        lambda w: "/admin/newsdesk/bulletin/",
        frozenset({EDITORS, SUPERUSER}),
        data=lambda w: {"action": "reextract", "_selected_action": [w.bulletin.pk], "index": "0"},
        took_effect=lambda w: Bulletin.objects.get(pk=w.bulletin.pk).state == ExtractionState.QUEUED,
        # Reviewers may list bulletins but are offered no action: the list comes back unchanged.
        refused_statuses=(403, 200),
    ),
    "meeting changelist": Case(
        "get", lambda w: "/admin/meetings/meeting/", frozenset({REVIEWERS, ANALYSTS, SUPERUSER})
    ),
    "meeting change page": Case(
        "get",
        lambda w: f"/admin/meetings/meeting/{w.published.pk}/change/",
        frozenset({REVIEWERS, ANALYSTS, SUPERUSER}),
    ),
    "meeting change post": Case(
        "post",
        lambda w: f"/admin/meetings/meeting/{w.pending.pk}/change/",
        frozenset({REVIEWERS, SUPERUSER}),
        data=lambda w: w.change_form,
        took_effect=lambda w: Meeting.objects.get(pk=w.pending.pk).location == "Вена (исправлено)",
    ),
    "meeting approve": Case(
        "post",
        lambda w: f"/admin/meetings/meeting/{w.pending.pk}/approve/",
        frozenset({REVIEWERS, SUPERUSER}),
        data=lambda w: {"version": w.pending.version},
        took_effect=lambda w: pending_state(w) == ReviewState.APPROVED,
    ),
    "meeting reject": Case(
        "post",
        lambda w: f"/admin/meetings/meeting/{w.pending.pk}/reject/",
        frozenset({REVIEWERS, SUPERUSER}),
        data=lambda w: {"version": w.pending.version, "reason": "не встреча"},
        took_effect=lambda w: pending_state(w) == ReviewState.REJECTED,
    ),
    "meeting add page": Case(
        "get",
        lambda w: f"/admin/meetings/meeting/add/?bulletin={w.bulletin.pk}",
        frozenset({REVIEWERS, SUPERUSER}),
    ),
    # Editors see people to merge two records of one person (issue 14).
    "person changelist": Case(
        "get", lambda w: "/admin/meetings/person/", frozenset({EDITORS, REVIEWERS, ANALYSTS, SUPERUSER})
    ),
    "officials page": Case(
        "get",
        lambda w: "/admin/meetings/person/officials/",
        frozenset({EDITORS, REVIEWERS, ANALYSTS, SUPERUSER}),
    ),
    "person merge page": Case(
        "get", lambda w: two_people_to_merge(), frozenset({EDITORS, REVIEWERS, SUPERUSER})
    ),
    "quality report": Case(
        "get", lambda w: "/admin/meetings/person/quality/", frozenset({REVIEWERS, SUPERUSER})
    ),
}


def form_data(response) -> dict:
    """The POST a browser would send back for an admin change page, from the page's own forms."""
    adminform = response.context["adminform"].form
    all_forms: list[forms.BaseForm] = [adminform]
    for inline in response.context["inline_admin_formsets"]:
        all_forms.append(inline.formset.management_form)
        all_forms.extend(inline.formset.forms)
    data: dict = {}
    for form in all_forms:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field, forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            elif value is not None:
                data[bound.html_name] = str(value)
    return data


@pytest.fixture
def world(client) -> World:
    bulletin = BulletinFactory(state=ExtractionState.DONE, attempts=1)
    published = MeetingFactory(bulletin=bulletin, review_state=ReviewState.APPROVED)
    pending = MeetingFactory(bulletin=bulletin, location="Вена")
    for meeting in (published, pending):
        ParticipantFactory(meeting=meeting, side="kz", role="ambassador", posting="Австрия")
        ParticipantFactory(meeting=meeting, side="counterpart", country="Австрия")
    # The change POST is what the page itself would send, read as the superuser sees it.
    client.force_login(superuser())
    page = client.get(f"/admin/meetings/meeting/{pending.pk}/change/")
    assert page.status_code == 200
    change_form = {**form_data(page), "location": "Вена (исправлено)", "_save": "Сохранить"}
    client.logout()
    return World(bulletin=bulletin, published=published, pending=pending, change_form=change_form)


def superuser():
    return UserFactory(is_superuser=True)


def log_in(client, role: str) -> None:
    if role == ANONYMOUS:
        return
    client.force_login(superuser() if role == SUPERUSER else UserFactory(groups=[role]))


@pytest.mark.parametrize("case_name", list(CASES))
@pytest.mark.parametrize("role", ROLES)
def test_role_may_or_may_not(client, world, role, case_name):
    case = CASES[case_name]
    log_in(client, role)
    url = case.url(world)

    if case.method == "get":
        response = client.get(url)
    else:
        response = client.post(url, case.data(world) if case.data else {})

    effect = case.took_effect(world) if case.took_effect else None
    if role == ANONYMOUS:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert not effect
    elif role in case.allowed:
        if case.method == "get":
            assert response.status_code == 200
        else:
            assert response.status_code == 302, getattr(response, "context", None) and response.context.get(
                "errors"
            )
            assert not response["Location"].startswith("/admin/login/")
            assert effect, f"{role}: {case_name} answered {response.status_code} but changed nothing"
    else:
        assert response.status_code in case.refused_statuses
        assert not effect


def test_the_table_covers_every_role_and_gives_each_role_something():
    for role in (EDITORS, REVIEWERS, ANALYSTS):
        allowed = {name for name, case in CASES.items() if role in case.allowed}
        refused = set(CASES) - allowed
        assert allowed and refused, role
    assert all(SUPERUSER in case.allowed for case in CASES.values())
