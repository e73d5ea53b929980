"""The dev corpus (tests/data/corpus/dev, a copy of ../shared/corpus/dev) still meets the quality bar."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
CORPUS = DATA / "corpus" / "dev"
MINIMUMS = [
    "pairs=0.95",
    "meetings=0.90",
    "kz_names=0.97",
    "counterpart_names=0.95",
    "kz_role=0.95",
    "kz_posting=0.95",
    "kind=0.90",
    "counterpart_country=0.90",
]


def test_dev_corpus_scores_meet_the_bar(tmp_path):
    out = tmp_path / "dev.jsonl"
    score_dev = [sys.executable, str(ROOT / "bench" / "score_dev.py"), "--corpus", str(CORPUS)]
    subprocess.run([*score_dev, "--out", str(out)], check=True, cwd=ROOT)
    args = [sys.executable, str(DATA / "eval" / "score.py"), "--gold", str(CORPUS)]
    args += ["--pred", str(out)] + [x for m in MINIMUMS for x in ("--min", m)]
    done = subprocess.run(args, check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
