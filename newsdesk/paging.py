"""Pages of long lists that never count a whole table: past ``COUNT_CAP`` rows the count stops.

An archive of a million meetings makes ``COUNT(*)`` of a filtered list cost as much as the page
itself, on every request. Counting at most ``COUNT_CAP + 1`` rows (a ``LIMIT`` inside the count)
keeps the cost bounded; lists longer than that show «более 10 000» and page through their first
``COUNT_CAP`` rows, which is as deep as anybody pages: a search or a filter narrows the rest.
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator

COUNT_CAP = 10_000


class CappedCountPaginator(Paginator):
    """A Paginator whose ``count`` is exact up to ``COUNT_CAP`` and ``COUNT_CAP`` beyond it
    (``capped`` says which)."""

    @cached_property
    def counted(self) -> int:
        """Rows of the list, counted up to ``COUNT_CAP + 1``."""
        rows = self.object_list
        if hasattr(rows, "values") and hasattr(rows, "order_by"):
            return rows.order_by().values("pk")[: COUNT_CAP + 1].count()
        return len(rows)

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        return min(self.counted, COUNT_CAP)

    @property
    def capped(self) -> bool:
        return self.counted > COUNT_CAP
