"""Errors of bulletin intake and the extraction pipeline."""

from __future__ import annotations


class IntakeError(ValueError):
    """A file that cannot be taken in; the message names the file and the problem."""

    def __init__(self, file_name: str, reason: str) -> None:
        super().__init__(f"{file_name}: {reason}")
        self.file_name, self.reason = file_name, reason


class BrokerUnavailable(RuntimeError):
    """The Celery broker could not be reached to see which extraction messages it holds."""
