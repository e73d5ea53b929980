"""Which side a title puts a person on: the rules of `MentionFinder._side`.

The title phrase ("посол Казахстана в Чехии", "министр экономики Австрии") is put to the rules of
``SIDE_RULES`` in order (order = precedence); the first that answers gives the side: "kz" for
Kazakhstan's officials, "cp" for the other side. The last rule always answers. The words and
patterns the rules look for live in ``data/lexicon.json`` (``kz_marker``, ``default_kz_title``,
``person_words``, ``person_patterns``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ..lexicon import Lexicon
from ..places import Place, PlaceIndex
from ..text import Sentence

_CAPITALISED = re.compile(r"^[А-ЯЁ]")


@dataclass(eq=False)
class SideQuery:
    """A title phrase ``words[head:first]`` (its text ``chain``) in ``sentence``."""

    lexicon: Lexicon
    places: PlaceIndex
    words: list[str]
    head: int
    first: int
    chain: str
    sentence: Sentence

    @property
    def vocab(self) -> dict[str, tuple[str, ...]]:
        return self.lexicon.person_words

    @cached_property
    def chain_words(self) -> list[str]:
        return self.words[self.head : self.first]

    @cached_property
    def chain_places(self) -> list[Place]:
        return self.places.find_all(self.chain_words)


SideRule = Callable[[SideQuery], "str | None"]


def kazakhstan_in_title(q: SideQuery) -> str | None:
    """The title names Kazakhstan or a Kazakh body ("посол Казахстана в Чехии", "депутат
    Мажилиса"), or a Kazakh adjective stands just before it ("казахстанский посол Иван Петров"):
    ours."""
    before = " ".join(q.words[max(0, q.head - 2) : q.head]).lower()
    if q.lexicon.kz_marker.search(q.chain) or q.lexicon.person_patterns["kz_adjective"].search(before):
        return "kz"
    return None


def foreign_place_in_title(q: SideQuery) -> str | None:
    """An organisation, or a state other than Kazakhstan that is no posting (not after "в"), in the
    title: theirs ("министр экономики Австрии Иван Петров"; not "посол в Австрии")."""
    home, posting = q.vocab["home_countries"], q.vocab["posting_prepositions"]
    for place in q.chain_places:
        prev = q.chain_words[place.start - 1].lower() if place.start > 0 else ""
        if place.kind == "org" or (place.country not in home and prev not in posting):
            return "cp"
    return None


def _foreign_complement(q: SideQuery) -> bool:
    """True when the title names a body or state the place index does not know ("министр
    иностранных дел Иорданского Хашимитского Королевства"): a capitalised word that is not a
    posting ("посол в Кувейте", "постпред при ООН"), not an abbreviation ("МИД") and not a known
    place ("аким Шымкента")."""
    known = {k for place in q.chain_places for k in range(place.start, place.end)}
    before_posting = q.vocab["posting_prepositions"] + q.vocab["mission_prepositions"]
    words = q.chain_words
    return any(
        k not in known
        and _CAPITALISED.match(words[k])
        and not words[k].isupper()
        and words[k - 1].lower() not in before_posting
        for k in range(1, len(words))
    )


def our_title_by_default(q: SideQuery) -> str | None:
    """A title we give our own officials (посол, поверенный, аким, ...) that names no foreign body:
    ours ("Посол Иван Петров встретился ...")."""
    if q.lexicon.default_kz_title.search(q.chain) and not _foreign_complement(q):
        return "kz"
    return None


def our_side_represented_by(q: SideQuery) -> str | None:
    """ "Казахстанскую сторону на встрече представлял директор департамента Иван Петров": ours (not
    "ознакомил казахстанскую делегацию": whoever shows the delegation round is its host)."""
    patterns, text = q.lexicon.person_patterns, q.sentence.text
    if patterns["kz_side_phrase"].search(text) and patterns["leads"].search(text):
        return "kz"
    return None


def theirs_otherwise(q: SideQuery) -> str | None:
    """A title no rule above claims is theirs: "мэр Роттердама Иван Петров"."""
    return "cp"


SIDE_RULES: tuple[SideRule, ...] = (
    kazakhstan_in_title,
    foreign_place_in_title,
    our_title_by_default,
    our_side_represented_by,
    theirs_otherwise,
)


def side_of(q: SideQuery) -> str:
    """The side the first rule of ``SIDE_RULES`` that answers gives."""
    return next(side for rule in SIDE_RULES if (side := rule(q)) is not None)
