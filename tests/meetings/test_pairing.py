"""One pairing of the machine's output with current participants: the review page and the quality
report read a corrected meeting the same way."""

from __future__ import annotations

import pytest

from meetings.evaluation import metrics
from meetings.extraction import names
from meetings.models import Meeting, Participant
from meetings.selectors import queue, reports
from meetings.services import people, records, review
from tests.factories import BulletinFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected():
    """The machine read Сарыбаев with Краус and Бергер; a reviewer removed Краус, renamed Бергер
    and moved her first, and added Мори."""
    bulletin = BulletinFactory()
    person = {"role": "ambassador", "posting": "Австрия", "name": "Ерлан Сарыбаев"}
    records.save_meetings(
        bulletin,
        {
            "extractor_version": "9.9",
            "meetings": [
                {
                    "kind": "meeting",
                    "kz_side": [person],
                    "counterparts": [
                        {"name": "Томас Краус", "country": "Австрия"},
                        {"name": "Анна Бергер", "country": "Австрия"},
                    ],
                    "location": None,
                    "topics": [],
                    "evidence": {"start": 0, "end": 10},
                    "confidence": 0.8,
                }
            ],
        },
    )
    meeting = Meeting.objects.get()
    kraus = meeting.participants.get(name="Томас Краус")
    berger = meeting.participants.get(name="Анна Бергер")
    berger.name, berger.order = "Анна Бергерова", 0
    review.edit_meeting(
        meeting_id=meeting.pk,
        version=meeting.version,
        changes={},
        participants=review.ParticipantEdits(
            changed=[(berger, ["name", "order"])],
            added=[Participant(side="counterpart", name="Юки Мори", country="Япония")],
            removed=[kraus],
        ),
        user=UserFactory(),
    )
    return Meeting.objects.get()


def test_the_review_page_and_the_quality_report_pair_participants_alike(corrected):
    compared = [(item.side, item.title, item.status) for item in queue.machine_vs_current(corrected)]
    diffs = reports.meeting_diffs(corrected)

    assert compared == [
        ("kz", "Ерлан Сарыбаев", ""),
        ("counterpart", "Томас Краус", "removed"),
        ("counterpart", "Анна Бергерова", ""),  # moved and renamed, still the machine's Бергер
        ("counterpart", "Юки Мори", "added"),
    ]
    # The report reads the same slots in the same order: removed, renamed, added; our side unchanged.
    assert [changed for name, changed in diffs if name == "counterpart_name"] == [True, True, True]
    assert [changed for name, changed in diffs if name == "kz_name"] == [False]
    assert [changed for name, changed in diffs if name == "country"] == [True, False, True]


def test_names_are_normalised_by_one_function_everywhere():
    assert people.name_key is names.name_key
    assert names.name_key("  Ерлан  Сарыбаёв, мл. ") == "ерлан сарыбаев мл"
    assert metrics.norm("  Ерлан  Сарыбаёв, мл. ") == "ерлан сарыбаев мл"
    assert (names.name_key("«…»"), metrics.norm("«…»")) == ("", None)
