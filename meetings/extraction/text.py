"""Bulletin layout: the header line, the dateline, paragraphs, sentences and tokens with offsets."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from razdel import sentenize, tokenize

MAX_CHARS = 200_000  # a bulletin is a few kB; longer input is read up to here only
MAX_TOKENS = 200  # longest sentence analysed as one piece

_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4})-\d\d-\d\d[ \t]+([^\n]*)")
_DATELINE = re.compile(r"[^\n]{0,80}?KAZAKHSTAN\s+TODAY\s*[-–—]\s*")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence; ``paragraph`` is -1 for the header title, then 0, 1, ... for body lines."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    paragraph: int
    index: int


@dataclass(frozen=True, slots=True)
class Layout:
    title: Sentence | None
    sentences: tuple[Sentence, ...]
    year: int | None


def _sentence(text: str, start: int, end: int, paragraph: int, index: int) -> Sentence:
    chunk = text[start:end]
    tokens = tuple(Token(start + t.start, start + t.stop, t.text) for t in tokenize(chunk))
    return Sentence(start, end, chunk, tokens, paragraph, index)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence's span, cut into spans of at most MAX_TOKENS tokens: real sentences are far
    shorter, and the analysis of one sentence is quadratic in its length."""
    tokens = list(tokenize(text[start:end]))
    if len(tokens) <= MAX_TOKENS:
        return [(start, end)]
    cuts = [start + tokens[i].start for i in range(0, len(tokens), MAX_TOKENS)] + [end]
    return list(itertools.pairwise(cuts))


def layout(text: str) -> Layout:
    """Split a bulletin text into its header title and body sentences (offsets into ``text``)."""
    text = text[:MAX_CHARS]
    title, year, pos = None, None, 0
    header = _HEADER.match(text)
    if header:
        year = int(header.group(1))
        if header.group(2).strip():
            title = _sentence(text, header.start(2), header.end(2), -1, -1)
        pos = header.end() + 1
    sentences: list[Sentence] = []
    paragraph = 0
    for line in re.finditer(r"[^\n]+", text[pos:]):
        start, end = pos + line.start(), pos + line.end()
        if paragraph == 0:
            dateline = _DATELINE.match(text, start, end)
            if dateline:
                start = dateline.end()
        if not text[start:end].strip():
            continue
        for sent in sentenize(text[start:end]):
            for a, b in _pieces(text, start + sent.start, start + sent.stop):
                sentences.append(_sentence(text, a, b, paragraph, len(sentences)))
        paragraph += 1
    return Layout(title, tuple(sentences), year)
