"""How far the extractor's confidence can be trusted: precision of its meetings by confidence band.

Usage: python bench/confidence.py [--corpus DIR ...] [--cut 0.5 --cut 0.8]

Runs the engine (as `extract_meetings` does: intake's parsing, then `extract`) over each corpus
folder of bulletins with gold (NAME.txt + NAME.gold.json) and, for each band of the confidence the
engine gave a meeting, prints how many predicted meetings fall in it and how many are right:
"right" is a meeting that score.py aligns with a gold meeting (the same event: a shared kz-side name
and, where gold names one, a shared counterpart); "exact" also names every person of both sides as
gold does. The review queue sorts by confidence, so the bands say what a reviewer can expect.
Only figures are printed, never a bulletin's errors (the held-out set stays unread).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

from meetings.evaluation.metrics import align_indices, side_names
from meetings.extraction import extract
from newsdesk import intake


def predictions(path: Path) -> list[dict]:
    """The engine's meetings of every bulletin in one file, in the file's order."""
    meetings = []
    for result in intake.read_upload(path.name, path.read_bytes()):
        for bulletin in result.bulletins:
            meetings.extend(extract(bulletin.text)["meetings"])
    return meetings


def exact(gold: dict, predicted: dict) -> bool:
    return all(side_names(gold, side) == side_names(predicted, side) for side in ("kz_side", "counterparts"))


def band_of(confidence: float | None, cuts: list[float]) -> int:
    value = confidence or 0.0
    return sum(value >= cut for cut in cuts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a folder with gold (repeatable)")
    parser.add_argument("--cut", type=float, action="append", help="band boundaries (default 0.5, 0.8)")
    args = parser.parse_args()
    corpora = args.corpus or [Path("bench/real-heldout")]
    cuts = sorted(args.cut or [0.5, 0.8])
    counts = [[0, 0, 0] for _ in range(len(cuts) + 1)]  # predicted, right, exact
    for corpus in corpora:
        for path in sorted(corpus.glob("*.txt")):
            gold = json.loads(path.with_name(path.name[:-4] + ".gold.json").read_text(encoding="utf-8"))
            predicted = predictions(path)
            aligned = dict((pi, gi) for gi, pi in align_indices(gold["meetings"], predicted))
            for index, meeting in enumerate(predicted):
                row = counts[band_of(meeting.get("confidence"), cuts)]
                row[0] += 1
                if index in aligned:
                    row[1] += 1
                    row[2] += exact(gold["meetings"][aligned[index]], meeting)
    edges = [0.0, *cuts, 1.0]
    print(f"corpora: {', '.join(str(c) for c in corpora)}")
    print(f"{'confidence':<14}{'meetings':>10}{'right':>8}{'precision':>11}{'exact':>8}{'exact prec.':>13}")
    for (low, high), (total, right, whole) in zip(itertools.pairwise(edges), counts, strict=True):
        label = f"[{low:.2f}, {high:.2f}{']' if high == 1.0 else ')'}"
        precision = f"{right / total:.3f}" if total else "—"
        exact_precision = f"{whole / total:.3f}" if total else "—"
        print(f"{label:<14}{total:>10}{right:>8}{precision:>11}{whole:>8}{exact_precision:>13}")


if __name__ == "__main__":
    main()
