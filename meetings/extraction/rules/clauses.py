"""What one clause adds to the bulletin's events: the clause rules of `EventBuilder._clause`.

A clause is read in two steps. First every rule of ``READING_RULES`` runs in order; each may
settle the clause's event words differently from the token rules (``rules/triggers.py``): a
plural talk verb after both sides, a shared verb after ", а также". Then the rules of
``OUTCOME_RULES`` are asked in order (order = precedence); the first that applies settles the
clause (it answers True): it opens events, adds people or sentences to the event before, or
decides that the clause adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .. import morph
from ..drafts import Draft
from .parts import parts_of, states_met_apart

if TYPE_CHECKING:
    from ..events import Clause, EventBuilder
    from ..people import NameMention, Person
    from ..text import Sentence, Token

Trigger = tuple[int, str]  # (token index, category)


@dataclass(eq=False)
class ClauseContext:
    """One clause being read: its people, its event words and the events reported before it."""

    builder: EventBuilder
    clause: Clause
    blocked: set[int]  # tokens of people's names and titles
    triggers: list[Trigger]  # new-event words
    backrefs: list[Trigger]  # words referring to the event before ("в ходе встречи")
    kz: list[NameMention]  # our officials taking part
    cp: list[NameMention]  # counterparts taking part
    people: list[Person]
    timeline: list[tuple[int, int, int]]  # (start, paragraph, person) of our officials named
    drafts: list[Draft]  # the bulletin's events so far; the rules append to it
    in_frames: list[Trigger] = field(default_factory=list)  # event words of frames ("по итогам встречи")
    speeches: list[Trigger] = field(default_factory=list)  # "Выступили ...", no session named
    planned: bool = False  # an event word of the clause was read as a plan
    lows: list[str] = field(init=False)  # the clause's tokens, lower-case
    text_low: str = field(init=False)
    joins: bool = field(init=False)  # "участвовал", "при участии": people join an event
    last: Draft | None = field(init=False)  # the event reported last before the clause

    def __post_init__(self) -> None:
        self.lows = [t.text.lower() for t in self.tokens[self.clause.lo : self.clause.hi]]
        self.text_low = " ".join(self.lows)
        self.joins = any(s in self.text_low for s in self.builder.st["join_stems"])
        self.last = self.drafts[-1] if self.drafts else None

    @property
    def sentence(self) -> Sentence:
        return self.clause.sentence

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.clause.sentence.tokens

    @property
    def words(self) -> dict[str, tuple[str, ...]]:
        return self.builder.lex.event_words

    @property
    def kind(self) -> str | None:
        """The kind the clause's event words give (read once the reading rules have run)."""
        return kind_of([c for _, c in self.triggers])

    @cached_property
    def kz_ref(self) -> str | None:
        """The word by which the clause refers to our official ("посол", "он"), or None."""
        ref = self.builder.kz_reference(self.clause, self.blocked)
        if ref is None and not self.kz:
            ref = object_pronoun_before_received(self) or talk_without_a_subject(self)
        return ref

    @cached_property
    def inherited_kz(self) -> list[int]:
        """Our officials of the clause before in the same sentence, when this clause goes on with
        their verb: "встретилась с послом Р, а также провела беседу с послом С"."""
        last = self.last
        inherited = (
            not self.kz
            and self.kz_ref is None
            and self.clause.lo > 0
            and last is not None
            and self.sentence in last.sentences
            and last.kz
            and not any(allowed_subject(m) and m.cases for m in self.cp)
        )
        return list(last.kz) if inherited and last is not None else []

    @property
    def kz_joining(self) -> list[NameMention]:
        """Our officials named who can join the event before: not the one who tells of it ("Как
        пояснил официальный представитель МИД ..., на встрече обсуждались ...")."""
        return [m for m in self.kz if not self.builder.is_speaker(m)]

    @property
    def lacks_our_side(self) -> bool:
        """No Kazakh official named, referred to or inherited."""
        return not self.kz and self.kz_ref is None and not self.inherited_kz


def object_pronoun_before_received(ctx: ClauseContext) -> str | None:
    """ "Его принял наследный принц ...": the object pronoun is the official just named; returns it
    as the clause's reference word."""
    words = ctx.words
    for i, _ in ctx.triggers:
        if (
            i > ctx.clause.lo
            and ctx.tokens[i - 1].text.lower() in words["object_pronouns"]
            and ctx.tokens[i].text.lower().startswith(words["received_stems"])
        ):
            return ctx.tokens[i - 1].text.lower()
    return None


def talk_without_a_subject(ctx: ClauseContext) -> str | None:
    """ "Вопросы энергетики обсуждались с министром Р", "были рассмотрены с ее директором Р",
    "Беседа с комиссаром Р была посвящена ...": a talk whose only people are partners after "с"
    has the official the bulletin is about as its actor; returns the clause's event word."""
    words = ctx.words
    if not ctx.triggers or not ctx.cp or not any(s < ctx.sentence.start for s, _, _ in ctx.timeline):
        return None  # no official of ours named before: nobody to hold the talk
    if not all(m.governor in words["comitative_governors"] or m.coordinated for m in ctx.cp):
        return None
    first = ctx.triggers[0][0]
    impersonal = set(words["impersonal_talk_words"]) & set(ctx.lows)
    opens = first == ctx.clause.lo and morph.main_pos(ctx.tokens[first].text) == "NOUN"
    fronted = ctx.lows[0] in words["with_preps"]  # "С министром Р гости говорили о ..."
    return ctx.tokens[first].text.lower() if impersonal or opens or fronted else None


# ---- reading rules: settle the clause's event words -------------------------------------------


def talk_between_sides(ctx: ClauseContext) -> None:
    """Both sides named as subjects of a plural talk verb met: "Аскар Жумабеков и его коллега
    Йонас Ларссон обсудили ...", "Губернатор Р и казахстанский посол обсудили ..." (our side
    named by a reference)."""
    if ctx.triggers or not ctx.cp:
        return
    if not ctx.kz and ctx.builder.kz_reference(ctx.clause, ctx.blocked) is None:
        return  # (not ``ctx.kz_ref``: it is read once the reading rules have settled the event words)
    last_name = max(m.last for m in ctx.kz + ctx.cp)
    for i in range(last_name, min(ctx.clause.hi, last_name + 4)):
        if ctx.tokens[i].text.lower().startswith(ctx.words["plural_talk_stems"]):
            if all(allowed_subject(m) for m in ctx.kz + ctx.cp):
                ctx.triggers = [(last_name, "meeting")]
            return


def participation_joins_the_event_before(ctx: ClauseContext) -> None:
    """ "В переговорах также принял участие посол ...": a participation word after a
    back-reference adds people to the event before; it opens none. So does one with "также" and
    nobody named ("в работе приняли участие также представители министерств")."""
    if not (ctx.triggers and all(c == "participation" for _, c in ctx.triggers) and ctx.drafts):
        return
    also_unnamed = not ctx.kz and not ctx.cp and set(ctx.words["also_words"]) & set(ctx.lows)
    if ctx.backrefs or also_unnamed:
        ctx.triggers, ctx.joins = [], True


def shared_verb_after_a_takzhe(ctx: ClauseContext) -> None:
    """ "встретился с губернатором Ансельмо Ривасом, а также с председателем Марко Дзанетти": the
    clause after ", а также" shares the verb, and so the kind, of the event just opened."""
    last, lo = ctx.last, ctx.clause.lo
    if (
        not ctx.triggers
        and ctx.cp
        and not ctx.kz
        and lo > 0
        and ctx.lows[0] in ctx.words["also_words"]
        and ctx.tokens[lo - 1].text.lower() in ctx.words["clause_conjunctions"]
        and last is not None
        and ctx.sentence in last.sentences
        and last.kz
    ):
        ctx.triggers = [(lo, last.kind)]


def frame_is_the_news(ctx: ClauseContext) -> None:
    """ "По итогам встречи с министром Йонасом Ларссоном посол Аскар Жумабеков заявил ...", "После
    церемонии вручения верительных грамот послу Р министр С заявил ...": a clause with no event
    of its own and both sides named reports the event of its frame (not when its own event is a
    plan: "встретится с Р на полях саммита")."""
    if not ctx.triggers and not ctx.backrefs and not ctx.planned and ctx.in_frames and ctx.kz and ctx.cp:
        ctx.triggers = ctx.in_frames[:1]


def partner_fronted(ctx: ClauseContext) -> None:
    """ "С заместителем председателя Р речь шла о ...", "С мэром Р — о туризме": a clause that opens
    with its partner after "с" and has no event word of its own reports a meeting with him."""
    lo = ctx.clause.lo
    if ctx.triggers or ctx.backrefs or ctx.kz or not ctx.cp or ctx.lows[0] not in ctx.words["with_preps"]:
        return
    first = min(ctx.cp, key=lambda m: m.first)
    if first.governor in ctx.words["comitative_governors"] and first.gov_index == lo:
        ctx.triggers = [(lo, "meeting")]


READING_RULES: tuple[Callable[[ClauseContext], None], ...] = (
    frame_is_the_news,
    talk_between_sides,
    participation_joins_the_event_before,
    shared_verb_after_a_takzhe,
    partner_fronted,
)


# ---- outcome rules: the first that applies settles the clause ----------------------------------


def restated_event(ctx: ClauseContext) -> bool:
    """ "Встреча посла с испанским министром состоялась в Мадриде": the event just reported, told
    again; the sentence joins it."""
    last, triggers = ctx.last, ctx.triggers
    if not (
        triggers
        and not ctx.cp
        and triggers[0][0] == ctx.clause.lo
        and not ctx.builder.is_with_group(ctx.tokens, triggers[0][0])  # "Встреча с представителями"
        and last is not None
        and last.cps
        and last.kz
        and last.kind == ctx.kind
        and last.paragraph >= ctx.sentence.paragraph - 1
        and any(w.startswith(ctx.words["took_place_stems"]) for w in ctx.lows)
    ):
        return False
    last.add_sentence(ctx.sentence)
    return True


def another_encounter_of_our_official(ctx: ClauseContext) -> bool:
    """ "Посол встретился с министром Р. Также состоялась встреча с мэром С.": an event that "took
    place" with new foreign people after "с", nobody holding it, after an event of ours in the
    paragraph: one more event of the same officials. People already met restate the event before;
    "российский премьер провел встречу с ..." has a holder of its own and is not ours."""
    last = ctx.last
    if not (
        ctx.triggers
        and ctx.lacks_our_side
        and ctx.cp
        and not ctx.joins
        and not ctx.backrefs
        and ctx.kind == "meeting"
        and any(w.startswith(ctx.words["took_place_stems"]) for w in ctx.lows)
        and last is not None
        and last.kz
        and last.paragraph == ctx.sentence.paragraph
        and all(m.governor in ctx.words["with_preps"] for m in ctx.cp)
        and not {m.person for m in ctx.cp} & set(last.cps)
    ):
        return False
    draft = Draft("meeting", list(last.kz), [], [ctx.sentence], ctx.sentence.paragraph)
    join(draft, ctx.sentence, [], ctx.cp)
    draft.tokens = (ctx.clause.lo, ctx.clause.hi)
    ctx.drafts.append(draft)
    return True


def foreign_side_only(ctx: ClauseContext) -> bool:
    """An event word and foreign people, no official of ours: they join the event they continue
    ("В обсуждении приняли участие ..."), or open one whose Kazakh side a later sentence names."""
    if not (ctx.triggers and ctx.lacks_our_side and ctx.cp):
        return False
    _without_our_side(ctx)
    return True


def consultations_named_later(ctx: ClauseContext) -> bool:
    """ "Состоялись консультации между МИД Казахстана и Турции": an event whose delegations the next
    sentence names ("Казахстанскую делегацию возглавил ...")."""
    words = ctx.words
    if not (
        ctx.triggers
        and ctx.lacks_our_side
        and not ctx.backrefs
        and any(s in ctx.text_low for s in words["kz_country_stems"])
        and any(w.startswith(words["took_place_stems"] + words["held_stems"]) for w in ctx.lows)
    ):
        return False
    draft = Draft(ctx.kind or "meeting", [], [], [ctx.sentence], ctx.sentence.paragraph)
    draft.tokens = (ctx.clause.lo, ctx.clause.hi)
    ctx.drafts.append(draft)
    return True


def session_named_before_its_people(ctx: ClauseContext) -> bool:
    """ "В Вене прошло заседание Совета министров ОБСЕ.": a session whose speakers or members the
    next sentences name ("Выступили ...", "Заседание вел ...")."""
    words = ctx.words
    if not (
        ctx.triggers
        and ctx.kind == "talks_multilateral"
        and ctx.lacks_our_side
        and not ctx.cp
        and not ctx.backrefs
        and any(w.startswith(words["took_place_stems"] + words["held_stems"]) for w in ctx.lows)
    ):
        return False
    draft = Draft("talks_multilateral", [], [], [ctx.sentence], ctx.sentence.paragraph)
    draft.tokens = (ctx.clause.lo, ctx.clause.hi)
    ctx.drafts.append(draft)
    return True


def meeting_with_a_group(ctx: ClauseContext) -> bool:
    """ "На встрече с представителями агентства обсуждались ...", "В беседе с деловыми кругами ...":
    a meeting with an unnamed group and no subject of its own is held by the official the bulletin
    is about (the last one named before)."""
    tokens = ctx.tokens
    with_group = [
        i for i, c in ctx.triggers + ctx.backrefs if c == "meeting" and ctx.builder.is_with_group(tokens, i)
    ]
    planned = ctx.builder.st["planned_markers"]
    if not with_group or not ctx.lacks_our_side or ctx.cp or any(w.startswith(planned) for w in ctx.lows):
        return False
    kz_people = ctx.builder.actor(ctx.sentence.start, ctx.sentence.paragraph, ctx.timeline, ctx.people, None)
    if not kz_people:
        return False
    draft = Draft("meeting", kz_people, [], [ctx.sentence], ctx.sentence.paragraph)
    draft.tokens = (ctx.clause.lo, ctx.clause.hi)
    ctx.drafts.append(draft)
    return True


def event_without_participants(ctx: ClauseContext) -> bool:
    """An event word with nobody to take part ("Состоялась встреча."): nothing is recorded."""
    return bool(ctx.triggers) and ctx.lacks_our_side


def new_event(ctx: ClauseContext) -> bool:
    """An event word with our official (named, referred to as "посол", or the subject of the clause
    before): one event per part of the clause (``rules/parts.py``), "Посол Аскар Жумабеков
    встретился с министром Йонасом Ларссоном"."""
    if not ctx.triggers:
        return False
    apart = states_met_apart(ctx)  # "двусторонние встречи с министрами Австрии и Канады"
    for state, person in apart:
        draft = _draft_of_part(ctx, None, [])
        draft.apart = True
        if person is None:
            draft.state = state
        else:
            draft.cps = [person]
        ctx.drafts.append(draft)
    if apart:
        return True
    for part_kind, part_cp in parts_of(ctx):
        ctx.drafts.append(_draft_of_part(ctx, part_kind, part_cp))
    return True


def back_reference_turns_a_visit_into_talks(ctx: ClauseContext) -> bool:
    """ "В ходе переговоров ..." after a visit, nobody named: the visit held talks."""
    last = ctx.last
    if ctx.kz or ctx.cp or last is None or not ctx.backrefs or last.kind != "visit":
        return False
    last.kind = "meeting"
    last.add_sentence(ctx.sentence)
    return True


def back_reference_tells_the_topics(ctx: ClauseContext) -> bool:
    """ "В ходе встречи стороны обсудили ...", nobody named: what the event before was about."""
    last = ctx.last
    if ctx.kz or ctx.cp or last is None or not ctx.backrefs or ctx.sentence in last.context:
        return False
    last.context.append(ctx.sentence)
    return True


def nobody_named(ctx: ClauseContext) -> bool:
    """A clause without people and event words adds nothing here (``build`` may keep it as
    context)."""
    return not (ctx.kz or ctx.cp)


def back_reference_names_the_counterparts(ctx: ClauseContext) -> bool:
    """ "Посол посетил университет. На встрече с ректором Лукасом Фербером ...": the counterparts
    of the event before (in the paragraph) that had none; a visit with them held talks."""
    last = ctx.last
    if not (
        ctx.backrefs
        and ctx.cp
        and last is not None
        and last.paragraph == ctx.sentence.paragraph
        and not last.cps
        and not (len(ctx.cp) > 1 and _plural_backref(ctx))
    ):
        return False
    if last.kind == "visit":
        last.kind = "meeting"
    join(last, ctx.sentence, ctx.kz_joining, ctx.cp)
    return True


def back_reference_opens_a_meeting(ctx: ClauseContext) -> bool:
    """ "В ходе встречи с министром Йонасом Ларссоном посол Аскар Жумабеков обсудил ...": an event
    first told through a back-reference; "в ходе бесед с Р, С и Т" tells one with each."""
    if not (ctx.backrefs and ctx.cp and not ctx.joins):
        return False
    kz_people = unique([m.person for m in ctx.kz]) or ctx.builder.actor(
        ctx.sentence.start, ctx.sentence.paragraph, ctx.timeline, ctx.people, _reference_word(ctx)
    )
    groups = [[m] for m in ctx.cp] if _plural_backref(ctx) else [ctx.cp]  # "в ходе бесед с Р и С"
    for group in groups:
        draft = Draft("meeting", list(kz_people), [], [ctx.sentence], ctx.sentence.paragraph)
        for m in ctx.kz + group:
            draft.mentions.setdefault(m.person, m)
        draft.cps = unique([m.person for m in group])
        draft.kz_unnamed = not kz_people
        draft.tokens = (ctx.clause.lo, ctx.clause.hi)
        draft.neutral = _neutral(ctx, ctx.backrefs)
        ctx.drafts.append(draft)
    return True


def delegation_heads_meet(ctx: ClauseContext) -> bool:
    """ "Турецкую делегацию возглавил Р, казахстанскую — С", "Делегации возглавляли С и Р": the heads
    of the two delegations met. They join an event just reported that waits for its people, else
    open a meeting of their own."""
    words, last = ctx.words, ctx.last
    if not (
        ctx.kz
        and ctx.cp
        and not ctx.triggers
        and any(w.startswith(words["delegation_lead_stems"]) for w in ctx.lows)
        and set(words["delegation_words"]) & set(ctx.lows)
    ):
        return False
    if last is not None and not last.kz and not last.cps and last.paragraph >= ctx.sentence.paragraph - 1:
        join(last, ctx.sentence, ctx.kz_joining, ctx.cp)
        return True
    draft = Draft("meeting", [], [], [ctx.sentence], ctx.sentence.paragraph)
    draft.tokens = (ctx.clause.lo, ctx.clause.hi)
    join(draft, ctx.sentence, ctx.kz, ctx.cp)
    ctx.drafts.append(draft)
    return True


def speakers_join_the_session_before(ctx: ClauseContext) -> bool:
    """ "В Вене прошло заседание ... Выступили министр С, министр Р ...": speakers named after a
    session join it (not after a meeting: "Выступили также студенты")."""
    last = ctx.last
    if not (
        ctx.speeches
        and not ctx.triggers
        and (ctx.kz or ctx.cp)
        and last is not None
        and last.kind == "talks_multilateral"
        and last.paragraph >= ctx.sentence.paragraph - 1
    ):
        return False
    join(last, ctx.sentence, ctx.kz_joining, ctx.cp)
    return True


def people_join_the_event_before(ctx: ClauseContext) -> bool:
    """ "Во встрече также участвовал советник Жан Моро", "В ходе беседы Ларссон отметил ...": the
    people named take part in the event before."""
    if ctx.last is None or not (ctx.joins or ctx.backrefs):
        return False
    join(ctx.last, ctx.sentence, ctx.kz_joining, ctx.cp)
    return True


def host_of_the_visit(ctx: ClauseContext) -> bool:
    """ "Посол посетил университет. Ректор университета Лукас Фербер рассказал ...": the host of the
    visit just reported, named in the nominative, is its counterpart."""
    last = ctx.last
    if not (
        last is not None
        and last.kind == "visit"
        and not last.cps
        and last.paragraph == ctx.sentence.paragraph
        and ctx.cp
        and not ctx.kz
        and all(m.cases and "nomn" in m.cases for m in ctx.cp)
    ):
        return False
    join(last, ctx.sentence, ctx.kz, ctx.cp)
    return True


def our_own_official_received(ctx: ClauseContext) -> bool:
    """ "Президент Р принял министра иностранных дел С, который доложил ...": our official receiving
    another of ours, nobody of the other side, is home business, no event."""
    received = ctx.words["received_stems"]
    return (
        bool(ctx.triggers)
        and not ctx.cp
        and len({m.person for m in ctx.kz}) > 1
        and all(c == "meeting" for _, c in ctx.triggers)
        and any(m.governor.startswith(received) and m.cases & {"accs", "gent"} for m in ctx.kz)
    )


OUTCOME_RULES: tuple[Callable[[ClauseContext], bool], ...] = (
    our_own_official_received,
    restated_event,
    another_encounter_of_our_official,
    foreign_side_only,
    consultations_named_later,
    session_named_before_its_people,
    meeting_with_a_group,
    event_without_participants,
    new_event,
    back_reference_turns_a_visit_into_talks,
    back_reference_tells_the_topics,
    nobody_named,
    back_reference_names_the_counterparts,
    back_reference_opens_a_meeting,
    delegation_heads_meet,
    speakers_join_the_session_before,
    people_join_the_event_before,
    host_of_the_visit,
)


def read_clause(ctx: ClauseContext) -> None:
    """Run the reading rules, then the first outcome rule that applies."""
    for reading in READING_RULES:
        reading(ctx)
    for outcome in OUTCOME_RULES:
        if outcome(ctx):
            for draft in ctx.drafts:  # the drafts it opened remember it (confidence.py reads it)
                draft.origin = draft.origin or outcome.__name__
            return


def _draft_of_part(ctx: ClauseContext, part_kind: str | None, part_cp: list[NameMention]) -> Draft:
    kind = part_kind or ctx.kind
    if kind == "talks_multilateral":
        # "по приглашению председателя Р приняла участие в заседании": Р invited, and is not
        # reported taking part
        stems = ctx.words["invitation_governor_stems"]
        part_cp = [m for m in part_cp if not m.governor.startswith(stems)]
    sentence, lo = ctx.sentence, ctx.clause.lo
    kz_people = (
        unique([m.person for m in ctx.kz])
        or ctx.inherited_kz
        or _implied_team(ctx)
        or ctx.builder.actor(ctx.tokens[lo].start, sentence.paragraph, ctx.timeline, ctx.people, ctx.kz_ref)
    )
    draft = Draft(kind or "meeting", kz_people, [], [sentence], sentence.paragraph)
    draft.kz_unnamed = not kz_people
    for m in ctx.kz:
        draft.mentions.setdefault(m.person, m)
    for m in part_cp:
        if m.person not in draft.cps:
            draft.cps.append(m.person)
            draft.mentions.setdefault(m.person, m)
    if not draft.cps and ctx.kz:
        draft.cps.extend(partner_by_pronoun(ctx) or partner_by_title(ctx))
    elif not draft.cps and ctx.kz_ref:
        draft.cps.extend(partner_by_title(ctx))
    summary = ctx.builder.st["summary_markers"]
    draft.summary = any(f" {s} " in f" {ctx.text_low} " for s in summary) and not part_cp
    draft.tokens = (lo, ctx.clause.hi)
    draft.neutral = _neutral(ctx, ctx.triggers)
    if any(c == "participation" for _, c in ctx.triggers):
        draft.session = next(
            (ctx.tokens[i].text.lower()[:5] for i, c in ctx.triggers if c == "multilateral"), None
        )
    return draft


def partner_by_pronoun(ctx: ClauseContext) -> list[int]:
    """ "Посол Германии Р посетил Актау. Там он встретился с акимом С", "..., где с ним встретился
    заместитель министра С": with our official named, a pronoun stands for the counterpart named
    last before the clause in its paragraph."""
    pronouns = set(ctx.words["partner_pronouns"])
    if not pronouns & set(ctx.lows):
        return []
    start, paragraph = ctx.tokens[ctx.clause.lo].start, ctx.sentence.paragraph
    before = [
        (m.start, person.index)
        for person in ctx.people
        if person.side != "kz"
        for m in person.mentions
        if m.start < start and m.sentence.paragraph == paragraph
    ]
    return [max(before)[1]] if before else []


def partner_by_title(ctx: ClauseContext) -> list[int]:
    """ "Генсека ОДКБ принял Президент Р", "Казахстанский дипломат передал белорусскому генконсулу
    экзекватуру": with our side named or referred to, a bare title word (not the one naming ours)
    stands for the counterpart named before with that title ("генеральный консул Беларуси С")."""
    start = ctx.tokens[ctx.clause.lo].start
    ours = _reference_word(ctx)  # "посол": the word our side is called by
    words = {
        lemma
        for k, t in enumerate(ctx.tokens[ctx.clause.lo : ctx.clause.hi], ctx.clause.lo)
        if k not in ctx.blocked and t.text.lower() != ours and _heads_its_phrase(ctx, k) and _singular(t.text)
        for lemma in ctx.builder.title_lemmas(t.text)
    }
    bodies = _bodies_headed(ctx)
    named = [
        (m.start, person.index)
        for person in ctx.people
        if person.side != "kz"
        for m in person.mentions  # any titled mention: the title line may name him first, untitled
        if m.head is not None
        and m.start < start
        and (
            ctx.builder.title_lemmas(m.sentence.tokens[m.head].text) & words
            or bodies & {w.lower() for w in m.chain.replace("(", " ").replace(")", " ").split()}
        )
    ]
    return [max(named)[1]] if named else []  # the one named last


def _bodies_headed(ctx: ClauseContext) -> set[str]:
    """The bodies a bare head word names in the clause: "главу МККК принял ..." gives {"мккк"}."""
    heads = set(ctx.words["head_title_lemmas"])
    tokens, out = ctx.tokens, set()
    for k in range(ctx.clause.lo, ctx.clause.hi - 1):
        if k not in ctx.blocked and morph.lemmas(tokens[k].text) & heads:
            body = tokens[k + 1].text
            if body.isupper() and len(body) >= 2:
                out.add(body.lower())
    return out


def _reference_word(ctx: ClauseContext) -> str | None:
    """The clause's word for our official ("дипломат"), when it is a word."""
    return ctx.kz_ref if isinstance(ctx.kz_ref, str) else None


def _singular(word: str) -> bool:
    """True when a reading of ``word`` is singular ("генконсулу"; not "с представителями")."""
    return any(p.tag.number != "plur" for p in morph.parses(word)[:2])


def _heads_its_phrase(ctx: ClauseContext, k: int) -> bool:
    """True when no noun but an event's governs the word at ``k`` (over its adjectives):
    "белорусскому генконсулу", "беседы генерального секретаря с ...", not "Управлением верховного
    комиссара"."""
    j = k - 1
    while j >= ctx.clause.lo and morph.main_pos(ctx.tokens[j].text) == "ADJF":
        j -= 1
    if j < ctx.clause.lo or morph.main_pos(ctx.tokens[j].text) != "NOUN":
        return True
    if j > ctx.clause.lo and morph.main_pos(ctx.tokens[j - 1].text) in ("PREP", "PRCL", "NPRO"):
        return True  # "в Астану индийского министра", "В тот же день турецкого министра": adverbials
    return ctx.builder.category(ctx.tokens[j].text.lower()) is not None


def _plural_backref(ctx: ClauseContext) -> bool:
    """ "в ходе бесед с ...", "на встречах с ...": the back-reference names several events."""
    plural = set(ctx.words["plural_backref_words"])
    return any(ctx.tokens[i].text.lower() in plural for i, _ in ctx.backrefs)


def _neutral(ctx: ClauseContext, words: list[Trigger]) -> bool:
    """True when every event word fits a call as well as a meeting ("беседа")."""
    neutral = ctx.words["neutral_talk_stems"]
    return bool(words) and all(ctx.tokens[i].text.lower().startswith(neutral) for i, _ in words)


def _implied_team(ctx: ClauseContext) -> list[int]:
    """ "Делегация во главе с Р и С находилась с визитом ... С сенатором Т гости говорили о ...": a
    talk without a subject is held by the officials of the event before, all of them."""
    last = ctx.last
    if ctx.kz or last is None or len(last.kz) < 2 or ctx.kz_ref is None:
        return []
    if ctx.kz_ref != talk_without_a_subject(ctx):
        return []
    return list(last.kz)


def _without_our_side(ctx: ClauseContext) -> None:
    """Foreign people join one of the last three events, or open one waiting for our side; a title
    word as subject ("генсек встретился с ...") names a foreigner mentioned before."""
    sentence, kind, cp = ctx.sentence, ctx.kind, ctx.cp
    joins = ctx.joins or bool(ctx.backrefs)
    for d in reversed(ctx.drafts[-3:]):
        if not d.kz and not d.cps:
            continue  # an event still waiting for its people is no one's continuation
        near = d.paragraph >= sentence.paragraph - 1
        session_joined = joins and d.kind == kind == "talks_multilateral"  # "Участвовавшая в круглом столе Р"
        if session_joined or (near and (joins or d.kind == kind == "talks_multilateral")):
            join(d, sentence, [], cp)
            return
    draft = Draft(kind or "meeting", [], [], [sentence], sentence.paragraph)
    join(draft, sentence, [], cp)
    synonyms = ctx.builder.lex.event_word_maps["title_synonyms"]
    words = ctx.tokens[ctx.clause.lo : ctx.clause.hi]
    subjects = {synonyms.get(t.text.lower(), t.text.lower()) for t in words[:8]}
    for person in ctx.people:
        info = person.info
        if person.side == "cp" and info and info.head is not None and info.start < sentence.start:
            head = morph.parses(info.sentence.tokens[info.head].text)[0].normal_form
            if head in subjects and person.index not in draft.cps:
                draft.cps.insert(0, person.index)
    ctx.drafts.append(draft)


# ---- helpers -------------------------------------------------------------------------------------


def kind_of(cats: list[str]) -> str | None:
    """The event kind of a clause's trigger categories (a call beats a session beats a meeting; an
    online medium is a call unless a session is held in it: "заседание в онлайн-формате")."""
    if "phone" in cats or ("medium" in cats and not {"participation", "multilateral"} & set(cats)):
        return "phone_call"
    if "participation" in cats or ("multilateral" in cats and "meeting" not in cats):
        return "talks_multilateral"
    if "meeting" in cats:
        return "meeting"
    if "visit" in cats:
        return "visit"
    return None


def join(draft: Draft, sentence: Sentence, kz: list[NameMention], cp: list[NameMention]) -> None:
    """Add the sentence and the people to an event (a counterpart already ours stays ours)."""
    draft.add_sentence(sentence)
    for m in kz:
        if m.person not in draft.kz:
            draft.kz.append(m.person)
            draft.mentions.setdefault(m.person, m)
            draft.kz_unnamed = False
    for m in cp:
        if m.person not in draft.cps and m.person not in draft.kz:
            draft.cps.append(m.person)
            draft.mentions.setdefault(m.person, m)


def allowed_subject(mention: NameMention) -> bool:
    """A name in the nominative (or with no title) can be the subject of a verb."""
    return not mention.cases or "nomn" in mention.cases


def unique(items: list[int]) -> list[int]:
    out: list[int] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out
