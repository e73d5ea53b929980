"""How many events one clause's event words open, and with which counterparts: the part rules.

``PART_RULES`` are asked in order (order = precedence); the first that returns parts splits the
clause, each part being (kind, or None for the clause's own kind; counterparts). When none does,
the clause is one event with every counterpart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import morph

if TYPE_CHECKING:
    from ..people import NameMention
    from .clauses import ClauseContext

Part = tuple[str | None, list["NameMention"]]  # (kind, or None for the clause's; counterparts)


def session_then_talks(ctx: ClauseContext) -> list[Part] | None:
    """ "принял участие в форуме и провел переговоры с министром Р": the session, then a meeting
    with the counterparts named after the meeting word."""
    cats = [c for _, c in ctx.triggers]
    multi = [i for i, c in ctx.triggers if c in ("participation", "multilateral")]
    meet = [i for i, c in ctx.triggers if c == "meeting" and multi and i > multi[0]]
    if not (multi and meet and "phone" not in cats):
        return None
    before = [m for m in ctx.cp if m.first < meet[0]]
    after = [m for m in ctx.cp if m.first >= meet[0]]
    return [("talks_multilateral", before), ("meeting", after)] if after else None


def two_meetings(ctx: ClauseContext) -> list[Part] | None:
    """ "встретилась с министром Р и провела переговоры с директором С": two meetings, each with
    the counterparts after its word."""
    meetings = [i for i, c in ctx.triggers if c == "meeting"]
    # a visit before them frames them: "В ходе визита провел переговоры с Р, встретился с С"
    others = {
        c for i, c in ctx.triggers if c != "meeting" and not (c == "visit" and meetings and i < meetings[0])
    }
    if len(meetings) < 2 or others:
        return None
    parts: list[Part] = []
    lo = -1
    for cut in [*meetings[1:], 10**9]:
        part = [m for m in ctx.cp if lo <= m.first < cut]
        if part:
            parts.append(("meeting", part))
        lo = cut
    with_prep = ctx.words["comitative_governors"]
    if len(parts) > 1 and all(m.governor in with_prep for m in ctx.cp if not m.coordinated):
        return parts
    return None


def bilateral_series(ctx: ClauseContext) -> list[Part] | None:
    """ "провел двусторонние встречи с министрами Р и С": one meeting per counterpart."""
    if len(ctx.cp) < 2:
        return None
    words = ctx.words
    for i, cat in ctx.triggers:
        if (
            cat == "meeting"
            and ctx.tokens[i].text.lower() in words["plural_meeting_words"]
            and i > 0
            and ctx.tokens[i - 1].text.lower().startswith(words["bilateral_stems"])
        ):
            return [(None, [m]) for m in ctx.cp]
    return None


def met_separately(ctx: ClauseContext) -> list[Part] | None:
    """ "по отдельности принял Р и С", "поочередно встретился с Р и С": one meeting each."""
    if len(ctx.cp) < 2 or not set(ctx.words["separately_words"]) & set(ctx.lows):
        return None
    return [(None, [m]) for m in ctx.cp]


def series_with_each(ctx: ClauseContext) -> list[Part] | None:
    """ "провел серию телефонных разговоров с министрами Р, С и Т", "провел ряд встреч с мэром Р и
    ректором С", "провел телефонные разговоры с президентами Р и С": a series of events, or events
    in the plural, name one partner per event."""
    if len(ctx.cp) < 2:
        return None
    for i, cat in ctx.triggers:
        if cat in ("meeting", "phone") and (_named_a_series(ctx, i) or _plural_event_noun(ctx, i)):
            return [(None, [m]) for m in ctx.cp]
    return None


def _named_a_series(ctx: ClauseContext, i: int) -> bool:
    """ "ряд встреч", "серию телефонных разговоров" at the event word ``i``."""
    lows = [t.text.lower() for t in ctx.tokens]
    summary, plural = set(ctx.builder.st["summary_markers"]), set(ctx.words["plural_event_words"])
    return bool(summary & set(lows[max(0, i - 2) : i]) and plural & set(lows[i : i + 2]))


def _plural_event_noun(ctx: ClauseContext, i: int) -> bool:
    """ "провел телефонные разговоры с ...", "провела встречи с ...": the event noun in the plural,
    after its verb or a plural adjective (not "в ходе встречи", a genitive singular)."""
    tokens = ctx.tokens
    for k in (i, i + 1):
        if k < len(tokens) and k > 0 and tokens[k].text.lower() in ctx.words["plural_event_nouns"]:
            before = morph.parses(tokens[k - 1].text)
            if before and (
                before[0].tag.POS == "VERB"
                or (before[0].tag.POS == "ADJF" and before[0].tag.number == "plur")
            ):
                return True
    return False


def series_by_partner(ctx: ClauseContext) -> list[Part] | None:
    """ "провел ряд встреч: с министром Р, с мэром С и с ректором Т", "провела серию встреч: с мэром
    Р обсуждались ..., с министром С — ...": one meeting per partner introduced by its own "с"."""
    summary = set(ctx.builder.st["summary_markers"])
    series = any(
        cat == "meeting" and summary & {t.text.lower() for t in ctx.tokens[max(0, i - 2) : i]}
        for i, cat in ctx.triggers
    )
    groups = _comitative_groups(ctx)
    return [(None, group) for group in groups] if series and len(groups) > 1 else None


def partners_in_separate_places(ctx: ClauseContext) -> list[Part] | None:
    """ "С мэром Р посол встретился в ратуше, с министром С — в министерстве": a partner whose verb
    is left out before a dash and a place was met apart."""
    groups = _comitative_groups(ctx)
    dashes = ctx.words["gapping_dashes"]
    tokens = ctx.tokens
    if len(groups) < 2 or not all(
        tokens[g[0].gov_index - 1].text == ","
        and g[-1].last < len(tokens)
        and tokens[g[-1].last].text in dashes
        for g in groups[1:]
    ):
        return None
    return [(None, group) for group in groups]


def _comitative_groups(ctx: ClauseContext) -> list[list[NameMention]]:
    """The clause's counterparts, a new group at each one after its own "с" ("с Р и С, с Т")."""
    groups: list[list[NameMention]] = []
    for m in ctx.cp:
        if m.governor in ctx.words["comitative_governors"] and not m.coordinated and m.gov_index >= 0:
            groups.append([m])
        elif groups:
            groups[-1].append(m)
        else:
            return []  # a partner before the first "с": no list of partners
    return groups


def states_met_apart(ctx: ClauseContext) -> list[tuple[str, int | None]]:
    """ "провел двусторонние встречи с главами делегаций Австрии, Канады и Швеции", "провела встречи
    с министрами Латвии и Литвы": nobody named, a plural title after "с" and a list of states, the
    meetings bilateral, separate or in the plural: one meeting per state, with the person of that
    state named before in the bulletin when there is exactly one ("председателями парламентов
    Азербайджана и Турции" after "Председатель Милли Меджлиса Азербайджана Октай Асадов ...")."""
    if ctx.cp:
        return []
    for i, cat in ctx.triggers:
        apart = _bilateral_at(ctx, i) or _plural_event_noun(ctx, i) or _named_a_series(ctx, i)
        if cat == "meeting" and apart:
            states = _states_after_plural_title(ctx, i)
            if len(states) > 1:
                return [(state, _named_before_of_state(ctx, state)) for state in states]
    return []


def _named_before_of_state(ctx: ClauseContext, state: str) -> int | None:
    """The one foreign person named before the clause whose title names ``state``, else None."""
    start = ctx.tokens[ctx.clause.lo].start
    places = ctx.builder.places
    found = [
        person.index
        for person in ctx.people
        if person.side == "cp"
        and person.info is not None
        and person.info.start < start
        and any(
            p.kind == "country" and p.country == state for p in places.find_all(person.info.chain.split())
        )
    ]
    return found[0] if len(found) == 1 else None


def _bilateral_at(ctx: ClauseContext, i: int) -> bool:
    words = ctx.words
    near = [t.text.lower() for t in ctx.tokens[max(ctx.clause.lo, i - 2) : i]]
    return any(w.startswith(words["bilateral_stems"]) for w in near) or bool(
        set(words["separately_words"]) & set(ctx.lows)
    )


def _states_after_plural_title(ctx: ClauseContext, i: int) -> list[str]:
    """The states listed after "с" and a plural title that follows the event word ``i``."""
    tokens, words = ctx.tokens, ctx.words
    k = i + 1
    while k < ctx.clause.hi and tokens[k].text.lower() not in words["with_preps"]:
        k += 1
    title = k + 1
    if title >= ctx.clause.hi or not _plural_title(ctx, tokens[title].text):
        return []
    rest = [t.text for t in tokens[title + 1 : ctx.clause.hi]]
    states: list[str] = []
    j = 0
    while j < len(rest):
        place = ctx.builder.places.match_at(rest, j)
        if place is not None and place.kind == "country":
            states.append(place.name)
            j = place.end
        elif states and rest[j].lower() in (",", *words["conjunctions"]):
            j += 1
        elif states:
            break
        else:
            j += 1  # the title's complement before the states: "главами делегаций", "иностранных дел"
            if j > 4:
                return []
    return states


def _plural_title(ctx: ClauseContext, word: str) -> bool:
    found = morph.parses(word)
    titles = ctx.builder.lex.title_lemmas
    return bool(found) and found[0].tag.number == "plur" and found[0].normal_form in titles


PART_RULES: tuple[Callable[[ClauseContext], list[Part] | None], ...] = (
    session_then_talks,
    two_meetings,
    bilateral_series,
    met_separately,
    series_with_each,
    series_by_partner,
    partners_in_separate_places,
)


def parts_of(ctx: ClauseContext) -> list[Part]:
    """The first split a part rule finds, else one part with every counterpart."""
    for rule in PART_RULES:
        parts = rule(ctx)
        if parts is not None:
            return parts
    return [(None, ctx.cp)]
