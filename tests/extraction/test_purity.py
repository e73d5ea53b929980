"""The extraction engine never imports Django, directly or through anything it imports."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_extraction_runs_without_importing_django():
    script = textwrap.dedent(
        """
        import sys
        import meetings.extraction as engine
        text = " date 2026-03-02 Т\\nАстана. 1 марта. KAZAKHSTAN TODAY - Посол Казахстана в Чехии "
        text += "Ерболат Сапаров встретился с министром культуры Чехии Томашем Новаком.\\n"
        result = engine.extract(text)
        assert result["meetings"], result
        assert "django" not in sys.modules, sorted(m for m in sys.modules if m.startswith("django"))
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")


def test_meetings_package_init_imports_nothing():
    # Importing meetings.extraction runs meetings/__init__.py first: a docstring, nothing else.
    body = ast.parse((ROOT / "meetings" / "__init__.py").read_text(encoding="utf-8")).body
    assert len(body) <= 1
    assert all(isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) for node in body)
