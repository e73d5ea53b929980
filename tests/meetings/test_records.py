"""extract_and_save: queued → running → done | failed, attempts and the attempt limit."""

from __future__ import annotations

import pytest

from meetings.extraction import EXTRACTOR_VERSION
from meetings.services import records
from newsdesk.models import Bulletin, ExtractionState
from tests.factories import BulletinFactory

pytestmark = pytest.mark.django_db


def recording_extractor(bulletin_id: int, seen: list):
    """An extractor that notes the bulletin's stored state and attempts while it runs."""

    def extract(text: str) -> dict:
        row = Bulletin.objects.get(pk=bulletin_id)
        seen.append((row.state, row.attempts, text))
        return {"extractor_version": EXTRACTOR_VERSION, "meetings": [{"kind": "meeting"}]}

    return extract


def refusing_extractor(text: str) -> dict:
    raise AssertionError("the extractor must not run")


def test_queued_bulletin_goes_through_running_to_done_with_one_attempt():
    bulletin = BulletinFactory()
    seen: list = []

    state = records.extract_and_save(
        bulletin_id=bulletin.pk, extractor=recording_extractor(bulletin.pk, seen)
    )

    assert state == ExtractionState.DONE
    assert seen == [(ExtractionState.RUNNING, 1, bulletin.text)]
    bulletin.refresh_from_db()
    assert bulletin.state == ExtractionState.DONE
    assert bulletin.attempts == 1
    assert bulletin.error == ""
    assert bulletin.extraction == {"extractor_version": EXTRACTOR_VERSION, "meetings": [{"kind": "meeting"}]}
    assert bulletin.extractor_version == EXTRACTOR_VERSION
    assert bulletin.extracted_at is not None
    assert bulletin.state_changed_at >= bulletin.uploaded_at


def test_default_extractor_stores_its_version():
    bulletin = BulletinFactory()

    assert records.extract_and_save(bulletin_id=bulletin.pk) == ExtractionState.DONE

    bulletin.refresh_from_db()
    assert bulletin.extraction["extractor_version"] == EXTRACTOR_VERSION
    assert bulletin.extractor_version == EXTRACTOR_VERSION


def test_failing_extractor_marks_the_bulletin_failed_with_its_error_and_raises_again():
    bulletin = BulletinFactory()

    def broken(text: str) -> dict:
        raise ValueError("нет такого падежа")

    with pytest.raises(ValueError, match="нет такого падежа"):
        records.extract_and_save(bulletin_id=bulletin.pk, extractor=broken)

    bulletin.refresh_from_db()
    assert bulletin.state == ExtractionState.FAILED
    assert bulletin.error == "ValueError: нет такого падежа"
    assert bulletin.attempts == 1
    assert bulletin.extraction is None


def test_failed_bulletin_is_left_alone():
    bulletin = BulletinFactory(state=ExtractionState.FAILED, attempts=1, error="ValueError: x")

    assert records.extract_and_save(bulletin_id=bulletin.pk, extractor=refusing_extractor) is None

    bulletin.refresh_from_db()
    assert (bulletin.state, bulletin.attempts, bulletin.error) == (ExtractionState.FAILED, 1, "ValueError: x")


def test_done_bulletin_at_the_same_extractor_version_returns_early_without_counting_an_attempt():
    bulletin = BulletinFactory()
    records.extract_and_save(bulletin_id=bulletin.pk)

    assert records.extract_and_save(bulletin_id=bulletin.pk, extractor=refusing_extractor) is None

    bulletin.refresh_from_db()
    assert bulletin.state == ExtractionState.DONE
    assert bulletin.attempts == 1


def test_done_bulletin_from_an_older_extractor_version_is_extracted_again():
    bulletin = BulletinFactory(state=ExtractionState.DONE, attempts=1, extractor_version="0.0.0-old")
    seen: list = []

    state = records.extract_and_save(
        bulletin_id=bulletin.pk, extractor=recording_extractor(bulletin.pk, seen)
    )

    assert state == ExtractionState.DONE
    assert seen == [(ExtractionState.RUNNING, 2, bulletin.text)]
    bulletin.refresh_from_db()
    assert bulletin.extractor_version == EXTRACTOR_VERSION


@pytest.mark.parametrize("max_attempts", [1, 3])
def test_bulletin_started_too_many_times_is_marked_failed_without_running(settings, max_attempts):
    settings.EXTRACTION_MAX_ATTEMPTS = max_attempts
    bulletin = BulletinFactory(state=ExtractionState.RUNNING, attempts=max_attempts)

    assert records.extract_and_save(bulletin_id=bulletin.pk, extractor=refusing_extractor) is None

    bulletin.refresh_from_db()
    assert bulletin.state == ExtractionState.FAILED
    assert bulletin.attempts == max_attempts
    assert bulletin.error == f"извлечение не завершилось за {max_attempts} попыток"


def test_bulletin_below_the_attempt_limit_is_run_once_more(settings):
    settings.EXTRACTION_MAX_ATTEMPTS = 3
    bulletin = BulletinFactory(state=ExtractionState.RUNNING, attempts=2)
    seen: list = []

    state = records.extract_and_save(
        bulletin_id=bulletin.pk, extractor=recording_extractor(bulletin.pk, seen)
    )

    assert state == ExtractionState.DONE
    assert seen[0][1] == 3


def test_deleted_bulletin_gives_none():
    bulletin = BulletinFactory()
    bulletin_id = bulletin.pk
    bulletin.delete()

    assert records.extract_and_save(bulletin_id=bulletin_id, extractor=refusing_extractor) is None
    assert not Bulletin.objects.filter(pk=bulletin_id).exists()


def test_celery_task_runs_the_extraction_of_a_queued_bulletin():
    from meetings import tasks

    bulletin = BulletinFactory()

    tasks.extract_bulletin.delay(bulletin.pk)

    bulletin.refresh_from_db()
    assert bulletin.state == ExtractionState.DONE
    assert bulletin.attempts == 1


def two_meetings_extractor(text: str) -> dict:
    def meeting(kz: str, counterpart: str, start: int) -> dict:
        return {
            "kind": "meeting",
            "kz_side": [{"name": kz, "mention": None}],
            "counterparts": [{"name": counterpart, "mention": None}],
            "evidence": {"start": start, "end": start + 10},
        }

    return {
        "extractor_version": EXTRACTOR_VERSION,
        "meetings": [
            meeting("Ерлан Сарыбаев", "Томас Краус", 0),
            meeting("Айгерим Нуржанова", "Ян Новак", 20),
        ],
    }


def test_running_bulletin_records_the_task_that_claimed_it():
    bulletin = BulletinFactory(task_id="sent")
    seen: list = []

    records.extract_and_save(
        bulletin_id=bulletin.pk, task_id="sent", extractor=recording_extractor(bulletin.pk, seen)
    )

    bulletin.refresh_from_db()
    assert (bulletin.state, bulletin.task_id, bulletin.attempts) == (ExtractionState.DONE, "sent", 1)


@pytest.mark.parametrize("task_id", ["first", "copy"])
def test_second_delivery_of_a_finished_bulletin_creates_and_duplicates_no_meetings(task_id):
    bulletin = BulletinFactory(task_id="first")
    records.extract_and_save(bulletin_id=bulletin.pk, task_id="first", extractor=two_meetings_extractor)
    stored = sorted(bulletin.meetings.values_list("pk", "match_key"))

    assert (
        records.extract_and_save(bulletin_id=bulletin.pk, task_id=task_id, extractor=refusing_extractor)
        is None
    )

    assert sorted(bulletin.meetings.values_list("pk", "match_key")) == stored
    assert len(stored) == 2
    bulletin.refresh_from_db()
    assert (bulletin.state, bulletin.attempts) == (ExtractionState.DONE, 1)


def test_copy_of_the_task_delivered_while_another_task_runs_the_bulletin_does_nothing():
    bulletin = BulletinFactory(state=ExtractionState.RUNNING, attempts=1, task_id="running")

    assert (
        records.extract_and_save(bulletin_id=bulletin.pk, task_id="copy", extractor=refusing_extractor)
        is None
    )

    bulletin.refresh_from_db()
    assert (bulletin.state, bulletin.attempts, bulletin.task_id) == (ExtractionState.RUNNING, 1, "running")
    assert not bulletin.meetings.exists()


def test_same_task_delivered_again_after_its_worker_process_died_runs_and_counts_an_attempt():
    bulletin = BulletinFactory(state=ExtractionState.RUNNING, attempts=1, task_id="lost")

    state = records.extract_and_save(
        bulletin_id=bulletin.pk, task_id="lost", extractor=two_meetings_extractor
    )

    assert state == ExtractionState.DONE
    bulletin.refresh_from_db()
    assert (bulletin.attempts, bulletin.task_id) == (2, "lost")
    assert bulletin.meetings.count() == 2


def test_redelivery_that_finishes_while_the_first_run_is_still_extracting_leaves_each_meeting_once():
    bulletin = BulletinFactory(task_id="slow")

    def first_run(text: str) -> dict:
        # Redis gives the same message to another worker (visibility timeout) mid-way: it runs
        # and saves before this first run saves.
        again = records.extract_and_save(
            bulletin_id=bulletin.pk, task_id="slow", extractor=two_meetings_extractor
        )
        assert again == ExtractionState.DONE
        return two_meetings_extractor(text)

    assert records.extract_and_save(bulletin_id=bulletin.pk, task_id="slow", extractor=first_run) == (
        ExtractionState.DONE
    )

    keys = list(bulletin.meetings.values_list("match_key", flat=True))
    assert len(keys) == len(set(keys)) == 2
