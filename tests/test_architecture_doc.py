"""docs/architecture.md stays a true map, and imports point the way it says.

The map has a row for every module in src/psp, each once, and for nothing that is gone;
every ``psp._package.module.name`` it writes is there in the code; and every import
(at the top, in a function, or under ``if TYPE_CHECKING:``) points down the layers the
map declares, but for the backward edge it names."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

import psp

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
SRC = Path(psp.__file__).parent
# Every source file, as its path under src/psp: "_aggregate/state.py", "testing/__init__.py".
FILES = sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py"))
# Every module the map names: not a package's __init__.py (a docstring saying what the
# package holds; testing's, the public face, is described in prose). Imports are
# checked in every file.
MODULES = [path for path in FILES if "/" not in path or not path.endswith("/__init__.py")]

# A row of the package map: "| `_aggregate/state.py` | what it holds |".
_ROW = re.compile(r"^\| `([\w/]+\.py)` \|", re.MULTILINE)
# A module named anywhere as code: `_aggregate/state.py`, `testing/_values.py` (not
# tests/x.py, not src/...).
_NAMED = re.compile(r"(?<![\w/])`((?:(?:_\w+|testing)/)?\w+\.py)`")
# A private name written with its module: `psp._lifecycle.guards.GUARDS`.
_DOTTED = re.compile(r"`(psp(?:\.\w+)+)\.(\w+)`")
# The layers, lowest first: "Layers: `_base` -> `_partners`, `_governing` -> ...".
_LAYERS = re.compile(r"^Layers, lowest first: (.+)$", re.MULTILINE)


def _rows(text: str) -> list[str]:
    return _ROW.findall(text)


def _named(text: str) -> set[str]:
    return set(_NAMED.findall(text))


def _layers(text: str) -> dict[str, int]:
    """Each package's (or top-level module's) layer, from the map's one line that
    lists them."""
    [line] = _LAYERS.findall(text)
    return {
        name: rank
        for rank, layer in enumerate(line.split(" -> "))
        for name in re.findall(r"`(\w+)`", layer)
    }


def _package(module: str) -> str:
    """``_aggregate/state.py`` -> ``_aggregate``; a top-level module is its own name."""
    return module.split("/")[0].removesuffix(".py")


def _imports(source: str) -> set[str]:
    """The psp packages or top-level modules ``source`` imports, anywhere in it; a
    public name taken from ``psp`` itself is an import of ``__init__``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module == "psp":
                found |= {a.name if _is_module(a.name) else "__init__" for a in node.names}
            elif node.module.startswith("psp."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {"__init__" for a in node.names if a.name == "psp"}
    return found


def _is_module(name: str) -> bool:
    return (SRC / name).is_dir() or (SRC / f"{name}.py").is_file()


def _backward(layers: dict[str, int], modules: list[str]) -> set[tuple[str, str]]:
    """Imports of a package from a higher layer, or from a peer in the same layer."""
    found = set()
    for module in modules:
        here = _package(module)
        for target in _imports((SRC / module).read_text(encoding="utf-8")):
            if target != here and layers[target] >= layers[here]:
                found.add((module, target))
    return found


def test_the_map_has_a_row_for_every_module_and_one_only() -> None:
    rows = _rows(DOC)
    assert sorted(set(MODULES) - set(rows)) == [], "add a row to docs/architecture.md"
    assert sorted({r for r in rows if rows.count(r) > 1}) == []


def test_every_module_the_doc_names_exists() -> None:
    assert sorted(_named(DOC) - set(MODULES)) == []


def test_the_map_has_a_row_for_no_module_that_is_gone() -> None:
    assert sorted(set(_rows(DOC)) - set(MODULES)) == []


def test_every_package_and_top_level_module_has_a_layer() -> None:
    assert {_package(m) for m in MODULES} == set(_layers(DOC))


@pytest.mark.parametrize(("module", "name"), sorted(set(_DOTTED.findall(DOC))))
def test_every_private_name_the_doc_writes_exists(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name), f"{module}.{name}"


def test_imports_point_down_the_layers_but_for_the_known_edge() -> None:
    # The edge docs/architecture.md describes under "Which way imports point".
    known = {("_interchange/conversion.py", "_namespace")}
    assert _backward(_layers(DOC), FILES) == known
    assert "`_interchange/conversion.py` imports `_namespace`" in DOC


class TestTheChecks:
    """The patterns find what they must, so the tests above are not vacuous."""

    def test_a_missing_row_and_a_stale_name_are_found(self) -> None:
        text = (
            "| `_a/state.py` | the state |\n"
            "See `_gone.py`, `tests/test_x.py`, `testing/_gone.py` and `_b/log.py`."
        )
        assert _rows(text) == ["_a/state.py"]
        assert _named(text) == {"_a/state.py", "_gone.py", "testing/_gone.py", "_b/log.py"}

    def test_a_backward_or_sideways_import_is_found(self) -> None:
        layers = _layers("Layers, lowest first: `_low` -> `_mid`, `_side` -> `_high`\n")
        assert layers == {"_low": 0, "_mid": 1, "_side": 1, "_high": 2}
        source = "if X:\n    from psp._a.b import c\ndef f():\n    from psp import Partner\n"
        assert _imports(source) == {"_a", "__init__"}

    def test_the_doc_names_enough_to_check(self) -> None:
        assert len(_rows(DOC)) == len(MODULES) >= 40
        assert len(_DOTTED.findall(DOC)) >= 10
        assert len(_layers(DOC)) >= 8


def test_no_module_is_over_500_lines_but_the_partnership_facade() -> None:
    """A module that outgrows 500 lines holds more than one concept: split it by concept
    (``Partnership``, the facade every command and query goes through, is the exception,
    and ``_namespace.py``, the list of every public name, two lines each, which grows with
    the API and holds no code)."""
    long = {
        module: lines
        for module in MODULES
        if (lines := len((SRC / module).read_text(encoding="utf-8").splitlines())) > 500
    }
    assert set(long) <= {"_aggregate/partnership.py", "_namespace.py"}, long
