"""A bulletin's extraction state, ``queued → running → done | failed``: every change of it is made here.

Callers lock the bulletin rows (``select_for_update``) in their transaction before calling. A worker's
batch changes its bulletins together (``start_all``, ``finish_all``): one UPDATE for the batch.
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import Case, Field, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from newsdesk.models import Bulletin, ExtractionState


def set_state(
    bulletin: Bulletin, state: str, *, error: str | None = None, extra_fields: list[str] | None = None
) -> None:
    """Save ``state`` (and ``error`` when given, and ``extra_fields`` already set on the bulletin)."""
    bulletin.save(update_fields=assign_state(bulletin, state, error=error, extra_fields=extra_fields))


def assign_state(
    bulletin: Bulletin,
    state: str,
    *,
    error: str | None = None,
    extra_fields: list[str] | None = None,
    now: datetime.datetime | None = None,
) -> list[str]:
    """Set ``state`` (and ``error``) on the bulletin without saving it; the fields to save."""
    bulletin.state = state
    bulletin.state_changed_at = now or timezone.now()
    fields = ["state", "state_changed_at", *(extra_fields or [])]
    if error is not None:
        bulletin.error = error
        fields.append("error")
    return fields


def queue(bulletin: Bulletin, *, task_id: str, fresh_start: bool = False) -> None:
    """Back to ``queued`` under a new Celery ``task_id``; ``fresh_start`` also forgets its attempts
    and last error (an editor's re-extraction, not the sweep's resend)."""
    bulletin.task_id = task_id
    fields = ["task_id"]
    if fresh_start:
        bulletin.attempts = 0
        fields.append("attempts")
    set_state(bulletin, ExtractionState.QUEUED, error="" if fresh_start else None, extra_fields=fields)


def start_all(claims: list[tuple[Bulletin, str | None]]) -> None:
    """Each bulletin ``running`` as its task (``(bulletin, task id)``), counting the attempt."""
    fields: set[str] = set()
    now = timezone.now()
    for bulletin, task_id in claims:
        bulletin.attempts += 1
        if task_id:
            bulletin.task_id = task_id
        fields.update(
            assign_state(bulletin, ExtractionState.RUNNING, extra_fields=["attempts", "task_id"], now=now)
        )
    save_all([bulletin for bulletin, _ in claims], fields)


def finish_all(bulletins: list[Bulletin], *, extra_fields: list[str]) -> None:
    """Each bulletin ``done``, with the result fields the caller set (``extra_fields``); the last
    error is cleared."""
    fields: set[str] = set()
    now = timezone.now()
    for bulletin in bulletins:
        fields.update(
            assign_state(bulletin, ExtractionState.DONE, error="", extra_fields=extra_fields, now=now)
        )
    save_all(bulletins, fields)


def save_all(bulletins: list[Bulletin], fields: set[str]) -> None:
    """Save ``fields`` of every bulletin in one UPDATE: a field with one value for all is set to it,
    one whose values differ takes each bulletin's own (a CASE on the id). ``bulk_update`` writes every
    field as a CASE, which costs twice as much for a worker's batch (its state and times are shared)."""
    if len(bulletins) == 1:
        bulletins[0].save(update_fields=sorted(fields))
    elif bulletins:
        values = {name: column_value(bulletins, name) for name in sorted(fields)}
        Bulletin.objects.filter(pk__in=[bulletin.pk for bulletin in bulletins]).update(**values)


def column_value(bulletins: list[Bulletin], name: str) -> object:
    field = Bulletin._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"{name} is a relation of the bulletin, not a column")
    values = [getattr(bulletin, field.attname) for bulletin in bulletins]
    if all(value == values[0] for value in values):
        return values[0]
    case = Case(
        *[
            When(pk=bulletin.pk, then=Value(value, output_field=field))
            for bulletin, value in zip(bulletins, values, strict=True)
        ],
        output_field=field,
    )
    # As bulk_update does it: PostgreSQL types a CASE of parameters as text unless told.
    return Cast(case, output_field=field) if connection.features.requires_casted_case_in_updates else case


def fail(bulletin: Bulletin, message: str) -> None:
    """``failed`` with ``message``, which names the problem for the editor."""
    set_state(bulletin, ExtractionState.FAILED, error=message)
