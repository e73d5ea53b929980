"""The dashboard's numbers: each chart is one grouped query over the meetings a filter selected.

Every count is of events, not of reports: a meeting two bulletins reported counts once
(:mod:`meetings.services.events`).

The dashboard page, the API (``/api/charts/<name>/``) and each chart's CSV read the same rows from
:func:`chart`, so a picture, its table, its JSON and its CSV never disagree. Rows are kept a few
minutes per chart, filter and kind of reader, and forgotten whenever a review decision or edit
changes what is published (:func:`forget`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import cast

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncMonth
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.filters import MeetingFilter
from meetings.geography import iso_code
from meetings.models import (
    Kind,
    Meeting,
    MeetingQuerySet,
    Participant,
    Person,
    Side,
    can_see_unpublished,
    event_of,
)
from meetings.selectors.cached import cached, claim, peek, release, store
from meetings.selectors.export import neutralised

CHART_TTL = 600  # longer than the beat's interval (settings.OFFICIALS_REFRESH_SECONDS, 240 s)
# One drawing at a time per chart and filter; should its worker die, another may start after this.
REDRAW_LOCK_SECONDS = 120
# A page waiting for a worker's first drawing of its charts draws them itself after this long (a
# drawing takes seconds; longer means no worker takes the queue).
FIRST_DRAWING_PATIENCE_SECONDS = 30.0
GENERATION_KEY = "meetings:charts-generation"
TOP_COUNTRIES = 20
TOP_PAIRS = 25


# Draws a chart again for (name, filter params, reader), somewhere other than this request.
Redraw = Callable[[str, dict[str, str], str], object]


@dataclass(frozen=True)
class Chart:
    """A chart's name (its address), title, the columns of its rows and the query that makes them;
    or, for a chart drawn from another's rows, that chart's name (``source``) and how its rows are
    picked from them (no query and no cache entry of its own)."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: Callable[[QuerySet[Meeting]], list[tuple]] | None = None
    source: str = ""
    pick: Callable[[list[tuple]], list[tuple]] = list


def monthly_by_kind(meetings: QuerySet[Meeting]) -> list[tuple]:
    """(month "YYYY-MM", kind, meetings) for every month and kind that has any, oldest first.

    An event is counted under its first report's month and kind: reports of one meeting may fall
    either side of a month's end, or be read as different kinds (a "meeting" and the "talks" it was
    part of), and each would otherwise count it once more in the stacked totals."""
    grouped = (
        meetings.order_by()
        .annotate(
            month=TruncMonth(Coalesce("same_event_as__bulletin_date", "bulletin_date")),
            event_kind=Coalesce("same_event_as__kind", "kind"),
        )
        .values("month", "event_kind")
        .annotate(count=Count(event_of(), distinct=True))
        .order_by("month", "event_kind")
        .values_list("month", "event_kind", "count")
    )
    return [(f"{month:%Y-%m}", kind, count) for month, kind, count in grouped]


def world(meetings: QuerySet[Meeting]) -> list[tuple]:
    """(country, its ISO 3166 alpha-2 code or "", meetings) of every counterpart country, busiest
    first: the world map's numbers."""
    return [(country, iso_code(country), count) for country, count in country_counts(meetings)]


def top_countries(world_rows: list[tuple]) -> list[tuple]:
    """(country, meetings) of the ``TOP_COUNTRIES`` countries met most, from the world's rows."""
    return [(country, count) for country, _, count in world_rows[:TOP_COUNTRIES]]


def country_counts(meetings: QuerySet[Meeting]) -> QuerySet:
    """(country, meetings with a counterpart from it) of ``meetings``, busiest first (events)."""
    return (
        Participant.objects.filter(meeting__in=meetings.order_by().values("pk"), side=Side.COUNTERPART)
        .exclude(country="")
        .values("country")
        .annotate(count=Count(event_of("meeting__"), distinct=True))
        .order_by("-count", "country")
        .values_list("country", "count")
    )


def pairs(meetings: QuerySet[Meeting]) -> list[tuple]:
    """Who met whom: (Kazakh official, their person id, counterpart, country, meetings) of the
    ``TOP_PAIRS`` pairs of people who met most (edges of the network, weighted by count).

    Grouped by person ids, named afterwards (a second, small query): joining the people's names
    into a grouping of two million pairs doubled its cost."""
    grouped = list(
        cast(MeetingQuerySet, meetings.order_by())  # a Meeting queryset is one, whatever filtered it
        .with_sides()
        # In Q objects: the type checker cannot see the relations with_sides() adds.
        .filter(Q(kz__person__isnull=False), Q(cp__person__isnull=False))
        .values(official_id=F("kz__person_id"), counterpart_id=F("cp__person_id"), country=F("cp__country"))
        .annotate(count=Count(event_of(), distinct=True))
        .order_by("-count", "official_id", "counterpart_id")
        .values_list("official_id", "counterpart_id", "country", "count")[:TOP_PAIRS]
    )
    ids = {person for official, counterpart, _, _ in grouped for person in (official, counterpart)}
    names = dict(Person.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [
        (names[official], official, names[counterpart], country, count)
        for official, counterpart, country, count in grouped
    ]


def postings(meetings: QuerySet[Meeting]) -> list[tuple]:
    """(month "YYYY-MM", the Kazakh side's posting, meetings) for every month and posting, oldest
    first: an official's career when the filter names them (their page's timeline)."""
    grouped = (
        Participant.objects.filter(meeting__in=meetings.order_by().values("pk"), side=Side.KZ)
        .exclude(posting="")
        .annotate(month=TruncMonth("meeting__bulletin_date"))
        .values("month", "posting")
        .annotate(count=Count(event_of("meeting__"), distinct=True))
        .order_by("month", "posting")
        .values_list("month", "posting", "count")
    )
    return [(f"{month:%Y-%m}", posting, count) for month, posting, count in grouped]


CHARTS = {
    chart.name: chart
    for chart in (
        Chart(
            "monthly",
            str(_("Встречи по месяцам и видам")),
            ("month", "kind", "meetings"),
            monthly_by_kind,
        ),
        Chart(
            "countries",
            str(_("Страны, с представителями которых встречались чаще всего")),
            ("country", "meetings"),
            source="world",
            pick=top_countries,
        ),
        Chart(
            "world",
            str(_("Встречи с представителями стран мира")),
            ("country", "iso_code", "meetings"),
            world,
        ),
        Chart(
            "pairs",
            str(pgettext_lazy("chart", "Кто с кем встречался")),
            ("official", "official_id", "counterpart", "country", "meetings"),
            pairs,
        ),
        Chart(
            "postings",
            str(_("Места службы и встречи по месяцам")),
            ("month", "posting", "meetings"),
            postings,
        ),
    )
}
# The dashboard's charts; "postings" is drawn on an official's page (the filter naming them).
DASHBOARD = ("monthly", "countries", "world", "pairs")
KIND_LABELS: dict[str, str] = {value: str(label) for value, label in Kind.choices}


def chart(
    name: str,
    meetings: QuerySet[Meeting],
    *,
    params: Mapping[str, str],
    reader: str,
    later: Redraw | None = None,
) -> list[tuple]:
    """The rows of chart ``name`` over ``meetings`` (selected by ``params`` for a ``reader`` kind:
    "published" or "all").

    Kept ``CHART_TTL`` seconds with the publication generation they were drawn at. Drawn again when
    missing; after a publication (a new generation), when the caller gives ``later`` (a worker's
    :func:`redraw`, see ``meetings.tasks.redraw_in_background``), the rows drawn before are shown
    once more while ``later`` draws the new ones (at most one at a time per chart and filter): a
    grouping of the whole archive takes seconds, and a dashboard should not wait on every approval.
    Without it (no worker: eager mode) they are drawn now. A chart drawn from another's rows picks
    from that chart's.
    """
    spec = CHARTS[name]
    if spec.source:
        return spec.pick(chart(spec.source, meetings, params=params, reader=reader, later=later))
    key, current = cache_key(name, params, reader), generation()
    kept = peek(key)
    if kept is not None and kept[0] == current:
        return kept[1]
    if kept is not None and later is not None:
        ask_to_draw(name, params, reader, later)  # unless a drawing of it is under way already
        return kept[1]
    rows = draw(name, meetings)
    store(key, (current, rows), CHART_TTL)
    return rows


def drawn_or_asked(
    name: str, meetings: QuerySet[Meeting], *, params: Mapping[str, str], reader: str, later: Redraw
) -> list[tuple] | None:
    """Chart ``name``'s rows as :func:`chart` gives them once drawn for this filter; the first time,
    None: ``later`` (a worker) draws them meanwhile (one drawing at a time per chart and filter).

    Why: a filter nobody asked for yet is a grouping of up to the whole archive (seconds: a
    country's dashboard 4 s on a million meetings, BENCHMARKS.md); the page that asked says the charts
    are being drawn instead of holding its visitor, and a web process, for that long."""
    source = CHARTS[name].source or name
    key = cache_key(source, params, reader)
    if peek(key) is None:
        if ask_to_draw(source, params, reader, later):
            return None
        asked = peek(redrawing_key(key))
        if isinstance(asked, float) and time.time() - asked < FIRST_DRAWING_PATIENCE_SECONDS:
            return None  # a worker is drawing it
        # Nobody is (the cache cannot be reached, or it was drawn a moment ago), or the worker asked
        # has not drawn it in all that time (none consumes the queue): drawn now, as without workers.
    return chart(name, meetings, params=params, reader=reader, later=later)


def ask_to_draw(name: str, params: Mapping[str, str], reader: str, later: Redraw) -> bool:
    """Ask ``later`` (a worker) to draw chart ``name`` for a filter, unless a drawing of it was asked
    already and has not finished (one at a time; the lock holds the time it was asked). True when
    asked now."""
    if claim(redrawing_key(cache_key(name, params, reader)), REDRAW_LOCK_SECONDS, value=time.time()):
        later(name, dict(params), reader)
        return True
    return False


def draw(name: str, meetings: QuerySet[Meeting]) -> list[tuple]:
    """Chart ``name``'s rows over ``meetings``, queried now (for a chart with a query of its own)."""
    query = CHARTS[name].rows
    if query is None:
        raise ValueError(f"chart {name!r} is drawn from {CHARTS[name].source!r}: draw that one")
    return query(meetings)


def redraw(name: str, params: Mapping[str, str], reader: str) -> None:
    """Draw chart ``name`` (or the chart it is drawn from) for a filter's ``params`` (as
    :func:`filter_key` gives them) now."""
    name = CHARTS[name].source or name
    filterset = MeetingFilter(dict(params), queryset=chartable(reader))
    key = cache_key(name, params, reader)
    try:
        if filterset.is_valid():
            store(key, (generation(), draw(name, filterset.qs)), CHART_TTL)
    finally:
        release(redrawing_key(key))  # the next publication (or visitor) may ask for another drawing


def chartable(reader: str) -> QuerySet[Meeting]:
    """What a kind of reader charts: "all" (reviewers who asked) the meetings not rejected, anyone
    else ("published") the published ones."""
    return Meeting.objects.not_rejected() if reader == "all" else Meeting.objects.published()


def redrawing_key(key: str) -> str:
    return f"{key}:redrawing"


def cache_key(name: str, params: Mapping[str, str], reader: str) -> str:
    wanted = {key: params[key] for key in sorted(params) if params[key]}
    digest = hashlib.sha256(json.dumps(wanted, ensure_ascii=False).encode()).hexdigest()[:32]
    return f"meetings:chart:{name}:{reader}:{digest}"


def generation() -> str:
    """The current publication generation: rows drawn at another one are out of date."""
    return cached(GENERATION_KEY, lambda: str(time.time_ns()), timeout=24 * 3600)


def forget() -> None:
    """What is published changed: every chart is drawn again on its next request."""
    store(GENERATION_KEY, str(time.time_ns()), timeout=24 * 3600)


def drawn(
    user,
    params: QueryDict | dict[str, str],
    *,
    filter_class: type[MeetingFilter] = MeetingFilter,
    names: tuple[str, ...] = DASHBOARD,
    later: Redraw | None = None,
    wait: bool = True,
) -> tuple[MeetingFilter, dict[str, list[tuple]] | None]:
    """The filter bound to ``params`` and the rows of the charts ``names`` over the meetings it
    selects, or None for the rows when the filter is invalid (its ``errors`` say why).

    What ``user`` may chart: published meetings; reviewers asking ``pending=1`` also the pending
    ones (never the rejected). Without ``wait``, a chart never drawn for this filter is left out
    while ``later`` (a worker) draws it (:func:`drawn_or_asked`); with it, or without a worker, it is
    drawn now."""
    reader = "all" if params.get("pending") == "1" and can_see_unpublished(user) else "published"
    filterset = filter_class(params, queryset=chartable(reader))
    if not filterset.is_valid():
        return filterset, None
    key = filter_key(filterset)
    rows: dict[str, list[tuple]] = {}
    for name in names:
        if wait or later is None:
            rows[name] = chart(name, filterset.qs, params=key, reader=reader, later=later)
        elif (
            drawn_rows := drawn_or_asked(name, filterset.qs, params=key, reader=reader, later=later)
        ) is not None:
            rows[name] = drawn_rows
    return filterset, rows


def csv_text(name: str, rows: list[tuple]) -> str:
    """A chart's rows as CSV text, its columns as the header, no cell a spreadsheet formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CHARTS[name].columns)
    writer.writerows([neutralised(str(value)) for value in row] for row in rows)
    return buffer.getvalue()


def filter_key(filterset: MeetingFilter) -> dict[str, str]:
    """The filter's cleaned values as text: what a chart's cache key is made of (junk parameters
    and spellings of one date never split the cache)."""
    return {
        name: str(value) for name, value in filterset.form.cleaned_data.items() if value not in (None, "")
    }


def refresh_unfiltered() -> None:
    """Draw every chart of all published meetings (the dashboard as it first opens) now."""
    for name in DASHBOARD:
        if not CHARTS[name].source:
            redraw(name, {}, "published")
