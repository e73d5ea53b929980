"""``manage.py export_meetings``: the analysts' CSV, to a file or standard output."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from meetings.errors import ExportFilterError
from meetings.models import Kind, ReviewState
from meetings.selectors import export


class Command(BaseCommand):
    help = (
        "Write meetings as CSV (one row per Kazakh official × counterpart), the same bytes as the "
        "analysts' download for the same filters. Approved (published) meetings unless --status says "
        "otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--status", choices=ReviewState.values, help="this review state (default: published only)"
        )
        parser.add_argument(
            "--from", dest="date_from", metavar="DATE", help="bulletin date from (YYYY-MM-DD)"
        )
        parser.add_argument("--to", dest="date_to", metavar="DATE", help="bulletin date to, inclusive")
        parser.add_argument("--country", help="the counterpart's country")
        parser.add_argument("--kind", choices=Kind.values)
        parser.add_argument("--person", type=int, metavar="ID", help="a Kazakh official's Person id")
        parser.add_argument("--q", help="text search, as on the public pages")
        parser.add_argument("--bom", action="store_true", help="start with a UTF-8 BOM (for Excel)")
        parser.add_argument("--output", type=Path, metavar="FILE", help="write here instead of stdout")

    def handle(self, *args, **options) -> None:
        # Without --status, exactly what anybody may download: the published meetings.
        user = AnonymousUser() if options["status"] is None else None
        params = {"review_state": options["status"]} if options["status"] else {}
        for name in ("date_from", "date_to", "country", "kind", "person", "q"):
            if options[name] not in (None, ""):
                params[name] = str(options[name])
        try:
            meetings = export.exportable_meetings(params=params, user=user)
        except ExportFilterError as error:
            raise CommandError(str(error)) from error
        if options["output"] is None:
            for line in export.csv_lines(meetings, bom=options["bom"]):
                self.stdout.write(line, ending="")
            return
        try:
            with options["output"].open("wb") as out:
                for chunk in export.csv_bytes(meetings, bom=options["bom"]):
                    out.write(chunk)
        except OSError as error:
            raise CommandError(f"{options['output']}: {error.strerror or error}") from error
        self.stderr.write(f"wrote {options['output']}")
