"""The review backlog on the admin index (``{% review_backlog request.user as backlog %}``) and the
Russian plural of a count (``{{ days|ru_plural:"день,дня,дней" }}``)."""

from __future__ import annotations

from django import template

from meetings import russian
from meetings.models import can_see_unpublished
from meetings.selectors.bulletins import QueueSummary, queue_summary

register = template.Library()


@register.simple_tag
def review_backlog(user) -> QueueSummary | None:
    """The backlog's figures for whoever may review (one query); None, and no query, for others."""
    return queue_summary() if can_see_unpublished(user) else None


@register.filter
def ru_plural(count: int, forms: str) -> str:
    """``count`` and the form of the noun it takes, from ``"one,few,many"`` ("день,дня,дней"):
    the rule is ``meetings.russian``'s, which the ``russian`` library's filter of this name shares."""
    one, few, many = (form.strip() for form in forms.split(","))
    return russian.count(int(count), (one, few, many))
