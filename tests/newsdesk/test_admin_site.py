"""The admin site's guard: malformed list input gets Django's usual answers in every admin, never a 500."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages

from newsdesk.admin_site import MalformedInputGuard, NewsdeskAdminSite
from newsdesk.models import Bulletin, ExtractionState
from tests.factories import BulletinFactory, UserFactory

pytestmark = pytest.mark.django_db

BULLETINS = "/admin/newsdesk/bulletin/"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def test_every_registered_admin_carries_the_guard_ours_and_other_apps():
    assert isinstance(admin.site, NewsdeskAdminSite)
    labels = {model._meta.label for model in admin.site._registry}
    assert {"newsdesk.Bulletin", "meetings.Meeting", "auth.User", "auth.Group"} <= labels
    for model_admin in admin.site._registry.values():
        assert isinstance(model_admin, MalformedInputGuard), model_admin


@pytest.mark.parametrize("selected", ["abc", "1.5", "", "\x00", "99999999999999999999999"])
def test_an_action_on_a_selected_id_that_is_no_id_is_refused_with_a_message(superuser_client, selected):
    bulletin = BulletinFactory(state=ExtractionState.DONE)
    response = superuser_client.post(
        BULLETINS, {"action": "reextract", "_selected_action": [str(bulletin.pk), selected], "index": "0"}
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Выбранные записи не найдены: обновите список."
    ]
    assert Bulletin.objects.get(pk=bulletin.pk).state != ExtractionState.QUEUED


def test_an_action_on_odd_ids_in_another_apps_admin_is_refused_too(superuser_client):
    group = Group.objects.create(name="Гости")
    response = superuser_client.post(
        "/admin/auth/group/", {"action": "delete_selected", "_selected_action": ["abc"], "index": "0"}
    )
    assert response.status_code == 302
    assert Group.objects.filter(pk=group.pk).exists()


def test_an_action_on_real_ids_still_runs(superuser_client, django_capture_on_commit_callbacks):
    bulletin = BulletinFactory(state=ExtractionState.FAILED)
    with django_capture_on_commit_callbacks(execute=False):
        response = superuser_client.post(
            BULLETINS, {"action": "reextract", "_selected_action": [str(bulletin.pk)], "index": "0"}
        )
    assert response.status_code == 302
    assert Bulletin.objects.get(pk=bulletin.pk).state == ExtractionState.QUEUED


@pytest.mark.parametrize(
    "query",
    [
        "date__year=9999",
        "date__year=9999&date__month=12",
        "date__year=99999999999999999999999",
        "date__year=2026&date__month=99999999999999999999999",
        "date__year=abc",
    ],
)
def test_a_date_hierarchy_date_no_calendar_holds_is_an_invalid_filter(superuser_client, query):
    BulletinFactory()
    response = superuser_client.get(f"{BULLETINS}?{query}")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


def test_a_date_hierarchy_year_still_narrows_the_list(superuser_client):
    bulletin = BulletinFactory()
    response = superuser_client.get(f"{BULLETINS}?date__year={bulletin.date.year}")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [bulletin]


def test_the_year_links_are_left_out_of_a_search(superuser_client):
    bulletin = BulletinFactory(title="Встреча в Вене")
    assert '<nav class="toplinks">' in superuser_client.get(BULLETINS).content.decode()

    searched = superuser_client.get(BULLETINS, {"q": "Вене", "date__year": bulletin.date.year})
    assert '<nav class="toplinks">' not in searched.content.decode()
    assert list(searched.context["cl"].result_list) == [bulletin]
