"""Case-ending rules for the personal names pymorphy2 does not know (``data/name_endings.json``).

A token of a name in an oblique case is put in the nominative by the first rule of its case and
gender that fits it ("Сериковым" → "Сериков"); a name's gender, when no dictionary first name tells
it, is read from its endings by the first clue of its case that holds. The rules are data: a new
ending is a new row of the data file, not a new branch here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .errors import DataFileError

_FILE = "name_endings.json"

# which words of a name a gender clue looks at
_PICK: dict[str, Callable[[list[str]], list[str]]] = {
    "any": lambda words: words,
    "first": lambda words: words[:1],
    "last": lambda words: words[-1:],
}


@dataclass(frozen=True, slots=True)
class EndingRule:
    """Replace ``ending`` with ``replacement`` in a lower-case token at least ``min_length`` letters
    long whose letter before the ending is in ``after`` (any letter when None), or is not in it when
    ``negated``. Example: ("ем" → "ь", min_length 4) reads "анселем" as "ансель"."""

    ending: str
    replacement: str
    min_length: int
    after: frozenset[str] | None = None
    negated: bool = False

    def fits(self, low: str) -> bool:
        if len(low) < self.min_length or not low.endswith(self.ending):
            return False
        return self.after is None or (low[-len(self.ending) - 1] in self.after) != self.negated

    def apply(self, low: str) -> str:
        return low[: -len(self.ending)] + self.replacement


@dataclass(frozen=True, slots=True)
class GenderClue:
    """A name is ``gender`` when ``which`` of its lower-case words ("any", "first", "last") ends in
    one of ``endings``; with no endings the clue always holds. Example: ("last", -овой → femn) reads
    the genitive "олдры бакевичевой" as feminine."""

    which: str
    endings: tuple[str, ...]
    gender: str

    def holds(self, words: list[str]) -> bool:
        return not self.endings or any(w.endswith(self.endings) for w in _PICK[self.which](words))


@dataclass(frozen=True, slots=True)
class NameEndings:
    """The ending rules per (case, gender), the named ending sets and the gender clues per case."""

    rules: dict[tuple[str, str], tuple[EndingRule, ...]]
    ending_sets: dict[str, tuple[str, ...]]
    gender_clues: dict[str, tuple[GenderClue, ...]]

    def nominative(self, low: str, case: str, gender: str) -> str:
        """Nominative of the lower-case token ``low`` in ``case`` by the first rule that fits; a
        gender other than "femn" reads as masculine; no rule fits: ``low`` unchanged."""
        for rule in self.rules.get((case, "femn" if gender == "femn" else "masc"), ()):
            if rule.fits(low):
                return rule.apply(low)
        return low

    def gender(self, words: list[str], case: str) -> str | None:
        """The gender the first clue of ``case`` that holds for ``words`` gives, None when none does."""
        return next((clue.gender for clue in self.gender_clues.get(case, ()) if clue.holds(words)), None)


def _rule(row: list | dict, letters: dict[str, str]) -> EndingRule:
    if isinstance(row, list):
        ending, replacement = row
        return EndingRule(ending, replacement, len(ending) + 2)
    cls = row.get("after", row.get("not_after"))
    return EndingRule(
        row["ending"],
        row["replacement"],
        row["min_length"],
        frozenset(letters[cls]) if cls is not None else None,
        "not_after" in row,
    )


def _clue(row: list, sets: dict[str, tuple[str, ...]]) -> GenderClue:
    which, set_name, gender = row
    if which not in _PICK:
        raise KeyError(which)
    return GenderClue(which, sets[set_name] if set_name is not None else (), gender)


def _public(table: dict) -> dict:
    return {k: v for k, v in table.items() if not k.startswith("_")}


@cache
def load_name_endings() -> NameEndings:
    """Read ``data/name_endings.json`` once. Raises DataFileError on a missing or malformed file."""
    try:
        raw = json.loads(resources.files(__package__).joinpath("data", _FILE).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(_FILE, 0, f"cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(_FILE, exc.lineno, exc.msg) from exc
    try:
        letters = raw["letter_classes"]
        sets = {name: tuple(rules) for name, rules in _public(raw["ending_sets"]).items()}
        rule_sets = {
            name: tuple(_rule(row, letters) for row in body["rules"])
            for name, body in raw["rule_sets"].items()
        }
        rules = {
            (case, gender): tuple(rule for name in names for rule in rule_sets[name])
            for case, by_gender in raw["cases"].items()
            for gender, names in by_gender.items()
        }
        clues = {
            case: tuple(_clue(row, sets) for row in rows)
            for case, rows in _public(raw["gender_clues"]).items()
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(_FILE, 0, f"malformed: {exc!r}") from exc
    return NameEndings(rules, sets, clues)
