"""People in the admin: the person list and page, the officials page ("Послы"), the quality report.

Registered by ``meetings/admin/__init__.py``; the pages only call a selector and render it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from meetings.filters import MAX_ID
from meetings.models import Participant, Person, PersonAlias, ReviewState
from meetings.selectors import directory, reports
from meetings.services import people, review

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

REVIEW_PERMISSION = "meetings.review_meeting"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MERGE_PERMISSION = "meetings.merge_person"
MERGE_AT_MOST = 10


def meeting_url(meeting_id: int) -> str:
    """The meeting's admin page, or "#" while the meeting admin is not registered."""
    try:
        return reverse("admin:meetings_meeting_change", args=[meeting_id])
    except NoReverseMatch:
        return "#"


class PersonForm(forms.ModelForm):
    """Keeps the matching key in step with the name; a Latin form left empty becomes the ICAO one,
    and one typed by hand needs its source (where the world writes the name so)."""

    class Meta:
        model = Person
        fields = ("name", "name_latin", "latin_source", "is_kz_official")
        help_texts = {
            "name_latin": _(
                "Как имя пишут по-английски в официальных источниках. Оставьте пустым — заполнится по "
                "ICAO Doc 9303 (верно для паспортов Казахстана, для остальных — лишь транслитерация)."
            )
        }

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        key = people.name_key(name)
        if not key:
            raise forms.ValidationError(_("Имя не может состоять из одних знаков препинания."))
        same = Person.objects.filter(name_key=key).exclude(pk=self.instance.pk).first()
        if same is not None:
            raise forms.ValidationError(_("Такая персона уже есть: «%(name)s».") % {"name": same.name})
        self.instance.name_key = key
        return name

    def clean(self) -> dict[str, Any]:
        super().clean()  # ModelForm's returns cleaned_data itself
        cleaned = self.cleaned_data
        name, typed = cleaned.get("name"), " ".join((cleaned.get("name_latin") or "").split())
        if not name:
            return cleaned
        machine = people.latin(name)
        source = (cleaned.get("latin_source") or "").strip()
        if CYRILLIC.search(typed):
            self.add_error("name_latin", _("Латинское написание не может содержать кириллицу."))
        elif not typed or typed == machine or ("name_latin" not in self.changed_data and not source):
            # Empty, the machine's own, or the machine's form of the name before a rename: the
            # machine's form of the name as it is now.
            cleaned["name_latin"], cleaned["latin_source"] = machine, ""
        elif not (cleaned.get("latin_source") or "").strip():
            self.add_error("latin_source", _("Укажите, где имя пишут так: «%(latin)s».") % {"latin": typed})
        else:
            cleaned["name_latin"] = typed
        return cleaned


class PersonAliasForm(forms.ModelForm):
    class Meta:
        model = PersonAlias
        fields = ("alias",)

    def clean_alias(self) -> str:
        alias = " ".join(self.cleaned_data["alias"].split())
        key = people.name_key(alias)
        if not key:
            raise forms.ValidationError(_("Пустой вариант имени."))
        taken = (
            PersonAlias.objects.select_related("person").filter(alias_key=key).exclude(pk=self.instance.pk)
        )
        owner = taken.first()
        if owner is not None:
            raise forms.ValidationError(
                _("Этот вариант уже относится к персоне «%(name)s».") % {"name": owner.person.name}
            )
        self.instance.alias_key = key
        return alias


class PersonAliasFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        """Two new variants that match alike ("Дубль", "дубль") are one variant: say so, do not 500."""
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE") or not form.cleaned_data.get("alias"):
                continue
            key = people.name_key(form.cleaned_data["alias"])
            if key in seen:
                raise forms.ValidationError(
                    _("Вариант «%(alias)s» указан дважды.") % {"alias": form.cleaned_data["alias"]}
                )
            seen.add(key)


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    form = PersonAliasForm
    formset = PersonAliasFormSet
    fields = ("alias", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")
    extra = 0


# A busy official has thousands of meetings: the page shows the newest, the meeting list the rest.
POSTINGS_SHOWN = 50


def merge_ids(value: str) -> list[int]:
    """The person ids of ``?ids=1,2`` (anything that is not a whole number in range is dropped)."""
    return [int(part) for part in value.split(",") if part.strip().isdigit() and 0 < int(part) <= MAX_ID]


def likely_same_officials(
    officials: list[directory.Official],
) -> list[tuple[directory.Official, directory.Official]]:
    by_id = {official.person_id: official for official in officials}
    pairs = people.likely_same((o.person_id, o.name, o.posting) for o in officials)
    return [(by_id[one], by_id[other]) for one, other in pairs]


@admin.action(description=_("Объединить выбранные записи одного человека…"), permissions=["merge"])
def merge_selected(modeladmin, request, queryset):
    ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True)[: MERGE_AT_MOST + 1])
    return HttpResponseRedirect(f"{reverse('admin:meetings_person_merge')}?ids={ids}")


OFFICIALS_PER_PAGE = 200


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonForm
    actions = [merge_selected]
    list_display = ("name", "latin_with_kind", "aliases_list", "meetings_count", "is_kz_official")
    list_filter = ("is_kz_official",)
    search_fields = ("name", "name_latin", "aliases__alias")
    inlines = [PersonAliasInline]
    officials_template = "admin/meetings/person/ambassadors.html"
    report_template = "admin/meetings/person/quality_report.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        return directory.people_with_meeting_counts(user=request.user)

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MERGE_PERMISSION)

    def get_fields(self, request: HttpRequest, obj: Person | None = None):
        fields = ["name", "name_latin", "latin_source", "is_kz_official"]
        return [*fields, "postings_history"] if obj is not None else fields

    def get_readonly_fields(self, request: HttpRequest, obj: Person | None = None):
        return ("postings_history",) if obj is not None else ()

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Person | None:
        person = super().get_object(request, object_id, from_field)
        if person is not None:
            # postings_history lists only the meetings this user may see; the admin instance is
            # shared by every request, so the user travels on the object this request loaded.
            person.viewer = request.user
        return person

    @admin.display(description=_("латиницей"), ordering="name_latin")
    def latin_with_kind(self, person: Person) -> str:
        return format_html(
            '{} <span class="latin-kind latin-{}">{}</span>',
            person.name_latin,
            person.latin_kind,
            person.get_latin_kind_display(),
        )

    @admin.display(description=_("варианты имени"))
    def aliases_list(self, person: Person) -> str:
        return ", ".join(alias.alias for alias in person.aliases.all())

    @admin.display(description=_("встреч"), ordering="meetings_count")
    def meetings_count(self, person: WithAnnotations[Person, directory.MeetingsCount]) -> int:
        return person.meetings_count

    @admin.display(description=_("роли и места службы"))
    def postings_history(self, person: Person) -> str:
        viewer = getattr(person, "viewer", None)
        postings = directory.person_postings(person_id=person.pk, user=viewer, limit=POSTINGS_SHOWN)
        if not postings:
            return str(_("Нет встреч на казахстанской стороне."))
        more = ""
        if len(postings) == POSTINGS_SHOWN:
            total = directory.count_postings(person_id=person.pk, user=viewer)
            if total > POSTINGS_SHOWN:
                more = format_html(
                    '<p class="help" id="postings-more">{} <a href="{}?kz_person={}">{}</a></p>',
                    _("Показаны последние %(shown)d из %(total)d.")
                    % {"shown": POSTINGS_SHOWN, "total": total},
                    reverse("admin:meetings_meeting_changelist"),
                    person.pk,
                    _("Все встречи — в списке встреч"),
                )
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    meeting_url(p.meeting_id),
                    f"{p.bulletin_date:%Y-%m-%d}",
                    p.role_label,
                    p.posting,
                    p.position,
                    ReviewState(p.review_state).label,
                )
                for p in postings
            ),
        )
        return format_html(
            '<table id="person-postings"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>'
            "</tr></thead><tbody>{}</tbody></table>{}",
            _("дата бюллетеня"),
            _("роль"),
            _("место службы"),
            _("должность"),
            _("проверка"),
            rows,
            more,
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("officials/", view(self.officials_view), name="meetings_person_officials"),
            path("quality/", view(self.quality_report_view), name="meetings_person_quality"),
            path("merge/", view(self.merge_view), name="meetings_person_merge"),
            *super().get_urls(),
        ]

    def merge_view(self, request: HttpRequest) -> HttpResponse:
        """Two (or more) records of one person, ``?ids=1,2``: GET asks which one to keep, POST merges
        them into it (:func:`people.merge_people`) and opens the kept person."""
        if not request.user.has_perm(MERGE_PERMISSION):
            raise PermissionDenied
        ids = merge_ids(request.GET.get("ids", ""))
        if len(ids) > MERGE_AT_MOST:
            shown = {"count": MERGE_AT_MOST}
            self.message_user(
                request, _("Объединяются не больше %(count)s записей за раз.") % shown, messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:meetings_person_changelist"))
        chosen = list(Person.objects.filter(pk__in=ids).order_by("name", "pk"))
        if len(chosen) < 2:
            self.message_user(request, _("Выберите хотя бы две существующие записи персон."), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:meetings_person_changelist"))
        if request.method == "POST":
            keep = next((p for p in chosen if str(p.pk) == request.POST.get("keep")), None)
            if keep is None:
                self.message_user(request, _("Отметьте запись, которую оставить."), messages.ERROR)
            else:
                return self.merge(request, keep, chosen)
        counts = dict(
            Participant.objects.filter(person__in=chosen)
            .values("person")
            .annotate(n=Count("meeting", distinct=True))
            .values_list("person", "n")
        )
        context = {
            **self.page_context(request, _("Объединить записи одного человека")),
            "people": [(person, counts.get(person.pk, 0)) for person in chosen],
        }
        return TemplateResponse(request, "admin/meetings/person/merge.html", context)

    def merge(self, request: HttpRequest, keep: Person, chosen: list[Person]) -> HttpResponse:
        merged = ", ".join(p.name for p in chosen if p.pk != keep.pk)
        try:
            # admin_view lets only a logged-in staff user this far
            people.merge_people(keep=keep, merged=chosen, user=cast(User, request.user))
        except people.MergeRefused as refused:
            self.message_user(request, _("Не объединено: %(why)s.") % {"why": refused}, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        transaction.on_commit(review.published_changed)  # names and counts change
        self.log_change(request, keep, [{"changed": {"fields": [str(_("объединена с: %s") % merged)]}}])
        self.message_user(
            request,
            _("«%(merged)s» теперь «%(kept)s».") % {"merged": merged, "kept": keep.name},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:meetings_person_change", args=[keep.pk]))

    def officials_view(self, request: HttpRequest) -> TemplateResponse:
        """Kazakhstan's officials with their latest posting: for whoever may view people; those who
        may merge people also see the pairs that are likely one person."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        officials = directory.cached_officials(user=request.user)
        # A page at a time: all 2,000 officials of an archive took 240 ms to render.
        page = Paginator(officials, OFFICIALS_PER_PAGE).get_page(request.GET.get("page"))
        context = {
            **self.page_context(request, _("Послы и официальные лица Казахстана")),
            "officials": page.object_list,
            "page": page,
            "likely_same": likely_same_officials(officials)
            if request.user.has_perm(MERGE_PERMISSION)
            else [],
        }
        return TemplateResponse(request, self.officials_template, context)

    def quality_report_view(self, request: HttpRequest) -> TemplateResponse:
        """How often reviewers corrected the machine: for reviewers."""
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        context = {
            **self.page_context(request, _("Качество извлечения")),
            "report": reports.cached_quality_report(),
            "evaluations": reports.extractor_evaluations(),
        }
        return TemplateResponse(request, self.report_template, context)

    def page_context(self, request: HttpRequest, title) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "has_view_permission": self.has_view_permission(request),
            "can_see_report": request.user.has_perm(REVIEW_PERMISSION),
        }

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is PersonAlias:
            for alias_form in formset.forms:
                if not alias_form.instance.pk:
                    alias_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        extra = {"can_see_report": request.user.has_perm(REVIEW_PERMISSION), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)
