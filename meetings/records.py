"""Running the extractor on a stored bulletin and saving what it found."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meetings import extraction
from newsdesk.models import Bulletin, ExtractionState

logger = logging.getLogger(__name__)

Extractor = Callable[[str], dict]


def extract_and_save(*, bulletin_id: int, extractor: Extractor | None = None) -> str | None:
    """Extract one bulletin: ``queued → running → done | failed``; returns the final state.

    Idempotent: a bulletin already done at the current extractor version, failed, or deleted
    is left alone (None). Each start counts an attempt; past ``EXTRACTION_MAX_ATTEMPTS`` the
    bulletin is marked failed, so a bulletin that kills workers cannot loop forever. An error
    raised by the extractor marks the bulletin failed with its message and is raised again.
    """
    bulletin = claim_bulletin(bulletin_id)
    if bulletin is None:
        return None
    run = extractor or extraction.extract
    try:
        result = run(bulletin.text)
    except Exception as error:
        mark_failed(bulletin_id, f"{type(error).__name__}: {error}")
        logger.exception("extraction of bulletin %s failed", bulletin_id)
        raise
    return save_result(bulletin_id, result)


def claim_bulletin(bulletin_id: int) -> Bulletin | None:
    """Mark the bulletin running and count the attempt, or None when there is nothing to do."""
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().filter(pk=bulletin_id).first()
        if bulletin is None:
            logger.info("bulletin %s no longer exists", bulletin_id)
            return None
        if bulletin.state == ExtractionState.FAILED or (
            bulletin.state == ExtractionState.DONE
            and bulletin.extractor_version == extraction.EXTRACTOR_VERSION
        ):
            return None
        if bulletin.attempts >= settings.EXTRACTION_MAX_ATTEMPTS:
            set_state(
                bulletin,
                ExtractionState.FAILED,
                error=f"извлечение не завершилось за {bulletin.attempts} попыток",
            )
            return None
        bulletin.attempts += 1
        set_state(bulletin, ExtractionState.RUNNING, extra_fields=["attempts"])
    return bulletin


def save_result(bulletin_id: int, result: dict) -> str:
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin_id)
        bulletin.extraction = result
        bulletin.extractor_version = str(result.get("extractor_version", ""))
        bulletin.extracted_at = timezone.now()
        set_state(
            bulletin,
            ExtractionState.DONE,
            error="",
            extra_fields=["extraction", "extractor_version", "extracted_at"],
        )
    return ExtractionState.DONE


def mark_failed(bulletin_id: int, message: str) -> None:
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin_id)
        set_state(bulletin, ExtractionState.FAILED, error=message)


def set_state(
    bulletin: Bulletin, state: str, *, error: str | None = None, extra_fields: list[str] | None = None
) -> None:
    bulletin.state = state
    bulletin.state_changed_at = timezone.now()
    fields = ["state", "state_changed_at", *(extra_fields or [])]
    if error is not None:
        bulletin.error = error
        fields.append("error")
    bulletin.save(update_fields=fields)
