"""Many threads at once on shared objects give what one thread gives.

psp's objects are immutable and its converter is built once and then only read, so
threads may share them freely. These tests run the same operations (converting,
querying, graph building, and commands that fork one shared partnership, whose
histories share storage) from one thread and then from eight at once, in shuffled
order with a tiny switch interval, and compare every result. No timing is asserted.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest

import psp
from psp import Partner, Partnership, Step

THREADS = 8
ROUNDS = 300  # operations per thread

Task = Callable[[], Any]


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Make the interpreter switch threads as often as it can."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=False, default=repr)


def tasks(p: Partnership) -> dict[str, Task]:
    """Named operations on the shared partnership ``p``, each returning plain data."""
    doc = psp.to_data(p)
    text = json.dumps(doc)
    day = p.last_event_date or date(2012, 4, 1)
    portfolio = psp.Portfolio("fund", "A fund", [p])

    def fork(i: int) -> Task:
        # Every thread extends the same partnership with its own organisation: each
        # result holds exactly p's history and its own one event.
        def run() -> Any:
            q = p.add_organisation(Partner(f"new-{i}", f"New {i}", "third"), on=day)
            return [len(q.history), psp.to_data(q.history[-1]), len(p.history)]

        return run

    def chain(i: int) -> Task:
        def run() -> Any:
            q = p
            for k in range(3):
                q = q.add_organisation(Partner(f"c{i}-{k}", f"C {i} {k}", "third"), on=day)
            return psp.to_data(q)["history"][len(p.history) :]

        return run

    def refused() -> Any:
        try:
            p.join("nobody-knows-me", on=day)
        except psp.PSPError as e:
            return [type(e).__name__, str(e), psp.to_data(p) == doc]
        return "accepted"

    def step() -> Any:
        close = p.step(Step.CLOSE, on=day, reason="merged").partnership
        return [close.stage.value, len(close.history)]

    def graph() -> Any:
        g = psp.partner_graph(p)
        return [list(g.nodes(data=True)), list(g.edges(data=True))]

    named: dict[str, Task] = {
        "to_data": lambda: psp.to_data(p),
        "from_data": lambda: psp.to_data(psp.from_data(json.loads(text), Partnership)),
        "round trip equal": lambda: psp.from_data(doc, Partnership) == p,
        "members": lambda: [m.id for m in p.members()],
        "members on": lambda: [m.id for m in p.members(date(2012, 6, 1))],
        "sector balance": lambda: psp.to_data(p.sector_balance()),
        "findings": lambda: [psp.to_data(f) for f in psp.Policy.rrcf().check(p)],
        "blockers": lambda: [psp.to_data(f) for s in Step for f in p.blockers(s)],
        "roles": lambda: {r.value: [m.id for m in ms] for r, ms in p.members_by_role().items()},
        "portfolio": lambda: psp.to_data(portfolio),
        "graph": graph,
        "refused": refused,
        "step": step,
    }
    named |= {f"fork {i}": fork(i) for i in range(THREADS)}
    named |= {f"chain {i}": chain(i) for i in range(THREADS)}
    return named


def run_concurrently(named: dict[str, Task]) -> list[tuple[str, str]]:
    """Each thread runs ROUNDS operations, drawn in its own shuffled order."""

    def worker(seed: int) -> list[tuple[str, str]]:
        rng = random.Random(seed)
        names = [rng.choice(list(named)) for _ in range(ROUNDS)]
        return [(name, canonical(named[name]())) for name in names]

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = pool.map(worker, range(THREADS))
    return [r for rs in results for r in rs]


class TestConcurrency:
    """Shared objects under eight threads: the same results as one thread."""

    def test_shared_partnership(self, low_moss: Partnership, busy_switching: None) -> None:
        # A fresh partnership, so the first commands race to grow its shared history.
        p = psp.from_data(psp.to_data(low_moss), Partnership)
        named = tasks(p)
        expected = {name: canonical(task()) for name, task in named.items()}
        results = run_concurrently(named)
        assert len(results) == THREADS * ROUNDS
        mismatches = [name for name, got in results if got != expected[name]]
        assert mismatches == []
        # And after all that, the shared partnership is as it was.
        assert psp.to_data(p) == psp.to_data(low_moss)
        assert len(p.history) == len(low_moss.history)

    def test_forks_from_many_threads_keep_their_own_histories(
        self, low_moss: Partnership, busy_switching: None
    ) -> None:
        base = psp.from_data(psp.to_data(low_moss), Partnership)
        day = base.last_event_date
        assert day is not None

        def grow(i: int) -> list[Partnership]:
            made = []
            q = base
            for k in range(50):
                q = q.add_organisation(Partner(f"t{i}-{k}", f"T {i} {k}", "third"), on=day)
                made.append(q)
            return made

        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            grown = list(pool.map(grow, range(THREADS)))
        prefix = psp.to_data(base)["history"]
        for i, made in enumerate(grown):
            for k, q in enumerate(made):
                history = psp.to_data(q)["history"]
                assert history[: len(prefix)] == prefix
                added = [e["partner"]["id"] for e in history[len(prefix) :]]
                assert added == [f"t{i}-{j}" for j in range(k + 1)]
        assert psp.to_data(base)["history"] == prefix

    def test_documents_read_from_many_threads(self, busy_switching: None) -> None:
        # The converter's hooks are built once and shared; reading and refusing from
        # many threads gives the same objects and the same problems.
        good = psp.to_data(Partner("a", "A", "third", areas={"Fife"}))
        bad = {**good, "sector": "voluntary", "extra": 1}

        def read(doc: Any) -> str:
            try:
                return canonical(psp.to_data(psp.from_data(doc, Partner)))
            except psp.ConversionError as e:
                return canonical([str(x) for x in e.problems])

        expected = [read(good), read(bad)]
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            got = list(pool.map(lambda i: read(good if i % 2 == 0 else bad), range(2_000)))
        assert got == [expected[i % 2] for i in range(2_000)]
