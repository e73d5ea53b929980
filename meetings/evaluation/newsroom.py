"""The newsroom's own benchmark: the current engine scored against what reviewers decided.

Which bulletins: those dated (``Bulletin.date``) within the range asked for that hold at least
one meeting a reviewer decided (approved or rejected) or added by hand.

What counts, per bulletin:

- **gold**: approved meetings (machine or reviewer-made) as they stand now (current participants
  with their names, roles, postings, countries, organisations and positions, kind, location,
  topics), and meetings reviewers added by hand that are still pending: a reviewer wrote that
  event down from the text (the add form saves it whole, participants included), and its pending
  state only awaits publication; leaving it out would count the engine wrong for finding it;
- **known false positives**: rejected meetings, whoever made them. A prediction aligned to one is
  scored as a false positive, like any prediction that matches no gold meeting, and counted in
  ``rejected_produced`` (how many rejected meetings the current engine still produces);
- **undecided**: pending machine meetings. Nobody knows yet whether they are real, so a
  prediction aligned to one is left out of every figure (``ignored``), neither right nor wrong;
  a gold kz or counterpart name that only such a prediction held is then counted as missed.

Predictions are ``meetings.extraction.extract(bulletin.text, aliases=people.known_aliases())``:
the engine of this process, with the aliases reviewers' corrections taught it, as the worker
runs it. The alignment of predictions to gold, rejected and undecided meetings is
:func:`meetings.evaluation.metrics.screen`; the figures are ../shared/eval/score.py's
(:mod:`meetings.evaluation.metrics`). A bulletin the engine fails on (``TextTooLong``,
``EngineFailure``) is scored with no predictions and named in ``failed``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from meetings import extraction
from meetings.evaluation import metrics
from meetings.models import ExtractorEvaluation, Meeting, Origin, Participant, Side
from meetings.services import people
from newsdesk import intake
from newsdesk.errors import IntakeError
from newsdesk.models import Bulletin

Progress = Callable[[Iterable[Bulletin], int], Iterable[Bulletin]]
FETCH_CHUNK = 100


@dataclass(frozen=True, slots=True)
class Decisions:
    """One bulletin's meetings in the contract's JSON shape, sorted by the reviewers' decisions."""

    gold: list[dict]
    rejected: list[dict]
    undecided: list[dict]


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    """The figures of one run over the decided bulletins of a date range."""

    extractor_version: str
    date_from: datetime.date | None
    date_to: datetime.date | None
    scores: metrics.Scores
    rejected_total: int  # rejected meetings in those bulletins
    rejected_produced: int  # of them, produced again by the engine
    ignored: int  # predictions aligned to undecided meetings, left out of the figures
    failed: tuple[str, ...]  # "bulletin #id: message" for bulletins the engine failed on

    @property
    def bulletins(self) -> int:
        return self.scores.bulletins

    def to_json(self) -> dict:
        return {
            "extractor_version": self.extractor_version,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            **self.scores.to_json(),
            "rejected": {"total": self.rejected_total, "produced": self.rejected_produced},
            "ignored_predictions": self.ignored,
            "failed": list(self.failed),
        }


def decided_bulletins(
    *, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> QuerySet[Bulletin]:
    """Bulletins dated within [date_from, date_to] with a meeting decided or added by a reviewer,
    oldest first, each with its meetings and their participants prefetched."""
    decided = (Meeting.objects.decided() | Meeting.objects.filter(origin=Origin.REVIEWER)).filter(
        bulletin=OuterRef("pk")
    )
    bulletins = Bulletin.objects.filter(Exists(decided))
    if date_from is not None:
        bulletins = bulletins.filter(date__gte=date_from)
    if date_to is not None:
        bulletins = bulletins.filter(date__lte=date_to)
    participants = Participant.objects.order_by("side", "order", "id")
    meetings = Meeting.objects.order_by("id").prefetch_related(
        Prefetch("participants", queryset=participants)
    )
    return bulletins.order_by("date", "id").prefetch_related(Prefetch("meetings", queryset=meetings))


def decisions_of(bulletin: Bulletin) -> Decisions:
    """The bulletin's (prefetched) meetings as gold, rejected and undecided."""
    gold, rejected, undecided = [], [], []
    for meeting in bulletin.meetings.all():
        if meeting.is_rejected:
            rejected.append(meeting_json(meeting))
        elif meeting.is_published or meeting.origin == Origin.REVIEWER:
            gold.append(meeting_json(meeting))
        else:
            undecided.append(meeting_json(meeting))
    return Decisions(gold=gold, rejected=rejected, undecided=undecided)


def meeting_json(meeting: Meeting) -> dict:
    """A stored meeting as it stands now, in spec/extraction.md's shape (blank values are null)."""
    kz_side, counterparts = [], []
    for item in meeting.participants.all():
        if item.side == Side.KZ:
            kz_side.append(
                {
                    "name": item.name or None,
                    "position": item.position or None,
                    "role": item.role or None,
                    "posting": item.posting or None,
                }
            )
        else:
            counterparts.append(
                {
                    "name": item.name or None,
                    "position": item.position or None,
                    "organization": item.organization or None,
                    "country": item.country or None,
                }
            )
    return {
        "kind": meeting.kind,
        "kz_side": kz_side,
        "counterparts": counterparts,
        "location": meeting.location or None,
        "topics": list(meeting.topics or []),
    }


def header_date(bulletin: Bulletin) -> str | None:
    """The date the pipeline reads from the bulletin's header line (as ``extract_meetings`` gives it)."""
    try:
        parsed = next(intake.parse_bulletins(bulletin.source_name, bulletin.text, bulletin.encoding))
    except (IntakeError, StopIteration):
        return None
    return parsed.date.isoformat()


def evaluate_extractor(
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    progress: Progress | None = None,
    save: bool = True,
) -> tuple[EvaluationResult, ExtractorEvaluation | None]:
    """Run the current engine over the decided bulletins of the range and score it.

    ``progress(bulletins, total)`` may wrap the iteration (a progress bar). With ``save`` and at
    least one bulletin, the run is stored as an :class:`ExtractorEvaluation` (returned beside the
    result; None otherwise). The engine's models load once per process.
    """
    bulletins = decided_bulletins(date_from=date_from, date_to=date_to)
    total = bulletins.count()
    aliases = people.known_aliases()
    scores = metrics.Scores()
    rejected_total = rejected_produced = ignored = 0
    failed: list[str] = []
    rows: Iterable[Bulletin] = bulletins.iterator(chunk_size=FETCH_CHUNK)
    if progress is not None:
        rows = progress(rows, total)
    for bulletin, decided, predicted in predictions(rows, aliases, failed):
        screened = metrics.screen(
            predicted, gold=decided.gold, rejected=decided.rejected, undecided=decided.undecided
        )
        rejected_total += len(decided.rejected)
        rejected_produced += screened.rejected_produced
        ignored += screened.ignored
        scores.add_bulletin(
            {"date": bulletin.date.isoformat(), "meetings": decided.gold},
            {"date": header_date(bulletin), "meetings": screened.meetings},
        )
    result = EvaluationResult(
        extractor_version=extraction.EXTRACTOR_VERSION,
        date_from=date_from,
        date_to=date_to,
        scores=scores,
        rejected_total=rejected_total,
        rejected_produced=rejected_produced,
        ignored=ignored,
        failed=tuple(failed),
    )
    stored = None
    if save and result.bulletins:
        stored = ExtractorEvaluation.objects.create(
            extractor_version=result.extractor_version,
            date_from=date_from,
            date_to=date_to,
            bulletins=result.bulletins,
            figures=result.to_json(),
        )
    return result, stored


def predictions(
    bulletins: Iterable[Bulletin], aliases: dict[str, str], failed: list[str]
) -> Iterator[tuple[Bulletin, Decisions, list[dict]]]:
    """Each bulletin with its decisions and the engine's meetings (none when the engine fails on
    it; the failure is appended to ``failed``)."""
    for bulletin in bulletins:
        try:
            predicted = extraction.extract(bulletin.text, aliases=aliases)["meetings"]
        except (extraction.TextTooLong, extraction.EngineFailure) as error:
            failed.append(f"bulletin #{bulletin.pk} ({bulletin.date}): {error}")
            predicted = []
        yield bulletin, decisions_of(bulletin), predicted
