"""Noun phrases put in the nominative: a title ("министром культуры Египта" -> "министр культуры
Египта"), an organisation ("Независимой избирательной комиссии Иордании" -> "Независимая
избирательная комиссия Иордании") or a topic ("повестку сотрудничества" -> "повестка сотрудничества").

Only the phrase's head noun and the adjectives before it change; the genitive words after the head
already read correctly in a nominative phrase.
"""

from __future__ import annotations

from . import morph
from .lexicon import fold_yo, shared_lexicon, writes_yo


def _noun_parse(word: str, cases: set[str] | None):
    for p in morph.parses(word):
        if p.tag.POS == "NOUN" and (cases is None or p.tag.case in cases):
            return p
    return None


def nominative_head(words: list[str]) -> list[str]:
    """``words`` with the leading adjectives and the first noun put in the nominative.

    The adjectives take the noun's gender and number, so "постоянным государственным секретарем"
    gives "постоянный государственный секретарь". Words the dictionary does not know stay as written.
    """
    head_index, head = None, None
    for i, word in enumerate(words[:5]):
        if morph.main_pos(word) in ("ADJF", "PRTF", "NUMR") or word in ("-",):
            continue
        head = _noun_parse(word, None)
        head_index = i
        break
    if head is None or head_index is None or "nomn" in head.tag:
        return list(words)
    number = "plur" if "plur" in head.tag else "sing"
    out = list(words)
    inflected = head.inflect({"Nom"})
    if inflected is not None:
        out[head_index] = _same_case(words[head_index], inflected.word)
    gender = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}.get(str(head.tag.gender), "Masc")
    grams = {"Nom", "Plur"} if number == "plur" else {"Nom", gender}
    for i in range(head_index):
        for p in morph.parses(words[i]):
            if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == head.tag.case:
                adj = p.inflect(grams)
                if adj is not None:
                    out[i] = _same_case(words[i], adj.word)
                break
    return out


def _same_case(surface: str, word: str) -> str:
    if not writes_yo(surface.lower()):
        word = fold_yo(word)
    return word[:1].upper() + word[1:] if surface[:1].isupper() else word


def nominative_phrase(text: str, max_words: int = 6) -> str | None:
    """A short nominative phrase from the start of ``text`` (a topic after "обсудили")."""
    vocab = shared_lexicon().record_words
    stops = vocab["phrase_stops"]
    words = text.replace("«", "").replace("»", "").replace('"', "").split()
    cut: list[str] = []
    for word in words:
        if word.lower() in stops and cut:
            break
        cut.append(word)
        if len(cut) >= max_words:
            break
    while cut and cut[0].lower() in stops:
        cut.pop(0)
    if not cut or (_noun_parse(cut[0], None) is None and morph.main_pos(cut[0]) not in ("ADJF", "PRTF")):
        return None
    if not any(_noun_parse(w, None) for w in cut[:4]) or cut[0].lower() in vocab["topic_fillers"]:
        return None  # a participle or a filler ("в том числе"), not a subject
    phrase = " ".join(nominative_head(cut)).strip(" ,.;:")
    return phrase[:1].lower() + phrase[1:] if phrase else None
