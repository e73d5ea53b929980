"""What a position phrase says: role and posting of a Kazakh official, country and organisation
of a counterpart, and the phrase itself in the nominative."""

from __future__ import annotations

import re

from . import morph
from .lexicon import Lexicon, shared_lexicon
from .people import NameMention, is_title
from .phrases import nominative_head
from .places import Place, PlaceIndex
from .rules.sides import state_of_adjective

_POSTING_ROLES = {"ambassador", "charge_d_affaires", "consul_general", "permanent_representative"}


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
        rest = lexicon.record_patterns["minister_genitive_opener"].sub("", rest)
        return role_of(rest, lexicon) if rest.strip() else "other"
    return best[1]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text)


def _after_preposition(places: list[Place], words: list[str], preps: tuple[str, ...]) -> list[Place]:
    return [p for p in places if p.start > 0 and words[p.start - 1].lower() in preps]


def _embassy_country(title: str, places: PlaceIndex) -> str | None:
    """The country of the embassy a staff member's ``title`` names ("советник посольства Казахстана
    в Египте" -> "Египет"), or None (an official at home: "депутат Мажилиса")."""
    lexicon = shared_lexicon()
    embassy = lexicon.record_patterns["embassy"].search(title)
    if not embassy:
        return None
    found = places.find_all(_words(embassy.group(1))[:4])
    home = lexicon.person_words["home_countries"]
    return next((p.name for p in found if p.kind == "country" and p.name not in home), None)


def posting_of(role: str, chain: str, sentence_before: str, places: PlaceIndex) -> str | None:
    """Where an official is posted (nominative), read from the first title of ``chain``.

    ``sentence_before`` is the sentence text before the title, used for "В Джидде генеральный
    консул ..." and "в посольстве Казахстана во Франции ... посла".
    """
    if role == "other":
        return _embassy_country(chain.split(",")[0], places)
    if role not in _POSTING_ROLES:
        return None
    lexicon = shared_lexicon()
    preps = lexicon.record_words["location_prepositions"]
    words = _words(chain)
    found = places.find_all(words)
    if role == "permanent_representative":
        orgs = [p for p in found if p.kind == "org"]
        if orgs:
            return orgs[0].name
        cities = [p for p in _after_preposition(found, words, preps) if p.kind == "city"]
        return cities[0].name if cities else None
    if role == "consul_general":
        cities = [p for p in _after_preposition(found, words, preps) if p.kind == "city"]
        if cities:
            return cities[0].name
        before_words = _words(sentence_before)
        cities = [
            p
            for p in _after_preposition(places.find_all(before_words), before_words, preps)
            if p.kind == "city"
        ]
        return cities[-1].name if cities else None
    countries = [
        p
        for p in _after_preposition(found, words, preps)
        if p.kind == "country" and p.name not in lexicon.person_words["home_countries"]
    ]
    if countries:
        return countries[0].name
    return _embassy_country(sentence_before + " " + chain, places)


def _state_of_title(words: list[str], lexicon: Lexicon) -> str | None:
    """The state a title names by itself ("Папой Римским" -> "Ватикан"), from the lexicon's
    ``state_titles`` rows ("lemma State")."""
    if not words:
        return None
    lemmas = morph.lemmas(words[0])
    for row in lexicon.person_words["state_titles"]:
        lemma, state = row.split(" ", 1)
        if lemma in lemmas:
            return state
    return None


def country_of(chain: str, places: PlaceIndex, lexicon: Lexicon) -> tuple[str | None, bool]:
    """(state, has_org) named by a counterpart's title: the first foreign state (or a city's state);
    a title of an international body ("еврокомиссар") names an organisation."""
    words = _words(chain)
    if chain.lower().startswith(lexicon.stems["org_title_stems"]):
        return None, True
    state = _state_of_title(words, lexicon)
    if state is not None:
        return state, False
    found = places.find_all(words)
    home, preps = lexicon.person_words["home_countries"], lexicon.record_words["location_prepositions"]
    for p in found:
        prev = words[p.start - 1].lower() if p.start > 0 else ""
        if p.kind == "country" and p.name not in home and prev not in preps:
            return p.name, False
    known = {k for p in found for k in range(p.start, p.end)}
    # a Cyrillic abbreviation no place names is an international body's: "заместитель генсекретаря
    # ЕСВД" has no state (a Latin one is often a national company's: "генеральный директор FICCI")
    has_org = any(p.kind == "org" for p in found) or any(
        k not in known and len(w) >= 3 and w.isupper() and w.isalpha() and not w.isascii()
        for k, w in enumerate(words)
    )
    for kind in ("body", "city", "province"):  # "спикер Бундестага", "губернатор Омской области"
        for p in found:
            if p.kind == kind and p.country not in home and not has_org:
                return p.country, False  # not the seat of a body: "директор Отделения ООН в Женеве"
    adjectives = [] if has_org else [state_of_adjective(w, lexicon) for w in words]
    state = next((s for s in adjectives if s is not None and s not in home), None)
    return state, has_org  # "российский коллега" names Russia


def organization_of(chain: str, places: PlaceIndex, lexicon: Lexicon) -> str | None:
    """The organisation a counterpart's title names, in the nominative, or None.

    A known organisation gives its full name; a minister's title gives the ministry
    ("министр культуры Египта" -> "Министерство культуры Египта"); otherwise the first genitive
    phrase headed by an organisation noun ("председатель Независимой избирательной комиссии
    Иордании" -> "Независимая избирательная комиссия Иордании").
    """
    first = chain.split(",")[0]
    words = _words(first)
    for p in places.find_all(words):
        if p.kind == "org":
            row = next(r for r in lexicon.organizations if r[0] == p.name)
            return row[1] if len(row) > 1 else row[0]
    patterns, texts = lexicon.record_patterns, lexicon.record_texts
    mid = patterns["foreign_ministry_abbreviation"].search(first)
    if mid:
        return texts["foreign_ministry"] + " " + mid.group(1).strip()
    ministry = patterns["ministry_of"].search(first)
    if ministry and not ministry.group(1)[:1].isupper():
        return texts["ministry"] + " " + ministry.group(1).strip()
    stems, named = lexicon.stems["organization_stems"], lexicon.record_words["named_company_stems"]
    for i, word in enumerate(words[1:], 1):
        low = word.lower()
        if low.startswith(stems) and morph.main_pos(word) == "NOUN":
            j = i
            while j > 1 and morph.main_pos(words[j - 1]) in ("ADJF", "PRTF"):
                j -= 1
            rest = words[i + 1 :]
            if low.startswith(named) and rest and re.match(r"[A-Za-z]", rest[0]):
                return " ".join(rest)  # "директор компании BMJ" -> "BMJ"
            phrase = " ".join(nominative_head(words[j:]))
            return phrase[:1].upper() + phrase[1:]
    return None


def position_of(mention: NameMention, lexicon: Lexicon) -> str | None:
    """The title phrase in the nominative, each comma-separated title on its own
    ("вице-президентом парламента, депутатом ..." -> "вице-президент парламента, депутат ...")."""
    chain = mention.chain
    if not chain:
        return None
    segments = []
    for number, segment in enumerate(chain.split(", ")):
        words = segment.split()
        # each title is put in the nominative; "инвестиций, торговли и промышленности" is one title
        titled = any(is_title(w, lexicon) for w in words[:3])
        segments.append(" ".join(nominative_head(words)) if words and (titled or number == 0) else segment)
    text = ", ".join(segments).strip(" ,")
    if not text:
        return None
    first = text.split()[0]
    return text if first.isupper() else text[:1].lower() + text[1:]
