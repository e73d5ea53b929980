"""Helpers for extraction tests: invented bulletins in the shape intake stores them."""

from __future__ import annotations

import pytest

from meetings.extraction import extract, load_pipeline

HEADER = " date 2026-03-02 Новости казахстанской дипломатии\nАстана. 1 марта. KAZAKHSTAN TODAY - "


def bulletin(*paragraphs: str) -> str:
    """A bulletin text: header line, dateline, then one paragraph per argument."""
    lead = "Казахстанские дипломаты провели ряд встреч, сообщает пресс-служба МИД РК."
    return HEADER + lead + "\n" + "\n".join(paragraphs) + "\n"


def meetings_of(*paragraphs: str, aliases=None) -> list[dict]:
    return extract(bulletin(*paragraphs), aliases)["meetings"]


def who_met_whom(*paragraphs: str) -> list[tuple]:
    """Each meeting of an invented bulletin as (kind, Kazakh names, [(counterpart name, country)])."""
    return [
        (
            m["kind"],
            [p["name"] for p in m["kz_side"]],
            [(p["name"], p["country"]) for p in m["counterparts"]],
        )
        for m in meetings_of(*paragraphs)
    ]


def names(meeting: dict, side: str) -> list[str | None]:
    return [p["name"] for p in meeting[side]]


@pytest.fixture(scope="session", autouse=True)
def pipeline():
    """natasha models load once for the whole session."""
    return load_pipeline()
