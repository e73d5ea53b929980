"""Odd stored values and malformed requests on the public pages and in the admin: never a server error.

A stored value must never break a page's links, and a request a person or a crawler can type gets
400, 404 or the admin's "invalid filter" redirect, on SQLite and on PostgreSQL alike (PostgreSQL
refuses NUL bytes in text parameters, so a NUL that reaches a query is a 500 there).
"""

from __future__ import annotations

import datetime
import html
import re

import pytest

from meetings.models import Meeting, ReviewState
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

NUL_GUARD = "newsdesk.middleware.RefuseNulBytesMiddleware"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def without_nul_guard(settings):
    """The middleware refusing NUL bytes is defence in depth: each layer must also cope without it."""
    assert NUL_GUARD in settings.MIDDLEWARE
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != NUL_GUARD]


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def published_with_country(country: str, *, state: str = ReviewState.APPROVED) -> Meeting:
    meeting = MeetingFactory(bulletin=BulletinFactory(date=datetime.date(2026, 3, 10)), review_state=state)
    official = PersonFactory(name="Асель Нурланова", is_kz_official=True)
    ParticipantFactory(meeting=meeting, side="kz", person=official, name=official.name, order=0)
    ParticipantFactory(meeting=meeting, side="counterpart", name="Гость Страны", country=country, order=0)
    return meeting


def country_links(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="(/countries/[^"]+)"', page)]


ODD_COUNTRIES = [
    "Тринидад/Тобаго",
    "Тринидад/../Тобаго",
    "100% Страна",
    "%D0%A7",
    "Страна?",
    "Остров #1",
    "Кот-д’Ивуар и Гана",
    "Сент-Китс. Невис",
    ".",
    "..",
    "Страна/",
    "ул. \\ и +",
    "Строка\nвторая\tс табуляцией",
]


@pytest.mark.parametrize("country", ODD_COUNTRIES)
def test_any_stored_country_spelling_links_to_its_country_page(client, country):
    meeting = published_with_country(country)
    for url in ("/", f"/meetings/{meeting.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        links = country_links(response.content.decode())
        assert links, url
        for link in links:
            # "." and ".." segments would be resolved away by the browser before the request.
            assert not {".", ".."} & set(link.split("/")), link
            page = client.get(link)
            assert page.status_code == 200, link
            assert f"<h1>{html.escape(country)}</h1>" in page.content.decode()


def test_country_page_with_a_slash_opens_when_typed_by_hand(client):
    published_with_country("Тринидад/Тобаго")
    assert client.get("/countries/Тринидад/Тобаго/").status_code == 200
    assert client.get("/countries/Тринидад%2FТобаго/").status_code == 200


def test_country_page_with_a_nul_byte_is_refused(client):
    published_with_country("Чили")
    assert client.get("/countries/%00/").status_code == 400


def test_country_page_with_a_nul_byte_is_not_found_even_without_the_nul_guard(client, without_nul_guard):
    published_with_country("Чили")
    assert client.get("/countries/%00/").status_code == 404
    assert client.get("/countries/Чи%00ли/").status_code == 404


@pytest.mark.parametrize("person", ["56285852613510611075072", "1.5", "-1", "abc"])
def test_public_list_ignores_an_official_that_is_no_person_id(client, person):
    published_with_country("Чили")
    response = client.get("/", {"person": person})
    assert response.status_code == 200
    assert "Гость Страны" in response.content.decode()


def test_public_list_ignores_a_nul_byte_in_its_filters_without_the_nul_guard(client, without_nul_guard):
    published_with_country("Чили")
    for params in ({"country": "\x00"}, {"q": "Гость\x00"}, {"person": "\x00"}, {"date_from": "\x00"}):
        assert client.get("/", params).status_code == 200, params


@pytest.mark.parametrize(
    "url",
    [
        "/admin/meetings/meeting/?country=%00",
        "/admin/meetings/meeting/?q=%00",
        "/admin/meetings/meeting/?review_state__exact=%00",
        "/admin/newsdesk/bulletin/?state=%00",
        "/admin/autocomplete/?app_label=meetings&model_name=participant&field_name=person&term=%00",
        "/api/meetings/?country=%00",
    ],
)
def test_nul_bytes_in_the_query_string_are_refused(superuser_client, url):
    published_with_country("Чили")
    assert superuser_client.get(url).status_code == 400


@pytest.mark.parametrize("value", ["\x00", "Чили\x00"])
def test_admin_country_filter_rejects_a_nul_byte_even_without_the_nul_guard(
    superuser_client, without_nul_guard, value
):
    published_with_country("Чили")
    response = superuser_client.get("/admin/meetings/meeting/", {"country": value})
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


@pytest.mark.parametrize("value", ["abc", "1.5", "1e3", " ", "99999999999999999999999"])
def test_admin_official_filter_rejects_a_value_that_is_no_person_id(superuser_client, value):
    published_with_country("Чили")
    response = superuser_client.get("/admin/meetings/meeting/", {"kz_person": value})
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


@pytest.mark.parametrize("value", ["-1", "١٢", "0"])
def test_admin_official_filter_shows_nothing_for_an_id_no_person_has(superuser_client, value):
    published_with_country("Чили")
    response = superuser_client.get("/admin/meetings/meeting/", {"kz_person": value})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_admin_official_filter_still_narrows_by_a_person_id(superuser_client):
    meeting = published_with_country("Чили")
    official = meeting.participants.get(side="kz").person
    response = superuser_client.get("/admin/meetings/meeting/", {"kz_person": str(official.pk)})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [meeting]


@pytest.mark.parametrize("object_id", ["abc", "1.5", "%00", "99999999999999999999999"])
def test_admin_history_of_an_id_that_is_no_meeting_is_not_found(superuser_client, object_id):
    published_with_country("Чили")
    assert superuser_client.get(f"/admin/meetings/meeting/{object_id}/history/").status_code in (400, 404)


def test_admin_history_of_a_meeting_still_opens(superuser_client):
    meeting = published_with_country("Чили")
    assert superuser_client.get(f"/admin/meetings/meeting/{meeting.pk}/history/").status_code == 200
