"""What a position phrase says: role and posting of a Kazakh official, country and organisation
of a counterpart, and the phrase itself in the nominative."""

from __future__ import annotations

import re

from . import morph
from .lexicon import Lexicon
from .people import NameMention
from .places import Place, PlaceIndex

_POSTING_ROLES = {"ambassador", "charge_d_affaires", "consul_general", "permanent_representative"}
_EMBASSY = re.compile(
    r"посольств\w*\s+(?:Казахстана\s+|Республики\s+Казахстан\s+|РК\s+)?во?\s+(.+)", re.IGNORECASE
)


def role_of(chain: str, lexicon: Lexicon) -> str:
    """The spec's role of a Kazakh official from the first title in ``chain`` that has one."""
    best: tuple[int, str | None] | None = None
    for pattern, role in lexicon.role_patterns:
        found = pattern.search(chain)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), role)
    if best is None:
        return "other"
    if best[1] is None:  # "заместитель премьер-министра" has no role of its own: look further
        rest = chain[best[0] :].split("-", 1)[-1] if "-" in chain[best[0] :] else ""
        rest = re.sub(r"^\s*министра\b", "", rest)
        return role_of(rest, lexicon) if rest.strip() else "other"
    return best[1]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text)


def _after_preposition(places: list[Place], words: list[str], preps: tuple[str, ...]) -> list[Place]:
    return [p for p in places if p.start > 0 and words[p.start - 1].lower() in preps]


def posting_of(role: str, chain: str, sentence_before: str, places: PlaceIndex) -> str | None:
    """Where an official is posted (nominative), read from the first title of ``chain``.

    ``sentence_before`` is the sentence text before the title, used for "В Джидде генеральный
    консул ..." and "в посольстве Казахстана во Франции ... посла".
    """
    if role not in _POSTING_ROLES:
        return None
    words = _words(chain)
    found = places.find_all(words)
    if role == "permanent_representative":
        orgs = [p for p in found if p.kind == "org"]
        if orgs:
            return orgs[0].name
        cities = [p for p in _after_preposition(found, words, ("в", "во")) if p.kind == "city"]
        return cities[0].name if cities else None
    if role == "consul_general":
        cities = [p for p in _after_preposition(found, words, ("в", "во")) if p.kind == "city"]
        if cities:
            return cities[0].name
        before_words = _words(sentence_before)
        cities = [
            p
            for p in _after_preposition(places.find_all(before_words), before_words, ("в", "во"))
            if p.kind == "city"
        ]
        return cities[-1].name if cities else None
    countries = [
        p
        for p in _after_preposition(found, words, ("в", "во"))
        if p.kind == "country" and p.name != "Казахстан"
    ]
    if countries:
        return countries[0].name
    embassy = _EMBASSY.search(sentence_before + " " + chain)
    if embassy:
        ew = _words(embassy.group(1))[:4]
        for p in places.find_all(ew):
            if p.kind == "country" and p.name != "Казахстан":
                return p.name
    return None


def country_of(chain: str, places: PlaceIndex) -> tuple[str | None, bool]:
    """(state, has_org) named by a counterpart's title: the first foreign state (or a city's state)."""
    words = _words(chain)
    found = places.find_all(words)
    for p in found:
        prev = words[p.start - 1].lower() if p.start > 0 else ""
        if p.kind == "country" and p.name != "Казахстан" and prev not in ("в", "во"):
            return p.name, False
    for p in found:
        if p.kind == "city" and p.country != "Казахстан":
            return p.country, False
    return None, any(p.kind == "org" for p in found)


def organization_of(chain: str, places: PlaceIndex, lexicon: Lexicon) -> str | None:
    """The organisation a title names: a known organisation's full name, or the ministry."""
    words = _words(chain)
    for p in places.find_all(words):
        if p.kind == "org":
            row = next(r for r in lexicon.organizations if r[0] == p.name)
            return row[1] if len(row) > 1 else row[0]
    ministry = re.search(r"(?<![-\w])министр\w*\s+((?:иностранных|[а-яё]+ых|[а-яё]+ой|[а-яё]+ия)\b.*)", chain)
    if ministry:
        return "Министерство " + ministry.group(1).strip(" ,")
    ministry = re.search(r"\b(Министерств\w*|МИД)\s+(.+)", chain)
    if ministry:
        rest = ministry.group(2).strip(" ,")
        return ("Министерство иностранных дел " if ministry.group(1) == "МИД" else "Министерство ") + rest
    return None


def position_of(mention: NameMention) -> str | None:
    """The title phrase with its first words (adjectives and the title noun) in the nominative."""
    chain = mention.chain
    if not chain:
        return None
    words = chain.split(" ")
    out = []
    for i, word in enumerate(words):
        parse = next((p for p in morph.parses(word) if p.tag.POS in ("NOUN", "ADJF")), None)
        if parse is None or i > 2:
            out.extend(words[i:])
            break
        if "nomn" in parse.tag:
            out.extend(words[i:])
            break
        inflected = parse.inflect({"Nom"})
        word_out = inflected.word if inflected is not None else word
        out.append(word_out)
        if parse.tag.POS == "NOUN":
            out.extend(words[i + 1 :])
            break
    text = " ".join(out).strip(" ,")
    return (text[:1].lower() + text[1:]) if text else None
