"""Pure extraction engine: bulletin text in, meeting records out (spec/extraction.md).

Never imports Django: the Celery worker, the `extract_meetings` command and the benchmarks
all call `extract(text)` on the text that intake stores as `Bulletin.text`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from .pipeline import load_pipeline, run

__all__ = ["EXTRACTOR_VERSION", "extract", "load_pipeline"]

EXTRACTOR_VERSION = "0.4.0"

log = logging.getLogger(__name__)


def extract(text: str, aliases: Mapping[str, str] | None = None) -> dict:
    """Extract meetings from one bulletin's text.

    ``text`` is the bulletin as intake stores it (header line, dateline, body; ``\\n`` newlines).
    ``aliases`` maps surface or machine-normalised name forms to canonical names; a produced name
    found there is replaced by its canonical value.
    Returns ``{"extractor_version": str, "meetings": [meeting, ...]}`` where each meeting has the
    fields of spec/extraction.md and every offset indexes ``text``. Never raises on any text: a
    text that cannot be read as a bulletin gives an empty meetings list.
    """
    meetings: list[dict] = []
    if isinstance(text, str) and text.strip():
        try:
            meetings = [m.to_json() for m in run(text, aliases)]
        except Exception:  # the one top-level guard: a bad bulletin must not kill a worker
            log.exception("extraction failed; returning no meetings")
            meetings = []
    return {"extractor_version": EXTRACTOR_VERSION, "meetings": meetings}
