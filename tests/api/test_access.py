"""Authentication (session and token) and the API being read-only."""

from __future__ import annotations

import pytest
from django.urls import Resolver404, resolve, reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from newsdesk.roles import ANALYSTS, EDITORS
from tests.api.conftest import ids
from tests.factories import UserFactory


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_token_of_an_editor_shows_bulletins_but_only_published_meetings(newsroom):
    # Editors upload bulletins; what awaits review is the reviewers' (one rule: review_meeting).
    client = token_client(UserFactory(groups=[EDITORS]))
    assert ids(client.get("/api/meetings/")) == [newsroom.approved.pk, newsroom.older_approved.pk]
    assert client.get("/api/bulletins/").status_code == 200


def test_token_of_an_analyst_shows_published_meetings_only(newsroom):
    client = token_client(UserFactory(groups=[ANALYSTS]))
    assert ids(client.get("/api/meetings/")) == [newsroom.approved.pk, newsroom.older_approved.pk]
    assert client.get("/api/bulletins/").status_code == 403


def test_an_unknown_token_is_refused(newsroom):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert client.get("/api/meetings/").status_code in (401, 403)


@pytest.mark.parametrize("role", ["anonymous", "analyst", "editor", "reviewer", "superuser"])
@pytest.mark.parametrize("collection", ["meetings", "people", "bulletins"])
def test_writes_are_refused_everywhere(client_as, newsroom, role, collection):
    client = client_as(role)
    detail_id = {
        "meetings": newsroom.approved.pk,
        "people": newsroom.official.pk,
        "bulletins": newsroom.approved.bulletin_id,
    }[collection]
    url, detail = f"/api/{collection}/", f"/api/{collection}/{detail_id}/"
    responses = [
        client.post(url, {"kind": "visit"}, format="json"),
        client.put(detail, {"kind": "visit"}, format="json"),
        client.patch(detail, {"kind": "visit"}, format="json"),
        client.delete(detail),
    ]
    assert {r.status_code for r in responses} <= {403, 405}
    newsroom.approved.refresh_from_db()
    assert newsroom.approved.kind == "meeting"


def test_session_writes_with_csrf_checks_are_refused_too(newsroom):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_superuser=True))
    assert client.delete(f"/api/meetings/{newsroom.approved.pk}/").status_code in (403, 405)


def test_the_csv_export_address_is_the_meetings_export_action_never_a_meeting():
    # A meeting "export" in format "csv" must not exist: the address is the viewset's action.
    match = resolve("/api/meetings/export.csv")
    assert match.view_name == "api:meeting-export"
    assert match.func.actions["get"] == "export"
    assert reverse("api:meeting-export") == "/api/meetings/export.csv"
    with pytest.raises(Resolver404):
        resolve("/api/meetings/export.csv/")


def test_api_root_lists_the_collections(client, db):
    body = client.get("/api/").json()
    assert set(body) == {"meetings", "people", "bulletins"}
