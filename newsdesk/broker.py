"""What the broker still holds of the extraction messages: the sweep's view of Redis and the workers.

A bulletin's extraction message is, at any moment, in one of two places the sweep can see: waiting
in the Redis queue list, or held (reserved or running) by a worker that answers. A message that is
in neither was lost: the worker holding it was killed (its copy in Redis' unacked set comes back
only after the visibility timeout), or it never left (broker down at upload), or it vanished between
Redis and a dying worker (celery#4354, kombu#305).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Iterator
from typing import cast

import redis
from kombu.exceptions import OperationalError
from kombu.transport.redis import Channel

from newsdesk.celery import app
from newsdesk.errors import BrokerUnavailable

logger = logging.getLogger(__name__)

# How long the workers are given to answer "do you hold these tasks?". A worker answers from its
# main process, which stays responsive while its pool processes extract.
INSPECT_TIMEOUT_SECONDS = 1.0
# Queued messages are read this many at a time, so memory stays bounded whatever the backlog.
QUEUE_PAGE_SIZE = 1000


def can_inspect() -> bool:
    """True when a Redis broker is configured (not eager mode), so the sweep can ask what it holds."""
    if app.conf.task_always_eager:
        return False
    with app.connection_for_read() as connection:
        return connection.transport.driver_type == "redis"


def held_task_ids(task_ids: Collection[str]) -> set[str]:
    """The ids among ``task_ids`` whose message waits in the queue or is held by a live worker.

    Costs one LRANGE per ``QUEUE_PAGE_SIZE`` queued messages and one broadcast to the workers
    (waiting ``INSPECT_TIMEOUT_SECONDS`` for replies) for the ids not found queued; never a call
    per task. The queue is read before the workers are asked: a message only ever moves from the
    queue to a worker, so one that moves in between is still seen. Workers must answer control
    commands (Celery's default; not ``worker_enable_remote_control = False``), or what they hold
    looks lost and is sent again (harmlessly: see ``meetings.services.records.claim_bulletin``). Raises
    ``BrokerUnavailable`` when Redis cannot be reached; call only when ``can_inspect()``.
    """
    wanted = {task_id for task_id in task_ids if task_id}
    if not wanted:
        return set()
    try:
        with app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1)
            # A Redis broker (callers check can_inspect()): the stubs type its channel as the generic
            # StdChannel, it is kombu's Redis Channel.
            channel = cast(Channel, connection.default_channel)
            held = wanted & set(queued_task_ids(channel))
            unseen = wanted - held
            if unseen:
                inspector = app.control.inspect(timeout=INSPECT_TIMEOUT_SECONDS, connection=connection)
                replies = inspector.query_task(*sorted(unseen)) or {}
                for worker_tasks in replies.values():
                    held |= unseen & set(worker_tasks)
    except (OperationalError, redis.RedisError) as error:
        raise BrokerUnavailable(str(error)) from error
    return held


def queued_task_ids(channel: Channel) -> Iterator[str]:
    """Task ids of the messages waiting in the extraction queue (and its priority lists)."""
    client = channel.client
    for key in queue_keys(channel, app.conf.task_default_queue):
        start = 0
        while True:
            # LPUSH adds on the left and workers pop on the right: paging from the left can show a
            # message twice (harmless) but never skips one that is still waiting.
            page = client.lrange(key, start, start + QUEUE_PAGE_SIZE - 1)
            for raw in page:
                task_id = message_task_id(raw)
                if task_id:
                    yield task_id
            if len(page) < QUEUE_PAGE_SIZE:
                break
            start += QUEUE_PAGE_SIZE


def queue_keys(channel: Channel, queue: str) -> list[str]:
    """The Redis lists of one queue: kombu keeps a list per priority step (``sep`` + step)."""
    return [queue] + [f"{queue}{channel.sep}{step}" for step in channel.priority_steps if step]


def message_task_id(raw: bytes) -> str:
    """The task id of one queued kombu message (Celery's protocol 2 header, else the correlation id)."""
    try:
        message = json.loads(raw)
        return str(message.get("headers", {}).get("id") or message["properties"]["correlation_id"])
    except (ValueError, KeyError, TypeError, AttributeError):
        logger.warning("unreadable message in the extraction queue: %.80r", raw)
        return ""
