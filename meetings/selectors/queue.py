"""Selectors: the reads of meetings shared by the review screen and other pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Field, Model, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from meetings.models import Kind, Meeting, MeetingQuerySet, Participant, Person, Role, Side
from meetings.selectors import pairing
from newsdesk.models import Bulletin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The review queue goes oldest bulletin first, then in the order the meetings were found.
QUEUE_ORDER = ("bulletin_date", "id")
COMPARED_FIELDS = ("name", "position", "role", "posting", "organization", "country")


def meetings_with_participants() -> MeetingQuerySet:
    """Meetings with their bulletin and participants loaded in two more queries, not one per row."""
    return Meeting.objects.select_related("bulletin").prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("person"))
    )


def pending_queue() -> QuerySet[Meeting]:
    """Meetings waiting for review, in queue order."""
    return Meeting.objects.pending().order_by(*QUEUE_ORDER)


def next_pending_meeting(*, after: Meeting) -> Meeting | None:
    """The pending meeting after ``after`` in queue order; the first pending one when none follows."""
    queue = pending_queue().exclude(pk=after.pk)
    date = after.bulletin_date
    following = queue.filter(Q(bulletin_date__gt=date) | Q(bulletin_date=date, id__gt=after.pk)).first()
    return following or queue.first()


def same_event_reports(meeting: Meeting) -> list[Meeting]:
    """The other meetings that report ``meeting``'s event (meetings.services.events), oldest first."""
    head = meeting.same_event_as_id or meeting.pk
    return list(
        Meeting.objects.filter(Q(pk=head) | Q(same_event_as_id=head))
        .exclude(pk=meeting.pk)
        .only("pk", "bulletin_date")
        .order_by("bulletin_date", "pk")
    )


def counterpart_countries(
    *, meetings: QuerySet[Meeting], containing: str = "", limit: int | None = None
) -> list[str]:
    """The counterparts' countries that occur in ``meetings`` (those holding ``containing``, in any
    case), sorted, at most ``limit``."""
    countries = (
        Participant.objects.filter(side=Side.COUNTERPART, meeting__in=meetings.values("pk"))
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
        .order_by("country")
    )
    if containing:
        countries = countries.filter(holds_text("country", containing))
    return list(countries if limit is None else countries[:limit])


def kz_officials(*, meetings: QuerySet[Meeting], containing: str = "") -> QuerySet[Person]:
    """People who took part in ``meetings`` on the Kazakh side (those whose name holds
    ``containing``, in any case), by name."""
    taking_part = Participant.objects.filter(side=Side.KZ, meeting__in=meetings.values("pk"))
    people = Person.objects.filter(pk__in=taking_part.values("person_id")).order_by("name")
    return people.filter(holds_text("name", containing)) if containing else people


def holds_text(field_name: str, text: str) -> Q:
    """``field_name`` holds ``text`` in any case. icontains is enough on PostgreSQL; SQLite folds
    the case of ASCII letters only, so the usual spellings of a typed Cyrillic word ("авс" →
    "Австрия") are asked for as well."""
    matches = Q(**{f"{field_name}__icontains": text})
    for spelling in {text, text.lower(), text.capitalize(), text.title()}:
        matches |= Q(**{f"{field_name}__contains": spelling})
    return matches


@dataclass
class ComparedParticipant:
    """One participant as the machine read it beside its current values."""

    side: str
    title: str
    # label, machine, now, differs
    rows: list[tuple[StrOrPromise, str, str, bool]] = field(default_factory=list)
    status: str = ""  # "" | "added" | "removed"


def field_label(model: type[Model], name: str) -> StrOrPromise:
    """The verbose name of ``model``'s field ``name`` (a field of its own, not a reverse relation)."""
    model_field = model._meta.get_field(name)
    if not isinstance(model_field, Field):
        raise TypeError(f"{model.__name__}.{name} is a reverse relation, it has no verbose name")
    return model_field.verbose_name


def machine_vs_current(meeting: Meeting) -> list[ComparedParticipant]:
    """Each participant's machine values (from ``machine_output``) beside the current ones, paired
    by :func:`pairing.machine_pairs` (the quality report's rule): a participant with no machine
    entry was added by a reviewer, a machine entry with no participant was removed."""
    labels = {name: field_label(Participant, name) for name in COMPARED_FIELDS}
    compared = []
    for side, entry, participant in pairing.machine_pairs(meeting):
        if participant is None:
            item = ComparedParticipant(side, (entry or {}).get("name") or "", status="removed")
        else:
            status = "" if entry is not None else "added"
            item = ComparedParticipant(side, participant.name or str(participant), status=status)
        for name in COMPARED_FIELDS:
            now = (getattr(participant, name) or "") if participant is not None else ""
            before = (entry or {}).get(name) or ""
            differs = entry is not None and (participant is None or before != now)
            item.rows.append((labels[name], shown(name, before), shown(name, now), differs))
        compared.append(item)
    return compared


def shown(name: str, value: str) -> str:
    """A choice's label ("посол" for "ambassador"), other values as they are."""
    choices = {"role": Role, "kind": Kind}.get(name)
    if choices is None or value not in choices.values:
        return value
    return str(choices(value).label)


def machine_meeting_values(
    meeting: Meeting,
) -> list[tuple[StrOrPromise, str | int | None, str | int | None, bool]]:
    """The meeting's own fields: label, machine value, current value, differs (the values are text,
    or the evidence offsets: numbers or None)."""
    output = meeting.machine_output
    if not output:
        return []
    evidence = output.get("evidence") or {}
    pairs = [
        ("kind", shown("kind", output.get("kind") or ""), shown("kind", meeting.kind)),
        ("location", output.get("location") or "", meeting.location),
        ("topics", "; ".join(output.get("topics") or []), "; ".join(meeting.topics or [])),
        ("evidence_start", evidence.get("start"), meeting.evidence_start),
        ("evidence_end", evidence.get("end"), meeting.evidence_end),
    ]
    return [(field_label(Meeting, name), before, now, before != now) for name, before, now in pairs]


@dataclass
class MachineHints:
    """What the machine wrote where it differs from the current value, as the review form shows it
    beside each field: the meeting's fields by name, each participant's by its id."""

    meeting: dict[str, str] = field(default_factory=dict)
    participants: dict[int, dict[str, str]] = field(default_factory=dict)


def machine_hints(meeting: Meeting) -> MachineHints:
    """The machine's values that a reviewer changed (participants paired by pairing.machine_pairs)."""
    hints = MachineHints()
    output = meeting.machine_output
    if not output:
        return hints
    machine = {
        "kind": output.get("kind") or "",
        "location": output.get("location") or "",
        "topics": "; ".join(output.get("topics") or []),
    }
    current = {"kind": meeting.kind, "location": meeting.location, "topics": "; ".join(meeting.topics or [])}
    for name, before in machine.items():
        if before != current[name]:
            hints.meeting[name] = shown(name, before) or "—"
    for _side, entry, participant in pairing.machine_pairs(meeting):
        if entry is None or participant is None or participant.pk is None:
            continue
        changed = {
            name: shown(name, entry.get(name) or "") or "—"
            for name in COMPARED_FIELDS
            if (entry.get(name) or "") != (getattr(participant, name) or "")
        }
        if changed:
            hints.participants[participant.pk] = changed
    return hints


def published_meetings() -> QuerySet[Meeting]:
    """Approved meetings, newest bulletin first: all that anonymous visitors and analysts may see."""
    return meetings_with_participants().published().order_by("-bulletin_date", "-id")


# API selectors (meetings/api/): what each role may read, loaded in a fixed number of queries.


def meetings_for_api(*, user) -> QuerySet[Meeting]:
    """The meetings ``user`` may see (:meth:`MeetingQuerySet.visible_to`) with bulletin and participants.

    Newest first by the meeting's own ``bulletin_date`` (cursor pagination orders by a plain name,
    never by a lookup across a relation); the bulletin's text and the machine output, large and
    never shown in the list, are not loaded.
    """
    meetings = (
        meetings_with_participants()
        .defer("machine_output", "bulletin__text", "bulletin__extraction")
        .order_by("-bulletin_date", "-id")
    )
    return meetings.visible_to(user)


def people_for_api(*, user) -> QuerySet[Person]:
    """The people ``user`` may see, with their aliases and ``published_meeting_count`` (approved
    meetings they appear in): for anyone who may not review, only people of published meetings.
    """
    # A subquery per listed person: a page counts its own rows, not every participation.
    counted = (
        Participant.objects.published()
        .filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(count=Count("meeting", distinct=True))
        .values("count")
    )
    people = Person.objects.prefetch_related("aliases").annotate(
        published_meeting_count=Coalesce(Subquery(counted), 0)
    )
    return people.visible_to(user).order_by("name", "id")


def bulletins_for_api(*, user, with_text: bool) -> QuerySet[Bulletin]:
    """The bulletins ``user`` may see (:meth:`BulletinQuerySet.visible_to`), newest first, with the
    ids of their meetings (one more query); ``text`` on request."""
    bulletins = (
        Bulletin.objects.visible_to(user)
        .prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.only("id", "bulletin_id").order_by("id"))
        )
        .defer("extraction")
    )
    if not with_text:
        bulletins = bulletins.defer("text")
    return bulletins.order_by("-date", "-id")
