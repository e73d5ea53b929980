#!/usr/bin/env python3
"""Check a folder of corpus bulletins (NAME.txt + NAME.gold.json) for format errors; print counts.

Usage: python bench/check_corpus.py DIR   (e.g. bench/real-dev)
Checks: encoding (UTF-8, UTF-8 BOM or cp1251), LF line ends, first line ' date YYYY-MM-DD Title',
a dateline on line 2 ('Город. DD месяца. KAZAKHSTAN TODAY - ...'), gold JSON shape per
../shared/spec/extraction.md, gold date/title equal to the header, every gold name's surname
(last word, or first word for East-Asian order) found in the text in some form (first 4 letters),
kind/role values. Prints one line per problem and a summary (bulletins, negatives, events by kind,
encodings).
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

KINDS = {"meeting", "talks_multilateral", "visit", "phone_call"}
ROLES = {
    "ambassador",
    "ambassador_at_large",
    "permanent_representative",
    "consul_general",
    "charge_d_affaires",
    "minister",
    "deputy_minister",
    "other",
}
HEADER = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) (.+)$")
DATELINE = re.compile(r"^[А-ЯЁA-Z][^.]{1,40}\. \d{1,2} [а-я]+\. KAZAKHSTAN TODAY - ")


def decode(raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1251"), "cp1251"


def check_meeting(where: str, meeting: dict, low_text: str) -> list[str]:
    """Problems of one gold meeting; ``low_text`` is the bulletin in lower case, ё as е."""
    problems = []
    if meeting.get("kind") not in KINDS:
        problems.append(f"{where}: kind {meeting.get('kind')!r}")
    problems += [
        f"{where}: missing {key}"
        for key in ("kz_side", "counterparts", "location", "topics")
        if key not in meeting
    ]
    if not meeting.get("kz_side"):
        problems.append(f"{where}: empty kz_side")
    for side in ("kz_side", "counterparts"):
        for person in meeting.get(side) or []:
            if side == "kz_side" and person.get("role") not in ROLES:
                problems.append(f"{where}: role {person.get('role')!r}")
            name = person.get("name")
            words = [w for w in re.split(r"[\s-]+", (name or "").lower().replace("ё", "е")) if len(w) > 2]
            if words and not any(w[:4] in low_text for w in words):
                problems.append(f"{where}: name {name!r} not found in text")
    return problems


def read_gold(txt: Path, text: str) -> tuple[dict | None, list[str]]:
    """The bulletin's gold, or None, with the problems of its header, dateline and gold file."""
    lines = text.split("\n")
    header = HEADER.match(lines[0])
    if not header:
        return None, [f"{txt.name}: line 1 is not ' date YYYY-MM-DD Title'"]
    problems = [f"{txt.name}: CR line ends"] if "\r" in text else []
    if len(lines) < 2 or not DATELINE.match(lines[1]):
        problems.append(f"{txt.name}: line 2 is not a dateline 'Город. DD месяца. KAZAKHSTAN TODAY - ...'")
    gold_path = txt.with_name(txt.name[:-4] + ".gold.json")
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return None, [*problems, f"{gold_path.name}: {error}"]
    if gold.get("date") != header.group(1) or gold.get("title") != header.group(2).strip():
        problems.append(f"{gold_path.name}: date/title differ from the header")
    if not isinstance(gold.get("meetings"), list):
        return None, [*problems, f"{gold_path.name}: no meetings list"]
    return gold, problems


def main(folder: str) -> None:
    problems, counts, kinds, encodings = [], Counter(), Counter(), Counter()
    for txt in sorted(Path(folder).glob("*.txt")):
        text, encoding = decode(txt.read_bytes())
        encodings[encoding] += 1
        gold, found = read_gold(txt, text)
        problems += found
        if gold is None:
            continue
        counts["bulletins"] += 1
        counts["negatives"] += not gold["meetings"]
        low_text = text.lower().replace("ё", "е")
        for index, meeting in enumerate(gold["meetings"]):
            kinds[meeting.get("kind")] += 1
            problems += check_meeting(f"{txt.name[:-4]}.gold.json m{index}", meeting, low_text)
    for problem in problems:
        print("PROBLEM", problem)
    print(
        f"bulletins {counts['bulletins']}, negatives {counts['negatives']}, events {sum(kinds.values())} "
        f"{dict(kinds)}, encodings {dict(encodings)}, problems {len(problems)}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
