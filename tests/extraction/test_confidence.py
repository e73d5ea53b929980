"""The confidence a meeting carries: a figure in [0, 1] that a reviewer can sort the queue by.

Meetings at 0.8 or more were right at least 95 % of the time in development (BENCHMARKS.md,
"Confidence by band"); a clear report must land there and a doubtful one below it.
"""

from __future__ import annotations

import itertools
import json

import pytest

from meetings.extraction import confidence
from meetings.extraction.errors import DataFileError

from .conftest import meetings_of

SIGNALS = (
    "kz_named",
    "kz_resolved",
    "kz_unnamed",
    "kz_role",
    "cp_named",
    "cp_full",
    "joined",
    "planned",
    "kind_session",
)
NEVER_LOWER = ("kz_named", "kz_role", "cp_named", "cp_full", "cp_titled", "cp_ner", "kz_explicit")
NEVER_RAISE = ("kz_unnamed", "planned", "summary")


def every_signal_set():
    for values in itertools.product((0.0, 1.0), repeat=len(SIGNALS)):
        yield dict(zip(SIGNALS, values, strict=True))


def test_the_model_file_loads_with_weights_and_rising_knots():
    model = confidence.load_model()
    assert model.weights
    assert model.knots[0][0] == 0.0 and model.knots[-1][0] == 1.0
    assert all(b[0] > a[0] and b[1] >= a[1] for a, b in itertools.pairwise(model.knots))


def test_the_score_is_always_between_zero_and_one():
    for found in every_signal_set():
        assert 0.0 <= confidence.score(found) <= 1.0


@pytest.mark.parametrize("name", NEVER_LOWER)
def test_a_named_counterpart_or_a_known_official_never_lowers_the_score(name):
    for found in every_signal_set():
        assert confidence.score({**found, name: 1.0}) >= confidence.score({**found, name: 0.0})


@pytest.mark.parametrize("name", NEVER_RAISE)
def test_an_unnamed_delegation_a_plan_or_a_summary_never_raises_the_score(name):
    for found in every_signal_set():
        assert confidence.score({**found, name: 1.0}) <= confidence.score({**found, name: 0.0})


def test_a_broken_model_file_is_reported_by_name(tmp_path):
    path = tmp_path / "confidence.json"
    path.write_text(json.dumps({"intercept": 0.0, "knots": [[0, 0], [1, 1]]}), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"confidence\.json"):
        confidence.load_model(path)


def test_knots_that_fall_are_refused(tmp_path):
    path = tmp_path / "confidence.json"
    path.write_text(
        json.dumps({"intercept": 0.0, "weights": {}, "knots": [[0, 0], [0.5, 0.9], [1, 0.2]]}),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="knots"):
        confidence.load_model(path)


CLEAR = [
    "Посол Казахстана в Норвегии Талгат Ермекбаев встретился с министром иностранных дел Норвегии "
    "Ингрид Сольхейм.",
    "Посол Казахстана в Норвегии Талгат Ермекбаев провел телефонный разговор с министром торговли "
    "Норвегии Ингрид Сольхейм.",
]
DOUBTFUL = [
    (  # the official only as "посол", nobody named on the other side
        "Посол Казахстана в Швеции Даулет Туребаев вручил верительные грамоты.",
        "Позднее посол встретился с представителями деловых кругов Стокгольма.",
    ),
    (
        "Посол Казахстана в Швеции Даулет Туребаев выступил с лекцией в университете Уппсалы.",
        "Посол также принял участие в заседании торговой палаты.",
    ),
]


@pytest.mark.parametrize("text", CLEAR)
def test_a_clear_meeting_of_named_officials_scores_at_least_0_8(text):
    found = meetings_of(text)
    assert found and all(m["confidence"] >= 0.8 for m in found)


@pytest.mark.parametrize("paragraphs", DOUBTFUL)
def test_a_meeting_of_an_official_met_by_reference_without_a_named_counterpart_scores_below_0_8(paragraphs):
    found = [m for m in meetings_of(*paragraphs) if m["counterparts"][0]["name"] is None]
    assert found and all(m["confidence"] < 0.8 for m in found)


def test_the_same_report_scores_higher_with_its_counterpart_named():
    named = meetings_of(
        "Посол Казахстана в Швеции Даулет Туребаев встретился с министром Эриком Хольмквистом."
    )
    unnamed = meetings_of("Посол Казахстана в Швеции Даулет Туребаев встретился с представителями бизнеса.")
    assert named[0]["confidence"] > unnamed[0]["confidence"]
