"""Thin cached access to pymorphy2 (through natasha's MorphVocab) for single tokens."""

from __future__ import annotations

from functools import lru_cache

from natasha import MorphVocab

from .lexicon import fold_yo, shared_lexicon

_VOCAB: MorphVocab | None = None


def vocab() -> MorphVocab:
    """The process-wide MorphVocab (pymorphy2 dictionaries load once)."""
    global _VOCAB
    if _VOCAB is None:
        _VOCAB = MorphVocab()
    return _VOCAB


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple:
    """pymorphy2 parses of ``word`` (natasha MorphForm objects; cached); none for a word pymorphy2
    cannot read: it asks ``unicodedata.name`` of every character, which has no name for some code
    points (ValueError), and such a word is no Russian word anyway."""
    try:
        return tuple(vocab().parse(word))
    except ValueError:
        return ()


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """Lower-case normal forms pymorphy2 proposes for ``word``."""
    return frozenset(fold_yo(p.normal_form) for p in parses(word))


def is_dictionary(parse) -> bool:
    """True when the parse comes from the dictionary, not from a guess on an unknown word."""
    return _is_known(parse.word)


@lru_cache(maxsize=65536)
def _is_known(word: str) -> bool:
    return bool(vocab().word_is_known(word))


@lru_cache(maxsize=65536)
def is_name_like(word: str) -> bool:
    """True when a dictionary parse tags ``word`` as a first name, surname or patronymic."""
    return any(is_dictionary(p) and ({"Name", "Surn", "Patr"} & p.tag.grammemes) for p in parses(word))


@lru_cache(maxsize=65536)
def candidates(word: str) -> frozenset[str]:
    """Possible lower-case nominative forms of a place word: itself, pymorphy2 lemmas, ending swaps.

    Used to look up places and organisations in any case, including foreign names pymorphy2 does
    not know ("Сиане" -> "сиань"); the ending swaps are the lexicon's ``place_case_endings``.
    """
    low = fold_yo(word.lower())
    out = {low} | lemmas(word)
    for ending, replacements in shared_lexicon().place_case_endings:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: -len(ending)]
            out.update(stem + r for r in replacements)
    return frozenset(out)


@lru_cache(maxsize=65536)
def main_pos(word: str) -> str:
    """Part of speech of the most probable parse of ``word`` ("" for none)."""
    found = parses(word)
    return str(found[0].tag.POS) if found else ""


_PROPER = {"Geox", "Name", "Surn", "Patr", "Orgn", "Abbr", "Trad"}


@lru_cache(maxsize=65536)
def is_common(word: str) -> bool:
    """True when the dictionary knows ``word`` as an ordinary word (not a proper name)."""
    return any(is_dictionary(p) and not (_PROPER & p.tag.grammemes) for p in parses(word))
