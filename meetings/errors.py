"""Errors of the review workflow."""

from __future__ import annotations


class ReviewConflict(Exception):
    """Someone else saved the meeting since this reviewer loaded it; ``changes`` say what they did."""

    def __init__(self, meeting_id: int, changes: list[str]) -> None:
        summary = "; ".join(changes) or "запись изменена"
        super().__init__(f"встреча #{meeting_id} изменена другим пользователем: {summary}")
        self.meeting_id, self.changes = meeting_id, changes


class NotPublishable(Exception):
    """A meeting that names nobody on either side cannot be published: there is no record to show."""

    def __init__(self, meeting_id: int) -> None:
        super().__init__(f"встреча #{meeting_id} без участников: добавьте участников или отклоните её")
        self.meeting_id = meeting_id


class ExportFilterError(ValueError):
    """The export's filter parameters are invalid; ``errors`` maps each bad parameter to its messages."""

    def __init__(self, errors: dict) -> None:
        detail = "; ".join(
            f"{name}: {' '.join(str(item.get('message', item)) for item in items)}"
            for name, items in errors.items()
        )
        super().__init__(f"invalid export filters: {detail}")
        self.errors = errors
