"""Run the extractor over the dev corpus and write JSON Lines for tests/data/eval/score.py.

Usage: python bench/score_dev.py [--corpus DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from meetings.extraction import extract

DEV_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus" / "dev"
_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d\d-\d\d)\s+([^\n]*)")


def decode(raw: bytes) -> str:
    """The bulletin text as intake stores it: utf-8(-sig) strictly, else cp1251; \\n newlines."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1251")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEV_CORPUS)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "extraction_dev.jsonl")
    args = ap.parse_args()
    with args.out.open("w", encoding="utf-8") as out:
        for path in sorted(args.corpus.glob("*.txt")):
            text = decode(path.read_bytes())
            result = extract(text)
            header = _HEADER.match(text)
            row = {
                "file": str(path),
                "part": 1,
                "date": header.group(1) if header else None,
                "title": header.group(2).strip() if header else None,
                "meetings": result["meetings"],
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
