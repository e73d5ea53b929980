"""Events under construction and the merging of several reports of one event."""

from __future__ import annotations

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

    def add_sentence(self, sentence: Sentence) -> None:
        if sentence not in self.sentences:
            self.sentences.append(sentence)


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """Merge reports of one event and mark summaries.

    The same official with an overlapping counterpart is one event reported twice; a later report
    of the same official's session joins it; a summary ("провел ряд встреч", a lead paragraph
    without counterparts) whose official has detailed events elsewhere only frames them
    (``frame_only``). Drafts without any Kazakh participant are dropped.
    """
    out: list[Draft] = []
    for d in drafts:
        d.kz = [p for p in d.kz if p not in d.cps]
        if not d.kz and (not d.kz_unnamed or not d.cps):
            continue
        target = None
        for o in out:
            if set(o.kz) & set(d.kz) and set(o.cps) & set(d.cps):
                target = o
                break
        if target is None and out:
            o = out[-1]
            if (
                o.paragraph == d.paragraph
                and set(o.kz) == set(d.kz)
                and (not o.cps or not d.cps)
                and (o.kind == d.kind or o.kind == "visit" or d.kind == "visit")
            ):
                target = o
        if target is None and d.kind == "talks_multilateral" and not d.cps:
            # "Открывая дискуссию, X призвал ...": one more report of the session X attended
            # ... unless it names another body: "выступила на сессии", then "приняла участие в форуме"
            target = next(
                (
                    o
                    for o in out
                    if o.kind == d.kind
                    and set(o.kz) == set(d.kz)
                    and not (o.session and d.session and o.session != d.session)
                ),
                None,
            )
        if target is None:
            out.append(d)
            continue
        if target.kind == "visit" and d.kind != "visit":
            target.kind = d.kind
        for p in d.cps:
            if p not in target.cps:
                target.cps.append(p)
        for k, v in d.mentions.items():
            target.mentions.setdefault(k, v)
        for s in d.sentences:
            target.add_sentence(s)
        target.context.extend(x for x in d.context if x not in target.context)
        target.summary = target.summary and d.summary
    kz_with_events: dict[int, int] = {}
    for d in out:
        for p in d.kz:
            kz_with_events[p] = kz_with_events.get(p, 0) + 1
    final = []
    for d in out:
        repeated = all(kz_with_events.get(p, 0) > 1 for p in d.kz) and d.kz
        lead_summary = d.paragraph == 0 and not d.cps and d.kind in ("meeting", "visit")
        # "находился с визитом в Грузии", then the meetings held there: the visit frames them
        bare_visit = d.kind == "visit" and not d.cps and not d.kz_unnamed
        if repeated and not d.cps and (d.summary or lead_summary or bare_visit):
            for p in d.kz:
                kz_with_events[p] -= 1
            d.frame_only = True
        final.append(d)
    return final
