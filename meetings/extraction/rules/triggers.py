"""Event words of a clause: which tokens report a new event, which refer back to the event before.

The clause's tokens are read left to right. Each token is put to the rules of ``TOKEN_RULES`` in
order (order = precedence); the first rule that answers decides the token: ``Step.NEXT`` (the token
is read, go on with the next) or ``Step.STOP`` (the topic of the clause begins: nothing after it
reports an event). A rule that does not apply answers None. Rules record what they find in the
``TriggerScan``: new-event triggers and back-references, each (token index, category), the
category being one of `EventBuilder.category`'s ("meeting", "phone", "visit", ...).

After the walk, ``speech_without_session`` discards the speeches that name no session: all the
clause's triggers when they are all such speeches (kept aside as ``speeches``), else only them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import morph

if TYPE_CHECKING:
    from ..events import Clause, EventBuilder


_TOPIC_REACH = 10  # words between a talk verb and its partner's "с" at most
_OCCASION_REACH = 12  # words from what was said to the partner of the meeting it was said at


class Step(enum.Enum):
    NEXT = "next"  # the token is read: go on with the next one
    STOP = "stop"  # the clause's topic begins: no later token reports an event


@dataclass(slots=True)
class TriggerScan:
    """One walk over a clause in search of event words, and what it has found so far."""

    builder: EventBuilder
    clause: Clause
    blocked: set[int]  # tokens of people's names and titles
    lows: list[str]  # every token of the sentence, lower-case
    triggers: list[tuple[int, str]] = field(default_factory=list)
    backrefs: list[tuple[int, str]] = field(default_factory=list)
    in_frames: list[tuple[int, str]] = field(default_factory=list)  # "по итогам встречи": frames
    framed: bool = False  # inside "на полях ...", "в рамках ...": until the clause's verb
    described: bool = False  # inside ", находившимся в Нью-Йорке для участия в ...": a participle
    quoted: bool = False  # inside a quotation «...»
    quoted_topic: bool = False  # inside a quotation, after its own discussion word
    speeches: list[tuple[int, str]] = field(default_factory=list)  # "Выступили ...": no session named
    planned: bool = False  # an event word was read as a plan ("встретится")

    @property
    def words(self) -> dict[str, tuple[str, ...]]:
        return self.builder.lex.event_words

    def before(self, i: int, k: int) -> str:
        """The lower-case token ``k`` places before ``i`` ("" before the sentence's start)."""
        return self.lows[i - k] if i >= k else ""

    def pos(self, i: int) -> str:
        return morph.main_pos(self.clause.sentence.tokens[i].text)


TokenRule = Callable[[TriggerScan, int], "Step | None"]


def participle_phrase_opens(scan: TriggerScan, i: int) -> Step | None:
    """A comma before a participle opens a description of someone or something, whose event words
    are not the clause's: "Посол Дарын Кенесов, прибывший для участия в форуме, встретился ...",
    "реализации договоренностей, достигнутых на встречах Президента Р с ..."."""
    if scan.lows[i] == "," and i + 1 < scan.clause.hi and _opens_a_description(scan, i + 1):
        scan.described = True
        return Step.NEXT
    return None


def _opens_a_description(scan: TriggerScan, k: int) -> bool:
    """A participle, or an adjective the dictionary keeps for one followed by its preposition
    ("договоренностей, достигнутых на встречах ...")."""
    pos = scan.pos(k)
    if scan.lows[k].startswith(scan.words["relative_pronoun_stems"]):
        return False  # "..., которого у трапа приветствовал ...": a relative clause, with its own verb
    return pos == "PRTF" or (pos == "ADJF" and k + 1 < scan.clause.hi and scan.pos(k + 1) == "PREP")


def participle_phrase_runs(scan: TriggerScan, i: int) -> Step | None:
    """The description runs to the next comma or semicolon, which closes it."""
    if not scan.described:
        return None
    if scan.lows[i] in (",", ";"):
        scan.described = False
    return Step.NEXT


def frame_opens(scan: TriggerScan, i: int) -> Step | None:
    """A frame word opens a frame whose event words are not new events: "На полях саммита ...",
    "В рамках визита ..."."""
    if scan.lows[i] in scan.words["frame_preps"]:
        scan.framed = True
        return Step.NEXT
    return None


def frame_runs_to_the_verb(scan: TriggerScan, i: int) -> Step | None:
    """The frame runs to the clause's verb (or gerund) or a comma, which closes it and is read by
    the rules below: "В рамках форума Тимур Асанбаев встретился ...": "встретился" counts."""
    if not scan.framed:
        return None
    if scan.pos(i) in ("VERB", "GRND") or scan.lows[i] == ",":
        scan.framed = False
        return None
    _note_frame_word(scan, i)
    return Step.NEXT


def quotation_marks(scan: TriggerScan, i: int) -> Step | None:
    """Quotation marks open and close what someone said: in "«Мы обсудили торговлю», — сообщил
    посол по итогам телефонного разговора с ..." the quoted topic ends at "»"."""
    low = scan.lows[i]
    if low in scan.words["quote_opening_marks"] or (low == '"' and not scan.quoted):
        scan.quoted = True
        return Step.NEXT
    if low in scan.words["quote_closing_marks"] or low == '"':
        scan.quoted = scan.quoted_topic = False
        return Step.NEXT
    return None


def quoted_topic_runs(scan: TriggerScan, i: int) -> Step | None:
    """Inside a quotation, the words after its own discussion word are what was said."""
    return Step.NEXT if scan.quoted_topic else None


def talk_at_a_named_event(scan: TriggerScan, i: int) -> Step | None:
    """A discussion placed in an event whose participants follow it reports that event: "Вопросы
    транзита обсуждались в телефонном разговоре министра Р с ...", "обсуждалась в ходе встречи
    посла Р с ..."."""
    words = scan.words
    if not _discussion_word(scan, i):
        return None
    passed = set(words["also_words"] + words["conjunctions"] + words["session_preps"])
    passed |= set(words["backref_preps_before_adjective"])
    k = i + 1
    while k < min(scan.clause.hi, i + 4) and scan.lows[k] in passed:
        k += 1
    if k == i + 1 or k >= scan.clause.hi or scan.builder.category(scan.lows[k]) is None:
        return None
    first = k
    while k + 1 < scan.clause.hi and scan.builder.category(scan.lows[k + 1]) is not None:
        k += 1  # "в ходе телефонной беседы": event words in a row
    if not {k + 1, k + 2} & scan.blocked:
        return None  # "обсуждались на встрече": the event before, told again
    scan.triggers.append((first, scan.builder.category(scan.lows[first]) or "meeting"))
    return Step.STOP


def partner_before_the_talk(scan: TriggerScan, i: int) -> Step | None:
    """A clause that opens with its partner after "с" makes its talk word a meeting: "С министром
    Р посол обсудил ...", "С мэром Р обсуждались вопросы туризма" (not "С 1 по 3 марта ...")."""
    lo = scan.clause.lo
    if not (
        _discussion_word(scan, i)
        and scan.lows[i].startswith(scan.words["talk_with_stems"])
        and scan.lows[lo] in scan.words["with_preps"]
        and set(range(lo + 1, lo + 4)) & scan.blocked  # "С Генеральным секретарем Р"
    ):
        return None
    scan.triggers.append((i, "meeting"))
    return Step.STOP


def talk_with_a_partner_after_its_topic(scan: TriggerScan, i: int) -> Step | None:
    """A talk verb whose partner follows its topic or its medium reports a meeting, a call when a
    phone word comes between: "обсудил положение в регионе с президентом Р", "обсудил по
    телефону с министром Р ..."."""
    words = scan.words
    if not _discussion_word(scan, i) or not scan.lows[i].startswith(words["talk_with_stems"]):
        return None
    if scan.pos(i) not in ("VERB", "GRND"):
        return None
    end = min(scan.clause.hi, i + _TOPIC_REACH)
    for k in range(i + 1, end):
        if scan.lows[k] in (",", ";", ":", "«", '"'):
            return None
        if scan.lows[k] in words["with_preps"] and {k + 1, k + 2} & scan.blocked:
            between = [scan.builder.category(w) for w in scan.lows[i + 1 : k]]
            scan.triggers.append((i, "phone" if {"phone", "medium"} & set(between) else "meeting"))
            return Step.STOP
    return None


def said_at_a_meeting(scan: TriggerScan, i: int) -> Step | None:
    """ "рассказал во время встречи в Харькове с мэром Р", "заявил в ходе беседы с министром Р": what
    was said names the meeting it was said at, with its partner; that meeting is the news."""
    words = scan.words
    if not scan.lows[i].startswith(scan.builder.st["discussion_stems"] + words["speech_verb_stems"]):
        return None
    hi = min(scan.clause.hi, i + _OCCASION_REACH)
    for k in range(i + 1, hi - 1):
        if scan.lows[k] in words["occasion_words"] and scan.builder.category(scan.lows[k + 1]) == "meeting":
            partners = (j for j in range(k + 2, hi) if scan.lows[j] in words["with_preps"])
            partner = any({j + 1, j + 2} & scan.blocked for j in partners)
            if partner:
                scan.triggers.append((k + 1, "meeting"))
                return Step.STOP
    return None


def topic_begins(scan: TriggerScan, i: int) -> Step | None:
    """A discussion word opens the topic; event words after it are what was discussed ("обсудили
    итоги визита"). "Обсудил с ...", "обменялся мнениями с ..." is itself a meeting; "как
    обсуждалось" is no discussion. Inside a quotation the topic ends with the quotation."""
    words = scan.words
    if not _discussion_word(scan, i):
        return None
    after = set(scan.lows[i + 1 : min(i + 3, scan.clause.hi)])
    if scan.lows[i].startswith(words["talk_with_stems"]) and set(words["with_preps"]) & after:
        scan.triggers.append((i, "meeting"))
    if scan.quoted:
        scan.quoted_topic = True
        return Step.NEXT
    return Step.STOP


def _discussion_word(scan: TriggerScan, i: int) -> bool:
    return (
        scan.lows[i].startswith(scan.builder.st["discussion_stems"])
        and i > scan.clause.lo
        and scan.before(i, 1) not in scan.words["comparison_words"]
    )


def inside_a_name(scan: TriggerScan, i: int) -> Step | None:
    """Words of a person's name and title are no event words: "председатель Совещания Олжас Бекмуратов"."""
    return Step.NEXT if i in scan.blocked else None


def welcome_on_arrival(scan: TriggerScan, i: int) -> Step | None:
    """A welcome at the airport is a meeting: "у трапа самолета его приветствовал премьер-министр"."""
    words = scan.words
    if not scan.lows[i].startswith(words["welcome_stems"]):
        return None
    clause = scan.lows[scan.clause.lo : scan.clause.hi]
    if not any(w.startswith(words["arrival_place_stems"]) for w in clause):
        return None
    scan.triggers.append((i, "meeting"))
    return Step.NEXT


def not_an_event_word(scan: TriggerScan, i: int) -> Step | None:
    """A word of no event category is passed over."""
    return Step.NEXT if scan.builder.category(scan.lows[i]) is None else None


def adjective_without_its_noun(scan: TriggerScan, i: int) -> Step | None:
    """An event adjective is an event word only before its noun: "в круглом столе" is a session,
    "прошли в Круглый зал" is not."""
    noun = scan.builder.lex.event_word_maps["event_adjectives"].get(scan.lows[i])
    if noun is None:
        return None
    return None if i + 1 < len(scan.lows) and scan.lows[i + 1].startswith(noun) else Step.NEXT


def recalled_event(scan: TriggerScan, i: int) -> Step | None:
    """Event words after a recall verb are background: "Он напомнил, что министры встречались в
    Риме"."""
    stems = scan.words["recall_stems"]
    return Step.NEXT if any(w.startswith(stems) for w in scan.lows[:i]) else None


def took_part_not_received(scan: TriggerScan, i: int) -> Step | None:
    """ "принял участие в заседании": "принял" is no reception; the participation word after it
    decides."""
    if (
        scan.builder.category(scan.lows[i]) == "meeting"
        and i + 1 < len(scan.lows)
        and scan.lows[i + 1].startswith(scan.words["participation_object_stems"])
    ):
        return Step.NEXT
    return None


def accepted_not_received(scan: TriggerScan, i: int) -> Step | None:
    """ "принял приглашение", "приняла данное предложение": a proposal accepted is no reception."""
    words = scan.words
    if (
        scan.lows[i].startswith(words["received_stems"])
        and scan.builder.category(scan.lows[i]) == "meeting"
        and any(w.startswith(words["accepted_object_stems"]) for w in scan.lows[i + 1 : i + 3])
    ):
        return Step.NEXT
    return None


def event_word_as_topic(scan: TriggerScan, i: int) -> Step | None:
    """An event talked about is no event: "рассказал о встрече", "об итоговой встрече"; but one told
    of with its partner right after it is the teller's own news: "Аким Р сообщил о встрече с послом
    С"."""
    words = scan.words
    if scan.before(i, 1) in words["topic_preps_before_noun"] or scan.before(i, 2) in words["topic_preps"]:
        partner_after = (
            i + 1 < scan.clause.hi
            and scan.lows[i + 1] in words["with_preps"]
            and {i + 2, i + 3} & scan.blocked
            and scan.builder.category(scan.lows[i]) == "meeting"
            and any(w.startswith(words["told_own_news_stems"]) for w in scan.lows[scan.clause.lo : i])
        )
        if not partner_after:
            return Step.NEXT
    return None


def event_word_in_a_frame(scan: TriggerScan, i: int) -> Step | None:
    """An event word right after a frame word names the frame: "на полях саммита", "по итогам
    переговоров"; a verb after it is the clause's own ("накануне встретился")."""
    frames = scan.words["frame_preps"]
    prev, prev2 = scan.before(i, 1), scan.before(i, 2)
    if scan.pos(i) != "VERB" and (prev in frames or (prev2 in frames and prev != ",")):
        _note_frame_word(scan, i)
        return Step.NEXT
    return None


def _note_frame_word(scan: TriggerScan, i: int) -> None:
    """Keep an event word of a frame: the clause may have no event of its own ("По итогам встречи
    с министром Р посол заявил ...")."""
    category = scan.builder.category(scan.lows[i])
    if category is not None and i not in scan.blocked:
        scan.in_frames.append((i, category))


def quoted_event_naming_nobody(scan: TriggerScan, i: int) -> Step | None:
    """An event word inside a quotation that names nobody speaks of the event reported, or of
    others': «Ваша встреча со мной — хорошая прелюдия к визиту», — сказал президент; "итоги
    саммитов", - заявил министр в ходе беседы с Р."""
    category = scan.builder.category(scan.lows[i])
    if not scan.quoted or category is None or set(_quotation_around(scan, i)) & scan.blocked:
        return None
    scan.backrefs.append((i, category))
    return Step.NEXT


def _quotation_around(scan: TriggerScan, i: int) -> range:
    """The token range of the quotation that holds token ``i`` (within the clause)."""
    marks = set(scan.words["quote_opening_marks"]) | set(scan.words["quote_closing_marks"]) | {'"'}
    lo = next((k for k in range(i - 1, scan.clause.lo - 1, -1) if scan.lows[k] in marks), scan.clause.lo)
    hi = next((k for k in range(i + 1, scan.clause.hi) if scan.lows[k] in marks), scan.clause.hi)
    return range(lo, hi)


def planned_event(scan: TriggerScan, i: int) -> Step | None:
    """A plan is no event: "договорились провести встречу", "встретится", "Переговоры состоятся
    осенью"."""
    if scan.builder.is_planned(scan.lows, i, scan.blocked):
        scan.planned = True
        return Step.NEXT
    return None


def session_of_a_home_body(scan: TriggerScan, i: int) -> Step | None:
    """A session of a home body is no diplomacy: "провел заседание правительства", "на заседании
    коллегии МИД", "на пленарном заседании верхней палаты" (over adjectives), unless a foreign
    name follows the chamber ("заседании нижней палаты парламента Японии")."""
    if scan.builder.category(scan.lows[i]) != "multilateral":
        return None
    k = i + 1
    session = ("ADJF", "multilateral")  # "пленарном заседании верхней палаты": over the session's words
    while k < len(scan.lows) and (scan.pos(k) in session or scan.builder.category(scan.lows[k]) in session):
        k += 1
    bodies = scan.words["home_bodies"]
    if k >= len(scan.lows) or not (scan.lows[k] in bodies or f"{scan.lows[k - 1]} {scan.lows[k]}" in bodies):
        return None
    tokens = scan.clause.sentence.tokens
    after = [t.text for t in tokens[k + 1 : k + 4] if t.text[:1].isupper()]
    return None if set(after) - set(scan.words["home_body_complements"]) else Step.NEXT


def sent_message(scan: TriggerScan, i: int) -> Step | None:
    """An event word after a message sent names its addressees or topic: "направил обращение к
    участникам конференции", "передал послание участникам форума"."""
    words = scan.words
    for k in range(max(scan.clause.lo, i - 4), i):
        if (
            scan.lows[k].startswith(words["message_noun_stems"])
            and k > 0
            and scan.lows[k - 1].startswith(words["passing_verb_stems"] + words["sending_verb_stems"])
        ):
            return Step.NEXT
    return None


def received_by_a_host(scan: TriggerScan, i: int) -> Step | None:
    """ "был на приеме у министра", "на аудиенции у короля": a reception word followed by "у" and
    its host reports a new reception, not the event before; "на новогоднем приеме" (no "у" and
    host after it) is left to the other rules."""
    words = scan.words
    if (
        scan.lows[i] in words["hosted_event_words"]
        and scan.before(i, 1) in words["session_preps"]
        and i + 1 < scan.clause.hi
        and scan.lows[i + 1] in words["host_preps"]
    ):
        scan.triggers.append((i, "meeting"))
        return Step.NEXT
    return None


def back_reference(scan: TriggerScan, i: int) -> Step | None:
    """ "В ходе встречи", "на встрече" refer to the event before; "на встрече с руководством
    университета" (an unnamed group) is a new one."""
    words = scan.words
    if (
        scan.builder.category(scan.lows[i]) == "meeting"
        and (
            scan.before(i, 1) in words["backref_preps"]
            or scan.before(i, 2) in words["backref_preps_before_adjective"]
        )
        and not scan.builder.is_with_group(scan.clause.sentence.tokens, i)
    ):
        scan.backrefs.append((i, "meeting"))
        return Step.NEXT
    return None


def courtesy_call(scan: TriggerScan, i: int) -> Step | None:
    """A courtesy visit is paid to a person, so it is a meeting: "нанес визит вежливости
    губернатору Р"."""
    if (
        scan.builder.category(scan.lows[i]) == "visit"
        and i + 1 < len(scan.lows)
        and scan.lows[i + 1] in scan.words["courtesy_words"]
    ):
        scan.triggers.append((i, "meeting"))
        return Step.NEXT
    return None


def new_event_word(scan: TriggerScan, i: int) -> Step | None:
    """Any other event word reports a new event of its category: "встретился", "посетил",
    "провел телефонный разговор"."""
    category = scan.builder.category(scan.lows[i])
    if category is None:
        return None
    scan.triggers.append((i, category))
    return Step.NEXT


TOKEN_RULES: tuple[TokenRule, ...] = (
    participle_phrase_opens,
    participle_phrase_runs,
    frame_opens,
    frame_runs_to_the_verb,
    quotation_marks,
    quoted_topic_runs,
    talk_at_a_named_event,
    partner_before_the_talk,
    talk_with_a_partner_after_its_topic,
    said_at_a_meeting,
    topic_begins,
    inside_a_name,
    received_by_a_host,
    welcome_on_arrival,
    not_an_event_word,
    adjective_without_its_noun,
    recalled_event,
    took_part_not_received,
    accepted_not_received,
    event_word_as_topic,
    event_word_in_a_frame,
    planned_event,
    quoted_event_naming_nobody,
    session_of_a_home_body,
    sent_message,
    back_reference,
    courtesy_call,
    new_event_word,
)


def speech_without_session(scan: TriggerScan, i: int, category: str) -> bool:
    """A speech with no session after it is no event: "выступила с лекцией перед студентами" (but
    "выступил на форуме" is one)."""
    words = scan.words
    return (
        category == "participation"
        and scan.lows[i].startswith(words["speech_stems"])
        and not set(words["session_preps"]) & set(scan.lows[i + 1 : i + 3])
    )


def _answer(scan: TriggerScan, i: int) -> Step:
    for rule in TOKEN_RULES:
        step = rule(scan, i)
        if step is not None:
            return step
    return Step.NEXT


def scan_triggers(builder: EventBuilder, clause: Clause, blocked: set[int]) -> TriggerScan:
    """The walk over the clause, read before its topic part: its new-event triggers,
    back-references and the event words of its frames."""
    scan = TriggerScan(builder, clause, blocked, [t.text.lower() for t in clause.sentence.tokens])
    for i in range(clause.lo, clause.hi):
        if _answer(scan, i) is Step.STOP:
            break
    speeches = [t for t in scan.triggers if speech_without_session(scan, *t)]
    if speeches and len(speeches) == len(scan.triggers):
        scan.speeches, scan.triggers = scan.triggers, []
    elif speeches:  # "встретился с ректором Р и выступил перед студентами с лекцией": the meeting
        scan.triggers = [t for t in scan.triggers if t not in speeches]
    return scan
