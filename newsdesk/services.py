"""Storing bulletins and queueing their extraction: the one entry for the admin and the commands."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings import tasks
from newsdesk import intake
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


def intake_limits() -> intake.Limits:
    return intake.Limits(
        max_file_bytes=settings.INTAKE_MAX_FILE_BYTES,
        max_zip_entries=settings.INTAKE_MAX_ZIP_ENTRIES,
        max_zip_total_bytes=settings.INTAKE_MAX_ZIP_TOTAL_BYTES,
    )


def store_bulletins(
    *, files: Iterable[tuple[str, bytes]], user: AbstractBaseUser | None = None
) -> list[FileOutcome]:
    """Parse each ``(name, bytes)`` upload, save its new bulletins and queue their extraction.

    Each file is saved in its own transaction: a refused file stores nothing and never stops
    the others, and a file's bulletins are stored all together or not at all. A bulletin whose
    text was stored before is reported as a duplicate. Extraction is sent after commit, so the
    upload never waits on (or fails with) the broker.
    """
    outcomes: list[FileOutcome] = []
    limits = intake_limits()
    for name, data in files:
        for result in intake.read_upload(name, data, limits):
            outcomes.append(store_file_result(result, user))
    return outcomes


def store_file_result(result: intake.FileResult, user: AbstractBaseUser | None) -> FileOutcome:
    if result.error is not None:
        logger.info("refused %s", result.error)
        return FileOutcome(name=result.name, status="failed", reason=result.error)
    created: list[int] = []
    duplicates = 0
    with transaction.atomic():
        for parsed in result.bulletins:
            bulletin = create_bulletin(parsed, user)
            if bulletin is None:
                duplicates += 1
            else:
                created.append(bulletin.pk)
    status: Status = "created" if created else "duplicate"
    return FileOutcome(
        name=result.name,
        status=status,
        created=len(created),
        duplicates=duplicates,
        bulletin_ids=tuple(created),
    )


def create_bulletin(parsed: intake.ParsedBulletin, user: AbstractBaseUser | None) -> Bulletin | None:
    """Save one parsed bulletin and queue it; None when the same text is already stored."""
    sha256 = parsed.sha256
    if Bulletin.objects.filter(sha256=sha256).exists():
        return None
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
            )
    except IntegrityError:
        # Another upload stored the same text a moment ago.
        return None
    queue_extraction_on_commit(bulletin.pk)
    return bulletin


def queue_extraction_on_commit(bulletin_id: int) -> None:
    # robust: a broker outage is logged, never raised into the upload; the sweep sends it later.
    transaction.on_commit(lambda: tasks.send_extraction(bulletin_id), robust=True)


def reextract_bulletins(*, bulletin_ids: Iterable[int]) -> int:
    """Put the bulletins back in the queue and send their extraction again; returns the count."""
    ids = list(bulletin_ids)
    now = timezone.now()
    with transaction.atomic():
        bulletins = list(Bulletin.objects.select_for_update().filter(pk__in=ids))
        for bulletin in bulletins:
            bulletin.state = ExtractionState.QUEUED
            bulletin.state_changed_at = now
            bulletin.attempts = 0
            bulletin.error = ""
            bulletin.save(update_fields=["state", "state_changed_at", "attempts", "error"])
            queue_extraction_on_commit(bulletin.pk)
    return len(bulletins)


def requeue_stale_bulletins(*, older_than: timedelta | None = None) -> int:
    """Send again every bulletin left queued or running for longer than ``older_than``.

    This is how a bulletin survives a broker that was down at upload time or a worker lost
    mid-task; returns how many were sent.
    """
    if older_than is None:
        older_than = timedelta(minutes=settings.EXTRACTION_REQUEUE_AFTER_MINUTES)
    now = timezone.now()
    with transaction.atomic():
        stale = list(
            Bulletin.objects.select_for_update()
            .filter(
                state__in=[ExtractionState.QUEUED, ExtractionState.RUNNING],
                state_changed_at__lte=now - older_than,
            )
            .order_by("pk")
        )
        for bulletin in stale:
            bulletin.state = ExtractionState.QUEUED
            bulletin.state_changed_at = now
            bulletin.save(update_fields=["state", "state_changed_at"])
            queue_extraction_on_commit(bulletin.pk)
    if stale:
        logger.info("requeued %d stale bulletin(s)", len(stale))
    return len(stale)
