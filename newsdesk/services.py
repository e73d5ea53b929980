"""Storing bulletins and queueing their extraction: the one entry for the admin and the commands."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings import tasks
from newsdesk import broker, bulletin_states, intake
from newsdesk.errors import BrokerUnavailable
from newsdesk.models import Bulletin, ExtractionState

logger = logging.getLogger(__name__)

Status = Literal["created", "duplicate", "failed"]


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """One line of the upload report: a file (or zip entry) and what became of it."""

    name: str
    status: Status
    created: int = 0
    duplicates: int = 0
    reason: str = ""
    bulletin_ids: tuple[int, ...] = ()
    # The stored bulletins this file's duplicates repeat (found by their text's SHA-256), in order.
    duplicate_of: tuple[int, ...] = ()


def intake_limits() -> intake.Limits:
    return intake.Limits(
        max_file_bytes=settings.INTAKE_MAX_FILE_BYTES,
        max_zip_entries=settings.INTAKE_MAX_ZIP_ENTRIES,
        max_zip_total_bytes=settings.INTAKE_MAX_ZIP_TOTAL_BYTES,
    )


def store_bulletins(
    *,
    files: Iterable[tuple[str, bytes]],
    user: User | None = None,
    refused: Iterable[intake.FileResult] = (),
) -> list[FileOutcome]:
    """Parse each ``(name, bytes)`` upload, save its new bulletins and queue their extraction.

    Each file is saved in its own transaction: a refused file stores nothing and never stops
    the others, and a file's bulletins are stored all together or not at all. A bulletin whose
    text was stored before is reported as a duplicate. Extraction is sent after commit, so the
    upload never waits on (or fails with) the broker. ``refused`` are uploads dropped before
    they were read (too large): they head the report as failed. ``files`` is consumed one file
    at a time, and a zip one entry at a time, so a lazy iterable keeps one file in memory.
    """
    outcomes = [store_file_result(result, user) for result in refused]
    limits = intake_limits()
    for name, data in files:
        for result in intake.iter_upload(name, data, limits):
            outcomes.append(store_file_result(result, user))
    return outcomes


def store_file_result(result: intake.FileResult, user: User | None) -> FileOutcome:
    if result.error is not None:
        logger.info("refused %s", result.error)
        return FileOutcome(name=result.name, status="failed", reason=result.error)
    created: list[int] = []
    duplicate_of: list[int] = []
    with transaction.atomic():
        for parsed in result.bulletins:
            bulletin_id, is_new = create_bulletin(parsed, user)
            if is_new:
                created.append(bulletin_id)
            else:
                duplicate_of.append(bulletin_id)
    status: Status = "created" if created else "duplicate"
    return FileOutcome(
        name=result.name,
        status=status,
        created=len(created),
        duplicates=len(duplicate_of),
        bulletin_ids=tuple(created),
        duplicate_of=tuple(dict.fromkeys(duplicate_of)),
    )


def create_bulletin(parsed: intake.ParsedBulletin, user: User | None) -> tuple[int, bool]:
    """Save one parsed bulletin and queue it: ``(its id, True)``. When the same text is already
    stored nothing is saved: ``(the stored bulletin's id, False)``."""
    sha256 = parsed.sha256
    stored = stored_bulletin_id(sha256)
    if stored is not None:
        return stored, False
    dateline = parsed.dateline
    try:
        with transaction.atomic():
            bulletin = Bulletin.objects.create(
                title=parsed.title[:500],
                date=parsed.date,
                dateline_place=dateline.place if dateline else "",
                dateline_date=dateline.date if dateline else None,
                agency=dateline.agency if dateline else "",
                text=parsed.text,
                source_name=parsed.source_name[:500],
                part=parsed.part,
                sha256=sha256,
                encoding=parsed.encoding,
                uploaded_by=user if user is not None and user.is_authenticated else None,
                task_id=new_task_id(),
            )
    except IntegrityError:
        # Another upload stored the same text a moment ago (its commit is what let this one fail).
        stored = stored_bulletin_id(sha256)
        if stored is None:
            raise
        return stored, False
    queue_extraction_on_commit(bulletin.pk, bulletin.task_id)
    return bulletin.pk, True


def stored_bulletin_id(sha256: str) -> int | None:
    """The id of the bulletin stored with this text's SHA-256 (unique), if there is one."""
    return Bulletin.objects.filter(sha256=sha256).values_list("pk", flat=True).first()


def new_task_id() -> str:
    """The id of the next extraction message of a bulletin, stored on it before the message is sent."""
    return str(uuid.uuid4())


def queue_extraction_on_commit(bulletin_id: int, task_id: str) -> None:
    # robust: a broker outage is logged, never raised into the upload; the sweep sends it later.
    transaction.on_commit(lambda: tasks.send_extraction(bulletin_id, task_id=task_id), robust=True)


def reextract_bulletins(*, bulletin_ids: Iterable[int]) -> int:
    """Put the bulletins back in the queue and send their extraction again; returns the count."""
    ids = list(bulletin_ids)
    with transaction.atomic():
        bulletins = list(Bulletin.objects.select_for_update().filter(pk__in=ids))
        for bulletin in bulletins:
            bulletin_states.queue(bulletin, task_id=new_task_id(), fresh_start=True)
            queue_extraction_on_commit(bulletin.pk, bulletin.task_id)
    return len(bulletins)


IN_FLIGHT = (ExtractionState.QUEUED, ExtractionState.RUNNING)
# A bulletin's (state, task_id, state_changed_at) as the sweep saw it.
Snapshot = tuple[str, str, datetime]
REQUEUE_BATCH = 500


def requeue_stale_bulletins(*, older_than: timedelta | None = None) -> int:
    """Send again the extraction of bulletins whose message was lost; returns how many were sent.

    With a Redis broker, a bulletin queued or running for at least ``older_than`` (default
    ``EXTRACTION_LOST_AFTER_SECONDS``) is sent again only when its message is neither waiting in
    the queue nor held by a live worker (``newsdesk.broker``): its worker was killed, or the
    message never left or was lost on the way. A backlog that is merely waiting is left alone.
    When the broker cannot be reached nothing is sent (it could not be); the next sweep retries.

    Without a broker to ask (eager mode), every bulletin queued or running for longer than
    ``older_than`` (default ``EXTRACTION_REQUEUE_AFTER_MINUTES``) is sent again.
    """
    asks_broker = broker.can_inspect()
    if older_than is None:
        older_than = (
            timedelta(seconds=settings.EXTRACTION_LOST_AFTER_SECONDS)
            if asks_broker
            else timedelta(minutes=settings.EXTRACTION_REQUEUE_AFTER_MINUTES)
        )
    seen: dict[int, Snapshot] = {
        pk: (state, task_id, changed_at)
        for pk, state, task_id, changed_at in Bulletin.objects.filter(
            state__in=IN_FLIGHT, state_changed_at__lte=timezone.now() - older_than
        ).values_list("pk", "state", "task_id", "state_changed_at")
    }
    if asks_broker and seen:
        try:
            held = broker.held_task_ids([task_id for _, task_id, _ in seen.values()])
        except BrokerUnavailable as error:
            logger.warning("sweep skipped: the broker cannot be reached (%s)", error)
            return 0
        seen = {pk: snapshot for pk, snapshot in seen.items() if snapshot[1] not in held}
    sent = requeue_bulletins_as_seen(seen=seen)
    if sent:
        logger.info("requeued %d stale bulletin(s)", sent)
    return sent


def requeue_bulletins_as_seen(*, seen: dict[int, Snapshot]) -> int:
    """Queue each bulletin again with a new task id, if it is still as ``seen``; returns the count.

    A bulletin that moved on since (claimed, finished, sent again by another sweep) is left to
    the task that moved it. Batches keep each transaction and its id list short.
    """
    sent = 0
    ids = sorted(seen)
    for first in range(0, len(ids), REQUEUE_BATCH):
        with transaction.atomic():
            batch = Bulletin.objects.select_for_update().filter(pk__in=ids[first : first + REQUEUE_BATCH])
            for bulletin in batch.order_by("pk"):
                if (bulletin.state, bulletin.task_id, bulletin.state_changed_at) != seen[bulletin.pk]:
                    continue
                bulletin_states.queue(bulletin, task_id=new_task_id())
                queue_extraction_on_commit(bulletin.pk, bulletin.task_id)
                sent += 1
    return sent
