"""The project carries what it needs: nothing in it names a path outside the repository.

A user, a packager or a downstream CI has the repository and nothing beside it, so no
tracked file in the folders below reads, cites or links a path that leaves it: a relative
path that climbs out (or names something the repository does not hold), a machine's
absolute path, or ``Path(__file__)`` walked above the repository's root. ``.ci/run`` runs
the README's commands in a fresh clone with nothing beside it, which proves the same by
running everything.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("src", "tests", "examples", "docs", "tools", "benchmarks", ".ci")
_CACHES = frozenset(
    {".git", ".venv", "__pycache__", ".hypothesis", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
)

# A relative path that goes up, once or more (not an ellipsis, nor "a..b").
_UP = re.compile(r"(?<![\w.])((?:\.\./)+)([\w.-]+(?:/[\w.-]+)*)")
# A machine's absolute path (not a URL's path: "https://x.org/home/" has a word before it).
_ABSOLUTE = re.compile(r"(?<![\w.:/~-])(?:~/|/(?:work|home|Users|mnt|tmp|srv|opt|root)/)")
# A Markdown file named in prose or a link ("docs/lifecycle.md").
_MARKDOWN = re.compile(r"(?<![\w./-])([\w./-]*\w\.md)\b")
_URL = re.compile(r"\w+://\S+")


def _tracked(*folders: str) -> list[str]:
    """The files the repository holds (under ``folders``, if given), as posix paths from
    its root: git's list in a checkout; in an unpacked sdist, the files less caches."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", *folders],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):  # no git, or no .git
        return sorted(
            p.relative_to(ROOT).as_posix()
            for folder in folders or (".",)
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and not _CACHES & set(p.relative_to(ROOT).parts)
        )
    return sorted(name for name in listed.split("\0") if name)


def _climbs_out(path: PurePosixPath) -> bool:
    """Whether a path relative to the root leaves it (checked by its parts, not the disk)."""
    depth = 0
    for part in path.parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return True
    return False


def _outside(name: str, text: str, exists: frozenset[str]) -> list[str]:
    """Every place in ``text`` (the file ``name``, from the root) that names a path
    outside the repository, as ``line: what``.

    ``exists`` holds the repository's files and folders. A relative path that stays
    inside but names nothing there (one written as if from the root, climbing to a
    folder beside the checkout) is counted, since it can only mean something beside the
    checkout; so is a Markdown file the repository does not hold (a brief kept beside
    it). URLs are left alone.
    """
    here = PurePosixPath(name).parent
    basenames = {PurePosixPath(e).name for e in exists}
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        line = _URL.sub("", line)
        for up in _UP.finditer(line):
            target = here / up.group(1) / up.group(2)
            resolved = PurePosixPath(*_normalise(target.parts))
            if _climbs_out(target) or resolved.as_posix() not in exists:
                found.append(f"{number}: {up.group(0)}")
        found += [f"{number}: {m.group(0)}" for m in _ABSOLUTE.finditer(line)]
        found += [
            f"{number}: {m.group(1)}"
            for m in _MARKDOWN.finditer(line)
            if not m.group(1).startswith("..") and PurePosixPath(m.group(1)).name not in basenames
        ]
    if name.endswith(".py"):
        found += [f"{n}: Path(__file__) {up} levels up" for n, up in _file_climbs(text, name)]
    return found


def _normalise(parts: tuple[str, ...]) -> list[str]:
    kept: list[str] = []
    for part in parts:
        if part == "..":
            if kept:
                kept.pop()
        elif part != ".":
            kept.append(part)
    return kept


def _file_climbs(source: str, name: str) -> Iterator[tuple[int, int]]:
    """Where ``source`` walks up from ``Path(__file__)`` past the root: each
    ``.parent`` is one level, ``.parents[k]`` is k + 1; a file at ``tests/x.py`` reaches
    the root two levels up."""
    allowed = len(PurePosixPath(name).parts)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute | ast.Subscript):
            levels = _up_levels(node)
            if levels is not None and levels > allowed:
                yield node.lineno, levels


def _up_levels(node: ast.expr) -> int | None:
    """How many levels up from the file ``node`` is, if it is a walk from ``__file__``."""
    if isinstance(node, ast.Call):
        if any(isinstance(a, ast.Name) and a.id == "__file__" for a in node.args):
            return 0
        return _up_levels(node.func.value) if isinstance(node.func, ast.Attribute) else None
    if isinstance(node, ast.Name):
        return 0 if node.id == "__file__" else None
    if isinstance(node, ast.Attribute):
        below = _up_levels(node.value)
        if below is None:
            return None
        return below + 1 if node.attr == "parent" else below
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "parents"
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, int)
    ):
        below = _up_levels(node.value.value)
        return None if below is None else below + node.slice.value + 1
    return None


def _texts() -> Iterator[tuple[str, str]]:
    for name in _tracked(*FOLDERS):
        try:
            yield name, (ROOT / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:  # an image
            continue


def _exists() -> frozenset[str]:
    names = set(_tracked())  # the whole repository: README.md, CHANGELOG.md too
    return frozenset(names | {p.as_posix() for n in names for p in PurePosixPath(n).parents})


class TestSelfContained:
    """No tracked file names a path outside the repository."""

    def test_no_tracked_file_names_a_path_outside_the_repository(self) -> None:
        exists = _exists()
        offences = {name: _outside(name, text, exists) for name, text in _texts()}
        assert {name: found for name, found in offences.items() if found} == {}

    def test_the_files_checked_include_every_folder(self) -> None:
        checked = {PurePosixPath(name).parts[0] for name in _tracked(*FOLDERS)}
        assert checked == set(FOLDERS)


SCHEMAS = ROOT / "tests" / "fixtures" / "schemas"


class TestVendoredSchemas:
    """The standards' schemas the export tests load are in the repository, exactly as
    published, each with its source and licence recorded."""

    def _recorded(self) -> dict[str, str]:
        """The SHA-256 of each file, from the table in the folder's README."""
        readme = (SCHEMAS / "README.md").read_text(encoding="utf-8")
        rows = re.findall(r"^\| `([^`]+\.json)` \| [\d,]+ \| `([0-9a-f]{64})` \|$", readme, re.M)
        return dict(rows)

    def test_the_folder_holds_exactly_the_schemas_the_tests_load(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # A fresh copy of the export tests' module, its loader recording what it opens,
        # asked for a validator for every schema name the tests check against.
        path = ROOT / "tests" / "test_exports.py"
        spec = importlib.util.spec_from_file_location("_schemas_loaded", path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        opened: set[str] = set()
        load = module._load

        def recording(*parts: str) -> object:
            opened.add("/".join(parts))
            return load(*parts)

        monkeypatch.setattr(module, "_load", recording)
        used = set(re.findall(r'\bproblems\("([\w-]+)"', path.read_text(encoding="utf-8")))
        assert len(used) >= 6
        for name in used:
            module._validator(name)
        assert opened == {p.relative_to(SCHEMAS).as_posix() for p in SCHEMAS.rglob("*.json")}

    def test_each_schema_is_byte_for_byte_the_published_file(self) -> None:
        recorded = self._recorded()
        held = {
            p.relative_to(SCHEMAS).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in SCHEMAS.rglob("*.json")
        }
        assert held == recorded

    def test_each_standard_has_its_licence_and_an_entry_in_the_readme(self) -> None:
        readme = (SCHEMAS / "README.md").read_text(encoding="utf-8")
        folders = sorted(p.name for p in SCHEMAS.iterdir() if p.is_dir())
        assert folders == ["360giving-1.4.3", "hsds-3.0", "ocds-1.1.5"]
        for folder in folders:
            assert (SCHEMAS / folder / "LICENSE").is_file()
            assert f"| `{folder}` |" in readme


# The examples are built from pieces, so this file names no such path itself.
_UP_TO = ".." + "/"
_MD = "." + "md"
DOC = "docs/x" + _MD


class TestTheChecker:
    """The check finds each way of naming a path outside, and passes what stays inside."""

    EXISTS = frozenset({"README.md", "docs", "docs/index.md", "tests", "tests/fixtures"})

    @pytest.mark.parametrize(
        ("name", "line"),
        [
            ("tests/test_x.py", f'"""read from ``{_UP_TO}beside/schemas`` next to it."""'),
            ("examples/x.py", f'"""Source: {_UP_TO}beside/seeds/003.txt (a case study)."""'),
            (DOC, f"See [the seeds]({_UP_TO}{_UP_TO}seeds/a.txt)."),
            (DOC, "The schemas in `" + "/home" + "/someone/schemas`."),
            (DOC, "A copy in " + "~" + "/schemas."),
            ("tests/test_x.py", 'S = Path(__file__).resolve().parents[2] / "beside"'),
            ("tests/test_x.py", "S = Path(__file__).resolve().parent.parent.parent"),
            ("tools/x.py", "S = Path(__file__).parents[1].parent"),
            ("src/psp/_x.py", f'"""Kinds of body (DOMAIN{_MD}, "Relationships")."""'),
            (DOC, f"The rules are in [the brief](notes/STYLE{_MD})."),
        ],
    )
    def test_a_path_outside_is_found(self, name: str, line: str) -> None:
        assert len(_outside(name, line + "\n", self.EXISTS)) == 1

    @pytest.mark.parametrize(
        ("name", "line"),
        [
            (DOC, f"See the [README]({_UP_TO}README.md) and [the index](index.md)."),
            ("tests/test_x.py", 'ROOT = Path(__file__).resolve().parent.parent / "docs"'),
            ("tests/test_x.py", "ROOT = Path(__file__).resolve().parents[1]"),
            ("tests/sub/test_x.py", f"F = Path(__file__).parents[2]  # {_UP_TO}fixtures"),
            (DOC, "The site: https://example.org/home/srv/ and a.b/tmp/x."),
            (DOC, "Wait... then ../, and 1..3."),
            (DOC, "See index.md, docs/index.md and https://example.org/other" + _MD),
        ],
    )
    def test_a_path_inside_passes(self, name: str, line: str) -> None:
        assert _outside(name, line + "\n", self.EXISTS) == []
