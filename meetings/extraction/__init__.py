"""Pure extraction engine: bulletin text in, meeting records out (spec/extraction.md).

Never imports Django: the Celery worker, the `extract_meetings` command and the benchmarks
all call `extract(text)` on the text that intake stores as `Bulletin.text`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from .errors import EngineFailure, ExtractionError, TextTooLong
from .pipeline import load_pipeline, run

__all__ = [
    "EXTRACTOR_VERSION",
    "MAX_TEXT_CHARS",
    "EngineFailure",
    "ExtractionError",
    "TextTooLong",
    "extract",
    "load_pipeline",
]

EXTRACTOR_VERSION = "0.10.0"
# A bulletin runs to a few thousand characters; a "bulletin" of this length is a file that was
# never split into bulletins, and reading it would hold a worker for seconds.
MAX_TEXT_CHARS = 200_000

log = logging.getLogger(__name__)


def extract(text: str, aliases: Mapping[str, str] | None = None) -> dict:
    """Extract meetings from one bulletin's text.

    ``text`` is the bulletin as intake stores it (header line, dateline, body; ``\\n`` newlines).
    ``aliases`` maps surface forms (as written) or machine-normalised forms (as
    :func:`~meetings.extraction.names.name_key` gives them) to canonical names; a produced name
    found there is replaced by its canonical value.
    Returns ``{"extractor_version": str, "meetings": [meeting, ...]}`` where each meeting has the
    fields of spec/extraction.md and every offset indexes ``text``; a text that cannot be read as a
    bulletin gives an empty meetings list.
    Raises :class:`TextTooLong` past ``MAX_TEXT_CHARS`` and :class:`EngineFailure` when the engine
    breaks on the text, so the failure is seen (the bulletin is marked failed), never a silent
    "no meetings".
    """
    meetings: list[dict] = []
    if isinstance(text, str) and text.strip():
        if len(text) > MAX_TEXT_CHARS:
            raise TextTooLong(len(text), MAX_TEXT_CHARS)
        try:
            meetings = [m.to_json() for m in run(text, aliases)]
        except ExtractionError:
            raise
        except Exception as error:  # the one top-level guard: any bug becomes a typed, named failure
            log.exception("extraction failed")
            raise EngineFailure(error) from error
    return {"extractor_version": EXTRACTOR_VERSION, "meetings": meetings}
