"""Two worker processes on one queue, as on two hosts: each bulletin is extracted once, by one of them.

Both workers consume the same Redis queue and write to the same PostgreSQL database; the bulletins
share people (the dev corpus names the same officials again and again), so the two create and find
the same Person rows at the same moment. Each worker takes its bulletins in batches of four here
(``EXTRACTION_BATCH_SIZE``; it reserves two batches), so twenty are shared between the two.
"""

from __future__ import annotations

import pytest

from meetings.models import Meeting, Participant, Person
from newsdesk import services
from newsdesk.celery import app
from newsdesk.models import Bulletin, ExtractionState
from tests.integration.conftest import DEV_CORPUS, Worker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BATCH = 20
TASK = "meetings.tasks.extract_bulletin"
SMALL_BATCHES = {"EXTRACTION_BATCH_SIZE": "4"}


def states() -> dict[str, int]:
    counts: dict[str, int] = {}
    for state in Bulletin.objects.values_list("state", flat=True):
        counts[state] = counts.get(state, 0) + 1
    return counts


def tasks_run_by_each_worker() -> dict[str, int]:
    """``{worker name: extraction tasks it accepted}`` from the workers on this broker (remote control)."""
    replies = app.control.inspect(timeout=2.0).stats() or {}
    return {name: int(stats.get("total", {}).get(TASK, 0)) for name, stats in replies.items()}


def test_two_workers_on_one_queue_extract_each_bulletin_exactly_once(
    spare_broker, integration_services, wait_for
):
    _, database_url = integration_services
    files = sorted(DEV_CORPUS.glob("*.txt"))[:BATCH]
    assert len(files) == BATCH, f"the dev corpus at {DEV_CORPUS} has fewer than {BATCH} bulletins"
    workers = [
        Worker(broker_url=spare_broker, database_url=database_url, env=SMALL_BATCHES) for _ in range(2)
    ]
    try:
        for worker in workers:
            worker.start()  # both consume the queue before the first message arrives
        outcomes = services.store_bulletins(files=[(path.name, path.read_bytes()) for path in files])
        ids = sorted(bulletin_id for outcome in outcomes for bulletin_id in outcome.bulletin_ids)
        assert len(ids) == BATCH
        sent_as = dict(Bulletin.objects.values_list("pk", "task_id"))
        wait_for(
            lambda: states() == {ExtractionState.DONE: BATCH},
            timeout=180,
            message=f"the two workers did not finish the batch: {states()}",
        )
        ran = tasks_run_by_each_worker()
        assert all(worker.alive() for worker in workers)
    finally:
        for worker in workers:
            worker.stop()

    # Each message was accepted by one worker only, and both took part.
    assert len(ran) == 2, ran
    assert sum(ran.values()) == BATCH, ran
    assert all(count > 0 for count in ran.values()), ran
    # Each bulletin was claimed once, under the task id it was sent with, and extracted once.
    for bulletin in Bulletin.objects.all():
        assert (bulletin.attempts, bulletin.task_id, bulletin.error) == (1, sent_as[bulletin.pk], "")
        stored = list(Meeting.objects.filter(bulletin=bulletin).values_list("match_key", flat=True))
        assert len(stored) == len(set(stored)) == len(bulletin.extraction["meetings"]), bulletin.source_name
    meetings = Meeting.objects.count()
    assert meetings == sum(len(b.extraction["meetings"]) for b in Bulletin.objects.all()) > 0
    # Created once: one history row ("created") per meeting and per participant, nothing deleted.
    assert set(Meeting.history.values_list("history_type", flat=True)) == {"+"}
    assert Meeting.history.count() == meetings
    assert set(Participant.history.values_list("history_type", flat=True)) == {"+"}
    assert Participant.history.count() == Participant.objects.count() > 0
    # People named in several bulletins are one Person each, whichever worker met them first.
    named = Participant.objects.exclude(name="")
    assert not named.filter(person=None).exists()
    assert Person.objects.count() == len(set(named.values_list("person_id", flat=True)))
