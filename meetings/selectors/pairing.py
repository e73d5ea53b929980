"""The one rule pairing the machine's output with a meeting's current participants.

The review page (what the reviewer changed) and the quality report (how often the machine was
right) both read a meeting through :func:`machine_pairs`, so they always agree on which current
participant a machine entry became.
"""

from __future__ import annotations

from collections.abc import Iterable

from meetings.models import Meeting, Participant, Side
from meetings.services.people import name_key

SIDE_KEYS = ((Side.KZ, "kz_side"), (Side.COUNTERPART, "counterparts"))


def machine_pairs(meeting: Meeting) -> list[tuple[str, dict | None, Participant | None]]:
    """(side, machine entry, participant) for both sides of ``meeting`` (participants prefetched or
    not): an entry without a participant was removed by a reviewer, a participant without an entry
    was added by one."""
    output = meeting.machine_output or {}
    participants = list(meeting.participants.all())
    return [
        (side, entry, participant)
        for side, key in SIDE_KEYS
        for entry, participant in pair_slots(
            output.get(key) or [], [p for p in participants if p.side == side]
        )
    ]


def pair_slots(
    entries: list[dict], participants: list[Participant]
) -> Iterable[tuple[dict | None, Participant | None]]:
    """Pair the machine's entries of one side with the participants they became.

    A participant made from entry ``i`` keeps ``order == i`` and the machine's name in
    ``machine_name``; failing the order (a reviewer reordered), the machine name alone pairs them.
    Entries left over were removed by a reviewer; participants left over were added by one.
    """
    free = list(participants)
    pairs: list[tuple[dict | None, Participant | None]] = []
    unpaired: list[dict] = []
    for index, entry in enumerate(entries):
        key = name_key(text(entry.get("name")))
        match = next((p for p in free if p.order == index and name_key(p.machine_name) == key), None)
        if match is None:
            unpaired.append(entry)
        else:
            free.remove(match)
            pairs.append((entry, match))
    for entry in unpaired:
        key = name_key(text(entry.get("name")))
        match = next((p for p in free if key and name_key(p.machine_name) == key), None)
        if match is not None:
            free.remove(match)
        pairs.append((entry, match))
    pairs.extend((None, participant) for participant in free)
    return pairs


def text(value: object) -> str:
    return "" if value is None else str(value).strip()
