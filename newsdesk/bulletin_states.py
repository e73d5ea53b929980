"""A bulletin's extraction state, ``queued → running → done | failed``: every change of it is made here.

Callers lock the bulletin row (``select_for_update``) in their transaction before calling.
"""

from __future__ import annotations

from django.utils import timezone

from newsdesk.models import Bulletin, ExtractionState


def set_state(
    bulletin: Bulletin, state: str, *, error: str | None = None, extra_fields: list[str] | None = None
) -> None:
    """Save ``state`` (and ``error`` when given, and ``extra_fields`` already set on the bulletin)."""
    bulletin.state = state
    bulletin.state_changed_at = timezone.now()
    fields = ["state", "state_changed_at", *(extra_fields or [])]
    if error is not None:
        bulletin.error = error
        fields.append("error")
    bulletin.save(update_fields=fields)


def queue(bulletin: Bulletin, *, task_id: str, fresh_start: bool = False) -> None:
    """Back to ``queued`` under a new Celery ``task_id``; ``fresh_start`` also forgets its attempts
    and last error (an editor's re-extraction, not the sweep's resend)."""
    bulletin.task_id = task_id
    fields = ["task_id"]
    if fresh_start:
        bulletin.attempts = 0
        fields.append("attempts")
    set_state(bulletin, ExtractionState.QUEUED, error="" if fresh_start else None, extra_fields=fields)


def start(bulletin: Bulletin, *, task_id: str | None) -> None:
    """``running`` as task ``task_id``, counting the attempt."""
    bulletin.attempts += 1
    fields = ["attempts"]
    if task_id:
        bulletin.task_id = task_id
        fields.append("task_id")
    set_state(bulletin, ExtractionState.RUNNING, extra_fields=fields)


def finish(bulletin: Bulletin, *, extra_fields: list[str]) -> None:
    """``done``, with the result fields the caller set (``extra_fields``); the last error is cleared."""
    set_state(bulletin, ExtractionState.DONE, error="", extra_fields=extra_fields)


def fail(bulletin: Bulletin, message: str) -> None:
    """``failed`` with ``message``, which names the problem for the editor."""
    set_state(bulletin, ExtractionState.FAILED, error=message)
