"""The quality report: how often reviewers changed each field of the machine's output."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import meetings.admin.people  # noqa: F401  registers PersonAdmin (and its report page)
from meetings.models import Meeting, Origin, Participant
from meetings.selectors import reports
from meetings.services import records, review
from newsdesk.roles import ANALYSTS, EDITORS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/meetings/person/quality/"


def kz(name, role="ambassador", posting="Австрия"):
    return {"name": name, "position": f"посол ({posting})", "role": role, "posting": posting, "mention": None}


def counterpart(name, country="Австрия"):
    return {"name": name, "position": "министр", "organization": "", "country": country, "mention": None}


def machine_meeting(bulletin, version, *, kind="meeting", kz_side=(), counterparts=()) -> Meeting:
    """A meeting saved from a machine result through the real records path."""
    data = {"kind": kind, "kz_side": list(kz_side), "counterparts": list(counterparts), "topics": []}
    before = set(bulletin.meetings.values_list("pk", flat=True))
    records.save_meetings(bulletin, {"extractor_version": version, "meetings": [data]})
    (meeting,) = bulletin.meetings.exclude(pk__in=before)
    return meeting


def participant(meeting, machine_name) -> Participant:
    return meeting.participants.get(machine_name=machine_name)


def correct(meeting, reviewer, changes=None, **edits):
    """A reviewer's correction through the service the review page uses (marks the meeting edited)."""
    meeting.refresh_from_db()
    review.edit_meeting(
        meeting_id=meeting.pk,
        version=meeting.version,
        changes=changes or {},
        participants=review.ParticipantEdits(**edits),
        user=reviewer,
    )


def approve(meeting, reviewer):
    meeting.refresh_from_db()
    review.approve_meeting(meeting_id=meeting.pk, reviewer=reviewer, version=meeting.version)


@pytest.fixture
def reviewed_meetings():
    """Four reviewed machine meetings with known edits, one pending, one added by a reviewer.

    January (0.2.0): M1 kz name corrected, counterpart country corrected.
    February: M2 (0.2.0) untouched but one of its two kz entries removed;
              M3 (0.3.0) kind, kz role and counterpart name corrected, a counterpart added (France);
              M4 (0.3.0) rejected; M5 (0.3.0) pending; M6 added by a reviewer to the 0.3.0 bulletin.
    """
    reviewer = UserFactory(groups=[REVIEWERS])
    january = BulletinFactory(date=datetime.date(2026, 1, 15), extractor_version="0.2.0")
    february_old = BulletinFactory(date=datetime.date(2026, 2, 5), extractor_version="0.2.0")
    february = BulletinFactory(date=datetime.date(2026, 2, 10), extractor_version="0.3.0")

    m1 = machine_meeting(
        january, "0.2.0", kz_side=[kz("Сарыбаева Ерлана")], counterparts=[counterpart("Томас Краус")]
    )
    first = participant(m1, "Сарыбаева Ерлана")
    first.name = "Ерлан Сарыбаев"
    other = participant(m1, "Томас Краус")
    other.country = "Германия"
    correct(m1, reviewer, changed=[(first, ["name"]), (other, ["country"])])
    approve(m1, reviewer)

    m2 = machine_meeting(
        february_old,
        "0.2.0",
        kz_side=[kz("Айдар Бекмуханов"), kz("Айгуль Нурланова", role="", posting="")],
        counterparts=[counterpart("Анна Бергер")],
    )
    correct(m2, reviewer, removed=[participant(m2, "Айгуль Нурланова")])
    approve(m2, reviewer)

    m3 = machine_meeting(
        february, "0.3.0", kz_side=[kz("Марат Оспанов")], counterparts=[counterpart("Пьер Дюбуа", "Франция")]
    )
    official = participant(m3, "Марат Оспанов")
    official.role = "minister"
    guest = participant(m3, "Пьер Дюбуа")
    guest.name = "Пьер Дюран"
    added = Participant(side="counterpart", name="Жан Леруа", country="Франция")
    correct(m3, reviewer, {"kind": "visit"}, changed=[(official, ["role"]), (guest, ["name"])], added=[added])
    approve(m3, reviewer)

    m4 = machine_meeting(february, "0.3.0", kz_side=[kz("Нурлан Ахметов")])
    m4.refresh_from_db()
    review.reject_meeting(meeting_id=m4.pk, reviewer=reviewer, version=m4.version, reason="не встреча")

    machine_meeting(february, "0.3.0", kz_side=[kz("Серик Жумабаев")])  # pending: not counted
    MeetingFactory(bulletin=february, origin=Origin.REVIEWER, extractor_version="", match_key="reviewer:1")
    return reviewer


def figures(row: reports.QualityRow) -> dict:
    return {rate.field: (rate.changed, rate.compared) for rate in row.fields}


def test_totals_count_reviewed_rejected_added_and_changed_fields(reviewed_meetings):
    report = reports.quality_report()

    total = report.total
    assert (total.reviewed, total.approved, total.rejected, total.added_by_reviewers) == (4, 3, 1, 1)
    assert figures(total) == {
        "kz_name": (2, 4),  # M1 corrected; M2's removed entry
        "counterpart_name": (2, 4),  # M3 corrected and M3's added one
        "role": (1, 4),
        "posting": (0, 4),
        "country": (2, 4),  # M1 corrected; M3's added one
        "kind": (1, 3),
    }
    assert total.field("kind").rate == pytest.approx(1 / 3)
    assert total.field("kz_name").percent == "50%"
    assert total.rejected_percent == "25%"


def test_figures_are_grouped_by_extractor_version(reviewed_meetings):
    by_version = {row.group: row for row in reports.quality_report().by_version}

    assert list(by_version) == ["0.2.0", "0.3.0"]
    old, new = by_version["0.2.0"], by_version["0.3.0"]
    assert (old.reviewed, old.rejected, old.added_by_reviewers) == (2, 0, 0)
    assert figures(old) == {
        "kz_name": (2, 3),
        "counterpart_name": (0, 2),
        "role": (0, 3),
        "posting": (0, 3),
        "country": (1, 2),
        "kind": (0, 2),
    }
    # The meeting reviewers added counts against the version that read its bulletin.
    assert (new.reviewed, new.rejected, new.added_by_reviewers) == (2, 1, 1)
    assert figures(new) == {
        "kz_name": (0, 1),
        "counterpart_name": (2, 2),
        "role": (1, 1),
        "posting": (0, 1),
        "country": (1, 2),
        "kind": (1, 1),
    }


def test_figures_are_grouped_by_bulletin_month(reviewed_meetings):
    by_month = {row.group: row for row in reports.quality_report().by_month}

    assert list(by_month) == ["2026-01", "2026-02"]
    january, february = by_month["2026-01"], by_month["2026-02"]
    assert (january.reviewed, january.rejected, january.added_by_reviewers) == (1, 0, 0)
    assert figures(january) == {
        "kz_name": (1, 1),
        "counterpart_name": (0, 1),
        "role": (0, 1),
        "posting": (0, 1),
        "country": (1, 1),
        "kind": (0, 1),
    }
    assert (february.reviewed, february.rejected, february.added_by_reviewers) == (3, 1, 1)
    assert figures(february) == {
        "kz_name": (1, 3),
        "counterpart_name": (2, 3),
        "role": (1, 3),
        "posting": (0, 3),
        "country": (1, 3),
        "kind": (1, 2),
    }


def test_an_empty_database_gives_an_empty_report_without_rates():
    report = reports.quality_report()

    assert report.by_version == () and report.by_month == ()
    assert report.total.reviewed == 0
    assert report.total.field("kind").rate is None
    assert report.total.field("kind").percent == "—"


def test_reordered_participants_are_still_paired_by_the_machine_name():
    bulletin = BulletinFactory()
    meeting = machine_meeting(bulletin, "0.3.0", kz_side=[kz("Айдар Бекмуханов"), kz("Марат Оспанов")])
    Participant.objects.filter(meeting=meeting, machine_name="Айдар Бекмуханов").update(order=7)
    meeting = Meeting.objects.prefetch_related("participants").get(pk=meeting.pk)

    diffs = reports.meeting_diffs(meeting)

    assert ("kz_name", True) not in diffs
    assert [name for name, _ in diffs].count("kz_name") == 2


def test_the_report_reads_only_edited_meetings_one_by_one(
    reviewed_meetings, django_assert_num_queries, monkeypatch
):
    # decided, unedited approved and their participants, grouped in SQL; edited ones with their
    # participants (one chunk here); meetings added by reviewers, grouped
    with django_assert_num_queries(6):
        reports.quality_report()
    february = Meeting.objects.filter(bulletin__date__month=2).first().bulletin
    for number in range(30):  # more untouched approved meetings add no query
        approve(machine_meeting(february, "0.3.0", kz_side=[kz(f"Посол Номер{number}")]), reviewed_meetings)
    monkeypatch.setattr(reports, "CHUNK", 1)  # edited ones are read a chunk at a time: bounded memory
    with django_assert_num_queries(5 + 3):  # their participants fetched once per chunk (M1, M2, M3)
        report = reports.quality_report()
    assert report.total.approved == 33


def test_reviewers_see_the_report_page_with_its_figures(client, reviewed_meetings):
    client.force_login(reviewed_meetings)

    response = client.get(REPORT_URL)

    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="quality-by-version"' in body and 'id="quality-by-month"' in body
    assert "2 / 4 (50%)" in body
    assert "2026-02" in body and "0.3.0" in body
    assert "дате бюллетеня" in body


@pytest.mark.parametrize("groups", [[ANALYSTS], [EDITORS]])
def test_the_report_is_forbidden_to_those_who_do_not_review(client, groups):
    client.force_login(UserFactory(groups=groups))

    assert client.get(REPORT_URL).status_code == 403


def test_the_report_page_query_count_does_not_grow_with_meetings(
    client, reviewed_meetings, django_assert_max_num_queries
):
    client.force_login(reviewed_meetings)
    client.get(REPORT_URL)  # warm the session and caches
    # session, user, permissions (user + groups) and the report's six
    with django_assert_max_num_queries(11):
        client.get(REPORT_URL)


def test_the_report_page_is_computed_at_most_once_per_five_minutes(
    client, reviewed_meetings, django_assert_max_num_queries
):
    client.force_login(reviewed_meetings)
    first = client.get(REPORT_URL).content.decode()

    # session, user, permissions and the evaluations list; the report itself comes from the cache
    with django_assert_max_num_queries(5):
        again = client.get(REPORT_URL).content.decode()

    assert 'id="report-computed-at"' in first
    assert "2 / 4 (50%)" in again


def test_the_beat_task_computes_the_report_before_a_reviewer_asks(client, reviewed_meetings):
    from meetings import tasks

    tasks.refresh_directory.delay()  # eager in this tier; beat sends it every few minutes
    client.force_login(reviewed_meetings)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(REPORT_URL).content.decode()

    assert "2 / 4 (50%)" in body
    assert not [q for q in queries if "meetings_meeting" in q["sql"]]  # nothing counted in the request
