"""People merely named: the rules that tell a bystander from a participant of the reported event.

A bulletin names many people who take no part in the encounter it reports: the President whose
message an ambassador passes on, the leaders whose agreements the talks follow, the spokesman who
tells of the talks, the official praised in what a minister said. Each rule of ``MENTION_RULES``
reads one name mention in its sentence and answers True when the name is a bystander;
`EventBuilder.allowed` asks them in order (order = precedence) before its own case rules.
``SENTENCE_RULES`` read a sentence's mentions together (a teller is a bystander only when the
news he tells names an official of its own). The words live in ``data/lexicon.json``
("event_words").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import morph

if TYPE_CHECKING:
    from ..events import EventBuilder
    from ..people import NameMention


def _lows(mention: NameMention) -> list[str]:
    return [t.text.lower() for t in mention.sentence.tokens]


def _title_start(mention: NameMention) -> int:
    return mention.head if mention.head is not None else mention.first


def speech_split(builder: EventBuilder, lows: list[str]) -> tuple[range, range] | None:
    """The teller's part and the told part of a sentence of reported speech, as token ranges, or
    None: "Посол Р сообщил, что ...", "Как отметил Р, ...", "..., сообщил Р"."""
    w = builder.words
    for s, low in enumerate(lows):
        if not low.startswith(w["speech_verb_stems"]):
            continue
        if s + 2 < len(lows) and lows[s + 1] == "," and lows[s + 2] in w["told_content_words"]:
            return range(0, s + 1), range(s + 3, len(lows))  # "Р сообщил, что ..."
        if s + 1 < len(lows) and lows[s + 1] == ":":
            return range(0, s + 1), range(s + 2, len(lows))  # "Р заявил: ..."
        if s >= 1 and lows[s - 1] in w["speech_opening_words"] and "," in lows[s + 1 :]:
            comma = lows.index(",", s + 1)
            return range(0, comma), range(comma + 1, len(lows))  # "Как отметил Р, ..."
        if s >= 2 and lows[s - 1] == ",":
            return range(s, len(lows)), range(0, s - 1)  # "..., сообщил Р"
    return None


def _event_words_in(builder: EventBuilder, lows: list[str], span: range) -> bool:
    return any(builder.category(lows[i]) is not None for i in span)


# ---- one mention ---------------------------------------------------------------------------------


def agent_of_a_passive_participle(builder: EventBuilder, mention: NameMention) -> bool:
    """The doer named after a passive participle did something else: "в соответствии с
    договоренностями, достигнутыми Президентом Р и премьер-министром С", "реформы, проводимые
    Главой государства Р" (not "делегация, возглавляемая министром Р", "принятый министром Р")."""
    k = _title_start(mention) - 1
    if k < 0 or "ablt" not in mention.cases:
        return False
    word = mention.sentence.tokens[k].text.lower()
    if word.startswith(builder.words["instrumental_governor_stems"]):
        return False
    readings = [p for p in morph.parses(word)[:3] if p.tag.POS == "PRTF" and "pssv" in p.tag]
    head = mention.sentence.tokens[k + 1].text
    agreeing = {(p.tag.case, p.tag.number) for p in morph.parses(head) if p.tag.POS == "NOUN"}
    # "с недавно назначенным министром Р": a participle agreeing with the title is its modifier
    return bool(readings) and not any((p.tag.case, p.tag.number) in agreeing for p in readings)


def object_of_a_courtesy(builder: EventBuilder, mention: NameMention) -> bool:
    """The person thanked, congratulated or invited is no participant: "поблагодарил Президента Р
    за поддержку", "пригласил премьер-министра Р посетить Казахстан"."""
    return bool(mention.cases & {"accs", "gent"}) and mention.governor.startswith(
        builder.words["courtesy_verb_stems"]
    )


def author_of_a_message_passed_on(builder: EventBuilder, mention: NameMention) -> bool:
    """The author of a message, greeting or invitation someone passes on is absent: "передал
    послание Президента Р", "вручил приглашение Главы государства Р посетить Астану"."""
    w, lows = builder.words, _lows(mention)
    k = mention.gov_index
    if k < 1 or not lows[k].startswith(w["message_noun_stems"]) or "gent" not in mention.cases:
        return False
    return any(x.startswith(w["passing_verb_stems"]) for x in lows[max(0, k - 3) : k])


def named_in_what_was_said(builder: EventBuilder, mention: NameMention) -> bool:
    """A name inside what an official said, when the event lies outside it: "встретился с министром
    Р и отметил, что Президент С придает большое значение ..."."""
    lows = _lows(mention)
    split = speech_split(builder, lows)
    if split is None:
        return False
    teller, told = split
    return (
        mention.first in told
        and _event_words_in(builder, lows, teller)
        and not _event_words_in(builder, lows, told)
    )


def met_earlier_by_someone_described(builder: EventBuilder, mention: NameMention) -> bool:
    """A name in a relative clause that tells someone's past encounters: "провел переговоры с
    министром Р, который ранее встречался с Президентом С"."""
    w, lows = builder.words, _lows(mention)
    for k in range(mention.first - 1, 0, -1):
        if lows[k] in (".", ";"):
            return False
        if lows[k].startswith(w["relative_pronoun_stems"]) and lows[k - 1] == ",":
            return any(x in w["earlier_words"] for x in lows[k + 1 : mention.first])
    return False


def honorary_consul(builder: EventBuilder, mention: NameMention) -> bool:
    """An honorary consul is no official of either side ("почетный консул Казахстана в Милане Р"):
    he is on neither side of the event, even joined to a participant ("посол Р и почетный консул
    С встретились ..."); `EventBuilder.allowed` asks this first."""
    honorary, consul = builder.words["honorary_title_pattern"]
    chain = mention.chain.lower()
    return honorary in chain and consul in chain


MENTION_RULES: tuple[Callable[[EventBuilder, NameMention], bool], ...] = (
    agent_of_a_passive_participle,
    object_of_a_courtesy,
    author_of_a_message_passed_on,
    named_in_what_was_said,
    met_earlier_by_someone_described,
)


def is_bystander(builder: EventBuilder, mention: NameMention) -> bool:
    """True when a rule of ``MENTION_RULES`` finds the mention merely named."""
    return any(rule(builder, mention) for rule in MENTION_RULES)


# ---- a sentence's mentions together ------------------------------------------------------------


def teller_of_anothers_event(
    builder: EventBuilder, mentions: list[NameMention], sides: dict[int, str | None]
) -> set[int]:
    """The official who tells of an event that names officials of its own is no participant:
    "Официальный представитель МИД Р сообщил, что министр С провел переговоры с ...", "...,
    сообщил на брифинге официальный представитель МИД Р". Returns the ids of the tellers' mentions
    (not "Как сообщил посол Р во время встречи с ...": the teller's part holds the event)."""
    if not mentions:
        return set()
    lows = _lows(mentions[0])
    split = speech_split(builder, lows)
    if split is None:
        return set()
    teller, told = split
    if _event_words_in(builder, lows, teller) or not _event_words_in(builder, lows, told):
        return set()
    if not any(m.first in told and sides.get(id(m)) == "kz" for m in mentions):
        return set()
    return {id(m) for m in mentions if m.first in teller}  # a spokesman of either side


SENTENCE_RULES: tuple[Callable[[EventBuilder, list[NameMention], dict[int, str | None]], set[int]], ...] = (
    teller_of_anothers_event,
)


def bystanders_of_sentence(
    builder: EventBuilder, mentions: list[NameMention], sides: dict[int, str | None]
) -> set[int]:
    """Ids of the mentions that the rules of ``SENTENCE_RULES`` find merely named."""
    out: set[int] = set()
    for rule in SENTENCE_RULES:
        out |= rule(builder, mentions, sides)
    return out
