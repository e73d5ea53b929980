"""People: one Person per real person, found by canonical name or by a learned alias."""

from __future__ import annotations

import time
from collections.abc import Iterable

import iuliia
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Count
from simple_history.utils import bulk_update_with_history

from meetings.extraction.names import name_key  # the one normalisation of names
from meetings.models import Participant, Person, PersonAlias
from meetings.selectors.cached import peek, store

# Letters of a surname compared to suggest that two records are one person: Russian spellings of
# one foreign surname differ in the ending («-ски», «-ский»; «-ев», «-ева» never share a posting).
SURNAME_STEM = 6


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


class NameLookup:
    """The names of one bulletin and the people they stand for, looked up together.

    Built with one query (the learned aliases of all ``names``); :meth:`resolve` then answers from
    memory, and :meth:`persons` finds or creates the people of a batch of names with one or two
    queries more: never a query per name.
    """

    def __init__(self, names: Iterable[str]) -> None:
        keys = {name_key(name) for name in names} - {""}
        self.by_alias: dict[str, Person] = {
            alias.alias_key: alias.person
            for alias in PersonAlias.objects.select_related("person").filter(alias_key__in=keys)
        }

    def resolve(self, name: str) -> str:
        """The key of the person ``name`` stands for: through a learned alias, else its own key."""
        key = name_key(name)
        person = self.by_alias.get(key)
        return person.name_key if person is not None else key

    def persons(self, names: Iterable[tuple[str, bool]]) -> dict[str, Person]:
        """The Person of each ``(name, is_kz_official)``, by the name's key: ``{name_key: Person}``.

        As :func:`find_or_create_person` does name by name: a learned alias first, then the canonical
        name (one query for all), else a new Person named as the name is first written, created
        together with the others (one insert, then one query for their ids). A person named on the
        Kazakh side is marked an official (one update for all who were not). Keys are inserted in
        sorted order, so workers creating the same new people at once wait for each other instead of
        deadlocking; a person another worker created a moment ago is found, not duplicated.
        """
        wanted: dict[str, tuple[str, bool]] = {}
        for name, is_kz_official in names:
            key = name_key(name)
            if not key:
                continue
            first, official = wanted.get(key, (name, False))
            wanted[key] = (first, official or is_kz_official)
        found = {key: self.by_alias[key] for key in wanted if key in self.by_alias}
        rest = [key for key in wanted if key not in found]
        if rest:
            found.update({person.name_key: person for person in Person.objects.filter(name_key__in=rest)})
        missing = sorted(key for key in rest if key not in found)
        if missing:
            Person.objects.bulk_create(
                [
                    Person(
                        name=wanted[key][0],
                        name_key=key,
                        name_latin=latin(wanted[key][0]),
                        is_kz_official=wanted[key][1],
                    )
                    for key in missing
                ],
                ignore_conflicts=True,  # created by a concurrent worker a moment ago
            )
            found.update({person.name_key: person for person in Person.objects.filter(name_key__in=missing)})
        officials = {
            person.pk: person for key, person in found.items() if wanted[key][1] and not person.is_kz_official
        }
        if officials:
            Person.objects.filter(pk__in=sorted(officials)).update(is_kz_official=True)
            for person in officials.values():
                person.is_kz_official = True
        return found


ALIASES_GENERATION_KEY = "meetings:aliases-generation"
ALIASES_GENERATION_TTL = 30 * 24 * 3600  # should it expire, a new one is made: every process reads once
_known_aliases: tuple[str, dict[str, str]] = ("", {})


def known_aliases() -> dict[str, str]:
    """Every learned alias (its key, the form :func:`name_key` gives) → the canonical name of its
    person, for the extractor's ``aliases`` argument.

    Each task used to read them all, a query of every alias (thousands on an archive) per bulletin.
    This process keeps them while the aliases' generation in the shared cache stays the one they
    were read at; :func:`aliases_changed`, called after any change to an alias or to a person's
    name, makes the next call read them again. With no cache reachable every call reads them."""
    global _known_aliases
    generation = peek(ALIASES_GENERATION_KEY)
    if generation is None:
        generation = new_aliases_generation()
    if _known_aliases[0] != generation:
        # Read after the generation: a change committed meanwhile has bumped it, and is read next time.
        _known_aliases = (generation, dict(PersonAlias.objects.values_list("alias_key", "person__name")))
    return _known_aliases[1]


def aliases_changed() -> None:
    """Aliases or a person's name changed: this process reads the aliases again at once (it sees
    its own transaction's writes), every other once this transaction commits (one reading before
    would keep the old ones under the new generation)."""
    global _known_aliases
    _known_aliases = ("", {})
    transaction.on_commit(new_aliases_generation)


def new_aliases_generation() -> str:
    generation = str(time.time_ns())
    store(ALIASES_GENERATION_KEY, generation, timeout=ALIASES_GENERATION_TTL)
    return generation


def alias_written(sender, **kwargs) -> None:
    """post_save and post_delete of PersonAlias (a reviewer's correction, the admin, a cascade)."""
    aliases_changed()


def person_saved(sender, instance: Person, created: bool, update_fields=None, **kwargs) -> None:
    """post_save of Person: a rename changes what its aliases stand for (other saves do not)."""
    if not created and (update_fields is None or "name" in update_fields):
        aliases_changed()


class MergeRefused(ValueError):
    """Records that cannot be one person (two of them took part in one meeting)."""


def merge_people(*, keep: Person, merged: Iterable[Person], user: User) -> Person:
    """Make ``merged`` (two records of one real person: «Стево Пендаровски» and «Стево
    Пендаровский») part of ``keep``, all or nothing: their participations and aliases move to it,
    each merged name becomes its alias (so later extractions resolve to ``keep``), an official
    stays an official, a Latin form staff set survives, and the merged records are deleted. History
    records ``user`` on every participation moved and on both people."""
    others = [person for person in merged if person.pk != keep.pk]
    if not others:
        return keep
    together = (
        Participant.objects.filter(person__in=[keep, *others])
        .values("meeting_id")
        .annotate(people=Count("person", distinct=True))
        .filter(people__gt=1)
        .order_by("meeting_id")
        .values_list("meeting_id", flat=True)
        .first()
    )
    if together is not None:
        raise MergeRefused(f"они участвуют в одной встрече (№ {together}): это разные люди")
    with transaction.atomic():
        moved = list(Participant.objects.filter(person__in=others))
        for participant in moved:
            participant.person = keep
        bulk_update_with_history(moved, Participant, ["person"], batch_size=1000, default_user=user)
        PersonAlias.objects.filter(person__in=others).update(person=keep)
        aliases_changed()  # an update sends no signal
        if any(person.is_kz_official for person in others):
            keep.is_kz_official = True
        chosen = next((person for person in others if person.latin_source), None)
        if chosen is not None and not keep.latin_source:
            keep.name_latin, keep.latin_source = chosen.name_latin, chosen.latin_source
        keep._history_user = user  # type: ignore[attr-defined]
        keep.save()
        for person in others:
            person._history_user = user  # type: ignore[attr-defined]
            person.delete()
            learn_alias(person=keep, alias=person.name, user=user)
    return keep


def likely_same(officials: Iterable[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """Pairs of (person id, person id) among ``officials`` (id, name, posting) that are likely one
    person: the same posting and the same surname up to its ending («Пендаровски», «Пендаровский»)."""
    groups: dict[tuple[str, str], list[int]] = {}
    for person_id, name, posting in officials:
        words = name_key(name).split()
        if words and posting:
            groups.setdefault((words[-1][:SURNAME_STEM], posting), []).append(person_id)
    return [(ids[0], other) for ids in groups.values() for other in ids[1:]]
