"""People: one Person per real person, found by canonical name or by a learned alias."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import iuliia
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from meetings.extraction.names import name_key  # the one normalisation of names
from meetings.models import Person, PersonAlias


def latin(name: str) -> str:
    """Latin transliteration as in passports (ICAO Doc 9303)."""
    return iuliia.ICAO_DOC_9303.translate(name)


def find_person(name: str) -> Person | None:
    key = name_key(name)
    if not key:
        return None
    alias = PersonAlias.objects.select_related("person").filter(alias_key=key).first()
    if alias is not None:
        return alias.person
    return Person.objects.filter(name_key=key).first()


def find_or_create_person(name: str, *, is_kz_official: bool) -> Person | None:
    """The person a name stands for: by alias, then canonical name, else a new Person."""
    if not name_key(name):
        return None
    person = find_person(name)
    if person is None:
        try:
            with transaction.atomic():
                person = Person.objects.create(
                    name=name, name_key=name_key(name), name_latin=latin(name), is_kz_official=is_kz_official
                )
        except IntegrityError:  # created by a concurrent worker a moment ago
            person = Person.objects.get(name_key=name_key(name))
    if is_kz_official and not person.is_kz_official:
        person.is_kz_official = True
        person.save(update_fields=["is_kz_official"])
    return person


def learn_alias(*, person: Person, alias: str, user: User | None = None) -> PersonAlias | None:
    """Remember ``alias`` as a form of ``person``'s name (a machine's reading a reviewer corrected)."""
    key = name_key(alias)
    if not key or key == person.name_key:
        return None
    existing = PersonAlias.objects.filter(alias_key=key).first()
    if existing is not None:
        if existing.person_id != person.pk:
            existing.person = person
            existing.save(update_fields=["person"])
        return existing
    return PersonAlias.objects.create(person=person, alias=alias, alias_key=key, created_by=user)


def name_resolver(names: Iterable[str]) -> Callable[[str], str]:
    """A function from a name to the key of the person it stands for, through learned aliases.

    One query for all of ``names``; a name with no alias resolves to its own :func:`name_key`.
    """
    keys = {name_key(name) for name in names} - {""}
    person_keys = dict(
        PersonAlias.objects.filter(alias_key__in=keys).values_list("alias_key", "person__name_key")
    )

    def resolve(name: str) -> str:
        key = name_key(name)
        return person_keys.get(key, key)

    return resolve


def known_aliases() -> dict[str, str]:
    """Alias form → canonical name, for the extractor's ``aliases`` argument."""
    return {alias: name for alias, name in PersonAlias.objects.values_list("alias", "person__name")}
