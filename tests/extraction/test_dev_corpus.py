"""The dev corpus still meets the quality bar (skipped where ../shared is not mounted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path("/work/shared")
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


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="no ../shared corpus here")
def test_dev_corpus_scores_meet_the_bar(tmp_path):
    out = tmp_path / "dev.jsonl"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "score_dev.py"), "--out", str(out)], check=True, cwd=ROOT
    )
    args = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "corpus" / "dev")]
    args += ["--pred", str(out)] + [x for m in MINIMUMS for x in ("--min", m)]
    done = subprocess.run(args, check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
