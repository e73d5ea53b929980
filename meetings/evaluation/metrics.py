"""The extraction metrics of ../shared/eval/score.py, kept in the repository (production has no ../shared).

Pure Python, no Django: gold and predicted bulletins are the JSON of spec/extraction.md
(``{"date": ..., "meetings": [...]}``). The rules are score.py's, figure for figure:

- names are compared after :func:`norm` (lower case, ё→е, punctuation other than hyphens to spaces,
  spaces collapsed); a person without a name counts for nothing;
- ``kz_names``, ``counterpart_names`` and ``pairs`` (kz name, counterpart name) are compared as sets
  per bulletin, and ``meetings`` by aligning gold and predicted meetings one to one (:func:`align`);
  each gives precision, recall and F1 over all bulletins;
- accuracies: ``kind`` over aligned meetings, ``kz_role`` and ``kz_posting`` over gold kz-side names
  that were predicted, ``counterpart_country`` likewise for counterparts, ``date`` per bulletin;
  postings and countries are compared through names.tsv (:func:`place`), a copy of
  ../shared/eval/names.tsv beside this file.

tests/meetings/test_evaluation_metrics.py runs this module and score.py on the same input and
asserts the same table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from meetings.extraction.names import name_key

NAMES_FILE = Path(__file__).with_name("names.tsv")
SET_KEYS = ("kz_names", "counterpart_names", "pairs", "meetings")
ACCURACY_KEYS = ("kind", "kz_role", "kz_posting", "counterpart_country", "date")
SIDES = ("kz_side", "counterparts")


def norm(text: str | None) -> str | None:
    """The form names are compared in; None for no text or text with nothing but punctuation."""
    return None if text is None else name_key(text) or None


def load_places(path: Path = NAMES_FILE) -> dict[str | None, str | None]:
    """Every form of a place or organisation → the first form on its line, all normalised."""
    places: dict[str | None, str | None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            forms = [norm(form) for form in line.split("\t") if form.strip()]
            for form in forms:
                places[form] = forms[0]
    return places


@cache
def places() -> dict[str | None, str | None]:
    return load_places()


def place(text: str | None) -> str | None:
    """A country, posting or organisation in the form it is compared in (names.tsv's first form)."""
    key = norm(text)
    return places().get(key, key)


@dataclass(slots=True)
class Tally:
    """True positives, false positives and false negatives of one set metric."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def prf(self) -> tuple[float, float, float]:
        """(precision, recall, F1); 0.0 where a denominator is zero, as score.py."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def to_json(self) -> dict:
        p, r, f = self.prf()
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(slots=True)
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += bool(ok)

    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def to_json(self) -> dict:
        return {"accuracy": self.value(), "right": self.right, "total": self.total}


def people(meeting: dict, side: str) -> list[dict]:
    """The named people of one side of a meeting."""
    return [p for p in meeting.get(side) or [] if norm(p.get("name"))]


def names(meetings: list[dict], side: str) -> set[str | None]:
    return {norm(p["name"]) for m in meetings for p in people(m, side)}


def pairs(meetings: list[dict]) -> set[tuple[str | None, str | None]]:
    return {
        (norm(k["name"]), norm(c["name"]))
        for m in meetings
        for k in people(m, "kz_side")
        for c in people(m, "counterparts")
    }


def by_name(meetings: list[dict], side: str) -> dict[str | None, dict]:
    """Name → person of one side; a name met twice keeps its last entry (as score.py)."""
    return {norm(p["name"]): p for m in meetings for p in people(m, side)}


def side_names(meeting: dict, side: str) -> set[str | None]:
    return {norm(p["name"]) for p in people(meeting, side)}


def similarity(gold_m: dict, pred_m: dict) -> tuple[int, bool] | None:
    """How well a predicted meeting fits a gold one, or None when it cannot be the same event.

    The same event shares a kz-side name and, where gold names a counterpart, a counterpart
    (a side that gold leaves unnamed is not required to match); a gold meeting with no name at all
    matches nothing. The fit is (names shared, same kind)."""
    g_kz, g_cp = side_names(gold_m, "kz_side"), side_names(gold_m, "counterparts")
    p_kz, p_cp = side_names(pred_m, "kz_side"), side_names(pred_m, "counterparts")
    if g_kz and not g_kz & p_kz:
        return None
    if g_cp and not g_cp & p_cp:
        return None
    if not g_kz and not g_cp:
        return None
    return (len(g_kz & p_kz) + len(g_cp & p_cp), pred_m.get("kind") == gold_m.get("kind"))


def align_indices(gold_meetings: list[dict], pred_meetings: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of the same events: best fits first,
    independent of the order the meetings are listed in."""
    candidates = []
    for gi, gm in enumerate(gold_meetings):
        for pi, pm in enumerate(pred_meetings):
            sim = similarity(gm, pm)
            if sim is not None:
                candidates.append((sim, gi, pi))
    candidates.sort(key=lambda c: (-c[0][0], not c[0][1], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    aligned = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            aligned.append((gi, pi))
    return aligned


def align(gold_meetings: list[dict], pred_meetings: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs (gold, predicted) of the same events (see :func:`align_indices`)."""
    return [(gold_meetings[gi], pred_meetings[pi]) for gi, pi in align_indices(gold_meetings, pred_meetings)]


@dataclass(slots=True)
class Scores:
    """The running figures over the bulletins added so far."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {key: Tally() for key in SET_KEYS})
    accuracies: dict[str, Accuracy] = field(
        default_factory=lambda: {key: Accuracy() for key in ACCURACY_KEYS}
    )
    bulletins: int = 0

    def add_bulletin(self, gold: dict, predicted: dict) -> None:
        """Score one bulletin: ``gold`` and ``predicted`` each hold ``date`` and ``meetings``."""
        self.bulletins += 1
        gm, pm = gold.get("meetings") or [], predicted.get("meetings") or []
        self.tallies["kz_names"].add(names(gm, "kz_side"), names(pm, "kz_side"))
        self.tallies["counterpart_names"].add(names(gm, "counterparts"), names(pm, "counterparts"))
        self.tallies["pairs"].add(pairs(gm), pairs(pm))

        aligned = align(gm, pm)
        for g_meeting, p_meeting in aligned:
            self.accuracies["kind"].add(p_meeting.get("kind") == g_meeting.get("kind"))
        meetings = self.tallies["meetings"]
        meetings.tp += len(aligned)
        meetings.fn += len(gm) - len(aligned)
        meetings.fp += len(pm) - len(aligned)

        self.accuracies["date"].add(predicted.get("date") == gold.get("date"))
        p_kz, p_cp = by_name(pm, "kz_side"), by_name(pm, "counterparts")
        for name, g in by_name(gm, "kz_side").items():
            if name in p_kz:
                self.accuracies["kz_role"].add(p_kz[name].get("role") == g.get("role"))
                self.accuracies["kz_posting"].add(place(p_kz[name].get("posting")) == place(g.get("posting")))
        for name, g in by_name(gm, "counterparts").items():
            if name in p_cp:
                self.accuracies["counterpart_country"].add(
                    place(p_cp[name].get("country")) == place(g.get("country"))
                )

    def figures(self) -> dict[str, float]:
        """F1 of the set metrics and the accuracies, under score.py's ``--min`` keys."""
        found = {key: tally.prf()[2] for key, tally in self.tallies.items()}
        found.update({key: accuracy.value() for key, accuracy in self.accuracies.items()})
        return found

    def to_json(self) -> dict:
        return {
            "bulletins": self.bulletins,
            **{key: tally.to_json() for key, tally in self.tallies.items()},
            **{key: accuracy.to_json() for key, accuracy in self.accuracies.items()},
        }

    def table(self) -> list[str]:
        """The lines score.py prints for these figures (its table and its last ``pair_f1=`` line)."""
        lines = [f"{'metric':<22}{'precision':>10}{'recall':>8}{'f1':>8}"]
        for key, tally in self.tallies.items():
            p, r, f = tally.prf()
            lines.append(f"{key:<22}{p:>10.3f}{r:>8.3f}{f:>8.3f}")
        for key, a in self.accuracies.items():
            lines.append(f"{key + ' accuracy':<22}{a.value():>26.3f}  ({a.right}/{a.total})")
        lines.append(f"pair_f1={self.figures()['pairs']:.3f}")
        return lines


def score(bulletins: Iterable[tuple[dict, dict]]) -> Scores:
    """Figures over (gold, predicted) bulletins."""
    scores = Scores()
    for gold, predicted in bulletins:
        scores.add_bulletin(gold, predicted)
    return scores


@dataclass(frozen=True, slots=True)
class Screened:
    """A bulletin's predicted meetings sorted by what reviewers decided (see :func:`screen`)."""

    meetings: list[dict]  # the predictions that are scored
    rejected_produced: int  # of them, aligned to a meeting reviewers rejected
    ignored: int  # left out: aligned to a meeting nobody has decided yet


def screen(
    predicted: list[dict], *, gold: list[dict], rejected: list[dict], undecided: list[dict]
) -> Screened:
    """Sort one bulletin's predictions against what reviewers decided about its meetings.

    A prediction is first aligned (one to one, :func:`align_indices`) to the gold meetings; those
    left over to the rejected ones: such a prediction is a known false positive, still scored (as a
    false positive) and counted in ``rejected_produced``; those still left over to the undecided
    ones: nobody knows yet whether those events are real, so such a prediction is left out of every
    figure (``ignored``) rather than counted right or wrong. Whatever is left is scored as it is.
    """
    matched = {pi for _, pi in align_indices(gold, predicted)}
    rest = [pi for pi in range(len(predicted)) if pi not in matched]
    hit = align_indices(rejected, [predicted[pi] for pi in rest])
    known_false = {rest[i] for _, i in hit}
    rest = [pi for pi in rest if pi not in known_false]
    hit = align_indices(undecided, [predicted[pi] for pi in rest])
    ignored = {rest[i] for _, i in hit}
    return Screened(
        meetings=[m for pi, m in enumerate(predicted) if pi not in ignored],
        rejected_produced=len(known_false),
        ignored=len(ignored),
    )
