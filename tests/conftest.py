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

# No timed assertions: the deadline is off. "ci" derandomises so a red CI is reproducible;
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
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def low_moss() -> Partnership:
    """The Low Moss PSP built by examples/low_moss.py from its case study."""
    import low_moss as example

    return example.build()
