"""tests/data holds byte-for-byte copies of ../shared's dev corpus and scorer (tests/data/README.md).

Where ../shared is beside the repository, every copy must equal its original and the file lists
must match; where it is not (a fresh clone), the copies must at least be there and not empty.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
# (copy under tests/data, original under ../shared): folders are compared file by file.
COPIES = [
    ("corpus/dev", "corpus/dev"),
    ("eval/score.py", "eval/score.py"),
    ("eval/names.tsv", "eval/names.tsv"),
]


def files(path: Path) -> dict[str, Path]:
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p for p in sorted(path.rglob("*")) if p.is_file()}
    return {"": path}


def assert_present() -> None:
    bulletins = sorted((DATA / "corpus" / "dev").glob("*.txt"))
    assert len(bulletins) >= 30
    for bulletin in bulletins:
        assert bulletin.with_name(bulletin.name.replace(".txt", ".gold.json")).is_file(), bulletin.name
    for copy, _original in COPIES:
        found = files(DATA / copy)
        assert found, copy
        for name, path in found.items():
            assert path.is_file() and path.stat().st_size > 0, f"{copy}/{name}"


def test_the_copies_are_there_and_not_empty():
    assert_present()


def test_the_copies_equal_the_shared_originals_where_shared_is_here():
    if not SHARED.is_dir():  # a fresh clone: nothing to compare with, so nothing is skipped either
        assert_present()
        return
    for copy, original in COPIES:
        ours, theirs = files(DATA / copy), files(SHARED / original)
        assert sorted(ours) == sorted(theirs), f"tests/data/{copy} and ../shared/{original} list other files"
        stale = [name for name in ours if ours[name].read_bytes() != theirs[name].read_bytes()]
        assert not stale, (
            f"tests/data/{copy} differs from ../shared/{original}: {stale} (see tests/data/README.md)"
        )
