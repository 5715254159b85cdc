"""The package's promises: its public namespace, its weight and its purity."""

from __future__ import annotations

import ast
import importlib.metadata
import pickle
import re
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

import psp
from psp import _namespace

SRC = Path(psp.__file__).parent
ROOT = Path(__file__).resolve().parent.parent
#: The name psp is published under (``psp`` on PyPI is an unrelated project); the import
#: name stays ``psp``.
DISTRIBUTION = "public-social-partnerships"


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
        # A package is its __init__.py: psp.testing is public, psp.testing._values is not.
        modules = {_module_name(p) for p in SRC.rglob("*.py")} - {""}
        public = sorted(m for m in modules if not any(n.startswith("_") for n in m.split(".")))
        assert public == ["plotting", "testing"]
        assert {m for m in modules if m.startswith("testing.")} != set()  # private ones

    def test_module_names_count_a_package_as_its_init(self) -> None:
        assert _module_name(SRC / "testing" / "__init__.py") == "testing"
        assert _module_name(SRC / "testing" / "_values.py") == "testing._values"
        assert _module_name(SRC / "_base" / "errors.py") == "_base.errors"
        assert _module_name(SRC / "__init__.py") == ""

    def test_ships_py_typed(self) -> None:
        assert (SRC / "py.typed").is_file()


def _module_name(path: Path) -> str:
    """``testing/_values.py`` -> ``testing._values``; a package's ``__init__.py`` is the
    package (``testing``), and psp's own is ``""``."""
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


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

    def test_psp_testing_without_hypothesis_names_the_extra_to_install(self) -> None:
        # A None in sys.modules is how Python blocks an import: as if not installed.
        shown = _fresh(
            "import sys\n"
            "sys.modules['hypothesis'] = None\n"
            "import psp\n"
            "psp.Partnership\n"  # psp itself needs no hypothesis
            "try:\n"
            "    import psp.testing\n"
            "except ImportError as e:\n"
            "    print(type(e).__name__, e.name, repr(type(e.__cause__).__name__))\n"
            "    print(e)\n"
            "print('psp.testing' in sys.modules)"
        )
        assert shown.splitlines() == [
            "ModuleNotFoundError hypothesis 'ModuleNotFoundError'",
            'psp.testing needs Hypothesis: pip install "public-social-partnerships[testing]"'
            " (importing hypothesis failed: import of hypothesis halted; None in sys.modules)",
            "False",
        ]

    def test_psp_testing_with_a_broken_hypothesis_says_why(self, tmp_path: Path) -> None:
        # Installed but failing to import: an ImportError with the same advice and cause.
        (tmp_path / "hypothesis").mkdir()
        (tmp_path / "hypothesis" / "__init__.py").write_text("raise ImportError('broken')\n")
        shown = _fresh(
            f"import sys\nsys.path.insert(0, {str(tmp_path)!r})\n"
            "try:\n"
            "    import psp.testing\n"
            "except ImportError as e:\n"
            "    print(type(e).__name__, e)"
        )
        assert shown == (
            'ImportError psp.testing needs Hypothesis: pip install "public-social-partnerships'
            '[testing]" (importing hypothesis failed: broken)'
        )


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
            "names = ('attrs', 'psp._namespace', 'psp._aggregate.partnership', 'networkx')\n"
            "print([m for m in names if m in sys.modules])"
        )
        assert loaded == "['attrs', 'psp._namespace', 'psp._aggregate.partnership']"

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
        data = pickle.dumps(psp.RuleViolationError("roles", "lead", "a reason", code="second-lead"))
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
            path.relative_to(SRC).as_posix(): _io_offences(path.read_text(encoding="utf-8"))
            for path in sorted(SRC.rglob("*.py"))
        }
        assert {k: v for k, v in offences.items() if v} == {}

    def test_the_checker_catches_each_kind_of_io(self) -> None:
        source = "import os\nfrom pathlib import Path\nopen('x')\ndatetime.date.today()\n"
        assert _io_offences(source) == ["1: os", "2: pathlib", "3: open", "4: today"]


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


class TestVersion:
    """``psp.__version__`` is the package's version, written once: a literal in
    ``psp/__init__.py`` that the build reads. Importing psp reads no file nor metadata."""

    def test_version_is_the_installed_distributions(self) -> None:
        assert psp.__version__ == importlib.metadata.version(DISTRIBUTION)

    def test_version_is_a_pep_440_version(self) -> None:
        # The public version pattern of PEP 440 (no local part).
        pep440 = r"(\d+!)?\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?"
        assert re.fullmatch(pep440, psp.__version__)

    def test_pyproject_takes_the_version_from_psp(self) -> None:
        pyproject = _pyproject()
        project = pyproject["project"]
        assert isinstance(project, dict)
        assert "version" not in project
        assert project["dynamic"] == ["version"]
        tool = pyproject["tool"]
        assert isinstance(tool, dict)
        assert tool["hatch"]["version"] == {"path": "src/psp/__init__.py"}

    def test_the_version_is_a_literal_the_build_can_read(self) -> None:
        # Hatchling's regex source reads ``__version__ = "..."`` from the file's text.
        source = (SRC / "__init__.py").read_text(encoding="utf-8")
        assert re.findall(r'^__version__ = "([^"]+)"$', source, re.M) == [psp.__version__]

    def test_reading_it_reads_no_metadata_and_loads_nothing(self) -> None:
        shown = _fresh(
            "import sys, importlib.metadata as m\n"
            "def refuse(*args, **kwargs):\n"
            "    raise AssertionError('psp read package metadata')\n"
            "for name in ('version', 'metadata', 'distribution', 'distributions', 'files'):\n"
            "    setattr(m, name, refuse)\n"
            "import psp\n"
            "print(psp.__version__, sorted(n for n in sys.modules if n.startswith('psp')))"
        )
        assert shown == f"{psp.__version__} ['psp']"

    def test_it_is_not_a_public_name_of_the_namespace(self) -> None:
        # A dunder beside __all__, as in attrs: not exported by ``from psp import *``.
        assert "__version__" not in psp.__all__
        assert "__version__" in vars(psp)


class TestDistribution:
    """psp is published as ``public-social-partnerships`` (``psp`` on PyPI is an
    unrelated colour-printer project), and every install shown says so."""

    def test_the_distribution_name_is_its_own(self) -> None:
        project = _pyproject()["project"]
        assert isinstance(project, dict)
        assert project["name"] == DISTRIBUTION
        assert importlib.metadata.metadata(DISTRIBUTION)["Name"] == DISTRIBUTION

    def test_the_extras_name_the_distribution(self) -> None:
        project = _pyproject()["project"]
        assert isinstance(project, dict)
        extras = project["optional-dependencies"]
        assert isinstance(extras, dict)
        # The extras that gather others (test, dev) name this project: by its own name.
        own = [
            r for reqs in extras.values() for r in reqs if r.split("[")[0] in {"psp", DISTRIBUTION}
        ]
        assert len(own) == 5
        assert all(r.startswith(f"{DISTRIBUTION}[") for r in own)

    def test_no_shipped_text_installs_another_projects_psp(self) -> None:
        offences = {
            name: _psp_installs(text) for name, text in _shipped_texts() if _psp_installs(text)
        }
        assert offences == {}

    @pytest.mark.parametrize(
        "line",
        [
            "Install them with `pip install " + "psp[testing]`.",
            "python -m pip install " + "psp",
            "pip install -U '" + "psp[plot]'",
            '"' + "psp[docs]" + '",',
            "uv add " + "psp",
        ],
    )
    def test_the_check_finds_an_install_of_psp(self, line: str) -> None:
        assert _psp_installs(line) != []

    @pytest.mark.parametrize(
        "line",
        [
            f"pip install {DISTRIBUTION}[testing]",
            f"pip install '{DISTRIBUTION}[plot]'",
            'python -m pip install -e ".[test]"',
            "import psp; psp.Partner",
            "pip install psp-like-thing",
        ],
    )
    def test_the_check_passes_other_installs(self, line: str) -> None:
        assert _psp_installs(line) == []


# ``pip install psp`` (with options, quotes, extras) or ``uv add psp``, or the name
# ``psp[extra]`` as a requirement, but not ``psp-other`` nor ``public-social-partnerships``.
_INSTALL = re.compile(
    r"(?:pip install|uv add|uv pip install)(?:\s+-\S+)*\s+['\"]?psp(?![\w.-])"
    r"|(?<![\w./-])psp\[[\w,\s]+\]"
)


def _psp_installs(text: str) -> list[str]:
    return [m.group(0) for m in _INSTALL.finditer(text)]


def _shipped_texts() -> list[tuple[str, str]]:
    """Every text a user reads or runs: README, pyproject, mkdocs.yml, docs, the
    package's source, examples (the notebook too), tools, benchmarks and CI. Not the
    CHANGELOG (history) nor the tests."""
    names = ["README.md", "pyproject.toml", "mkdocs.yml", ".ci/run", "benchmarks/README.md"]
    paths = [ROOT / n for n in names]
    for folder, pattern in [
        ("docs", "*.md"),
        ("src", "*.py"),
        ("examples", "*.py"),
        ("examples", "*.ipynb"),
        ("tools", "*.py"),
        ("benchmarks", "*.py"),
    ]:
        paths += sorted((ROOT / folder).rglob(pattern))
    return [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8")) for p in paths]
