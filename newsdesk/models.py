from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExtractionState(models.TextChoices):
    QUEUED = "queued", _("в очереди")
    RUNNING = "running", _("обрабатывается")
    DONE = "done", _("готово")
    FAILED = "failed", _("ошибка")


# Who may read bulletins (their text, state and errors are the newsroom's work): Editors and
# Reviewers. Published meetings quote their bulletin on their own pages; nobody else lists bulletins.
BULLETIN_PERMISSION = "newsdesk.view_bulletin"


class BulletinQuerySet(models.QuerySet["Bulletin"]):
    def visible_to(self, user) -> BulletinQuerySet:
        """Every bulletin for whoever may view bulletins (``BULLETIN_PERMISSION``), none otherwise."""
        allowed = user is not None and user.is_active and user.has_perm(BULLETIN_PERMISSION)
        return self if allowed else self.none()


class Bulletin(models.Model):
    """One agency bulletin as uploaded; ``text`` is what every extraction offset points into."""

    title = models.CharField(_("заголовок"), max_length=500)
    date = models.DateField(_("дата"), db_index=True)
    dateline_place = models.CharField(_("место в подводке"), max_length=200, blank=True)
    dateline_date = models.DateField(_("дата в подводке"), null=True, blank=True)
    agency = models.CharField(_("агентство"), max_length=200, blank=True)
    text = models.TextField(_("текст"))
    source_name = models.CharField(_("исходный файл"), max_length=500)
    part = models.PositiveIntegerField(_("часть файла"), default=1)
    sha256 = models.CharField(_("SHA-256 текста"), max_length=64, unique=True)
    encoding = models.CharField(_("кодировка"), max_length=20)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("загрузил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("загружен"), default=timezone.now)

    state = models.CharField(
        _("состояние извлечения"),
        max_length=10,
        choices=ExtractionState.choices,
        default=ExtractionState.QUEUED,
        db_index=True,
    )
    state_changed_at = models.DateTimeField(_("состояние изменено"), default=timezone.now)
    error = models.TextField(_("ошибка"), blank=True)
    attempts = models.PositiveIntegerField(_("попыток"), default=0)
    # The Celery task id of the extraction message last sent for this bulletin, or of the one now
    # running it: the sweep looks for it in the broker to tell a waiting task from a lost one.
    task_id = models.CharField(_("задача извлечения"), max_length=64, blank=True, editable=False)
    extractor_version = models.CharField(_("версия извлечения"), max_length=40, blank=True)
    extracted_at = models.DateTimeField(_("извлечено"), null=True, blank=True)
    extraction = models.JSONField(_("результат извлечения"), null=True, blank=True)
    # What the admin's word search reads on PostgreSQL: title and text, written by a database
    # trigger at intake (migration 0005 says why); empty on SQLite, which searches by substrings.
    search_document = SearchVectorField(null=True, editable=False)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        verbose_name = _("бюллетень")
        verbose_name_plural = _("бюллетени")
        ordering = ("-date", "-id")
        permissions = [("reextract_bulletin", _("Может повторно запускать извлечение"))]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"
