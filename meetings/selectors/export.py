"""The analysts' CSV export: one format for the admin, the API and ``manage.py export_meetings``.

One row per (Kazakh official × counterpart) of a meeting, read in a single SQL query and streamed
line by line, so the first byte leaves before the query finishes and memory stays flat.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict

from meetings.errors import ExportFilterError
from meetings.filters import MeetingFilter
from meetings.models import Meeting, event_of, latin_kind
from meetings.services.people import latin

EXPORT_PERMISSION = "meetings.export_meeting"
CHUNK_SIZE = 2000
BOM = "\ufeff"
HEADER = (
    "meeting_id",
    "event_id",  # the same for every report of one real meeting (meetings.services.events)
    "bulletin_date",
    "bulletin_title",
    "kind",
    "kz_official",
    "kz_official_latin",
    "kz_official_latin_kind",  # icao (a Kazakh passport's form), set (by staff, with a source) ...
    "role",
    "posting",
    "counterpart",
    "counterpart_latin",
    "counterpart_latin_kind",  # ... or transliteration (the machine's, from the Russian spelling)
    "counterpart_position",
    "counterpart_organization",
    "counterpart_country",
    "location",
    "topics",
    "public_url",
)
# OWASP "CSV Injection": a cell starting with one of these is read as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The flat columns the query returns, in this order (``kz``/``cp`` are the two sides' joins).
PAIR_COLUMNS = (
    "id",
    "event",
    "bulletin_date",
    "bulletin__title",
    "kind",
    "kz__name",
    "kz__person__name_latin",
    "kz__person__latin_source",
    "kz__role",
    "kz__posting",
    "cp__name",
    "cp__person__name_latin",
    "cp__person__latin_source",
    "cp__person__is_kz_official",
    "cp__position",
    "cp__organization",
    "cp__country",
    "location",
    "topics",
)
# Bulletin date, meeting, then each side in the order the bulletin names its people.
PAIR_ORDER = ("bulletin_date", "id", "kz__order", "kz__id", "cp__order", "cp__id")


def can_export(user: User | AnonymousUser) -> bool:
    """Analysts, reviewers and superusers may download from the admin."""
    return user.is_active and user.has_perm(EXPORT_PERMISSION)


def exportable_meetings(
    *, params: QueryDict | dict[str, Any], user: User | AnonymousUser | None = None
) -> QuerySet[Meeting]:
    """Meetings matching ``params`` (:class:`MeetingFilter`'s names) that ``user`` may export.

    ``user=None`` is the trusted command line: every review state, as ``review_state`` says.
    Anyone who may not review gets approved meetings only, whatever ``review_state`` says (the
    one rule of :meth:`meetings.models.MeetingQuerySet.visible_to`).
    Raises :class:`ExportFilterError` naming the bad parameters.
    """
    meetings = Meeting.objects.all() if user is None else Meeting.objects.visible_to(user)
    found = MeetingFilter(params, queryset=meetings)
    if not found.is_valid():
        raise ExportFilterError(found.form.errors.get_json_data())  # found.errors is this ErrorDict
    return found.qs


def pair_rows(meetings: QuerySet[Meeting]) -> QuerySet:
    """Selector: flat rows of ``PAIR_COLUMNS``, one per (official × counterpart), in export order.

    One query: each side is its own LEFT JOIN on participants, so a meeting with one side missing
    still gives rows (the missing side NULL), and one with neither gives one row.
    """
    # Re-select by id: the caller's queryset may carry distinct(), prefetches or slicing of its own.
    return (
        Meeting.objects.filter(pk__in=meetings.values("pk"))
        .with_sides()
        .annotate(event=event_of())
        .order_by(*PAIR_ORDER)
        .values_list(*PAIR_COLUMNS)
    )


def csv_lines(meetings: QuerySet[Meeting], *, bom: bool = False) -> Iterator[str]:
    """The CSV of ``meetings``: the header first (with a BOM for Excel if asked), then one line a row.

    Every cell is quoted, and a cell a spreadsheet would read as a formula gets a leading ``'``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)

    def line(cells: Iterable[str]) -> str:
        writer.writerow(cells)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield (BOM if bom else "") + line(HEADER)
    site = settings.SITE_URL
    # Inside a transaction PostgreSQL's server-side cursor streams rows as the plan yields them; in
    # autocommit Django declares it WITH HOLD, and PostgreSQL computes the whole result first.
    with transaction.atomic(savepoint=False):  # read-only: nothing to roll back to
        for row in pair_rows(meetings).iterator(chunk_size=CHUNK_SIZE):
            yield line(export_cells(row, site))


def csv_bytes(meetings: QuerySet[Meeting], *, bom: bool = False) -> Iterator[bytes]:
    """:func:`csv_lines` in UTF-8."""
    for text in csv_lines(meetings, bom=bom):
        yield text.encode("utf-8")


def export_cells(row: tuple, site: str) -> list[str]:
    """One ``pair_rows`` row as the export's 19 cells."""
    (
        meeting_id,
        event_id,
        date,
        title,
        kind,
        kz_name,
        kz_latin,
        kz_source,
        role,
        posting,
        cp_name,
        cp_latin,
        cp_source,
        cp_is_official,
        cp_position,
        cp_organization,
        cp_country,
        location,
        topics,
    ) = row
    kz_name, cp_name = kz_name or "", cp_name or ""
    cells = [
        str(meeting_id),
        str(event_id),
        date.isoformat(),
        title,
        kind,
        kz_name,
        kz_latin or cached_latin(kz_name),
        latin_kind(source=kz_source, is_kz_official=True),
        role or "",
        posting or "",
        cp_name,
        cp_latin or cached_latin(cp_name),
        latin_kind(source=cp_source, is_kz_official=cp_is_official),
        cp_position or "",
        cp_organization or "",
        cp_country or "",
        location,
        "; ".join(str(topic) for topic in topics_list(topics)),
        f"{site}/meetings/{meeting_id}/",
    ]
    return [neutralised(cell) for cell in cells]


def topics_list(topics: Any) -> list:
    # values_list decodes JSONField; a scalar stored by hand still exports as one topic.
    if not topics:
        return []
    return topics if isinstance(topics, list) else [topics]


@functools.lru_cache(maxsize=65536)
def cached_latin(name: str) -> str:
    """Names repeat from row to row (an official meets many people): transliterate each once."""
    return latin(name) if name else ""


def neutralised(cell: str) -> str:
    """``cell`` with a leading ``'`` if a spreadsheet would run it as a formula (OWASP)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def file_name(params: Mapping[str, Any]) -> str:
    """The download's name: ``meetings[_from][_to].csv``, dates only, so it is always a safe name."""
    parts = ["meetings"]
    for key in ("date_from", "date_to"):
        value = str(params.get(key) or "")
        if value and all(ch.isdigit() or ch == "-" for ch in value):
            parts.append(value)
    return "_".join(parts) + ".csv"


def wants_bom(value: Any) -> bool:
    return str(value or "").lower() in {"1", "true", "yes", "on"}
