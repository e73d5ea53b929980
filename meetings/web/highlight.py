"""Bulletin text as HTML with spans marked: the evidence of a meeting and its participants' mentions."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from meetings.models import Meeting

# Outer marks first: where spans overlap, the evidence wraps the mentions inside it.
CLASS_ORDER = {"evidence": 0, "kz": 1, "counterpart": 2}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int  # exclusive, str index into the text
    css_class: str  # "evidence" | "kz" | "counterpart"
    title: str = ""


def highlight(text: str, spans: Iterable[Span]) -> SafeString:
    """``text`` escaped, each span wrapped in ``<mark class="...">``; nothing else added.

    Overlapping spans are handled by cutting the text at every span boundary: each piece is wrapped
    in the marks of every span covering it (evidence outermost), so the HTML stays well nested and
    the characters (hence the offsets a browser counts in it) are exactly those of ``text``.
    Spans out of range or empty are ignored.
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    parts: list[str] = []
    for start, end in itertools.pairwise(cuts):
        covering = sorted(
            (s for s in valid if s.start <= start and end <= s.end),
            key=lambda s: (CLASS_ORDER.get(s.css_class, 9), s.start, -s.end),
        )
        piece: str = escape(text[start:end])
        for span in reversed(covering):
            title = f' title="{escape(span.title)}"' if span.title else ""
            piece = f'<mark class="{escape(span.css_class)}"{title}>{piece}</mark>'
        parts.append(piece)
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def meeting_spans(meeting: Meeting) -> list[Span]:
    """The evidence of ``meeting`` and its participants' mentions, for :func:`highlight`."""
    spans = []
    if meeting.evidence_start is not None and meeting.evidence_end is not None:
        spans.append(Span(meeting.evidence_start, meeting.evidence_end, "evidence"))
    for participant in meeting.participants.all():
        if participant.mention_start is not None and participant.mention_end is not None:
            spans.append(
                Span(participant.mention_start, participant.mention_end, participant.side, participant.name)
            )
    return spans
