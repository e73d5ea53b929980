"""Person mentions in a bulletin and the people they name.

A mention is a run of capitalised Cyrillic words (with name particles such as "де", "бин",
"аль-"), trimmed of leading places, organisations, titles and common words, and kept when
natasha's NER tags it as a person or a title noun governs it. Walking back from the name over
its title ("посол Казахстана в Мексике", "с министром ... Узбекистан") gives the governing noun
(hence the case of the name), the governing word before it ("с", "встреча", "визита") and the
position phrase, from which the side, role, posting and country are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import morph
from .lexicon import Lexicon, shared_lexicon
from .names import nominative, same_person
from .places import PlaceIndex
from .rules.mentions import MentionDraft, coordinators, is_title, read_mention
from .rules.sides import SideQuery, side_of
from .text import Sentence

__all__ = ["MentionFinder", "NameMention", "Person", "build_people", "is_title"]

_ROMAN = re.compile(r"^[IVX]+$")
_FUNCTION_POS = {"NPRO"}  # "Его Высочество"; not "Ли", "Ван", "К." (Asian names, initials)
_HONORIFIC_ENDING = 3  # letters a case ending adds to an honorific word ("Датуком", "Сери")


@dataclass(slots=True)
class NameMention:
    """A person named in one sentence (token indices are into ``sentence.tokens``)."""

    sentence: Sentence
    first: int
    last: int  # exclusive
    words: tuple[str, ...]
    head: int | None  # token index of the governing title noun
    cases: frozenset[str]
    governor: str  # the word that governs the title (or the name when there is no title)
    coordinated: bool  # joined by "," / "и" to the person mentioned just before
    chain: str  # position phrase from the title noun to the name
    side: str | None  # "kz" | "cp" | None when the title does not tell
    gov_index: int  # token index of ``governor`` (-1 when none)
    is_per: bool = False  # natasha NER tags part of it as a person
    see: bool = False  # a clerical title and its see stand before the name ("Папой Римским")
    sole_name: bool = False  # one word a monarch's title names in full ("императором Хироясу")
    person: int = -1
    group: tuple[NameMention, str, int] | None = None  # (first name, its chain, place in a list)

    @property
    def start(self) -> int:
        return self.sentence.tokens[self.first].start

    @property
    def end(self) -> int:
        return self.sentence.tokens[self.last - 1].end

    @property
    def chain_start(self) -> int:
        idx = self.head if self.head is not None else self.first
        return self.sentence.tokens[idx].start

    @property
    def is_full(self) -> bool:
        words = self.words
        # a one-letter word not followed by "." is a surname ("Е Шаохуа"), not an initial
        named = sum(
            1
            for k, w in enumerate(words)
            if (w[:1].isupper() or w.rsplit("-", 1)[-1][:1].isupper())  # "аль-Сакри" counts
            and (len(w) > 1 or k + 1 == len(words) or words[k + 1] != ".")
        )
        # "Феофилом III", "Папой Римским Франциском": a regnal number or a see makes one name full
        return named >= 2 or self.see or self.sole_name or any(w == "." or _ROMAN.match(w) for w in words)


@dataclass(slots=True)
class Person:
    """One person of the bulletin with the fullest name and the first informative title."""

    index: int
    name: str
    tokens: list[str]
    side: str | None = None
    chain: str = ""
    mentions: list[NameMention] = field(default_factory=list)
    info: NameMention | None = None  # the mention whose title describes the person
    certainty: int = 0  # how surely ``name``'s case was known: see `_case_certainty`


def _is_name_word(word: str) -> bool:
    capital = shared_lexicon().person_patterns["cyrillic_capital"]
    return len(word) > 1 and bool(capital.match(word)) and not word.isupper()


def _is_initial(words: list[str], k: int) -> bool:
    """True when ``words[k]`` is a capital letter followed by a full stop: an initial ("К.")."""
    return k + 1 < len(words) and len(words[k]) == 1 and words[k].isupper() and words[k + 1] == "."


_QUOTED_NAME_WORDS = 8  # a quotation this long or shorter is a name ("форум «Астана»"), not speech


class MentionFinder:
    """Finds NameMentions in sentences; stateless apart from its lexicon and place index."""

    def __init__(self, lexicon: Lexicon, places: PlaceIndex) -> None:
        self.lexicon = lexicon
        self.places = places

    def find(self, sentence: Sentence, ner_spans: list[tuple[int, int, str]]) -> list[NameMention]:
        """Mentions in ``sentence``; ``ner_spans`` are natasha NER spans (start, end, type)."""
        words = [t.text for t in sentence.tokens]
        ner = [next((k for s, e, k in ner_spans if s < t.end and t.start < e), "") for t in sentence.tokens]
        is_per = [k == "PER" for k in ner]
        in_quotes = self._quoted(words)
        runs = _split_at_ner_bounds(self._runs(words, in_quotes), sentence.tokens, ner_spans)
        mentions: list[NameMention] = []
        taken: set[int] = set()
        for first, last in runs:
            first = self._trim(words, first, last, is_per)
            last = self._trim_end(words, first, last, is_per)
            if first >= last:
                continue
            mention = self._mention(sentence, words, first, last, ner, taken)
            if mention is not None and mention.coordinated and mention.head is None and mentions:
                mention = self._distributed(mention, mentions[-1], words)
            if mention is not None and mentions and _possessive_title(mention, words, self.lexicon):
                # "директором Программы ООН Y и ее заместителем Z": Z's title is of Y's body
                previous = mentions[-1]
                if previous.head is not None and previous.head + 1 < previous.first:
                    complement = " ".join(words[previous.head + 1 : previous.first])
                    mention.chain = f"{mention.chain} {complement}"
            if mention is not None:
                mentions.append(mention)
                taken.update(range(first, last))
        return mentions

    @staticmethod
    def _quoted(words: list[str]) -> list[bool]:
        """Which words stand inside a short quotation, the name of a body or a work ("форум «Астана»"):
        no person is named there. A long one is someone's words, whose names count."""
        out: list[bool] = []
        inside, opened = False, 0
        for k, w in enumerate(words):
            if w in ("«", "“", "„") or (w == '"' and not inside):
                inside, opened = True, k
            elif inside and (w in ("»", "”") or w == '"'):
                inside = False
                if k - opened > _QUOTED_NAME_WORDS:
                    out[opened + 1 :] = [False] * (k - opened - 1)
            out.append(inside)
        return out

    def _runs(self, words: list[str], in_quotes: list[bool]) -> list[tuple[int, int]]:
        runs, i, n = [], 0, len(words)
        while i < n:
            initial = len(words[i]) == 1 and words[i].isupper() and i + 1 < n and words[i + 1] == "."
            if in_quotes[i] or not (_is_name_word(words[i]) or initial or self._letter_surname(words, i)):
                i += 1
                continue
            j = i + 1
            while j < n and not in_quotes[j] and not self._initial_opens_name(words, i, j):
                w = words[j]
                if (
                    _is_name_word(w)
                    or (_ROMAN.match(w) and j > i)
                    or (len(w) == 1 and w.isupper() and j + 1 < n and words[j + 1] == ".")
                ):
                    j += 1
                elif (
                    w == "."
                    and not (j + 1 == n and j - 2 == i and self._east_asian(words[i]))  # "с Ван И."
                    and len(words[j - 1]) == 1
                    and not _ROMAN.match(words[j - 1])  # "Раме X.": a regnal number ends the sentence
                    and (
                        j - 1 > i or (j + 1 < n and _is_name_word(words[j + 1])) or _is_initial(words, j + 1)
                    )
                ):
                    j += 1  # an initial: "Б. Отиено", "Х.С. Аль-Шамси", "Аль-Шамси Х.С."
                    if self._initials_close_name(words, i, j):
                        break
                elif self._letter_surname(words, j):
                    j += 1  # "мэром Сианя Е Нинбо": a one-letter Chinese surname
                elif self._letter_given_name(words, i, j):
                    j += 1  # "с Ван И": a one-letter given name after an East Asian surname
                elif self._is_particle(w) and ("-" in w or self._particles_before_name(words, j)):
                    j += 1
                else:
                    break
            runs.append((i, j))
            i = j
        return runs

    @staticmethod
    def _initials_close_name(words: list[str], i: int, j: int) -> bool:
        """True when the initials ending at ``words[j - 1]`` follow the surname and close the name:
        "с министром Аль-Шамси Х.С. Стороны обсудили" (not "Ганы К. Асанте")."""
        if not any(_is_name_word(x) for x in words[i : j - 2]) or _is_initial(words, j):
            return False
        after = words[j] if j < len(words) else ""
        return not _is_name_word(after) or (morph.is_common(after) and not morph.is_name_like(after))

    def _letter_given_name(self, words: list[str], i: int, j: int) -> bool:
        """True for a capital letter that is a Chinese given name ("Ван И"): right after a one-word
        run that is an East Asian surname, and not an initial (no "." after it)."""
        w = words[j]
        return (
            j == i + 1
            and len(w) == 1
            and w.isupper()
            and self._east_asian(words[i])
            and (j + 1 >= len(words) or words[j + 1] != ".")
        )

    def _east_asian(self, word: str) -> bool:
        return word.lower() in self.lexicon.stems["east_asian_surnames"]

    def _is_particle(self, word: str) -> bool:
        particles = self.lexicon.name_particles
        return word.lower() in particles or word.split("-")[0].lower() in particles

    def _particles_before_name(self, words: list[str], j: int) -> bool:
        """True when the particles from ``words[j]`` on lead to a name word: "фон дер Ляйен",
        "де ла Торре"."""
        k = j
        while k < len(words) and words[k].lower() in self.lexicon.name_particles:
            k += 1
        return k > j and k < len(words) and _is_name_word(words[k])

    @staticmethod
    def _initial_opens_name(words: list[str], i: int, j: int) -> bool:
        """True when the initial at ``words[j]`` opens another name: after two full words a run is
        a whole name ("с конгрессменом Игорем Мендосой Р.Ахметов обсудил": no comma before the
        subject), while "Джон Ф. Кеннеди" has one word before its middle initial."""
        return (
            bool(shared_lexicon().person_patterns["cyrillic_capital"].match(words[j]))
            and len(words[j]) == 1
            and j + 2 < len(words)
            and words[j + 1] == "."
            and _is_name_word(words[j + 2])
            and sum(1 for w in words[i:j] if _is_name_word(w)) >= 2
        )

    def _letter_surname(self, words: list[str], i: int) -> bool:
        """True for a one-letter East Asian surname ("Е") before a capitalised given name."""
        w = words[i]
        return (
            i > 0  # a capital "О", "Е" opening a sentence is a word, not a surname
            and len(w) == 1
            and w.isupper()
            and w.lower() in self.lexicon.stems["east_asian_surnames"]
            and i + 1 < len(words)
            and _is_name_word(words[i + 1])
        )

    def _trim(self, words: list[str], first: int, last: int, is_per: list[bool]) -> int:
        """Drop leading places, organisations, titles, honorifics and common words from a run."""
        lowered = [w.lower() for w in words]
        while first < last:
            word = words[first]
            place = self.places.match_at(words, first)
            if (
                place is not None
                and place.end <= last
                and not self._city_named_person(words, first, last, is_per)
            ):
                first = place.end
                continue
            low = word.lower()
            phrase = self._honorific_phrase_at(lowered, first)
            if phrase and first + phrase < last:
                first += phrase  # "Тан Шри": a Malaysian honorific of two words
                continue
            if self.lexicon.kz_marker.fullmatch(word):
                first += 1  # "Спикер Мажилиса Ерлан ...": a Kazakh body is never part of a name
                continue
            honorific = low in self.lexicon.honorifics or morph.lemmas(word) & self.lexicon.honorifics
            if honorific or is_title(word, self.lexicon):
                first += 1  # "шейх", "Его Высочество", "Посол"
                continue
            if self._see_of_clerical_title(words, first, last):
                break  # "митрополитом Тверским Феофаном": the see is read by `see_epithet`
            # "Го Лили", "Ма Сяо": a Chinese, Korean or Vietnamese surname before a given name
            asian = low in self.lexicon.stems["east_asian_surnames"] and first + 1 < last
            if not asian and (
                morph.main_pos(word) in _FUNCTION_POS
                or (morph.is_common(word) and not morph.is_name_like(word) and not is_per[first])
            ):
                first += 1
                continue
            break
        return first

    def _trim_end(self, words: list[str], first: int, last: int, is_per: list[bool]) -> int:
        """Drop a capitalised title word that closes a run: the subject after a name ("с
        директором Полом Вайраухом Президент приветствовал ...") is no part of it."""
        while last - 1 > first and not is_per[last - 1] and is_title(words[last - 1], self.lexicon):
            last -= 1
        return last

    def _see_of_clerical_title(self, words: list[str], first: int, last: int) -> bool:
        """True when ``words[first]`` is the adjective of a see right after a clerical title
        ("митрополитом Тверским", "Патриарху Антиохийскому") with a name after it."""
        titles = set(self.lexicon.person_words["epithet_titles"])
        return (
            0 < first < last - 1
            and morph.main_pos(words[first]) == "ADJF"
            and bool(morph.lemmas(words[first - 1]) & titles)
        )

    @property
    def _honorific_phrases(self) -> list[list[str]]:
        return [p.split() for p in self.lexicon.person_words["honorific_phrases"]]

    def _honorific_phrase_at(self, lowered: list[str], first: int) -> int:
        """The number of words of the honorific phrase opening ``lowered[first:]``, in any case
        ("с Датуком Сери Азманом Хашимом": the phrase declines like a noun), else 0."""
        for phrase in self._honorific_phrases:
            words = lowered[first : first + len(phrase)]
            if len(words) == len(phrase) and all(
                w.startswith(p) and len(w) - len(p) <= _HONORIFIC_ENDING
                for w, p in zip(words, phrase, strict=True)
            ):
                return len(phrase)
        return 0

    def _city_named_person(self, words: list[str], first: int, last: int, is_per: list[bool]) -> bool:
        """True when the city-like first word of a run NER reads as a person is a first name: in
        the instrumental ("Берлином Хоксхой"; "Висбадена" goes), or as written before a surname
        ("генеральный секретарь Багдад Сериков"); a country's name is a first name only before a
        surname NER reads with it ("заместителем председателя Данией Ерлановой")."""
        place = self.places.match_at(words, first)
        if not is_per[first] or place is None:
            return False
        if place.kind == "country":
            after = words[first + 1].lower() if place.end == first + 1 and first + 1 < last else ""
            stems = self.lexicon.person_words["surname_endings"]
            return is_per[first + 1] if after and any(s in after[-5:] for s in stems) else False
        word = words[first].lower()
        if word.endswith(self.lexicon.person_words["instrumental_endings"]):
            return True
        after = words[first + 1].lower() if first + 1 < last else ""
        return word == place.name.lower() and after.endswith(self.lexicon.person_words["surname_endings"])

    def _mention(self, sentence, words, first, last, ner, taken) -> NameMention | None:
        """The mention the run ``words[first:last]`` makes, read by the rules of ``rules/mentions.py``;
        None when it names nobody."""
        draft = MentionDraft(self.lexicon, self.places, sentence, words, first, last, ner, taken)
        if not read_mention(draft):
            return None
        first, last, head, chain, side = draft.first, draft.last, draft.head, draft.chain, None
        if head is None:
            appositive = self._appositive(sentence, words, last)
            if appositive is not None:  # "Ержан Касенов, посол Казахстана в Испании, встретился ..."
                chain, chain_words = appositive
                side = self._side(chain_words, 0, len(chain_words), chain, sentence)
        if side is None:  # "Папой Римским": a clerical title with its see stands for a title noun
            side = self._side(words, head if head is not None else draft.epithet_at, first, chain, sentence)
        return NameMention(
            sentence,
            first,
            last,
            tuple(words[first:last]),
            head,
            draft.cases,
            draft.governor,
            draft.coordinated,
            chain,
            side,
            draft.gov_index,
            draft.ner_saw_person,
            see=draft.epithet_at is not None,
            sole_name=draft.sole_name,
        )

    def _appositive(self, sentence: Sentence, words: list[str], last: int) -> tuple[str, list[str]] | None:
        """The title set off by commas after a name ("X, посол Казахстана в Испании, ..."), if any."""
        if last + 1 >= len(words) or words[last] != ",":
            return None
        k = last + 1
        while k < len(words) and k < last + 4 and morph.main_pos(words[k]) in ("ADJF", "NUMR"):
            k += 1
        if k >= len(words) or not is_title(words[k], self.lexicon):
            return None
        end = k + 1
        while end < len(words) and end < k + 15 and words[end] not in (",", ".", ";", "(", ")"):
            if morph.main_pos(words[end]) in ("VERB", "GRND"):
                break
            end += 1
        tokens = sentence.tokens
        text = sentence.text[tokens[last + 1].start - sentence.start : tokens[end - 1].end - sentence.start]
        return text, words[last + 1 : end]

    def _distributed(self, mention: NameMention, previous: NameMention, words: list[str]) -> NameMention:
        """ "министрами иностранных дел Азербайджана X, Кыргызстана Y": Y shares X's title, with its
        own state; give Y that title (X's chain with the state swapped) and X's case."""
        joiners = coordinators(self.lexicon)
        own = [w for w in words[previous.last : mention.first] if w.lower() not in joiners]
        if not own or not previous.chain:
            # "депутатами бундестага Клаусом Мюллером и Петрой Шмидт": the same case; a plural
            # title is shared by both names
            mention.cases = previous.cases
            root, shared, index = previous.group or (previous, previous.chain, 0)
            if root.head is not None and _plural_title(root):
                mention.chain, mention.side = shared, root.side
                mention.group = (root, shared, index + 1)
                # "представителями Норвегии, Ирландии и Сингапура X, Y и Z": respectively
                first, theirs = self._respective(shared, 0), self._respective(shared, index + 1)
                if first is not None and theirs is not None:
                    root.chain, mention.chain = first, theirs
            return mention
        base = previous.chain.split()
        found = self.places.find_all(base)
        if found and found[-1].end == len(base):
            base = base[: found[-1].start]
        chain = " ".join(base + own)
        side = self._side(base + own, 0, len(base + own), chain, mention.sentence)
        return NameMention(
            mention.sentence,
            mention.first,
            mention.last,
            mention.words,
            None,
            previous.cases,
            previous.governor,
            True,
            chain,
            side,
            previous.gov_index,
            mention.is_per,
        )

    def _respective(self, chain: str, index: int) -> str | None:
        """The chain of the ``index``-th of several names sharing a plural title that lists states
        ("постоянными представителями Норвегии, Ирландии и Сингапура при ООН"), with only that
        state left; None when the title lists fewer than two states or fewer than ``index + 1``."""
        words = re.findall(r"[\w’'-]+|,", chain)
        states = [p for p in self.places.find_all(words) if p.kind == "country"]
        if len(states) < 2 or index >= len(states):
            return None
        lo, hi = states[0].start, states[-1].end
        skip = ("", ",", *self.lexicon.person_words["conjunctions"])
        between = [w.lower() for w in words[lo:hi] if w not in skip]
        if len(between) != sum(p.end - p.start for p in states):
            return None  # states not listed one after another
        own = states[index]
        return " ".join(words[:lo] + words[own.start : own.end] + words[hi:])

    def _side(self, words, head, first, chain, sentence) -> str | None:
        """The side ("kz" or "cp") the title ``words[head:first]`` (text ``chain``) gives, by the rules
        of ``rules/sides.py``; None when there is no title."""
        if head is None:
            return None
        return side_of(SideQuery(self.lexicon, self.places, words, head, first, chain, sentence))


def _split_at_ner_bounds(
    runs: list[tuple[int, int]], tokens: tuple, ner_spans: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """Runs cut where one NER person of two words or more ends and another begins: "с Асифом Али
    Зардари Касым-Жомарт Токаев поблагодарил" holds two names ("Хосе Луиса Фернандеса | Кастильо",
    a one-word piece, is NER cutting one name)."""
    persons = [(s, e) for s, e, k in ner_spans if k == "PER"]

    def span_of(t) -> int:
        return next((n for n, (s, e) in enumerate(persons) if s < t.end and t.start < e), -1)

    out = []
    for first, last in runs:
        cut = first
        for k in range(first + 1, last):
            a, b = span_of(tokens[k - 1]), span_of(tokens[k])
            if a >= 0 and b >= 0 and a != b and k - cut >= 2 and _span_words(persons[b], tokens) >= 2:
                out.append((cut, k))
                cut = k
        out.append((cut, last))
    return out


def _span_words(span: tuple[int, int], tokens: tuple) -> int:
    return sum(1 for t in tokens if span[0] <= t.start and t.end <= span[1])


def _possessive_title(mention: NameMention, words: list[str], lexicon: Lexicon) -> bool:
    """True for a title after "ее", "его", "их" ("и ее заместителем"): someone's deputy."""
    head = mention.head
    pronouns = lexicon.person_words["possessive_pronouns"]
    return head is not None and head > 0 and words[head - 1].lower() in pronouns


def _plural_title(mention: NameMention) -> bool:
    head = mention.sentence.tokens[mention.head].text if mention.head is not None else ""
    return bool(head) and all(p.tag.number == "plur" for p in morph.parses(head)[:1])


def _genitive_complement(word: str, cases: frozenset[str], lexicon: Lexicon) -> bool:
    """ "имамом Аль-Азхара", "председатель Мажилиса": a lone word in the genitive after a title in
    another case names a place or a body, not the person."""
    low, vocab = word.lower(), lexicon.person_words
    if not cases or "gent" in cases or morph.is_name_like(word) or low[-1:] not in vocab["oblique_endings"]:
        return False
    if "ablt" in cases:
        return not low.endswith(vocab["instrumental_endings"])
    return any(p.tag.case == "gent" and morph.is_dictionary(p) for p in morph.parses(word))


def _case_certainty(mention: NameMention) -> int:
    """2 when a title in the nominative stands before the name (it is written as named), 1 when a
    title gives another case, 0 when the case was guessed from the name's endings."""
    if not mention.cases:
        return 0
    return 2 if "nomn" in mention.cases else 1


def _nominative_initials(mention: NameMention, person: Person) -> bool:
    """True for an initials form of ``person`` whose surname can only be nominative ("А. Дубовая")."""
    words = mention.words
    if (
        "." not in words
        or (mention.cases and "nomn" not in mention.cases)
        or words[0][:1] != person.tokens[0][:1]
    ):
        return False
    found = morph.parses(words[-1])
    return bool(found) and all(p.tag.case == "nomn" for p in found)


def _written_out(tokens: list[str]) -> int:
    """The words of a name written out in full (not initials): "Х. С. Аль-Шамси" has one."""
    return sum(1 for t in tokens if not t.endswith("."))


def _prefer(person: Person, tokens: list[str], certainty: int, mention: NameMention) -> None:
    """Give ``person`` the better of its name and ``tokens`` (a full mention of it): more words,
    else a surer case; a later initials form in the nominative corrects the surname's ending
    ("с Анной Дубовой" is Дубова or Дубовая: "А. Дубовая" tells)."""
    new, old = _written_out(tokens), _written_out(person.tokens)
    if new > old or (new == old and len(tokens) >= len(person.tokens) and certainty > person.certainty):
        person.name, person.tokens, person.certainty = " ".join(tokens), tokens, certainty
    elif person.certainty < 2 and tokens[-1] != person.tokens[-1] and _nominative_initials(mention, person):
        person.tokens = [*person.tokens[:-1], tokens[-1]]
        person.name, person.certainty = " ".join(person.tokens), 2


def build_people(mentions: list[NameMention], lexicon: Lexicon) -> list[Person]:
    """Group mentions into people; sets ``mention.person``. Full names first, then short ones.

    A person is named by its longest full mention; among equally long ones, by the one whose case
    is surest: "под председательством Ивана Петрова ... министр Иван Петров" names Иван Петров."""
    people: list[Person] = []
    order = sorted(mentions, key=lambda m: m.start)
    for mention in order:
        if not mention.is_full:
            continue
        name = nominative(_without_patronymic(list(mention.words)), mention.cases, lexicon)
        tokens, certainty = name.split(), _case_certainty(mention)
        match = next((p for p in people if p.name == name or same_person(tokens, p.tokens)), None)
        if match is None:
            match = next((p for p in people if same_person(list(mention.words), p.tokens)), None)
        if match is None:
            match = Person(len(people), name, tokens, certainty=certainty)
            people.append(match)
        else:
            _prefer(match, tokens, certainty, mention)
        _attach(match, mention)
    for mention in order:
        if mention.is_full:
            continue
        words = list(mention.words)
        before = [p for p in people if p.mentions and p.mentions[0].start < mention.start]
        candidates = [p for p in before if same_person(words, p.tokens)] or [
            p for p in people if same_person(words, p.tokens)
        ]
        if candidates:
            _attach(candidates[-1], mention)
        elif (
            (mention.head is not None or mention.coordinated)  # "..., Индонезии Сугионо": a shared title
            and mention.chain
            and mention.is_per
            and morph.main_pos(words[-1]) not in ("ADJF", "ADJS")
            and not _genitive_complement(words[-1], mention.cases, lexicon)
        ):
            name = nominative(words, mention.cases, lexicon)
            person = Person(len(people), name, name.split())
            people.append(person)
            _attach(person, mention)
    return people


def _without_patronymic(words: list[str]) -> list[str]:
    """The name's words without a patronymic between first name and surname ("Даурен Аскербекович
    Абаев" is Даурен Абаев, as bulletins and reviewers write him)."""
    if len(words) < 3:
        return words
    kept = [
        w
        for k, w in enumerate(words)
        if not (0 < k < len(words) - 1 and any("Patr" in p.tag.grammemes for p in morph.parses(w)[:1]))
    ]
    return kept


def _attach(person: Person, mention: NameMention) -> None:
    mention.person = person.index
    person.mentions.append(mention)
    if person.side is None and mention.side is not None:
        person.side = mention.side
        person.info = mention
    elif person.info is None and mention.chain:
        person.info = mention
