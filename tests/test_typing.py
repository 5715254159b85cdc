"""Constructors and commands are typed as what they take, so mypy catches a misspelt value.

``tests/typecheck/accepted.py`` is part of the normal ``mypy --strict`` run: what a user may
write, with literal strings and enum members. ``tests/typecheck/rejected.py`` is left out of
it (pyproject.toml); here mypy runs on it alone and must report exactly the errors its
lines are marked with (``# E: arg-type``). At run time, psp refuses the same values with
the same messages as before (tests/test_refusal_messages.py): the types only add a check.
"""

from __future__ import annotations

import enum
import inspect
import re
import runpy
import typing
from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest

import psp
from psp import Partner, Reach, ReachName, Sector, SectorName

ROOT = Path(__file__).resolve().parent.parent
ACCEPTED = ROOT / "tests" / "typecheck" / "accepted.py"
REJECTED = ROOT / "tests" / "typecheck" / "rejected.py"

#: Public enums that psp never takes as text, so they have no alias of their values.
NOT_TAKEN_AS_TEXT = {psp.Stage}


def _enums() -> list[type[enum.StrEnum]]:
    return [
        obj
        for name in psp.__all__
        if isinstance(obj := getattr(psp, name), type) and issubclass(obj, enum.StrEnum)
    ]


def _marked(path: Path) -> set[tuple[int, str]]:
    """The (line, error code) pairs a file's ``# E: code, code`` comments expect."""
    expected = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        found = re.search(r"# E: ([a-z-]+(?:, [a-z-]+)*)$", line)
        if found:
            expected |= {(number, code) for code in found[1].split(", ")}
    return expected


def _reported(output: str, path: Path) -> set[tuple[int, str]]:
    """The (line, error code) pairs mypy reported in ``path``; any other error fails."""
    found = set()
    for line in output.splitlines():
        if ": note: " in line:
            continue
        match = re.fullmatch(r"(.+?):(\d+): error: .*  \[([a-z-]+)\]", line)
        assert match, f"not an error of one line: {line}"
        assert (Path.cwd() / match[1]).resolve() == path, line
        found.add((int(match[2]), match[3]))
    return found


#: mypy's settings for the run on rejected.py: the project's (strict, Python 3.11), and
#: psp's own modules silent (the normal run checks them). networkx's stubs would take
#: four fifths of the run's 15 s; nothing there uses a graph, so a stub of one line
#: stands in for them.
MYPY_INI = """\
[mypy]
strict = True
python_version = 3.11
mypy_path = {stubs}

[mypy-psp.*]
follow_imports = silent
"""
NETWORKX_STUB = "from typing import Any\n\ndef __getattr__(name: str) -> Any: ...\n"


class TestAliases:
    """Each enum psp takes as text has a public Literal alias of its values."""

    @pytest.mark.parametrize("cls", _enums(), ids=lambda c: c.__name__)
    def test_each_alias_lists_its_enums_values_in_order(self, cls: type[enum.StrEnum]) -> None:
        if cls in NOT_TAKEN_AS_TEXT:
            assert not hasattr(psp, f"{cls.__name__}Name")
            return
        alias = getattr(psp, f"{cls.__name__}Name")
        assert typing.get_origin(alias) is typing.Literal
        assert typing.get_args(alias) == tuple(member.value for member in cls)

    def test_every_alias_names_an_enum(self) -> None:
        aliases = {n for n in psp.__all__ if typing.get_origin(getattr(psp, n)) is typing.Literal}
        assert aliases == {f"{c.__name__}Name" for c in _enums() if c not in NOT_TAKEN_AS_TEXT}


class TestSignatures:
    """What ``inspect.signature`` and ``typing.get_type_hints`` say of the constructors."""

    def test_a_partner_shows_what_each_parameter_takes(self) -> None:
        parameters = inspect.signature(Partner).parameters
        shown = {name: p.annotation for name, p in parameters.items()}
        assert shown["id"] == "str"
        assert shown["sector"] == "Sector | SectorName"
        assert shown["reach"] == "Reach | ReachName | None"
        assert shown["areas"] == "Iterable[str]"

    def test_the_types_resolve(self) -> None:
        hints = typing.get_type_hints(Partner.__init__)
        assert hints["sector"] == Sector | SectorName
        assert hints["reach"] == Reach | ReachName | None
        assert hints["areas"] == Iterable[str]

    def test_no_public_constructor_takes_any(self) -> None:
        untyped = sorted(
            name
            for name in psp.__all__
            if isinstance(cls := getattr(psp, name), type)
            and attrs.has(cls)
            and any("Any" in str(p.annotation) for p in inspect.signature(cls).parameters.values())
        )
        assert untyped == []


def test_what_mypy_accepts_psp_accepts_at_run_time() -> None:
    runpy.run_path(str(ACCEPTED), run_name="accepted")["main"]()


def test_mypy_refuses_each_marked_line_and_nothing_else(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    (tmp_path / "stubs" / "networkx").mkdir(parents=True)
    (tmp_path / "stubs" / "networkx" / "__init__.pyi").write_text(NETWORKX_STUB)
    config = tmp_path / "mypy.ini"
    config.write_text(MYPY_INI.format(stubs=tmp_path / "stubs"))
    stdout, stderr, _ = api.run(
        [
            str(REJECTED),
            "--config-file",
            str(config),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--no-incremental",
            "--show-error-codes",
            "--no-pretty",
            "--no-error-summary",
            "--hide-error-context",
        ]
    )
    assert not stderr
    expected = _marked(REJECTED)
    assert len(expected) >= 30
    assert _reported(stdout, REJECTED) == expected, stdout
