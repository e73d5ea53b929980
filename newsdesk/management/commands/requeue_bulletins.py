"""python manage.py requeue_bulletins: send again what has been queued or running for too long."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk import services


class Command(BaseCommand):
    help = "Send again the extraction of bulletins queued or running for longer than a set time."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.EXTRACTION_REQUEUE_AFTER_MINUTES,
            metavar="MINUTES",
            help="only bulletins in their state for at least this many minutes (default: %(default)s)",
        )

    def handle(self, *args, older_than: int, **options) -> None:
        count = services.requeue_stale_bulletins(older_than=timedelta(minutes=older_than))
        self.stdout.write(f"requeued {count} bulletin(s)")
