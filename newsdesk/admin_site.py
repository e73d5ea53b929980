"""The admin site: every model admin on it checks the list input Django's ModelAdmin does not.

Django's ModelAdmin sends two request values on unchecked, so a malformed request is a server
error: a selected row id that is no id ("abc" in an action's ``_selected_action``) reaches the
database, and a date hierarchy year past what a date holds (``?date__year=9999`` or a 20-digit
year) reaches ``datetime``. The site mixes :class:`MalformedInputGuard` into every admin
registered on it (ours, auth's, authtoken's, django-axes'), so each answers as Django does for
other bad input: the list's "invalid filter" redirect, or an error message above the list.

It also mixes :class:`RussianAdmin` into each: Django builds titles and confirmations from a
model's nominative name («Выберите встреча для изменения», «Добавить персона»); in Russian these
pages name the model in the form the sentence needs («Выберите встречу», «Добавить персону»),
from ``meetings/russian.py``'s forms. The site is titled «Newsdesk».
"""

from __future__ import annotations

import json
from functools import cache

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import Field
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from meetings import russian
from newsdesk.paging import CappedCountPaginator


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


def speaks_russian() -> bool:
    return russian.is_russian(get_language())


def replace_stock(text, stock: dict[str, str]):
    """The correct form of ``text`` if it is one of Django's phrases in ``stock`` (Django's phrase →
    the correct one), else ``text`` itself."""
    return stock.get(str(text), text) if text is not None else text


DEFAULT_PERMISSION_ACTIONS = {
    "add": _("добавление"),
    "change": _("изменение"),
    "delete": _("удаление"),
    "view": _("просмотр"),
}


def permission_label(permission: Permission) -> str:
    """«Встречи | встреча | изменение»: Django names its default permissions in English when they
    are created («Can change встреча»); custom ones keep the name they were given."""
    content_type = permission.content_type
    model = content_type.model_class()
    action = permission.codename.removesuffix(f"_{content_type.model}")
    if model is None or action not in DEFAULT_PERMISSION_ACTIONS or action == permission.codename:
        return str(permission)
    app = model._meta.app_config.verbose_name
    return f"{app} | {russian.noun_for(model._meta).one} | {DEFAULT_PERMISSION_ACTIONS[action]}"


class RussianInlineAdminFormSet(helpers.InlineAdminFormSet):
    """«Добавить ещё одного участника», not «Добавить еще один Участник»."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        noun = russian.noun_for(self.opts.model._meta)
        one = noun.agree(m="одного" if noun.animate else "один", f="одну", n="одно")
        data["options"]["addText"] = f"Добавить ещё {one} {noun.accusative}"
        return json.dumps(data)


class RussianAdmin:
    """Mixed into each registered ModelAdmin by :class:`NewsdeskAdminSite`: in Russian, the pages
    Django titles with the model's nominative name use the form the sentence needs.

    Each fix replaces only Django's own phrase: a title a ModelAdmin sets itself is left alone.
    """

    def russian_noun(self) -> russian.Noun:
        return russian.noun_for(self.opts)  # type: ignore[attr-defined]  # ModelAdmin's opts

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if speaks_russian() and isinstance(response, TemplateResponse) and context and "cl" in context:
            noun, name = self.russian_noun(), self.opts.verbose_name
            context["title"] = replace_stock(
                context.get("title"),
                {
                    gettext(phrase) % name: gettext(phrase) % noun.accusative
                    for phrase in ("Select %s", "Select %s to change", "Select %s to view")
                },
            )
            # «Выбрать все встречи (9)», «Выбрать всех персон (9)» (the project's catalog drops
            # Django's «все» from the phrase: the noun's own form says it).
            context["module_name"] = noun.every()
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if speaks_russian():
            noun, name = self.russian_noun(), self.opts.verbose_name
            context["title"] = replace_stock(
                context.get("title"),
                {
                    gettext(phrase) % name: gettext(phrase) % noun.accusative
                    for phrase in ("Add %s", "Change %s", "View %s")
                },
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_delete_form(self, request, context):
        if speaks_russian():
            noun, name = self.russian_noun(), self.opts.verbose_name
            cannot = gettext("Cannot delete %(name)s")
            context["title"] = replace_stock(
                context.get("title"), {cannot % {"name": name}: cannot % {"name": noun.accusative}}
            )
            if context.get("object_name") == str(name):
                context["object_name"] = noun.accusative
        return super().render_delete_form(request, context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if speaks_russian() and "delete_selected" in actions:
            func, name, _description = actions["delete_selected"]
            if func is delete_selected:
                noun = self.russian_noun()
                description = gettext("Удалить %(objects)s") % {"objects": noun.selected(2)}
                actions[name] = (delete_selected_in_russian, name, description.replace("%", "%%"))
        return actions

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        if speaks_russian():
            for inline_admin_formset in inline_admin_formsets:
                if type(inline_admin_formset) is helpers.InlineAdminFormSet:
                    inline_admin_formset.__class__ = RussianInlineAdminFormSet
        return inline_admin_formsets

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if speaks_russian() and field is not None and db_field.related_model is Permission:
            field.label_from_instance = permission_label
        return field


def delete_selected_in_russian(modeladmin, request, queryset):
    """Django's «delete selected» action, its confirmation naming what is deleted in the
    accusative: «удалить выбранную встречу», «удалить выбранных персон»."""
    response = delete_selected(modeladmin, request, queryset)
    context = getattr(response, "context_data", None)
    if isinstance(response, TemplateResponse) and context:
        noun = russian.noun_for(modeladmin.opts)
        selected = noun.selected(len(context["queryset"]))
        cannot = gettext("Cannot delete %(name)s")
        context["title"] = replace_stock(
            context.get("title"), {cannot % {"name": context["objects_name"]}: cannot % {"name": selected}}
        )
        context["objects_name"] = selected
    return response


delete_selected_in_russian.allowed_permissions = ("delete",)  # type: ignore[attr-defined]


class BoundedLists:
    """Change lists that never count a whole table (:mod:`newsdesk.paging`): the count stops at
    ``COUNT_CAP`` and the total of an unfiltered list is not asked for beside a filtered one."""

    paginator = CappedCountPaginator
    show_full_result_count = False


class NewsdeskAdminSite(admin.AdminSite):
    """Django's admin site titled «Newsdesk», with :class:`MalformedInputGuard`,
    :class:`RussianAdmin` and :class:`BoundedLists` in every model admin registered."""

    site_header = _("Newsdesk")
    site_title = _("Newsdesk")
    index_title = _("Разделы")

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        mixins = tuple(
            mixin
            for mixin in (MalformedInputGuard, RussianAdmin, BoundedLists)
            if not issubclass(admin_class, mixin)
        )
        if mixins:
            admin_class = type(
                admin_class.__name__,
                (*mixins, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)
