"""Errors of the extraction engine.

`extract` raises only these: :class:`TextTooLong` for a text no bulletin is, :class:`EngineFailure`
when the engine breaks on a text (a bug, named in the message), :class:`DataFileError` when the
engine's own data cannot be loaded (a deployment bug). The worker records the message on the
bulletin and goes on with the next one.
"""

from __future__ import annotations


class ExtractionError(Exception):
    """Base class of the engine's errors."""


class DataFileError(ExtractionError, ValueError):
    """A data file under ``meetings/extraction/data`` is missing or malformed."""

    def __init__(self, file_name: str, line: int, reason: str) -> None:
        super().__init__(f"{file_name}:{line}: {reason}")
        self.file_name, self.line = file_name, line


class TextTooLong(ExtractionError, ValueError):
    """The text is longer than any bulletin: a run-on file, not something to read as one."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(
            f"текст бюллетеня длиннее {limit:,} знаков ({length:,}): это не бюллетень, "
            "разделите файл на бюллетени".replace(",", " ")
        )
        self.length, self.limit = length, limit


class EngineFailure(ExtractionError, RuntimeError):
    """The engine broke on a text; the message names the underlying error."""

    def __init__(self, error: Exception) -> None:
        super().__init__(f"сбой извлечения: {type(error).__name__}: {error}")
