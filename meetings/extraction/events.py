"""Events: which sentences report an encounter, who took part, and how reports of one event merge.

A sentence (or a clause after ", а") reports a new event when it holds an event word that is not
a topic ("о встрече"), a frame ("на полях заседания"), a back-reference ("в ходе встречи") or a
plan ("договорились провести встречу"), and a Kazakh participant: a named official or a reference
("посол", "казахстанский дипломат") resolved to the official last named in the paragraph.
Back-references and participation sentences ("Во встрече также участвовал ...") add people to the
event before. Summaries ("провел ряд встреч") and reports of one event twice are merged away.

The constructions are rules (``rules/triggers.py`` for event words, ``rules/clauses.py`` for what a
clause adds); their words live in ``data/lexicon.json`` ("event_words", "event_patterns",
"event_word_maps").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from . import morph
from .drafts import Draft, merge_drafts
from .lexicon import Lexicon
from .people import NameMention, Person, is_title
from .places import PlaceIndex
from .rules.bystanders import bystanders_of_sentence, honorary_consul, is_bystander
from .rules.clauses import ClauseContext, read_clause
from .rules.sides import settle_untold_sides
from .rules.syntax import Tree, syntax_opinion
from .rules.triggers import scan_triggers
from .text import Layout, Sentence, Token
from .titles import role_of

_FUTURE_REACH = 14  # words after an event noun searched for its future predicate (names included)

_CATEGORIES = (  # (lexicon stems, category); the first that fits wins
    ("phone_stems", "phone"),
    ("medium_stems", "medium"),  # "в онлайн-формате": a call, unless it is a session's manner
    ("participation_stems", "participation"),
    ("multilateral_stems", "multilateral"),
    ("meeting_stems", "meeting"),
    ("visit_stems", "visit"),
)


@dataclass(slots=True)
class Clause:
    sentence: Sentence
    lo: int
    hi: int  # token range [lo, hi)


def _stem_in(word: str, stems: tuple[str, ...]) -> bool:
    return word.startswith(stems)


def _same_case(prior: NameMention | None, mention: NameMention) -> bool:
    """A name joined to the one before shares its case ("с министром Р и послом С"); a subject
    after a participle phrase does not ("..., достигнутыми Президентом Р, министр С провел ...")."""
    if prior is None or not prior.cases or not mention.cases:
        return True
    return bool(prior.cases & mention.cases)


def _agree(noun: str, pronoun: str) -> bool:
    """True when a relative pronoun can stand for the noun: same number, and same gender in the
    singular ("визит, который ...", "встреча, которая ...", not "встречу с послом, который ...")."""
    n, p = morph.parses(noun), morph.parses(pronoun)
    if not n or not p:
        return False
    n_tag, p_tag = n[0].tag, p[0].tag
    if n_tag.number != p_tag.number:
        return False
    return n_tag.number == "plur" or n_tag.gender == p_tag.gender


def _named_in_body(person: Person) -> bool:
    """A headline's surname is read right only when the body names the person too."""
    return any(m.sentence.paragraph >= 0 for m in person.mentions)


class EventBuilder:
    """Builds Drafts from a bulletin's layout, mentions and people."""

    def __init__(self, lexicon: Lexicon, places: PlaceIndex | None = None) -> None:
        self.lex = lexicon
        self.places = places or PlaceIndex(lexicon)
        self.st = lexicon.stems
        self.words = lexicon.event_words

    # ---- per-token classification -------------------------------------------------------------
    def category(self, low: str) -> str | None:
        """The event category of a lower-case token: the first of ``_CATEGORIES`` whose stems it
        starts with ("телефонный" -> "phone"), or None."""
        if low in self.words["non_event_forms"]:
            return None  # "решение принято": a form of an event stem that reports none
        return next((cat for key, cat in _CATEGORIES if _stem_in(low, self.st[key])), None)

    def is_planned(self, lows: list[str], i: int, names: set[int] | frozenset[int] = frozenset()) -> bool:
        """True when the event word at ``i`` is governed by a plan: a future verb itself, a plan
        word or an infinitive before it, a future predicate after it ("Переговоры ... состоятся
        осенью", "визит, который пройдет в мае")."""
        own = morph.parses(lows[i])
        pos = own[0].tag.POS if own else None
        if pos == "INFN" or (pos == "VERB" and "futr" in own[0].tag):
            return True  # "встретится", "выразил готовность посетить"
        if pos == "NOUN" and (self._future_after(lows, i, names) or self._verb_before_plans(lows, i)):
            return True
        return self._plan_before(lows, i)

    def _future_after(self, lows: list[str], i: int, names: set[int] | frozenset[int] = frozenset()) -> bool:
        """ "Встреча ... намечена на май", "форум поможет ...", "визит, который состоится ...": the
        event noun's own predicate, or that of a relative clause right after it, is future."""
        w = self.words
        k = i + 1
        while k < min(len(lows), i + _FUTURE_REACH):
            low = lows[k]
            if k in names:  # a name's word is no predicate ("Гомешем" reads as a future verb)
                k += 1
                continue
            if low == "." and len(lows[k - 1]) == 1:
                k += 1  # the dot of an initial: "переговоров А.Смаилова с ..."
                continue
            if low in (";", ".", ":"):
                return False
            if low == ",":
                if (
                    k + 1 < len(lows)
                    and lows[k + 1].startswith(w["relative_pronoun_stems"])
                    and _agree(lows[i], lows[k + 1])
                ):
                    return any(self._is_future(x) for x in lows[k + 2 : k + 6])  # "который пройдет"
                return False
            future = self._is_future(low)
            if future is not None:
                return future
            k += 1
        return False

    def _is_future(self, low: str) -> bool | None:
        """True for a future predicate ("состоится", "намечена", "поможет", "прошла бы", "может
        состояться"), False for another finite verb ("прошла"), None for any other word."""
        if low.startswith(self.words["future_predicate_stems"] + self.st["planned_markers"]):
            return True
        if low in self.words["conditional_particles"]:
            return True
        if low in self.words["modal_words"]:
            return None  # "может состояться": the infinitive after it decides
        found = morph.parses(low)
        pos = found[0].tag.POS if found else None
        if pos == "INFN":
            return True
        if pos == "VERB":
            return "futr" in found[0].tag
        return None

    def _plan_before(self, lows: list[str], i: int) -> bool:
        """A plan word or a future verb shortly before: "предстоящий визит", "Запланированный на
        май визит", "проведет переговоры"."""
        for k in range(max(0, i - 6), i):
            if _stem_in(lows[k], self.st["planned_markers"]):
                return True
        for k in range(max(0, i - 4), i):
            found = morph.parses(lows[k])
            if found and (
                found[0].tag.POS == "INFN" or (found[0].tag.POS == "VERB" and "futr" in found[0].tag)
            ):
                return True
        return False

    def _verb_before_plans(self, lows: list[str], i: int) -> bool:
        """The nearest verb before the event noun in its clause is an infinitive or a future verb:
        "собирается в ближайшие дни отправиться в Москву с визитом", "отправится в Рим с
        рабочим визитом"."""
        for k in range(i - 1, -1, -1):
            if lows[k] in (",", ";", ".", ":"):
                return False
            found = morph.parses(lows[k])
            if found and found[0].tag.POS in ("VERB", "INFN"):
                return found[0].tag.POS == "INFN" or "futr" in found[0].tag
        return False

    def is_with_group(self, tokens: tuple[Token, ...], i: int) -> bool:
        """True for "встрече с руководством/представителями/студентами ...": an unnamed group."""
        if i + 2 >= len(tokens) or tokens[i + 1].text.lower() not in self.words["with_preps"]:
            return False
        lemmas = {p.normal_form for p in morph.parses(tokens[i + 2].text)[:2]}
        return bool(lemmas & set(self.st["group_lemmas"]))

    # ---- who takes part -------------------------------------------------------------------------
    def allowed(
        self,
        mention: NameMention,
        previous: bool | None,
        prior: NameMention | None = None,
        tree: Tree | None = None,
    ) -> bool:
        """True when the mention is a participant, not someone merely named (a topic, a title).
        ``previous`` is the answer for ``prior``, the mention before it in the sentence; ``tree``
        the sentence's dependency tree, whose rules (rules/syntax.py) speak first (a partner they
        find still yields to the bystander rules)."""
        if honorary_consul(self, mention):
            return False
        if mention.coordinated and previous is not None and _same_case(prior, mention):
            return previous
        opinion = syntax_opinion(self, mention, tree)
        if opinion is False or is_bystander(self, mention):  # rules/syntax.py, rules/bystanders.py
            return False
        if opinion:
            return True  # a partner the event predicate governs; the bystander rules had no objection
        lows = [t.text.lower() for t in mention.sentence.tokens]
        if self.is_attributed(lows, mention.head if mention.head is not None else mention.first):
            return False
        g, cases, w = mention.governor, mention.cases, self.words
        words = [t.text.lower() for t in mention.sentence.tokens]
        if g in w["comitative_governors"]:
            k = mention.gov_index
            before = words[max(0, k - 2) : max(0, k)]
            topic = len(before) == 2 and before[0] in w["topic_preps"] and self.category(before[1])
            # "сообщил о встрече с послом Р": the teller's own meeting, its partner takes part
            own_news = any(x.startswith(w["told_own_news_stems"]) for x in words[: max(0, k - 2)])
            return not topic or own_news
        if not cases:
            return g not in w["topic_preps"] and not _stem_in(g, w["nonparticipant_governor_stems"])
        if "nomn" in cases:
            return True
        if "ablt" in cases:
            # "с директором X и ее заместителем Y": "и" joins Y to an allowed participant;
            # "с министром X, а также мэрами Y и Z": the list goes on after "также"
            return (
                g.startswith(w["instrumental_governor_stems"])
                or g == ","
                or (g in w["conjunctions"] + w["also_words"] and bool(previous))
            )
        if cases & {"gent", "accs"}:
            return self._object_of_an_event(words, mention.gov_index)
        if "datv" in cases:
            if _stem_in(g, w["dative_host_governor_stems"]):
                return True  # "нанес визит вежливости Президенту Р": the host of a courtesy call
            text = mention.sentence.text.lower()
            return any(v in text for v in w["credential_verbs"]) and any(
                o in text for o in w["credential_objects"]
            )
        return False

    def _object_of_an_event(self, words: list[str], k: int) -> bool:
        """True when a genitive or accusative name governed from ``words[k]`` takes part: an event
        noun, a comma or a verb governs it, over place phrases ("принял в посольстве в Токио
        председателя ..."); not a name inside a topic ("обсудил с министром подготовку к визиту
        посла ...": the phrases lead back to a discussion verb)."""
        governors = self.words["genitive_governor_stems"]
        start = k
        for _ in range(3):
            if k < 0 or _stem_in(words[k], governors) or words[k] == ",":
                break
            j = k
            while j >= 0 and morph.main_pos(words[j]) in ("NOUN", "ADJF", "NUMR", ""):
                j -= 1
            if j < 0 or j == k or morph.main_pos(words[j]) != "PREP":
                break
            k = j - 1
        g = words[k] if k >= 0 else ""
        if _stem_in(g, governors) or g == ",":
            return True
        if k != start and _stem_in(g, self.st["discussion_stems"]):
            return False
        return morph.main_pos(g) in ("VERB", "GRND")

    def is_attributed(self, lows: list[str], head: int) -> bool:
        """True for the source of words, not a participant: "По словам министра Аскара
        Жумабекова, ...", "по мнению посла"."""
        w = self.words
        return (
            head >= 2
            and lows[head - 1] in w["attribution_nouns"]
            and lows[head - 2] in w["attribution_preps"]
        )

    def is_speaker(self, mention: NameMention) -> bool:
        """True for a name after a speech verb that introduces what it says: "Как пояснил
        официальный представитель МИД Аскар Жумабеков, на встрече ...", "..., сообщил на
        брифинге посол Аскар Жумабеков"."""
        lows = [t.text.lower() for t in mention.sentence.tokens]
        k = mention.gov_index
        if k >= 2 and lows[k - 1] in self.words["session_preps"]:
            k -= 2  # "сообщил на брифинге посол ..."
        return k >= 0 and lows[k].startswith(self.words["speech_verb_stems"])

    def _never_the_actor(self, lows: list[str], i: int, word: str) -> bool:
        """A title word that cannot refer to our official as the actor: the source of words ("по
        словам министра"), a partner after "с" ("встречаюсь с министром"), a genitive plural
        ("Совет министров"), unless a reception verb stands next to it ("гостей приняли")."""
        if self.is_attributed(lows, i) or (i > 0 and lows[i - 1] in self.words["with_preps"]):
            return True
        found = morph.parses(word)
        received = any(w.startswith(self.words["received_stems"]) for w in lows[max(0, i - 1) : i + 2])
        # "Казахстанских гостей приняли ...": the guests received, an accusative plural
        return bool(found) and {"gent", "plur"} in found[0].tag and not received

    def kz_reference(self, clause: Clause, blocked: set[int]) -> str | None:
        """The word by which the clause refers to a Kazakh official ("посол", "дипломат"), or None."""
        tokens = clause.sentence.tokens
        lows = [t.text.lower() for t in tokens]
        w = self.words
        pronouns = set(w["subject_pronouns"])
        for i in range(clause.lo, clause.hi):
            if i in blocked:
                continue
            low = lows[i]
            if (
                _stem_in(low, self.st["discussion_stems"])
                and i > 0
                and lows[i - 1] not in w["comparison_words"]
            ):
                break
            lemma = {p.normal_form for p in morph.parses(tokens[i].text)[:1]} | {low}
            # "поверенный": pymorphy2 reads it as a participle of "поверить"
            lemma.update(
                v for k, v in self.lex.event_word_maps["lemmas_by_stem"].items() if low.startswith(k)
            )
            if (
                i + 1 < len(tokens)
                and self.lex.kz_marker.match(tokens[i + 1].text)
                and is_title(tokens[i].text, self.lex)
            ):
                return low  # "председатель Мажилиса встретился ...": any title of a Kazakh body
            if not lemma & set(self.st["kz_reference_lemmas"]):
                continue
            if i > 0 and f"{lows[i - 1]} {low}" in w["title_word_idioms"]:
                continue  # "делегация во главе с ...": no reference to anybody
            if lemma & pronouns and low not in pronouns:
                continue  # only a subject pronoun continues with our official ("его", "ей" do not)
            if self._never_the_actor(lows, i, tokens[i].text):
                continue
            prev = lows[i - 1] if i > 0 else ""
            nxt = lows[i + 1 : i + 3]
            if self.lex.event_patterns["nationality_adjective"].search(prev) and not prev.startswith(
                w["kz_adjective_stems"]
            ):
                continue  # "кенийский министр", "японский губернатор": a foreign official
            if prev.startswith(w["permanent_title_stems"]) and low.startswith(w["representative_stems"]):
                return low  # "постоянный представитель встретилась ...": our posting's title
            ministry = len(nxt) > 1 and nxt[0] in w["ministry_abbreviations"] and nxt[1] in w["kz_genitives"]
            if prev.startswith(w["kz_adjective_stems"]) or (nxt and nxt[0] in w["kz_genitives"]) or ministry:
                return low  # "казахстанский посол", "посол Казахстана", "главы МИД РК"
            if lemma & set(w["group_reference_lemmas"]):
                continue  # a group word needs "казахстанская"/"Казахстана" to mean our side
            if (
                i + 1 < len(tokens)
                and tokens[i + 1].text[:1].isupper()
                and nxt[0] not in w["ministry_abbreviations"]
            ):
                continue  # "послом Венгрии", "министр Албании": a foreign title
            return low
        return None

    # ---- the walk over the bulletin -------------------------------------------------------------
    def build(
        self,
        layout: Layout,
        mentions: dict[int, list[NameMention]],
        people: list[Person],
        trees: dict[int, Tree] | None = None,
    ) -> list[Draft]:
        patterns = self.lex.event_patterns
        drafts: list[Draft] = []
        allowed: dict[int, bool] = {}
        timeline: list[tuple[int, int, int]] = []  # (start, paragraph, person) of KZ participants
        for sentence in layout.sentences:
            found = mentions.get(sentence.index, [])
            allowed.update(self._participants(found, people, (trees or {}).get(sentence.index)))
            for m in found:
                if allowed[id(m)] and m.person >= 0 and people[m.person].side == "kz":
                    timeline.append((m.start, sentence.paragraph, m.person))
        for sentence in layout.sentences:
            low = sentence.text.lower().lstrip(" -–—")
            if any(low.startswith(o) for o in self.st["background_openers"]) and not patterns[
                "same_day_background"
            ].match(low):
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
                and (last.paragraph == sentence.paragraph or patterns["sides_opener"].match(sentence.text))
                and sentence not in last.sentences
            ):
                last.context.append(sentence)  # "Стороны обсудили ...": what the event was about
        body = merge_drafts(drafts)
        return body + self._headline_news(layout.title, mentions, people, trees, body)

    def _headline_news(
        self,
        title: Sentence | None,
        mentions: dict[int, list[NameMention]],
        people: list[Person],
        trees: dict[int, Tree] | None,
        body: list[Draft],
    ) -> list[Draft]:
        """The headline's encounters that the body does not tell: "Токаев провел переговоры с Олафом
        Шольцем" above a text about the summit. Only named pairs of our official and a partner
        count, and only partners the body does not already pair with that official."""
        if title is None:
            return []
        found = mentions.get(title.index, [])
        allowed = self._participants(found, people, (trees or {}).get(title.index))
        drafts: list[Draft] = []
        for clause in self._headline_clauses(title):
            self._clause(clause, found, allowed, people, [], drafts)
        news = []
        for d in merge_drafts(drafts):
            told = {c for b in body if set(b.kz) & set(d.kz) for c in b.cps}
            d.kz = [p for p in d.kz if _named_in_body(people[p])]
            d.cps = [c for c in d.cps if c not in told and _named_in_body(people[c])]
            if d.kz and d.cps and not d.frame_only:
                news.append(d)
        return news

    def _earlier_year(self, sentence: Sentence, year: int | None) -> bool:
        """True when the sentence dates its event to a year before the bulletin's ("в 2019 году
        посол встретился ..."), before any topic: background, not the bulletin's news."""
        if year is None:
            return False
        text = sentence.text.lower()
        topic = min(
            (i for i in (text.find(s) for s in self.st["discussion_stems"]) if i >= 0), default=len(text)
        )
        return any(int(y) < year for y in self.lex.event_patterns["year_phrase"].findall(text[:topic]))

    def _clauses(self, sentence: Sentence) -> list[Clause]:
        """The sentence cut after ", а" and ";". A part without a verb of its own is no clause: in
        "С министром Р, а также с мэром С посол обсудил ..." the list before ", а также" shares the
        verb after it."""
        tokens = sentence.tokens
        cuts = [0]
        for i in range(1, len(tokens) - 1):
            conjunction = tokens[i].text.lower() in self.words["clause_conjunctions"]
            has_verb = any(morph.main_pos(t.text) == "VERB" for t in tokens[cuts[-1] : i])
            if (conjunction and tokens[i - 1].text == "," and has_verb) or tokens[i].text == ";":
                cuts.append(i + 1)
        cuts.append(len(tokens))
        return [Clause(sentence, a, b) for a, b in itertools.pairwise(cuts) if b > a]

    def _participants(
        self, found: list[NameMention], people: list[Person], tree: Tree | None
    ) -> dict[int, bool]:
        """Which of one sentence's mentions take part (by ``id``), its untold sides settled first."""
        settle_untold_sides(found, people, self.lex)  # rules/sides.py
        sides = {id(m): people[m.person].side if m.person >= 0 else None for m in found}
        tellers = bystanders_of_sentence(self, found, sides)
        allowed: dict[int, bool] = {}
        previous = None
        for k, m in enumerate(found):
            prior = found[k - 1] if k else None
            previous = allowed[id(m)] = self.allowed(m, previous, prior, tree) and id(m) not in tellers
        return allowed

    @staticmethod
    def _headline_clauses(title: Sentence) -> list[Clause]:
        """A headline cut at each comma between two verbs: headlines join their news with commas
        ("Токаев провел переговоры с эмиром Катара, Смаилов встретил участников саммита")."""
        tokens = title.tokens
        cuts = [0]
        for i, token in enumerate(tokens):
            has_verb = any(morph.main_pos(t.text) == "VERB" for t in tokens[cuts[-1] : i])
            verb_after = any(morph.main_pos(t.text) == "VERB" for t in tokens[i + 1 :])
            if token.text == "," and has_verb and verb_after:
                cuts.append(i + 1)
        cuts.append(len(tokens))
        return [Clause(title, a, b) for a, b in itertools.pairwise(cuts) if b > a]

    def actor(self, start: int, paragraph: int, timeline, people, ref: str | None) -> list[int]:
        """The official a reference word means: the last one named before with the title the word
        repeats (one taking part first), else the last one taking part named in the paragraph
        (preferring one whose role fits the word), else the next one named in it, else the last one
        taking part before, else the last one named at all before."""
        wanted = role_of(ref, self.lex) if ref else "other"
        same = [p for s, par, p in timeline if par == paragraph and s < start][::-1]
        later = [p for s, par, p in timeline if par == paragraph and s >= start]
        before = [p for s, par, p in timeline if s < start][::-1]
        titled = self._named_by_title(people, start, self.title_lemmas(ref)) if ref else []
        taking_part = [p for p in titled if p in before]
        for pool in (taking_part[:1] or titled[:1], same, later, before, self._named_before(people, start)):
            if not pool:
                continue
            if wanted != "other":
                fitting = [p for p in pool if self._role(people[p]) == wanted]
                if fitting:
                    return [fitting[0]]
            elif ref and morph.lemmas(ref) & set(self.words["diplomat_reference_lemmas"]):
                # "казахстанский дипломат": one of ours with a diplomatic role, not the President
                fitting = [p for p in pool if self._role(people[p]) != "other"]
                if fitting:
                    return [fitting[0]]
            return [pool[0]]
        return []

    def title_lemmas(self, word: str) -> set[str]:
        """The lemmas of a title word, through the lexicon's title synonyms ("генсек" is a
        "секретарь", "премьера" a "премьер-министр")."""
        maps = self.lex.event_word_maps
        low = word.lower()
        lemmas = set(morph.lemmas(word)) | {v for k, v in maps["lemmas_by_stem"].items() if low.startswith(k)}
        return {maps["title_synonyms"].get(lemma, lemma) for lemma in lemmas}

    def _named_by_title(self, people: list[Person], start: int, lemmas: set[str]) -> list[int]:
        """Our officials named before ``start`` with the title the reference word repeats
        ("Главе государства Р ..." then "разговор главы государства с ..."), the last named first."""

        def titled(person: Person) -> bool:
            info = person.info
            return (
                info is not None
                and info.head is not None
                and info.start < start
                and bool(self.title_lemmas(info.sentence.tokens[info.head].text) & lemmas)
            )

        return self._named_before(people, start, titled)

    @staticmethod
    def _named_before(people: list[Person], start: int, fits=lambda person: True) -> list[int]:
        """Our officials named before ``start`` (taking part or not: "Главе государства Р продолжают
        звонить ...") that ``fits`` accepts, the last named first."""
        named = [
            (max(m.start for m in person.mentions if m.start < start), person.index)
            for person in people
            if person.side == "kz" and any(m.start < start for m in person.mentions) and fits(person)
        ]
        return [index for _, index in sorted(named, reverse=True)]

    def _role(self, person: Person) -> str:
        info = person.info
        return role_of(info.chain, self.lex) if info and info.chain else "other"

    def _clause(self, clause, all_mentions, allowed, people, timeline, drafts) -> None:
        """Read one clause: its event words and people, then the clause rules of
        ``rules/clauses.py``, which add to ``drafts`` or to the event before."""
        ms = [m for m in all_mentions if clause.lo <= m.first < clause.hi and m.person >= 0]
        blocked: set[int] = set()
        for m in ms:
            lo = m.head if m.head is not None else m.first
            blocked.update(range(lo, m.last))
        scan = scan_triggers(self, clause, blocked)  # the token rules of rules/triggers.py
        kz = [m for m in ms if allowed.get(id(m)) and people[m.person].side == "kz"]
        cp = [m for m in ms if allowed.get(id(m)) and people[m.person].side != "kz"]
        ctx = ClauseContext(
            self, clause, blocked, scan.triggers, scan.backrefs, kz, cp, people, timeline, drafts
        )
        ctx.in_frames, ctx.speeches, ctx.planned = scan.in_frames, scan.speeches, scan.planned
        read_clause(ctx)
