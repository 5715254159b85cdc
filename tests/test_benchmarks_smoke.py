"""The benchmark harness (benchmarks/, issue 8) runs end to end at a tiny scale.

Only that it works is checked: every benchmark gives a positive median and every
target a row. No time is asserted; times on a shared machine are noise.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pydantic")
pytest.importorskip("msgspec")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/ is not installed

from benchmarks import run


def test_every_benchmark_gives_a_positive_median_and_every_target_a_row() -> None:
    report = run.run(run.Config.tiny())

    # Benchmarks needing an optional package that is missing (nx-parallel) say so.
    assert sorted([*report.summaries, *report.unavailable]) == sorted(run.BENCHMARKS)
    assert all(name.startswith("parallel.") for name in report.unavailable)
    assert all(summary.median > 0 for summary in report.summaries.values())
    assert [o.ratio.name for o in report.outcomes] == [r.name for r in run.RATIOS]
    table = run.format_report(report)
    assert all(f"| {r.name} |" in table for r in run.RATIOS)
    assert all(f"| {name} | {why} |" in table for name, why in report.unavailable.items())


def test_a_worst_target_is_its_largest_pairwise_ratio_and_names_it() -> None:
    # A sum of the six calls would let one that grows hide behind the five that do not.
    def summary(name: str, seconds: float) -> run.Summary:
        return run.Summary(name, "s", (seconds,))

    target = run.Ratio("t", ("a@many", "b@many"), ("a@few", "b@few"), 1.5, worst=True)
    times = {"a@many": 1.0, "b@many": 30.0, "a@few": 1.0, "b@few": 10.0}
    summaries = {name: summary(name, t) for name, t in times.items()}
    assert run._ratio(target, summaries, lambda s: s.median) == 3.0
    assert run._worst_of(target, summaries) == "b@many"
