"""Saving extraction results as meeting records: idempotent, and reviewed work is never overwritten."""

from __future__ import annotations

import copy

import pytest

from meetings.models import Meeting, Origin, Participant, Person, PersonAlias, ReviewState
from meetings.services import records, review
from tests.factories import BulletinFactory, UserFactory

pytestmark = pytest.mark.django_db


def person_entry(name, **fields):
    return {"name": name, "mention": None, **fields}


def meeting_data(kz="Ерлан Сарыбаев", counterparts=("Томас Краус",), kind="meeting", evidence=(40, 90)):
    return {
        "kind": kind,
        "kz_side": [
            person_entry(kz, position="посол Казахстана в Австрии", role="ambassador", posting="Австрия")
        ],
        "counterparts": [
            person_entry(name, position="министр", organization="МИД Австрии", country="Австрия")
            for name in counterparts
        ],
        "location": "Вена",
        "topics": ["двустороннее сотрудничество"],
        "evidence": {"start": evidence[0], "end": evidence[1]},
        "confidence": 0.9,
    }


def result(*meetings, version="9.9"):
    return {"extractor_version": version, "meetings": [copy.deepcopy(m) for m in meetings]}


def snapshot(bulletin):
    return sorted(
        (m.pk, m.kind, m.match_key, tuple(sorted(p.name for p in m.participants.all())))
        for m in bulletin.meetings.all()
    )


def test_an_extraction_result_becomes_meetings_with_participants_and_people():
    bulletin = BulletinFactory()
    records.save_meetings(bulletin, result(meeting_data(counterparts=("Томас Краус", "Анна Бергер"))))

    meeting = Meeting.objects.get(bulletin=bulletin)
    assert (meeting.kind, meeting.location, meeting.review_state, meeting.origin) == (
        "meeting",
        "Вена",
        ReviewState.PENDING,
        Origin.MACHINE,
    )
    assert meeting.extractor_version == "9.9"
    assert meeting.machine_output["kz_side"][0]["name"] == "Ерлан Сарыбаев"
    kz = meeting.participants.get(side="kz")
    assert (kz.name, kz.machine_name, kz.role, kz.posting) == (
        "Ерлан Сарыбаев",
        "Ерлан Сарыбаев",
        "ambassador",
        "Австрия",
    )
    assert kz.person.is_kz_official and kz.person.name_latin == "Erlan Sarybaev"
    assert sorted(meeting.participants.filter(side="counterpart").values_list("name", flat=True)) == [
        "Анна Бергер",
        "Томас Краус",
    ]


def test_saving_the_same_result_twice_gives_the_same_rows():
    bulletin = BulletinFactory()
    data = result(meeting_data(), meeting_data(kz="Айгерим Нуржанова", counterparts=("Ян Новак",)))
    records.save_meetings(bulletin, data)
    first = snapshot(bulletin)
    records.save_meetings(bulletin, data)

    assert snapshot(bulletin) == first
    assert Person.objects.count() == 4


def test_the_same_ambassador_in_two_bulletins_is_one_person():
    records.save_meetings(BulletinFactory(), result(meeting_data(counterparts=("Томас Краус",))))
    records.save_meetings(BulletinFactory(), result(meeting_data(counterparts=("Анна Бергер",))))

    assert Person.objects.filter(name="Ерлан Сарыбаев").count() == 1
    assert Participant.objects.filter(person__name="Ерлан Сарыбаев").count() == 2


def test_a_new_reading_replaces_unreviewed_machine_records():
    bulletin = BulletinFactory()
    records.save_meetings(bulletin, result(meeting_data(counterparts=("Томас Крауз",))))
    records.save_meetings(bulletin, result(meeting_data(counterparts=("Томас Краус",))))

    assert list(Participant.objects.filter(side="counterpart").values_list("name", flat=True)) == [
        "Томас Краус"
    ]
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("state", ["approve", "reject"])
def test_reviewed_meetings_are_never_overwritten_nor_duplicated_by_re_extraction(state):
    bulletin = BulletinFactory()
    reviewer = UserFactory()
    records.save_meetings(bulletin, result(meeting_data()))
    meeting = Meeting.objects.get()
    if state == "approve":
        review.approve_meeting(meeting_id=meeting.pk, reviewer=reviewer, version=meeting.version)
    else:
        review.reject_meeting(meeting_id=meeting.pk, reviewer=reviewer, version=meeting.version, reason="фон")

    changed = meeting_data()
    changed["location"] = "Грац"
    records.save_meetings(bulletin, result(changed, version="10.0"))

    kept = Meeting.objects.get()
    assert kept.pk == meeting.pk
    assert (kept.location, kept.extractor_version) == ("Вена", "9.9")


def test_an_edited_meeting_survives_re_extraction_and_a_vanished_unreviewed_one_goes():
    bulletin = BulletinFactory()
    records.save_meetings(bulletin, result(meeting_data(), meeting_data(kz="Айгерим Нуржанова")))
    edited = Meeting.objects.get(participants__name="Ерлан Сарыбаев")
    review.edit_meeting(
        meeting_id=edited.pk,
        version=edited.version,
        changes={"location": "Линц"},
        participants=review.ParticipantEdits(),
        user=UserFactory(),
    )

    records.save_meetings(bulletin, result(meeting_data(), version="10.0"))

    assert list(bulletin.meetings.values_list("location", flat=True)) == ["Линц"]


def test_two_meetings_with_the_same_people_in_one_bulletin_stay_two():
    bulletin = BulletinFactory()
    records.save_meetings(bulletin, result(meeting_data(evidence=(10, 20)), meeting_data(evidence=(50, 60))))

    assert bulletin.meetings.count() == 2


def test_an_unnamed_counterpart_is_kept_without_a_person():
    bulletin = BulletinFactory()
    data = meeting_data(counterparts=())
    data["counterparts"] = [
        {"name": None, "organization": "Сенат Франции", "country": "Франция", "mention": None}
    ]
    records.save_meetings(bulletin, result(data))

    unnamed = Participant.objects.get(side="counterpart")
    assert (unnamed.name, unnamed.person, unnamed.organization) == ("", None, "Сенат Франции")


def test_a_learned_alias_links_later_readings_to_the_corrected_person():
    person = Person.objects.create(name="Томас Краус", name_key="томас краус")
    PersonAlias.objects.create(person=person, alias="Томасом Краусом", alias_key="томасом краусом")
    records.save_meetings(BulletinFactory(), result(meeting_data(counterparts=("Томасом Краусом",))))

    assert Participant.objects.get(side="counterpart").person == person


@pytest.mark.parametrize("decision", ["approve", "reject", "edit only"])
def test_re_extraction_after_a_name_correction_adds_no_second_record(decision):
    bulletin = BulletinFactory()
    reviewer = UserFactory()
    records.save_meetings(bulletin, result(meeting_data(counterparts=("Томасом Краусом",))))
    meeting = Meeting.objects.get()
    counterpart = meeting.participants.get(side="counterpart")
    counterpart.name = "Томас Краус"
    meeting = review.edit_meeting(
        meeting_id=meeting.pk,
        version=meeting.version,
        changes={},
        participants=review.ParticipantEdits(changed=[(counterpart, ["name"])]),
        user=reviewer,
    )
    if decision == "approve":
        review.approve_meeting(meeting_id=meeting.pk, reviewer=reviewer, version=meeting.version)
    elif decision == "reject":
        review.reject_meeting(meeting_id=meeting.pk, reviewer=reviewer, version=meeting.version, reason="нет")

    # The learned alias makes the extractor write the corrected name now.
    records.save_meetings(bulletin, result(meeting_data(counterparts=("Томас Краус",)), version="10.0"))
    # And an extractor that still writes the old form finds the same record too.
    records.save_meetings(bulletin, result(meeting_data(counterparts=("Томасом Краусом",)), version="10.1"))

    assert list(Meeting.objects.values_list("pk", flat=True)) == [meeting.pk]


def test_a_newer_spelling_of_one_person_in_the_same_sentence_is_the_reviewed_event():
    bulletin = BulletinFactory()
    records.save_meetings(bulletin, result(meeting_data(counterparts=("Томас Краус", "Анна Бергер"))))
    meeting = Meeting.objects.get()
    review.approve_meeting(meeting_id=meeting.pk, reviewer=UserFactory(), version=meeting.version)

    respelled = meeting_data(counterparts=("Томас Краус", "Анна Бергерова"))
    records.save_meetings(bulletin, result(respelled, version="10.0"))

    assert list(Meeting.objects.values_list("pk", flat=True)) == [meeting.pk]


def test_a_meeting_the_reviewer_added_by_hand_is_not_added_again_when_the_extractor_learns_it():
    bulletin = BulletinFactory()
    reviewer = UserFactory()
    added = review.add_missed_meeting(
        meeting=Meeting(bulletin=bulletin, kind="meeting", evidence_start=40, evidence_end=90),
        reviewer=reviewer,
        participants=[
            Participant(side="kz", name="Ерлан Сарыбаев"),
            Participant(side="counterpart", name="Томас Краус"),
        ],
    )

    records.save_meetings(bulletin, result(meeting_data()))

    assert list(Meeting.objects.values_list("pk", flat=True)) == [added.pk]


def test_another_meeting_of_the_same_official_in_the_same_sentence_is_still_a_new_record():
    bulletin = BulletinFactory()
    records.save_meetings(bulletin, result(meeting_data()))
    meeting = Meeting.objects.get()
    review.approve_meeting(meeting_id=meeting.pk, reviewer=UserFactory(), version=meeting.version)

    records.save_meetings(bulletin, result(meeting_data(), meeting_data(counterparts=("Ян Новак",))))

    assert Meeting.objects.count() == 2
    assert Meeting.objects.exclude(pk=meeting.pk).get().participants.filter(name="Ян Новак").exists()
