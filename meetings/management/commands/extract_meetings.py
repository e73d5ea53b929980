"""python manage.py extract_meetings FILE...: JSON Lines of extracted meetings; no database.

The same intake parsing and extraction code as the Celery worker, so offsets agree
(spec/extraction.md). One line per bulletin; a file that cannot be read still gets its line with
"error" set; exit status 1 at the end if any file failed.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings import extraction
from newsdesk import intake


def bulletin_lines(path: str) -> list[dict]:
    """The contract's JSON objects for one file: one per bulletin, or one carrying the error."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return [error_line(path, f"{path}: {error.strerror or error}")]
    lines = []
    for result in intake.read_upload(path, data):
        if result.error is not None:
            lines.append(error_line(path, result.error))
            continue
        for bulletin in result.bulletins:
            try:
                meetings, problem = extraction.extract(bulletin.text)["meetings"], None
            except extraction.ExtractionError as failure:
                meetings, problem = [], f"{result.name}: часть {bulletin.part}: {failure}"
            lines.append(
                {
                    "file": result.name,
                    "part": bulletin.part,
                    "date": bulletin.date.isoformat(),
                    "title": bulletin.title,
                    "dateline": bulletin.dateline.to_json() if bulletin.dateline else None,
                    "error": problem,
                    "meetings": meetings,
                }
            )
    return lines


def error_line(path: str, message: str) -> dict:
    return {
        "file": path,
        "part": 1,
        "date": None,
        "title": None,
        "dateline": None,
        "error": message,
        "meetings": [],
    }


class Command(BaseCommand):
    help = "Extract meetings from bulletin files and print them as JSON Lines (no database)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, files: list[str], **options) -> None:
        reconfigure = getattr(self.stdout._out, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
        failed = 0
        for path in files:
            for line in bulletin_lines(path):
                failed += line["error"] is not None
                self.stdout.write(json.dumps(line, ensure_ascii=False))
        if failed:
            raise CommandError(f"{failed} file(s) could not be read, parsed or extracted")
