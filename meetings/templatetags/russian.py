"""``{% load russian %}``: Russian forms of nouns for templates (the rules are ``meetings/russian.py``).

- ``{{ n|ru_plural:"запись,записи,записей" }}``: the number and the form of the noun it takes
  («1 запись», «2 записи», «5 записей»; as ``queue_tags``' filter of that name);
- ``{{ cl.result_count|ru_count:cl.opts }}``: the number and the model's name in the form it takes
  («9 бюллетеней»);
- ``{{ opts|ru_accusative }}``: the model's name after a verb («Добавить встречу»).

In another language than Russian the last two give Django's own names, as the stock admin does.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from meetings import russian

register = template.Library()


@register.filter
def ru_plural(number, forms: str) -> str:
    """``number`` and the one of three comma-separated ``forms`` (for 1, 2, 5) that follows it."""
    one, few, many = (form.strip() for form in forms.split(","))
    return russian.count(int(number), (one, few, many))


@register.filter
def ru_count(number, opts) -> str:
    """«9 бюллетеней»: the number with the name of ``opts``' model (a model's ``_meta``)."""
    value = int(number)
    if russian.is_russian(get_language()):
        return russian.noun_for(opts).count(value)
    return f"{value} {opts.verbose_name if value == 1 else opts.verbose_name_plural}"


@register.filter
def ru_accusative(opts) -> str:
    """The model's name as the object of a verb: «встречу», «персону», «бюллетень»."""
    if russian.is_russian(get_language()):
        return russian.noun_for(opts).accusative
    return str(opts.verbose_name)
