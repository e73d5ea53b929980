"""Syntax: who is attached to the event predicate, read from natasha's dependency tree.

Only sentences that hold an event word are parsed (`parse_event_sentences`). Each rule of
``SYNTAX_RULES`` reads one name mention with the tree of its sentence and answers True (a
participant), False (merely named) or None (no opinion); `EventBuilder.allowed` asks them first,
in order (order = precedence), and falls back to its token rules when none answers or when the
sentence has no tree. The relations and words live in ``data/lexicon.json`` ("event_words",
keys starting with "syntax_").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import morph

if TYPE_CHECKING:
    from ..events import EventBuilder
    from ..people import NameMention
    from ..text import Sentence


@dataclass(frozen=True, slots=True)
class Tree:
    """A dependency tree over a sentence's tokens: ``heads[i]`` is the index of token i's head
    (-1 for the root), ``rels[i]`` its relation ("nsubj", "obl", "acl:relcl", ...)."""

    heads: tuple[int, ...]
    rels: tuple[str, ...]

    def path(self, i: int) -> list[int]:
        """Token i and its heads up to the root (cycles, never expected, end the walk)."""
        out = [i]
        while 0 <= self.heads[out[-1]] < len(self.heads) and len(out) <= len(self.heads):
            out.append(self.heads[out[-1]])
        return out

    def below(self, top: int) -> set[int]:
        """The tokens of the subtree of ``top`` (itself included)."""
        return {i for i in range(len(self.heads)) if top in self.path(i)}


def event_tokens(builder: EventBuilder, sentence: Sentence) -> list[int]:
    """Indices of the sentence's event words ("встретился", "переговоры", "визит"), talk verbs with
    their partner included ("…, где побеседовал с директором С": the clause reports a meeting)."""
    lows = [t.text.lower() for t in sentence.tokens]
    talk, preps = builder.words["talk_with_stems"], set(builder.words["with_preps"])
    return [
        i
        for i, low in enumerate(lows)
        if builder.category(low) is not None or (low.startswith(talk) and preps & set(lows[i + 1 : i + 3]))
    ]


def parse_event_sentences(parser, builder: EventBuilder, sentences) -> dict[int, Tree]:
    """Trees of the sentences that hold an event word, by sentence index, parsed in one batch."""
    chosen = [s for s in sentences if s.tokens and event_tokens(builder, s)]
    if not chosen:
        return {}
    markups = parser.map([[t.text for t in s.tokens] for s in chosen])
    trees = {}
    for sentence, markup in zip(chosen, markups, strict=True):
        ids = {t.id: k for k, t in enumerate(markup.tokens)}
        heads = tuple(ids.get(t.head_id, -1) for t in markup.tokens)
        trees[sentence.index] = Tree(heads, tuple(t.rel for t in markup.tokens))
    return trees


def _anchor(mention: NameMention) -> int:
    return mention.head if mention.head is not None else mention.first


def _clause_top(builder: EventBuilder, tree: Tree, i: int) -> int | None:
    """The head of the subordinate clause token i stands in (a relative clause, reported speech,
    an adverbial clause), or None when it stands in the main clause."""
    bounds = builder.words["syntax_clause_relations"]
    return next((k for k in tree.path(i) if tree.rels[k] in bounds), None)


# ---- the rules -------------------------------------------------------------------------------------


def named_in_a_clause_without_event(builder: EventBuilder, mention: NameMention, tree: Tree) -> bool | None:
    """A name inside a subordinate clause that holds no event word is merely named: "Посол Р
    встретился с министром С, который рассказал о реформах Президента Т" (Т), "Посол напомнил,
    что Президент Т поддерживает ..." (Т); not a clause a leader heads ("консультации, которые
    возглавил заместитель министра С")."""
    top = _clause_top(builder, tree, _anchor(mention))
    if top is None:
        return None
    events = event_tokens(builder, mention.sentence)
    inside = tree.below(top)
    openers = [i for i in inside if tree.rels[i] in builder.words["syntax_clause_opener_relations"]]
    if not openers or _anchor(mention) < min(openers):
        return None  # a subject before ", что ..." attached across it: a misparse, not a clause member
    leading = builder.words["syntax_leading_stems"]
    if any(mention.sentence.tokens[i].text.lower().startswith(leading) for i in inside):
        return None  # "консультации, которые возглавили заместитель министра Р и ..."
    return False if events and not any(e in inside for e in events) else None


def partner_of_an_event_verb(builder: EventBuilder, mention: NameMention, tree: Tree) -> bool | None:
    """A name the event verb governs as its partner takes part: "встретился с министром С"
    (obl with "с"), "принял посла С" (obj of a receiving verb), "провел переговоры с министром С"
    (the partner of the verb whose object is the event noun), "вручил губернатору С орден" (the
    dative of an event verb), not the addressee of a message passed on ("вручил послание ... С")."""
    a = _anchor(mention)
    w = builder.words
    rel, head = tree.rels[a], tree.heads[a]
    if head < 0 or rel not in w["syntax_partner_relations"]:
        return None
    lows = [t.text.lower() for t in mention.sentence.tokens]
    if morph.main_pos(lows[head]) != "VERB" or lows[head].startswith(w["syntax_non_event_verb_stems"]):
        return None
    own = builder.category(lows[head]) is not None
    governed = any(
        tree.heads[k] == head and tree.rels[k] == "obj" and builder.category(lows[k]) is not None
        for k in range(len(lows))
    )
    passed_on = any(
        tree.heads[k] == head and tree.rels[k] == "obj" and lows[k].startswith(w["message_noun_stems"])
        for k in range(len(lows))
    )
    if passed_on or not (own or governed):
        return None  # "вручил приветствие Президента Р министру С": a message passed on
    preps = {lows[k] for k in range(len(lows)) if tree.heads[k] == a and tree.rels[k] == "case"}
    if rel == "obl" and not preps & set(w["with_preps"]):
        return None
    if rel == "obj" and not (own and lows[head].startswith(w["syntax_receiving_verb_stems"])):
        return None
    return True


SyntaxRule = Callable[["EventBuilder", "NameMention", Tree], "bool | None"]

SYNTAX_RULES: tuple[SyntaxRule, ...] = (
    named_in_a_clause_without_event,
    partner_of_an_event_verb,
)


def syntax_opinion(builder: EventBuilder, mention: NameMention, tree: Tree | None) -> bool | None:
    """The first answer of ``SYNTAX_RULES`` for the mention, or None (no tree or no opinion)."""
    if tree is None or len(tree.heads) != len(mention.sentence.tokens):
        return None
    for rule in SYNTAX_RULES:
        answer = rule(builder, mention, tree)
        if answer is not None:
            return answer
    return None
