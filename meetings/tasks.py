"""Celery tasks: thin wrappers that take ids and call one service."""

from __future__ import annotations

import logging
import time

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from kombu.exceptions import OperationalError as BrokerError

from meetings.selectors import charts, warm
from meetings.services import records

logger = logging.getLogger(__name__)

# After a failed publish, skip the broker for this long: a batch upload must not stall on an
# outage; what was not sent stays `queued` and the sweep sends it later.
BROKER_BACKOFF_SECONDS = 30.0
_broker_down_until = 0.0


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def extract_bulletin(self, bulletin_id: int) -> None:
    records.extract_and_save(bulletin_id=bulletin_id, task_id=self.request.id)


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
