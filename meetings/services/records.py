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


Job = tuple[int, str | None]  # a bulletin to extract and the Celery task delivering it (or None)
NewMeeting = tuple[Bulletin, str, dict, str]  # its bulletin, match key, extracted data, extractor version


def extract_and_save(
    *, bulletin_id: int, task_id: str | None = None, extractor: Extractor | None = None
) -> str | None:
    """Extract one bulletin: ``queued → running → done | failed``; returns the final state.

    Idempotent: a bulletin already done at the current extractor version, failed, or deleted
    is left alone (None), and so is one that another task is running (``task_id`` is the Celery
    task delivering this run; see ``claim_bulletins``). Each start counts an attempt; past
    ``EXTRACTION_MAX_ATTEMPTS`` the bulletin is marked failed, so a bulletin that kills workers
    cannot loop forever. An :class:`~meetings.extraction.ExtractionError` marks the bulletin failed
    with its message (returns "failed"); any other error does too, and is raised again.
    """
    [state] = extract_and_save_batch([(bulletin_id, task_id)], extractor=extractor)
    return state


def extract_and_save_batch(jobs: list[Job], *, extractor: Extractor | None = None) -> list[str | None]:
    """Extract a worker's batch of bulletins as :func:`extract_and_save` does each; their final
    states, in the order of ``jobs``.

    Why in batches: the work around the engine costs about as much again as the engine itself when it
    is paid per bulletin (two transactions, a lock, the look-up of its people, four inserts with
    their history rows, the search for the same event in other bulletins, the state's updates: ~17
    statements and their ORM work, bench/ingest.py). A batch claims its bulletins in one transaction,
    runs the engine on each, and saves every result in one more, with the same statements whatever
    its size. A bulletin the engine fails on is marked failed alone; should saving the batch fail,
    each bulletin is saved on its own, so one bad record never takes the others' with it.
    """
    claimed = claim_bulletins(jobs)
    states: dict[int, str] = {}
    results: list[tuple[Bulletin, dict]] = []
    unexpected: Exception | None = None
    aliases = people.known_aliases() if claimed and extractor is None else None
    for bulletin in claimed:
        try:
            if extractor is None:
                result = extraction.extract(bulletin.text, aliases=aliases)
            else:
                result = extractor(bulletin.text)
        except extraction.ExtractionError as error:
            # The engine refused or broke on this text: the bulletin says why, the worker goes on.
            mark_failed(bulletin.pk, str(error))
            logger.warning("extraction of bulletin %s failed: %s", bulletin.pk, error)
            states[bulletin.pk] = ExtractionState.FAILED
        except Exception as error:
            mark_failed(bulletin.pk, f"{type(error).__name__}: {error}")
            logger.exception("extraction of bulletin %s failed", bulletin.pk)
            states[bulletin.pk] = ExtractionState.FAILED
            unexpected = unexpected or error
        else:
            results.append((bulletin, result))
    states.update(save_results(results))
    if unexpected is not None:
        raise unexpected  # the batch's other bulletins are saved: the worker logs the error
    return [states.get(bulletin_id) for bulletin_id, _ in jobs]


def claim_bulletins(jobs: list[Job]) -> list[Bulletin]:
    """Mark each bulletin running as its task and count the attempt, in one transaction; the
    bulletins claimed, in the order of ``jobs`` (none for a bulletin there is nothing to do for).

    A bulletin running under another task id is left to that task: this delivery is a copy (an
    old message Redis gave back after the sweep sent a new one, or the other way round). Should
    that task's worker be dead, the sweep sends the bulletin again under a new id. The same task
    id delivered again is a redelivery after its worker process died, and runs (once: a second copy
    in the same batch is dropped).
    """
    with transaction.atomic():
        # Rows locked in id order, so two workers claiming overlapping batches queue, never deadlock.
        locked = {
            bulletin.pk: bulletin
            for bulletin in Bulletin.objects.select_for_update()
            .filter(pk__in=[pk for pk, _ in jobs])
            .order_by("pk")
        }
        claims: dict[int, tuple[Bulletin, str | None]] = {}
        for bulletin_id, task_id in jobs:
            bulletin = locked.get(bulletin_id)
            if bulletin is None:
                logger.info("bulletin %s no longer exists", bulletin_id)
            elif bulletin_id not in claims and is_claimable(bulletin, task_id):
                if bulletin.attempts >= settings.EXTRACTION_MAX_ATTEMPTS:
                    bulletin_states.fail(
                        bulletin, f"извлечение не завершилось за {bulletin.attempts} попыток"
                    )
                else:
                    claims[bulletin_id] = (bulletin, task_id)
        bulletin_states.start_all(list(claims.values()))
    return [bulletin for bulletin, _ in claims.values()]


def is_claimable(bulletin: Bulletin, task_id: str | None) -> bool:
    """Whether this delivery (``task_id``) should run the bulletin (see :func:`claim_bulletins`)."""
    if bulletin.state == ExtractionState.FAILED or (
        bulletin.state == ExtractionState.DONE and bulletin.extractor_version == extraction.EXTRACTOR_VERSION
    ):
        return False
    if task_id and bulletin.state == ExtractionState.RUNNING and bulletin.task_id not in ("", task_id):
        logger.info(
            "bulletin %s is running as task %s: copy %s skipped", bulletin.pk, bulletin.task_id, task_id
        )
        return False
    return True


def save_results(results: list[tuple[Bulletin, dict]]) -> dict[int, str]:
    """Save each bulletin's extraction and meetings and mark it done, all in one transaction; should
    that fail, each bulletin in a transaction of its own (one that fails again stays running for the
    sweep to send again, and its error is raised once the others are saved). ``{bulletin id: state}``.
    """
    try:
        return save_batch(results)
    except Exception:
        if len(results) <= 1:
            raise
        logger.exception("saving a batch of %d bulletins failed: each is saved on its own", len(results))
    states: dict[int, str] = {}
    unexpected: Exception | None = None
    for bulletin, result in results:
        try:
            states.update(save_batch([(bulletin, result)]))
        except Exception as error:
            logger.exception("saving the extraction of bulletin %s failed", bulletin.pk)
            unexpected = unexpected or error
    if unexpected is not None:
        raise unexpected
    return states


def save_batch(results: list[tuple[Bulletin, dict]]) -> dict[int, str]:
    if not results:
        return {}
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().filter(pk__in=[b.pk for b, _ in results]).order_by("pk")
        current = {bulletin.pk: bulletin for bulletin in locked.only("pk", "date")}
        saved = [(current[bulletin.pk], result) for bulletin, result in results if bulletin.pk in current]
        now = timezone.now()
        for bulletin, result in saved:
            bulletin.extraction = result
            bulletin.extractor_version = str(result.get("extractor_version", ""))
            bulletin.extracted_at = now
        save_meetings_of(saved)
        bulletin_states.finish_all(
            [bulletin for bulletin, _ in saved],
            extra_fields=["extraction", "extractor_version", "extracted_at"],
        )
    return {bulletin.pk: ExtractionState.DONE for bulletin, _ in saved}


def mark_failed(bulletin_id: int, message: str) -> None:
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin_id)
        bulletin_states.fail(bulletin, message)


def save_meetings(bulletin: Bulletin, result: dict) -> None:
    """Write the extracted meetings of one bulletin (see :func:`save_meetings_of`)."""
    save_meetings_of([(bulletin, result)])


def save_meetings_of(results: list[tuple[Bulletin, dict]]) -> None:
    """Write the extracted meetings of each bulletin; idempotent, and reviewed work is never touched.

    A machine record nobody has reviewed or edited is replaced by the new reading (or kept as it is
    when the reading did not change); approved, rejected, edited and hand-made records stay, and an
    event that is one of them (:mod:`meetings.services.event_identity`: the same people once names are
    resolved through learned aliases, as the machine read it or as the reviewer left it) is not
    added a second time, whatever the reviewer corrected. The statements are the same for one
    bulletin or a batch: the stored meetings of all, the people of all their names, the inserts.
    """
    stored: dict[int, list[Meeting]] = {bulletin.pk: [] for bulletin, _ in results}
    for meeting in Meeting.objects.filter(bulletin__in=list(stored)).prefetch_related("participants"):
        stored[meeting.bulletin_id].append(meeting)
    names = people.NameLookup(
        name
        for bulletin, result in results
        for name in names_in(found_in(result), kept_of(stored[bulletin.pk]))
    )
    new: list[NewMeeting] = []
    for bulletin, result in results:
        version = str(result.get("extractor_version", ""))
        new += [
            (bulletin, key, data, version)
            for key, data in meetings_to_add(found_in(result), stored[bulletin.pk], names.resolve)
        ]
    events.link_new_meetings(create_meetings(new, names))


def found_in(result: dict) -> list[dict]:
    return list(result.get("meetings") or [])


def kept_of(existing: list[Meeting]) -> list[Meeting]:
    return [meeting for meeting in existing if not is_replaceable(meeting)]


def meetings_to_add(
    found: list[dict], existing: list[Meeting], resolve: event_identity.Resolve
) -> list[tuple[str, dict]]:
    """The found meetings of one bulletin to create, with their match keys; the replaceable stored
    ones they replace (or that the new reading no longer finds) are deleted."""
    kept = kept_of(existing)
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
    return new


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
    [meeting] = create_meetings([(bulletin, key, data, version)])
    return meeting


def create_meetings(new: list[NewMeeting], names: people.NameLookup | None = None) -> list[Meeting]:
    """Save machine meetings ``(bulletin, match key, data, version)`` in this order, with their
    participants and people.

    A fixed number of queries whatever the count: the people of all names found or created together
    (``names``, built here when not given), then one insert of the meetings and one of their history
    rows, one of the participants and one of theirs. Every meeting and participant gets its history
    row ("created"), as a save would give it.
    """
    if not new:
        return []
    entries = [(side, entry) for _, _, data, _ in new for side, _, entry in numbered_entries(data)]
    if names is None:
        names = people.NameLookup(entry.get("name") or "" for _, entry in entries)
    persons = names.persons((entry.get("name") or "", side == Side.KZ) for side, entry in entries)
    meetings = bulk_create_with_history(
        [machine_meeting(bulletin, key, data, version) for bulletin, key, data, version in new], Meeting
    )
    participants = [
        participant(meeting, side, entry, order, persons)
        for meeting, (_, _, data, _) in zip(meetings, new, strict=True)
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
