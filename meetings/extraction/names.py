"""Person names to the nominative case, and matching of later, shorter mentions to a full name.

The case comes from the governing title noun ("с министром ... Даниром Усмановым" is instrumental,
"посла ... Ермека Сарыбаева" genitive); each token is then put in the nominative with pymorphy2
when its dictionary knows the token as a first name, surname or patronymic, and otherwise by the
Russian case-ending rules for foreign names in ``data/name_endings.json`` (read by ``endings.py``).
Tokens without a case ending (indeclinable names such as "Тодор Петрески", "Чан Ван Лок") stay as
written, so Asian surname-first order is kept.
"""

from __future__ import annotations

import re

from . import morph
from .endings import load_name_endings
from .lexicon import Lexicon, fold_yo, writes_yo

_ROMAN = re.compile(r"^[IVXLC]+$")
_PUNCTUATION = re.compile(r"[^\w\s-]")


def name_key(name: str) -> str:
    """The one form in which names are compared anywhere (people and aliases in the database, the
    aliases the engine is given, the scorer, the review pages): lower case, yo as ye, punctuation
    but hyphens as spaces, single spaces. "" for a name of punctuation only."""
    return " ".join(_PUNCTUATION.sub(" ", fold_yo(name.lower())).split())


def _restore_case(surface: str, low: str) -> str:
    if not writes_yo(surface.lower()):  # pymorphy2 writes ё; keep the bulletin's е
        low = fold_yo(low)
    if surface[:1].isupper():
        return low[:1].upper() + low[1:]
    return low


def guess_case(tokens: list[str]) -> str:
    """The case a bare name (no title before it) is in, judged from its endings alone."""
    words = [t for t in tokens if len(t) > 2 and t[0].isupper()]
    masculine = load_name_endings().ending_sets["masculine_instrumental"]
    if any(w.lower().endswith(masculine) for w in words):
        return "ablt"
    return "nomn"


def has_oblique_ending(tokens: list[str], cases: frozenset[str]) -> bool:
    """True when a word of the name ``tokens`` ends as a man's name does in one of the oblique
    ``cases`` ("Хавьера", "Андрису"), by the rules of ``data/name_endings.json``; a nominative
    "Иван Петров" has no such ending."""
    endings = load_name_endings()
    words = [t.lower() for t in tokens if len(t) > 2 and t[0].isupper()]
    return any(endings.nominative(w, case, "masc") != w for w in words for case in cases if case != "nomn")


def guess_gender(tokens: list[str], case: str) -> str:
    """'masc' or 'femn' for a name in ``case``, from dictionary first names, then endings."""
    words = [t.lower() for t in tokens if len(t) > 1 and t[0].isupper()]
    if not words:
        return "masc"
    votes = {"masc": 0, "femn": 0}
    for token in tokens:
        genders = {
            str(p.tag.gender)
            for p in morph.parses(token)
            if morph.is_dictionary(p)
            and {"Name", "Patr"} & p.tag.grammemes
            and "Fixd" not in p.tag.grammemes
            and p.tag.case == case
            and p.tag.gender in ("masc", "femn")
        }
        if len(genders) == 1:
            votes[genders.pop()] += 1
    if votes["masc"] != votes["femn"]:
        return max(votes, key=votes.__getitem__)
    return load_name_endings().gender(words, case) or "masc"


def _token_nominative(token: str, case: str, gender: str, lexicon: Lexicon) -> str:
    low = token.lower()
    if case == "nomn" or len(token) <= 2 or not token[0].isalpha() or _ROMAN.match(token):
        return token
    if low in lexicon.name_particles or token.endswith("."):
        return token
    if "-" in token:
        parts = token.split("-")
        if parts[0].lower() in lexicon.name_particles:  # аль-Хашими: the particle never declines
            return "-".join(parts[:1] + [_token_nominative(p, case, gender, lexicon) for p in parts[1:]])
        return "-".join(_token_nominative(p, case, gender, lexicon) if p else p for p in parts)
    if low.endswith(lexicon.indeclinable_suffixes):
        return token
    for p in morph.parses(token):
        tags = p.tag.grammemes
        if (
            morph.is_dictionary(p)
            and {"Name", "Surn", "Patr"} & tags
            and "Fixd" not in tags
            and p.tag.number != "plur"  # "Айгуль", "Гульнар" are not plurals of Айгуля, Гульнара
            and p.tag.case == case
            and (p.tag.gender is None or p.tag.gender == gender)
        ):
            inflected = p.inflect({"Nom"})  # natasha MorphForm takes UD grammemes
            if inflected is not None:
                return _restore_case(token, inflected.word)
    return _restore_case(token, load_name_endings().nominative(low, case, gender))


def _masculine_genitive_name(word: str) -> bool:
    """True for a dictionary masculine first name in the genitive ("Ивана", "Мурата"), which is
    also its accusative: the name is a man's, and no -у of his is an accusative."""
    return any(
        morph.is_dictionary(p)
        and "Name" in p.tag.grammemes
        and "Fixd" not in p.tag.grammemes  # "Хосе" is every case
        and p.tag.case == "gent"
        and p.tag.gender == "masc"
        and p.tag.number != "plur"
        for p in morph.parses(word)
    )


def _genitive_or_accusative(words: list[str], lexicon: Lexicon) -> str:
    """A name after "посла" or "принял": accusative when a word ends in -у/-ю (Анну-Марию, Хосе
    Гарсию), unless a man's first name in the genitive opens it ("Мурата Кенжебеку")."""
    if any(_masculine_genitive_name(w) for w in words):
        return "gent"
    endings = load_name_endings().ending_sets["dative_or_accusative"]
    accusative = any(
        w.lower().endswith(endings) and not w.lower().endswith(lexicon.indeclinable_suffixes)
        for w in words
        if len(w) > 2
    )
    return "accs" if accusative else "gent"


def nominative(tokens: list[str], cases: frozenset[str], lexicon: Lexicon) -> str:
    """The name ``tokens`` (surface words, in the case ``cases`` allows) in the nominative.

    ``cases`` is the set of cases the governing title noun is in; genitive/accusative ambiguity is
    resolved by the name's own endings. An empty set means no governing noun: the case is guessed.
    """
    words = [t for t in tokens if t.lower() not in lexicon.honorifics] or list(tokens)
    if not cases:
        case = guess_case(words)
    elif "nomn" in cases:
        case = "nomn"
    elif cases <= {"gent", "accs"} and len(cases) == 2:
        case = _genitive_or_accusative(words, lexicon)
    else:
        case = min(cases)
    if case == "ablt" and _undeclined(words, lexicon):
        return " ".join(words).replace(" .", ".")
    gender = guess_gender(words, case)
    out: list[str] = []
    for word in words:
        if word == "." and out:
            out[-1] += "."
        else:
            out.append(_token_nominative(word, case, gender, lexicon))
    return " ".join(out)


def _undeclined(words: list[str], lexicon: Lexicon) -> bool:
    """True when a name in the instrumental shows it does not decline: a first or middle name stands
    in a nominative ending a declined one would not keep ("с министром Лемлем Фиса Минале": "Фиса",
    not "Фисой"), and the last word has no instrumental ending ("Ямада Кэнтой" declines)."""
    endings = load_name_endings()
    particles = lexicon.name_particles
    inner = [w for w in words[:-1] if len(w) > 2 and w[0].isupper() and w.lower() not in particles]
    last = words[-1].lower()
    declined = any(endings.nominative(last, "ablt", gender) != last for gender in ("masc", "femn"))
    undeclined_ending = tuple(lexicon.person_words["undeclined_in_instrumental"])
    return not declined and any(w.lower().endswith(undeclined_ending) for w in inner)


def _similar(short: str, full: str) -> bool:
    """True when ``short`` (any case) can be an inflected form of the nominative ``full``."""
    a, b = fold_yo(short.lower()), fold_yo(full.lower())
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(3, len(b) - 1) and len(a) - common <= 3


def same_person(mention_tokens: list[str], full_tokens: list[str]) -> bool:
    """True when a mention (e.g. a surname alone, any case) can name the person ``full_tokens``."""
    words = [t for t in mention_tokens if len(t) > 1 and t[0].isupper()]
    full = [t for t in full_tokens if len(t) > 1 and t[0].isupper()]
    if not words or len(words) > len(full):
        return False
    if len(words) == 1:
        return _similar(words[0], full[-1]) or (len(full) >= 3 and _similar(words[0], full[-2]))
    return all(_similar(w, f) for w, f in zip(words[::-1], full[::-1], strict=False))
