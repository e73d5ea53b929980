"""Malformed API requests (forged cursors, odd filter values) get 400 or 404, never a server error."""

from __future__ import annotations

import base64

import pytest

from tests.api.conftest import ids

NUL_GUARD = "newsdesk.middleware.RefuseNulBytesMiddleware"


def cursor(position_query: str) -> str:
    return base64.b64encode(position_query.encode()).decode()


@pytest.fixture
def without_nul_guard(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != NUL_GUARD]


@pytest.mark.parametrize(
    ("url", "position_query"),
    [
        ("/api/meetings/", "o=1&p=not-a-date"),
        ("/api/meetings/", "p=2026-02-30"),
        ("/api/meetings/", "p=%00"),
        ("/api/meetings/", "r=1&p=99999-01-01"),
        ("/api/people/", "p=%00"),
        ("/api/people/", "p=Анна%00"),
        ("/api/bulletins/", "p=not-a-date"),
    ],
)
@pytest.mark.parametrize("role", ["anonymous", "superuser"])
def test_a_forged_cursor_position_is_an_invalid_cursor(client_as, newsroom, url, position_query, role):
    response = client_as(role).get(url, {"cursor": cursor(position_query)})
    if url == "/api/bulletins/" and role == "anonymous":
        assert response.status_code == 403
        return
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("cursor_value", ["not base64!", "////", "bz0tMQ==", "cj14", "8J+YgA=="])
def test_a_cursor_that_does_not_decode_is_an_invalid_cursor(client_as, newsroom, cursor_value):
    assert client_as("anonymous").get("/api/meetings/", {"cursor": cursor_value}).status_code == 404


def test_cursors_the_api_hands_out_still_page_through_meetings_and_people(client_as, newsroom):
    client = client_as("anonymous")
    first = client.get("/api/meetings/", {"page_size": 1}).json()
    second = client.get(first["next"])
    assert ids(second) == [newsroom.older_approved.pk]
    people = client.get("/api/people/", {"page_size": 1}).json()
    assert client.get(people["next"]).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"country": "\x00"},
        {"q": "\x00"},
        {"person": "abc"},
        {"person": "1.5"},
        {"person": "56285852613510611075072"},
        {"date_from": "not-a-date"},
        {"kind": "\x00"},
        {"review_state": "\x00"},
    ],
)
def test_a_malformed_meeting_filter_is_a_bad_request_even_without_the_nul_guard(
    client_as, newsroom, without_nul_guard, params
):
    assert client_as("superuser").get("/api/meetings/", params).status_code == 400
