"""Countries, cities and organisations found in any grammatical case, returned in the nominative."""

from __future__ import annotations

from dataclasses import dataclass

from . import morph
from .lexicon import Lexicon, fold_yo


@dataclass(frozen=True, slots=True)
class Place:
    """A place or organisation found at words[start:end]; ``name`` is its nominative form."""

    start: int
    end: int
    kind: str  # "country" | "city" | "province" | "body" | "org" | "region"
    name: str
    country: str | None  # the state of a city or a country; None for an organisation


_PRIORITY = {"country": 6, "org": 5, "body": 4, "city": 3, "province": 2, "region": 1}


class PlaceIndex:
    """Matches token sequences against the lexicon's places, whatever their case.

    Every token, in the text and in the lexicon, is replaced by its set of possible nominative
    forms (`morph.candidates`); a place matches where each of its tokens shares a form with the
    text's token. The longest match wins.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self._first: dict[str, list[tuple[tuple[frozenset[str], ...], Place]]] = {}
        state_forms = lexicon.event_words["state_form_nouns"]
        for row in lexicon.countries:
            for form in row:
                self._add(form, Place(0, 0, "country", row[0], row[0]))
            for noun in state_forms:  # "Республики Узбекистан", "Королевства Бахрейн"
                self._add(f"{noun} {row[0]}", Place(0, 0, "country", row[0], row[0]))
        for city, country in lexicon.cities.items():
            self._add(city, Place(0, 0, "city", city, country))
        for province, country in lexicon.provinces.items():
            self._add(province, Place(0, 0, "province", province, country))
        for body, country in lexicon.bodies.items():
            self._add(body, Place(0, 0, "body", body, country))
        for row in lexicon.organizations:
            for form in row:
                self._add(form, Place(0, 0, "org", row[0], None))
        for region in lexicon.regions:
            self._add(region, Place(0, 0, "region", region, None))

    def _add(self, form: str, place: Place) -> None:
        words = form.replace("(", " ").replace(")", " ").split()
        keys = tuple(self._forms(w) for w in words)
        for key in keys[0]:
            self._first.setdefault(key, []).append((keys, place))

    @staticmethod
    def _forms(word: str) -> frozenset[str]:
        if word.isupper() or len(word) <= 2:  # abbreviations do not decline
            return frozenset({word.lower()})
        return morph.candidates(word)

    def match_at(self, words: list[str], i: int) -> Place | None:
        """The longest place starting at words[i] (a capitalised word or abbreviation), or None."""
        word = words[i]
        if not word or not word[0].isupper():
            return None
        best: Place | None = None
        best_rank = (0, 0, 0)
        seen: set[tuple[int, int]] = set()
        exact = {fold_yo(word.lower())} | morph.lemmas(word)
        for key in self._forms(word):
            for keys, place in self._first.get(key, ()):
                if (id(keys), id(place)) in seen or i + len(keys) > len(words):
                    continue
                seen.add((id(keys), id(place)))
                # longest first; then a form pymorphy2 itself proposes over an ending swap
                # ("Бразилии" is Бразилия, not Бразилиа); then a state over a city
                rank = (len(keys), bool(keys[0] & exact), _PRIORITY[place.kind])
                if rank <= best_rank:
                    continue
                if all(keys[j] & self._forms(words[i + j]) for j in range(1, len(keys))):
                    best, best_rank = place, rank
        if best is None:
            return None
        return Place(i, i + best_rank[0], best.kind, best.name, best.country)

    def find_all(self, words: list[str]) -> list[Place]:
        """Non-overlapping places in ``words``, left to right."""
        out, i = [], 0
        while i < len(words):
            place = self.match_at(words, i)
            if place:
                out.append(place)
                i = place.end
            else:
                i += 1
        return out
