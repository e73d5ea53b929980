"""Which side a title puts a person on: the rules of `MentionFinder._side`.

The title phrase ("посол Казахстана в Чехии", "министр экономики Австрии") is put to the rules of
``SIDE_RULES`` in order (order = precedence); the first that answers gives the side: "kz" for
Kazakhstan's officials, "cp" for the other side, ``UNTOLD`` when the title cannot tell (the person's
side stays None). The last rule always answers. The words and
patterns the rules look for live in ``data/lexicon.json`` (``kz_marker``, ``default_kz_title``,
``person_words``, ``person_patterns``).

The side follows the state a title names, not the sentence's grammar: a foreign diplomat posted to
Kazakhstan is theirs whatever surrounds him, and a title of Kazakhstan's own high posts that names
no state ("Президент", "Глава государства", "Председатель Сената") is ours, the bulletins being
about Kazakhstan.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .. import morph
from ..lexicon import Lexicon
from ..places import Place, PlaceIndex
from ..text import Sentence


@dataclass(eq=False)
class SideQuery:
    """A title phrase ``words[head:first]`` (its text ``chain``) in ``sentence``."""

    lexicon: Lexicon
    places: PlaceIndex
    words: list[str]
    head: int
    first: int
    chain: str
    sentence: Sentence

    @property
    def vocab(self) -> dict[str, tuple[str, ...]]:
        return self.lexicon.person_words

    @cached_property
    def chain_words(self) -> list[str]:
        return self.words[self.head : self.first]

    @cached_property
    def chain_places(self) -> list[Place]:
        return self.places.find_all(self.chain_words)


SideRule = Callable[[SideQuery], "str | None"]
UNTOLD = "untold"  # a rule's answer that the title tells no side: the person's side stays unknown


def foreign_diplomat_posted_here(q: SideQuery) -> str | None:
    """A diplomat's title posted in Kazakhstan ("посол Чили в Казахстане", "послом РФ в РК",
    "советник посольства Перу в Республике Казахстан"): theirs, whatever else it names."""
    patterns = q.lexicon.person_patterns
    if patterns["posted_in_kazakhstan"].search(q.chain) and patterns["diplomatic_title"].search(q.chain):
        return "cp"
    return None


def kazakhstan_in_title(q: SideQuery) -> str | None:
    """The title names Kazakhstan, a Kazakh body or region ("посол Казахстана в Чехии", "депутат
    Мажилиса", "аким Туркестанской области"), or a Kazakh adjective stands just before it
    ("казахстанский посол Иван Петров"): ours."""
    before = " ".join(q.words[max(0, q.head - 2) : q.head]).lower()
    patterns = q.lexicon.person_patterns
    if (
        q.lexicon.kz_marker.search(q.chain)
        or patterns["kz_region"].search(q.chain)
        or patterns["kz_adjective"].search(before)
    ):
        return "kz"
    return None


def state_of_adjective(word: str, lexicon: Lexicon) -> str | None:
    """The state a nationality adjective names ("российским" -> "Россия"), from the lexicon's
    ``state_adjectives`` rows ("stem State"); None for any other word ("российско-казахстанских"
    names two)."""
    low = word.lower()
    if "-" in low or morph.main_pos(word) != "ADJF":
        return None
    rows = (row.split(" ", 1) for row in lexicon.person_words["state_adjectives"])
    return max(((stem, state) for stem, state in rows if low.startswith(stem)), default=(None, None))[1]


def adjectives_before(words: list[str], k: int, limit: int = 3) -> list[str]:
    """The adjectives and pronouns standing right before ``words[k]`` ("своим норвежским")."""
    out = []
    j = k - 1
    while j >= 0 and k - j <= limit and morph.main_pos(words[j]) in ("ADJF", "NPRO"):
        out.append(words[j])
        j -= 1
    return out


def foreign_adjective_before_title(q: SideQuery) -> str | None:
    """A foreign state's adjective before the title ("американский посол Иван Петров", "с
    российским коллегой Иваном Петровым"): theirs."""
    home = q.vocab["home_countries"]
    states = [state_of_adjective(w, q.lexicon) for w in adjectives_before(q.words, q.head)]
    return "cp" if any(s is not None and s not in home for s in states) else None


def foreign_place_in_title(q: SideQuery) -> str | None:
    """An organisation, or a state other than Kazakhstan that is no posting (not after "в"), in the
    title: theirs ("министр экономики Австрии Иван Петров"; not "посол в Австрии")."""
    home, posting = q.vocab["home_countries"], q.vocab["posting_prepositions"]
    for place in q.chain_places:
        prev = q.chain_words[place.start - 1].lower() if place.start > 0 else ""
        if place.kind == "region":  # a part of the world is no state: "директор Департамента Европы"
            continue
        if place.kind == "org" or (place.country not in home and prev not in posting):
            return "cp"
    return None


def _bound_for_kazakhstan(q: SideQuery) -> bool:
    """True when the name is followed by a journey to Kazakhstan ("визит Президента Ивана Петрова
    в Казахстан"): the one who comes is a guest."""
    k, capital = q.first, q.lexicon.person_patterns["cyrillic_capital"]
    while k < len(q.words) and capital.match(q.words[k]):
        k += 1
    rest = " ".join(q.words[k : k + 4])
    return bool(q.lexicon.person_patterns["kazakhstan_as_destination"].match(rest))


def sender_of_greetings(q: SideQuery) -> str | None:
    """A head of state naming no state who sends greetings passed on by someone ("передал
    пожелания от Президента Ивана Петрова"): his own guest or ours may carry them, so the title
    tells no side."""
    k = q.head - 1
    while k >= 0 and morph.main_pos(q.words[k]) == "ADJF":
        k -= 1
    if k < 0 or q.words[k].lower() not in q.vocab["sender_prepositions"]:
        return None
    return UNTOLD if q.lexicon.person_patterns["kz_high_post"].fullmatch(q.chain) else None


def head_of_our_state(q: SideQuery) -> str | None:
    """A title of Kazakhstan's own high posts that names no state ("Президент Иван Петров принял
    ...", "Глава государства Иван Петров", "Председатель Сената Иван Петров"): ours, unless the
    person is travelling to Kazakhstan ("визит Президента Ивана Петрова в Казахстан")."""
    if q.lexicon.person_patterns["kz_high_post"].fullmatch(q.chain) and not _bound_for_kazakhstan(q):
        return "kz"
    return None


def delegation_led(q: SideQuery) -> str | None:
    """ "делегация Министерства иностранных дел Республики Казахстан во главе с директором
    департамента Иваном Петровым": the leader is on the side of the delegation he leads, ours when
    the delegation names Kazakhstan, theirs when it names another state."""
    words, lead = q.words, q.vocab["delegation_leader_words"]
    start = q.head - len(lead)
    if start < 0 or [w.lower() for w in words[start : q.head]] != list(lead):
        return None
    stems = q.vocab["delegation_stems"]
    k = start - 1
    while k >= 0 and start - k <= 8 and not words[k].lower().startswith(stems):
        k -= 1
    if k < 0 or start - k > 8:
        return None
    named = " ".join(words[max(0, k - 1) : start])  # "казахстанская делегация" too
    if q.lexicon.kz_marker.search(named):
        return "kz"
    home = q.vocab["home_countries"]
    adjective = [state_of_adjective(w, q.lexicon) for w in adjectives_before(words, k)]
    if any(s is not None and s not in home for s in adjective):
        return "cp"  # "норвежская делегация во главе с послом Иваном Петровым"
    found = q.places.find_all(words[k:start])
    return "cp" if any(p.kind in ("country", "org") and p.country not in home for p in found) else None


def plural_title_of_both_sides(q: SideQuery) -> str | None:
    """A title we would call ours, in the plural and naming no state, shared by the names after it
    ("министры иностранных дел Иван Петров и Ханс Мюллер", "президенты Иван Петров и Ханс
    Мюллер"): it may join both sides, so it tells no side."""
    lexicon = q.lexicon
    if not (
        lexicon.default_kz_title.search(q.chain) or lexicon.person_patterns["kz_high_post"].fullmatch(q.chain)
    ):
        return None
    readings = [p for p in morph.parses(q.words[q.head]) if p.tag.POS == "NOUN"]
    if readings and all(p.tag.number == "plur" for p in readings):
        return UNTOLD
    return None


def _foreign_complement(q: SideQuery) -> bool:
    """True when the title names a body or state the place index does not know ("министр
    иностранных дел Иорданского Хашимитского Королевства"): a capitalised word that is not a
    posting ("посол в Кувейте", "постпред при ООН"), not an abbreviation ("МИД") and not a known
    place ("аким Шымкента")."""
    known = {k for place in q.chain_places for k in range(place.start, place.end)}
    before_posting = q.vocab["posting_prepositions"] + q.vocab["mission_prepositions"]
    words, capital = q.chain_words, q.lexicon.person_patterns["cyrillic_capital"]
    return any(
        k not in known
        and capital.match(words[k])
        and not words[k].isupper()
        and words[k - 1].lower() not in before_posting
        for k in range(1, len(words))
    )


def our_title_by_default(q: SideQuery) -> str | None:
    """A title we give our own officials (посол, поверенный, аким, ...) that names no foreign body:
    ours ("Посол Иван Петров встретился ...")."""
    if q.lexicon.default_kz_title.search(q.chain) and not _foreign_complement(q):
        return "kz"
    return None


def our_side_represented_by(q: SideQuery) -> str | None:
    """ "Казахстанскую сторону на встрече представлял директор департамента Иван Петров": ours (not
    "ознакомил казахстанскую делегацию": whoever shows the delegation round is its host; not the
    leader of the other side after the contrast: "..., американскую - директор отдела Иван Петров")."""
    patterns, text = q.lexicon.person_patterns, q.sentence.text
    ours = patterns["kz_side_phrase"].search(text)
    if not (ours and patterns["leads"].search(text)):
        return None
    title_at = text.find(q.chain) if q.chain else -1
    if title_at > ours.end() and patterns["other_side_contrast"].search(text, ours.end(), title_at):
        return None
    return "kz"


def minister_naming_no_state(q: SideQuery) -> str | None:
    """ "Министр энергетики Р встретился с ...": a minister's title that names no state tells no
    side by itself; the person's role in the sentence may (`settle_untold_sides`)."""
    if q.lexicon.person_patterns["minister_title"].match(q.chain) and _names_no_place(q.chain):
        return UNTOLD
    return None


def theirs_otherwise(q: SideQuery) -> str | None:
    """A title no rule above claims is theirs: "мэр Роттердама Иван Петров"."""
    return "cp"


SIDE_RULES: tuple[SideRule, ...] = (
    foreign_diplomat_posted_here,
    kazakhstan_in_title,
    foreign_adjective_before_title,
    foreign_place_in_title,
    plural_title_of_both_sides,
    sender_of_greetings,
    head_of_our_state,
    delegation_led,
    our_title_by_default,
    our_side_represented_by,
    minister_naming_no_state,
    theirs_otherwise,
)


_QUOTED = re.compile(r"«[^»]*»?|\"[^\"]*\"?|“[^”]*”?|„[^“”]*[“”]?")
_OPEN_QUOTES, _CLOSE_QUOTES = ("«", "“", "„"), ("»", "”")


def without_quotes(q: SideQuery) -> SideQuery:
    """The query with the text inside quotes blanked out: a name in quotes ("председатель
    общества «Друзья Казахстана» Иван Петров") tells no side, whatever state it names."""
    if not _QUOTED.search(q.chain):
        return q
    words, inside = list(q.words), False
    for k, word in enumerate(q.words):
        opens = word in _OPEN_QUOTES or (word == '"' and not inside)
        closes = word in _CLOSE_QUOTES or (word == '"' and inside)
        if inside or opens or closes:
            words[k] = ""
        inside = (inside or opens) and not closes
    chain = " ".join(_QUOTED.sub(" ", q.chain).split())
    return SideQuery(q.lexicon, q.places, words, q.head, q.first, chain, q.sentence)


def side_of(q: SideQuery) -> str | None:
    """The side the first rule of ``SIDE_RULES`` that answers gives (read without the text inside
    quotes); None when it answers that the title tells no side."""
    q = without_quotes(q)
    side = next(side for rule in SIDE_RULES if (side := rule(q)) is not None)
    return None if side == UNTOLD else side


def settle_untold_sides(found: list, people: list, lexicon: Lexicon) -> None:
    """A person whose title told no side ("спикер нижней палаты Иван Петров") is ours when he is a
    sentence's subject facing only the other side: a counterpart named in it in an oblique case and
    none of ours, or foreign partners ("встретился с рядом зарубежных парламентариев"). Bulletins are about
    Kazakhstan's officials; two foreigners rarely meet in them."""
    _lists_share_a_side(found, people)
    sides = {people[m.person].side for m in found if m.person >= 0}
    if "kz" in sides:
        for m in found:  # "Посол Р встретился с министром С": the partner of ours is theirs
            if m.person >= 0 and people[m.person].side is None and m.cases and "nomn" not in m.cases:
                people[m.person].side = "cp"
        return
    words = [t.text.lower() for t in found[0].sentence.tokens] if found else []
    foreign_group = any(w.startswith(tuple(lexicon.person_words["foreign_partner_stems"])) for w in words)
    partners = [m for m in found if m.person >= 0 and people[m.person].side == "cp"]
    if any("nomn" in m.cases or not m.cases for m in partners):
        return  # "приняли участие Р и С": co-subjects, not a subject and his partner
    if not partners and not foreign_group:
        return
    for m in found:
        if m.person >= 0 and people[m.person].side is None and "nomn" in m.cases and m.governor in ("", ","):
            people[m.person].side = "kz"
            return


def _lists_share_a_side(found: list, people: list) -> None:
    """A name without a title of its own in a list after a titled one shares its side ("депутаты
    Мажилиса - заместитель председателя Р, С, Т и У"); so does one whose title names no state
    after theirs ("встречали президент Р, премьер-министр С и министр иностранных дел Т")."""
    for prior, m in itertools.pairwise(found):
        if m.person < 0 or prior.person < 0 or not m.coordinated:
            continue
        person, before = people[m.person], people[prior.person]
        if m.head is None and person.side is None and before.side is not None:
            person.side = before.side
        elif m.head is not None and before.side == "cp" and person.side == "kz" and _names_no_place(m.chain):
            person.side = "cp"


def _names_no_place(chain: str) -> bool:
    """True when a title phrase holds no capitalised word after its first: "министр иностранных
    дел", not "министр иностранных дел Казахстана"."""
    return not any(w[:1].isupper() for w in chain.split()[1:])
