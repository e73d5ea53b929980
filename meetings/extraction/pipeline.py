"""The engine's loaded parts (natasha NER, pymorphy2, the lexicon) and one extraction run."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from natasha import NewsEmbedding, NewsNERTagger, NewsSyntaxParser

from . import confidence, morph
from .assemble import Assembler
from .endings import load_name_endings
from .events import EventBuilder
from .lexicon import Lexicon, shared_lexicon
from .people import MentionFinder, build_people
from .places import PlaceIndex
from .records import Meeting
from .rules.syntax import parse_event_sentences
from .text import layout


@dataclass(frozen=True, slots=True)
class Pipeline:
    """Everything extraction needs, loaded once per process by `load_pipeline`."""

    lexicon: Lexicon
    ner: NewsNERTagger
    syntax: NewsSyntaxParser
    places: PlaceIndex
    finder: MentionFinder
    events: EventBuilder
    assembler: Assembler


@cache
def load_pipeline() -> Pipeline:
    """Load natasha's NER and syntax models, pymorphy2 and the data files once per process (cached).

    A Celery worker calls this at start so the first bulletin does not pay the load.
    Raises DataFileError when a data file is broken.
    """
    lexicon = shared_lexicon()
    morph.vocab()
    load_name_endings()
    confidence.load_model()
    places = PlaceIndex(lexicon)
    embedding = NewsEmbedding()
    return Pipeline(
        lexicon=lexicon,
        ner=NewsNERTagger(embedding),
        syntax=NewsSyntaxParser(embedding),
        places=places,
        finder=MentionFinder(lexicon, places),
        events=EventBuilder(lexicon, places),
        assembler=Assembler(lexicon, places),
    )


def run(text: str, aliases) -> list[Meeting]:
    """Meetings of one bulletin text (see `meetings.extraction.extract` for the contract)."""
    return [meeting for meeting, _ in assessed(text, aliases)]


def assessed(text: str, aliases) -> list[tuple[Meeting, dict[str, float]]]:
    """Each meeting of one bulletin text with the confidence signals it was scored on
    (`confidence.signals`; bench/calibrate_confidence.py fits the weights on them)."""
    pipe = load_pipeline()
    page = layout(text)
    if not page.sentences:
        return []
    # the header line's "date YYYY-MM-DD" lets NER see a surname opening the title ("Токаев провел ...")
    scope_start = 0 if page.title else page.sentences[0].start
    scope_end = page.sentences[-1].end
    markup = pipe.ner(text[scope_start:scope_end])
    spans = [(scope_start + s.start, scope_start + s.stop, s.type) for s in markup.spans]
    all_sentences = ([page.title] if page.title else []) + list(page.sentences)
    mentions = {}
    flat = []
    for sentence in all_sentences:
        found = pipe.finder.find(
            sentence, [x for x in spans if x[0] < sentence.end and sentence.start < x[1]]
        )
        mentions[sentence.index] = found
        flat.extend(found)
    people = build_people(flat, pipe.lexicon)
    trees = parse_event_sentences(pipe.syntax, pipe.events, page.sentences)
    drafts = pipe.events.build(page, mentions, people, trees)
    locations = pipe.assembler.locations(drafts)
    out = []
    for d, loc in zip(drafts, locations, strict=True):
        if not d.frame_only:
            told = confidence.signals(d, people, drafts, pipe.lexicon)
            out.append((pipe.assembler.meeting(d, people, aliases, loc, confidence.score(told)), told))
    return out
