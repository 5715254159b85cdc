"""The README's two set-up commands are real: CI runs them word for word."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


def test_the_readme_has_exactly_two_set_up_commands() -> None:
    commands = _commands()
    assert len(commands) == 2
    assert commands[0].endswith("python examples/low_moss.py")
    assert commands[1].endswith("python -m pytest")


def test_ci_runs_both_commands_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in _commands():
        assert command in ci
