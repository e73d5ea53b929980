"""Which stored meeting a newly extracted event is: the identity that survives reviewers' corrections.

A reviewer who corrects a name teaches the extractor an alias, so the next reading of the same
bulletin writes the corrected name; a key built from the names as the machine first wrote them would
no longer find the reviewed record, and re-extraction would add a second copy of the event. So an
event is compared with a stored meeting through people, not spellings: every name is resolved
through the learned aliases first, and the meeting is compared both as the machine read it and as
the reviewer left it. Pure functions over plain values: no database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

Resolve = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class EventIdentity:
    """Who took part on each side (resolved name keys) and where the bulletin says so."""

    kz: frozenset[str]
    counterparts: frozenset[str]
    evidence: tuple[int, int] | None

    def same_people(self, other: EventIdentity) -> bool:
        return self.kz == other.kz and self.counterparts == other.counterparts

    def same_passage(self, other: EventIdentity) -> bool:
        """The same sentence read with at least one person in common on each side.

        This catches a reading whose names a newer extractor spells differently; two meetings reported
        in one sentence share at most one side (the official who held both), so they stay apart.
        """
        if self.evidence is None or other.evidence is None:
            return False
        (start, end), (other_start, other_end) = self.evidence, other.evidence
        overlaps = start < other_end and other_start < end
        return overlaps and bool(self.kz & other.kz) and bool(self.counterparts & other.counterparts)


def identity_of(data: Mapping, resolve: Resolve) -> EventIdentity:
    """The identity of one meeting in the contract's JSON form (``spec/extraction.md``)."""
    evidence = data.get("evidence") or {}
    start, end = evidence.get("start"), evidence.get("end")
    return EventIdentity(
        kz=side_keys(data.get("kz_side") or [], resolve),
        counterparts=side_keys(data.get("counterparts") or [], resolve),
        evidence=(start, end) if isinstance(start, int) and isinstance(end, int) else None,
    )


def side_keys(entries: Iterable[Mapping], resolve: Resolve) -> frozenset[str]:
    keys = set()
    for entry in entries:
        name = entry.get("name") or ""
        organization = entry.get("organization") or ""
        key = resolve(name) if name.strip() else ("org:" + resolve(organization) if organization else "")
        if key:
            keys.add(key)
    return frozenset(keys)


def match_events(found: list[EventIdentity], kept: Mapping[int, list[EventIdentity]]) -> dict[int, int]:
    """Pair new events with the stored meetings they are: ``{event index: meeting id}``.

    ``kept`` gives each stored meeting that must not be replaced its identities (as the machine read
    it, as it stands now). Each meeting takes at most one event: first the events read from the same
    passage, then those with exactly the same people anywhere in the bulletin.
    """
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    rules: list[Callable[[EventIdentity, EventIdentity], bool]] = [
        lambda event, known: event.same_people(known) and event.evidence == known.evidence,
        lambda event, known: event.same_passage(known),
        lambda event, known: event.same_people(known),
    ]
    for rule in rules:
        for index, event in enumerate(found):
            if index in pairs:
                continue
            for meeting_id, identities in kept.items():
                if meeting_id not in taken and any(rule(event, known) for known in identities):
                    pairs[index] = meeting_id
                    taken.add(meeting_id)
                    break
    return pairs
