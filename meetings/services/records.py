"""Running the extractor on a stored bulletin and saving what it found as meeting records."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from meetings import extraction
from meetings.models import Meeting, Origin, Participant, Person, Side
from meetings.services import event_identity, events, people
from newsdesk import bulletin_states
from newsdesk.models import Bulletin, ExtractionState

logger = logging.getLogger(__name__)

Extractor = Callable[[str], dict]


def extract_and_save(
    *, bulletin_id: int, task_id: str | None = None, extractor: Extractor | None = None
) -> str | None:
    """Extract one bulletin: ``queued → running → done | failed``; returns the final state.

    Idempotent: a bulletin already done at the current extractor version, failed, or deleted
    is left alone (None), and so is one that another task is running (``task_id`` is the Celery
    task delivering this run; see ``claim_bulletin``). Each start counts an attempt; past
    ``EXTRACTION_MAX_ATTEMPTS`` the bulletin is marked failed, so a bulletin that kills workers
    cannot loop forever. An :class:`~meetings.extraction.ExtractionError` marks the bulletin failed
    with its message (returns "failed"); any other error does too, and is raised again.
    """
    bulletin = claim_bulletin(bulletin_id, task_id=task_id)
    if bulletin is None:
        return None
    try:
        if extractor is None:
            result = extraction.extract(bulletin.text, aliases=people.known_aliases())
        else:
            result = extractor(bulletin.text)
    except extraction.ExtractionError as error:
        # The engine refused or broke on this text: the bulletin says why, the worker goes on.
        mark_failed(bulletin_id, str(error))
        logger.warning("extraction of bulletin %s failed: %s", bulletin_id, error)
        return ExtractionState.FAILED
    except Exception as error:
        mark_failed(bulletin_id, f"{type(error).__name__}: {error}")
        logger.exception("extraction of bulletin %s failed", bulletin_id)
        raise
    return save_result(bulletin_id, result)


def claim_bulletin(bulletin_id: int, *, task_id: str | None = None) -> Bulletin | None:
    """Mark the bulletin running as task ``task_id`` and count the attempt; None when there is
    nothing to do.

    A bulletin running under another task id is left to that task: this delivery is a copy (an
    old message Redis gave back after the sweep sent a new one, or the other way round). Should
    that task's worker be dead, the sweep sends the bulletin again under a new id. The same task
    id delivered again is a redelivery after its worker process died, and runs.
    """
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().filter(pk=bulletin_id).first()
        if bulletin is None:
            logger.info("bulletin %s no longer exists", bulletin_id)
            return None
        if bulletin.state == ExtractionState.FAILED or (
            bulletin.state == ExtractionState.DONE
            and bulletin.extractor_version == extraction.EXTRACTOR_VERSION
        ):
            return None
        if task_id and bulletin.state == ExtractionState.RUNNING and bulletin.task_id not in ("", task_id):
            logger.info(
                "bulletin %s is running as task %s: copy %s skipped", bulletin_id, bulletin.task_id, task_id
            )
            return None
        if bulletin.attempts >= settings.EXTRACTION_MAX_ATTEMPTS:
            bulletin_states.fail(bulletin, f"извлечение не завершилось за {bulletin.attempts} попыток")
            return None
        bulletin_states.start(bulletin, task_id=task_id)
    return bulletin


def save_result(bulletin_id: int, result: dict) -> str:
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin_id)
        bulletin.extraction = result
        bulletin.extractor_version = str(result.get("extractor_version", ""))
        bulletin.extracted_at = timezone.now()
        save_meetings(bulletin, result)
        bulletin_states.finish(bulletin, extra_fields=["extraction", "extractor_version", "extracted_at"])
    return ExtractionState.DONE


def mark_failed(bulletin_id: int, message: str) -> None:
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin_id)
        bulletin_states.fail(bulletin, message)


def save_meetings(bulletin: Bulletin, result: dict) -> None:
    """Write the extracted meetings of one bulletin; idempotent, and reviewed work is never touched.

    A machine record nobody has reviewed or edited is replaced by the new reading (or kept as it is
    when the reading did not change); approved, rejected, edited and hand-made records stay, and an
    event that is one of them (:mod:`meetings.services.event_identity`: the same people once names are
    resolved through learned aliases, as the machine read it or as the reviewer left it) is not
    added a second time, whatever the reviewer corrected.
    """
    version = str(result.get("extractor_version", ""))
    found = list(result.get("meetings") or [])
    existing = list(bulletin.meetings.prefetch_related("participants"))
    kept = [meeting for meeting in existing if not is_replaceable(meeting)]
    names = people.NameLookup(names_in(found, kept))
    resolve = names.resolve
    already_stored = event_identity.match_events(
        [event_identity.identity_of(data, resolve) for data in found],
        {meeting.pk: stored_identities(meeting, resolve) for meeting in kept},
    )
    fresh = [data for index, data in enumerate(found) if index not in already_stored]
    keyed = list(with_match_keys(fresh, resolve, taken={meeting.match_key for meeting in kept}))
    replaceable = {meeting.match_key: meeting for meeting in existing if is_replaceable(meeting)}
    found_keys = {key for key, _ in keyed}
    for key, meeting in replaceable.items():
        if key not in found_keys:
            meeting.delete()
    new: list[tuple[str, dict]] = []
    for key, data in keyed:
        current = replaceable.get(key)
        if current is not None:
            if current.machine_output == data:
                continue
            current.delete()
        new.append((key, data))
    events.link_new_meetings(create_meetings(bulletin, new, version, names))


def is_replaceable(meeting: Meeting) -> bool:
    return meeting.origin == Origin.MACHINE and meeting.is_pending and not meeting.edited


def stored_identities(
    meeting: Meeting, resolve: event_identity.Resolve
) -> list[event_identity.EventIdentity]:
    """A kept meeting as the machine read it and as it stands now (a reviewer may have corrected it)."""
    identities = [event_identity.identity_of(current_form(meeting), resolve)]
    if meeting.machine_output:
        identities.append(event_identity.identity_of(meeting.machine_output, resolve))
    return identities


def current_form(meeting: Meeting) -> dict:
    """The meeting's current participants and evidence in the contract's JSON shape."""
    sides: dict[str, list[dict]] = {Side.KZ: [], Side.COUNTERPART: []}
    for item in meeting.participants.all():
        sides[item.side].append({"name": item.name, "organization": item.organization})
    return {
        "kz_side": sides[Side.KZ],
        "counterparts": sides[Side.COUNTERPART],
        "evidence": {"start": meeting.evidence_start, "end": meeting.evidence_end},
    }


def names_in(found: list[dict], kept: list[Meeting]) -> set[str]:
    names = {entry.get("name") or "" for data in found for entry in entries_of(data)}
    for meeting in kept:
        names.update(item.name for item in meeting.participants.all())
        names.update(entry.get("name") or "" for entry in entries_of(meeting.machine_output or {}))
    names.discard("")
    return names


def entries_of(data: dict) -> list[dict]:
    return [*(data.get("kz_side") or []), *(data.get("counterparts") or [])]


def with_match_keys(meetings: list[dict], resolve: event_identity.Resolve, *, taken: set[str]):
    """Each meeting with a key that finds the same machine record again: who took part, in any order."""
    seen: Counter[str] = Counter()
    for data in meetings:
        base = event_signature(data, resolve)
        seen[base] += 1
        # The same people twice in one bulletin are two events: number the repeats.
        signature = base if seen[base] == 1 else f"{base}#{seen[base]}"
        key = hashlib.sha256(signature.encode("utf-8")).hexdigest()
        while key in taken:  # a kept record has it already (it took another reading of these people)
            signature += "+"
            key = hashlib.sha256(signature.encode("utf-8")).hexdigest()
        yield key, data


def event_signature(data: dict, resolve: event_identity.Resolve = people.name_key) -> str:
    identity = event_identity.identity_of(data, resolve)
    return f"{'|'.join(sorted(identity.kz))}#{'|'.join(sorted(identity.counterparts))}"


def create_meeting(bulletin: Bulletin, key: str, data: dict, version: str, order: int = 0) -> Meeting:
    """One machine meeting with its participants (see :func:`create_meetings`); ``order`` is not
    stored: a bulletin's meetings keep the order they were saved in."""
    [meeting] = create_meetings(bulletin, [(key, data)], version)
    return meeting


def create_meetings(
    bulletin: Bulletin,
    keyed: list[tuple[str, dict]],
    version: str,
    names: people.NameLookup | None = None,
) -> list[Meeting]:
    """Save machine meetings ``(match key, data)`` in this order, with their participants and people.

    A fixed number of queries whatever the count: the people of all names found or created together
    (``names``, built here when not given), then one insert of the meetings and one of their history
    rows, one of the participants and one of theirs. Every meeting and participant gets its history
    row ("created"), as a save would give it.
    """
    if not keyed:
        return []
    entries = [(side, entry) for _, data in keyed for side, _, entry in numbered_entries(data)]
    if names is None:
        names = people.NameLookup(entry.get("name") or "" for _, entry in entries)
    persons = names.persons((entry.get("name") or "", side == Side.KZ) for side, entry in entries)
    meetings = bulk_create_with_history(
        [machine_meeting(bulletin, key, data, version) for key, data in keyed], Meeting
    )
    participants = [
        participant(meeting, side, entry, order, persons)
        for meeting, (_, data) in zip(meetings, keyed, strict=True)
        for side, order, entry in numbered_entries(data)
    ]
    if participants:
        bulk_create_with_history(participants, Participant)
    return meetings


def machine_meeting(bulletin: Bulletin, key: str, data: dict, version: str) -> Meeting:
    evidence = data.get("evidence") or {}
    return Meeting(
        bulletin=bulletin,
        bulletin_date=bulletin.date,  # bulk_create skips save(), which fills it in
        kind=data.get("kind") or "meeting",
        location=data.get("location") or "",
        topics=list(data.get("topics") or []),
        evidence_start=evidence.get("start"),
        evidence_end=evidence.get("end"),
        confidence=data.get("confidence"),
        origin=Origin.MACHINE,
        extractor_version=version,
        match_key=key,
        machine_output=data,
    )


def numbered_entries(data: dict) -> list[tuple[str, int, dict]]:
    """A meeting's participants as saved: the Kazakh side, then the counterparts, each numbered."""
    return [(Side.KZ, order, entry) for order, entry in enumerate(data.get("kz_side") or [])] + [
        (Side.COUNTERPART, order, entry) for order, entry in enumerate(data.get("counterparts") or [])
    ]


def participant(
    meeting: Meeting, side: str, entry: dict, order: int, persons: dict[str, Person]
) -> Participant:
    name = entry.get("name") or ""
    mention = entry.get("mention") or {}
    return Participant(
        meeting=meeting,
        person=persons.get(people.name_key(name)) if name else None,
        side=side,
        name=name,
        machine_name=name,
        position=entry.get("position") or "",
        role=entry.get("role") or "",
        posting=entry.get("posting") or "",
        organization=entry.get("organization") or "",
        country=entry.get("country") or "",
        mention_start=mention.get("start"),
        mention_end=mention.get("end"),
        order=order,
    )
