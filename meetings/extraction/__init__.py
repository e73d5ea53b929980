"""Pure extraction engine: bulletin text in, meeting records out (spec/extraction.md).

Never imports Django: the Celery worker, the `extract_meetings` command and the benchmarks
all call `extract(text)` on the text that intake stores as `Bulletin.text`.
"""

from __future__ import annotations

from collections.abc import Mapping

EXTRACTOR_VERSION = "0.1.0"


def extract(text: str, aliases: Mapping[str, str] | None = None) -> dict:
    """Extract meetings from one bulletin's text.

    Returns ``{"extractor_version": str, "meetings": [meeting, ...]}`` where each meeting has the
    fields of spec/extraction.md. Never raises on any text.
    """
    return {"extractor_version": EXTRACTOR_VERSION, "meetings": []}


def load_pipeline() -> None:
    """Load the models once per process (the first version needs none)."""
