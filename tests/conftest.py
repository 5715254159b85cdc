"""Shared test set-up: Hypothesis profiles and the seed examples as fixtures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from psp import Partnership

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
