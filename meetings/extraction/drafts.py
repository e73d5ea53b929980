"""Events under construction and the merging of several reports of one event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .people import NameMention
from .text import Sentence


@dataclass(slots=True)
class Draft:
    """An event under construction (people are indices into the bulletin's Person list)."""

    kind: str
    kz: list[int]
    cps: list[int]
    sentences: list[Sentence]
    paragraph: int
    kz_unnamed: bool = False
    summary: bool = False
    mentions: dict[int, NameMention] = field(default_factory=dict)
    context: list[Sentence] = field(default_factory=list)  # following sentences about the event
    frame_only: bool = False  # a summary ("провел в Нью-Дели ряд встреч"): frames later events only
    tokens: tuple[int, int] = (0, 10**9)  # the clause of the first sentence that reported it
    session: str | None = None  # "форум", "сесси": the body an official took part in, when said
    origin: str = ""  # the outcome rule of rules/clauses.py that opened it (read by confidence.py)
    neutral: bool = False  # named only by a word that fits a call as well as a meeting ("беседа")
    # the state of an unnamed counterpart met apart ("с главами делегаций Австрии, Канады")
    state: str | None = None
    apart: bool = False  # met apart ("двусторонние встречи с ..."): never a session's report again

    def add_sentence(self, sentence: Sentence) -> None:
        if sentence not in self.sentences:
            self.sentences.append(sentence)


# ---- merge rules: which earlier event a draft reports again (the first rule that finds one wins) ----


def same_official_and_counterpart(draft: Draft, out: list[Draft]) -> Draft | None:
    """The same official with an overlapping counterpart is one event reported twice: "Посол Аскар
    Жумабеков встретился с министром Йонасом Ларссоном. ... Ларссон и Жумабеков обсудили ...". A
    call and an encounter in person are two events ("выступил на заседании, которое вел Р", then
    "обсуждалось в телефонном разговоре с Р"); a later "беседа", which fits both, reports either."""
    return next(
        (
            o
            for o in out
            if set(o.kz) & set(draft.kz)
            and set(o.cps) & set(draft.cps)
            and ((o.kind == "phone_call") == (draft.kind == "phone_call") or draft.neutral)
            and not (draft.apart and o.kind == "talks_multilateral")
        ),
        None,
    )


def continues_the_report_before(draft: Draft, out: list[Draft]) -> Draft | None:
    """The report just before, in the same paragraph, of the same officials, one of the two without
    counterparts, of the same kind (or one a visit): "Посол посетил университет. Там он встретился
    с ректором Лукасом Фербером."."""
    if not out:
        return None
    o = out[-1]
    if (
        o.paragraph == draft.paragraph
        and set(o.kz) == set(draft.kz)
        and (not o.cps or not draft.cps)
        and (o.kind == draft.kind or o.kind == "visit" or draft.kind == "visit")
        and draft.state is None  # "встречи с главами делегаций Австрии, Канады": met apart
    ):
        return o
    return None


def another_report_of_the_session(draft: Draft, out: list[Draft]) -> Draft | None:
    """A session without counterparts, of the same officials, is one more report of the session
    they attended ("Открывая дискуссию, Жумабеков призвал ..."), unless it names another body:
    "выступила на сессии", then "приняла участие в форуме"."""
    if draft.kind != "talks_multilateral" or draft.cps:
        return None
    return next(
        (
            o
            for o in out
            if o.kind == draft.kind
            and set(o.kz) == set(draft.kz)
            and not (o.session and draft.session and o.session != draft.session)
        ),
        None,
    )


MERGE_RULES: tuple[Callable[[Draft, list[Draft]], Draft | None], ...] = (
    same_official_and_counterpart,
    continues_the_report_before,
    another_report_of_the_session,
)


# ---- framing rules: a draft of an official with detailed events elsewhere only frames them -------


def is_summary(draft: Draft) -> bool:
    """ "провел ряд встреч", "провела серию переговоров": a summary of the series."""
    return draft.summary


def is_lead_summary(draft: Draft) -> bool:
    """A meeting or visit in the lead paragraph: "Посол Аскар Жумабеков провел встречи в Каире."."""
    return draft.paragraph == 0 and draft.kind in ("meeting", "visit")


def is_bare_visit(draft: Draft) -> bool:
    """ "находился с визитом в Грузии", then the meetings held there: the visit frames them."""
    return draft.kind == "visit" and not draft.kz_unnamed


FRAMING_RULES: tuple[Callable[[Draft], bool], ...] = (is_summary, is_lead_summary, is_bare_visit)


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """Merge reports of one event and mark summaries.

    The same official with an overlapping counterpart is one event reported twice; a later report
    of the same official's session joins it; a summary ("провел ряд встреч", a lead paragraph
    without counterparts) whose official has detailed events elsewhere only frames them
    (``frame_only``). Drafts without any Kazakh participant are dropped. The rules are
    ``MERGE_RULES`` and ``FRAMING_RULES``, in order.
    """
    out: list[Draft] = []
    for d in drafts:
        d.kz = [p for p in d.kz if p not in d.cps]
        if not d.kz and (not d.kz_unnamed or not d.cps):
            continue
        target = _reported_before(d, out)
        if target is None:
            out.append(d)
        else:
            _absorb(target, d)
    _mark_frames(out)
    return out


def _reported_before(draft: Draft, out: list[Draft]) -> Draft | None:
    """The earlier event the first merge rule that finds one says ``draft`` reports again."""
    for rule in MERGE_RULES:
        target = rule(draft, out)
        if target is not None:
            return target
    return None


def _absorb(target: Draft, draft: Draft) -> None:
    """One more report of ``target``: its people, sentences and context join it."""
    if target.kind == "visit" and draft.kind != "visit":
        target.kind = draft.kind
    for p in draft.cps:
        if p not in target.cps:
            target.cps.append(p)
    for k, v in draft.mentions.items():
        target.mentions.setdefault(k, v)
    for s in draft.sentences:
        target.add_sentence(s)
    target.context.extend(x for x in draft.context if x not in target.context)
    target.summary = target.summary and draft.summary


def _mark_frames(drafts: list[Draft]) -> None:
    """Mark ``frame_only`` the drafts without counterparts that a framing rule reads, while each of
    their officials has another event left."""
    kz_with_events: dict[int, int] = {}
    for d in drafts:
        for p in d.kz:
            kz_with_events[p] = kz_with_events.get(p, 0) + 1
    for d in drafts:
        repeated = all(kz_with_events.get(p, 0) > 1 for p in d.kz) and d.kz
        if repeated and not d.cps and d.state is None and any(rule(d) for rule in FRAMING_RULES):
            for p in d.kz:
                kz_with_events[p] -= 1
            d.frame_only = True
