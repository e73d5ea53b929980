"""People in the admin: the person list and page, the officials page, the bulletin's meetings."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import meetings.admin.people  # noqa: F401  registers PersonAdmin even before meetings.admin imports it
from meetings import tasks
from meetings.models import Person, PersonAlias, ReviewState
from meetings.selectors import directory
from meetings.services import people
from newsdesk import services
from newsdesk.roles import ANALYSTS, EDITORS, REVIEWERS
from tests.factories import (
    BulletinFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE_URL = "/admin/meetings/person/"
OFFICIALS_URL = "/admin/meetings/person/officials/"
SEED = Path(__file__).resolve().parents[2] / "samples" / "000_seed.txt"


def on(date, person, *, state=ReviewState.PENDING, side="kz", **fields):
    """``person`` took part in a new meeting of a bulletin dated ``date``."""
    meeting = MeetingFactory(bulletin=BulletinFactory(date=date), review_state=state)
    return ParticipantFactory(meeting=meeting, person=person, side=side, name=person.name, **fields)


def official_with_history(name="Ерлан Сарыбаев"):
    person = PersonFactory(name=name, is_kz_official=True)
    deputy = {"role": "deputy_minister", "position": "заместитель министра иностранных дел"}
    envoy = {"role": "ambassador", "posting": "Австрия", "position": "посол Казахстана в Австрии"}
    on(datetime.date(2025, 3, 1), person, state=ReviewState.APPROVED, **deputy)
    on(datetime.date(2025, 11, 2), person, state=ReviewState.APPROVED, **envoy)
    on(datetime.date(2026, 1, 20), person, state=ReviewState.REJECTED, role="minister", posting="Марс")
    on(datetime.date(2025, 12, 5), person, state=ReviewState.PENDING, role="ambassador", posting="Австрия")
    return person


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# ---- the person list and page ------------------------------------------------------------------


def test_person_list_shows_latin_aliases_and_meeting_counts(client):
    person = official_with_history()
    PersonAlias.objects.create(person=person, alias="Сарыбаева Ерлана", alias_key="сарыбаева ерлана")
    client.force_login(UserFactory(groups=[REVIEWERS]))

    body = client.get(PEOPLE_URL).content.decode()

    assert "Ерлан Сарыбаев" in body and "Erlan Sarybaev" in body
    assert "Сарыбаева Ерлана" in body
    assert '<td class="field-meetings_count">4</td>' in body


def test_person_list_query_count_does_not_grow_with_people(client):
    client.force_login(UserFactory(groups=[ANALYSTS]))
    official_with_history("Айдар Бекмуханов")
    one = query_count(client, PEOPLE_URL)
    for name in ("Марат Оспанов", "Анна Бергер", "Томас Краус"):
        person = official_with_history(name)
        PersonAlias.objects.create(person=person, alias=name.upper() + "А", alias_key=name.lower() + "а")

    assert query_count(client, PEOPLE_URL) == one


def test_people_are_found_by_an_alias(client):
    person = PersonFactory(name="Ерлан Сарыбаев")
    PersonFactory(name="Анна Бергер")
    PersonAlias.objects.create(person=person, alias="Сарыбаева Ерлана", alias_key="сарыбаева ерлана")
    client.force_login(UserFactory(groups=[REVIEWERS]))

    response = client.get(PEOPLE_URL, {"q": "Сарыбаева"})

    assert [p.pk for p in response.context["cl"].result_list] == [person.pk]


def test_a_new_person_gets_a_key_and_a_latin_name_when_left_empty(client):
    reviewer = UserFactory(groups=[REVIEWERS])
    client.force_login(reviewer)

    response = client.post(
        f"{PEOPLE_URL}add/",
        {
            "name": "Ерлан  Сарыбаев",
            "name_latin": "",
            "is_kz_official": "on",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-alias": "Сарыбаева Ерлана",
        },
    )

    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.name, person.name_key, person.name_latin, person.is_kz_official) == (
        "Ерлан Сарыбаев",
        "ерлан сарыбаев",
        people.latin("Ерлан Сарыбаев"),
        True,
    )
    alias = person.aliases.get()
    assert (alias.alias, alias.alias_key, alias.created_by) == (
        "Сарыбаева Ерлана",
        "сарыбаева ерлана",
        reviewer,
    )


def test_a_reviewer_sets_a_foreign_persons_latin_name_once_with_its_source(client):
    fidan = PersonFactory(name="Хакан Фидан")
    assert (fidan.name_latin, fidan.latin_kind) == ("Khakan Fidan", "transliteration")
    client.force_login(UserFactory(groups=[REVIEWERS]))
    form = {
        "name": fidan.name,
        "name_latin": "Hakan Fidan",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
    }

    refused = client.post(f"{PEOPLE_URL}{fidan.pk}/change/", form)
    assert "Укажите, где имя пишут так" in refused.content.decode()

    client.post(f"{PEOPLE_URL}{fidan.pk}/change/", {**form, "latin_source": "mfa.gov.tr"})
    fidan.refresh_from_db()
    assert (fidan.name_latin, fidan.latin_kind) == ("Hakan Fidan", "set")
    listed = client.get(PEOPLE_URL).content.decode()
    assert "Hakan Fidan" in listed and "указано редакцией" in listed

    client.post(f"{PEOPLE_URL}{fidan.pk}/change/", {**form, "name_latin": "", "latin_source": "mfa.gov.tr"})
    fidan.refresh_from_db()
    assert (fidan.name_latin, fidan.latin_source, fidan.latin_kind) == ("Khakan Fidan", "", "transliteration")


def test_a_given_latin_name_is_kept_and_a_duplicate_person_or_alias_is_refused(client):
    other = PersonFactory(name="Анна Бергер")
    PersonAlias.objects.create(person=other, alias="Бергер Анны", alias_key="бергер анны")
    client.force_login(UserFactory(groups=[REVIEWERS]))
    form = {
        "name_latin": "Erlan Sarybayev",
        "latin_source": "паспорт",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
    }

    assert client.post(f"{PEOPLE_URL}add/", {**form, "name": "Ерлан Сарыбаев"}).status_code == 302
    person = Person.objects.get(name="Ерлан Сарыбаев")
    assert (person.name_latin, person.latin_source, person.latin_kind) == (
        "Erlan Sarybayev",
        "паспорт",
        "set",
    )

    duplicate = client.post(f"{PEOPLE_URL}add/", {**form, "name": "ерлан сарыбаев"})
    assert duplicate.status_code == 200
    assert "Такая персона уже есть" in duplicate.content.decode()

    alias_taken = client.post(
        f"{PEOPLE_URL}add/",
        {**form, "name": "Марат Оспанов", "aliases-TOTAL_FORMS": "1", "aliases-0-alias": "Бергер  Анны"},
    )
    assert alias_taken.status_code == 200
    assert "уже относится к персоне «Анна Бергер»" in alias_taken.content.decode()
    assert not Person.objects.filter(name="Марат Оспанов").exists()


def test_person_page_lists_roles_and_postings_newest_first():
    person = official_with_history()

    postings = directory.person_postings(person_id=person.pk, user=UserFactory(groups=[REVIEWERS]))

    assert [(p.bulletin_date.isoformat(), p.role, p.posting) for p in postings] == [
        ("2026-01-20", "minister", "Марс"),
        ("2025-12-05", "ambassador", "Австрия"),
        ("2025-11-02", "ambassador", "Австрия"),
        ("2025-03-01", "deputy_minister", ""),
    ]


def test_person_change_page_shows_the_postings_table(client):
    person = official_with_history()
    client.force_login(UserFactory(groups=[ANALYSTS]))

    body = client.get(f"{PEOPLE_URL}{person.pk}/change/").content.decode()

    table = body[body.index('id="person-postings"') :]
    assert table.index("2025-11-02") < table.index("2025-03-01")
    assert "заместитель министра иностранных дел" in table
    assert "посол Казахстана в Австрии" in table
    # Analysts see only the published postings: not the pending December one nor the rejected one.
    assert "2025-12-05" not in table and "Марс" not in table and "на проверке" not in table


def test_analysts_see_no_person_found_only_in_unpublished_meetings(client):
    pending_only = PersonFactory(name="Марат Оспанов", is_kz_official=True)
    on(datetime.date(2025, 12, 5), pending_only, role="ambassador", posting="Австрия")
    rejected_only = PersonFactory(name="Томас Краус")
    on(datetime.date(2025, 12, 6), rejected_only, state=ReviewState.REJECTED, side="counterpart")
    published = official_with_history()
    client.force_login(UserFactory(groups=[ANALYSTS]))

    listing = client.get(PEOPLE_URL).content.decode()
    officials = client.get(OFFICIALS_URL).content.decode()
    found = client.get(
        "/admin/autocomplete/",
        {"app_label": "meetings", "model_name": "participant", "field_name": "person", "term": "а"},
    )

    assert published.name in listing and published.name in officials
    for hidden in (pending_only, rejected_only):
        assert hidden.name not in listing
        assert hidden.name not in officials
        assert client.get(f"{PEOPLE_URL}{hidden.pk}/change/").status_code in {302, 404}
    assert found.status_code in {200, 403}
    if found.status_code == 200:
        assert {item["text"] for item in found.json()["results"]} <= {published.name}
    reviewer = UserFactory(groups=[REVIEWERS])
    client.force_login(reviewer)
    assert pending_only.name in client.get(PEOPLE_URL).content.decode()


# ---- the officials page ------------------------------------------------------------------------


def test_officials_have_latest_posting_first_and_last_seen_and_published_count():
    person = official_with_history()
    PersonFactory(name="Томас Краус", is_kz_official=False)
    quiet = PersonFactory(name="Айгуль Нурланова", is_kz_official=True)

    rows = directory.officials(unpublished=True)

    assert [row.name for row in rows] == ["Айгуль Нурланова", "Ерлан Сарыбаев"]
    assert rows[0] == directory.Official(quiet.pk, quiet.name, quiet.name_latin, "", "", "", None, None, 0)
    official = rows[1]
    # The rejected January record is no source for the latest posting, but the bulletin date counts.
    assert (official.role, official.role_label, official.posting) == ("ambassador", "посол", "Австрия")
    assert (official.first_seen, official.last_seen) == (
        datetime.date(2025, 3, 1),
        datetime.date(2026, 1, 20),
    )
    assert official.published_meetings == 2
    assert official.person_id == person.pk


def test_officials_selector_takes_three_queries_however_many_officials(django_assert_num_queries):
    names = ["Ерлан Сарыбаев", "Марат Оспанов", "Айдар Бекмуханов", "Асхат Мусин", "Данияр Оспанов"]
    for count in (2, 5):
        for name in names[len(directory.officials(unpublished=True)) : count]:
            official_with_history(name)

        # the people; their participations grouped; each one's latest kz-side participation
        with django_assert_num_queries(3):
            assert len(directory.officials(unpublished=True)) == count


def test_the_beat_task_computes_the_officials_lists_before_a_visitor_asks(client):
    official_with_history("Айдар Бекмуханов")
    tasks.refresh_directory.delay()  # eager in this tier; beat sends it every few minutes
    client.force_login(UserFactory(groups=[ANALYSTS]))

    with CaptureQueriesContext(connection) as queries:
        body = client.get(OFFICIALS_URL).content.decode()

    assert "Айдар Бекмуханов" in body
    assert not [q for q in queries if "meetings_participant" in q["sql"]]  # nothing grouped
    official_with_history("Марат Оспанов")
    assert "Марат Оспанов" not in client.get(OFFICIALS_URL).content.decode()
    tasks.refresh_directory.delay()
    assert "Марат Оспанов" in client.get(OFFICIALS_URL).content.decode()


def test_officials_page_links_each_official_to_their_page(client):
    person = official_with_history()
    client.force_login(UserFactory(groups=[ANALYSTS]))

    response = client.get(OFFICIALS_URL)

    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/admin/meetings/person/{person.pk}/change/"' in body
    assert "Австрия" in body and "2025-11-02" in body
    assert "2026-01-20" not in body  # the rejected meeting is nobody's business but the reviewers'
    assert 'id="quality-link"' not in body  # analysts do not review


def test_officials_page_query_count_does_not_grow_with_officials(client):
    client.force_login(UserFactory(groups=[REVIEWERS]))
    official_with_history("Айдар Бекмуханов")
    one = query_count(client, OFFICIALS_URL)
    assert query_count(client, OFFICIALS_URL) < one  # kept five minutes in the cache
    for name in ("Марат Оспанов", "Анна Бергер", "Серик Жумабаев"):
        official_with_history(name)
    cache.clear()

    assert query_count(client, OFFICIALS_URL) == one


# Editors see people to merge two records of one person (issue 14); staff with no role see nothing.
@pytest.mark.parametrize(
    ("groups", "status"), [([REVIEWERS], 200), ([ANALYSTS], 200), ([EDITORS], 200), ([], 403)]
)
def test_officials_page_is_for_those_who_may_view_people(client, groups, status):
    client.force_login(UserFactory(groups=groups))

    assert client.get(OFFICIALS_URL).status_code == status


def test_person_list_and_admin_index_link_the_officials_and_the_report(client):
    client.force_login(UserFactory(groups=[REVIEWERS]))

    for url in (PEOPLE_URL, "/admin/"):
        body = client.get(url).content.decode()
        assert 'href="/admin/meetings/person/officials/"' in body
        assert 'href="/admin/meetings/person/quality/"' in body


def test_officials_from_a_real_extraction_are_listed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.store_bulletins(files=[(SEED.name, SEED.read_bytes())])
    reviewer = UserFactory(groups=[REVIEWERS])
    client.force_login(reviewer)

    rows = directory.officials(unpublished=True)
    body = client.get(OFFICIALS_URL).content.decode()

    assert rows, "the seed bulletin names Kazakh officials"
    assert all(row.first_seen is not None for row in rows)
    for row in rows:
        assert row.name in body
    # Nothing is published yet: an analyst sees none of them.
    client.force_login(UserFactory(groups=[ANALYSTS]))
    analysts_page = client.get(OFFICIALS_URL).content.decode()
    assert not any(row.name in analysts_page for row in rows)


# ---- the bulletin page -------------------------------------------------------------------------


def test_bulletin_page_lists_its_meetings_and_offers_reviewers_to_add_a_missed_one(client):
    bulletin = BulletinFactory()
    approved = MeetingFactory(bulletin=bulletin, review_state=ReviewState.APPROVED, location="Вена")
    MeetingFactory(bulletin=bulletin)
    client.force_login(UserFactory(groups=[REVIEWERS]))

    body = client.get(f"/admin/newsdesk/bulletin/{bulletin.pk}/change/").content.decode()

    section = body[body.index('id="bulletin-meetings"') :]
    assert f'href="/admin/meetings/meeting/{approved.pk}/change/"' in section
    assert "одобрена" in section and "на проверке" in section and "Вена" in section
    assert f'href="/admin/meetings/meeting/add/?bulletin={bulletin.pk}"' in section
    assert "Добавить пропущенную встречу" in section


def test_editors_see_the_bulletins_meetings_but_no_add_button(client):
    bulletin = BulletinFactory()
    MeetingFactory(bulletin=bulletin)
    client.force_login(UserFactory(groups=[EDITORS]))

    body = client.get(f"/admin/newsdesk/bulletin/{bulletin.pk}/change/").content.decode()

    assert 'id="bulletin-meetings"' in body
    assert "Добавить пропущенную встречу" not in body


def test_two_new_variants_that_match_alike_are_refused_with_a_message(client):
    person = PersonFactory(name="Анна Бергер")
    client.force_login(UserFactory(groups=[REVIEWERS]))
    data = {
        "name": person.name,
        "name_latin": "",
        "aliases-TOTAL_FORMS": "2",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-alias": "Анной Бергер",
        "aliases-1-alias": "анной  бергер",
    }

    response = client.post(f"{PEOPLE_URL}{person.pk}/change/", data)

    assert response.status_code == 200
    assert "указан дважды" in response.content.decode()
    assert not PersonAlias.objects.exists()


def test_a_busy_officials_page_shows_the_newest_postings_and_links_to_the_rest(client, monkeypatch):
    from meetings.admin import people as people_admin

    monkeypatch.setattr(people_admin, "POSTINGS_SHOWN", 2)
    person = official_with_history()  # four kz-side postings, two of them published
    client.force_login(UserFactory(groups=[REVIEWERS]))

    body = client.get(f"{PEOPLE_URL}{person.pk}/change/").content.decode()

    table = body[body.index('id="person-postings"') :]
    assert "2026-01-20" in table and "2025-12-05" in table and "2025-03-01" not in table
    assert "Показаны последние 2 из 4." in table
    assert f"/admin/meetings/meeting/?kz_person={person.pk}" in table


def test_the_officials_page_shows_them_a_page_at_a_time(client, monkeypatch):
    import meetings.admin.people as people_admin

    monkeypatch.setattr(people_admin, "OFFICIALS_PER_PAGE", 2)
    names = ("Айдар Бекмуханов", "Марат Оспанов", "Ерлан Сарыбаев")
    for name in names:
        official_with_history(name)
    client.force_login(UserFactory(groups=[ANALYSTS]))

    first = client.get(OFFICIALS_URL).content.decode()
    last = client.get(OFFICIALS_URL, {"page": "2"}).content.decode()
    bad = client.get(OFFICIALS_URL, {"page": "x"}).content.decode()  # a bad number: the first page

    on_first = {name for name in names if name in first}
    on_last = {name for name in names if name in last}
    assert len(on_first) == 2 and len(on_last) == 1 and on_first | on_last == set(names)
    assert "страница 1 из 2, всего 3" in first and '<a href="?page=2">' in first
    assert '<a href="?page=1">' in last
    assert {name for name in names if name in bad} == on_first
