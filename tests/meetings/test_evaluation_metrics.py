"""The repository's copy of the extraction metrics gives ../shared/eval/score.py's figures."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.evaluation import metrics

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"  # the copies of ../shared's scorer and dev corpus (tests/data/README.md)
SCORE_PY = DATA / "eval" / "score.py"
DEV = DATA / "corpus" / "dev"


def kz(name, role="ambassador", posting=None):
    return {"name": name, "role": role, "posting": posting}


def cp(name, country=None):
    return {"name": name, "country": country}


def meeting(kind, kz_side, counterparts):
    return {"kind": kind, "kz_side": kz_side, "counterparts": counterparts}


GOLD_A = {
    "date": "2026-03-02",
    "meetings": [
        meeting("meeting", [kz("Алёна Сарыбаева", posting="Австрия")], [cp("Томас Краус", "Австрия")]),
        meeting("phone_call", [kz("Нурлан Жаксыбеков", "deputy_minister")], [cp("Мартин Новак", "Чехия")]),
    ],
}
PRED_A = {
    "date": "2026-03-02",
    "meetings": [
        # ё, case and punctuation aside, the same names
        meeting("meeting", [kz("АЛЕНА Сарыбаева.", posting="Австрия")], [cp("Томас Краус", "Австрия")]),
        # kind wrong; the country written as another form of the same line of names.tsv
        meeting(
            "meeting",
            [kz("Нурлан Жаксыбеков", "deputy_minister")],
            [cp("Мартин Новак", "Чешская Республика")],
        ),
        # an event that is not there
        meeting("meeting", [kz("Болат Ермеков")], [cp("Кемаль Озтюрк", "Турция")]),
    ],
}
GOLD_B = {
    "date": "2026-03-05",
    "meetings": [meeting("meeting", [kz("Асхат Мусин", posting="Япония")], [cp("Кэндзи Ямада", "Япония")])],
}
PRED_B = {
    "date": "2026-03-06",  # wrong date
    # the counterpart missed, so the meeting cannot be aligned; the posting wrong
    "meetings": [meeting("meeting", [kz("Асхат Мусин", posting="Китай")], [])],
}


def test_hand_written_gold_and_predictions_give_exact_figures():
    scores = metrics.score([(GOLD_A, PRED_A), (GOLD_B, PRED_B)])

    tallies = {key: (t.tp, t.fp, t.fn) for key, t in scores.tallies.items()}
    assert tallies == {
        "kz_names": (3, 1, 0),
        "counterpart_names": (2, 1, 1),
        "pairs": (2, 1, 1),
        "meetings": (2, 2, 1),
    }
    assert scores.tallies["kz_names"].prf() == pytest.approx((3 / 4, 1.0, 6 / 7))
    assert scores.tallies["pairs"].prf() == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert scores.tallies["meetings"].prf() == pytest.approx((1 / 2, 2 / 3, 4 / 7))
    accuracies = {key: (a.right, a.total) for key, a in scores.accuracies.items()}
    assert accuracies == {
        "kind": (1, 2),
        "kz_role": (3, 3),
        "kz_posting": (2, 3),
        "counterpart_country": (2, 2),
        "date": (1, 2),
    }
    assert scores.figures()["pairs"] == pytest.approx(2 / 3)
    assert scores.table()[-1] == "pair_f1=0.667"


def test_nothing_to_compare_gives_zero_figures_not_an_error():
    scores = metrics.score([({"date": None, "meetings": []}, {"date": None, "meetings": []})])

    assert scores.tallies["pairs"].prf() == (0.0, 0.0, 0.0)
    assert scores.accuracies["kind"].value() == 0.0
    assert scores.accuracies["date"].value() == 1.0


def test_predictions_of_rejected_meetings_are_counted_and_of_undecided_ones_left_out():
    gold = [meeting("meeting", [kz("Асхат Мусин")], [cp("Кэндзи Ямада")])]
    rejected = [meeting("talks_multilateral", [kz("Болат Ермеков")], [cp("Кемаль Озтюрк")])]
    undecided = [meeting("meeting", [kz("Асхат Мусин")], [cp("Хироси Танака")])]
    predicted = [
        meeting("meeting", [kz("Асхат Мусин")], [cp("Хироси Танака")]),
        meeting("meeting", [kz("Асхат Мусин")], [cp("Кэндзи Ямада")]),
        meeting("talks_multilateral", [kz("Болат Ермеков")], [cp("Кемаль Озтюрк")]),
        meeting("meeting", [kz("Данияр Оспанов")], [cp("Юки Мори")]),
    ]

    screened = metrics.screen(predicted, gold=gold, rejected=rejected, undecided=undecided)

    assert (screened.rejected_produced, screened.ignored) == (1, 1)
    assert screened.meetings == predicted[1:]


def test_the_metrics_are_pure_python_without_django():
    script = (
        "import sys\n"
        "from meetings.evaluation import metrics\n"
        "assert metrics.place('Соединенные Штаты') == metrics.place('США')\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_names_file_is_a_faithful_copy_of_the_shared_one():
    shared = metrics.load_places(DATA / "eval" / "names.tsv")

    assert metrics.load_places() == shared


def score_py_table(gold_dir: Path, predictions: list[dict], tmp_path: Path) -> list[str]:
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, str(SCORE_PY), "--gold", str(gold_dir), "--pred", str(pred_file)],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return done.stdout.splitlines()


def our_table(gold_dir: Path, predictions: list[dict]) -> list[str]:
    by_file = {Path(p["file"]).name: p for p in predictions}
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pairs.append((gold, by_file[gold_path.name.replace(".gold.json", ".txt")]))
    return metrics.score(pairs).table()


ALTERNATIVE_FORMS = {"США": "Соединенные Штаты Америки", "Китай": "КНР", "Россия": "РФ", "Германия": "ФРГ"}


def perturbed(gold_path: Path, index: int) -> dict:
    """Gold turned into predictions with known faults: dropped, mislabelled, respelled, invented."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    out = []
    for i, m in enumerate(gold["meetings"]):
        m = json.loads(json.dumps(m))
        turn = (index + i) % 6
        if turn == 0:
            continue
        if turn == 1:
            m["kind"] = "visit" if m["kind"] != "visit" else "meeting"
        if turn == 2:
            for person in m["counterparts"]:
                if person.get("name"):
                    person["name"] = person["name"].upper().replace("Е", "Ё") + "!"
                person["country"] = ALTERNATIVE_FORMS.get(person.get("country"), "Атлантида")
        if turn == 3:
            for person in m["kz_side"]:
                person["role"], person["posting"] = "other", "Вена"
        if turn == 4:
            out.append({**m, "counterparts": [{"name": "Иван Лишний", "country": None}]})
        if turn == 5 and m["counterparts"]:
            m["counterparts"] = m["counterparts"][1:]
        out.append(m)
    date = gold.get("date") if index % 3 else "1999-01-01"
    return {"file": str(gold_path).replace(".gold.json", ".txt"), "date": date, "meetings": out}


def engine_predictions() -> list[dict]:
    out = io.StringIO()
    call_command("extract_meetings", *sorted(str(p) for p in DEV.glob("*.txt")), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


@pytest.mark.parametrize("source", ["engine", "perturbed gold"])
def test_the_metrics_give_the_same_table_as_the_shared_scorer(source, tmp_path):
    if source == "engine":
        predictions = engine_predictions()
    else:
        predictions = [perturbed(path, i) for i, path in enumerate(sorted(DEV.glob("*.gold.json")))]

    expected = score_py_table(DEV, predictions, tmp_path)

    assert our_table(DEV, predictions) == expected
    if source == "perturbed gold":  # the faults made a difference to every figure
        assert not any(line.endswith(" 1.000") or "1.000  (" in line for line in expected[1:])
