"""Bulletins in the admin: the upload page, the list with extraction states, re-extraction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from meetings.selectors import bulletins as bulletin_meetings
from newsdesk import search, services, uploads
from newsdesk.forms import BulletinUploadForm
from newsdesk.models import Bulletin, ExtractionState

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from meetings.selectors.bulletins import MeetingCounts

STATE_COLOURS: dict[str, str] = {
    ExtractionState.QUEUED: "#8a6d00",
    ExtractionState.RUNNING: "#1f5fa8",
    ExtractionState.DONE: "#1e7a34",
    ExtractionState.FAILED: "#b00020",
}


@admin.action(description=_("Извлечь встречи заново"), permissions=["reextract"])
def reextract(modeladmin, request, queryset):
    count = services.reextract_bulletins(bulletin_ids=queryset.values_list("pk", flat=True))
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d бюллетень поставлен в очередь на извлечение.",
            "%(count)d бюллетеней поставлено в очередь на извлечение.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


# The raw extraction JSON stays in the model (the worker's record of what it read); the page lists
# the meetings instead.
HIDDEN_FIELDS = ("extraction", "search_document")
# What the bulletin list's search box searches on SQLite (PostgreSQL reads the stored document).
BULLETIN_TEXT_SEARCHED = ("title", "text")


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "date",
        "state_badge",
        "meeting_count",
        "pending_meeting_count",
        "short_error",
        "attempts",
        "uploaded_at",
    )
    list_filter = ("state", "date")
    search_fields = ("title",)  # shows the box; get_search_results searches titles and texts

    def get_search_results(self, request, queryset, search_term):
        """Words of the title or the text: the stored full-text document on PostgreSQL (a substring
        scan of every bulletin's text took 14 s on a 100,000-bulletin archive), substrings on SQLite."""
        for word in search.words(search_term):
            if search.full_text():
                queryset = queryset.filter(search_document=search.prefix_query(word))
            else:
                queryset = search.matching(queryset, BULLETIN_TEXT_SEARCHED, word)
        return queryset, False

    date_hierarchy = "date"
    actions = [reextract]

    def get_changelist_instance(self, request):
        """No year links over a search: finding the years of its matches reads every match (a common
        word's 37,000 of 200,000 bulletins: the page took 253 ms with them, 100 without); the list's
        date filter still narrows the matches, and a year followed before searching still applies."""
        changelist = super().get_changelist_instance(request)
        if changelist.query:
            changelist.date_hierarchy = None
        return changelist

    exclude = HIDDEN_FIELDS
    readonly_fields = [field.name for field in Bulletin._meta.fields if field.name not in HIDDEN_FIELDS]
    upload_template = "admin/newsdesk/bulletin/upload.html"

    class Media:
        css = {"all": ("meetings/states.css",)}

    def get_queryset(self, request):
        return bulletin_meetings.with_meeting_counts(super().get_queryset(request))

    @admin.display(description=_("состояние"), ordering="state")
    def state_badge(self, bulletin: Bulletin) -> str:
        return format_html(
            '<strong style="color:{}">{}</strong>',
            STATE_COLOURS.get(bulletin.state, "inherit"),
            bulletin.get_state_display(),
        )

    @admin.display(description=_("встреч"), ordering="meeting_count")
    def meeting_count(self, bulletin: WithAnnotations[Bulletin, MeetingCounts]) -> int:
        return bulletin.meeting_count

    @admin.display(description=_("на проверке"), ordering="pending_meeting_count")
    def pending_meeting_count(self, bulletin: WithAnnotations[Bulletin, MeetingCounts]) -> str:
        count = bulletin.pending_meeting_count
        return format_html('<strong class="review-state-pending">{}</strong>', count) if count else "0"

    @admin.display(description=_("ошибка"))
    def short_error(self, bulletin: Bulletin) -> str:
        return bulletin.error[:120]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["bulletin_meetings"] = bulletin_meetings.bulletin_meetings(
                bulletin=obj, user=request.user
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        # A bulletin's text is the source every offset points into: it is never edited.
        return False

    def has_reextract_permission(self, request) -> bool:
        return request.user.has_perm("newsdesk.reextract_bulletin")

    @method_decorator(csrf_exempt)
    def add_view(self, request, form_url="", extra_context=None):
        """The upload page: several files, zips or pasted text; one report line per file.

        The size limits must be in place before the body is read, and the CSRF check reads it:
        so this view is exempt and :meth:`upload_view` checks CSRF after installing them
        (Django's "Modifying upload handlers on the fly").
        """
        receiver = uploads.BoundedUploadHandler(request, limits=uploads.UploadLimits.from_settings())
        request.upload_handlers = [receiver, *request.upload_handlers]
        return self.upload_view(request, receiver, extra_context)

    @method_decorator(csrf_protect)
    def upload_view(self, request, receiver: uploads.BoundedUploadHandler, extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        outcomes = None
        if request.method == "POST":
            form = BulletinUploadForm(request.POST, request.FILES, refused=receiver.refused)
            if form.is_valid():
                outcomes = services.store_bulletins(
                    files=form.uploads(), refused=receiver.refused, user=request.user
                )
                form = BulletinUploadForm()
        else:
            form = BulletinUploadForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Загрузка бюллетеней"),
            "opts": self.model._meta,
            "form": form,
            "outcomes": outcomes,
            "has_failures": outcomes is not None and any(o.status == "failed" for o in outcomes),
            "has_view_permission": self.has_view_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.upload_template, context)


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' list of failed logins, with its clean-up action made to work from the admin."""

    @admin.action(description=_("Удалить истёкшие попытки входа"))
    def cleanup_expired_attempts(self, request, queryset):
        # axes (8.3.1) measures expiry from the attempt time a login puts on the request; an admin
        # action has none (AttributeError, a 500): "now" is what expiry means here.
        request.axes_attempt_time = None
        return super().cleanup_expired_attempts(request, queryset)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)
