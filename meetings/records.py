"""Running the extractor on a stored bulletin and saving what it found as meeting records."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meetings import extraction, people
from meetings.models import Meeting, Origin, Participant, ReviewState, Side
from newsdesk.models import Bulletin, ExtractionState

logger = logging.getLogger(__name__)

Extractor = Callable[[str], dict]


def extract_and_save(*, bulletin_id: int, extractor: Extractor | None = None) -> str | None:
    """Extract one bulletin: ``queued → running → done | failed``; returns the final state.

    Idempotent: a bulletin already done at the current extractor version, failed, or deleted
    is left alone (None). Each start counts an attempt; past ``EXTRACTION_MAX_ATTEMPTS`` the
    bulletin is marked failed, so a bulletin that kills workers cannot loop forever. An error
    raised by the extractor marks the bulletin failed with its message and is raised again.
    """
    bulletin = claim_bulletin(bulletin_id)
    if bulletin is None:
        return None
    try:
        if extractor is None:
            result = extraction.extract(bulletin.text, aliases=people.known_aliases())
        else:
            result = extractor(bulletin.text)
    except Exception as error:
        mark_failed(bulletin_id, f"{type(error).__name__}: {error}")
        logger.exception("extraction of bulletin %s failed", bulletin_id)
        raise
    return save_result(bulletin_id, result)


def claim_bulletin(bulletin_id: int) -> Bulletin | None:
    """Mark the bulletin running and count the attempt, or None when there is nothing to do."""
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
        if bulletin.attempts >= settings.EXTRACTION_MAX_ATTEMPTS:
            set_state(
                bulletin,
                ExtractionState.FAILED,
                error=f"извлечение не завершилось за {bulletin.attempts} попыток",
            )
            return None
        bulletin.attempts += 1
        set_state(bulletin, ExtractionState.RUNNING, extra_fields=["attempts"])
    return bulletin


def save_result(bulletin_id: int, result: dict) -> str:
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin_id)
        bulletin.extraction = result
        bulletin.extractor_version = str(result.get("extractor_version", ""))
        bulletin.extracted_at = timezone.now()
        save_meetings(bulletin, result)
        set_state(
            bulletin,
            ExtractionState.DONE,
            error="",
            extra_fields=["extraction", "extractor_version", "extracted_at"],
        )
    return ExtractionState.DONE


def mark_failed(bulletin_id: int, message: str) -> None:
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin_id)
        set_state(bulletin, ExtractionState.FAILED, error=message)


def set_state(
    bulletin: Bulletin, state: str, *, error: str | None = None, extra_fields: list[str] | None = None
) -> None:
    bulletin.state = state
    bulletin.state_changed_at = timezone.now()
    fields = ["state", "state_changed_at", *(extra_fields or [])]
    if error is not None:
        bulletin.error = error
        fields.append("error")
    bulletin.save(update_fields=fields)


def save_meetings(bulletin: Bulletin, result: dict) -> None:
    """Write the extracted meetings of one bulletin; idempotent, and reviewed work is never touched.

    A machine record nobody has reviewed or edited is replaced by the new reading (or kept as it is
    when the reading did not change); approved, rejected, edited and hand-made records stay, and a
    re-extracted event whose match key belongs to one of them is not added a second time.
    """
    version = str(result.get("extractor_version", ""))
    existing = {m.match_key: m for m in bulletin.meetings.all()}
    found = list(with_match_keys(result.get("meetings") or []))
    found_keys = {key for key, _ in found}
    for key, meeting in existing.items():
        if is_replaceable(meeting) and key not in found_keys:
            meeting.delete()
    for order, (key, data) in enumerate(found):
        current = existing.get(key)
        if current is not None:
            if not is_replaceable(current) or current.machine_output == data:
                continue
            current.delete()
        create_meeting(bulletin, key, data, version, order)


def is_replaceable(meeting: Meeting) -> bool:
    return (
        meeting.origin == Origin.MACHINE
        and meeting.review_state == ReviewState.PENDING
        and not meeting.edited
    )


def with_match_keys(meetings: list[dict]):
    """Each meeting with a key that finds the same event again: who took part, in any order."""
    seen: Counter[str] = Counter()
    for data in meetings:
        base = event_signature(data)
        seen[base] += 1
        # The same people twice in one bulletin are two events: number the repeats.
        signature = base if seen[base] == 1 else f"{base}#{seen[base]}"
        yield hashlib.sha256(signature.encode("utf-8")).hexdigest(), data


def event_signature(data: dict) -> str:
    def side(entries: list[dict]) -> str:
        return "|".join(
            sorted(
                people.name_key(e.get("name") or "") or "org:" + people.name_key(e.get("organization") or "")
                for e in entries
            )
        )

    return f"{side(data.get('kz_side') or [])}#{side(data.get('counterparts') or [])}"


def create_meeting(bulletin: Bulletin, key: str, data: dict, version: str, order: int) -> Meeting:
    evidence = data.get("evidence") or {}
    meeting = Meeting.objects.create(
        bulletin=bulletin,
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
    participants = [
        participant(meeting, Side.KZ, entry, index) for index, entry in enumerate(data.get("kz_side") or [])
    ] + [
        participant(meeting, Side.COUNTERPART, entry, index)
        for index, entry in enumerate(data.get("counterparts") or [])
    ]
    for item in participants:
        item.save()
    return meeting


def participant(meeting: Meeting, side: str, entry: dict, order: int) -> Participant:
    name = entry.get("name") or ""
    mention = entry.get("mention") or {}
    return Participant(
        meeting=meeting,
        person=people.find_or_create_person(name, is_kz_official=side == Side.KZ) if name else None,
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
