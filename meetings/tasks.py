"""Celery tasks: thin wrappers that take ids and call one service."""

from __future__ import annotations

import logging
import time

from celery import shared_task
from django.conf import settings
from kombu.exceptions import OperationalError as BrokerError

from meetings.selectors import charts, warm
from meetings.services import records
from newsdesk.batches import BatchItem, BatchTask

logger = logging.getLogger(__name__)

# After a failed publish, skip the broker for this long: a batch upload must not stall on an
# outage; what was not sent stays `queued` and the sweep sends it later.
BROKER_BACKOFF_SECONDS = 30.0
_broker_down_until = 0.0


@shared_task(
    base=BatchTask,
    # A worker takes the bulletins waiting for it in batches (newsdesk/batches.py): one message per
    # bulletin as before, so the sweep still finds each in the broker, but a batch is claimed and
    # saved with the statements of one bulletin (records.extract_and_save_batch says why). A lone
    # upload runs at once; under a backlog the next batch fills while one runs.
    flush_every=settings.EXTRACTION_BATCH_SIZE,
    acks_late=True,
)
def extract_bulletin(items: list[BatchItem]) -> None:
    """Extract the bulletins of a batch of messages (each message: one bulletin id).

    A batch's messages are acknowledged once it has run, whatever happened: a bulletin the engine
    failed on is marked failed; one left running or queued by an error of the database (its
    server restarting) is sent again by the sweep (``requeue_stale_bulletins``) under a new task id.
    """
    records.extract_and_save_batch([(int(item.args[0]), item.id) for item in items])


@shared_task(ignore_result=True)
def refresh_directory() -> None:
    warm.refresh()


@shared_task(ignore_result=True)
def redraw_chart(name: str, params: dict[str, str], reader: str) -> None:
    charts.redraw(name, params, reader)


def redraw_in_background() -> charts.Redraw | None:
    """How a chart gone stale is drawn again without its visitor waiting: by a worker (the visitor
    sees the last drawing meanwhile); None in eager mode, where no worker would (drawn at once)."""
    from newsdesk.celery import app

    return None if app.conf.task_always_eager else redraw_chart.delay


def send_extraction(bulletin_id: int, *, task_id: str | None = None) -> bool:
    """Publish the extraction of one bulletin as task ``task_id`` (the id stored on the bulletin,
    which the sweep looks for in the broker); False (and logged) when the broker is unreachable.
    """
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        logger.warning("broker unavailable: bulletin %s stays queued for the sweep", bulletin_id)
        return False
    try:
        extract_bulletin.apply_async(
            (bulletin_id,),
            task_id=task_id,
            retry=True,
            retry_policy=settings.CELERY_TASK_PUBLISH_RETRY_POLICY,
        )
    except BrokerError as error:
        _broker_down_until = time.monotonic() + BROKER_BACKOFF_SECONDS
        logger.warning("broker unavailable (%s): bulletin %s stays queued for the sweep", error, bulletin_id)
        return False
    return True
