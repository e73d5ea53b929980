"""The engine's word lists (``data/*.tsv``, ``data/lexicon.json``), loaded once into a frozen Lexicon."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .errors import DataFileError


@dataclass(frozen=True, slots=True)
class Lexicon:
    """General vocabulary: titles, roles, event words, places and organisations."""

    title_lemmas: frozenset[str]
    role_patterns: tuple[tuple[re.Pattern[str], str | None], ...]
    default_kz_title: re.Pattern[str]
    kz_marker: re.Pattern[str]
    stems: dict[str, tuple[str, ...]]
    honorifics: frozenset[str]
    name_particles: frozenset[str]
    indeclinable_suffixes: tuple[str, ...]
    countries: tuple[tuple[str, ...], ...]  # canonical first, then variants
    cities: dict[str, str]  # city -> country
    provinces: dict[str, str]  # a state's first-level division -> country ("Омская область")
    bodies: dict[str, str]  # a state body called by its own name -> country ("Олий Мажлис")
    organizations: tuple[tuple[str, ...], ...]  # short form first, then full forms
    regions: tuple[str, ...]  # parts of the world (never a name, never a state)
    event_words: dict[str, tuple[str, ...]]  # grammar words of event clauses ("с", "также", ...)
    event_patterns: dict[str, re.Pattern[str]]  # vocabulary regexes of event clauses
    event_word_maps: dict[str, dict[str, str]]  # word replacements ("генсек" -> "секретарь")
    person_words: dict[str, tuple[str, ...]]  # grammar words and endings of name mentions
    person_patterns: dict[str, re.Pattern[str]]  # vocabulary regexes of name mentions
    record_words: dict[str, tuple[str, ...]]  # words of record assembly (topics, locations, titles)
    record_patterns: dict[str, re.Pattern[str]]  # vocabulary regexes of record assembly
    record_texts: dict[str, str]  # fixed texts records are written with
    letters: dict[str, str]  # letters the code treats specially ("yo" is compared as "ye")
    place_case_endings: tuple[tuple[str, tuple[str, ...]], ...]  # (ending, nominative endings) of place words


def _read(name: str) -> str:
    try:
        return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(name, 0, f"cannot read: {exc}") from exc


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for number, line in enumerate(_read(name).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if not cells:
            raise DataFileError(name, number, "empty row")
        rows.append(cells)
    return rows


def _section(raw: dict, key: str, convert: Callable[[Any], Any]) -> dict[str, Any]:
    """The entries of one object of lexicon.json, each converted; its ``_comment`` is skipped."""
    return {k: convert(v) for k, v in raw[key].items() if not k.startswith("_")}


def _places_with_states(name: str) -> dict[str, str]:
    """Rows "place<TAB>state" of a data file as a dict; raises DataFileError on a malformed row."""
    out = {}
    for number, row in enumerate(_tsv(name), 1):
        if len(row) != 2:
            raise DataFileError(name, number, "expected place<TAB>country")
        out[row[0]] = row[1]
    return out


def load_lexicon() -> Lexicon:
    """Read every data file. Raises DataFileError on a missing or malformed file."""
    try:
        raw = json.loads(_read("lexicon.json"))
    except json.JSONDecodeError as exc:
        raise DataFileError("lexicon.json", exc.lineno, exc.msg) from exc
    cities = _places_with_states("cities.tsv")
    provinces = _places_with_states("provinces.tsv")
    bodies = _places_with_states("bodies.tsv")
    stem_keys = [k for k in raw if k.endswith(("_stems", "_markers", "_openers"))]
    stem_keys += ["kz_reference_lemmas", "group_lemmas", "east_asian_surnames"]
    return Lexicon(
        title_lemmas=frozenset(raw["title_lemmas"]),
        role_patterns=tuple((re.compile(p, re.IGNORECASE), role) for p, role in raw["role_patterns"]),
        default_kz_title=re.compile(raw["default_kz_title"], re.IGNORECASE),
        kz_marker=re.compile(raw["kz_marker"]),
        stems={k: tuple(raw[k]) for k in stem_keys},
        honorifics=frozenset(raw["honorifics"]),
        name_particles=frozenset(raw["name_particles"]),
        indeclinable_suffixes=tuple(raw["indeclinable_suffixes"]),
        countries=tuple(tuple(r) for r in _tsv("countries.tsv")),
        cities=cities,
        provinces=provinces,
        bodies=bodies,
        organizations=tuple(tuple(r) for r in _tsv("organizations.tsv")),
        regions=tuple(r[0] for r in _tsv("regions.tsv")),
        event_words=_section(raw, "event_words", tuple),
        event_patterns=_section(raw, "event_patterns", re.compile),
        event_word_maps=_section(raw, "event_word_maps", dict),
        person_words=_section(raw, "person_words", tuple),
        person_patterns=_section(raw, "person_patterns", re.compile),
        record_words=_section(raw, "record_words", tuple),
        record_patterns=_section(raw, "record_patterns", re.compile),
        record_texts=_section(raw, "record_texts", str),
        letters=_section(raw, "letters", str),
        place_case_endings=tuple(
            (ending, tuple(nominative)) for ending, nominative in raw["place_case_endings"]
        ),
    )


@cache
def shared_lexicon() -> Lexicon:
    """The process-wide Lexicon (`load_lexicon`, read once), for helpers that are handed none
    (morph, names, phrases). Raises DataFileError on a missing or malformed file."""
    return load_lexicon()


def fold_yo(text: str) -> str:
    """``text`` with the lexicon's ``letters`` yo written as ye ("ёлка" -> "елка")."""
    letters = shared_lexicon().letters
    return text.replace(letters["yo"], letters["ye"])


def writes_yo(text: str) -> bool:
    """True when ``text`` (lower-case) holds the letter yo ("ё")."""
    return shared_lexicon().letters["yo"] in text
