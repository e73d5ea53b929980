"""How likely a meeting is right: a small logistic model over what the engine knew when it read it.

The signals (``signals``) are what the draft of a meeting says about how it was read: how our
official was found (named in the clause, resolved from a reference word, or only "казахстанская
делегация"), whether the counterpart is a named person with a title, the kind, the rule that
opened the event, plan words and crowding in its sentence. The weights live in
``data/confidence.json``, fitted on the development corpora by ``bench/calibrate_confidence.py``;
the fitted probability is then mapped through the file's ``knots`` (a monotone piecewise-linear
map) so that 0.8 is the cut above which the development meetings were right at least 95 % of
the time. The review queue sorts by this figure, so the doubtful meetings come first.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import morph
from .drafts import Draft
from .errors import DataFileError
from .lexicon import Lexicon
from .people import Person
from .titles import role_of

MODEL_FILE = Path(__file__).with_name("data") / "confidence.json"
_LONG_SENTENCE = 40  # tokens: a sentence this long usually packs several events or a background
_EVENT_STEM_KEYS = (
    "phone_stems",
    "participation_stems",
    "multilateral_stems",
    "meeting_stems",
    "visit_stems",
)


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """Logistic weights per signal, an intercept, and the knots of the map to the reported figure."""

    intercept: float
    weights: Mapping[str, float]
    knots: tuple[tuple[float, float], ...]


@cache
def load_model(path: Path = MODEL_FILE) -> ConfidenceModel:
    """The model in ``path`` (cached). Raises DataFileError when the file is missing or broken."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        knots = tuple((float(p), float(c)) for p, c in raw.get("knots", [[0.0, 0.0], [1.0, 1.0]]))
        model = ConfidenceModel(
            float(raw["intercept"]), {str(k): float(v) for k, v in raw["weights"].items()}, knots
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DataFileError(path.name, 0, str(error)) from error
    if any(b[0] <= a[0] or b[1] < a[1] for a, b in itertools.pairwise(knots)):
        raise DataFileError(path.name, 0, "knots must rise")
    return model


def probability(signals: Mapping[str, float], model: ConfidenceModel) -> float:
    """The logistic model's probability that the meeting is right."""
    z = model.intercept + sum(w * signals.get(name, 0.0) for name, w in model.weights.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def score(signals: Mapping[str, float], model: ConfidenceModel | None = None) -> float:
    """The reported confidence in [0, 1], rounded to two places: the probability through the knots."""
    model = model or load_model()
    p = probability(signals, model)
    knots = model.knots
    value = knots[-1][1]
    for (p0, c0), (p1, c1) in itertools.pairwise(knots):
        if p <= p1:
            value = c0 + (c1 - c0) * (max(p, p0) - p0) / (p1 - p0)
            break
    return round(min(1.0, max(0.0, value)), 2)


def signals(draft: Draft, people: list[Person], drafts: list[Draft], lexicon: Lexicon) -> dict[str, float]:
    """What the engine knew of one event when it assembled it, each as 0/1.

    ``drafts`` are all the bulletin's events (to see how crowded the event's sentence is).
    """
    first = draft.sentences[0]
    kz_mentions = [draft.mentions[p] for p in draft.kz if p in draft.mentions]
    named_here = any(m.sentence is first for m in kz_mentions)
    cp_mentions = [draft.mentions[p] for p in draft.cps if p in draft.mentions]
    kz_chains = [_chain(people[p]) for p in draft.kz]
    cp_people = [people[p] for p in draft.cps]
    lows = [t.text.lower() for t in first.tokens]
    lo, hi = draft.tokens
    clause = lows[lo:hi]
    event_stems = tuple(s for key in _EVENT_STEM_KEYS for s in lexicon.stems[key])
    planned = lexicon.stems["planned_markers"]
    same_sentence = sum(1 for d in drafts if not d.frame_only and d.sentences[0] is first)
    return {
        "kz_named": float(named_here),
        "kz_resolved": float(bool(draft.kz) and not named_here and not draft.kz_unnamed),
        "kz_unnamed": float(draft.kz_unnamed or not draft.kz),
        "kz_explicit": float(any(lexicon.kz_marker.search(c) for c in kz_chains)),
        "kz_role": float(any(c and role_of(c, lexicon) != "other" for c in kz_chains)),
        "kz_ner": float(any(m.is_per for m in kz_mentions)),
        "kz_several": float(len(draft.kz) > 1),
        "cp_named": float(bool(draft.cps)),
        "cp_full": float(any(m.is_full for m in cp_mentions)),
        "cp_titled": float(any(_chain(p) for p in cp_people)),
        "cp_side_told": float(any(p.side == "cp" for p in cp_people)),
        "cp_ner": float(any(m.is_per for m in cp_mentions)),
        "cp_many": float(len(draft.cps) >= 3),
        "kind_call": float(draft.kind == "phone_call"),
        "kind_session": float(draft.kind == "talks_multilateral"),
        "kind_visit": float(draft.kind == "visit"),
        "summary": float(draft.summary),
        "joined": float(len(draft.sentences) > 1),
        "context": float(bool(draft.context)),
        "crowded": float(same_sentence > 1),
        "planned": float(any(w.startswith(planned) for w in lows)),
        "long_sentence": float(len(lows) > _LONG_SENTENCE),
        "lead": float(draft.paragraph == 0),
        "verb_event": float(any(w.startswith(event_stems) and morph.main_pos(w) == "VERB" for w in clause)),
        "from_new_event": float(draft.origin == "new_event"),
        "from_back_reference": float(draft.origin == "back_reference_opens_a_meeting"),
        "from_foreign_side": float(draft.origin == "foreign_side_only"),
    }


def _chain(person: Person) -> str:
    info = person.info or (person.mentions[0] if person.mentions else None)
    return info.chain if info else ""
