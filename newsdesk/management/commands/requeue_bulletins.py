"""python manage.py requeue_bulletins: the sweep, by hand: send again bulletins whose message was lost."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand

from newsdesk import services


class Command(BaseCommand):
    help = (
        "Send again the extraction of bulletins queued or running whose message is neither waiting "
        "in the broker's queue nor held by a live worker (without a broker: every one queued or "
        "running for longer than EXTRACTION_REQUEUE_AFTER_MINUTES)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            metavar="MINUTES",
            help="only bulletins in their state for at least this many minutes (default: "
            "EXTRACTION_LOST_AFTER_SECONDS with a broker, else EXTRACTION_REQUEUE_AFTER_MINUTES)",
        )

    def handle(self, *args, older_than: int | None, **options) -> None:
        count = services.requeue_stale_bulletins(
            older_than=None if older_than is None else timedelta(minutes=older_than)
        )
        self.stdout.write(f"requeued {count} bulletin(s)")
