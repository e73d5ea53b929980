"""Two records of one person merged in one step (issue 14): meetings and aliases move to the kept
record, the other name becomes its alias (later extractions find the kept person), history
records who merged; the officials page suggests likely pairs."""

from __future__ import annotations

import datetime

import pytest

from meetings.models import Participant, Person, PersonAlias
from meetings.services import people
from newsdesk.roles import ANALYSTS, EDITORS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
MERGE = "/admin/meetings/person/merge/"


def took_part(person, posting="Северная Македония", day=datetime.date(2026, 2, 1)):
    meeting = MeetingFactory(bulletin=BulletinFactory(date=day), review_state="approved")
    return ParticipantFactory(meeting=meeting, person=person, name=person.name, side="kz", posting=posting)


@pytest.fixture
def twins():
    kept = PersonFactory(name="Стево Пендаровски", is_kz_official=True)
    other = PersonFactory(
        name="Стево Пендаровский", name_latin="Stevo Pendarovski", latin_source="president.mk"
    )
    PersonAlias.objects.create(person=other, alias="Пендаровского", alias_key="пендаровского")
    took_part(kept)
    took_part(other)
    took_part(other, day=datetime.date(2026, 3, 1))
    return kept, other


def test_an_editor_merges_two_records_in_one_step(client, twins):
    kept, other = twins
    editor = UserFactory(groups=[EDITORS])
    client.force_login(editor)

    page = client.get(MERGE, {"ids": f"{kept.pk},{other.pk}"}).content.decode()
    assert "Стево Пендаровски" in page and "Стево Пендаровский" in page
    response = client.post(f"{MERGE}?ids={kept.pk},{other.pk}", {"keep": kept.pk})

    assert response.status_code == 302 and response["Location"] == f"/admin/meetings/person/{kept.pk}/change/"
    assert not Person.objects.filter(pk=other.pk).exists()
    assert Participant.objects.filter(person=kept).count() == 3
    assert set(kept.aliases.values_list("alias", flat=True)) == {"Пендаровского", "Стево Пендаровский"}
    kept.refresh_from_db()
    assert (kept.is_kz_official, kept.name_latin, kept.latin_kind) == (True, "Stevo Pendarovski", "set")
    moved = Participant.history.filter(person_id=kept.pk, history_type="~")
    assert moved.count() == 2 and {h.history_user for h in moved} == {editor}
    assert Person.history.filter(id=other.pk, history_type="-").get().history_user == editor
    assert people.find_person("Стево Пендаровский") == kept  # later extractions resolve to it


def test_merging_wants_two_people_a_choice_and_the_permission(client, twins):
    kept, other = twins
    client.force_login(UserFactory(groups=[ANALYSTS]))
    assert client.get(MERGE, {"ids": f"{kept.pk},{other.pk}"}).status_code == 403
    client.force_login(UserFactory(groups=[REVIEWERS]))
    one = client.get(MERGE, {"ids": f"{kept.pk},x,{'9' * 30}"}, follow=True).content.decode()
    assert "Выберите хотя бы две" in one
    unchosen = client.post(f"{MERGE}?ids={kept.pk},{other.pk}", {"keep": "999999"}).content.decode()
    assert "Отметьте запись, которую оставить" in unchosen
    assert Person.objects.filter(pk=other.pk).exists()


def test_the_officials_page_suggests_likely_pairs_to_those_who_may_merge(client, twins):
    kept, other = twins
    other.is_kz_official = True
    other.save()
    PersonFactory(name="Стево Иванов", is_kz_official=True)
    client.force_login(UserFactory(groups=[REVIEWERS]))
    body = client.get("/admin/meetings/person/officials/").content.decode()
    assert 'id="likely-same"' in body
    assert f"{MERGE}?ids={kept.pk},{other.pk}" in body or f"{MERGE}?ids={other.pk},{kept.pk}" in body
    client.force_login(UserFactory(groups=[ANALYSTS]))
    assert 'id="likely-same"' not in client.get("/admin/meetings/person/officials/").content.decode()


@pytest.mark.parametrize(
    ("names", "pairs"),
    [
        ([(1, "Стево Пендаровски", "Македония"), (2, "Стево Пендаровский", "Македония")], [(1, 2)]),
        ([(1, "А. Исагалиев", "Египет"), (2, "Азамат Исагалиев", "Египет")], [(1, 2)]),
        ([(1, "Азамат Исагалиев", "Египет"), (2, "Азамат Исагалиев", "Турция")], []),  # other postings
        ([(1, "Ерлан Сарыбаев", "Австрия"), (2, "Ерлан Оспанов", "Австрия")], []),
    ],
)
def test_likely_pairs_share_a_posting_and_a_surname_up_to_its_ending(names, pairs):
    assert people.likely_same(names) == pairs


def test_people_who_met_each_other_are_never_merged(client, twins):
    kept, other = twins
    together = took_part(kept)
    ParticipantFactory(meeting=together.meeting, person=other, name=other.name, side="counterpart")
    client.force_login(UserFactory(groups=[REVIEWERS]))

    page = client.post(f"{MERGE}?ids={kept.pk},{other.pk}", {"keep": kept.pk}, follow=True).content.decode()

    assert "Не объединено" in page and "это разные люди" in page
    assert Person.objects.filter(pk=other.pk).exists()


def test_a_merge_is_in_the_kept_persons_admin_history_and_too_many_are_refused(client, twins):
    kept, other = twins
    client.force_login(UserFactory(groups=[REVIEWERS]))
    client.post(f"{MERGE}?ids={kept.pk},{other.pk}", {"keep": kept.pk})
    history = client.get(f"/admin/meetings/person/{kept.pk}/history/").content.decode()
    assert "Стево Пендаровский" in history
    many = ",".join(str(n) for n in range(1, 13))
    assert "не больше 10 записей" in client.get(MERGE, {"ids": many}, follow=True).content.decode()


def test_a_rename_keeps_the_machines_latin_form_in_step_and_cyrillic_is_refused(client):
    person = PersonFactory(name="Ангелос Сиригос")
    client.force_login(UserFactory(groups=[REVIEWERS]))
    form = {"name": "Ангелос Сиригос", "name_latin": person.name_latin, "latin_source": ""}
    formsets = {"aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"}

    client.post(
        f"/admin/meetings/person/{person.pk}/change/", {**form, **formsets, "name": "Ангелос Сиригос-Младший"}
    )
    person.refresh_from_db()
    assert (person.name, person.name_latin) == ("Ангелос Сиригос-Младший", "Angelos Sirigos-Mladshii")

    cyrillic = {**form, **formsets, "name_latin": "Антониу", "latin_source": "un.org"}
    refused = client.post(f"/admin/meetings/person/{person.pk}/change/", cyrillic).content.decode()
    assert "не может содержать кириллицу" in refused
