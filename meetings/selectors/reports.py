"""The extraction quality report: how often reviewers corrected what the machine read.

Only reviewed machine meetings count (``origin=machine``, approved or rejected). Fields are
compared on the approved ones: a rejected record is thrown away whole, its fields are never
corrected, so counting them as "unchanged" would make the machine look better than it is.
Rejections are counted on their own, and so are the meetings reviewers added by hand (events the
machine missed). Months are the months of the bulletins' dates.

A field is compared per *slot*: for people, a slot is a machine entry paired with the participant
it became (or nothing, when the reviewer removed it), or a participant the reviewer added (paired
with nothing); a value on one side only counts as changed. Names are compared by their matching
key (case, ё and punctuation aside), other fields as stripped text.

Beside these, :func:`extractor_evaluations` lists the stored runs of ``manage.py
evaluate_extractor``: each engine version scored on the newsroom's decided bulletins.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import BooleanField, CharField, Count, ExpressionWrapper, F, Prefetch, Value
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import ExtractorEvaluation, Meeting, Origin, Participant, Side, published
from meetings.selectors import pairing
from meetings.selectors.cached import cached, store
from meetings.services.people import name_key

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Per side: the report's name column and the fields it compares with the machine's output.
REPORTED_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    Side.KZ: ("kz_name", ("role", "posting")),
    Side.COUNTERPART: ("counterpart_name", ("country",)),
}

FIELDS: tuple[tuple[str, StrOrPromise], ...] = (
    ("kz_name", _("имя (казахстанская сторона)")),
    ("counterpart_name", _("имя (другая сторона)")),
    ("role", _("роль")),
    ("posting", _("место службы")),
    ("country", _("страна")),
    ("kind", _("вид встречи")),
)
NO_VERSION = "—"
EVALUATIONS_SHOWN = 50


@dataclass(frozen=True, slots=True)
class FieldRate:
    """How often one field of the machine's output was changed by reviewers."""

    field: str
    label: str
    changed: int
    compared: int

    @property
    def rate(self) -> float | None:
        """Share of compared values that reviewers changed, or None when nothing was compared."""
        return self.changed / self.compared if self.compared else None

    @property
    def percent(self) -> str:
        return "—" if self.rate is None else f"{self.rate:.0%}"


@dataclass(frozen=True, slots=True)
class QualityRow:
    """Figures for one group (an extractor version, a month, or everything)."""

    group: str
    reviewed: int  # machine meetings approved or rejected
    approved: int
    rejected: int
    added_by_reviewers: int
    fields: tuple[FieldRate, ...]

    @property
    def rejected_percent(self) -> str:
        return f"{self.rejected / self.reviewed:.0%}" if self.reviewed else "—"

    def field(self, name: str) -> FieldRate:
        return next(rate for rate in self.fields if rate.field == name)


@dataclass(frozen=True, slots=True)
class QualityReport:
    total: QualityRow
    by_version: tuple[QualityRow, ...]
    by_month: tuple[QualityRow, ...]
    computed_at: datetime = field(default_factory=timezone.now)

    @property
    def totals(self) -> tuple[QualityRow]:
        return (self.total,)


@dataclass
class Tally:
    reviewed: int = 0
    approved: int = 0
    rejected: int = 0
    added: int = 0
    changed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    compared: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def row(self, group: str) -> QualityRow:
        return QualityRow(
            group=group,
            reviewed=self.reviewed,
            approved=self.approved,
            rejected=self.rejected,
            added_by_reviewers=self.added,
            fields=tuple(
                FieldRate(name, str(label), self.changed[name], self.compared[name]) for name, label in FIELDS
            ),
        )


# The report is kept this long (seconds) in the cache: reading a million meetings takes seconds,
# and figures over years of reviews do not move within minutes.
REPORT_TTL = 300
REPORT_CACHE_KEY = "meetings:quality-report"


def cached_quality_report() -> QualityReport:
    """:func:`quality_report` as computed at most ``REPORT_TTL`` seconds ago (``computed_at`` says
    when); computed afresh when the cache cannot be reached."""
    return cached(REPORT_CACHE_KEY, quality_report, REPORT_TTL)


def refresh_quality_report() -> None:
    """Compute the report now and keep it ``REPORT_TTL`` seconds: beat does it every
    ``OFFICIALS_REFRESH_SECONDS`` (shorter), so no reviewer waits the seconds it takes on an archive."""
    store(REPORT_CACHE_KEY, quality_report(), REPORT_TTL)


# Edited meetings are read in chunks of this size, their participants with them: the report's
# memory stays bounded whatever the archive (one pass over a million meetings held 5.7 GB).
CHUNK = 500


def quality_report() -> QualityReport:
    """Compute the report in bounded memory: counts grouped in SQL (reviewed, approved, rejected,
    added; the values of unedited approved meetings, all unchanged, counted from their
    participants per side), and only meetings a reviewer edited read and compared one by one."""
    total = Tally()
    versions: defaultdict[str, Tally] = defaultdict(Tally)
    months: defaultdict[str, Tally] = defaultdict(Tally)

    def groups(version: str, month) -> tuple[Tally, Tally, Tally]:
        return total, versions[version], months[f"{month:%Y-%m}"]

    machine = Meeting.objects.filter(origin=Origin.MACHINE)
    decided = machine.decided().order_by().annotate(read_by=version_of(), month=TruncMonth("bulletin_date"))
    for version, month, approved, count in (
        decided.values("read_by", "month")
        .annotate(approved=ExpressionWrapper(published(), output_field=BooleanField()), count=Count("pk"))
        .values_list("read_by", "month", "approved", "count")
    ):
        for tally in groups(version, month):
            tally.reviewed += count
            if approved:
                tally.approved += count
            else:
                tally.rejected += count

    unedited = machine.published().filter(edited=False)
    for version, month, count in (
        unedited.order_by()
        .annotate(read_by=version_of(), month=TruncMonth("bulletin_date"))
        .values("read_by", "month")
        .annotate(count=Count("pk"))
        .values_list("read_by", "month", "count")
    ):
        for tally in groups(version, month):
            tally.compared["kind"] += count
    for version, month, side, count in (
        Participant.objects.filter(meeting__in=unedited.values("pk"))
        .order_by()
        .annotate(read_by=version_of("meeting__"), month=TruncMonth("meeting__bulletin_date"))
        .values("read_by", "month", "side")
        .annotate(count=Count("pk"))
        .values_list("read_by", "month", "side", "count")
    ):
        name_field, fields = REPORTED_FIELDS[side]
        for tally in groups(version, month):
            for name in (name_field, *fields):
                tally.compared[name] += count

    edited = (
        machine.published()
        .filter(edited=True)
        .annotate(read_by=version_of())
        .only("kind", "review_state", "extractor_version", "machine_output", "bulletin_date")
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.order_by("side", "order", "id"))
        )
        .order_by("pk")
    )
    for meeting in edited.iterator(chunk_size=CHUNK):
        diffs = meeting_diffs(meeting)
        for tally in groups(meeting.read_by, meeting.bulletin_date):
            for name, is_changed in diffs:
                tally.compared[name] += 1
                tally.changed[name] += is_changed

    for version, month, count in (
        Meeting.objects.filter(origin=Origin.REVIEWER)
        .order_by()
        .annotate(read_by=version_of(), month=TruncMonth("bulletin_date"))
        .values("read_by", "month")
        .annotate(count=Count("pk"))
        .values_list("read_by", "month", "count")
    ):
        # A missed event counts against the version that read the bulletin.
        for tally in groups(version, month):
            tally.added += count

    return QualityReport(
        total=total.row(str(_("всего"))),
        by_version=tuple(versions[key].row(key) for key in sorted(versions)),
        by_month=tuple(months[key].row(key) for key in sorted(months)),
    )


def version_of(via: str = "") -> Coalesce:
    """The extractor version a meeting was read by: its own, else its bulletin's, else «—»."""
    return Coalesce(
        NullIf(F(f"{via}extractor_version"), Value("")),
        NullIf(F(f"{via}bulletin__extractor_version"), Value("")),
        Value(NO_VERSION),
        output_field=CharField(),
    )


def meeting_diffs(meeting: Meeting) -> list[tuple[str, bool]]:
    """(field, changed) for every compared value of one meeting against the machine's output,
    its participants paired by :func:`pairing.machine_pairs` (as the review page pairs them)."""
    output = meeting.machine_output or {}
    diffs = [("kind", text(output.get("kind")) != text(meeting.kind))]
    for side, entry, participant in pairing.machine_pairs(meeting):
        name_field, fields = REPORTED_FIELDS[side]
        before = name_key(text(entry.get("name"))) if entry is not None else ""
        after = name_key(participant.name) if participant is not None else ""
        diffs.append((name_field, before != after))
        for name in fields:
            before = text(entry.get(name)) if entry is not None else ""
            after = text(getattr(participant, name)) if participant is not None else ""
            diffs.append((name, before != after))
    return diffs


text = pairing.text


@dataclass(frozen=True, slots=True)
class EvaluationRow:
    """One stored run of ``evaluate_extractor`` as the report shows it (figures as 0.000)."""

    pk: int
    extractor_version: str
    run_at: datetime
    period: str
    bulletins: int
    pairs_precision: str
    pairs_recall: str
    pairs_f1: str
    meetings_precision: str
    meetings_recall: str
    meetings_f1: str
    rejected_produced: int
    rejected_total: int
    is_latest: bool  # the latest run of its version


def extractor_evaluations(*, limit: int = EVALUATIONS_SHOWN) -> tuple[EvaluationRow, ...]:
    """The latest ``limit`` stored evaluation runs in one query, grouped by extractor version:
    versions by their latest run, newest first; within a version, newest first."""
    runs = list(ExtractorEvaluation.objects.order_by("-run_at", "-id")[:limit])
    groups: dict[str, list[ExtractorEvaluation]] = {}
    for run in runs:
        groups.setdefault(run.extractor_version, []).append(run)
    return tuple(
        evaluation_row(run, is_latest=index == 0)
        for version_runs in groups.values()
        for index, run in enumerate(version_runs)
    )


def evaluation_row(run: ExtractorEvaluation, *, is_latest: bool) -> EvaluationRow:
    figures = run.figures or {}
    pairs, meetings = figures.get("pairs") or {}, figures.get("meetings") or {}
    rejected = figures.get("rejected") or {}
    start = run.date_from.isoformat() if run.date_from else "…"
    end = run.date_to.isoformat() if run.date_to else "…"
    return EvaluationRow(
        pk=run.pk,
        extractor_version=run.extractor_version,
        run_at=run.run_at,
        period=f"{start} – {end}",
        bulletins=run.bulletins,
        pairs_precision=figure(pairs.get("precision")),
        pairs_recall=figure(pairs.get("recall")),
        pairs_f1=figure(pairs.get("f1")),
        meetings_precision=figure(meetings.get("precision")),
        meetings_recall=figure(meetings.get("recall")),
        meetings_f1=figure(meetings.get("f1")),
        rejected_produced=int(rejected.get("produced") or 0),
        rejected_total=int(rejected.get("total") or 0),
        is_latest=is_latest,
    )


def figure(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) else "—"
