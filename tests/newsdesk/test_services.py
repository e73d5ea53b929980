"""store_bulletins, reextract_bulletins and requeue_stale_bulletins against the real database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from meetings.extraction import EXTRACTOR_VERSION
from newsdesk import intake, services
from newsdesk.models import Bulletin, ExtractionState
from tests.factories import BulletinFactory, UserFactory, bulletin_text, zip_bytes

pytestmark = pytest.mark.django_db

FIRST = bulletin_text("Посол встретился с министром", "Стороны обсудили сотрудничество.")
SECOND = bulletin_text("Министр провёл переговоры", "Обсуждены вопросы торговли.")
THIRD = bulletin_text("Консультации МИД", "Прошли межмидовские консультации.")


def test_stored_bulletin_is_extracted_after_commit(django_capture_on_commit_callbacks):
    editor = UserFactory(groups=["Editors"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        [outcome] = services.store_bulletins(files=[("day.txt", FIRST.encode("cp1251"))], user=editor)

    assert outcome.status == "created"
    assert outcome.created == 1
    assert outcome.name == "day.txt"
    assert len(callbacks) == 1
    bulletin = Bulletin.objects.get(pk=outcome.bulletin_ids[0])
    assert bulletin.title == "Посол встретился с министром"
    assert bulletin.date == date(2026, 2, 24)
    assert (bulletin.dateline_place, bulletin.dateline_date, bulletin.agency) == (
        "Астана",
        date(2026, 2, 23),
        "KAZAKHSTAN TODAY",
    )
    assert bulletin.text == FIRST
    assert bulletin.sha256 == intake.text_sha256(FIRST)
    assert bulletin.encoding == "cp1251"
    assert bulletin.source_name == "day.txt"
    assert bulletin.uploaded_by == editor
    assert bulletin.state == ExtractionState.DONE
    assert bulletin.attempts == 1
    assert bulletin.extractor_version == EXTRACTOR_VERSION
    assert bulletin.extraction["extractor_version"] == EXTRACTOR_VERSION
    assert isinstance(bulletin.extraction["meetings"], list)
    assert bulletin.extracted_at is not None


def test_extraction_is_not_sent_before_the_upload_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.store_bulletins(files=[("day.txt", FIRST.encode())])

    assert len(callbacks) == 1
    assert Bulletin.objects.get().state == ExtractionState.QUEUED


def test_reupload_of_same_text_is_reported_as_duplicate_and_not_stored_again(
    django_capture_on_commit_callbacks,
):
    services.store_bulletins(files=[("day.txt", FIRST.encode())])

    with django_capture_on_commit_callbacks() as callbacks:
        [outcome] = services.store_bulletins(files=[("again.txt", FIRST.encode())])

    assert outcome.status == "duplicate"
    assert (outcome.created, outcome.duplicates, outcome.bulletin_ids) == (0, 1, ())
    assert Bulletin.objects.count() == 1
    assert callbacks == []


def test_reupload_with_extra_trailing_newlines_is_a_duplicate_and_adds_no_meetings():
    services.store_bulletins(files=[("day.txt", FIRST.encode())])

    [outcome] = services.store_bulletins(files=[("day-copy.txt", (FIRST + "\n\n").encode())])

    assert outcome.status == "duplicate"
    assert Bulletin.objects.count() == 1


def test_same_text_twice_in_one_batch_and_in_another_encoding_is_stored_once():
    files = [
        ("utf8.txt", FIRST.encode("utf-8")),
        ("copy.txt", FIRST.encode("utf-8")),
        ("cp1251.txt", FIRST.replace("\n", "\r\n").encode("cp1251")),
        ("bom.txt", FIRST.encode("utf-8-sig")),
    ]

    outcomes = services.store_bulletins(files=files)

    assert [(o.name, o.status) for o in outcomes] == [
        ("utf8.txt", "created"),
        ("copy.txt", "duplicate"),
        ("cp1251.txt", "duplicate"),
        ("bom.txt", "duplicate"),
    ]
    assert Bulletin.objects.count() == 1


def test_one_bad_file_among_good_ones_is_reported_and_the_good_ones_are_stored():
    files = [
        ("first.txt", FIRST.encode()),
        ("scan.pdf", b"%PDF-1.4\n"),
        ("second.txt", SECOND.encode("cp1251")),
    ]

    outcomes = services.store_bulletins(files=files)

    assert [(o.name, o.status) for o in outcomes] == [
        ("first.txt", "created"),
        ("scan.pdf", "failed"),
        ("second.txt", "created"),
    ]
    assert outcomes[1].reason == "scan.pdf: это PDF-документ, а не текст бюллетеня"
    assert outcomes[1].created == 0
    assert set(Bulletin.objects.values_list("source_name", flat=True)) == {"first.txt", "second.txt"}


def test_file_with_several_bulletins_gives_one_outcome_with_each_bulletin_stored():
    [outcome] = services.store_bulletins(files=[("three.txt", (FIRST + SECOND + THIRD).encode())])

    assert outcome.status == "created"
    assert outcome.created == 3
    stored = Bulletin.objects.filter(pk__in=outcome.bulletin_ids).order_by("part")
    assert [(b.part, b.text, b.source_name) for b in stored] == [
        (1, FIRST, "three.txt"),
        (2, SECOND, "three.txt"),
        (3, THIRD, "three.txt"),
    ]


def test_file_with_new_and_known_bulletins_stores_the_new_ones_and_counts_the_duplicates():
    services.store_bulletins(files=[("first.txt", FIRST.encode())])

    [outcome] = services.store_bulletins(files=[("both.txt", (FIRST + SECOND).encode())])

    assert (outcome.status, outcome.created, outcome.duplicates) == ("created", 1, 1)
    assert Bulletin.objects.count() == 2


def test_zip_gives_one_outcome_per_entry():
    data = zip_bytes({"a.txt": FIRST.encode(), "b.txt": (SECOND + THIRD).encode(), "c.txt": b"\x89PNG"})

    outcomes = services.store_bulletins(files=[("day.zip", data)])

    assert [(o.name, o.status, o.created) for o in outcomes] == [
        ("day.zip/a.txt", "created", 1),
        ("day.zip/b.txt", "created", 2),
        ("day.zip/c.txt", "failed", 0),
    ]
    assert Bulletin.objects.count() == 3


@pytest.mark.parametrize(
    "data",
    [
        (FIRST + " date 2026-13-40 Второй\nТекст.\n").encode(),
        b"%PDF-1.4",
        b"",
    ],
    ids=["bad-second-header", "pdf", "empty"],
)
def test_refused_file_stores_nothing_and_queues_nothing(data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        [outcome] = services.store_bulletins(files=[("bad.txt", data)])

    assert outcome.status == "failed"
    assert outcome.reason.startswith("bad.txt: ")
    assert Bulletin.objects.count() == 0
    assert callbacks == []


def test_size_limit_comes_from_settings(settings):
    settings.INTAKE_MAX_FILE_BYTES = 10

    [outcome] = services.store_bulletins(files=[("day.txt", FIRST.encode())])

    assert outcome.status == "failed"
    assert "файл больше допустимого" in outcome.reason
    assert not Bulletin.objects.exists()


def test_reextract_resets_state_and_attempts_and_runs_extraction_again(django_capture_on_commit_callbacks):
    failed = BulletinFactory(state=ExtractionState.FAILED, attempts=3, error="RuntimeError: упал")
    done = BulletinFactory(state=ExtractionState.DONE, attempts=1, extractor_version="0.0.1")
    untouched = BulletinFactory(state=ExtractionState.FAILED, attempts=3, error="RuntimeError: упал")

    with django_capture_on_commit_callbacks() as callbacks:
        count = services.reextract_bulletins(bulletin_ids=[failed.pk, done.pk])
    failed.refresh_from_db()
    assert (failed.state, failed.attempts, failed.error) == (ExtractionState.QUEUED, 0, "")
    for callback in callbacks:
        callback()

    assert count == 2
    assert len(callbacks) == 2
    for bulletin in (failed, done):
        bulletin.refresh_from_db()
        assert bulletin.state == ExtractionState.DONE
        assert bulletin.attempts == 1
        assert bulletin.error == ""
        assert bulletin.extractor_version == EXTRACTOR_VERSION
    untouched.refresh_from_db()
    assert (untouched.state, untouched.attempts) == (ExtractionState.FAILED, 3)


def test_reextract_of_unknown_ids_does_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        count = services.reextract_bulletins(bulletin_ids=[987654])

    assert count == 0
    assert callbacks == []


def aged(state: str, minutes: int) -> Bulletin:
    bulletin = BulletinFactory(state=state)
    Bulletin.objects.filter(pk=bulletin.pk).update(
        state_changed_at=timezone.now() - timedelta(minutes=minutes)
    )
    return bulletin


def test_requeue_sends_only_bulletins_queued_or_running_longer_than_the_threshold(
    django_capture_on_commit_callbacks,
):
    old_queued = aged(ExtractionState.QUEUED, 60)
    old_running = aged(ExtractionState.RUNNING, 60)
    fresh_queued = aged(ExtractionState.QUEUED, 5)
    fresh_running = aged(ExtractionState.RUNNING, 5)
    old_done = aged(ExtractionState.DONE, 60)
    old_failed = aged(ExtractionState.FAILED, 60)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        count = services.requeue_stale_bulletins(older_than=timedelta(minutes=30))

    assert count == 2
    assert len(callbacks) == 2
    states = dict(Bulletin.objects.values_list("pk", "state"))
    assert states == {
        old_queued.pk: ExtractionState.DONE,
        old_running.pk: ExtractionState.DONE,
        fresh_queued.pk: ExtractionState.QUEUED,
        fresh_running.pk: ExtractionState.RUNNING,
        old_done.pk: ExtractionState.DONE,
        old_failed.pk: ExtractionState.FAILED,
    }


def test_requeue_threshold_defaults_to_the_setting(settings, django_capture_on_commit_callbacks):
    settings.EXTRACTION_REQUEUE_AFTER_MINUTES = 10
    stale = aged(ExtractionState.QUEUED, 11)
    aged(ExtractionState.QUEUED, 9)

    with django_capture_on_commit_callbacks() as callbacks:
        count = services.requeue_stale_bulletins()

    assert count == 1
    assert len(callbacks) == 1
    stale.refresh_from_db()
    assert stale.state == ExtractionState.QUEUED
    assert timezone.now() - stale.state_changed_at < timedelta(minutes=1)


def test_extraction_is_sent_under_the_task_id_stored_on_the_bulletin(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        [outcome] = services.store_bulletins(files=[("day.txt", FIRST.encode())])
    bulletin = Bulletin.objects.get(pk=outcome.bulletin_ids[0])
    sent_as = bulletin.task_id

    for callback in callbacks:
        callback()

    bulletin.refresh_from_db()
    assert sent_as
    assert (bulletin.state, bulletin.task_id) == (ExtractionState.DONE, sent_as)


def test_requeued_bulletin_is_sent_under_a_new_task_id(django_capture_on_commit_callbacks):
    bulletin = aged(ExtractionState.RUNNING, 60)
    Bulletin.objects.filter(pk=bulletin.pk).update(task_id="lost-with-its-worker")

    with django_capture_on_commit_callbacks() as callbacks:
        assert services.requeue_stale_bulletins(older_than=timedelta(minutes=30)) == 1

    bulletin.refresh_from_db()
    assert bulletin.state == ExtractionState.QUEUED
    assert bulletin.task_id not in ("", "lost-with-its-worker")
    assert len(callbacks) == 1


def test_sweep_leaves_a_bulletin_that_moved_on_after_it_was_seen(django_capture_on_commit_callbacks):
    bulletin = aged(ExtractionState.QUEUED, 60)
    seen = {
        bulletin.pk: (bulletin.state, bulletin.task_id, Bulletin.objects.get(pk=bulletin.pk).state_changed_at)
    }
    # A worker claims it between the sweep's look and its update.
    Bulletin.objects.filter(pk=bulletin.pk).update(
        state=ExtractionState.RUNNING, task_id="claimed", state_changed_at=timezone.now()
    )

    with django_capture_on_commit_callbacks() as callbacks:
        assert services.requeue_bulletins_as_seen(seen=seen) == 0

    bulletin.refresh_from_db()
    assert (bulletin.state, bulletin.task_id) == (ExtractionState.RUNNING, "claimed")
    assert callbacks == []


def test_a_bulletin_the_engine_refuses_is_failed_with_the_reason_and_the_next_one_is_extracted(
    django_capture_on_commit_callbacks,
):
    # A real engine failure, end to end: a "bulletin" longer than any bulletin (a file never split).
    endless = FIRST.rstrip("\n") + " " + "Стороны обсудили сотрудничество. " * 7000 + "\n"
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = services.store_bulletins(
            files=[("endless.txt", endless.encode()), ("day.txt", SECOND.encode())]
        )

    assert [o.status for o in outcomes] == ["created", "created"]
    refused, extracted = (Bulletin.objects.get(pk=o.bulletin_ids[0]) for o in outcomes)
    assert refused.state == ExtractionState.FAILED
    assert "длиннее 200 000 знаков" in refused.error
    assert refused.meetings.count() == 0
    assert extracted.state == ExtractionState.DONE
