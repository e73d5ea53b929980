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
    parts, lo = [], -1
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
