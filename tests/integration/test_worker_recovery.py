"""A killed worker costs seconds, not an hour: the sweep (sent by beat) finds what was lost and only that.

The sweep tells a lost extraction (its worker dead, its message gone) from one that waits (in the
Redis queue list, or held by a live worker) by asking the broker, so a backlog is never sent twice.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
import redis
from django.utils import timezone

from meetings import tasks
from meetings.models import Meeting
from newsdesk import broker, services
from newsdesk.celery import app
from newsdesk.models import Bulletin, ExtractionState
from tests.factories import bulletin_text
from tests.integration.conftest import DEV_CORPUS, Beat, Worker, paused_before_done, worker_is_paused

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BATCH = 30
# The sweep as the test runs it: sent every 2 s, for bulletins unaccounted for 3 s or more.
FAST_SWEEP = {"EXTRACTION_SWEEP_SECONDS": "2", "EXTRACTION_LOST_AFTER_SECONDS": "3"}
# Batches of four: the worker reserves eight messages (two batches), claims and saves four together.
BATCH_SIZE = 4
# 10,000 waiting messages: a day of a busy newsroom's uploads stuck behind a stopped worker.
BACKLOG = 10_000


def states(ids: list[int] | None = None) -> dict[str, int]:
    rows = Bulletin.objects.all() if ids is None else Bulletin.objects.filter(pk__in=ids)
    counts: dict[str, int] = {}
    for state in rows.values_list("state", flat=True):
        counts[state] = counts.get(state, 0) + 1
    return counts


def upload(paths: list[Path]) -> list[int]:
    outcomes = services.store_bulletins(files=[(path.name, path.read_bytes()) for path in paths])
    return sorted(bulletin_id for outcome in outcomes for bulletin_id in outcome.bulletin_ids)


def test_batch_whose_whole_worker_is_killed_mid_task_is_finished_by_a_new_worker_without_any_command(
    spare_broker, integration_services, wait_for, tmp_path
):
    _, database_url = integration_services
    files = sorted(DEV_CORPUS.glob("*.txt"))[:BATCH]
    assert len(files) == BATCH, f"the dev corpus at {DEV_CORPUS} has fewer than {BATCH} bulletins"
    ids = upload(files)  # no worker yet: all 30 messages wait in Redis
    assert len(ids) == BATCH
    sent_as = dict(Bulletin.objects.values_list("pk", "task_id"))
    victim = Bulletin.objects.get(source_name=files[9].name)
    worker = Worker(
        broker_url=spare_broker,
        database_url=database_url,
        env={**FAST_SWEEP, "EXTRACTION_BATCH_SIZE": str(BATCH_SIZE)},
    )
    beat = Beat(broker_url=spare_broker, schedule_file=tmp_path / "beat-schedule", env=FAST_SWEEP)
    try:
        with paused_before_done(source_name=victim.source_name) as release:
            beat.start()
            worker.start()
            wait_for(
                lambda: (
                    Bulletin.objects.get(pk=victim.pk).state == ExtractionState.RUNNING and worker_is_paused()
                ),
                timeout=90,
                message="the worker never got mid-way through the tenth bulletin",
            )

            worker.kill()  # kill -9 the main process and its pool: nothing is acknowledged or given back
            release()  # the dead process's open transaction ends and rolls back
        at_kill = states()
        in_flight = set(Bulletin.objects.filter(state=ExtractionState.RUNNING).values_list("pk", flat=True))
        worker.start()  # a new worker; beat kept sending the sweep all along
        wait_for(
            lambda: states() == {ExtractionState.DONE: BATCH},
            timeout=120,
            message=f"the batch was not finished after the kill (at the kill: {at_kill}): {states()}",
        )
    finally:
        worker.stop()
        beat.stop()

    # The tenth bulletin's batch was claimed together (the worker's earlier batches were done), and its
    # save, one transaction, rolled back with the dead process.
    assert victim.pk in in_flight
    assert 1 <= len(in_flight) <= BATCH_SIZE
    assert at_kill[ExtractionState.RUNNING] == len(in_flight)
    assert at_kill[ExtractionState.DONE] >= 9 - len(in_flight)
    resent = {b.pk for b in Bulletin.objects.all() if b.task_id != sent_as[b.pk]}
    # Sent again by the sweep under new task ids (Redis would give back the old ones, in minutes): the
    # batch in flight, counting a second attempt, and what the dead worker had reserved (it reserves
    # two batches' messages, the one it runs among them).
    assert {b.pk: b.attempts for b in Bulletin.objects.filter(pk__in=in_flight)} == dict.fromkeys(
        in_flight, 2
    )
    assert in_flight <= resent
    assert len(resent) <= 2 * BATCH_SIZE
    # No other bulletin was sent twice, though the sweep ran every 2 s while they waited: the ones done
    # before the kill, and the backlog that waited in the queue.
    others = Bulletin.objects.exclude(pk__in=resent)
    assert {b.pk: (b.attempts, b.task_id) for b in others} == {b.pk: (1, sent_as[b.pk]) for b in others}
    for bulletin in Bulletin.objects.all():
        stored = list(Meeting.objects.filter(bulletin=bulletin).values_list("match_key", flat=True))
        assert len(stored) == len(set(stored)) == len(bulletin.extraction["meetings"]), bulletin.source_name
    assert Meeting.objects.count() == sum(len(b.extraction["meetings"]) for b in Bulletin.objects.all()) > 0


def lrange_calls(client: redis.Redis) -> int:
    return int(client.info("commandstats").get("cmdstat_lrange", {}).get("calls", 0))


def queued_ids(client: redis.Redis, start: int, stop: int) -> set[str]:
    return {json.loads(raw)["headers"]["id"] for raw in client.lrange("celery", start, stop)}


def test_sweep_sends_again_only_bulletins_whose_message_is_gone_never_a_waiting_backlog(
    spare_broker, django_assert_max_num_queries
):
    an_hour_ago = timezone.now() - timedelta(hours=1)
    rows = [
        Bulletin(
            title=f"Ожидающий бюллетень {n}",
            date=date(2026, 2, 24),
            text=bulletin_text(f"Ожидающий бюллетень {n}"),
            source_name="backlog.txt",
            part=n + 1,
            sha256=f"{n:064x}",
            encoding="utf-8",
            state=ExtractionState.QUEUED,
            state_changed_at=an_hour_ago,
            task_id=str(uuid.uuid4()),
        )
        for n in range(BACKLOG + 2)
    ]
    rows[-1].state = ExtractionState.RUNNING  # its worker is gone: nobody on this broker answers
    Bulletin.objects.bulk_create(rows, batch_size=2000)
    backlog, lost = rows[:BACKLOG], rows[BACKLOG:]
    with app.producer_or_acquire() as producer:
        for bulletin in backlog:
            tasks.extract_bulletin.apply_async((bulletin.pk,), task_id=bulletin.task_id, producer=producer)
    # The queued one's message never left (or vanished with a worker); the running one's worker died.
    client = redis.Redis.from_url(spare_broker)
    assert client.llen("celery") == BACKLOG
    calls_before = lrange_calls(client)

    with django_assert_max_num_queries(8):
        sent = services.requeue_stale_bulletins()

    calls = lrange_calls(client) - calls_before
    assert sent == 2
    # The backlog is untouched, in the database and in the queue.
    assert set(
        Bulletin.objects.filter(pk__in=[b.pk for b in backlog]).values_list("state", "state_changed_at")
    ) == {(ExtractionState.QUEUED, an_hour_ago)}
    assert dict(Bulletin.objects.filter(pk__in=[b.pk for b in backlog]).values_list("pk", "task_id")) == {
        b.pk: b.task_id for b in backlog
    }
    assert client.llen("celery") == BACKLOG + 2
    # The two lost ones are queued again under new task ids, and their messages are in the queue.
    resent = dict(Bulletin.objects.filter(pk__in=[b.pk for b in lost]).values_list("task_id", "state"))
    assert set(resent.values()) == {ExtractionState.QUEUED}
    assert not set(resent) & {b.task_id for b in lost}
    assert queued_ids(client, 0, 1) == set(resent)
    # One read per page of the queue (and of its three priority lists), never one per bulletin.
    assert calls <= BACKLOG // broker.QUEUE_PAGE_SIZE + 1 + 3


def test_sweep_leaves_bulletins_running_on_a_live_worker_or_waiting_for_it(worker, wait_for):
    files = [
        (f"held-{n}.txt", bulletin_text(f"Бюллетень {n} живого воркера").encode("utf-8")) for n in (1, 2, 3)
    ]
    with paused_before_done(source_name="held-1.txt") as release:
        outcomes = services.store_bulletins(files=files)
        ids = sorted(bulletin_id for outcome in outcomes for bulletin_id in outcome.bulletin_ids)
        first = Bulletin.objects.get(source_name="held-1.txt")
        wait_for(
            lambda: Bulletin.objects.get(pk=first.pk).state == ExtractionState.RUNNING and worker_is_paused(),
            timeout=60,
            message="the worker never got mid-way through the first bulletin",
        )
        sent_as = dict(Bulletin.objects.values_list("pk", "task_id"))
        # The first ran at once, alone (the pool was free); the two others wait in the worker for
        # the next batch, reserved by it as Celery reserves an ordinary message.
        assert states(ids) == {ExtractionState.RUNNING: 1, ExtractionState.QUEUED: 2}

        # However old they are: one runs on a live worker, two wait in it for their batch.
        assert services.requeue_stale_bulletins(older_than=timedelta(0)) == 0

        assert dict(Bulletin.objects.values_list("pk", "task_id")) == sent_as
        release()
        wait_for(
            lambda: states(ids) == {ExtractionState.DONE: 3},
            timeout=60,
            message=f"the bulletins were not extracted: {states(ids)}",
        )
    assert set(Bulletin.objects.filter(pk__in=ids).values_list("attempts", flat=True)) == {1}
