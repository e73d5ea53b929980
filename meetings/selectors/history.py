"""The history of meetings and their participants (django-simple-history's records), told for people.

Each change reads as reviewers see the record: the field's Russian label and the value the page
shows (вид: визит → встреча; место: — → «Вена»), times in the site's zone (Asia/Almaty), the user
by name; the record's bookkeeping (:data:`INTERNAL_FIELDS`) is left out. The conflict message of
``services.review.changes_since`` and the admin's history pages (``templates/simple_history/``,
through the ``review_history`` template library) both read it.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import formats, timezone

from meetings import russian
from meetings.models import Meeting, Participant

TIME_FORMAT = "%d.%m.%Y %H:%M"
DATE_FORMAT = "%d.%m.%Y"
NOBODY = "система"  # a change no user made: extraction, a command
EMPTY = "—"
LONGEST_VALUE = 120  # characters of a value shown (a reject reason can be long)

# Fields a change never names: the record's bookkeeping, not what reviewers read or edit.
# - edited: set by every reviewer's save («исправлена» says nothing the change itself does not);
# - version: the optimistic lock's counter; match_key: the event's identity for re-extraction;
# - machine_output: the machine's original reading (not kept in history anyway);
# - reviewed_at: moves with every decision, at the record's own time (shown on each entry);
# - created_at: never changes;
# - a participant's meeting (never changes), order and mention offsets (positions in the text),
#   and machine_name (the machine's reading, never edited).
INTERNAL_FIELDS: dict[str, frozenset[str]] = {
    Meeting._meta.label_lower: frozenset(
        {"edited", "version", "match_key", "machine_output", "reviewed_at", "created_at"}
    ),
    Participant._meta.label_lower: frozenset(
        {"meeting", "order", "mention_start", "mention_end", "machine_name"}
    ),
}


# Fields no form edits (simple_history's diff leaves them out) whose changes people should read:
# a meeting joined to another's event, or split off it (meetings.services.events).
SET_BY_SERVICES: dict[str, tuple[str, ...]] = {Meeting._meta.label_lower: ("same_event_as",)}


def local_time(moment: datetime.datetime) -> str:
    """``moment`` in the site's time zone (Asia/Almaty): «01.12.2026 22:04»."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime(TIME_FORMAT)


def user_name(user: Any) -> str:
    """The user's full name, else the username; «система» for a change nobody made."""
    if user is None:
        return NOBODY
    return user.get_full_name().strip() or user.get_username()


def _shorten(text: str) -> str:
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1].rstrip() + "…"


def shown_value(field: models.Field, value: Any) -> str:
    """``value`` of ``field`` as the pages show it: a choice's label, «да»/«нет», local time, a
    user by name, «—» for nothing; text typed or read from a bulletin (and a related record's
    name) in «quotes», so that commas and arrows in it are not taken for the description's."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
        if related is None:
            return f"#{value} (удалён)"
        if related._meta.label_lower == "auth.user":
            return user_name(related)
        return _quoted(str(related))
    if isinstance(value, bool):
        return "да" if value else "нет"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return local_time(value)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float):
        return formats.number_format(value, decimal_pos=2)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return _shorten(", ".join(_quoted(str(item)) for item in value))
    return _quoted(str(value))


def _quoted(text: str) -> str:
    return f"«{_shorten(text)}»"


def describe_changes(record: Any, previous: Any) -> list[str]:
    """What changed from the history record ``previous`` to ``record`` (of the same object), for
    people: «вид: визит → встреча», in the model's field order; internal fields left out."""
    if previous is None:
        return []
    model = record.instance_type
    hidden = INTERNAL_FIELDS.get(model._meta.label_lower, frozenset())
    delta = record.diff_against(previous, excluded_fields=hidden)
    changed = {change.field: (change.old, change.new) for change in delta.changes}
    for name in SET_BY_SERVICES.get(model._meta.label_lower, ()):
        # Not in forms, so simple_history's diff skips them: compared here.
        attname = model._meta.get_field(name).attname
        if getattr(previous, attname) != getattr(record, attname):
            changed[name] = (getattr(previous, attname), getattr(record, attname))
    lines = []
    for model_field in model._meta.concrete_fields:
        change = changed.get(model_field.name)
        if change is None:
            continue
        old, new = shown_value(model_field, change[0]), shown_value(model_field, change[1])
        if old != new:
            lines.append(f"{model_field.verbose_name}: {old} → {new}")
    return lines


def change_kind(record: Any) -> str:
    """«создана», «изменена», «удалена», agreeing with the model's name (участник «создан»)."""
    noun = russian.noun_for(record.instance_type._meta)
    kinds = {
        "+": noun.agree(m="создан", f="создана", n="создано"),
        "~": noun.agree(m="изменён", f="изменена", n="изменено"),
        "-": noun.agree(m="удалён", f="удалена", n="удалено"),
    }
    return kinds.get(record.history_type, record.history_type)


@dataclass
class HistoryEntry:
    """One history record as the history page and conflict messages tell it."""

    record: Any
    when: str  # local time, «01.12.2026 22:04»
    who: str
    kind: str  # «создана», «изменена», «удалена»
    changes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Анна Ревизорова, 01.12.2026 22:04: вид: визит → встреча; место: — → «Вена»."""
        told = "; ".join(self.changes) if self.changes else self.kind
        return f"{self.who}, {self.when}: {told}"


def _ordered(records: Iterable[Any]) -> list[Any]:
    return sorted(records, key=lambda record: (record.history_date, record.history_id))


def history_entries(records: Sequence[Any]) -> list[HistoryEntry]:
    """The entries of history records of one object, in the order given (a page of the history
    list, newest first, or changes oldest first): each described against the record before it in
    time. A meeting's entries also tell its participants' changes saved with it."""
    records = list(records)
    if not records:
        return []
    ascending = _ordered(records)
    previous = {ascending[0].history_id: ascending[0].prev_record}
    previous.update({later.history_id: earlier for earlier, later in itertools.pairwise(ascending)})
    participants: dict[int, list[str]] = {}
    if records[0].instance_type is Meeting:
        participants = participant_changes(
            meeting_id=records[0].id, history_ids={r.history_id for r in records}
        )
    entries = []
    for record in records:
        changes = describe_changes(record, previous[record.history_id])
        if record.history_type != "+":  # a new meeting's participants came with it
            changes += participants.get(record.history_id, [])
        entries.append(
            HistoryEntry(
                record=record,
                when=local_time(record.history_date),
                who=user_name(record.history_user),
                kind=change_kind(record),
                changes=changes,
            )
        )
    return entries


def describe_participant(record: Any, previous: Any) -> str | None:
    """«добавлен участник «…»», «удалён участник «…»», «участник «…»: должность: … → …»."""
    name = record.name or (previous.name if previous is not None else "") or "(без имени)"
    if record.history_type == "+":
        return f"добавлен участник «{name}»"
    if record.history_type == "-":
        return f"удалён участник «{name}»"
    lines = describe_changes(record, previous)
    return f"участник «{name}»: {', '.join(lines)}" if lines else None  # one line per participant


def participant_changes(*, meeting_id: int, history_ids: set[int]) -> dict[int, list[str]]:
    """The meeting's participants' changes, by the meeting's history record they were saved with
    (the latest one at or before them: a reviewer's save writes the meeting, then its
    participants), for the records ``history_ids``. Two queries."""
    meeting_records = list(
        Meeting.history.filter(id=meeting_id)
        .order_by("history_date", "history_id")
        .values_list("history_date", "history_id")
    )
    dates = [date for date, _ in meeting_records]
    last_of: dict[int, Any] = {}
    told: dict[int, list[str]] = defaultdict(list)
    for record in Participant.history.filter(meeting_id=meeting_id).order_by("history_date", "history_id"):
        before, last_of[record.id] = last_of.get(record.id), record
        position = bisect.bisect_right(dates, record.history_date) - 1
        if position < 0:
            continue
        owner = meeting_records[position][1]
        if owner not in history_ids:
            continue
        line = describe_participant(record, before)
        if line:
            told[owner].append(line)
    return dict(told)
