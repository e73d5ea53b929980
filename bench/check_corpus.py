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


def main(folder):
    problems, counts, kinds, encs = [], Counter(), Counter(), Counter()
    for txt in sorted(Path(folder).glob("*.txt")):
        raw = txt.read_bytes()
        text, enc = decode(raw)
        encs[enc] += 1
        name = txt.name
        if "\r" in text:
            problems.append(f"{name}: CR line ends")
        lines = text.split("\n")
        m = HEADER.match(lines[0])
        if not m:
            problems.append(f"{name}: line 1 is not ' date YYYY-MM-DD Title'")
            continue
        if len(lines) < 2 or not DATELINE.match(lines[1]):
            problems.append(f"{name}: line 2 is not a dateline 'Город. DD месяца. KAZAKHSTAN TODAY - ...'")
        gold_path = txt.with_name(txt.name[:-4] + ".gold.json")
        if not gold_path.exists():
            problems.append(f"{name}: no gold file")
            continue
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except ValueError as e:
            problems.append(f"{gold_path.name}: bad JSON {e}")
            continue
        if gold.get("date") != m.group(1) or gold.get("title") != m.group(2).strip():
            problems.append(f"{gold_path.name}: date/title differ from the header")
        meetings = gold.get("meetings")
        if not isinstance(meetings, list):
            problems.append(f"{gold_path.name}: no meetings list")
            continue
        counts["bulletins"] += 1
        if not meetings:
            counts["negatives"] += 1
        low = text.lower().replace("ё", "е")
        for i, mt in enumerate(meetings):
            kinds[mt.get("kind")] += 1
            if mt.get("kind") not in KINDS:
                problems.append(f"{gold_path.name} m{i}: kind {mt.get('kind')!r}")
            for key in ("kz_side", "counterparts", "location", "topics"):
                if key not in mt:
                    problems.append(f"{gold_path.name} m{i}: missing {key}")
            if not mt.get("kz_side"):
                problems.append(f"{gold_path.name} m{i}: empty kz_side")
            for side in ("kz_side", "counterparts"):
                for p in mt.get(side) or []:
                    if side == "kz_side" and p.get("role") not in ROLES:
                        problems.append(f"{gold_path.name} m{i}: role {p.get('role')!r}")
                    nm = p.get("name")
                    if nm:
                        words = [w for w in re.split(r"[\s-]+", nm.lower().replace("ё", "е")) if len(w) > 2]
                        if words and not any(w[:4] in low for w in words):
                            problems.append(f"{gold_path.name} m{i}: name {nm!r} not found in text")
    for p in problems:
        print("PROBLEM", p)
    print(
        f"bulletins {counts['bulletins']}, negatives {counts['negatives']}, events {sum(kinds.values())} "
        f"{dict(kinds)}, encodings {dict(encs)}, problems {len(problems)}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
