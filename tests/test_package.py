"""The package's promises: its public namespace, its weight and its purity."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import psp

SRC = Path(psp.__file__).parent


class TestNamespace:
    """``psp`` exports a small, sorted, complete namespace over private modules."""

    def test_all_is_sorted_and_unique(self) -> None:
        # isort style, as ruff keeps it: CONSTANTS, then Classes, then functions.
        def key(name: str) -> tuple[int, str]:
            return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

        assert list(psp.__all__) == sorted(set(psp.__all__), key=key)

    def test_every_exported_name_exists(self) -> None:
        missing = [n for n in psp.__all__ if not hasattr(psp, n)]
        assert missing == []

    def test_the_card_names_are_importable(self) -> None:
        from psp import Partner, Partnership, Role  # noqa: F401

    def test_modules_behind_the_namespace_are_private(self) -> None:
        public = sorted(p.stem for p in SRC.glob("*.py") if not p.stem.startswith("_"))
        assert public == ["plotting", "testing"]

    def test_ships_py_typed(self) -> None:
        assert (SRC / "py.typed").is_file()


def _fresh(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


class TestImportWeight:
    """``import psp`` stays light: networkx and hypothesis load only when used."""

    def test_import_does_not_load_networkx_or_hypothesis(self) -> None:
        loaded = _fresh(
            "import sys, psp\n"
            "print(sorted(m for m in ('networkx', 'hypothesis') if m in sys.modules))"
        )
        assert loaded == "[]"

    def test_psp_testing_imports_before_hypothesis(self) -> None:
        # Hypothesis loads psp's entry point while psp.testing is still importing.
        assert _fresh("from psp.testing import partnerships; print('ok')") == "ok"


_FORBIDDEN_CALLS = frozenset({"open", "print", "input", "eval", "exec", "__import__"})
_FORBIDDEN_MODULES = frozenset(
    {
        "os",
        "io",
        "socket",
        "subprocess",
        "pathlib",
        "random",
        "time",
        "logging",
        "pickle",
        "urllib",
        "requests",
        "shutil",
        "tempfile",
        "importlib",
        "secrets",
        "uuid",
    }
)
_FORBIDDEN_ATTRS = frozenset({"now", "today", "utcnow", "getenv", "environ"})


def _io_offences(source: str) -> list[str]:
    """Lines of ``source`` that import an I/O module, call an I/O builtin or read a clock."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = {a.name.split(".")[0] for a in node.names} & _FORBIDDEN_MODULES
        elif isinstance(node, ast.ImportFrom):
            names = {(node.module or "").split(".")[0]} & _FORBIDDEN_MODULES
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            names = {node.func.id} & _FORBIDDEN_CALLS
        elif isinstance(node, ast.Attribute):
            names = {node.attr} & _FORBIDDEN_ATTRS
        else:
            continue
        found += [f"{node.lineno}: {n}" for n in sorted(names)]
    return found


class TestNoIO:
    """Nothing in src/psp reads or writes files, sockets, clocks or the environment."""

    def test_source_has_no_io(self) -> None:
        offences = {
            path.name: _io_offences(path.read_text(encoding="utf-8"))
            for path in sorted(SRC.glob("*.py"))
        }
        assert {k: v for k, v in offences.items() if v} == {}

    def test_the_checker_catches_each_kind_of_io(self) -> None:
        source = "import os\nfrom pathlib import Path\nopen('x')\ndatetime.date.today()\n"
        assert _io_offences(source) == ["1: os", "2: pathlib", "3: open", "4: today"]
