"""Events: which sentences report an encounter, who took part, and how reports of one event merge.

A sentence (or a clause after ", а") reports a new event when it holds an event word that is not
a topic ("о встрече"), a frame ("на полях заседания"), a back-reference ("в ходе встречи") or a
plan ("договорились провести встречу"), and a Kazakh participant: a named official or a reference
("посол", "казахстанский дипломат") resolved to the official last named in the paragraph.
Back-references and participation sentences ("Во встрече также участвовал ...") add people to the
event before. Summaries ("провел ряд встреч") and reports of one event twice are merged away.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from . import morph
from .drafts import Draft, merge_drafts
from .lexicon import Lexicon
from .people import NameMention, Person, is_title
from .text import Layout, Sentence
from .titles import role_of

_GEN_GOVERNORS = (
    "встреч",
    "переговор",
    "бесед",
    "разговор",
    "аудиенц",
    "участи",
    "приглашени",
    "консультац",
    "у",
    "принял",
    "приняла",
    "приняли",
    "принимал",
    "посетил",
    "принята",  # "была принята в резиденции губернатора X"
    "принят",
)
_SIDES = re.compile(r"\s*(?:Стороны|Собеседники|Участники|Министры|Дипломаты|Главы)\b")
_SAME_DAY = re.compile(r"ранее\s+(?:в\s+(?:тот|этот)\s+(?:же\s+)?день|в\s+течение\s+дня|сегодня)")
_FUTURE_PREDICATES = ("состоится", "состоятся", "пройдет", "пройдут", "предстоит", "предстоят")
_NATIONALITY = re.compile(r"ск(?:ий|ая|ого|ой|ому|им|ую|ом|ие|их)$")
_YEAR = re.compile(r"\bв\s+(\d{4})\s+год")
_TITLE_SYNONYMS = {"генсек": "секретарь", "госсекретарь": "секретарь", "замминистра": "заместитель"}
_BACKREF_PREPS = {"ходе", "итогам", "на", "во", "в"}
_FRAME_PREPS = {"полях", "рамках", "преддверии", "накануне", "после", "завершение", "завершением", "итогам"}


@dataclass(slots=True)
class _Clause:
    sentence: Sentence
    lo: int
    hi: int  # token range [lo, hi)


def _stem_in(word: str, stems: tuple[str, ...]) -> bool:
    return word.startswith(stems)


class EventBuilder:
    """Builds Drafts from a bulletin's layout, mentions and people."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.st = lexicon.stems

    # ---- per-token classification -------------------------------------------------------------
    def _category(self, low: str) -> str | None:
        st = self.st
        if _stem_in(low, st["phone_stems"]):
            return "phone"
        if _stem_in(low, st["participation_stems"]):
            return "participation"
        if _stem_in(low, st["multilateral_stems"]):
            return "multilateral"
        if _stem_in(low, st["meeting_stems"]):
            return "meeting"
        if _stem_in(low, st["visit_stems"]):
            return "visit"
        return None

    def _planned(self, lows: list[str], i: int) -> bool:
        """True when the event word at ``i`` is governed by a plan: an infinitive, a future verb
        before it, or a future predicate right after it ("Переговоры ... состоятся осенью")."""
        own = morph.parses(lows[i])
        if own and own[0].tag.POS == "VERB" and "futr" in own[0].tag:
            return True  # "встретится", "проведет переговоры"
        for k in range(i + 1, min(len(lows), i + 7)):
            if lows[k] in (",", ";", "."):
                break
            if lows[k].startswith(_FUTURE_PREDICATES):
                return True
        for k in range(max(0, i - 4), i):
            w = lows[k]
            if _stem_in(w, self.st["planned_markers"]):
                return True
            found = morph.parses(w)
            if found and (
                found[0].tag.POS == "INFN" or (found[0].tag.POS == "VERB" and "futr" in found[0].tag)
            ):
                return True
        return False

    def _triggers(
        self, clause: _Clause, blocked: set[int]
    ) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        """(new-event triggers, back-references) in the clause, before its topic part."""
        tokens = clause.sentence.tokens
        lows = [t.text.lower() for t in tokens]
        triggers, backrefs = [], []
        framed = False  # inside "на полях ...", "в рамках ...": until the clause's verb
        described = False  # inside ", находившимся в Нью-Йорке для участия в ...": a participle
        for i in range(clause.lo, clause.hi):
            low = lows[i]
            if low == "," and i + 1 < clause.hi and morph.main_pos(tokens[i + 1].text) == "PRTF":
                described = True
                continue
            if described:
                if low in (",", ";"):
                    described = False
                continue
            if low in _FRAME_PREPS:
                framed = True
                continue
            if framed:
                if morph.main_pos(tokens[i].text) in ("VERB", "GRND") or low == ",":
                    framed = False
                else:
                    continue
            if _stem_in(low, self.st["discussion_stems"]) and i > clause.lo and lows[i - 1] != "как":
                talk = low.startswith(("обсудил", "обсуждал", "обменял", "побеседовал"))
                if talk and {"с", "со"} & set(lows[i + 1 : min(i + 3, clause.hi)]):
                    triggers.append((i, "meeting"))  # "обсудил с ...", "обменялся мнениями с ..."
                break
            if i in blocked:
                continue
            cat = self._category(low)
            if cat is None:
                continue
            if cat == "meeting" and i + 1 < len(lows) and lows[i + 1].startswith("участи"):
                continue  # "принял участие": the participation word that follows decides
            prev = lows[i - 1] if i > 0 else ""
            prev2 = lows[i - 2] if i > 1 else ""
            if prev in ("о", "об", "обо") or prev2 in ("о", "об"):
                continue
            if prev in _FRAME_PREPS or (prev2 in _FRAME_PREPS and prev != ","):
                continue
            if self._planned(lows, i):
                continue
            if (
                cat == "meeting"
                and (prev in _BACKREF_PREPS or prev2 == "ходе")
                and not self._with_group(tokens, i)
            ):
                backrefs.append((i, cat))
                continue  # "в ходе встречи": the event before; "на встрече с руководством ...": new
            triggers.append((i, cat))
        if triggers and all(
            c == "participation"
            and lows[i].startswith("выступ")
            and not {"на", "во", "в"} & set(lows[i + 1 : i + 3])
            for i, c in triggers
        ):
            return [], backrefs  # "выступила с лекцией перед студентами": a speech, no session
        return triggers, backrefs

    def _with_group(self, tokens, i: int) -> bool:
        """True for "встрече с руководством/представителями/студентами ...": an unnamed group."""
        if i + 2 >= len(tokens) or tokens[i + 1].text.lower() not in ("с", "со"):
            return False
        lemmas = {p.normal_form for p in morph.parses(tokens[i + 2].text)[:2]}
        return bool(lemmas & set(self.st["group_lemmas"]))

    def _talk_between_sides(self, clause: _Clause, kz, cp) -> bool:
        """ "X и его коллега Y обсудили ...": both sides named as subjects of a plural talk verb."""
        if not kz or not cp:
            return False
        tokens = clause.sentence.tokens
        last_name = max(m.last for m in kz + cp)
        for i in range(last_name, min(clause.hi, last_name + 4)):
            low = tokens[i].text.lower()
            if low.startswith(("обсудили", "обменялись", "рассмотрели", "провели")):
                return all(allowed_subject(m) for m in kz + cp)
        return False

    @staticmethod
    def _kind(cats: list[str]) -> str | None:
        if "phone" in cats:
            return "phone_call"
        if "participation" in cats or ("multilateral" in cats and "meeting" not in cats):
            return "talks_multilateral"
        if "meeting" in cats:
            return "meeting"
        if "visit" in cats:
            return "visit"
        return None

    # ---- who takes part -------------------------------------------------------------------------
    def allowed(self, mention: NameMention, previous: bool | None) -> bool:
        """True when the mention is a participant, not someone merely named (a topic, a title)."""
        if mention.coordinated and previous is not None:
            return previous
        g, cases = mention.governor, mention.cases
        words = [t.text.lower() for t in mention.sentence.tokens]
        if g == "с":
            k = mention.gov_index
            before = words[max(0, k - 2) : max(0, k)]
            return not (len(before) == 2 and before[0] in ("о", "об") and self._category(before[1]))
        if not cases:
            return g not in ("о", "об") and not _stem_in(g, ("инициирован", "назнач"))
        if "nomn" in cases:
            return True
        if "ablt" in cases:
            # "с директором X и ее заместителем Y": "и" joins Y to an allowed participant
            return g.startswith(("принят", "возглав")) or g == "," or (g == "и" and bool(previous))
        if cases & {"gent", "accs"}:
            k = mention.gov_index
            for _ in range(3):  # "принял в посольстве в Токио председателя ...": skip place phrases
                if k < 0 or _stem_in(words[k], _GEN_GOVERNORS) or words[k] == ",":
                    break
                j = k
                while j >= 0 and morph.main_pos(words[j]) in ("NOUN", "ADJF", "NUMR", ""):
                    j -= 1
                if j < 0 or j == k or morph.main_pos(words[j]) != "PREP":
                    break
                k = j - 1
            g = words[k] if k >= 0 else ""
            if _stem_in(g, _GEN_GOVERNORS) or g == ",":
                return True
            return morph.main_pos(g) in ("VERB", "GRND")
        if "datv" in cases:
            text = mention.sentence.text.lower()
            return ("вручил" in text or "передал" in text) and ("грамот" in text or "экзекватур" in text)
        return False

    def _kz_reference(self, clause: _Clause, blocked: set[int]) -> str | None:
        """The word by which the clause refers to a Kazakh official ("посол", "дипломат"), or None."""
        tokens = clause.sentence.tokens
        lows = [t.text.lower() for t in tokens]
        for i in range(clause.lo, clause.hi):
            if i in blocked:
                continue
            low = lows[i]
            if _stem_in(low, self.st["discussion_stems"]) and i > 0 and lows[i - 1] != "как":
                break
            lemma = {p.normal_form for p in morph.parses(tokens[i].text)[:1]} | {low}
            if low.startswith("поверенн"):  # pymorphy2 reads it as a participle of "поверить"
                lemma.add("поверенный")
            if (
                i + 1 < len(tokens)
                and self.lex.kz_marker.match(tokens[i + 1].text)
                and is_title(tokens[i].text, self.lex)
            ):
                return low  # "председатель Мажилиса встретился ...": any title of a Kazakh body
            if not lemma & set(self.st["kz_reference_lemmas"]):
                continue
            if lemma & {"он", "она"} and low not in ("он", "она"):
                continue  # only a subject pronoun continues with our official ("его", "ей" do not)
            prev = lows[i - 1] if i > 0 else ""
            nxt = lows[i + 1 : i + 3]
            if _NATIONALITY.search(prev) and not prev.startswith("казахстанск"):
                continue  # "кенийский министр", "японский губернатор": a foreign official
            if prev.startswith("постоянн") and low.startswith("представител"):
                return low  # "постоянный представитель встретилась ...": our posting's title
            if prev.startswith("казахстанск") or (nxt and nxt[0] in ("казахстана", "рк", "республики")):
                return low
            if lemma & {"делегация", "сторона", "представитель", "посольство"}:
                continue  # a group word needs "казахстанская"/"Казахстана" to mean our side
            if i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper() and nxt[0] not in ("мид", "мидов"):
                continue  # "послом Венгрии", "министр Албании": a foreign title
            return low
        return None

    # ---- the walk over the bulletin -------------------------------------------------------------
    def build(
        self, layout: Layout, mentions: dict[int, list[NameMention]], people: list[Person]
    ) -> list[Draft]:
        drafts: list[Draft] = []
        allowed: dict[int, bool] = {}
        timeline: list[tuple[int, int, int]] = []  # (start, paragraph, person) of KZ participants
        for sentence in layout.sentences:
            previous = None
            for m in mentions.get(sentence.index, []):
                previous = allowed[id(m)] = self.allowed(m, previous)
                if previous and m.person >= 0 and people[m.person].side == "kz":
                    timeline.append((m.start, sentence.paragraph, m.person))
        for sentence in layout.sentences:
            low = sentence.text.lower().lstrip(" -–—")
            if any(low.startswith(o) for o in self.st["background_openers"]) and not _SAME_DAY.match(low):
                continue
            if self._earlier_year(sentence, layout.year):
                continue
            before = len(drafts)
            for clause in self._clauses(sentence):
                self._clause(clause, mentions.get(sentence.index, []), allowed, people, timeline, drafts)
            last = drafts[-1] if drafts else None
            if (
                len(drafts) == before
                and last is not None
                and (last.paragraph == sentence.paragraph or _SIDES.match(sentence.text))
                and sentence not in last.sentences
            ):
                last.context.append(sentence)  # "Стороны обсудили ...": what the event was about
        return merge_drafts(drafts)

    def _earlier_year(self, sentence: Sentence, year: int | None) -> bool:
        """True when the sentence dates its event to a year before the bulletin's ("в 2019 году
        посол встретился ..."), before any topic: background, not the bulletin's news."""
        if year is None:
            return False
        text = sentence.text.lower()
        topic = min(
            (i for i in (text.find(s) for s in self.st["discussion_stems"]) if i >= 0), default=len(text)
        )
        return any(int(y) < year for y in _YEAR.findall(text[:topic]))

    def _clauses(self, sentence: Sentence) -> list[_Clause]:
        tokens = sentence.tokens
        cuts = [0]
        for i in range(1, len(tokens) - 1):
            if (tokens[i].text.lower() == "а" and tokens[i - 1].text == ",") or tokens[i].text == ";":
                cuts.append(i + 1)
        cuts.append(len(tokens))
        return [_Clause(sentence, a, b) for a, b in itertools.pairwise(cuts) if b > a]

    def _actor(self, start: int, paragraph: int, timeline, people, ref: str | None) -> list[int]:
        """The official a reference word means: the last one named in the paragraph (preferring
        one whose role fits the word), else the next one named in it, else the last one before."""
        wanted = role_of(ref, self.lex) if ref else "other"
        same = [p for s, par, p in timeline if par == paragraph and s < start][::-1]
        later = [p for s, par, p in timeline if par == paragraph and s >= start]
        before = [p for s, par, p in timeline if s < start][::-1]
        for pool in (same, later, before):
            if not pool:
                continue
            if wanted != "other":
                fitting = [p for p in pool if self._role(people[p]) == wanted]
                if fitting:
                    return [fitting[0]]
            return [pool[0]]
        return []

    def _role(self, person: Person) -> str:
        info = person.info
        return role_of(info.chain, self.lex) if info and info.chain else "other"

    def _clause(self, clause, all_mentions, allowed, people, timeline, drafts) -> None:
        sentence = clause.sentence
        ms = [m for m in all_mentions if clause.lo <= m.first < clause.hi and m.person >= 0]
        blocked: set[int] = set()
        for m in ms:
            lo = m.head if m.head is not None else m.first
            blocked.update(range(lo, m.last))
        triggers, backrefs = self._triggers(clause, blocked)
        kz = [m for m in ms if allowed.get(id(m)) and people[m.person].side == "kz"]
        cp = [m for m in ms if allowed.get(id(m)) and people[m.person].side != "kz"]
        if not triggers and self._talk_between_sides(clause, kz, cp):
            triggers = [(max(m.last for m in kz + cp), "meeting")]
        lows = [t.text.lower() for t in sentence.tokens[clause.lo : clause.hi]]
        text_low = " ".join(lows)
        joins = any(s in text_low for s in self.st["join_stems"])
        if backrefs and triggers and all(c == "participation" for _, c in triggers) and drafts:
            triggers, joins = [], True  # "В переговорах также принял участие посол ...": joins them
        last = drafts[-1] if drafts else None
        if (
            not triggers
            and cp
            and not kz
            and clause.lo > 0
            and lows[:1] == ["также"]
            and sentence.tokens[clause.lo - 1].text.lower() == "а"
            and last is not None
            and sentence in last.sentences
            and last.kz
        ):
            # "встретился с губернатором X, а также с председателем Y": the verb is shared
            triggers = [(clause.lo, last.kind)]
        if (
            triggers
            and not cp
            and triggers[0][0] == clause.lo
            and not self._with_group(sentence.tokens, triggers[0][0])  # "Встреча с представителями"
            and last is not None
            and last.cps
            and last.kz
            and last.kind == self._kind([c for _, c in triggers])
            and last.paragraph >= sentence.paragraph - 1
            and any(w.startswith(("состоял", "прошл", "прошел")) for w in lows)
        ):
            # "Встреча посла с испанским министром состоялась в Мадриде": the event just reported
            last.add_sentence(sentence)
            return
        if triggers:
            kind = self._kind([c for _, c in triggers])
            kz_ref = self._kz_reference(clause, blocked)
            if (
                kz_ref is None
                and not kz
                and any(
                    i > clause.lo
                    and sentence.tokens[i - 1].text.lower() in ("его", "ее", "её")
                    and sentence.tokens[i].text.lower().startswith("принял")
                    for i, _ in triggers
                )
            ):
                kz_ref = "он"  # "Его принял наследный принц ...": the official just named
            inherited = (
                not kz
                and kz_ref is None
                and clause.lo > 0
                and last is not None
                and sentence in last.sentences
                and last.kz
                and not any(allowed_subject(m) and m.cases for m in cp)
            )
            # "встретилась с послом X, а также провела беседу с послом Y": the same subject
            inherited_kz = list(last.kz) if inherited and last is not None else []
            if not kz and kz_ref is None and not inherited_kz:
                if cp:
                    self._without_our_side(clause, kind, cp, people, drafts, joins or bool(backrefs))
                elif (
                    not backrefs
                    and "казахстан" in text_low
                    and any(
                        w.startswith(("состоял", "прошл", "прошел", "провел", "провели", "провела"))
                        for w in lows
                    )
                ):
                    # "состоялись консультации между МИД Казахстана и Турции": the next sentence
                    # names the delegations ("Казахстанскую делегацию возглавил ...")
                    draft = Draft(kind or "meeting", [], [], [sentence], sentence.paragraph)
                    draft.tokens = (clause.lo, clause.hi)
                    drafts.append(draft)
                return
            parts = self._split(triggers, cp)
            if len(parts) == 1 and len(cp) > 1 and self._bilateral_series(clause, triggers):
                parts = [(parts[0][0], [m]) for m in cp]  # "провел двусторонние встречи с A и B"
            for part_kind, part_cp in parts:
                if (part_kind or kind) == "talks_multilateral":
                    # "по приглашению председателя X приняла участие в заседании": X invited, and
                    # is not reported taking part
                    part_cp = [m for m in part_cp if not m.governor.startswith("приглашени")]
                kz_people = (
                    _unique([m.person for m in kz])
                    or inherited_kz
                    or self._actor(
                        sentence.tokens[clause.lo].start, sentence.paragraph, timeline, people, kz_ref
                    )
                )
                draft = Draft(part_kind or kind or "meeting", kz_people, [], [sentence], sentence.paragraph)
                draft.kz_unnamed = not kz_people
                for m in kz:
                    draft.mentions.setdefault(m.person, m)
                for m in part_cp:
                    if m.person not in draft.cps:
                        draft.cps.append(m.person)
                        draft.mentions.setdefault(m.person, m)
                draft.summary = (
                    any(f" {s} " in f" {text_low} " for s in self.st["summary_markers"]) and not part_cp
                )
                draft.tokens = (clause.lo, clause.hi)
                cats = {c for _, c in triggers}
                if "participation" in cats:
                    draft.session = next(
                        (sentence.tokens[i].text.lower()[:5] for i, c in triggers if c == "multilateral"),
                        None,
                    )
                drafts.append(draft)
            return
        if not (kz or cp):
            if last is not None and backrefs and last.kind == "visit":  # "В ходе переговоров ..."
                last.kind = "meeting"
                last.add_sentence(sentence)
            elif last is not None and backrefs and sentence not in last.context:
                last.context.append(sentence)  # "В ходе встречи стороны обсудили ...": its topics
            return
        if backrefs and cp:
            if last is not None and last.paragraph == sentence.paragraph and not last.cps:
                if last.kind == "visit":
                    last.kind = "meeting"
                self._join(last, sentence, kz, cp)
                return
            if not joins:
                kz_people = _unique([m.person for m in kz]) or self._actor(
                    sentence.start, sentence.paragraph, timeline, people, None
                )
                draft = Draft("meeting", kz_people, [], [sentence], sentence.paragraph)
                for m in kz + cp:
                    draft.mentions.setdefault(m.person, m)
                draft.cps = _unique([m.person for m in cp])
                draft.kz_unnamed = not kz_people
                draft.tokens = (clause.lo, clause.hi)
                drafts.append(draft)
                return
        if last is not None and (joins or backrefs):
            self._join(last, sentence, kz, cp)
        elif (
            last is not None
            and last.kind == "visit"
            and not last.cps
            and last.paragraph == sentence.paragraph
            and cp
            and not kz
            and all(m.cases and "nomn" in m.cases for m in cp)
        ):
            # "посетил университет. Ректор университета X рассказал ...": the host of the visit
            self._join(last, sentence, kz, cp)

    def _without_our_side(self, clause, kind, cp, people, drafts, joins) -> None:
        """A clause with an event word and foreign people but no Kazakh official: it adds people to
        the event it continues ("В обсуждении приняли участие ..."), or opens an event whose Kazakh
        side a later sentence names ("Казахстанскую сторону на встрече представляли ...")."""
        sentence = clause.sentence
        for d in reversed(drafts[-3:]):
            if not d.kz and not d.cps:
                continue  # an event still waiting for its people is no one's continuation
            if d.paragraph >= sentence.paragraph - 1 and (joins or d.kind == kind == "talks_multilateral"):
                self._join(d, sentence, [], cp)
                return
        draft = Draft(kind or "meeting", [], [], [sentence], sentence.paragraph)
        self._join(draft, sentence, [], cp)
        # "генсек встретился с ...": a title word as subject names a foreigner mentioned before
        words = sentence.tokens[clause.lo : clause.hi]
        subjects = {_TITLE_SYNONYMS.get(t.text.lower(), t.text.lower()) for t in words[:8]}
        for person in people:
            info = person.info
            if person.side == "cp" and info and info.head is not None and info.start < sentence.start:
                head = morph.parses(info.sentence.tokens[info.head].text)[0].normal_form
                if head in subjects and person.index not in draft.cps:
                    draft.cps.insert(0, person.index)
        drafts.append(draft)

    @staticmethod
    def _bilateral_series(clause: _Clause, triggers) -> bool:
        """True for "двусторонние встречи/беседы" (plural): one event per counterpart."""
        tokens = clause.sentence.tokens
        for i, cat in triggers:
            word = tokens[i].text.lower()
            if (
                cat == "meeting"
                and word in ("встречи", "беседы")
                and i > 0
                and tokens[i - 1].text.lower().startswith("двусторонн")
            ):
                return True
        return False

    @staticmethod
    def _split(triggers, cp):
        """One (kind, counterparts) part, or two when a multilateral event is followed by "и провел
        переговоры с ..." in the same clause."""
        cats = [c for _, c in triggers]
        multi = [i for i, c in triggers if c in ("participation", "multilateral")]
        meet = [i for i, c in triggers if c == "meeting" and multi and i > multi[0]]
        if multi and meet and "phone" not in cats:
            cut = meet[0]
            before = [m for m in cp if m.first < cut]
            after = [m for m in cp if m.first >= cut]
            if after:
                return [("talks_multilateral", before), ("meeting", after)]
        # "встретилась с министром X и провела переговоры с директором Y": two meetings
        meetings = [i for i, c in triggers if c == "meeting"]
        if len(meetings) >= 2 and set(cats) == {"meeting"}:
            parts, lo = [], -1
            for cut in [*meetings[1:], 10**9]:
                part = [m for m in cp if lo <= m.first < cut]
                if part:
                    parts.append(("meeting", part))
                lo = cut
            if len(parts) > 1 and all(m.governor == "с" for m in cp if not m.coordinated):
                return parts
        return [(None, cp)]

    @staticmethod
    def _join(draft: Draft, sentence: Sentence, kz: list[NameMention], cp: list[NameMention]) -> None:
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


def _unique(items: list[int]) -> list[int]:
    out: list[int] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out
