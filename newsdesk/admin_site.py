"""The admin site: every model admin on it checks the list input Django's ModelAdmin does not.

Django's ModelAdmin sends two request values on unchecked, so a malformed request is a server
error: a selected row id that is no id ("abc" in an action's ``_selected_action``) reaches the
database, and a date hierarchy year past what a date holds (``?date__year=9999`` or a 20-digit
year) reaches ``datetime``. The site mixes :class:`MalformedInputGuard` into every admin
registered on it (ours, auth's, authtoken's, django-axes'), so each answers as Django does for
other bad input: the list's "invalid filter" redirect, or an error message above the list.
"""

from __future__ import annotations

from functools import cache

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db.models import Field
from django.utils.translation import gettext_lazy as _


def is_pk_value(field: Field, value: str) -> bool:
    """Whether ``value`` can be a value of the primary key ``field`` (type, range; no NUL)."""
    if "\x00" in value:
        return False  # no stored text holds one: PostgreSQL refuses it even as a parameter
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class GuardedChangeListMixin:
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            # The date hierarchy builds dates from the year, month and day given, unbounded.
            raise IncorrectLookupParameters(error) from error


@cache
def guarded_changelist(base: type[ChangeList]) -> type[ChangeList]:
    return type(f"Guarded{base.__name__}", (GuardedChangeListMixin, base), {})


class MalformedInputGuard:
    """Mixed into each registered ModelAdmin by :class:`NewsdeskAdminSite`."""

    def get_changelist(self, request, **kwargs):
        return guarded_changelist(super().get_changelist(request, **kwargs))

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(is_pk_value(self.opts.pk, value) for value in selected):
            self.message_user(request, _("Выбранные записи не найдены: обновите список."), messages.ERROR)
            return None  # the changelist redirects back to itself
        return super().response_action(request, queryset)


class NewsdeskAdminSite(admin.AdminSite):
    """Django's admin site, with :class:`MalformedInputGuard` in every model admin registered."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, MalformedInputGuard):
            admin_class = type(
                admin_class.__name__,
                (MalformedInputGuard, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)
