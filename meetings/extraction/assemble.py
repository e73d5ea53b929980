"""Drafts to Meeting records: people's attributes, location, topics, evidence (confidence.py scores)."""

from __future__ import annotations

from collections.abc import Mapping

from . import morph
from .drafts import Draft
from .lexicon import Lexicon
from .names import name_key
from .people import NameMention, Person
from .phrases import nominative_phrase
from .places import PlaceIndex
from .records import Counterpart, Evidence, KzParticipant, Meeting, Mention
from .titles import country_of, organization_of, position_of, posting_of, role_of


class Assembler:
    """Turns drafts into records; holds the lexicon and the place index."""

    def __init__(self, lexicon: Lexicon, places: PlaceIndex) -> None:
        self.lex = lexicon
        self.places = places

    def kz_entry(self, person: Person, mention: NameMention | None, aliases) -> KzParticipant:
        info = person.info or (person.mentions[0] if person.mentions else None)
        chain = info.chain if info else ""
        role = role_of(chain, self.lex) if chain else "other"
        before = info.sentence.text[: info.chain_start - info.sentence.start] if info else ""
        posting = posting_of(role, chain, before, self.places)
        return KzParticipant(
            name=_alias(person.name, mention, aliases),
            position=position_of(info, self.lex) if info else None,
            role=role,
            posting=posting,
            mention=_mention(mention or (person.mentions[0] if person.mentions else None)),
        )

    def cp_entry(self, person: Person, mention: NameMention | None, context_country, aliases) -> Counterpart:
        info = person.info or (person.mentions[0] if person.mentions else None)
        chain = info.chain if info else ""
        country, has_org = country_of(chain, self.places, self.lex) if chain else (None, False)
        if country is None and not has_org:
            country = context_country
        return Counterpart(
            name=_alias(person.name, mention, aliases),
            position=position_of(info, self.lex) if info else None,
            organization=organization_of(chain, self.places, self.lex) if chain else None,
            country=country,
            mention=_mention(mention or (person.mentions[0] if person.mentions else None)),
        )

    def location(self, draft: Draft, unique: bool = False) -> str | None:
        """The city the event's own sentence places it in ("В Льеже ...", "посетил Тарту"), else
        one that a later sentence about the same encounter gives ("Церемония прошла в Вашингтоне",
        "на переговорах в Буэнос-Айресе").

        Only the part before the topic ("обсудили ...") counts, and never a city inside a title
        ("бургомистр Гамбурга"). With ``unique``, a sentence naming two cities gives None.
        """
        if draft.kind == "phone_call":
            return None
        found = self._cities(draft, draft.sentences[0], draft.tokens)
        if not found and not unique:
            for sentence in draft.sentences[1:] + draft.context:
                if self.lex.record_patterns["encounter"].search(sentence.text):
                    found = self._cities(draft, sentence, (0, len(sentence.tokens)))
                    if found:
                        break
        if not found or (unique and len(set(found)) > 1):
            return None
        return found[0]

    def _cities(self, draft: Draft, sentence, span: tuple[int, int]) -> list[str]:
        lo, hi = span
        words = [t.text if lo <= i < hi else "" for i, t in enumerate(sentence.tokens)]
        blocked: set[int] = set()
        for m in draft.mentions.values():
            if m.sentence is sentence:
                blocked.update(range(m.head if m.head is not None else m.first, m.last))
                if m.head is None and m.chain:  # "X, генеральный консул ... во Франкфурте, ..."
                    at = sentence.text.find(m.chain, m.end - sentence.start)
                    if at >= 0:
                        lo_c, hi_c = sentence.start + at, sentence.start + at + len(m.chain)
                        blocked.update(
                            i
                            for i, tok in enumerate(sentence.tokens)
                            if lo_c <= tok.start and tok.end <= hi_c
                        )
        stop = len(words)
        stems = self.lex.stems["discussion_stems"]
        for i, w in enumerate(words):
            if i > 0 and w.lower().startswith(stems):
                stop = i
                break
        preps = self.lex.record_words["location_prepositions"]
        if stop + 2 < len(words) and words[stop + 1].lower() in preps:
            stop += 3  # "обсудили в Риме перспективы ...": the city right after the verb still counts
        found = []
        for place in self.places.find_all(words[:stop]):
            if place.kind != "city" or place.start in blocked:
                continue
            prev = words[place.start - 1].lower() if place.start > 0 else ""
            if prev in preps or prev.startswith(self.lex.record_words["arrival_stems"]):
                found.append(place.name)
        return found

    def locations(self, drafts: list[Draft]) -> list[str | None]:
        """Each draft's location: its own sentence's city; else, for "там же" / "на полях ...",
        the official's previous event's city; else the city of a summary that frames the
        official's series ("провел в Нью-Дели ряд встреч")."""
        frames: dict[int, str] = {}
        last: dict[int, str] = {}
        out: list[str | None] = []
        for d in drafts:
            own = self.location(d, unique=d.frame_only)
            if d.frame_only:
                for p in d.kz:
                    if own:
                        frames[p] = own
                out.append(own)
                continue
            text = d.sentences[0].text.lower()
            if own is None and d.kind != "phone_call":
                if any(phrase in text for phrase in self.lex.record_words["same_place_phrases"]):
                    own = next((last[p] for p in d.kz if p in last), None)
                if own is None:
                    own = next((frames[p] for p in d.kz if p in frames), None)
            series = any(f" {m} " in f" {text} " for m in self.lex.stems["summary_markers"])
            for p in d.kz:
                if own:
                    last[p] = own
                    if series:  # "На полях встречи ... провел ряд двусторонних бесед": frames the rest
                        frames[p] = own
            out.append(own)
        return out

    def topics(self, draft: Draft) -> tuple[str, ...]:
        """One to three nominative phrases of what was discussed ("обсудили X, Y и Z")."""
        out: list[str] = []
        patterns = self.lex.record_patterns
        for sentence in draft.sentences + draft.context:
            found = patterns["topic_start"].search(sentence.text)
            if not found:
                continue
            rest = patterns["topic_place_opener"].sub("", found.group(1))  # "обсудили в Риме ..."
            for piece in patterns["topic_cut"].split(rest):
                phrase = nominative_phrase(piece.strip())
                if phrase and phrase not in out:
                    out.append(phrase)
                if len(out) == 3:
                    return tuple(out)
        # when the bulletin says nothing about the subject
        return tuple(out) or (self.lex.event_word_maps["generic_topics"][draft.kind],)

    def unnamed_organization(self, draft: Draft) -> str | None:
        """The international organisation an unnamed counterpart belongs to, named after the
        Kazakh officials in the event's clause ("встретился с руководством секретариата ЮНКТАД"
        gives "ЮНКТАД", whose country is null); None when the clause names none."""
        if not draft.sentences:
            return None
        sentence = draft.sentences[0]
        start, end = draft.tokens
        for p in draft.kz:
            m = draft.mentions.get(p)
            if m is not None and m.sentence is sentence:
                start = max(start, m.last)
        words = [t.text for t in sentence.tokens[start:end]]
        with_ = set(self.lex.person_words["comitative_prepositions"])
        at = next((i + 1 for i, w in enumerate(words) if w.lower() in with_), len(words))
        group = []  # "с руководством секретариата ЮНКТАД": the group up to a stop or a preposition
        for w in words[at:]:
            if not w[:1].isalnum() or morph.main_pos(w) in ("PREP", "CONJ", "VERB"):
                break
            group.append(w)
        org = next((p for p in self.places.find_all(group) if p.kind == "org"), None)
        return org.name if org else None

    def meeting(
        self,
        draft: Draft,
        people: list[Person],
        aliases: Mapping[str, str] | None,
        location: str | None,
        confidence: float,
    ) -> Meeting:
        """The record of one event; ``confidence`` is `confidence.score` of its signals."""
        kz_entries = [self.kz_entry(people[p], draft.mentions.get(p), aliases) for p in draft.kz]
        if draft.kz_unnamed or not kz_entries:
            unnamed = self.lex.record_texts["unnamed_kz_side"]
            kz_entries = [KzParticipant(None, unnamed, "other", None, None)]
        context = None
        if location:
            context = self.lex.cities.get(location)
            if context in self.lex.person_words["home_countries"]:
                context = None
        if context is None:
            for e in kz_entries:
                if e.role in ("ambassador", "charge_d_affaires") and e.posting:
                    context = e.posting
                    break
                if e.role == "consul_general" and e.posting:
                    context = self.lex.cities.get(e.posting)
                    break
        cps = [self.cp_entry(people[p], draft.mentions.get(p), context, aliases) for p in draft.cps]
        if not cps:
            org = self.unnamed_organization(draft)
            cps = [Counterpart(None, None, org, None if org else (draft.state or context), None)]
        start = min(s.start for s in draft.sentences)
        end = max(s.end for s in draft.sentences + draft.context)
        return Meeting(
            kind=draft.kind,
            kz_side=tuple(kz_entries),
            counterparts=tuple(cps),
            location=location,
            topics=self.topics(draft),
            evidence=Evidence(start, end),
            confidence=confidence,
        )


def _mention(m: NameMention | None) -> Mention | None:
    if m is None:
        return None
    text = m.sentence.text[m.start - m.sentence.start : m.end - m.sentence.start]
    return Mention(m.start, m.end, text)


def _alias(name: str, mention: NameMention | None, aliases: Mapping[str, str] | None) -> str:
    """The canonical name reviewers gave for ``name`` or its surface form, else ``name``.

    Each form is looked up as written, then in the machine-normalised form :func:`name_key` gives
    (lower case, ё as е, single spaces), which is how the database keeps aliases: two look-ups a
    form, whatever the number of aliases (normalising every key per name cost a bulletin
    milliseconds per thousand aliases).
    """
    if not aliases:
        return name
    forms = [name]
    if mention is not None:
        forms.append(" ".join(mention.words).replace(" .", "."))
    for form in forms:
        for key in (form, name_key(form)):
            if key in aliases:
                return aliases[key]
    return name
