"""How a run of capitalised words becomes a name mention: the rules of `MentionFinder._mention`.

A run is read in steps; where a step has several rules they stand in a table walked in order
(order = precedence):

0. `see_epithet`: a clerical title's see ("Папой Римским") is cut off the name's left.
1. ``WALK_RULES``: from the name back, word by word, each word is put to the rules in order; the
   first that answers decides it (``Step.NEXT``: go on to the word before; ``Step.STOP``: the walk
   ends). The walk finds the title noun that governs the name, and a name found just before.
2. `title_phrase`: the title stretched left over its modifiers; the word before it governs it.
   `coordination`: whether the name is joined to the one before ("X и Y").
   `monarch_name`: one word after a monarch's title is a name in full ("императором Хироясу").
3. ``NOT_A_NAME``: the first rule that holds drops the run: it names nobody.
4. `title_case`: the case the title is in (hence the name's); ``TITLE_CHECKS`` may drop the title.
5. ``LEFT_TRIMS``: each rule in turn may drop words of the title's complement off the name's left.
6. `title_chain`: the position phrase from the title to the name.

The words the rules look for live in ``data/lexicon.json`` (``person_words``, ``stems``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import morph
from ..lexicon import Lexicon
from ..names import guess_case, has_oblique_ending
from ..places import PlaceIndex
from ..text import Sentence

STOP_PUNCT = frozenset(".;:!?()")
_ROMAN = re.compile(r"^[IVXLC]+$")
_VERB_POS = ("VERB", "INFN", "GRND")
_WALK_LIMIT = 30  # words walked back over at most
_HONORIFIC_ENDING = 3  # letters a case ending adds to an honorific word ("Датуком")


class Step(enum.Enum):
    NEXT = "next"  # the word is read: go on with the word before
    STOP = "stop"  # the walk ends here


def is_title(word: str, lexicon: Lexicon) -> bool:
    """True when ``word`` is a form of a position noun (министр, посол, мэр, вице-президент...)."""
    low = word.lower()
    if low in lexicon.title_lemmas:
        return True
    if "-" in low and low.rsplit("-", 1)[1] and is_title(low.rsplit("-", 1)[1], lexicon):
        return True  # "кабинет-секретарем", "вице-премьером"
    if morph.main_pos(word) != "NOUN":  # "После" is a preposition, not the locative of "посол"
        return False
    return any(p.normal_form in lexicon.title_lemmas and str(p.tag.POS) == "NOUN" for p in morph.parses(word))


def coordinators(lexicon: Lexicon) -> tuple[str, ...]:
    """The comma and the words that join one name to the next ("и", "также", "а")."""
    return (",", *lexicon.person_words["coordinators"])


@dataclass(slots=True)
class MentionDraft:
    """A run of capitalised words ``words[first:last]`` being read as a name, and what the rules
    have found about it so far."""

    lexicon: Lexicon
    places: PlaceIndex
    sentence: Sentence
    words: list[str]  # the sentence's tokens
    first: int
    last: int  # exclusive
    ner: list[str]  # natasha's type of each token: "PER", "LOC", "ORG" or ""
    taken: set[int]  # tokens of the names found before in the sentence
    head: int | None = None  # the title noun governing the name
    chain_from: int | None = None  # first word of the title phrase
    prev_end: int | None = None  # last token of a name just before this one
    governor: str = ""
    gov_index: int = -1
    coordinated: bool = False
    cases: frozenset[str] = frozenset()
    plural_title: bool = False  # every case reading of the title is plural
    chain: str = ""
    epithet_at: int | None = None  # the clerical title before a see epithet ("Папой Римским")
    epithet_cases: frozenset[str] = frozenset()  # the cases the epithet agrees with its title in
    sole_name: bool = False  # one word a monarch's title names in full ("императором Хироясу")

    @property
    def vocab(self) -> dict[str, tuple[str, ...]]:
        return self.lexicon.person_words

    @property
    def ner_saw_person(self) -> bool:
        return "PER" in self.ner[self.first : self.last]


# --- 0. a clerical title's see before the name -------------------------------------------------


def _agreeing_cases(adjective: str, noun: str) -> frozenset[str]:
    """The cases in which the dictionary adjective ``adjective`` agrees with ``noun`` in case,
    number and (singular) gender."""
    heads = [p.tag for p in morph.parses(noun) if p.tag.POS == "NOUN"]
    return frozenset(
        str(a.tag.case)
        for a in morph.parses(adjective)
        if a.tag.POS == "ADJF"
        and morph.is_dictionary(a)
        and any(
            a.tag.case == h.case
            and a.tag.number == h.number
            and (h.number == "plur" or a.tag.gender == h.gender)
            for h in heads
        )
    )


def see_epithet(d: MentionDraft) -> None:
    """ "с Папой Римским Фелицианом", "митрополитом Загорским Евлампием": after a clerical title
    (``epithet_titles``, inside the run or just before it) a capitalised adjective agreeing with it
    names the see; it is the title's, not the name's, and its case is the name's."""
    titles = set(d.vocab["epithet_titles"])
    k = d.first
    if k + 1 < d.last and morph.lemmas(d.words[k]) & titles:
        k += 1  # "Папе Римскому Льву XIV": NER read the title as part of the name
    if k == 0 or k >= d.last or not morph.lemmas(d.words[k - 1]) & titles:
        return
    cases = _agreeing_cases(d.words[k], d.words[k - 1])
    if cases:
        d.epithet_at, d.epithet_cases, d.first = k - 1, cases, k + 1


# --- 1. the walk back from the name -------------------------------------------------------------

WalkRule = Callable[[MentionDraft, int], "Step | None"]


def clause_boundary(d: MentionDraft, j: int) -> Step | None:
    """Punctuation or a word opening another clause ends the walk: in "прибыл в Астану, где министр
    культуры Иван Петров открыл выставку" the walk back from "Иван Петров" stops at "где"."""
    word = d.words[j]
    return Step.STOP if word in STOP_PUNCT or word.lower() in d.vocab["clause_openers"] else None


def name_before(d: MentionDraft, j: int) -> Step | None:
    """A name found before ends the walk, which records where that name ends: "с Иваном Петровым
    и Анной Сидоровой"."""
    if j not in d.taken:
        return None
    d.prev_end = j
    return Step.STOP


def comitative_preposition(d: MentionDraft, j: int) -> Step | None:
    """ "с", "со" ends the walk: "встретился со спикером парламента Иваном Петровым"."""
    return Step.STOP if d.words[j].lower() in d.vocab["comitative_prepositions"] else None


def _noun_cases(word: str) -> set[str]:
    return {str(p.tag.case) for p in morph.parses(word) if p.tag.POS == "NOUN" and p.tag.case}


def _governs_title(d: MentionDraft, j: int) -> bool:
    """True when the title ``words[j]`` can govern the title ``words[d.head]`` found right of it:
    that one is in the genitive ("заместителем министра"), follows a preposition ("директором
    института при Президенте") or a dash ("заместитель премьер-министра - министр"), or shares its
    case ("статс-секретарем МИД, представителем")."""
    assert d.head is not None, "title_noun calls this only once a title noun is found"  # noqa: S101 - narrows the type only
    right = _noun_cases(d.words[d.head])
    if not right or "gent" in right:
        return True
    k = d.head - 1
    while k > j and morph.main_pos(d.words[k]) in ("ADJF", "NUMR"):
        k -= 1
    if d.words[k] in d.vocab["title_dashes"] or morph.main_pos(d.words[k]) == "PREP":
        return True
    return bool(right & _noun_cases(d.words[j]))


def title_noun(d: MentionDraft, j: int) -> Step | None:
    """A title noun governs the name; the walk goes on, and a title further left governs instead:
    "заместителем министра финансов Иваном Петровым" is read from "заместителем". A title that
    cannot govern the one found ends the walk: in "на заседании Совета министров стран региона
    министр финансов Иван Петров" the body's "министров" is not Петров's title."""
    if not is_title(d.words[j], d.lexicon):
        return None
    if d.head is not None and not _governs_title(d, j):
        return Step.STOP
    d.head = j
    return Step.NEXT


def verb(d: MentionDraft, j: int) -> Step | None:
    """A verb, infinitive or gerund ends the walk: "принял министра Ивана Петрова"; not a
    capitalised word inside the sentence, a foreign place pymorphy2 guesses as a verb ("провинции
    Шэньси Чэнь Чуньцзяном")."""
    if j > 0 and d.words[j][:1].isupper():
        return None
    return Step.STOP if morph.main_pos(d.words[j]) in _VERB_POS else None


WALK_RULES: tuple[WalkRule, ...] = (clause_boundary, name_before, comitative_preposition, title_noun, verb)


def _abbreviation_in_brackets(d: MentionDraft, j: int) -> bool:
    """True when ``words[j-2:j+1]`` is an abbreviation in brackets after a body's name: "(ОПЕК)"."""
    return (
        j >= 3
        and d.words[j] == ")"
        and d.words[j - 2] == "("
        and d.words[j - 1].upper() == d.words[j - 1]
        and d.words[j - 1].isalpha()
    )


def walk_back(d: MentionDraft) -> None:
    """Put the words before the name to ``WALK_RULES`` until one stops the walk; a word no rule
    answers is walked over ("министром иностранных дел")."""
    j = d.first - 1
    while j >= 0 and d.first - 1 - j < _WALK_LIMIT:
        if _abbreviation_in_brackets(d, j):
            j -= 3  # "генерального секретаря Организации стран - экспортеров нефти (ОПЕК) Р"
            continue
        answer = next((step for rule in WALK_RULES if (step := rule(d, j)) is not None), Step.NEXT)
        if answer is Step.STOP:
            break
        j -= 1


# --- 2. the title phrase and its governor ---------------------------------------------------------


def _modifies(word: str, noun: str) -> bool:
    """True when ``word`` is an adjective or participle agreeing with the title ``noun``
    ("первым заместителем", "управляющим директором"; not "инициированной президентом")."""
    if morph.main_pos(word) in ("ADJF", "NUMR"):
        return True
    if morph.main_pos(word) != "PRTF":
        return False
    heads = {(p.tag.case, p.tag.number) for p in morph.parses(noun) if p.tag.POS == "NOUN"}
    return any(
        (p.tag.case, p.tag.number) in heads and p.tag.gender in (None, "masc")
        for p in morph.parses(word)
        if p.tag.POS == "PRTF"
    )


def _modifier_of_title(d: MentionDraft, k: int) -> bool:
    """ "первым заместителем", "Чрезвычайного и Полномочного Посла": an agreeing word, or "и"
    after one."""
    assert d.head is not None, "title_phrase calls this only when there is a title noun"  # noqa: S101 - narrows the type only
    noun = d.words[d.head]
    if _modifies(d.words[k], noun):
        return True
    return d.words[k] in d.vocab["conjunctions"] and k > 0 and _modifies(d.words[k - 1], noun)


def _before_title(d: MentionDraft, k: int) -> bool:
    """ "принял вновь назначенного посла", "с Его Высочеством наследным принцем": an adverb, a
    pronoun or an honorific between the governor and the title."""
    word = d.words[k]
    return morph.main_pos(word) in ("ADVB", "NPRO") or bool(morph.lemmas(word) & d.lexicon.honorifics)


def _set_governor(d: MentionDraft, k: int) -> None:
    """Make ``words[k]`` the governor (none when ``k`` < 0), recorded in its first form ("со" as "с")."""
    d.governor, d.gov_index = (d.words[k].lower(), k) if k >= 0 else ("", -1)
    comitative = d.vocab["comitative_prepositions"]
    if d.governor in comitative:
        d.governor = comitative[0]


def title_phrase(d: MentionDraft) -> None:
    """The title stretched left over its modifiers (where its position phrase begins), then over
    adverbs, pronouns and honorifics; the word before governs it: "встретился с первым заместителем
    министра Иваном Петровым" is governed by "с". Without a title the word before the name governs.
    A governor is recorded in its first form ("со" as "с")."""
    if d.head is not None:
        k = d.head - 1
        while k >= 0 and k not in d.taken and _modifier_of_title(d, k):
            k -= 1
        d.chain_from = k + 1
        while k >= 0 and k not in d.taken and _before_title(d, k):
            k -= 1
        _set_governor(d, k)
    elif (start := d.epithet_at if d.epithet_at is not None else d.first) > 0:
        _set_governor(d, start - 1)


def coordination(d: MentionDraft) -> None:
    """After a name, only coordinators ("с Иваном Петровым и Анной Сидоровой") or states sharing the
    first name's title ("министрами Грузии Иваном Петровым, Армении Анной Сидоровой") before this
    one: the two are coordinated, and the comma stands for the governor (as it does when nothing
    stands between them)."""
    if d.prev_end is None:
        return
    joiners = coordinators(d.lexicon)
    end = d.chain_from if d.head is not None else d.first
    between = [x.lower() for x in d.words[d.prev_end + 1 : end]]
    own = [x for x in d.words[d.prev_end + 1 : d.first] if x.lower() not in joiners]
    places = d.places.find_all(own) if own and d.head is None else []
    distributed = bool(places) and sum(p.end - p.start for p in places) == len(own)
    d.coordinated = bool(between) and (all(x in joiners for x in between) or distributed)
    if d.coordinated or between == []:
        d.governor = ","


def monarch_name(d: MentionDraft) -> None:
    """ "с императором Японии Хироясу", "королю Таиланда Раме X": a monarch is named by one word
    (and his regnal number), which is his name in full."""
    if d.head is None or not morph.lemmas(d.words[d.head]) & set(d.vocab["monarch_titles"]):
        return
    own = [w for w in d.words[d.first : d.last] if not _ROMAN.match(w)]
    d.sole_name = len(own) == 1 and not morph.is_common(own[0])


# --- 3. runs that name nobody -----------------------------------------------------------------------


def untitled_run_ner_missed(d: MentionDraft) -> bool:
    """A run NER does not read as a person names nobody unless a title governs it and it has two
    words at least, or it is one surname ("Кенесбаева провела ..."): `build_people` keeps a lone
    surname only when it names someone the bulletin gives in full."""
    if d.ner_saw_person or d.epithet_at is not None or d.sole_name:
        return False  # "Папе Римскому Фелициану": the see stands for a title
    surname = d.words[d.first].lower().endswith(d.vocab["surname_endings"])
    lone_surname = d.head is None and d.last - d.first == 1 and surname
    return (d.head is None or d.last - d.first < 2) and not lone_surname


def capitalised_common_phrase(d: MentionDraft) -> bool:
    """A run NER does not read as a person and that ends in a common word is a capitalised phrase:
    "директором Департамента Евразии Министерства иностранных дел"."""
    tail = d.words[d.last - 1]
    return not d.ner_saw_person and morph.is_common(tail) and not morph.is_name_like(tail)


def named_institution(d: MentionDraft) -> bool:
    """A name after an institution's capitalised noun or "имени" names the institution: "в
    Университете Бригама Янга", "в Университете имени Аль-Фараби"."""
    if d.first == 0:
        return False
    before = d.words[d.first - 1]
    return before.lower() in d.vocab["named_after_words"] or (
        before[:1].isupper() and bool(morph.lemmas(before) & set(d.vocab["institution_nouns"]))
    )


NOT_A_NAME: tuple[Callable[[MentionDraft], bool], ...] = (
    untitled_run_ner_missed,
    capitalised_common_phrase,
    named_institution,
)


# --- 4. the title's case ------------------------------------------------------------------------------


def title_case(d: MentionDraft) -> None:
    """The cases the title noun is in; a singular reading wins ("директора" is not the plural
    "директора"), while "министрами" is plural. Without a title, a see epithet's case is the name's."""
    if d.head is None:
        d.cases = d.epithet_cases
        return
    head = d.words[d.head]
    readings = [
        p
        for p in morph.parses(head)
        if (p.tag.POS == "NOUN" or head.lower() in d.lexicon.title_lemmas)
        and p.tag.case
        and "Fixd" not in p.tag.grammemes
    ]
    singular = [p for p in readings if p.tag.number != "plur"]
    d.cases = frozenset(str(p.tag.case) for p in (singular or readings))
    d.plural_title = not singular


def foreign_title_takes_the_names_case(d: MentionDraft) -> None:
    """A title word the dictionary does not know ("Торага Жогорку Кенеша", "раис") tells no case;
    a name with instrumental endings is in the instrumental ("и Торага ... Нурланбеком Шакиевым")."""
    if d.head is None:
        return
    parses = morph.parses(d.words[d.head])
    if parses and morph.is_dictionary(parses[0]):
        return
    if guess_case(list(d.words[d.first : d.last])) == "ablt":
        d.cases = frozenset({"ablt"})


def _may_be_instrumental(d: MentionDraft) -> bool:
    """True when a word of the name has an instrumental ending ("Панеттой", "Вебером")."""
    return any(len(w) > 2 and _instrumental(d, w) for w in d.words[d.first : d.last])


def plural_title_that_disagrees(d: MentionDraft) -> None:
    """ "глав ведомств стран континента, Иван Петров встретился": a plural title whose case the
    name's endings do not share is not its title; the word before the name governs it. An
    instrumental title agrees with any instrumental ending ("сопредседателями Марио Пальметтой")."""
    if d.head is None or not d.plural_title:
        return
    if ("ablt" in d.cases and _may_be_instrumental(d)) or guess_case(
        list(d.words[d.first : d.last])
    ) in d.cases:
        return
    if d.cases & {"gent", "accs", "datv"} and has_oblique_ending(list(d.words[d.first : d.last]), d.cases):
        return  # "принял послов Испании Хавьера Морено": the name's endings are the title's case
    d.head, d.cases = None, frozenset()
    d.governor, d.gov_index = d.words[d.first - 1].lower(), d.first - 1


def _govern_from(d: MentionDraft, k: int) -> None:
    """Make the word before ``words[k]`` (over adverbs: "временно") the governor."""
    k -= 1
    while k >= 0 and morph.main_pos(d.words[k]) == "ADVB":
        k -= 1
    _set_governor(d, k)


def acting_title(d: MentionDraft) -> None:
    """ "с исполняющим обязанности министра финансов Эстонии Тармо Кивиметсом": the name agrees
    with the participle before "обязанности", not with the title it governs; the word before the
    participle governs the whole."""
    k = d.gov_index - 1
    if d.head is None or k < 0 or d.governor not in d.vocab["acting_objects"]:
        return
    if not morph.lemmas(d.words[k]) & set(d.vocab["acting_participles"]):
        return
    readings = [p for p in morph.parses(d.words[k]) if p.tag.case and p.tag.number != "plur"]
    if readings:
        d.cases = frozenset(str(p.tag.case) for p in readings)
        _govern_from(d, k)


_EVENT_NOUN_STEM_KEYS = ("meeting_stems", "phone_stems")
_PARTICIPLE_REACH = 8  # words a participle phrase before a title spans at most
_APPOSITION_REACH = 8  # words between an honorific title and the title it stands in apposition to


def _participle_agreeing(d: MentionDraft, k: int) -> frozenset[str]:
    """The cases in which ``words[k]`` is a participle agreeing with the title noun, or none."""
    assert d.head is not None, "participle_phrase_before_title calls this only with a title noun"  # noqa: S101 - narrows the type only
    noun = [p for p in morph.parses(d.words[d.head]) if p.tag.POS == "NOUN"]
    return frozenset(
        str(p.tag.case)
        for p in morph.parses(d.words[k])
        if p.tag.POS == "PRTF"
        and any(
            (p.tag.case, p.tag.number) == (n.tag.case, n.tag.number)
            and (p.tag.number == "plur" or p.tag.gender == n.tag.gender)  # not "состоявшейся ... акима"
            for n in noun
        )
    )


def _participle_has_own_noun(d: MentionDraft, k: int) -> bool:
    """True when the participle at ``k`` modifies the noun right after it (over agreeing
    adjectives): "предстоящий визит", not "прибывшим в Бишкек", "завершающего свою миссию"."""
    own = {(p.tag.case, p.tag.number, p.tag.gender) for p in morph.parses(d.words[k]) if p.tag.POS == "PRTF"}
    for word in d.words[k + 1 : d.head]:
        pos = morph.main_pos(word)
        if pos not in ("NOUN", "ADJF", "PRTF"):
            return False
        agreeing = any(
            pos == p.tag.POS and (p.tag.case, p.tag.number, p.tag.gender) in own for p in morph.parses(word)
        )
        if pos == "NOUN" or not agreeing:
            return agreeing
    return False


def title_before_the_honorifics(d: MentionDraft) -> None:
    """ "был принят руководителем Администрации Президента ОАЭ Его Высочеством шейхом Р": a title
    that is also an honorific ("шейх") stands in apposition to the title before the honorifics,
    which the sentence's verb or preposition governs."""
    if d.head is None or d.gov_index < 0 or not morph.lemmas(d.words[d.head]) & d.lexicon.honorifics:
        return
    for k in range(d.gov_index, max(-1, d.gov_index - _APPOSITION_REACH), -1):
        if d.words[k] in (*STOP_PUNCT, ",") or morph.main_pos(d.words[k]) in _VERB_POS:
            return
        if is_title(d.words[k], d.lexicon) and _noun_cases(d.words[k]) & d.cases:
            j = k - 1
            while j >= 0 and (_modifies(d.words[j], d.words[k]) or _before_title(d, j)):
                j -= 1
            _set_governor(d, j)
            return


def participle_phrase_before_title(d: MentionDraft) -> None:
    """ "провел переговоры с прибывшим в Бишкек с визитом министром С", "принял завершающего свою
    миссию посла С": a participle agreeing with the title opens a phrase that stands between the
    title and its governor; the word before the participle governs the title, in the cases both
    share."""
    if d.head is None or d.gov_index < 0 or d.chain_from is None:
        return
    governor = d.words[d.gov_index]
    if morph.main_pos(governor) in (*_VERB_POS, "PREP") or governor in (*STOP_PUNCT, ","):
        return
    for k in range(d.gov_index, max(-1, d.chain_from - _PARTICIPLE_REACH - 1), -1):
        word = d.words[k]
        if word in (*STOP_PUNCT, ",") or k in d.taken or morph.main_pos(word) in _VERB_POS:
            return
        shared = _participle_agreeing(d, k) & d.cases
        if shared and not _participle_has_own_noun(d, k):
            d.cases = shared
            _govern_from(d, k)
            return


def case_after_preposition(d: MentionDraft) -> None:
    """ "провел переговоры с Анной Мадарас", "встретился с Кайто Хасегавой, главой МИД": a name no
    title governs, right after "с", is in the instrumental; so is one whose title does not decline
    ("с торага Жогорку Кенеша Дастанбеком Джумабековым")."""
    if d.governor != d.vocab["comitative_prepositions"][0]:
        return
    if (d.head is None and not d.cases) or (
        d.head is not None and "ablt" not in d.cases and _may_be_instrumental(d)
    ):
        d.cases = frozenset({"ablt"})


def name_after_a_dash(d: MentionDraft) -> None:
    """ "заместители министров Узбекистана - Илхом Неъматов, Кыргызстана - Нуран Ниязалиев": a name
    no title governs, right after a dash, stands in the nominative."""
    if d.head is None and not d.cases and d.governor in d.vocab["title_dashes"]:
        d.cases = frozenset({"nomn"})


def genitive_after_an_event_noun(d: MentionDraft) -> None:
    """ "Переговоры Ахмета Давутоглу с ...", "в ходе встречи Ивана Петрова с ...": a name no title
    governs, between a meeting noun and the partner's "с", is its participant in the genitive; so is
    a title a meeting noun governs ("встречи акима области Р с ...")."""
    stems = tuple(x for key in _EVENT_NOUN_STEM_KEYS for x in d.lexicon.stems[key])
    if d.gov_index < 0 or not d.governor.startswith(stems) or morph.main_pos(d.words[d.gov_index]) != "NOUN":
        return
    partner_after = d.last < len(d.words) and d.words[d.last].lower() in d.vocab["comitative_prepositions"]
    titled = d.head is not None and "gent" in d.cases
    if titled or (d.head is None and not d.cases and partner_after):
        d.cases = frozenset({"gent"})


def object_before_its_verb(d: MentionDraft) -> None:
    """ "Посла Казахстана Ивана Петрова принял министр ...": a title in the accusative opening the
    clause is the object of the verb right after the name, which governs it."""
    if d.head is None or "accs" not in d.cases or d.chain_from is None:
        return
    if d.gov_index >= 0 and d.words[d.gov_index] not in (*STOP_PUNCT, ","):
        return
    k = d.last
    while k < len(d.words) and k < d.last + 3 and morph.main_pos(d.words[k]) == "ADVB":
        k += 1  # "Посла ... также принял"
    if k < len(d.words) and morph.main_pos(d.words[k]) == "VERB":
        d.governor, d.gov_index = d.words[k].lower(), k


TITLE_CHECKS: tuple[Callable[[MentionDraft], None], ...] = (
    foreign_title_takes_the_names_case,
    plural_title_that_disagrees,
    acting_title,
    title_before_the_honorifics,
    participle_phrase_before_title,
    case_after_preposition,
    name_after_a_dash,
    genitive_after_an_event_noun,
    object_before_its_verb,
)


# --- 5. words of the title's complement left of the name -----------------------------------------


def _instrumental(d: MentionDraft, word: str) -> bool:
    return word.lower().endswith(d.vocab["instrumental_endings"])


def _disagrees(d: MentionDraft, i: int) -> bool:
    """True when ``words[i]`` cannot be part of a name in the title's case."""
    word, cases = d.words[i], d.cases
    if not cases:
        return False
    parses = [p for p in morph.parses(word) if "Fixd" not in p.tag.grammemes and p.tag.POS == "NOUN"]
    known = [p for p in parses if morph.is_dictionary(p)]
    proper = any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in known)
    oblique = word[-1:].lower() in d.vocab["oblique_endings"]  # a genitive complement: "Риксдага"
    if known and not proper and oblique and not any(p.tag.case in cases for p in known):
        return True
    # "Ниагары Сипхо Ндлову": NER saw a place, then a person, and the place has no name ending;
    # not a foreign first name that does not decline ("Республики Аугушту Сантушем Силвой")
    person_follows = "PER" in d.ner[i + 1 : d.last]
    undeclined_name = not known and word[-1:].lower() in d.vocab["undeclined_name_endings"]
    return (
        person_follows
        and d.ner[i] in ("LOC", "ORG")
        and "ablt" in cases
        and not _instrumental(d, word)
        and not undeclined_name
    )


def _east_asian_name_opens(d: MentionDraft) -> bool:
    """True when the run is a surname of the East-Asian list and a two-word given name ("Пак Хён
    Джуном", "У Вон Шиком"): the whole run is the name, whatever stands before it."""
    return d.last - d.first == 3 and d.words[d.first].lower() in d.lexicon.stems["east_asian_surnames"]


def genitive_words_before_name(d: MentionDraft) -> None:
    """ "мэром Роттердама Хенком Виссером", "Председатель сейма Саксонии Ута Майер": words that
    cannot be in the title's case are the title's genitive complement, not the name; right after a
    state the place index knows ("... Франции Жанна Мерсье") the name begins, whatever its first
    word."""
    if _east_asian_name_opens(d):
        return
    lo = max(0, d.first - 4)
    before = d.places.find_all(d.words[lo : d.first])
    if any(p.end == d.first - lo and p.kind != "region" for p in before):
        return  # not after a part of the world: "Бюро по делам Центральной Азии Госдепартамента"
    while d.last - d.first >= 2 and _disagrees(d, d.first):
        d.first += 1


def _names_the_place(d: MentionDraft, i: int) -> bool:
    """True when ``words[i]`` lacks the instrumental ending an instrumental title gives a name, or
    (no case to go by) NER reads it as a place."""
    word = d.words[i]
    if d.ner[i] == "PER" and word[-1:].lower() in d.vocab["undeclined_name_endings"]:
        return False  # "Республики Аугушту Сантушем Силвой": a first name that does not decline
    if "ablt" in d.cases:
        return not _instrumental(d, word)
    return d.ner[i] in ("LOC", "ORG")


def own_name_after_place_class(d: MentionDraft) -> None:
    """ "губернатором провинции Хэнань Ван Кайчэном": after "провинции", "штата" the first word of a
    run of three or more names the place."""
    if (
        d.last - d.first >= 3
        and d.first > 0
        and not _east_asian_name_opens(d)
        and d.words[d.first - 1].lower().startswith(d.lexicon.stems["place_class_stems"])
        and _names_the_place(d, d.first)
    ):
        d.first += 1


def name_after_state_in_run(d: MentionDraft) -> None:
    """ "председателем Улуг Кенгаша Таджикистана Фаррухом Назаровым": a state the place index knows
    inside the run closes the body the title names; the two or more words after it are the name."""
    if d.head is None or _east_asian_name_opens(d):
        return
    for place in reversed(d.places.find_all(d.words[d.first : d.last])):
        start, end = d.first + place.start, d.first + place.end
        if (
            place.kind == "country"
            and start > d.first
            and d.last - end >= 2
            and "PER" not in d.ner[start:end]
        ):
            d.first = end
            return


LEFT_TRIMS: tuple[Callable[[MentionDraft], None], ...] = (
    name_after_state_in_run,
    genitive_words_before_name,
    own_name_after_place_class,
)


# --- 6. the position phrase ----------------------------------------------------------------------


def title_chain(d: MentionDraft) -> None:
    """The text from the title phrase to the name: "посол Казахстана в Чехии"; a clerical title and
    its see are the phrase of a name with no title noun ("Папой Римским")."""
    if d.head is None and d.epithet_at is None:
        return
    sentence, tokens = d.sentence, d.sentence.tokens
    at = d.epithet_at if d.head is None else d.chain_from if d.chain_from is not None else d.head
    assert at is not None, "with no title noun the early return above leaves epithet_at set"  # noqa: S101 - narrows the type only
    start = tokens[at].start
    end = _honorifics_start(d, at)
    text = sentence.text[start - sentence.start : tokens[end].start - sentence.start]
    d.chain = text.strip(" ,-–—")


def _is_honorific_word(d: MentionDraft, word: str) -> bool:
    """True for a word of an honorific in any case: "Превосходительством", "Его", "Датуком"."""
    low = word.lower()
    if low in d.vocab["honorific_pronouns"] or low in d.lexicon.honorifics:
        return True
    if morph.lemmas(word) & d.lexicon.honorifics:
        return True
    stems = {w for phrase in d.vocab["honorific_phrases"] for w in phrase.split()}
    return any(low.startswith(s) and len(low) - len(s) <= _HONORIFIC_ENDING for s in stems)


def _honorifics_start(d: MentionDraft, at: int) -> int:
    """Where the honorifics between a title and its name begin ("министром Малайзии Датуком Сери
    Азманом Хашимом": the title phrase ends before "Датуком"); ``d.first`` when there are none."""
    k = d.first
    while k - 1 > at and _is_honorific_word(d, d.words[k - 1]):
        k -= 1
    return k


def read_mention(d: MentionDraft) -> bool:
    """Run every step on ``d``; False when the run names nobody."""
    see_epithet(d)
    if d.first >= d.last:
        return False  # "передал Папе Римскому": a title and its see, no name
    walk_back(d)
    title_phrase(d)
    coordination(d)
    monarch_name(d)
    if any(rule(d) for rule in NOT_A_NAME):
        return False
    title_case(d)
    for check in TITLE_CHECKS:
        check(d)
    for trim in LEFT_TRIMS:
        trim(d)
    title_chain(d)
    return True
