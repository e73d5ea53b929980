"""The engine's vocabulary lives only in its data files (``meetings/extraction/data/``).

Every string constant written with Cyrillic letters in the engine's Python code is a word, stem,
regex or text that belongs in ``data/lexicon.json`` (or a file beside it). Only docstrings (the first
statement of a module, class or function, where Russian examples are welcome) and the messages of
``errors.py`` may hold Cyrillic; comments are not string constants and are never looked at.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "meetings" / "extraction"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MESSAGES = {"errors.py"}  # error messages are written in Russian; they are not vocabulary


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the constants that are docstrings: the first statement of a module, class or function."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def cyrillic_literals(source: str, name: str) -> list[str]:
    """``name:line: 'text'`` for each non-docstring string constant of ``source`` holding Cyrillic."""
    tree = ast.parse(source, filename=name)
    docstrings = _docstrings(tree)
    literals = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and CYRILLIC.search(node.value)
    ]
    literals.sort(key=lambda node: (node.lineno, node.col_offset))
    return [f"{name}:{node.lineno}: {node.value!r}" for node in literals]


def test_no_python_file_of_the_engine_holds_russian_vocabulary():
    files = sorted(p for p in ENGINE.rglob("*.py") if p.name not in MESSAGES)
    assert files, ENGINE
    found = []
    for path in files:
        found += cyrillic_literals(path.read_text(encoding="utf-8"), str(path.relative_to(ENGINE.parents[1])))
    assert not found, "move these to meetings/extraction/data/lexicon.json:\n" + "\n".join(found)


def test_the_check_names_file_and_line_of_a_word_in_code_but_passes_docstrings_and_comments():
    source = (
        '"""Модуль: пример "встретился"."""\n'
        "\n"
        "def visit(word):\n"
        '    """True for "посетил"."""\n'
        '    return word.startswith("посетил")  # "прибыл" too\n'
        "\n"
        'PATTERN = rf"{1}\\s+встреч"\n'
        'LATIN = "meeting"\n'
    )
    assert cyrillic_literals(source, "invented.py") == [
        "invented.py:5: 'посетил'",
        "invented.py:7: '\\\\s+встреч'",
    ]
