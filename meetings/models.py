from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsdesk.models import Bulletin


class Kind(models.TextChoices):
    MEETING = "meeting", _("встреча")
    TALKS_MULTILATERAL = "talks_multilateral", _("многостороннее мероприятие")
    VISIT = "visit", _("визит")
    PHONE_CALL = "phone_call", _("телефонный разговор")


class Side(models.TextChoices):
    KZ = "kz", _("Казахстан")
    COUNTERPART = "counterpart", _("другая сторона")


class Role(models.TextChoices):
    AMBASSADOR = "ambassador", _("посол")
    AMBASSADOR_AT_LARGE = "ambassador_at_large", _("посол по особым поручениям")
    PERMANENT_REPRESENTATIVE = "permanent_representative", _("постоянный представитель")
    CONSUL_GENERAL = "consul_general", _("генеральный консул")
    CHARGE_D_AFFAIRES = "charge_d_affaires", _("временный поверенный в делах")
    MINISTER = "minister", _("министр")
    DEPUTY_MINISTER = "deputy_minister", _("заместитель министра")
    OTHER = "other", _("другое")


class ReviewState(models.TextChoices):
    PENDING = "pending", _("на проверке")
    APPROVED = "approved", _("одобрена")
    REJECTED = "rejected", _("отклонена")


class Origin(models.TextChoices):
    MACHINE = "machine", _("извлечена автоматически")
    REVIEWER = "reviewer", _("добавлена вручную")


# The one rule of who sees what awaits review or was turned down: whoever may review. Analysts,
# editors and anonymous visitors see only published (approved) meetings and the people in them.
UNPUBLISHED_PERMISSION = "meetings.review_meeting"


def can_see_unpublished(user) -> bool:
    """True for reviewers and superusers; ``has_perm`` caches the user's permissions per request."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(UNPUBLISHED_PERMISSION)
    )


def published(via: str = "") -> models.Q:
    """The condition "the meeting is published", on a meeting or along a relation to one
    (``via="participations__meeting__"``): for filters and ``Count(filter=...)`` elsewhere, so that
    the state that means "published" is named here only."""
    return models.Q(**{f"{via}review_state": ReviewState.APPROVED})


def pending(via: str = "") -> models.Q:
    """The condition "the meeting awaits review", as :func:`published` gives "published" (for
    ``Count(filter=pending(via="meetings__"))`` on bulletins): the queue's state is named here only."""
    return models.Q(**{f"{via}review_state": ReviewState.PENDING})


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def published(self) -> MeetingQuerySet:
        """Approved meetings: all that the public pages, analysts and the public API show."""
        return self.filter(published())

    def visible_to(self, user) -> MeetingQuerySet:
        return self if can_see_unpublished(user) else self.published()

    def pending(self) -> MeetingQuerySet:
        """Meetings awaiting a reviewer's decision: the review queue."""
        return self.filter(pending())

    def decided(self) -> MeetingQuerySet:
        """Approved or rejected meetings: the reviewers' verdicts on the machine's output."""
        return self.filter(review_state__in=[ReviewState.APPROVED, ReviewState.REJECTED])

    def not_rejected(self) -> MeetingQuerySet:
        return self.exclude(review_state=ReviewState.REJECTED)

    def with_sides(self) -> MeetingQuerySet:
        """Each meeting joined to its participants twice, ``kz`` (the Kazakh side) and ``cp`` (the
        other), as filtered relations: one row per (official × counterpart) pair, for the export
        and the who-met-whom chart."""
        return self.annotate(
            kz=models.FilteredRelation("participants", condition=models.Q(participants__side=Side.KZ)),
            cp=models.FilteredRelation(
                "participants", condition=models.Q(participants__side=Side.COUNTERPART)
            ),
        )


def event_of(via: str = "") -> Coalesce:
    """The event a meeting reports (``via`` reaches the meeting from another model, as
    "meeting__"): the first report's id, the meeting's own when it is the first or the only one.
    ``Count(event_of(), distinct=True)`` counts events, not reports."""
    return Coalesce(f"{via}same_event_as_id", f"{via}id" if via else "id")


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def published(self) -> ParticipantQuerySet:
        """Participants of published meetings."""
        return self.filter(published(via="meeting__"))

    def visible_to(self, user) -> ParticipantQuerySet:
        return self if can_see_unpublished(user) else self.published()

    def not_rejected(self) -> ParticipantQuerySet:
        """Participants of meetings reviewers did not turn down (published or pending)."""
        return self.exclude(meeting__review_state=ReviewState.REJECTED)

    def from_country(self, country: str) -> ParticipantQuerySet:
        """Counterparts from ``country``, in any case: UPPER on both sides rather than iexact, as the
        index ``participant_country_upper`` is built (and it folds Cyrillic on SQLite, see meetings.apps)."""
        return self.alias(country_upper=Upper("country")).filter(
            side=Side.COUNTERPART, country_upper=country.strip().upper()
        )


class PersonQuerySet(models.QuerySet["Person"]):
    def published(self) -> PersonQuerySet:
        """People who took part in at least one published meeting.

        Tested per person read (their first published participation, a subquery with LIMIT 1 that
        PostgreSQL runs for each row) rather than with EXISTS, which the planner makes a semi-join:
        to count the analysts' people list it hashed every published participation of the archive
        first (2.2 s on 3,000,000), where a list needs only the people of its page (90 ms for the
        capped count, through the index on the participants' person)."""
        first = (
            Participant.objects.published().filter(person=models.OuterRef("pk")).order_by().values("pk")[:1]
        )
        return self.alias(first_published=models.Subquery(first)).filter(first_published__isnull=False)

    def visible_to(self, user) -> PersonQuerySet:
        return self if can_see_unpublished(user) else self.published()


class Person(models.Model):
    """One real person, whatever form bulletins write the name in."""

    name = models.CharField(_("имя"), max_length=300)
    name_key = models.CharField(_("ключ имени"), max_length=300, unique=True, editable=False)
    # ICAO 9303 is how Kazakhstan writes its officials' passports, and is right for them; for anyone
    # else it is only a transliteration of the Russian spelling («Donald Tramp»): the form the world
    # uses is the one staff set, with where they found it (``latin_source``). See ``latin_kind``.
    name_latin = models.CharField(_("латиницей"), max_length=300, blank=True)
    latin_source = models.CharField(
        _("источник латинского написания"),
        max_length=300,
        blank=True,
        help_text=_("Где так пишут имя (сайт МИД, ООН, паспорт); пусто — написание машинное."),
    )
    is_kz_official = models.BooleanField(_("официальное лицо Казахстана"), default=False)
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    history = HistoricalRecords()  # edits and merges (meetings.services.people.merge_people)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("персона")
        verbose_name_plural = _("персоны")
        ordering = ("name",)
        # The people list and the API page through people by name.
        indexes = [models.Index(fields=["name", "id"], name="person_name_order")]
        permissions = [("merge_person", _("Может объединять две записи одного человека"))]

    def __str__(self) -> str:
        return self.name

    @property
    def latin_kind(self) -> str:
        return latin_kind(source=self.latin_source, is_kz_official=self.is_kz_official)

    def get_latin_kind_display(self) -> str:
        return str(LatinKind(self.latin_kind).label)


class LatinKind(models.TextChoices):
    """What a Latin name is: a passport's ICAO form, a form staff found and set, or the machine's
    transliteration of the Russian spelling (a fallback, never to be taken for the real one)."""

    ICAO = "icao", _("ICAO 9303 (паспорт)")
    SET = "set", _("указано редакцией")
    TRANSLITERATION = "transliteration", _("машинная транслитерация")


def latin_kind(*, source: str | None, is_kz_official: bool | None) -> str:
    """The kind of a person's Latin name (``LatinKind``): set by staff when it has a source, else
    ICAO for a Kazakh official, else the machine's transliteration."""
    if source:
        return LatinKind.SET
    return LatinKind.ICAO if is_kz_official else LatinKind.TRANSLITERATION


class PersonAlias(models.Model):
    """A form of a person's name (a machine's reading a reviewer corrected, or a variant)."""

    person = models.ForeignKey(
        Person, verbose_name=_("персона"), on_delete=models.CASCADE, related_name="aliases"
    )
    alias = models.CharField(_("вариант имени"), max_length=300)
    alias_key = models.CharField(_("ключ варианта"), max_length=300, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("добавил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("добавлен"), auto_now_add=True)

    class Meta:
        verbose_name = _("вариант имени")
        verbose_name_plural = _("варианты имён")
        ordering = ("alias",)

    def __str__(self) -> str:
        return f"{self.alias} → {self.person}"


class Meeting(models.Model):
    """One event read from a bulletin, with its review state; approved means published."""

    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("бюллетень"), on_delete=models.CASCADE, related_name="meetings"
    )
    # The bulletin's date, copied (a bulletin's date never changes after intake): every list sorts
    # meetings by it, and through a join with the bulletins PostgreSQL had to sort every match of a
    # word search or a country (40,000 rows, 0.7-1.3 s on a million meetings) before the first page;
    # on the meeting's own indexed column it reads the newest first and stops at the page's end.
    bulletin_date = models.DateField(_("дата бюллетеня"), editable=False)
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    location = models.CharField(_("место"), max_length=200, blank=True)
    topics = models.JSONField(_("темы"), default=list, blank=True)
    evidence_start = models.PositiveIntegerField(_("начало фрагмента"), null=True, blank=True)
    evidence_end = models.PositiveIntegerField(_("конец фрагмента"), null=True, blank=True)
    confidence = models.FloatField(_("уверенность"), null=True, blank=True)

    review_state = models.CharField(
        _("проверка"), max_length=10, choices=ReviewState.choices, default=ReviewState.PENDING, db_index=True
    )
    edited = models.BooleanField(_("исправлена"), default=False)
    origin = models.CharField(
        _("происхождение"), max_length=10, choices=Origin.choices, default=Origin.MACHINE
    )
    extractor_version = models.CharField(_("версия извлечения"), max_length=40, blank=True)
    match_key = models.CharField(_("ключ события"), max_length=64, editable=False)
    machine_output = models.JSONField(_("результат машины"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("проверил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("проверена"), null=True, blank=True)
    reject_reason = models.TextField(_("причина отклонения"), blank=True)
    # One event reported by several bulletins (a summary, then the full report a day later): every
    # later report points at the first, which points nowhere. Counts count events (``EVENT``).
    same_event_as = models.ForeignKey(
        "self",
        verbose_name=_("та же встреча, что"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    version = models.PositiveIntegerField(_("версия записи"), default=1)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    # What the word search reads on PostgreSQL: place, bulletin title, participants' names,
    # organisations and positions, people's Latin names. Written by database triggers only
    # (migration 0009, which says why); empty on SQLite, which searches by substrings.
    search_document = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["machine_output", "search_document"])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("встреча")
        verbose_name_plural = _("встречи")
        # Storage order (a bulletin's meetings in the order of its text); lists that sort by the
        # bulletin's date say so in their selector: a default ordering never joins another table.
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "match_key"], name="meeting_unique_event_per_bulletin"
            )
        ]
        indexes = [
            # The review queue sorted by confidence (the doubtful first) on a million meetings.
            models.Index(fields=["confidence", "id"], name="meeting_confidence_order"),
            # Every list by date: the queue oldest first, the public pages and the API newest first.
            models.Index(fields=["bulletin_date", "id"], name="meeting_date_order"),
        ]
        permissions = [
            ("review_meeting", _("Может одобрять и отклонять встречи")),
            ("export_meeting", _("Может выгружать встречи в CSV")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.bulletin_date:%Y-%m-%d} · #{self.pk}"

    def save(self, *args, **kwargs) -> None:
        # The date follows the bulletin whenever it is at hand (a bulletin assigned, or loaded):
        # no query, except for a new meeting given only its bulletin's id. bulk_create skips this.
        if self.bulletin_date is None or Meeting.bulletin.is_cached(self):
            self.bulletin_date = self.bulletin.date
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.review_state == ReviewState.APPROVED

    @property
    def is_pending(self) -> bool:
        return self.review_state == ReviewState.PENDING

    @property
    def is_rejected(self) -> bool:
        return self.review_state == ReviewState.REJECTED

    def decide(self, *, approve: bool, reviewer, reason: str = "") -> None:
        """Set the verdict (not saved): approved publishes, rejected keeps ``reason``."""
        self.review_state = ReviewState.APPROVED if approve else ReviewState.REJECTED
        self.reviewed_by = reviewer
        self.reviewed_at = timezone.now()
        self.reject_reason = "" if approve else reason

    def reopen(self) -> None:
        """Back to the queue, undecided (not saved)."""
        self.review_state = ReviewState.PENDING
        self.reviewed_by = None
        self.reviewed_at = None
        self.reject_reason = ""


class Participant(models.Model):
    """A person on one side of a meeting, as the bulletin presents them there."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("встреча"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("персона"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    side = models.CharField(_("сторона"), max_length=12, choices=Side.choices)
    name = models.CharField(_("имя"), max_length=300, blank=True)
    machine_name = models.CharField(_("имя по версии машины"), max_length=300, blank=True, editable=False)
    position = models.CharField(_("должность"), max_length=500, blank=True)
    role = models.CharField(_("роль"), max_length=30, choices=Role.choices, blank=True)
    posting = models.CharField(_("место службы"), max_length=200, blank=True)
    organization = models.CharField(_("организация"), max_length=300, blank=True)
    country = models.CharField(_("страна"), max_length=200, blank=True)
    mention_start = models.PositiveIntegerField(_("начало упоминания"), null=True, blank=True)
    mention_end = models.PositiveIntegerField(_("конец упоминания"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)

    history = HistoricalRecords()

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("участник")
        verbose_name_plural = _("участники")
        ordering = ("meeting_id", "side", "order", "id")
        # A country's meetings in any case (the public country page, ?country=): without it, a scan
        # of every participant (0.8 s on three million); with it, 40-130 ms for the busiest country.
        indexes = [
            models.Index(Upper("country"), name="participant_country_upper"),
            # A person's meetings (their pages, ?person=, ?kz_person=) read from the index alone: the
            # busiest official's 40,000 participations were 0.25-0.6 s of random heap reads.
            models.Index(fields=["person", "side", "meeting"], name="participant_person_meetings"),
        ]

    def __str__(self) -> str:
        return self.name or str(_("(без имени)"))


class ExtractorEvaluation(models.Model):
    """One run of ``manage.py evaluate_extractor``: an engine version scored on reviewers' decisions.

    ``figures`` holds ``meetings.evaluation.newsroom.EvaluationResult.to_json()``: precision, recall
    and F1 (with counts) of names, pairs and meetings, the accuracies, and the rejected meetings the
    engine still produces.
    """

    extractor_version = models.CharField(_("версия извлечения"), max_length=40, db_index=True)
    run_at = models.DateTimeField(_("проведена"), default=timezone.now)
    date_from = models.DateField(_("бюллетени с"), null=True, blank=True)
    date_to = models.DateField(_("бюллетени по"), null=True, blank=True)
    bulletins = models.PositiveIntegerField(_("бюллетеней"))
    figures = models.JSONField(_("показатели"))

    class Meta:
        verbose_name = _("оценка извлечения")
        verbose_name_plural = _("оценки извлечения")
        ordering = ("-run_at", "-id")

    def __str__(self) -> str:
        return f"{self.extractor_version} · {self.run_at:%Y-%m-%d %H:%M}"
