"""Bulletins travel intake → Redis → a real Celery worker → PostgreSQL, and survive outages."""

from __future__ import annotations

import os
import signal
import time
from datetime import timedelta

import pytest
from django.core.management import call_command

from meetings import tasks
from newsdesk import services
from newsdesk.models import Bulletin, ExtractionState
from tests.factories import bulletin_text
from tests.integration.conftest import DEV_CORPUS, paused_before_done, use_broker, worker_is_paused

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CLOSED_BROKER = "redis://127.0.0.1:6390/15"


def states() -> dict[str, int]:
    counts: dict[str, int] = {}
    for state in Bulletin.objects.values_list("state", flat=True):
        counts[state] = counts.get(state, 0) + 1
    return counts


def upload_one(title: str) -> int:
    text = bulletin_text(title, "Посол Казахстана встретился с министром иностранных дел Бельгии.")
    [outcome] = services.store_bulletins(files=[(f"{title}.txt", text.encode("utf-8"))])
    assert outcome.status == "created", outcome
    [bulletin_id] = outcome.bulletin_ids
    return bulletin_id


def test_imported_dev_corpus_is_extracted_by_the_worker(worker, wait_for):
    files = sorted(DEV_CORPUS.glob("*.txt"))
    if not files:
        pytest.fail(f"no dev corpus at {DEV_CORPUS}")

    call_command("import_bulletins", str(DEV_CORPUS), "--no-progress")

    assert Bulletin.objects.count() == len(files) == 31
    wait_for(
        lambda: states() == {ExtractionState.DONE: len(files)},
        timeout=180,
        message=f"not every bulletin reached done: {states()}",
    )
    for bulletin in Bulletin.objects.all():
        assert bulletin.attempts == 1
        assert bulletin.error == ""
        assert bulletin.extracted_at is not None
        assert isinstance(bulletin.extraction, dict)
        assert isinstance(bulletin.extraction.get("meetings"), list)
        assert bulletin.extractor_version == bulletin.extraction["extractor_version"]


def test_upload_while_broker_is_down_is_kept_and_extracted_after_the_sweep(
    worker, integration_services, wait_for
):
    broker, _ = integration_services
    use_broker(CLOSED_BROKER)
    started = time.monotonic()
    bulletin_id = upload_one("Бюллетень при недоступном брокере")
    upload_seconds = time.monotonic() - started

    assert upload_seconds < 15, f"upload waited {upload_seconds:.1f}s on a broker that is down"
    assert tasks._broker_down_until > time.monotonic(), "the failed publish did not start the backoff"
    time.sleep(2)  # the worker could not have seen it; make sure nothing else moved it either
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    assert (bulletin.state, bulletin.attempts) == (ExtractionState.QUEUED, 0)

    use_broker(broker)  # the broker is back; also clears the publish backoff
    assert services.requeue_stale_bulletins(older_than=timedelta(0)) == 1

    wait_for(
        lambda: Bulletin.objects.get(pk=bulletin_id).state == ExtractionState.DONE,
        timeout=60,
        message="the requeued bulletin was not extracted",
    )
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    assert bulletin.attempts == 1
    assert bulletin.extraction is not None


@pytest.fixture
def pause_before_done():
    """The worker blocks inside its first attempt of any bulletin (see ``paused_before_done``)."""
    with paused_before_done() as release:
        yield release


def pause_mid_task(wait_for, bulletin_id: int) -> None:
    wait_for(
        lambda: Bulletin.objects.get(pk=bulletin_id).state == ExtractionState.RUNNING and worker_is_paused(),
        timeout=60,
        message="the worker never got mid-way through the extraction",
    )


def test_bulletin_whose_worker_process_is_killed_mid_task_is_redelivered_and_done(
    worker, pause_before_done, wait_for
):
    bulletin_id = upload_one("Бюллетень, на котором погиб процесс")
    pause_mid_task(wait_for, bulletin_id)
    [child] = worker.pool_children()

    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    pause_before_done()  # the dead process's open transaction now ends and rolls back

    # acks_late + reject_on_worker_lost: the message goes back to the queue, no sweep needed.
    wait_for(
        lambda: Bulletin.objects.get(pk=bulletin_id).state == ExtractionState.DONE,
        timeout=90,
        message="the task of the killed process was not redelivered",
    )
    assert worker.alive(), "the worker's main process should survive the loss of a pool process"
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    assert bulletin.attempts >= 2
    assert bulletin.extraction is not None


def test_bulletin_whose_whole_worker_is_killed_mid_task_is_done_by_a_new_worker_after_the_sweep(
    worker, pause_before_done, wait_for
):
    bulletin_id = upload_one("Бюллетень, на котором погиб воркер")
    pause_mid_task(wait_for, bulletin_id)

    worker.kill()  # kill -9 main process and pool: the message stays unacknowledged in Redis
    pause_before_done()
    assert Bulletin.objects.get(pk=bulletin_id).state == ExtractionState.RUNNING

    worker.start()
    assert services.requeue_stale_bulletins(older_than=timedelta(0)) == 1
    wait_for(
        lambda: Bulletin.objects.get(pk=bulletin_id).state == ExtractionState.DONE,
        timeout=90,
        message="the swept bulletin was not extracted by the new worker",
    )
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    assert bulletin.attempts >= 2
    assert bulletin.extraction is not None
