"""Frozen result records of one extraction; ``to_json()`` gives the shape of spec/extraction.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a person is named: ``text[start:end] == self.text`` in the bulletin text."""

    start: int
    end: int  # exclusive, str index into the decoded text
    text: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentences an event was read from (str offsets, end exclusive)."""

    start: int
    end: int

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class KzParticipant:
    """A Kazakh official; ``name`` and ``mention`` are None for an unnamed side."""

    name: str | None
    position: str | None
    role: str
    posting: str | None
    mention: Mention | None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "position": self.position,
            "role": self.role,
            "posting": self.posting,
            "mention": self.mention.to_json() if self.mention else None,
        }


@dataclass(frozen=True, slots=True)
class Counterpart:
    """A person of the other side; ``name`` and ``mention`` are None for an unnamed side."""

    name: str | None
    position: str | None
    organization: str | None
    country: str | None
    mention: Mention | None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "position": self.position,
            "organization": self.organization,
            "country": self.country,
            "mention": self.mention.to_json() if self.mention else None,
        }


@dataclass(frozen=True, slots=True)
class Meeting:
    """One event of spec/extraction.md."""

    kind: str
    kz_side: tuple[KzParticipant, ...]
    counterparts: tuple[Counterpart, ...]
    location: str | None
    topics: tuple[str, ...]
    evidence: Evidence
    confidence: float

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "kz_side": [p.to_json() for p in self.kz_side],
            "counterparts": [p.to_json() for p in self.counterparts],
            "location": self.location,
            "topics": list(self.topics),
            "evidence": self.evidence.to_json(),
            "confidence": self.confidence,
        }
