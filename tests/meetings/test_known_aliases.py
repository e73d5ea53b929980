"""The learned aliases the extractor is given: read once per process, read again after any change
(a new alias, a renamed or merged person, a deleted alias), never a query of every alias per bulletin."""

from __future__ import annotations

import pytest

from meetings import extraction
from meetings.models import Person, PersonAlias
from meetings.services import people
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed (the aliases' generation moves on commit)."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


def test_aliases_are_read_once_and_again_only_after_a_change(committed, django_assert_num_queries):
    azamat = PersonFactory(name="Азамат Исагалиев")
    committed(lambda: people.learn_alias(person=azamat, alias="А. Исагалиев"))

    assert people.known_aliases() == {"а исагалиев": "Азамат Исагалиев"}
    with django_assert_num_queries(0):
        assert people.known_aliases() == {"а исагалиев": "Азамат Исагалиев"}

    def rename():
        azamat.name = "Азамат Исагалиев-Старший"
        azamat.save()

    committed(rename)
    assert people.known_aliases() == {"а исагалиев": "Азамат Исагалиев-Старший"}

    committed(lambda: PersonAlias.objects.get().delete())
    assert people.known_aliases() == {}


def test_a_save_that_does_not_rename_keeps_the_aliases_read(committed, django_assert_num_queries):
    azamat = PersonFactory(name="Азамат Исагалиев")
    committed(lambda: people.learn_alias(person=azamat, alias="А. Исагалиев"))
    people.known_aliases()

    azamat.is_kz_official = True
    committed(lambda: azamat.save(update_fields=["is_kz_official"]))
    with django_assert_num_queries(0):
        people.known_aliases()


def test_a_merge_moves_the_aliases_the_extractor_is_given(committed):
    kept, other = PersonFactory(name="Стево Пендаровски"), PersonFactory(name="Стево Пендаровский")
    committed(lambda: people.learn_alias(person=other, alias="С. Пендаровский"))
    assert people.known_aliases() == {"с пендаровский": "Стево Пендаровский"}

    committed(lambda: people.merge_people(keep=kept, merged=[other], user=UserFactory()))

    assert people.known_aliases()["с пендаровский"] == "Стево Пендаровски"
    assert people.known_aliases()["стево пендаровский"] == "Стево Пендаровски"
    assert not Person.objects.filter(pk=other.pk).exists()


def test_the_extractor_writes_the_canonical_name_of_an_alias_kept_in_normalised_form():
    text = (
        " date 2026-03-10 Встреча в Вене\n"
        "Астана, 10 марта 2026. Посол Казахстана в Австрии Е. Сарыбаев встретился с министром "
        "иностранных дел Австрии Томасом Краусом.\n"
    )
    plain = extraction.extract(text)["meetings"]
    aliased = extraction.extract(text, aliases={"е сарыбаев": "Ерлан Сарыбаев"})["meetings"]
    assert plain and plain[0]["kz_side"][0]["name"] == "Е. Сарыбаев"
    assert aliased[0]["kz_side"][0]["name"] == "Ерлан Сарыбаев"


def test_this_process_reads_an_alias_it_wrote_before_the_transaction_commits():
    azamat = PersonFactory(name="Азамат Исагалиев")
    assert people.known_aliases() == {}
    people.learn_alias(person=azamat, alias="А. Исагалиев")  # not committed: other processes wait
    assert people.known_aliases() == {"а исагалиев": "Азамат Исагалиев"}
