"""extract_and_save: queued → running → done | failed, attempts and the attempt limit."""

from __future__ import annotations

import pytest

from meetings import records
from meetings.extraction import EXTRACTOR_VERSION
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
