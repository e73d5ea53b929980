"""Errors of the extraction engine.

`extract` itself never raises on any text; these errors surface only from loading the engine's own
data (a broken data file is a deployment bug, not a bulletin problem).
"""

from __future__ import annotations


class ExtractionError(Exception):
    """Base class of the engine's errors."""


class DataFileError(ExtractionError, ValueError):
    """A data file under ``meetings/extraction/data`` is missing or malformed."""

    def __init__(self, file_name: str, line: int, reason: str) -> None:
        super().__init__(f"{file_name}:{line}: {reason}")
        self.file_name, self.line = file_name, line
