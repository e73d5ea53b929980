"""Public pages through the test client: published meetings only, filters, search, pagination, queries."""

from __future__ import annotations

import datetime
import re

import pytest

from meetings.models import ReviewState
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db

BULLETIN_TEXT = (
    " date 2026-03-10 Посол встретился с министром\n"
    "Астана. 9 марта. KAZAKHSTAN TODAY - Посол Казахстана Асель Нурланова встретилась "
    "с министром иностранных дел Чили Хосе Мартинесом.\n"
)


def published_meeting(
    *,
    official="Асель Нурланова",
    counterpart="Хосе Мартинес",
    country="Чили",
    date=datetime.date(2026, 3, 10),
    kind="meeting",
    state=ReviewState.APPROVED,
    location="Сантьяго",
    **meeting_fields,
):
    """A meeting between a Kazakh official (a Person) and a counterpart from ``country``."""
    meeting = MeetingFactory(
        bulletin=BulletinFactory(date=date),
        review_state=state,
        kind=kind,
        location=location,
        **meeting_fields,
    )
    person = PersonFactory(name=official, is_kz_official=True)
    ParticipantFactory(
        meeting=meeting,
        side="kz",
        person=person,
        name=official,
        role="ambassador",
        position="посол Казахстана",
        country="Казахстан",
    )
    ParticipantFactory(
        meeting=meeting,
        side="counterpart",
        person=PersonFactory(name=counterpart),
        name=counterpart,
        role="minister",
        position="министр иностранных дел",
        organization="МИД",
        country=country,
    )
    return meeting


@pytest.fixture
def world():
    """One published meeting, one pending and one rejected, each with its own people and country."""
    shown = published_meeting(topics=["торговля", "образование"])
    pending = published_meeting(
        official="Тайный Официал",
        counterpart="Неопубликованный Гость",
        country="Атлантида",
        state=ReviewState.PENDING,
        location="Подземелье",
    )
    rejected = published_meeting(
        official="Отвергнутый Посол",
        counterpart="Отвергнутый Министр",
        country="Лемурия",
        state=ReviewState.REJECTED,
        location="Болото",
    )
    return shown, pending, rejected


SECRETS = (
    "Тайный Официал",
    "Неопубликованный Гость",
    "Атлантида",
    "Подземелье",
    "Отвергнутый Посол",
    "Отвергнутый Министр",
    "Лемурия",
    "Болото",
)


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def assert_no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def person_id(meeting, side="kz") -> int:
    return meeting.participants.get(side=side).person_id


# --- what each page shows ----------------------------------------------------------------------


def test_list_shows_published_meeting_with_officials_counterparts_and_location(client, world):
    shown, _, _ = world
    page = html(client.get("/"))
    assert '<html lang="ru">' in page
    assert "Асель Нурланова" in page
    assert f'href="/people/{person_id(shown)}/"' in page
    assert "Хосе Мартинес" in page and "министр иностранных дел" in page
    assert 'href="/countries/%D0%A7%D0%B8%D0%BB%D0%B8/"' in page
    assert "Сантьяго" in page
    assert "10 марта 2026" in page
    assert f'href="/meetings/{shown.pk}/"' in page


def test_meeting_page_shows_participants_topics_bulletin_and_highlights(client):
    bulletin = BulletinFactory(title="Посол встретился с министром", text=BULLETIN_TEXT)
    meeting = MeetingFactory(
        bulletin=bulletin,
        review_state=ReviewState.APPROVED,
        location="Сантьяго",
        topics=["торговля"],
        evidence_start=BULLETIN_TEXT.index("Посол Казахстана"),
        evidence_end=len(BULLETIN_TEXT) - 1,
    )
    for side, name, role in (
        ("kz", "Асель Нурланова", "ambassador"),
        ("counterpart", "Хосе Мартинес", "minister"),
    ):
        start = BULLETIN_TEXT.index(name[:-2])
        ParticipantFactory(
            meeting=meeting,
            side=side,
            name=name,
            role=role,
            position="должность " + side,
            organization="МИД " + side,
            country="Чили" if side == "counterpart" else "Казахстан",
            mention_start=start,
            mention_end=start + len(name) - 2,
        )
    page = html(client.get(f"/meetings/{meeting.pk}/"))
    for text in (
        "Асель Нурланова",
        "Хосе Мартинес",
        "посол",
        "министр",
        "должность counterpart",
        "МИД kz",
        "Чили",
        "торговля",
        "Сантьяго",
        "Посол встретился с министром",
    ):
        assert text in page
    assert '<mark class="evidence">' in page
    assert re.search(r'<mark class="kz"[^>]*>Асель Нурлано</mark>', page)
    assert re.search(r'<mark class="counterpart"[^>]*>Хосе Мартин</mark>', page)


def test_person_page_lists_their_published_meetings(client, world):
    shown, _, _ = world
    page = html(client.get(f"/people/{person_id(shown)}/"))
    assert "Асель Нурланова" in page and "Хосе Мартинес" in page


def test_country_page_lists_published_meetings_with_that_counterpart_country(client, world):
    page = html(client.get("/countries/Чили/"))
    assert "Хосе Мартинес" in page and "Асель Нурланова" in page


# --- nothing unpublished, anywhere -------------------------------------------------------------


def test_list_never_shows_unpublished_meetings_people_or_countries(client, world):
    assert_no_secrets(html(client.get("/")))
    assert_no_secrets(html(client.get("/?q=Тайный")))
    assert_no_secrets(html(client.get("/?country=Атлантида")))


@pytest.mark.parametrize("state", ["pending", "rejected"])
def test_list_review_state_parameter_never_widens_what_visitors_see(client, world, state):
    page = html(client.get(f"/?review_state={state}"))
    assert_no_secrets(page)
    assert 'name="review_state"' not in page


def test_list_counts_only_published_meetings(client, world):
    assert "Найдена 1 встреча" in html(client.get("/"))


def test_meeting_page_of_unpublished_meetings_is_404(client, world):
    shown, pending, rejected = world
    assert_no_secrets(html(client.get(f"/meetings/{shown.pk}/")))
    for meeting in (pending, rejected):
        assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert client.get("/meetings/999999/").status_code == 404


def test_person_page_of_people_without_published_meetings_is_404(client, world):
    shown, pending, rejected = world
    assert_no_secrets(html(client.get(f"/people/{person_id(shown)}/")))
    for meeting in (pending, rejected):
        for side in ("kz", "counterpart"):
            assert client.get(f"/people/{person_id(meeting, side)}/").status_code == 404
    assert client.get("/people/999999/").status_code == 404


def test_person_page_shows_only_the_published_meetings_of_a_person_with_both(client, world):
    shown, pending, _ = world
    person = shown.participants.get(side="kz").person
    pending.participants.filter(side="kz").update(person=person)
    assert_no_secrets(html(client.get(f"/people/{person.pk}/")))


def test_country_page_of_countries_without_published_meetings_is_404(client, world):
    assert_no_secrets(html(client.get("/countries/Чили/")))
    for country in ("Атлантида", "Лемурия", "Нигде"):
        assert client.get(f"/countries/{country}/").status_code == 404


def test_country_page_shows_only_published_meetings_of_a_country_with_both(client, world):
    _, pending, _ = world
    pending.participants.filter(side="counterpart").update(country="Чили")
    page = html(client.get("/countries/Чили/"))
    assert "Неопубликованный Гость" not in page and "Тайный Официал" not in page


def test_filter_choices_list_only_published_countries_and_officials(client, world):
    shown, _, _ = world
    page = html(client.get("/"))
    assert '<option value="Чили">Чили</option>' in page
    assert f'<option value="{person_id(shown)}">Асель Нурланова</option>' in page
    assert_no_secrets(page)


# --- filters, search, pagination ---------------------------------------------------------------


@pytest.fixture
def two_published():
    early = published_meeting(
        official="Ранний Посол",
        counterpart="Ранний Гость",
        country="Франция",
        date=datetime.date(2026, 1, 5),
        kind="visit",
    )
    late = published_meeting(
        official="Поздний Посол",
        counterpart="Поздний Гость",
        country="Япония",
        date=datetime.date(2026, 3, 5),
        kind="phone_call",
        location="Токио",
    )
    return early, late


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("date_from=2026-02-01", "Поздний Гость", "Ранний Гость"),
        ("date_to=2026-02-01", "Ранний Гость", "Поздний Гость"),
        ("date_from=2026-01-01&date_to=2026-01-31", "Ранний Гость", "Поздний Гость"),
        ("country=Франция", "Ранний Гость", "Поздний Гость"),
        ("kind=phone_call", "Поздний Гость", "Ранний Гость"),
        ("q=Токио", "Поздний Гость", "Ранний Гость"),
        ("q=Ранний Гость", "Ранний Гость", "Поздний Гость"),
    ],
)
def test_filters_and_search_narrow_the_list(client, two_published, query, shown, hidden):
    page = html(client.get(f"/?{query}"))
    assert shown in page and hidden not in page


def test_person_filter_narrows_the_list(client, two_published):
    early, _ = two_published
    page = html(client.get(f"/?person={person_id(early)}"))
    assert "Ранний Гость" in page and "Поздний Гость" not in page


def test_pagination_shows_twenty_per_page_and_keeps_filters_in_links(client):
    for day in range(1, 26):
        published_meeting(
            official=f"Посол {day}",
            counterpart=f"Гость {day:02d}",
            country="Франция",
            date=datetime.date(2026, 1, day),
        )
    published_meeting(official="Чужой Посол", counterpart="Чужой Гость", country="Япония")
    first = html(client.get("/?country=Франция"))
    assert first.count('class="meeting-row"') == 20
    assert "Чужой Гость" not in first
    assert 'href="?country=%D0%A4%D1%80%D0%B0%D0%BD%D1%86%D0%B8%D1%8F&amp;page=2"' in first
    second = html(client.get("/?country=Франция&page=2"))
    assert second.count('class="meeting-row"') == 5
    assert "Гость 01" in second and "Гость 25" not in second and "Чужой Гость" not in second
    assert 'href="?country=%D0%A4%D1%80%D0%B0%D0%BD%D1%86%D0%B8%D1%8F&amp;page=1"' in second


# --- queries and assets ------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/?country=Франция&q=Гость"])
def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, url):
    for n in range(5):
        published_meeting(official=f"Посол {n}", counterpart=f"Гость {n}", country="Франция")
    # count, page of meetings, participants with people, country choices, official choices
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200
    for n in range(5, 25):
        published_meeting(official=f"Посол {n}", counterpart=f"Гость {n}", country="Франция")
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200


def test_person_and_country_pages_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    official = PersonFactory(name="Постоянный Посол", is_kz_official=True)
    for n in range(25):
        meeting = published_meeting(official=f"Посол {n}", counterpart=f"Гость {n}", country="Франция")
        ParticipantFactory(meeting=meeting, side="kz", person=official, name=official.name)
    # person or spelling, exists, count, page of meetings, participants with people (and for an
    # official, their timeline: one grouped query, then kept)
    with django_assert_max_num_queries(6):
        html(client.get(f"/people/{official.pk}/"))
    with django_assert_max_num_queries(5):
        html(client.get("/countries/Франция/"))


def test_pages_link_no_external_assets(client, world):
    shown, _, _ = world
    for url in ("/", f"/meetings/{shown.pk}/", f"/people/{person_id(shown)}/", "/countries/Чили/"):
        page = html(client.get(url))
        assert "http://" not in page and "https://" not in page
        assert re.search(r'<link rel="stylesheet" href="/static/meetings/public.css">', page)


def test_a_country_or_official_with_no_published_meeting_is_refused_with_a_message_and_not_filtered_by(
    client, world
):
    shown, pending, _ = world

    by_country = html(client.get("/", {"country": "Атлантида"}))
    by_official = html(client.get("/", {"person": person_id(pending)}))

    assert "Нет опубликованных встреч с представителями этой страны." in by_country
    assert "У этого официального лица нет опубликованных встреч." in by_official
    for page in (by_country, by_official):
        # The select says «все» and the list agrees: it is not filtered by what was refused.
        assert "Хосе Мартинес" in page
        assert_no_secrets(page)
    # Spelled as the select offers it or not, a published country filters as before.
    assert "Нет опубликованных" not in html(client.get("/", {"country": " чили "}))
    assert "Хосе Мартинес" in html(client.get("/", {"country": "Чили", "person": person_id(shown)}))


def test_the_dashboard_asks_to_correct_a_filter_by_a_country_with_no_published_meeting(client, world):
    page = html(client.get("/dashboard/", {"country": "Лемурия"}))

    assert "Нет опубликованных встреч с представителями этой страны." in page
    assert "Исправьте фильтр" in page
    assert_no_secrets(page)
