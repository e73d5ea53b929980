"""python manage.py evaluate_extractor [--from DATE] [--to DATE]: the engine on the newsroom's records.

Runs the current extraction engine over the bulletins whose meetings reviewers decided and scores
it against their decisions (``meetings.evaluation.newsroom``), with the metrics of
../shared/eval/score.py. Prints score.py's table, the rejected meetings still produced, the
extractor version and the bulletin count (``--json``: one JSON object instead), and stores the run
for the quality report unless ``--no-save``.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from meetings.evaluation import newsroom
from newsdesk.models import Bulletin


def parse_date(value: str | None, option: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: «{value}» is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Score the current extraction engine against reviewers' decisions (approved and hand-added "
        "meetings as gold, rejected ones as known false positives) and store the run for the "
        "quality report."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from", dest="date_from", metavar="DATE", help="bulletin date from (YYYY-MM-DD)"
        )
        parser.add_argument("--to", dest="date_to", metavar="DATE", help="bulletin date to, inclusive")
        parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
        parser.add_argument("--no-save", action="store_true", help="do not store the run")
        parser.add_argument("--no-progress", action="store_true", help="do not show the progress bar")

    def handle(self, *args, **options) -> None:
        date_from = parse_date(options["date_from"], "--from")
        date_to = parse_date(options["date_to"], "--to")
        if date_from and date_to and date_from > date_to:
            raise CommandError(f"--from {date_from} is after --to {date_to}")

        def progress(bulletins: Iterable[Bulletin], total: int) -> Iterable[Bulletin]:
            self.stderr.style_func = None  # a progress bar, not an error: no red on a terminal
            return tqdm(
                bulletins,
                total=total,
                desc="bulletins",
                unit="bulletin",
                disable=options["no_progress"] or None,
                file=self.stderr,
            )

        result, stored = newsroom.evaluate_extractor(
            date_from=date_from, date_to=date_to, progress=progress, save=not options["no_save"]
        )
        reconfigure = getattr(self.stdout._out, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
        if options["json"]:
            self.stdout.write(
                json.dumps({**result.to_json(), "stored_as": stored and stored.pk}, ensure_ascii=False)
            )
            return
        period = f"{date_from or '…'} – {date_to or '…'}"
        self.stdout.write(
            f"extractor {result.extractor_version}: {result.bulletins} bulletin(s) "
            f"with reviewers' decisions, {period}"
        )
        for line in result.scores.table():
            self.stdout.write(line)
        self.stdout.write(
            f"rejected meetings still produced: {result.rejected_produced} of {result.rejected_total}"
        )
        self.stdout.write(f"predictions of undecided meetings (left out): {result.ignored}")
        for failure in result.failed:
            self.stdout.write(f"  engine failed: {failure}")
        if stored is not None:
            self.stdout.write(f"stored as evaluation #{stored.pk}")
        elif not result.bulletins:
            self.stdout.write("no bulletin in this range has a reviewer's decision: nothing stored")
