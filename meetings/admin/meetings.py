"""The review screen: the queue of meetings, the change page with the bulletin text, approve and reject."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from meetings.admin.forms import (
    DecisionForm,
    MeetingReviewForm,
    ParticipantForm,
    RejectForm,
    conflict_message,
)
from meetings.errors import NotPublishable, ReviewConflict
from meetings.filters import MAX_ID, text_search
from meetings.models import Meeting, Participant, Person, Side, can_see_unpublished
from meetings.selectors import export, queue
from meetings.selectors.cached import cached_for
from meetings.services import events, review
from meetings.web.csv_download import csv_response
from meetings.web.highlight import Span, highlight, meeting_spans
from newsdesk.admin_site import is_pk_value
from newsdesk.models import Bulletin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CHOICES = 20  # values an autocomplete filter of the list offers for what is typed
REVIEW_FIELDS = (
    "confidence",
    "origin",
    "extractor_version",
    "edited",
    "review_state",
    "reviewed_by",
    "reviewed_at",
    "reject_reason",
)
# Adding a meeting the machine missed: its bulletin and the evidence selected in the text.
ADD_FIELDSETS = [
    (
        None,
        {
            "fields": (
                "bulletin",
                ("kind", "location"),
                "topics",
                ("evidence_start", "evidence_end"),
                "version",
            )
        },
    )
]
# Reviewing: what a reviewer changes first, in view with the text; the record's bookkeeping folded.
CHANGE_FIELDSETS = [
    (None, {"fields": (("kind", "location"), "topics", "evidence_quote", "same_event", "version")}),
    (
        _("Фрагмент и запись"),
        {
            "classes": ("collapse",),
            "fields": (("evidence_start", "evidence_end"), "bulletin", *REVIEW_FIELDS),
        },
    ),
]


class AutocompleteListFilter(admin.SimpleListFilter):
    """A list filter typed into, not listed: an autocomplete input (the admin's select2) that asks
    ``autocomplete_url`` for the values matching what is typed. The sidebar never lists every value
    (thousands of people and countries), and only the chosen one is looked up to show it."""

    template = "admin/meetings/meeting/autocomplete_filter.html"
    autocomplete_url = ""
    autocomplete_source = ("", "", "")  # app_label, model_name, field_name for the admin's endpoint

    def has_output(self) -> bool:
        return True

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, self.label_of(request, value))] if value else []

    def label_of(self, request, value: str) -> str:
        return value


class CounterpartCountryFilter(AutocompleteListFilter):
    title = _("страна собеседника")
    parameter_name = "country"

    @property
    def autocomplete_url(self):  # type: ignore[override]
        return reverse("admin:meetings_meeting_countries")

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if "\x00" in self.value():
            # No stored country holds a NUL: PostgreSQL refuses one even as a query parameter.
            raise IncorrectLookupParameters(self.value())
        met = Participant.objects.filter(side=Side.COUNTERPART, country=self.value())
        return queryset.filter(pk__in=met.values("meeting_id"))


class KzOfficialFilter(AutocompleteListFilter):
    title = _("официальное лицо Казахстана")
    parameter_name = "kz_person"

    @property
    def autocomplete_url(self):  # type: ignore[override]
        return reverse("admin:meetings_meeting_officials")

    def label_of(self, request, value: str) -> str:
        if not is_pk_value(Person._meta.pk, value):
            return value
        person = Person.objects.visible_to(request.user).filter(pk=value).first()
        return person.name if person else value

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not is_pk_value(Person._meta.pk, self.value()):
            raise IncorrectLookupParameters(self.value())
        met = Participant.objects.filter(side=Side.KZ, person_id=self.value())
        return queryset.filter(pk__in=met.values("meeting_id"))


class ConfidenceBandFilter(admin.SimpleListFilter):
    title = _("уверенность")
    parameter_name = "confidence_band"
    BANDS = {
        "low": Q(confidence__lt=0.5),
        "medium": Q(confidence__gte=0.5, confidence__lt=0.8),
        "high": Q(confidence__gte=0.8),
        "none": Q(confidence__isnull=True),
    }

    def lookups(self, request, model_admin):
        return [
            ("low", _("низкая (< 0,5)")),
            ("medium", _("средняя (0,5–0,8)")),
            ("high", _("высокая (≥ 0,8)")),
            ("none", _("не указана")),
        ]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value() or "")
        return queryset if band is None else queryset.filter(band)


class PersonAutocomplete(AutocompleteSelect):
    """The person picker; a forged value that is no id ("abc") is shown as nothing, not a 500."""

    def optgroups(self, name, value, attr=None):
        ids = [item for item in value if is_pk_value(Person._meta.pk, str(item))]
        return super().optgroups(name, ids, attr)


class ParticipantInline(admin.StackedInline):
    """Each participant as a compact card beside the text: the fields a reviewer corrects, two to
    a row, with the machine's value under any one a reviewer changed."""

    model = Participant
    form = ParticipantForm
    template = "admin/meetings/meeting/participant_cards.html"
    fieldsets = [
        (
            None,
            {
                "fields": (
                    ("name", "side"),
                    ("role", "posting"),
                    ("organization", "country"),
                    ("position", "person"),
                )
            },
        )
    ]
    autocomplete_fields = ("person",)
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["widget"] = PersonAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        if obj is None:  # a meeting the machine missed names at least one participant
            kwargs.update(min_num=1, validate_min=True)
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            # A class of its own per request: the hints belong to this meeting only.
            form = type(
                "HintedParticipantForm",
                (formset.form,),
                {"machine_hints": queue.machine_hints(obj).participants},
            )
            formset.form = form
        return formset


@admin.action(description=_("Одобрить выбранные встречи"), permissions=["review"])
def approve_selected(modeladmin, request, queryset):
    done, conflicts = 0, []
    for meeting in queryset:
        try:
            review.approve_meeting(meeting_id=meeting.pk, reviewer=request.user, version=meeting.version)
        except ReviewConflict as conflict:
            conflicts.append(conflict)
        except NotPublishable as refused:
            modeladmin.message_user(request, str(refused), messages.ERROR)
        else:
            done += 1
    report(modeladmin, request, done, conflicts, approved=True)


@admin.action(description=_("Отклонить выбранные встречи…"), permissions=["review"])
def reject_selected(modeladmin, request, queryset):
    """Asks for the reason on an intermediate page, then rejects every selected meeting with it."""
    form = RejectForm(request.POST if "post" in request.POST else None)
    if form.is_valid():
        done, conflicts = 0, []
        for meeting in queryset:
            try:
                review.reject_meeting(
                    meeting_id=meeting.pk,
                    reviewer=request.user,
                    version=meeting.version,
                    reason=form.cleaned_data["reason"],
                )
            except ReviewConflict as conflict:
                conflicts.append(conflict)
            else:
                done += 1
        report(modeladmin, request, done, conflicts, approved=False)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Отклонить встречи"),
        "opts": modeladmin.opts,
        "form": form,
        "queryset": queryset,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/meetings/meeting/reject_selected.html", context)


@admin.action(description=_("Экспорт в CSV"), permissions=["export"])
def export_selected(modeladmin, request, queryset):
    """The selected meetings (or, with "select all", the whole filtered list) as the analysts' CSV."""
    return csv_response(queryset, params=request.POST)


def report(modeladmin, request, done: int, conflicts: list[ReviewConflict], *, approved: bool) -> None:
    if done:
        text = (
            ngettext("Одобрена %(count)d встреча.", "Одобрено встреч: %(count)d.", done)
            if approved
            else ngettext("Отклонена %(count)d встреча.", "Отклонено встреч: %(count)d.", done)
        )
        modeladmin.message_user(request, text % {"count": done}, messages.SUCCESS)
    for conflict in conflicts:
        modeladmin.message_user(request, conflict_message(conflict, typed=False), messages.ERROR)


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    """The review queue (list) and the review page (change form) of extracted meetings."""

    form = MeetingReviewForm
    change_form_template = "admin/meetings/meeting/change_form.html"

    class Media:
        css = {"all": ("meetings/states.css",)}
        js = ("meetings/filters.js",)

    @property
    def media(self):
        # The list's autocomplete filters use the admin's select2, as the participants' person does.
        person = Participant._meta.get_field("person")
        return super().media + AutocompleteSelect(person, self.admin_site).media

    list_display = (
        "bulletin_date",
        "kind",
        "kz_officials",
        "counterparts",
        "confidence_display",
        "state_badge",
        "edited",
    )
    list_filter = (
        "bulletin_date",
        "kind",
        "review_state",
        CounterpartCountryFilter,
        KzOfficialFilter,
        ConfidenceBandFilter,
    )
    list_select_related = ("bulletin",)
    search_fields = ("participants__name",)  # shows the box; get_search_results does the search
    search_help_text = _("Имена участников (и латиницей), организации, место, заголовок бюллетеня")
    ordering = queue.QUEUE_ORDER
    raw_id_fields = ("bulletin",)
    inlines = [ParticipantInline]
    actions = [approve_selected, reject_selected, export_selected]
    change_list_template = "admin/meetings/meeting/change_list.html"

    # ---- the queue -------------------------------------------------------------------------------

    def get_queryset(self, request):
        return (
            queue.meetings_with_participants().visible_to(request.user).order_by(*self.get_ordering(request))
        )

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm("meetings.review_meeting")

    def has_export_permission(self, request) -> bool:
        return export.can_export(request.user)

    @admin.display(description=_("официальные лица Казахстана"))
    def kz_officials(self, meeting: Meeting) -> str:
        return format_html_join(
            ", ", "{}", ((p.name or "—",) for p in meeting.participants.all() if p.side == Side.KZ)
        )

    @admin.display(description=_("собеседники (страна)"))
    def counterparts(self, meeting: Meeting) -> str:
        return format_html_join(
            ", ",
            "{} <small>({})</small>",
            (
                (p.name or p.organization or "—", p.country or "?")
                for p in meeting.participants.all()
                if p.side == Side.COUNTERPART
            ),
        )

    @admin.display(description=_("уверенность"), ordering="confidence")
    def confidence_display(self, meeting: Meeting) -> str:
        if meeting.confidence is None:
            return "—"
        colour = (
            "#b00020" if meeting.confidence < 0.5 else "#8a6d00" if meeting.confidence < 0.8 else "inherit"
        )
        return format_html('<span style="color:{}">{}</span>', colour, f"{meeting.confidence:.2f}")

    @admin.display(description=_("проверка"), ordering="review_state")
    def state_badge(self, meeting: Meeting) -> str:
        # Coloured by meetings/static/meetings/states.css, one class per state.
        return format_html(
            '<strong class="review-state-{}">{}</strong>',
            meeting.review_state,
            meeting.get_review_state_display(),
        )

    # ---- the review page -------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        return ADD_FIELDSETS if obj is None else CHANGE_FIELDSETS

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("bulletin", "evidence_quote", "same_event", *REVIEW_FIELDS)

    def review_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            # get_form builds a class per request: the machine's values can go in its help texts.
            for name, machine in queue.machine_hints(obj).meeting.items():
                if name in form.base_fields:
                    form.base_fields[name].help_text = _("машина: %(value)s") % {"value": machine}
        return form

    @admin.display(description=_("та же встреча в других бюллетенях"))
    def same_event(self, meeting: Meeting) -> str:
        """The other reports of this meeting's event, linked, with buttons to split it off or to
        join it to another meeting's event (they post the page's form to their own addresses)."""
        return render_to_string(
            "admin/meetings/meeting/same_event.html",
            {
                "meeting": meeting,
                "others": queue.same_event_reports(meeting),
                "may_review": getattr(meeting, "viewer_may_review", False),
            },
        )

    @admin.display(description=_("фрагмент"))
    def evidence_quote(self, meeting: Meeting) -> str:
        start, end = meeting.evidence_start, meeting.evidence_end
        if start is None or end is None:
            return "—"
        return format_html('<q class="evidence-quote">{}</q>', meeting.bulletin.text[start:end])

    def get_object(self, request, object_id, from_field=None):
        meeting = super().get_object(request, object_id, from_field)
        if meeting is not None:
            # same_event's buttons are for reviewers; the admin instance is shared by every request,
            # so what this user may do travels on the object this request loaded.
            meeting.viewer_may_review = self.has_review_permission(request)
        return meeting

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(self.review_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_context(self, request, meeting: Meeting | None) -> dict:
        if meeting is None:
            # Adding a meeting the machine missed: show its bulletin, with what was found there.
            bulletin = self.bulletin_from_request(request)
            spans = (
                [
                    Span(m.evidence_start, m.evidence_end, "evidence", str(m))
                    for m in bulletin.meetings.exclude(evidence_start=None).exclude(evidence_end=None)
                    if m.evidence_start is not None and m.evidence_end is not None  # narrows the type
                ]
                if bulletin
                else []
            )
            return {
                "bulletin": bulletin,
                "bulletin_html": highlight(bulletin.text, spans) if bulletin else "",
            }
        can_review = self.has_review_permission(request) and self.has_change_permission(request, meeting)
        info = self.opts.app_label, self.opts.model_name
        return {
            "bulletin": meeting.bulletin,
            "bulletin_html": highlight(meeting.bulletin.text, meeting_spans(meeting)),
            "compared_participants": queue.machine_vs_current(meeting),
            "machine_meeting_rows": queue.machine_meeting_values(meeting),
            "next_meeting": queue.next_pending_meeting(after=meeting) if can_review else None,
            "can_review": can_review,
            "approve_url": reverse("admin:{}_{}_approve".format(*info), args=[meeting.pk]),
            "reject_url": reverse("admin:{}_{}_reject".format(*info), args=[meeting.pk]),
            "reopen_url": reverse("admin:{}_{}_reopen".format(*info), args=[meeting.pk]),
            "add_missed_url": reverse("admin:{}_{}_add".format(*info)) + f"?bulletin={meeting.bulletin_id}",
        }

    def bulletin_from_request(self, request) -> Bulletin | None:
        value = request.POST.get("bulletin") or request.GET.get("bulletin")
        if not value or not str(value).isdigit():
            return None
        return Bulletin.objects.filter(pk=value).first()

    def save_model(self, request, obj, form, change):
        # Saved in save_related with its participants, in one call of a service.
        pass

    def save_related(self, request, form, formsets, change):
        edits = review.ParticipantEdits()
        for formset in formsets:
            formset.save(commit=False)
            edits.changed += formset.changed_objects
            edits.added += formset.new_objects
            edits.removed += formset.deleted_objects
        if not change:
            review.add_missed_meeting(meeting=form.instance, reviewer=request.user, participants=edits.added)
            return
        fields = [name for name in form.changed_data if name != "version"]
        edited = review.edit_meeting(
            meeting_id=form.instance.pk,
            version=form.cleaned_data["version"],
            changes={name: form.cleaned_data[name] for name in fields},
            participants=edits,
            user=request.user,
        )
        form.instance.version, form.instance.edited = edited.version, edited.edited

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A conflict found under the lock (another reviewer saved after this form was checked)
        undoes the whole save and says what they changed."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ReviewConflict as conflict:
            self.message_user(request, conflict_message(conflict), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_view(self, request, object_id, extra_context=None):
        # simple_history looks the raw id up itself: "abc" would be a ValueError (500), not a 404.
        if not is_pk_value(self.opts.pk, unquote(object_id)):
            raise Http404(_("Встреча не найдена."))
        self.check_history_allowed(request)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One earlier version: only of a meeting the user may see. Restoring it (POST) needs the
        right to edit and goes through :func:`review.restore_meeting`: the meeting's fields and
        participants as they were, saved as a new recorded change, refused if the meeting changed
        since the page was loaded (the form carries the current version, not the old one)."""
        version_pk = self.model.history.model._meta.pk
        if not (is_pk_value(self.opts.pk, unquote(object_id)) and is_pk_value(version_pk, str(version_id))):
            raise Http404(_("Встреча не найдена."))
        self.check_history_allowed(request)
        meeting = self.get_object(request, unquote(object_id))
        if meeting is None or not meeting.history.filter(history_id=version_id).exists():
            raise Http404(_("Встреча не найдена."))
        if request.method == "POST":
            if not self.has_change_permission(request, meeting):
                raise PermissionDenied
            return self.restore(request, meeting, history_id=int(version_id))
        request.current_meeting_version = meeting.version
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = self.review_form(request, obj, change=change, **kwargs)
        current = getattr(request, "current_meeting_version", None)
        if current is None:
            return form

        class RestoreForm(form):  # an earlier version, shown with the version a restore starts from
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.initial["version"] = current

        return RestoreForm

    def history_form_view_title(self, request, obj):
        shown = {"meeting": obj}
        if self.revert_disabled(request, obj):
            return _("Встреча «%(meeting)s» в прежнем виде") % shown
        return _("Восстановить встречу «%(meeting)s» в этом виде") % shown

    def restore(self, request, meeting: Meeting, *, history_id: int):
        version = posted_version(request)
        try:
            review.restore_meeting(
                meeting_id=meeting.pk, history_id=history_id, version=version, user=request.user
            )
        except ReviewConflict as conflict:
            self.message_user(request, conflict_message(conflict, typed=False), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:meetings_meeting_history", args=[meeting.pk]))
        self.message_user(
            request,
            _("Встреча восстановлена в прежнем виде; это изменение записано в историю."),
            messages.SUCCESS,
        )
        return change_page(meeting.pk)

    def check_history_allowed(self, request) -> None:
        """The review history is the reviewers' working record: it holds what was never published
        (earlier readings, reject reasons of a meeting approved later), so whoever may not see
        unpublished meetings gets none of it (404, as for a meeting that is not theirs to see)."""
        if not can_see_unpublished(request.user):
            raise Http404(_("Встреча не найдена."))

    # ---- approve and reject ----------------------------------------------------------------------

    # Views of the meeting admin beyond Django's: (path, view method, URL name suffix).
    EXTRA_URLS = (
        ("<path:object_id>/approve/", "approve_view", "approve"),
        ("<path:object_id>/reject/", "reject_view", "reject"),
        ("<path:object_id>/reopen/", "reopen_view", "reopen"),
        ("<path:object_id>/split-event/", "split_event_view", "split_event"),
        ("<path:object_id>/join-event/", "join_event_view", "join_event"),
        ("officials/", "officials_view", "officials"),
        ("countries/", "countries_view", "countries"),
        ("export.csv", "export_view", "export"),
    )

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            *(
                path(route, self.admin_site.admin_view(getattr(self, view)), name=f"{prefix}_{suffix}")
                for route, view, suffix in self.EXTRA_URLS
            ),
            *super().get_urls(),
        ]

    def get_search_results(self, request, queryset, search_term):
        """The list's search box searches as the public list and the API do (MeetingFilter's text
        search: full-text indexes on PostgreSQL), not with substrings over joins."""
        if not search_term.strip():
            return queryset, False
        return text_search(queryset, search_term), False

    def countries_view(self, request):
        """The counterparts' countries matching ``term``, of the meetings this user may see, in the
        admin autocomplete's JSON (the list's country filter asks it as the user types)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        term = typed_term(request).casefold()
        countries = [country for country in self.countries_seen(request) if term in country.casefold()]
        return choices_response((country, country) for country in countries[:CHOICES])

    def countries_seen(self, request) -> list[str]:
        """Every counterpart country of the meetings this user may see (a few hundred at most),
        kept five minutes per kind of user: asked for at each key press, it scans every participant."""
        visible = Meeting.objects.visible_to(request.user)
        return cached_for(request.user, "countries", lambda: queue.counterpart_countries(meetings=visible))

    def officials_view(self, request):
        """Kazakh officials of the meetings this user may see whose name holds ``term``, in the admin
        autocomplete's JSON (the list's official filter asks it as the user types)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        visible = Meeting.objects.visible_to(request.user)
        people = queue.kz_officials(meetings=visible, containing=typed_term(request))[:CHOICES]
        return choices_response((str(person.pk), person.name) for person in people)

    def decision_target(self, request, object_id) -> Meeting | HttpResponseRedirect:
        """The meeting a decision (approve, reject, send back) was posted for; reviewers only. A GET
        (a link followed, a page reloaded) decides nothing: back to the meeting, where the buttons are."""
        if not self.has_review_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return change_page(unquote(object_id))
        meeting = self.get_object(request, unquote(object_id))
        if meeting is None:
            raise Http404(_("Встреча не найдена."))
        return meeting

    def reopen_view(self, request, object_id):
        """POST: a decided meeting back to the queue (the «Отменить» of a decision, or «Вернуть на
        проверку»), at the version shown."""
        meeting = self.decision_target(request, object_id)
        if not isinstance(meeting, Meeting):
            return meeting
        version = posted_version(request)
        try:
            was_pending = meeting.is_pending
            review.reopen_meeting(meeting_id=meeting.pk, reviewer=request.user, version=version)
        except ReviewConflict as conflict:
            self.message_user(request, conflict_message(conflict, typed=False), messages.ERROR)
        else:
            if was_pending:
                self.message_user(request, _("Встреча и так на проверке."), messages.INFO)
                return change_page(meeting.pk)
            self.message_user(
                request,
                _("Встреча «%(meeting)s» снова на проверке.") % {"meeting": meeting},
                messages.SUCCESS,
            )
        return change_page(meeting.pk)

    def split_event_view(self, request, object_id):
        """POST: count this meeting as an event of its own, not as another report of its event."""
        meeting = self.decision_target(request, object_id)
        if not isinstance(meeting, Meeting):
            return meeting
        events.split_event(meeting_id=meeting.pk, user=request.user)
        self.message_user(request, _("Встреча считается отдельной."), messages.SUCCESS)
        return change_page(meeting.pk)

    def join_event_view(self, request, object_id):
        """POST: count this meeting as the event of meeting №``join_event`` (another report of it)."""
        meeting = self.decision_target(request, object_id)
        if not isinstance(meeting, Meeting):
            return meeting
        other = request.POST.get("join_event", "").strip()
        try:
            other_id = int(other)
            if not 1 <= other_id <= MAX_ID:
                raise ValueError(other)
            events.join_event(meeting_id=meeting.pk, other_id=other_id, user=request.user)
        except ValueError:
            self.message_user(
                request, _("Нет другой встречи с номером «%(number)s».") % {"number": other}, messages.ERROR
            )
        else:
            self.message_user(
                request,
                _("Встреча объединена со встречей № %(number)s.") % {"number": other},
                messages.SUCCESS,
            )
        return change_page(meeting.pk)

    def approve_view(self, request, object_id):
        return self.review_view(request, object_id, approve=True)

    def reject_view(self, request, object_id):
        return self.review_view(request, object_id, approve=False)

    def review_view(self, request, object_id, *, approve: bool):
        """POST from the review page: approve or reject at the version shown, then the next meeting."""
        meeting = self.decision_target(request, object_id)
        if not isinstance(meeting, Meeting):
            return meeting
        back = change_page(meeting.pk)
        decision = DecisionForm(request.POST, rejecting=not approve)
        if not decision.is_valid():
            for field, errors in decision.errors.items():
                shown: Iterable[ValidationError | StrOrPromise] = errors
                if field == "version":
                    shown = [_("Страница устарела: откройте встречу заново.")]
                elif field == "reason" and not request.POST.get("reason", "").strip():
                    shown = [_("Чтобы отклонить встречу, укажите причину.")]
                for error in shown:
                    self.message_user(request, error, messages.ERROR)
            return back
        return self.decide(request, meeting, approve=approve, **decision.cleaned_data) or back

    def decide(self, request, meeting: Meeting, *, approve: bool, version: int, reason: str = ""):
        """Approve or reject; the redirect to the next pending meeting, or None after a conflict."""
        try:
            if approve:
                decided = review.approve_meeting(
                    meeting_id=meeting.pk, reviewer=request.user, version=version
                )
            else:
                decided = review.reject_meeting(
                    meeting_id=meeting.pk, reviewer=request.user, version=version, reason=reason
                )
        except ReviewConflict as conflict:
            self.message_user(request, conflict_message(conflict, typed=False), messages.ERROR)
            return None
        except NotPublishable as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return None
        self.message_user(request, self.decided_message(request, decided, approved=approve), messages.SUCCESS)
        following = queue.next_pending_meeting(after=meeting)
        if following is None:
            self.message_user(request, _("Все встречи проверены."), messages.INFO)
            return HttpResponseRedirect(reverse("admin:meetings_meeting_changelist"))
        return change_page(following.pk)

    def decided_message(self, request, meeting: Meeting, *, approved: bool):
        """«Встреча … одобрена.» with an «Отменить» button that sends it back to the queue (for the
        reviewer who decided: the message is theirs alone)."""
        done = _("Встреча «%(meeting)s» одобрена.") if approved else _("Встреча «%(meeting)s» отклонена.")
        return format_html(
            '{} <form method="post" action="{}" class="undo-form">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="version" value="{}">'
            '<button type="submit" class="button" id="undo-button">{}</button></form>',
            done % {"meeting": meeting},
            reverse("admin:meetings_meeting_reopen", args=[meeting.pk]),
            get_token(request),
            meeting.version,
            _("Отменить решение"),
        )

    def response_change(self, request, obj):
        """«Одобрить» submits the whole review form: the edits were saved (or refused), then approve."""
        if "_approve" not in request.POST:
            return super().response_change(request, obj)
        if not self.has_review_permission(request):
            raise PermissionDenied
        back = change_page(obj.pk)
        return self.decide(request, obj, approve=True, version=obj.version) or back

    # ---- CSV export ------------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_export": self.has_export_permission(request)}
        return super().changelist_view(request, extra_context)

    def export_view(self, request):
        """GET with the changelist's query string: every meeting the list shows, as the analysts' CSV."""
        if not self.has_export_permission(request) or not self.has_view_permission(request):
            raise PermissionDenied
        bom = request.GET.get("bom")
        request.GET = request.GET.copy()
        request.GET.pop("bom", None)  # not a list filter: ChangeList would refuse it
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("Неверные параметры фильтра."))
        return csv_response(changelist.get_queryset(request), params={"bom": bom})


def posted_version(request) -> int:
    """The meeting version a page posted (0, which no meeting has, when it is missing or garbled:
    the service then answers with a conflict)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


def change_page(meeting_id) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:meetings_meeting_change", args=[meeting_id]))


def typed_term(request) -> str:
    """What the user typed into an autocomplete filter (a NUL, which no stored text holds, dropped)."""
    return request.GET.get("term", "").replace("\x00", "").strip()


def choices_response(choices) -> JsonResponse:
    """(id, text) pairs in the JSON the admin's select2 autocomplete reads."""
    results = [{"id": value, "text": text} for value, text in choices]
    return JsonResponse({"results": results, "pagination": {"more": False}})
