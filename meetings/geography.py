"""ISO 3166 codes of the countries meetings name, for the world map and analysts' joins.

Countries are stored as the agency writes them, in Russian (``meetings/extraction/data/countries.tsv``
gives the extractor's nominatives with the other names of each state; reviewers may type any of
them). Their codes come from pycountry's Russian names (the iso-codes project's translations of
every state's short, common and official name), compared without case, «ё», punctuation or hyphens; a state is
found by any of its names in the lexicon («США» by «Соединенные Штаты Америки»); the few states
neither names are listed below, each with its reason. Pure: no Django.
"""

from __future__ import annotations

import functools
import gettext

import pycountry

from meetings.extraction.lexicon import shared_lexicon
from meetings.extraction.names import name_key

# Names the iso-codes translation does not give, as agencies write them.
AGENCY_NAMES = {
    "ватикан": "VA",  # ISO's «Государство-город Ватикан»; the agency writes the short name
    "святой престол": "VA",  # the Holy See, as diplomatic reports call the same state
    "тимор лешти": "TL",  # iso-codes translates Timor-Leste as «Восточный Тимор»
    "косово": "XK",  # not in ISO 3166; XK is the code the EU, the IMF and world maps use
}


def iso_code(country: str) -> str:
    """The ISO 3166-1 alpha-2 code (upper case) of a country named in Russian, or "" if unknown."""
    key = comparable(country)
    return AGENCY_NAMES.get(key) or lexicon_codes().get(key) or russian_names().get(key, "")


def comparable(name: str) -> str:
    """``name`` as state names are compared: as :func:`name_key` compares people's names (lower
    case, «ё» as «е», no punctuation), and hyphens as spaces («Бруней-Даруссалам», «Бруней
    Даруссалам»)."""
    return " ".join(name_key(name).replace("-", " ").split())


@functools.cache
def russian_names() -> dict[str, str]:
    """Every Russian name iso-codes gives a state (short, common, official), compared as
    :func:`comparable` makes them, to its alpha-2 code."""
    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for english in (getattr(country, attr, "") for attr in ("name", "common_name", "official_name")):
            if english:
                names.setdefault(comparable(russian.gettext(english)), country.alpha_2)
    return names


@functools.cache
def lexicon_codes() -> dict[str, str]:
    """Every name of a state in the extractor's lexicon (its nominative and other names) to the
    code one of them has in :func:`russian_names` (or :data:`AGENCY_NAMES`)."""
    known = {**russian_names(), **AGENCY_NAMES}
    codes: dict[str, str] = {}
    for names in shared_lexicon().countries:
        keys = [comparable(name) for name in names]
        code = next((known[key] for key in keys if key in known), "")
        if code:
            codes.update(dict.fromkeys(keys, code))
    return codes
