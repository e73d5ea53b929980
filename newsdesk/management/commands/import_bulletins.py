"""python manage.py import_bulletins PATH...: files, folders (their *.txt and *.zip) and zips."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk import services

UPLOAD_SUFFIXES = (".txt", ".zip")


def upload_paths(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The files to import, in a stable order, and the paths that do not exist."""
    found: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in UPLOAD_SUFFIXES)
            )
        elif path.is_file():
            found.append(path)
        else:
            missing.append(raw)
    return found, missing


class Command(BaseCommand):
    help = "Import bulletins from files, folders and zip archives, and queue their extraction."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--no-progress", action="store_true", help="do not show the progress bar")

    def handle(self, *args, paths: list[str], no_progress: bool, **options) -> None:
        files, missing = upload_paths(paths)
        outcomes: list[services.FileOutcome] = []
        for path in tqdm(files, desc="bulletins", unit="file", disable=no_progress, file=self.stderr):
            outcomes.extend(services.store_bulletins(files=[(str(path), path.read_bytes())]))
        failed = [o for o in outcomes if o.status == "failed"]
        failed += [
            services.FileOutcome(name=m, status="failed", reason=f"{m}: no such file or folder")
            for m in missing
        ]
        created = sum(o.created for o in outcomes)
        duplicates = sum(o.duplicates for o in outcomes)
        self.stdout.write(
            f"created {created} bulletin(s), {duplicates} duplicate(s), {len(failed)} failed file(s)"
        )
        for outcome in failed:
            self.stdout.write(f"  failed: {outcome.reason}")
        if failed:
            raise CommandError(f"{len(failed)} file(s) could not be imported")
