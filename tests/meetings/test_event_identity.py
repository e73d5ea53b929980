"""Pairing new readings with stored meetings: pure rules, no database."""

from __future__ import annotations

import pytest

from meetings.services.event_identity import EventIdentity, match_events


def event(kz, counterparts, evidence=(0, 50)):
    return EventIdentity(kz=frozenset(kz), counterparts=frozenset(counterparts), evidence=evidence)


@pytest.mark.parametrize(
    ("found", "kept", "expected"),
    [
        ([event({"a"}, {"b"})], {1: [event({"a"}, {"b"})]}, {0: 1}),
        ([event({"a"}, {"b"}, (100, 150))], {1: [event({"a"}, {"b"})]}, {0: 1}),
        ([event({"a"}, {"b", "c2"})], {1: [event({"a"}, {"b", "c"})]}, {0: 1}),
        ([event({"a"}, {"d"})], {1: [event({"a"}, {"b"})]}, {}),
        ([event({"a"}, {"b"}, None)], {1: [event({"x"}, {"y"}), event({"a"}, {"b"}, None)]}, {0: 1}),
        (
            [event({"a"}, {"b"}, (0, 50)), event({"a"}, {"b"}, (100, 150))],
            {1: [event({"a"}, {"b"}, (100, 150))]},
            {1: 1},
        ),
    ],
    ids=[
        "same-people-same-sentence",
        "same-people-elsewhere",
        "one-respelled-name-same-sentence",
        "another-counterpart",
        "either-stored-reading",
        "each-meeting-takes-one-event-by-passage-first",
    ],
)
def test_new_readings_are_paired_with_the_stored_meetings_they_are(found, kept, expected):
    assert match_events(found, kept) == expected
