"""The README's two set-up commands are real: CI runs them word for word, in a fresh
clone with nothing beside it, and fails when they fail."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / ".ci" / "run"


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


def _logical_lines(script: str) -> list[str]:
    """The script's lines with backslash continuations joined."""
    return script.replace("\\\n", " ").splitlines()


def test_the_readme_has_exactly_two_set_up_commands() -> None:
    commands = _commands()
    assert len(commands) == 2
    assert commands[0].endswith("python examples/low_moss.py")
    assert commands[1].endswith("python -m pytest")


def test_ci_runs_both_commands_verbatim() -> None:
    ci = CI.read_text(encoding="utf-8")
    for command in _commands():
        assert command in ci


def test_ci_runs_them_in_a_fresh_clone_and_fails_when_any_part_fails() -> None:
    lines = _logical_lines(CI.read_text(encoding="utf-8"))

    def first(prefix: str) -> int:
        return next(i for i, line in enumerate(lines) if line.startswith(prefix))

    # A new empty folder, the clone in it, and every command run inside the clone.
    assert first('fresh="$(mktemp -d)"') < first('git clone -q --no-checkout "$checkout" "$fresh/')
    assert first("git clone") < first('cd "$fresh/psp"')
    for command in _commands():
        at = first(command)
        assert first('cd "$fresh/psp"') < at
        # set -e does not stop at a failure inside an && list: each list says what to do.
        assert '|| fail "' in lines[at]


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs a git checkout")
def test_ci_stops_with_an_error_when_a_readme_command_fails(tmp_path: Path) -> None:
    # A python3 that fails: the README's first command fails at its first step.
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    fake = bin_ / "python3"
    fake.write_text("#!/bin/sh\necho 'no python here' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    run = subprocess.run(
        ["bash", str(CI)],
        env={**os.environ, "PATH": f"{bin_}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1
    assert "== CI FAILED: the README's example command" in run.stderr
    assert "CI passed" not in run.stdout
    assert "the README's test command" not in run.stdout


def test_ci_runs_the_derandomised_profile() -> None:
    # The coverage gate never depends on which examples Hypothesis happens to draw.
    assert "export HYPOTHESIS_PROFILE=ci " in CI.read_text(encoding="utf-8")
    # (Whether "default" is derandomised depends on the environment: Hypothesis
    # derandomises its defaults when the CI variable is set.)
    assert settings.get_profile("ci").derandomize is True
