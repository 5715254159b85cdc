"""Shared test set-up: Hypothesis profiles, the seed examples as fixtures, and the
recorder of error codes (every refusal the suite makes carries a registered code)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from psp import ERROR_CODES, Partnership, PSPError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples"))

# No timed assertions: the deadline is off. "ci" derandomises so a red CI is reproducible
# and the coverage gate never depends on which examples are drawn (docs/testing.md);
# "thorough" is for a long local run (HYPOTHESIS_PROFILE=thorough).
settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=100,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", deadline=None, max_examples=2_000)
# The long fuzz run (docs/guarantees.md): HYPOTHESIS_PROFILE=fuzz-long python -m pytest
# tests/fuzz -p no:cacheprovider --no-cov; tests/fuzz/conftest.py's fuzz_settings scales
# each fuzz test's count. "mutmut" keeps each mutant's test run short.
settings.register_profile(
    "fuzz-long",
    deadline=None,
    max_examples=100,
    suppress_health_check=list(HealthCheck),
)
settings.register_profile(
    "mutmut",
    deadline=None,
    max_examples=10,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=os.environ.get("HYPOTHESIS_PROFILE") == "mutmut")
def _fresh_converter() -> None:
    """Under mutmut only: each test builds psp's cached converter and fast reader
    afresh, so a mutant of either is run by the tests that convert."""
    from psp._interchange import conversion as _conversion

    _conversion._converter.cache_clear()
    _conversion._fast_reader.cache_clear()


@pytest.fixture(scope="session")
def low_moss() -> Partnership:
    """The Low Moss PSP built by examples/low_moss.py from its case study."""
    import low_moss as example

    return example.build()


# -- every refusal the suite makes carries a code from the registry ------------------
# Each PSPError made while the tests run is noted (its class and code, once); at the end
# of the session, the run fails if one had a code psp.ERROR_CODES does not list, or was
# raised as another class than the registry names. tests/test_error_codes.py checks the
# source for the same; this checks what the suite actually raised.
SEEN_CODES: dict[tuple[type[PSPError], str], str] = {}  # (class, code) -> a message


@pytest.fixture(scope="session", autouse=True)
def _record_error_codes() -> Iterator[None]:
    made = PSPError.__init__

    def noting(self: PSPError, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        key = (type(self), str(self.code))
        if key not in SEEN_CODES:
            SEEN_CODES[key] = str(self)[:120]

    PSPError.__init__ = noting  # type: ignore[method-assign]
    try:
        yield
    finally:
        PSPError.__init__ = made  # type: ignore[method-assign]


def unregistered_codes() -> list[str]:
    """Each error the suite made whose code is not registered, or is raised as another
    class than the registry names, described in a line."""
    wrong = []
    for (cls, code), message in SEEN_CODES.items():
        entry = ERROR_CODES.get(code)
        if entry is None:
            why = "which psp.ERROR_CODES does not list"
        elif not issubclass(cls, entry.error):
            why = f"which the registry says is raised as {entry.error.__name__}"
        else:
            continue
        wrong.append(f"{cls.__name__} with code {code!r}, {why}: {message}")
    return wrong


# Under pytest-xdist each worker notes what its tests raised and hands its list to the
# controller (xdist's workeroutput), which reports them all at the end of its session.
WORKERS_UNREGISTERED: list[str] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    output = getattr(node, "workeroutput", {})
    WORKERS_UNREGISTERED.extend(output.get("unregistered_codes", []))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: the controller reports
        workeroutput["unregistered_codes"] = unregistered_codes()
        return
    wrong = sorted(set(unregistered_codes() + WORKERS_UNREGISTERED))
    if wrong:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.section("errors with unregistered codes", sep="=", red=True)
            for line in wrong:
                reporter.line(line, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
