"""``{% load review_history %}``: history records told for people (``selectors.history``), for the
history pages of ``templates/simple_history/``.

``{% history_entries page_obj.object_list as entries %}``: each record's local time, user, kind of
change («создана», «изменена», «удалена») and changes («вид: визит → встреча»).
"""

from __future__ import annotations

from django import template

from meetings.selectors import history

register = template.Library()


@register.simple_tag
def history_entries(records) -> list[history.HistoryEntry]:
    return history.history_entries(list(records))
