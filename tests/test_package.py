"""The package's promises: its public namespace, its weight and its purity."""

from __future__ import annotations

import ast
import pickle
import subprocess
import sys
import types
from pathlib import Path

import pytest

import psp
from psp import _namespace

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


class TestLazyNamespace:
    """``import psp`` loads only ``psp/__init__.py``; the first public name used loads
    ``psp._namespace``, which imports every public name, and copies them into ``psp``."""

    def test_import_loads_no_other_module_of_psp_nor_attrs(self) -> None:
        loaded = _fresh(
            "import sys, psp\n"
            "heavy = ('attr', 'attrs', 'cattrs', 'networkx', 'hypothesis')\n"
            "print(sorted(m for m in sys.modules if m.startswith('psp') or m in heavy))"
        )
        assert loaded == "['psp']"

    def test_the_first_public_name_loads_the_namespace_but_not_networkx(self) -> None:
        loaded = _fresh(
            "import sys, psp\n"
            "psp.Partnership\n"
            "names = ('attrs', 'psp._namespace', 'psp._partnership', 'networkx')\n"
            "print([m for m in names if m in sys.modules])"
        )
        assert loaded == "['attrs', 'psp._namespace', 'psp._partnership']"

    def test_the_first_public_name_copies_every_public_name_into_psp(self) -> None:
        # Later lookups are plain attribute hits: the module __getattr__ runs once.
        missing = _fresh(
            "import psp\n"
            "before = sorted(set(psp.__all__) & set(vars(psp)))\n"
            "psp.to_data\n"
            "print(before, sorted(set(psp.__all__) - set(vars(psp))))"
        )
        assert missing == "[] []"

    def test_a_private_name_does_not_load_the_namespace(self) -> None:
        # ``from psp import _checks`` in psp's own modules asks psp for the name first.
        loaded = _fresh(
            "import sys, psp\n"
            "print(hasattr(psp, '_checks'), hasattr(psp, 'testing'),\n"
            "      'psp._namespace' in sys.modules)"
        )
        assert loaded == "False False False"

    def test_from_psp_import_star(self) -> None:
        missing = _fresh(
            "from psp import *\nimport psp\nprint(sorted(set(psp.__all__) - set(globals())))"
        )
        assert missing == "[]"

    def test_the_namespace_exports_what_psp_exports(self) -> None:
        assert _namespace.__all__ == psp.__all__
        public = {n for n in vars(_namespace) if not n.startswith("_")}
        assert public == set(psp.__all__)  # nothing imported there and left out of __all__

    def test_every_name_is_the_same_object_through_both(self) -> None:
        different = [n for n in psp.__all__ if getattr(psp, n) is not getattr(_namespace, n)]
        assert different == []

    def test_an_unknown_name_raises_cpythons_attribute_error(self) -> None:
        with pytest.raises(AttributeError) as raised:
            psp.Partnr  # type: ignore[attr-defined]  # noqa: B018
        with pytest.raises(AttributeError) as plain:
            types.ModuleType("psp").Partnr  # noqa: B018
        assert str(raised.value) == str(plain.value) == "module 'psp' has no attribute 'Partnr'"

    def test_dir_lists_every_public_name_before_they_are_loaded(self) -> None:
        listed = _fresh(
            "import psp\n"
            "names = dir(psp)\n"
            "print(names == sorted(names), sorted(set(psp.__all__) - set(names)), "
            "sorted(set(psp.__all__) & set(vars(psp))))"
        )
        assert listed == "True [] []"
        assert set(psp.__all__) <= set(dir(psp))

    def test_errors_unpickle_in_a_fresh_interpreter(self) -> None:
        # Errors say they live in ``psp``: unpickling finds them through the lazy namespace.
        data = pickle.dumps(psp.RuleViolationError("roles", "lead", "a reason"))
        shown = _fresh(f"import pickle\nprint(repr(pickle.loads({data!r})))")
        assert shown == "RuleViolationError('roles', 'lead', 'a reason')"

    def test_threads_loading_the_namespace_at_once_see_the_same_objects(self) -> None:
        same = _fresh(
            "import threading, psp\n"
            "barrier, seen = threading.Barrier(8), []\n"
            "def use(i):\n"
            "    barrier.wait()\n"
            "    seen.append({n: getattr(psp, n) for n in psp.__all__[i::8] + ['Partnership']})\n"
            "threads = [threading.Thread(target=use, args=(i,)) for i in range(8)]\n"
            "for t in threads: t.start()\n"
            "for t in threads: t.join()\n"
            "from psp import _namespace\n"
            "print(len(seen), all(v is getattr(_namespace, n) for s in seen for n, v in s.items()))"
        )
        assert same == "8 True"


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
