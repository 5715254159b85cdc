"""psp's benchmarks: ``python benchmarks/run.py`` (add ``--quick`` for the CI-sized run).

Builds the data sets (``data.py``, fixed seeds), checks that the peers (``peers.py``)
read and write the same data and refuse the same broken data as psp, runs every
registered benchmark several rounds (interleaved, so drift on a shared machine hits
them alike), and prints a table of medians and of the ratios measured in this run,
each against its target. Absolute times are noise; the ratios are what we track.

Adding a benchmark is one function::

    @timed("convert.load.psp")
    def _(config: Config) -> Callable[[], object]:
        data = portfolio_data(config.shape)  # set-up, not timed
        return lambda: [psp.from_data(d, psp.Partnership) for d in data]  # timed

and a target is one line: ``ratio("name", "numerator", "denominator", at_most=0.8)``.
``@sampled`` registers a benchmark that measures itself (it returns one sample per
call: seconds, bytes, ...), for what a stopwatch around a call cannot measure. A set-up
raises :class:`Unavailable` when what it needs is missing (an optional package): the
benchmark and its targets are then reported as such, not timed. A set-up calls
:func:`note` to add a line to the report (e.g. what it checked about its peer).
"""

from __future__ import annotations

import argparse
import fnmatch
import functools
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeAlias, cast

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import msgspec
import networkx as nx
import pydantic

import psp
from benchmarks import data, peers, scale

__all__ = [
    "BENCHMARKS",
    "RATIOS",
    "Config",
    "PeersOutOfDateError",
    "Report",
    "Unavailable",
    "check_peers",
    "format_report",
    "main",
    "note",
    "ratio",
    "run",
    "sampled",
    "timed",
]

# -- configuration ------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """How big and how long a run is. ``shape`` is the 1x data set; growth compares it
    with ``shape.scaled(1 / growth)``; lifecycle compares a command on histories of
    ``short_history`` and ``long_history`` events, and a guard query on partnerships of
    ``members`` and ``growth * members`` members (``guard_calls`` queries a sample);
    command cost compares four commands on partnerships with ``few`` and ``many`` of
    each dimension (events, organisations, members, links, seats); betweenness
    centrality samples ``betweenness_k`` sources."""

    name: str
    shape: data.Shape
    rounds: int = 5
    growth: int = 10
    short_history: int = 10
    long_history: int = 10_000
    commands: int = 500  # commands per lifecycle sample
    few: int = 10  # of one dimension, for the command-cost targets
    many: int = 10_000
    import_rounds: int = 7
    members: int = 1_000
    guard_calls: int = 20
    betweenness_k: int = 100
    seed: int = data.SEED

    @classmethod
    def full(cls) -> Config:
        return cls("full", data.FULL)

    @classmethod
    def quick(cls) -> Config:
        return cls(
            "quick",
            data.Shape(partnerships=40, memberships=50, links=10),
            rounds=3,
            long_history=2_000,
            commands=200,
            many=2_000,
            import_rounds=3,
            members=200,
            betweenness_k=20,
        )

    @classmethod
    def tiny(cls) -> Config:
        """For the smoke test: every code path, a few seconds in all."""
        return cls(
            "tiny",
            data.Shape(partnerships=10, memberships=10, links=2),
            rounds=1,
            long_history=200,
            commands=20,
            import_rounds=1,
            members=20,
            guard_calls=5,
            many=200,
            betweenness_k=10,
        )


# -- the registry -------------------------------------------------------------------------

Sampler = Callable[[], float]


@dataclass(frozen=True)
class Benchmark:
    """One registered benchmark: ``setup(config)`` returns a sampler, each call of
    which returns one sample in ``unit``."""

    name: str
    setup: Callable[[Config], Sampler]
    unit: str = "s"
    rounds: Callable[[Config], int] = lambda c: c.rounds


@dataclass(frozen=True)
class Ratio:
    """A target: the sum of the ``numerator`` medians over the sum of the ``denominator``
    medians (or the numerator alone, with no denominator) is at most ``at_most``. With
    ``worst``, the value is instead the largest of the pairwise ratios (the i-th
    numerator's median over the i-th denominator's), so that no one of them can hide
    behind the others."""

    name: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    at_most: float | None
    meaning: str = ""
    unit: str = ""  # "B" for bytes; ratios have none
    worst: bool = False


BENCHMARKS: dict[str, Benchmark] = {}
RATIOS: list[Ratio] = []
_NOTES: list[str] = []


class Unavailable(Exception):  # noqa: N818 (a verdict, not an error: the run goes on)
    """Raised by a set-up when what its benchmark needs is missing here (say, an
    optional package): the report lists the benchmark, and the targets using it, with
    this message in place of a time."""


def note(line: str) -> None:
    """Add ``line`` to the report of the current run (set-ups call it)."""
    _NOTES.append(line)


def sampled(
    name: str, *, unit: str = "s", rounds: Callable[[Config], int] | None = None
) -> Callable[[Callable[[Config], Sampler]], Callable[[Config], Sampler]]:
    """Register ``setup(config) -> sampler``; each sampler call returns one sample."""

    def register(setup: Callable[[Config], Sampler]) -> Callable[[Config], Sampler]:
        if name in BENCHMARKS:
            raise ValueError(f"benchmark {name!r} is registered twice")
        BENCHMARKS[name] = Benchmark(name, setup, unit, rounds or Benchmark.rounds)
        return setup

    return register


class _FullCollections:
    """Seconds CPython's garbage collector spends in full (oldest-generation)
    collections, counted through ``gc.callbacks`` while a timed sample runs.

    Full collections scan every tracked object; CPython starts one when the objects
    that survived younger collections have grown by a quarter, so whether one falls
    inside a run depends on how much that run has allocated (a small run may finish
    before its first). The report shows them apart, as part of the time.
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._began


_FULL_GC: dict[str, list[float]] = {}  # benchmark name: seconds of full collections a sample


def timed(
    name: str,
    *,
    per: Callable[[Config], int] | None = None,
    rounds: Callable[[Config], int] | None = None,
) -> Callable[[Callable[[Config], Callable[[], object]]], Callable[[Config], Sampler]]:
    """Register ``setup(config) -> thunk``; a sample is the wall time of one thunk call
    (divided by ``per(config)`` when the thunk repeats an operation that many times).
    The seconds of full garbage collections within each call are kept beside it."""

    def register(setup: Callable[[Config], Callable[[], object]]) -> Callable[[Config], Sampler]:
        def make(config: Config) -> Sampler:
            thunk = setup(config)
            count = 1 if per is None else per(config)
            full_gc = _FULL_GC[name] = []

            def sample() -> float:
                collections = _FullCollections()
                gc.callbacks.append(collections)
                try:
                    start = time.perf_counter()
                    thunk()
                    elapsed = time.perf_counter() - start
                finally:
                    gc.callbacks.remove(collections)
                full_gc.append(collections.seconds / count)
                return elapsed / count

            return sample

        return sampled(name, rounds=rounds)(make)

    return register


def ratio(
    name: str,
    numerator: str | tuple[str, ...],
    denominator: str | tuple[str, ...] = (),
    *,
    at_most: float | None,
    meaning: str = "",
    unit: str = "",
    worst: bool = False,
) -> None:
    """Register a target row (see :class:`Ratio`)."""

    def as_tuple(names: str | tuple[str, ...]) -> tuple[str, ...]:
        return (names,) if isinstance(names, str) else names

    t = Ratio(name, as_tuple(numerator), as_tuple(denominator), at_most, meaning, unit, worst)
    if worst and len(t.numerator) != len(t.denominator):
        raise ValueError(f"{name!r}: the worst of pairwise ratios needs as many of each")
    RATIOS.append(t)


# -- data sets, built once per run ----------------------------------------------------------


@functools.cache
def portfolio_data(shape: data.Shape, seed: int) -> Any:
    return psp.to_data(data.portfolio(shape, seed))


@functools.cache
def long_history(events: int, seed: int) -> psp.Partnership:
    return data.long_history(events, seed)


def _small(config: Config) -> data.Shape:
    return config.shape.scaled(1 / config.growth)


# -- conversion (target 1) and its growth (target 4) -------------------------------------------


def _psp_load(plain: Any) -> psp.Portfolio:
    return psp.from_data(plain, psp.Portfolio)


def _first(plain: dict[str, Any]) -> dict[str, Any]:
    """The portfolio's plain data cut down to its first partnership, for warming up."""
    return {**plain, "partnerships": plain["partnerships"][:1], "links": []}


def _conversion(
    name: str,
    load: Callable[[Any], Any],
    dump: Callable[[Any], Any],
    shape: Callable[[Config], data.Shape] = lambda c: c.shape,
) -> None:
    @timed(f"convert.load.{name}")
    def _load(config: Config) -> Callable[[], object]:
        plain = portfolio_data(shape(config), config.seed)
        load(_first(plain))  # warm up: hooks and schemas are built on first use
        return lambda: load(plain)

    @timed(f"convert.dump.{name}")
    def _dump(config: Config) -> Callable[[], object]:
        plain = portfolio_data(shape(config), config.seed)
        dump(load(_first(plain)))
        objects = load(plain)
        return lambda: dump(objects)


_conversion("psp", _psp_load, psp.to_data)
_conversion("pydantic", peers.pydantic_load, peers.pydantic_dump)
_conversion("msgspec", peers.msgspec_load, peers.msgspec_dump)
_conversion("psp@1/10", _psp_load, psp.to_data, _small)

_PSP_ROUND_TRIP = ("convert.load.psp", "convert.dump.psp")
ratio(
    "conversion psp / pydantic",
    _PSP_ROUND_TRIP,
    ("convert.load.pydantic", "convert.dump.pydantic"),
    at_most=0.8,
    meaning="plain data -> objects -> plain data, same data set, same checks",
)
ratio(
    "conversion psp / msgspec",
    _PSP_ROUND_TRIP,
    ("convert.load.msgspec", "convert.dump.msgspec"),
    at_most=4.0,
    meaning="the same round trip against msgspec.convert / to_builtins",
)
ratio(
    "growth: conversion 10x / 1x",
    _PSP_ROUND_TRIP,
    ("convert.load.psp@1/10", "convert.dump.psp@1/10"),
    at_most=12.0,
    meaning="round trip of 10x as many partnerships",
)


# -- construction through commands (target 4) --------------------------------------------------


@timed("construct.portfolio")
def _construct(config: Config) -> Callable[[], object]:
    return lambda: data.portfolio(config.shape, config.seed)


@timed("construct.portfolio@1/10")
def _construct_small(config: Config) -> Callable[[], object]:
    return lambda: data.portfolio(_small(config), config.seed)


@timed("construct.history")
def _construct_history(config: Config) -> Callable[[], object]:
    return lambda: data.long_history(config.long_history, config.seed)


@timed("construct.history@1/10")
def _construct_history_small(config: Config) -> Callable[[], object]:
    return lambda: data.long_history(config.long_history // config.growth, config.seed)


@timed("convert.history")
def _convert_history(config: Config) -> Callable[[], object]:
    plain = psp.to_data(long_history(config.long_history, config.seed))
    return lambda: psp.to_data(psp.from_data(plain, psp.Partnership))


@timed("convert.history@1/10")
def _convert_history_small(config: Config) -> Callable[[], object]:
    plain = psp.to_data(long_history(config.long_history // config.growth, config.seed))
    return lambda: psp.to_data(psp.from_data(plain, psp.Partnership))


def _stored_rows(events: int, seed: int) -> tuple[dict[str, Any], list[Any]]:
    """A partnership as a store of events keeps it: its identity, and one row of plain
    data per event (``psp.to_data(event)``, tag included)."""
    p = long_history(events, seed)
    identity = {"id": p.id, "name": p.name, "focus": p.focus, "scope": p.scope}
    return identity, [psp.to_data(e) for e in p.events_since(0)]


def _read_events(events: int, seed: int) -> Callable[[], object]:
    identity, rows = _stored_rows(events, seed)
    expected = long_history(events, seed)
    if psp.Partnership(**identity, history=[psp.from_data(r, psp.Event) for r in rows]) != expected:
        raise AssertionError("the stored events read back as another partnership")

    def read() -> psp.Partnership:
        return psp.Partnership(**identity, history=[psp.from_data(r, psp.Event) for r in rows])

    return read


@timed("read.events", per=lambda c: c.long_history)
def _read_events_long(config: Config) -> Callable[[], object]:
    return _read_events(config.long_history, config.seed)


@timed("read.events@1/10", per=lambda c: c.long_history // c.growth)
def _read_events_short(config: Config) -> Callable[[], object]:
    return _read_events(config.long_history // config.growth, config.seed)


ratio(
    "growth: reading from events, per event, 10x / 1x",
    "read.events",
    "read.events@1/10",
    at_most=1.5,
    meaning="the time per event to read a partnership back from its stored events "
    "(from_data of each row, then the replay), 10,000 events over 1,000: linear is 1",
)


ratio(
    "growth: construction 10x / 1x",
    "construct.portfolio",
    "construct.portfolio@1/10",
    at_most=12.0,
    meaning="building 10x as many partnerships through commands",
)
ratio(
    "growth: history construction 10x / 1x",
    "construct.history",
    "construct.history@1/10",
    at_most=12.0,
    meaning="one partnership, 10x as many commands",
)
ratio(
    "growth: history conversion 10x / 1x",
    "convert.history",
    "convert.history@1/10",
    at_most=12.0,
    meaning="round trip of one partnership with 10x the events",
)


# -- one command on a short and a long history (target 3) --------------------------------------


def _command(name: str, events: Callable[[Config], int]) -> None:
    def setup(config: Config, command: str) -> Callable[[], object]:
        base = long_history(events(config), config.seed)
        day = base.last_event_date
        assert day is not None
        on = day + timedelta(days=1)
        member = base.memberships_on()[0].partner_id
        step: Callable[[], psp.Partnership]
        if command == "join":  # org-00000 is known and never a member (data.long_history)
            step = lambda: base.join("org-00000", roles={psp.Role.SUPPORT}, on=on)  # noqa: E731
        else:
            step = lambda: base.leave(member, on=on)  # noqa: E731
        step()  # refused commands raise here, not inside the timing

        def repeat() -> None:
            for _ in range(config.commands):
                step()

        return repeat

    for command in ("join", "leave"):
        # Cheap and noisy: three times the rounds.
        timed(f"command.{command}@{name}", per=lambda c: c.commands, rounds=lambda c: 3 * c.rounds)(
            functools.partial(setup, command=command)
        )


_command("short", lambda c: c.short_history)
_command("long", lambda c: c.long_history)
for _cmd in ("join", "leave"):
    ratio(
        f"lifecycle: {_cmd} on long / short history",
        f"command.{_cmd}@long",
        f"command.{_cmd}@short",
        at_most=2.0,
        meaning="one command on a 10,000-event history against a 10-event one",
    )


# -- one command at 10 and at 10,000 of each dimension (target 3) ------------------------------


@functools.cache
def sized_partnership(dimension: str, n: int, seed: int) -> psp.Partnership:
    return scale.sized_partnership(dimension, n, seed)


def _sized_command(
    config: Config, dimension: str, many: bool, command: str
) -> Callable[[], object]:
    n = config.many if many else config.few
    step = scale.command_calls(sized_partnership(dimension, n, config.seed))[command]
    step()  # refused commands raise here, not inside the timing

    def repeat() -> None:
        for _ in range(config.commands):
            step()

    return repeat


_COMMANDS = ("join", "change_roles", "leave", "link", "extend", "events_since")
for _dimension in scale.DIMENSIONS:
    for _size in ("few", "many"):
        for _cmd in _COMMANDS:
            timed(
                f"command.{_cmd}@{_size}-{_dimension}",
                per=lambda c: c.commands,
                rounds=lambda c: 3 * c.rounds,  # cheap and noisy, like the commands above
            )(
                functools.partial(
                    _sized_command,
                    dimension=_dimension,
                    many=_size == "many",
                    command=_cmd,
                )
            )
    ratio(
        f"command cost: many / few {_dimension} (worst command)",
        tuple(f"command.{c}@many-{_dimension}" for c in _COMMANDS),
        tuple(f"command.{c}@few-{_dimension}" for c in _COMMANDS),
        at_most=1.5,
        worst=True,
        meaning=f"join, change_roles, leave, link, extend and events_since on a partnership "
        f"with 10,000 {_dimension} against one with 10 (the worst of the six ratios)",
    )


# -- import time (target 5) --------------------------------------------------------------------


def _import(module: str, then: str = "") -> Callable[[Config], Sampler]:
    """Time ``import module`` in a fresh interpreter, and ``then`` (a statement) with it."""
    statement = f"import {module}; {then}" if then else f"import {module}"
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    # With bytecode caches, as users have them: an editable psp would otherwise be
    # compiled on every import where PYTHONDONTWRITEBYTECODE is set, networkx not.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def setup(config: Config) -> Sampler:
        def sample() -> float:
            out = subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
            )
            return float(out.stdout)

        sample()  # warm up: write the bytecode caches, fill the OS file cache
        return sample

    return setup


sampled("import.psp", rounds=lambda c: c.import_rounds)(_import("psp"))
# psp's namespace loads on the first public name used (psp/__init__.py): this benchmark
# times that first use too, so the cost moved out of `import psp` is shown, not hidden.
sampled("import.psp+first-name", rounds=lambda c: c.import_rounds)(
    _import("psp", then="psp.Partnership")
)
sampled("import.networkx", rounds=lambda c: c.import_rounds)(_import("networkx"))
ratio(
    "import psp / import networkx",
    "import.psp",
    "import.networkx",
    at_most=0.35,
    meaning="each in a fresh interpreter",
)
ratio(
    "import psp + first name / import networkx",
    "import.psp+first-name",
    "import.networkx",
    at_most=None,
    meaning="import psp; psp.Partnership (which loads the whole namespace) against "
    "import networkx, each in a fresh interpreter; reported, no target",
)


# -- memory (target 6) -------------------------------------------------------------------------


def _peak_per_membership(build: Callable[[], object], memberships: int) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        kept = build()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del kept
    return peak / memberships


@sampled("memory.construct", unit="B", rounds=lambda c: 1)
def _memory_construct(config: Config) -> Sampler:
    return lambda: _peak_per_membership(
        lambda: data.portfolio(config.shape, config.seed), config.shape.total_memberships
    )


@sampled("memory.load", unit="B", rounds=lambda c: 1)
def _memory_load(config: Config) -> Sampler:
    plain = portfolio_data(config.shape, config.seed)
    return lambda: _peak_per_membership(lambda: _psp_load(plain), config.shape.total_memberships)


ratio(
    "memory: peak bytes per membership, construction",
    "memory.construct",
    at_most=1024,
    meaning="tracemalloc peak building the data set / memberships",
    unit="B",
)
ratio(
    "memory: peak bytes per membership, from_data",
    "memory.load",
    at_most=1024,
    meaning="tracemalloc peak reading the data set / memberships",
    unit="B",
)


# -- the partner graph (target 2), the analyses, and their growth (target 4) -------------------


@functools.cache
def portfolio(shape: data.Shape, seed: int) -> psp.Portfolio:
    return _psp_load(portfolio_data(shape, seed))


@functools.cache
def partner_graph(shape: data.Shape, seed: int) -> nx.MultiDiGraph[str]:
    return psp.partner_graph(portfolio(shape, seed))


def _scaled(config: Config, divisor: int) -> data.Shape:
    return config.shape if divisor == 1 else config.shape.scaled(1 / divisor)


def _at(divisor: int) -> str:
    return "" if divisor == 1 else f"@1/{divisor}"


def _graph_psp(config: Config, divisor: int) -> Callable[[], object]:
    fund = portfolio(_scaled(config, divisor), config.seed)
    psp.partner_graph(fund.partnerships[0])  # warm up: networkx is imported on first use
    return lambda: psp.partner_graph(fund)


timed("graph.psp")(functools.partial(_graph_psp, divisor=1))
timed("graph.psp@1/10")(functools.partial(_graph_psp, divisor=10))


@timed("graph.networkx")
def _graph_networkx(config: Config) -> Callable[[], object]:
    ours = partner_graph(config.shape, config.seed)
    lists = scale.networkx_peer(ours)  # set-up: the lists a user would hand networkx
    problems = scale.graph_differences(ours, scale.build(lists))
    if problems:
        raise PeersOutOfDateError(
            "the networkx peer no longer builds psp.partner_graph's graph: " + "; ".join(problems)
        )
    note(
        f"graph: networkx's add_nodes_from/add_edges_from build psp.partner_graph's graph "
        f"from prepared lists ({ours.number_of_nodes():,} nodes, "
        f"{ours.number_of_edges():,} edges; same attributes, keys and order)"
    )
    return lambda: scale.build(lists)


ratio(
    "graph: partner_graph / networkx",
    "graph.psp",
    "graph.networkx",
    at_most=1.5,
    meaning="psp.partner_graph(portfolio) against networkx building the same MultiDiGraph "
    "from prepared node and edge lists",
)
ratio(
    "growth: graph 10x / 1x",
    "graph.psp",
    "graph.psp@1/10",
    at_most=12.0,
    meaning="psp.partner_graph of 10x as many partnerships",
)

Graph: TypeAlias = "nx.MultiDiGraph[str]"
Analysis: TypeAlias = Callable[[psp.Portfolio, Graph], Callable[[], object]]


def _referral_path(fund: psp.Portfolio, g: Graph) -> Callable[[], object]:
    source, target = scale.referral_pair(g)
    return lambda: psp.referral_path(g, source, target)


def _referral_reach(fund: psp.Portfolio, g: Graph) -> Callable[[], object]:
    source, _ = scale.referral_pair(g)
    return lambda: psp.referral_reach(g, source)


def _multiplexity(fund: psp.Portfolio, g: Graph) -> Callable[[], object]:
    u, v, _ = next(iter(g.edges(keys=True)))  # the ends of the first link
    return lambda: psp.multiplexity(g, u, v)


def _missing_public_bodies(fund: psp.Portfolio, g: Graph) -> Callable[[], object]:
    policy = psp.Policy.rrcf()
    return lambda: psp.missing_public_bodies(fund, policy)


def _on_graph(analysis: Callable[[Graph], object]) -> Analysis:
    return lambda fund, g: lambda: analysis(g)


#: Each analysis psp exports, timed on the partner graph of a portfolio (built in
#: set-up) at two scales 10x apart, given as divisors of the full scale: 1x and 1/10.
#: "control" is not psp: one plain pass over every node's data, in networkx itself,
#: so the table shows what the machine's memory does to a linear pass at each scale.
ANALYSES: dict[str, tuple[Analysis, tuple[int, int]]] = {
    "ei_index": (_on_graph(psp.ei_index), (1, 10)),
    "link_density": (_on_graph(psp.link_density), (1, 10)),
    "degree_centralisation": (_on_graph(psp.degree_centralisation), (1, 10)),
    "link_kind_profile": (_on_graph(psp.link_kind_profile), (1, 10)),
    "lead_position": (_on_graph(psp.lead_position), (1, 10)),
    "burt_constraint": (_on_graph(psp.burt_constraint), (1, 10)),
    "effective_size": (_on_graph(psp.effective_size), (1, 10)),
    "brokerage": (_on_graph(psp.brokerage), (1, 10)),
    "referral_path": (_referral_path, (1, 10)),
    "referral_reach": (_referral_reach, (1, 10)),
    "multiplexity": (_multiplexity, (1, 10)),
    "multiplex_ties": (_on_graph(psp.multiplex_ties), (1, 10)),
    "bridging_organisations": (_on_graph(psp.bridging_organisations), (1, 10)),
    "missing_public_bodies": (_missing_public_bodies, (1, 10)),
    "control": (_on_graph(lambda g: sum(1 for _, d in g.nodes(data=True) if d)), (1, 10)),
}


def _analysis(config: Config, analysis: Analysis, divisor: int) -> Callable[[], object]:
    shape = _scaled(config, divisor)
    thunk = analysis(portfolio(shape, config.seed), partner_graph(shape, config.seed))
    thunk()  # warm up; a refused argument raises here, not inside the timing
    return thunk


for _name, (_call, _scales) in ANALYSES.items():
    for _divisor in _scales:
        timed(f"analysis.{_name}{_at(_divisor)}")(
            functools.partial(_analysis, analysis=_call, divisor=_divisor)
        )
    _big, _little = _scales
    ratio(
        f"growth: {_name} 10x / 1x" + ("" if _big == 1 else f" (at 1/{_big} and 1/{_little})"),
        f"analysis.{_name}{_at(_big)}",
        f"analysis.{_name}{_at(_little)}",
        at_most=None if _name == "control" else 12.0,
        meaning=(
            "not psp: networkx's own pass over every node's data, for comparison"
            if _name == "control"
            else f"psp.{_name} on the partner graph of 10x as many partnerships"
        ),
    )


# -- a lifecycle guard query on many members (target 3) ----------------------------------------


@functools.cache
def crowded_partnership(members: int, seed: int) -> psp.Partnership:
    return scale.crowded_partnership(members, seed)


def _blockers(config: Config, members: int) -> Callable[[], object]:
    p = crowded_partnership(members, config.seed)
    on = p.last_event_date
    assert on is not None
    step = psp.Step.START_DESIGN
    p.blockers(step, on=on)  # warm up

    def repeat() -> None:
        for _ in range(config.guard_calls):
            p.blockers(step, on=on)

    return repeat


# Cheap and noisy, like the commands: three times the rounds.
timed("guard.blockers@small", per=lambda c: c.guard_calls, rounds=lambda c: 3 * c.rounds)(
    lambda c: _blockers(c, c.members)
)
timed("guard.blockers@large", per=lambda c: c.guard_calls, rounds=lambda c: 3 * c.rounds)(
    lambda c: _blockers(c, c.growth * c.members)
)
ratio(
    "lifecycle: blockers on 10x / 1x members",
    "guard.blockers@large",
    "guard.blockers@small",
    at_most=12.0,
    meaning="Partnership.blockers('start-design', on=...) with 10,000 members against 1,000",
)


# -- betweenness centrality on another backend (target 7) --------------------------------------


@functools.cache
def _projection(shape: data.Shape, seed: int) -> nx.Graph[str]:
    return scale.projection(partner_graph(shape, seed))


def _betweenness(config: Config, backend: str | None) -> Sampler:
    why = scale.parallel_backend()
    if why is not None:
        raise Unavailable(f"nx-parallel {why}")
    g = _projection(config.shape, config.seed)
    k = min(config.betweenness_k, g.number_of_nodes())

    def call(graph: nx.Graph[str]) -> dict[str, float]:
        if backend is None:
            return nx.betweenness_centrality(graph, k=k, seed=config.seed)
        result = nx.betweenness_centrality(graph, k=k, seed=config.seed, backend=backend)
        return cast("dict[str, float]", result)

    ours = call(g)  # warm up: the parallel backend starts its worker processes here
    if backend is not None:
        default = nx.betweenness_centrality(g, k=k, seed=config.seed)
        problems, worst = scale.result_differences(default, ours)
        if problems:
            raise PeersOutOfDateError(
                f"the {backend} backend's betweenness differs from networkx's: "
                + "; ".join(problems[:5])
            )
        note(
            f"betweenness: the {backend} backend gives networkx's result "
            f"({len(ours):,} nodes, largest difference {worst:.1g}); both sample the same "
            f"k={k:,} sources (seed {config.seed}) on {g.number_of_nodes():,} organisations "
            f"and {g.number_of_edges():,} ties; {_cpus()} CPUs"
        )

    def sample() -> float:
        # A copy made after the run froze its data sets: the collector scans it while
        # the search runs, as each worker process's collector scans the copy it gets.
        # Betweenness allocates a list per node per source, so the collector takes a
        # large share (about half, for a graph alone in its process); on the frozen
        # graph only the default backend would be spared it.
        fresh = scale.bare_copy(g)
        start = time.perf_counter()
        call(fresh)
        return time.perf_counter() - start

    return sample


sampled("parallel.betweenness.networkx")(functools.partial(_betweenness, backend=None))
sampled("parallel.betweenness.nx-parallel")(functools.partial(_betweenness, backend="parallel"))
ratio(
    "parallel: betweenness speed-up, networkx / nx-parallel",
    "parallel.betweenness.networkx",
    "parallel.betweenness.nx-parallel",
    at_most=None,
    meaning="sampled betweenness of the portfolio's tie graph, default backend over "
    "nx-parallel on every core",
)


# -- the peers' honesty ---------------------------------------------------------------------


def _plain(value: Any) -> Any:
    # msgspec writes tuples where psp writes lists; json.dumps writes both as arrays.
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_DROP = object()  # a value in a change: drop the key


def _broken(plain: dict[str, Any]) -> dict[str, Callable[[dict[str, Any]], None]]:
    """Ways to break a portfolio's plain data, each of which all three must refuse.

    Each change applies to a portfolio holding one copy of the longest partnership in
    ``plain``; ``history[i]`` below is that partnership's.
    """
    sample = max(plain["partnerships"], key=lambda d: len(d["history"]))
    history = sample["history"]
    joined = next(i for i, e in enumerate(history) if e["type"] == "member-joined")
    added = next(i for i, e in enumerate(history) if e["type"] == "organisation-added")
    lead = history[joined]["partner_id"]
    last = history[-1]["on"]

    def event(i: int, **changes: Any) -> Callable[[dict[str, Any]], None]:
        def change(d: dict[str, Any]) -> None:
            e = d["partnerships"][0]["history"][i]
            e.update(changes)
            for k in [k for k, v in changes.items() if v is _DROP]:
                del e[k]

        return change

    def partner(**changes: Any) -> Callable[[dict[str, Any]], None]:
        return lambda d: d["partnerships"][0]["history"][added]["partner"].update(changes)

    def append(*events: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
        return lambda d: d["partnerships"][0]["history"].extend(events)

    def top(**changes: Any) -> Callable[[dict[str, Any]], None]:
        return lambda d: d["partnerships"][0].update(changes)

    def twice(rename: bool, **changes: Any) -> Callable[[dict[str, Any]], None]:
        def change(d: dict[str, Any]) -> None:
            other = json.loads(json.dumps(d["partnerships"][0]))
            if rename:
                other["id"] = "another"
            other["history"][added]["partner"].update(changes)
            d["partnerships"].append(other)

        return change

    def link(**changes: Any) -> Callable[[dict[str, Any]], None]:
        period = {"start": last, "end": None}
        base = {"source": lead, "target": "nobody", "kind": "funds", "period": period}
        return lambda d: d["links"].append({**base, **changes})

    def new(pid: str) -> dict[str, Any]:
        partner = {"id": pid, "name": "Newcomer", "sector": "third"}
        return {"type": "organisation-added", "on": last, "partner": partner}

    def joins(pid: str, *roles: str) -> dict[str, Any]:
        return {"type": "member-joined", "on": last, "partner_id": pid, "roles": list(roles)}

    def link_event(weight: object) -> dict[str, Any]:
        return {
            "type": "link-added",
            "on": last,
            "source": lead,
            "target": "new",
            "kind": "funds",
            "weight": weight,
        }

    return {
        "unknown key": top(extra=1),
        "unknown key in an event": event(joined, extra=1),
        "unknown event type": event(joined, type="member-arrived"),
        "missing date": event(joined, on=_DROP),
        "number for text": top(name=5),
        "blank name": top(name="  "),
        "padded id": partner(id=" org"),
        "text for a flag": partner(represents_service_users="true"),
        "number for a flag": partner(represents_service_users=1),
        "unknown enum value": partner(sector="charity"),
        "enum name for value": event(joined, roles=["LEAD"]),
        "repeated role": event(joined, roles=["provider", "provider"]),
        "malformed org-id": partner(identifiers=["GB-SC-123"]),
        "repeated org-id": partner(identifiers=["GB-LAS-ORK", "GB-LAS-ORK"]),
        "public body without kind": partner(
            sector="public", public_body_kind=None, third_sector_kind=None
        ),
        "third-sector kind outside the third sector": partner(
            sector="private", third_sector_kind="charity"
        ),
        "date not ISO": event(joined, on="2012-4-1"),
        "date not real": event(joined, on="2012-02-30"),
        "datetime for date": event(joined, on=f"{history[joined]['on']}T00:00:00"),
        "signposted_by without signposting": event(
            joined, engagement="newly-engaged", signposted_by=lead
        ),
        "events out of order": event(-1, on="2001-01-01"),
        "unknown organisation": append(joins("nobody")),
        "member twice at once": append(joins(lead)),
        "second lead": append(new("new"), joins("new", "lead")),
        "leaving a non-member": append(
            new("new"), {"type": "member-left", "on": last, "partner_id": "new"}
        ),
        "link to itself": append({**link_event(None), "target": lead}),
        "negative weight": append(new("new"), link_event(-1)),
        "weight as text": append(new("new"), link_event("5")),
        "partnership id twice": twice(rename=False),
        "organisation recorded differently": twice(rename=True, name="Someone Else"),
        "portfolio link to an unknown organisation": link(),
        "portfolio link ending before it starts": link(
            target=lead,
            source=history[added]["partner"]["id"],
            period={"start": last, "end": "2001-01-01"},
        ),
    }


def check_peers(plain: dict[str, Any]) -> list[str]:
    """Check the peers are honest on ``plain`` (psp's own output for a portfolio): each
    reads it and writes it back equal, and psp and both peers refuse every
    :func:`_broken` variant. Returns the problems found (none: they are equivalent)."""
    problems = []
    round_trips: tuple[tuple[str, Callable[[Any], Any], Callable[[Any], Any]], ...] = (
        ("pydantic", peers.pydantic_load, peers.pydantic_dump),
        ("msgspec", peers.msgspec_load, peers.msgspec_dump),
    )
    for name, load, dump in round_trips:
        try:
            if _plain(dump(load(plain))) != plain:
                problems.append(f"{name} does not write back what psp wrote")
        except (pydantic.ValidationError, msgspec.ValidationError) as e:
            first = str(e).splitlines()[:3]
            problems.append(f"{name} refuses what psp wrote: {' '.join(first)}")
    sample = max(plain["partnerships"], key=lambda d: len(d["history"]))
    one = {"id": "one", "name": "One partnership", "partnerships": [sample], "links": []}
    readers: dict[str, tuple[Callable[[Any], object], type[Exception]]] = {
        "psp": (_psp_load, psp.PSPError),
        "pydantic": (peers.pydantic_load, pydantic.ValidationError),
        "msgspec": (peers.msgspec_load, msgspec.ValidationError),
    }
    for name, (read, _) in readers.items():
        if _refuses(read, one, Exception):
            problems.append(f"{name} refuses the unbroken sample")
    for what, breaking in _broken(plain).items():
        broken = json.loads(json.dumps(one))
        breaking(broken)
        accepted = [n for n, (read, error) in readers.items() if not _refuses(read, broken, error)]
        if accepted:
            problems.append(f"{what}: accepted by {', '.join(accepted)}")
    return problems


def _refuses(read: Callable[[Any], object], plain: Any, error: type[Exception]) -> bool:
    try:
        read(plain)
    except error:
        return True
    return False


# -- running and reporting ------------------------------------------------------------------


class PeersOutOfDateError(RuntimeError):
    """psp's data changed and ``peers.py`` does not follow it yet: comparing would lie."""


@dataclass(frozen=True)
class Summary:
    """The samples of one benchmark."""

    name: str
    unit: str
    samples: tuple[float, ...]
    full_gc: tuple[float, ...] = ()  # seconds of full collections in each sample (timed only)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def median_without_full_gc(self) -> float | None:
        if not self.full_gc:
            return None
        return statistics.median(t - g for t, g in zip(self.samples, self.full_gc, strict=True))


@dataclass(frozen=True)
class Outcome:
    """One target's value in this run (or, when a benchmark it needs could not run
    here, why not)."""

    ratio: Ratio
    value: float
    unavailable: str = ""
    without_full_gc: float | None = None  # the same ratio, full collections' time taken out

    @property
    def holds(self) -> bool | None:
        if self.ratio.at_most is None or self.unavailable:
            return None
        return self.value <= self.ratio.at_most


@dataclass(frozen=True)
class Report:
    config: Config
    summaries: dict[str, Summary]
    outcomes: list[Outcome]
    refusals: int
    seconds: float
    context: dict[str, str] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)  # benchmark: why not run
    notes: tuple[str, ...] = ()


def run(
    config: Config,
    only: Sequence[str] = ("*",),
    log: Callable[[str], None] = lambda _: None,
) -> Report:
    """Run the benchmarks whose names match a pattern in ``only``, interleaving their
    rounds, and evaluate every target whose benchmarks all ran."""
    began = time.perf_counter()
    _NOTES.clear()
    chosen = [b for n, b in BENCHMARKS.items() if any(fnmatch.fnmatch(n, p) for p in only)]
    log(f"building the {config.name} data sets and checking the peers")
    problems = check_peers(portfolio_data(config.shape, config.seed))
    if problems:
        raise PeersOutOfDateError(
            "benchmarks/peers.py no longer reads and refuses what psp does; "
            "update it to psp's data before timing anything:\n  " + "\n  ".join(problems)
        )
    samplers: dict[str, Sampler] = {}
    unavailable: dict[str, str] = {}
    for b in chosen:
        log(f"setting up {b.name}")
        try:
            samplers[b.name] = b.setup(config)
        except Unavailable as e:
            log(f"  {b.name}: {e}")
            unavailable[b.name] = str(e)
        # Out of the collector's way as they are built, so a later set-up's warm-up
        # (betweenness over many sources, say) does not rescan every earlier data set.
        gc.freeze()
    chosen = [b for b in chosen if b.name in samplers]
    # The data sets stay alive all run: freeze them out of the collector's way, so a
    # benchmark's collections scan what it allocates, not every other benchmark's data.
    gc.collect()
    gc.freeze()
    samples: dict[str, list[float]] = {b.name: [] for b in chosen}
    for r in range(max((b.rounds(config) for b in chosen), default=0)):
        log(f"round {r + 1}")
        for b in chosen:
            if r < b.rounds(config):
                gc.collect()
                samples[b.name].append(samplers[b.name]())
    gc.unfreeze()
    summaries = {
        b.name: Summary(b.name, b.unit, tuple(samples[b.name]), tuple(_FULL_GC.get(b.name, ())))
        for b in chosen
    }
    outcomes = []
    for t in RATIOS:
        names = t.numerator + t.denominator
        if all(n in summaries for n in names):
            outcomes.append(
                Outcome(t, _ratio(t, summaries, lambda s: s.median), "", _bare(t, summaries))
            )
        elif all(n in summaries or n in unavailable for n in names):
            why = next(unavailable[n] for n in names if n in unavailable)
            outcomes.append(Outcome(t, math.nan, why))
    context = {
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {_cpus()} CPUs",
        "psp": psp.__version__,
        "pydantic": pydantic.VERSION,
        "msgspec": msgspec.__version__,
    }
    if scale.parallel_backend() is None:
        context["nx-parallel"] = _version("nx-parallel")
    refusals = len(_broken(portfolio_data(config.shape, config.seed)))
    seconds = time.perf_counter() - began
    return Report(
        config, summaries, outcomes, refusals, seconds, context, unavailable, tuple(_NOTES)
    )


def _ratio(t: Ratio, summaries: dict[str, Summary], of: Callable[[Summary], float]) -> float:
    if t.worst:
        pairs = zip(t.numerator, t.denominator, strict=True)
        return max(of(summaries[n]) / of(summaries[d]) for n, d in pairs)
    value = sum(of(summaries[n]) for n in t.numerator)
    if t.denominator:
        value /= sum(of(summaries[n]) for n in t.denominator)
    return value


def _bare(t: Ratio, summaries: dict[str, Summary]) -> float | None:
    """The ratio without full collections' time, for ratios of times where some fell."""
    involved = [summaries[n] for n in t.numerator + t.denominator]
    if not t.denominator or any(s.median_without_full_gc is None for s in involved):
        return None
    if not any(any(s.full_gc) for s in involved):
        return None
    return _ratio(t, summaries, lambda s: s.median_without_full_gc or 0.0)


def _worst_of(t: Ratio, summaries: dict[str, Summary]) -> str:
    """The numerator of a ``worst`` target's largest pairwise ratio."""
    pairs = zip(t.numerator, t.denominator, strict=True)
    return max(pairs, key=lambda p: summaries[p[0]].median / summaries[p[1]].median)[0]


def _cpus() -> str:
    return str(os.cpu_count())


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def _show(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value:,.0f} B"
    for factor, suffix in ((1, "s"), (1e-3, "ms"), (1e-6, "us")):
        if value >= factor:
            return f"{value / factor:.3g} {suffix}"
    return f"{value * 1e9:.3g} ns"


def format_report(report: Report) -> str:
    """The report as two Markdown tables: medians, then targets."""
    c = report.config
    s = c.shape
    lines = [
        f"psp benchmarks, {c.name} scale: {s.partnerships:,} partnerships, "
        f"{s.total_memberships:,} memberships, {s.partnerships * s.links:,} links, "
        f"{s.pool:,} organisations; histories of {c.short_history:,} and "
        f"{c.long_history:,} events; guards on {c.members:,} and {c.growth * c.members:,} "
        f"members; {c.rounds} rounds",
        ", ".join(f"{k} {v}" for k, v in report.context.items()),
        "",
        "| benchmark | median | min | max | samples | full GC (median) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for b in report.summaries.values():
        full_gc = _show(statistics.median(b.full_gc), "s") if any(b.full_gc) else ""
        lines.append(
            f"| {b.name} | {_show(b.median, b.unit)} | {_show(min(b.samples), b.unit)} "
            f"| {_show(max(b.samples), b.unit)} | {len(b.samples)} | {full_gc} |"
        )
    for name, why in report.unavailable.items():
        lines.append(f"| {name} | {why} | | | 0 | |")
    lines += [
        "",
        "| target | value | limit | holds | without full GC |",
        "| --- | ---: | ---: | --- | ---: |",
    ]
    for o in report.outcomes:
        limit = "" if o.ratio.at_most is None else f"<= {o.ratio.at_most:g}"
        holds = {True: "yes", False: "**NO**", None: ""}[o.holds]
        value = _show(o.value, "B") if o.ratio.unit == "B" else f"{o.value:.3g}"
        if o.ratio.worst:
            value += f" ({_worst_of(o.ratio, report.summaries)})"
        bare = "" if o.without_full_gc is None else f"{o.without_full_gc:.3g}"
        lines.append(f"| {o.ratio.name} | {o.unavailable or value} | {limit} | {holds} | {bare} |")
    lines += ["", *report.notes] if report.notes else []
    lines += [
        "",
        f"peers: equivalent (they write back psp's data and refuse the same "
        f"{report.refusals} broken variants)",
        f"total time: {report.seconds:.0f} s",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="the small CI-sized run")
    parser.add_argument("--rounds", type=int, help="rounds per benchmark (default 5; quick 3)")
    parser.add_argument(
        "--only", action="append", metavar="GLOB", help="benchmarks to run, e.g. 'convert.*'"
    )
    args = parser.parse_args(argv)
    config = Config.quick() if args.quick else Config.full()
    if args.rounds:
        config = replace(config, rounds=args.rounds)
    report = run(config, args.only or ("*",), log=lambda m: print(m, file=sys.stderr, flush=True))
    print(format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
