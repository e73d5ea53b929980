"""extract_and_save_batch: a worker's batch of bulletins is claimed, extracted (real natasha) and saved
together, and ends as the same bulletins saved one by one would; its statements do not grow with it."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Meeting, Participant
from meetings.services import records
from newsdesk.models import Bulletin, ExtractionState
from tests.factories import BulletinFactory, bulletin_text

pytestmark = pytest.mark.django_db

MEETING = (
    "Посол Казахстана в Мексике Алмурат Турганбеков {verb} с министром иностранных дел Мексики "
    "Хуаном Рамоном де ла Фуэнте."
)
OTHER_MEETING = (
    "Министр иностранных дел Казахстана Ержан Кошанов встретился с послом Японии Рюдзи Кавахарой. "
    "Стороны обсудили торговлю."
)

NUMBERS = itertools.count(1)


def queued(day: int, body: str) -> Bulletin:
    """A stored bulletin of March ``day``, 2026, waiting for its worker."""
    title = f"Новости дипломатии {next(NUMBERS)}"
    return BulletinFactory(title=title, date=datetime.date(2026, 3, day), text=bulletin_text(title, body))


def reports(day_summary: int, day_report: int, day_again: int) -> list[Bulletin]:
    return [
        queued(day_summary, MEETING.format(verb="встретился")),
        queued(day_report, MEETING.format(verb="провел встречу") + " Стороны обсудили авиасообщение."),
        queued(day_again, MEETING.format(verb="вновь встретился")),
    ]


def stored_events(bulletins: list[Bulletin]) -> list[tuple[int, int | None, list[tuple[str, str]]]]:
    """Each bulletin's meetings as (bulletin's place in the list, the place of the bulletin whose
    meeting is its event's first report, its participants)."""
    place = {bulletin.pk: index for index, bulletin in enumerate(bulletins)}
    rows = []
    for meeting in Meeting.objects.filter(bulletin__in=bulletins).select_related("same_event_as"):
        head = meeting.same_event_as
        people = sorted(meeting.participants.values_list("side", "name"))
        rows.append((place[meeting.bulletin_id], None if head is None else place[head.bulletin_id], people))
    return sorted(rows)


def test_a_batch_ends_as_its_bulletins_saved_one_by_one_would_linking_reports_of_one_event():
    one_by_one = reports(10, 11, 18)
    for bulletin in one_by_one:
        assert records.extract_and_save(bulletin_id=bulletin.pk) == ExtractionState.DONE
    expected = stored_events(one_by_one)
    Meeting.objects.all().delete()
    batch = reports(10, 11, 18)

    states = records.extract_and_save_batch([(bulletin.pk, f"task-{bulletin.pk}") for bulletin in batch])

    assert states == [ExtractionState.DONE] * 3
    assert stored_events(batch) == expected
    # The report a day later is the summary's event; the same people a week later met again.
    assert [(place, head) for place, head, _ in expected] == [(0, None), (1, 0), (2, None)]
    assert expected[0][2] == [
        ("counterpart", "Хуан Рамон де ла Фуэнте"),
        ("kz", "Алмурат Турганбеков"),
    ]
    for bulletin in batch:
        bulletin.refresh_from_db()
        assert (bulletin.state, bulletin.attempts, bulletin.task_id) == (
            ExtractionState.DONE,
            1,
            f"task-{bulletin.pk}",
        )
        assert bulletin.extraction["meetings"]


def test_a_later_report_first_in_the_batch_is_the_first_report_as_it_would_be_one_by_one():
    summary, report = (
        queued(10, MEETING.format(verb="встретился")),
        queued(11, MEETING.format(verb="встретился")),
    )

    records.extract_and_save_batch([(report.pk, None), (summary.pk, None)])

    assert stored_events([summary, report]) == [
        (0, 1, [("counterpart", "Хуан Рамон де ла Фуэнте"), ("kz", "Алмурат Турганбеков")]),
        (1, None, [("counterpart", "Хуан Рамон де ла Фуэнте"), ("kz", "Алмурат Турганбеков")]),
    ]


def test_statements_of_a_batch_do_not_grow_with_its_size():
    def statements(count: int) -> int:
        batch = [
            queued(1 + n % 28, OTHER_MEETING if n % 2 else MEETING.format(verb="встретился"))
            for n in range(count)
        ]
        with CaptureQueriesContext(connection) as captured:
            assert (
                records.extract_and_save_batch([(b.pk, None) for b in batch])
                == [ExtractionState.DONE] * count
            )
        return len(captured.captured_queries)

    statements(2)  # the people are new: two statements more (their insert, their ids), once
    small, large = statements(2), statements(12)
    assert large == small <= 20
    assert Participant.objects.filter(meeting__bulletin__date__day=1).count() > 0


def test_a_bulletin_the_engine_refuses_fails_alone_and_the_rest_of_its_batch_is_saved():
    # A real engine failure: a "bulletin" longer than any bulletin (a file never split).
    endless = queued(10, MEETING.format(verb="встретился") + " Стороны обсудили сотрудничество." * 7000)
    before, after = queued(10, MEETING.format(verb="встретился")), queued(11, OTHER_MEETING)

    states = records.extract_and_save_batch([(before.pk, None), (endless.pk, None), (after.pk, None)])

    assert states == [ExtractionState.DONE, ExtractionState.FAILED, ExtractionState.DONE]
    endless.refresh_from_db()
    assert "длиннее 200 000 знаков" in endless.error
    assert not endless.meetings.exists()
    assert before.meetings.count() == after.meetings.count() == 1


def test_an_error_saving_one_bulletin_leaves_the_others_saved_and_it_running_for_the_sweep():
    good, bad = queued(10, MEETING.format(verb="встретился")), queued(11, OTHER_MEETING)
    reading = {
        "extractor_version": "test",
        "meetings": [{"kind": "meeting", "kz_side": [{"name": "Ян Новак"}]}],
    }

    def extractor(text: str) -> dict:
        if text == bad.text:  # a meeting whose evidence is not a number: the database refuses it
            return {**reading, "meetings": [{**reading["meetings"][0], "evidence": {"start": "начало"}}]}
        return reading

    with pytest.raises(ValueError):
        records.extract_and_save_batch([(good.pk, None), (bad.pk, None)], extractor=extractor)

    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.state, good.meetings.count()) == (ExtractionState.DONE, 1)
    assert (bad.state, bad.attempts, bad.meetings.count()) == (ExtractionState.RUNNING, 1, 0)


def test_two_copies_of_one_message_in_a_batch_extract_the_bulletin_once():
    bulletin = queued(10, MEETING.format(verb="встретился"))

    states = records.extract_and_save_batch(
        [(bulletin.pk, "sent"), (bulletin.pk, "sent"), (bulletin.pk, "copy")]
    )

    assert states == [ExtractionState.DONE] * 3
    bulletin.refresh_from_db()
    assert (bulletin.attempts, bulletin.meetings.count()) == (1, 1)


def test_a_batch_skips_what_is_done_deleted_or_running_elsewhere_and_fails_what_ran_too_often(settings):
    settings.EXTRACTION_MAX_ATTEMPTS = 3
    fresh = queued(10, MEETING.format(verb="встретился"))
    running = BulletinFactory(state=ExtractionState.RUNNING, attempts=1, task_id="other")
    worn = BulletinFactory(state=ExtractionState.RUNNING, attempts=3, task_id="worn")
    gone = BulletinFactory()
    gone_id = gone.pk
    gone.delete()

    states = records.extract_and_save_batch(
        [(gone_id, "a"), (running.pk, "b"), (worn.pk, "worn"), (fresh.pk, "c")]
    )

    assert states == [None, None, None, ExtractionState.DONE]
    running.refresh_from_db()
    worn.refresh_from_db()
    assert (running.state, running.attempts, running.task_id) == (ExtractionState.RUNNING, 1, "other")
    assert (worn.state, worn.error) == (ExtractionState.FAILED, "извлечение не завершилось за 3 попыток")


def test_a_batch_counts_each_bulletins_own_attempt_and_keeps_its_own_task_and_reading():
    lost = BulletinFactory(
        title="Бюллетень после гибели процесса",
        text=bulletin_text("Бюллетень после гибели процесса", MEETING.format(verb="встретился")),
        state=ExtractionState.RUNNING,
        attempts=1,
        task_id="lost",
    )
    fresh = queued(11, OTHER_MEETING)

    records.extract_and_save_batch([(lost.pk, "lost"), (fresh.pk, "new")])

    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert (lost.attempts, lost.task_id, fresh.attempts, fresh.task_id) == (2, "lost", 1, "new")
    assert lost.state_changed_at == fresh.state_changed_at  # one UPDATE for the batch
    assert [m["kz_side"][0]["name"] for m in lost.extraction["meetings"]] == ["Алмурат Турганбеков"]
    assert [m["kz_side"][0]["name"] for m in fresh.extraction["meetings"]] == ["Ержан Кошанов"]
