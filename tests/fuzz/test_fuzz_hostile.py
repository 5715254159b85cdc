"""The hostile tier: valid documents of every public type, each damaged at one place
with one hostile value, fed to every reader.

Every public attrs class (the fuzz corpus), every event on its own, objects drawn from
``psp.testing``'s strategies, and the versioned documents of the top-level types are
written with ``to_data``/``to_document``; then one place in the document (any path, the
envelope included) gets one hostile value: a wrong JSON type, a number past its range,
NaN, an infinity, -0.0, a 10 MB string, nesting 100,000 deep, a shared reference or a
cycle, a lone surrogate, control characters, a date out of range, a tag naming a Python
object, a key that is not text (or several of mixed types), a ``str`` or ``int``
subclass, an object that raises in ``__eq__``, ``__hash__`` or ``__str__``, an unknown
or future schema version. For each document:

- only ``psp.ConversionError`` escapes a reader (``from_data``, ``from_document``;
  ``check_document`` returns problems);
- a document a reader accepts gives an object whose data is exact JSON, survives
  ``json.dumps``/``json.loads`` and reads back equal to itself;
- the work a read does is bounded by the document's size: the Python and C calls it
  makes (counted with ``sys.setprofile``) are at most ``WORK_PER_NODE`` per JSON node
  of the document plus a constant, so no input makes a reader quadratic;
- memory after many refusals returns to where it started (``tracemalloc``).

The default and ``ci`` runs take a slice (``DOCUMENTS``); ``HYPOTHESIS_PROFILE=fuzz-long``
runs ``LONG_DOCUMENTS`` and prints the figures docs/guarantees.md records.
"""

from __future__ import annotations

import gc
import json
import math
import os
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import psp
from psp._interchange.conversion import json_problems
from psp.testing import (
    bids,
    cadences,
    commitments,
    governance_structures,
    mous,
    partners,
    partnerships,
    policies,
    portfolios,
    surveys,
)

from .conftest import PUBLIC_CLASSES

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz-long"
#: Documents per run: a slice in CI, at least 100,000 in the long run.
DOCUMENTS = 400
LONG_DOCUMENTS = 104_000
#: Documents refused (twice) for the memory check.
MEMORY_DOCUMENTS = 2_000 if LONG else 200
#: Calls a reader may make per JSON node of its document, and once per read. Valid
#: documents take about 20 a node (tests/fuzz: measured on the corpus); a quadratic
#: reader would pass this on any document of a few hundred nodes.
WORK_PER_NODE = 120
WORK_CONSTANT = 30_000


# -- hostile values --------------------------------------------------------------------


class StrLike(str):
    """Text that raises when compared."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("compared")

    def __ne__(self, other: object) -> bool:
        raise RuntimeError("compared")

    __hash__ = str.__hash__


class IntLike(int):
    """A whole number that raises when compared."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("compared")

    __hash__ = int.__hash__
    __lt__ = __le__ = __gt__ = __ge__ = __eq__


class ClaimsStr:
    """An object whose ``__class__`` says it is text."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return str


class Raises:
    """An object that raises in ``__eq__``, ``__hash__``, ``__str__`` and ``__repr__``."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def __hash__(self) -> int:
        raise RuntimeError("hash")

    def __str__(self) -> str:
        raise RuntimeError("str")

    def __repr__(self) -> str:
        raise RuntimeError("repr")


class ConstantHash:
    """A hashable key equal to nothing else, with a hash every text could share."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def __hash__(self) -> int:
        return hash("name")


def _nest(depth: int, as_dict: bool) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"type": value} if as_dict else [value]
    return value


# Built once: reused (shared) by every document that takes one.
TEN_MB = "x" * 10_000_000
DEEP_LIST = _nest(100_000, as_dict=False)
DEEP_DICT = _nest(100_000, as_dict=True)
HUGE_INT = 10**5000

# Each: a name and a function from the value it replaces to the hostile value.
VALUES: list[tuple[str, Callable[[Any], Any]]] = [
    ("null", lambda _: None),
    ("true", lambda _: True),
    ("zero", lambda _: 0),
    ("one", lambda _: 1),
    ("minus one", lambda _: -1),
    ("a half", lambda _: 0.5),
    ("empty text", lambda _: ""),
    ("text", lambda _: "x"),
    ("padded text", lambda _: " x "),
    ("empty list", lambda _: []),
    ("empty object", lambda _: {}),
    ("wrapped in a list", lambda v: [v]),
    ("wrapped in an object", lambda v: {"type": v}),
    ("largest exact", lambda _: 2**53 - 1),
    ("past exact", lambda _: 2**53),
    ("minus past exact", lambda _: -(2**53)),
    ("10**30", lambda _: 10**30),
    ("10**5000", lambda _: HUGE_INT),
    ("NaN", lambda _: math.nan),
    ("infinity", lambda _: math.inf),
    ("minus infinity", lambda _: -math.inf),
    ("minus zero", lambda _: -0.0),
    ("1e308", lambda _: 1e308),
    ("smallest float", lambda _: 5e-324),
    ("10 MB text", lambda _: TEN_MB),
    ("deep list", lambda _: DEEP_LIST),
    ("deep object", lambda _: DEEP_DICT),
    ("lone surrogate", lambda _: "\ud800"),
    ("surrogate in text", lambda v: f"{v}\udfff" if type(v) is str else "a\udfff"),
    ("NUL", lambda _: "\x00"),
    ("escape codes", lambda _: "\x1b[31mred\x1b[0m"),
    ("right-to-left", lambda _: "\u202eabc"),
    ("new lines", lambda _: "a\r\nb"),
    ("year 0", lambda _: "0000-01-01"),
    ("year 1", lambda _: "0001-01-01"),
    ("year 9999", lambda _: "9999-12-31"),
    ("year 10000", lambda _: "10000-01-01"),
    ("negative year", lambda _: "-001-01-01"),
    ("no such day", lambda _: "2012-02-30"),
    ("wide digits", lambda _: "\uff12\uff10\uff11\uff12-01-01"),
    ("datetime", lambda _: "2012-01-01T00:00"),
    ("tag os.system", lambda _: "os.system"),
    ("tag builtins.eval", lambda _: "builtins.eval"),
    ("tag __import__", lambda _: "__import__"),
    ("tag psp class", lambda _: "psp._aggregate.events.MemberJoined"),
    ("tag yaml", lambda _: "!!python/object/apply:os.system"),
    ("tag __class__", lambda _: "__class__"),
    ("non-text keys", lambda _: {5: "x", None: 1}),
    ("mixed keys", lambda _: {1: 1, "a": 2, (1,): 3, 1.5: 4}),
    ("str subclass", lambda v: StrLike(v if type(v) is str else "x")),
    ("enum member", lambda _: psp.Sector.THIRD),
    ("int subclass", lambda v: IntLike(v if type(v) is int else 1)),
    ("claims str", lambda _: ClaimsStr()),
    ("raises", lambda _: Raises()),
    ("tuple", lambda v: (v,)),
    ("set", lambda _: {"a"}),
    ("bytes", lambda _: b"x"),
    ("object", lambda _: object()),
]
BIG = {"10 MB text", "deep list", "deep object"}
# What a place's key can become: each replaces the key, the value kept.
KEYS: list[tuple[str, Callable[[str], Any]]] = [
    ("int key", lambda _: 5),
    ("None key", lambda _: None),
    ("tuple key", lambda _: (1, "a")),
    ("float key", lambda _: 1.5),
    ("str subclass key", StrLike),
    ("constant-hash key", lambda _: ConstantHash()),
    ("unknown key", lambda k: k + "_"),
    ("tag key", lambda _: "type"),
]
D = date(2012, 4, 1)
VERSIONS: list[Any] = [0, -1, 3, 99, 2**53 - 1, 2**53, HUGE_INT, "2", 2.0, True, None]


# -- seeds ------------------------------------------------------------------------------

Reader = Callable[[Any], Any]


@dataclass(frozen=True)
class Seed:
    """A valid document, and how to read it: ``cls`` for from_data, or None for a
    versioned document (from_document and check_document)."""

    name: str
    document: Any
    cls: Any


def seeds(corpus: tuple[tuple[type, Any], ...], generated: list[Any]) -> list[Seed]:
    found = [Seed(cls.__name__, psp.to_data(obj), cls) for cls, obj in corpus]
    event: Any = psp.Event
    rich = next(obj for cls, obj in corpus if cls is psp.Partnership)
    found += [Seed(f"event {type(e).__name__}", psp.to_data(e), event) for e in rich.history]
    found += [Seed(f"generated {type(o).__name__}", psp.to_data(o), type(o)) for o in generated]
    found += [
        Seed(f"document {type(o).__name__}", psp.to_document(o), None)
        for o in [*generated, *(obj for cls, obj in corpus if cls in psp.DOCUMENT_TYPES.values())]
        if type(o) in psp.DOCUMENT_TYPES.values()
    ]
    return found


GENERATED = st.one_of(
    partnerships(max_organisations=5, max_steps=15),
    portfolios(max_partnerships=2, max_steps=6),
    policies(),
    partners(),
    bids(),
    commitments(),
    mous(),
    governance_structures(),
    cadences(),
    surveys(max_statements=3),
)


@pytest.fixture(scope="module")
def hostile_seeds(corpus: tuple[tuple[type, Any], ...]) -> list[Seed]:
    generated: list[Any] = []

    @settings(
        max_examples=60,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(obj=GENERATED)
    def draw(obj: Any) -> None:
        generated.append(obj)

    draw()
    return seeds(corpus, generated)


# -- mutation ---------------------------------------------------------------------------


def copy_tree(tree: Any) -> Any:
    """A copy of a JSON tree, without recursion (documents are small; values like the
    10 MB text are shared, not copied)."""
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, tree)]
    while stack:
        parent, key, node = stack.pop()
        new: Any
        if type(node) is dict:
            parent[key] = new = {}
            stack.extend((new, k, v) for k, v in node.items())
        elif type(node) is list:
            parent[key] = new = [None] * len(node)
            stack.extend((new, i, v) for i, v in enumerate(node))
        else:
            parent[key] = node
    return root[0]


def places(tree: Any) -> list[tuple[Any, Any, str]]:
    """Every (container, key, path) of ``tree``, parents first."""
    found: list[tuple[Any, Any, str]] = []
    if type(tree) not in (dict, list):
        return found
    stack = [(tree, "$")]
    while stack:
        node, path = stack.pop()
        pairs: Iterator[tuple[Any, Any]] = (
            iter(node.items()) if type(node) is dict else enumerate(node)
        )
        for k, v in pairs:
            where = f"{path}.{k}" if type(node) is dict else f"{path}[{k}]"
            found.append((node, k, where))
            if type(v) in (dict, list) and v is not DEEP_LIST and v is not DEEP_DICT:
                stack.append((v, where))
    return found


def rekey(container: dict[Any, Any], key: Any, new: Any) -> None:
    value = container.pop(key)
    try:
        container[new] = value
    except RuntimeError:  # it collides with a key and raises: a plain key instead
        container[5] = value


def mutate(seed: Seed, rng: random.Random) -> tuple[Any, str]:
    """One hostile change to a copy of ``seed``'s document, and what it was."""
    doc = copy_tree(seed.document)
    spots = places(doc)
    kind = rng.random()
    if not spots:  # a document that is one value: replaced whole
        name, make = rng.choice(VALUES)
        return make(doc), f"$ <- {name}"
    container, key, path = rng.choice(spots)
    if seed.cls is None and kind < 0.05:
        doc["schema_version"] = version = rng.choice(VERSIONS)
        shown = "10**5000" if version is HUGE_INT else repr(version)
        return doc, f"$.schema_version <- {shown}"
    if kind < 0.15 and type(container) is dict:
        name, make_key = rng.choice(KEYS)
        rekey(container, key, make_key(key))
        return doc, f"{path} key <- {name}"
    if kind < 0.22:
        containers = [(c, k, p) for c, k, p in spots if type(c[k]) in (dict, list)]
        if containers:
            other_container, other_key, other = rng.choice(containers)
            if rng.random() < 0.5:
                container[key] = other_container[other_key]  # shared, or a cycle if above
                return doc, f"{path} <- the object at {other}"
            container[key] = doc if rng.random() < 0.5 else container
            return doc, f"{path} <- a cycle"
    name, make = rng.choice(VALUES)
    container[key] = make(container[key])
    return doc, f"{path} <- {name}"


# -- reading ----------------------------------------------------------------------------


def nodes(tree: Any) -> int:
    """The JSON nodes of ``tree``: each place counted (a shared container at each), a
    cycle once, a text as long as it is in kilobytes."""
    count = 0
    stack = [tree]
    on_stack: set[int] = set()
    while stack:
        node = stack.pop()
        count += 1
        if node is DEEP_LIST or node is DEEP_DICT:
            count += 100_000
        elif type(node) in (dict, list):
            if id(node) in on_stack:
                continue
            on_stack.add(id(node))
            stack.extend(node.values() if type(node) is dict else node)
        elif type(node) is str:
            count += len(node) // 1024
    return count


def work_of(read: Callable[[], Any]) -> tuple[Any, BaseException | None, int]:
    """Run ``read``, counting the calls it makes: (result, error, calls)."""
    calls = 0

    def count(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls
        calls += 1

    sys.setprofile(count)
    try:
        result, error = read(), None
    except BaseException as e:  # noqa: BLE001 - judged by the caller
        result, error = None, e
    finally:
        sys.setprofile(None)
    return result, error, calls


@dataclass
class Figures:
    documents: int = 0
    refused: int = 0
    accepted: int = 0
    foreign: list[str] = field(default_factory=list)
    heaviest: tuple[float, str] = (0.0, "")
    slowest: tuple[float, str] = (0.0, "")


def read_one(seed: Seed, doc: Any, what: str, figures: Figures, count_work: bool) -> None:
    figures.documents += 1
    size = nodes(doc)

    def read() -> Any:
        if seed.cls is None:
            # check_document finds exactly what from_document refuses for.
            problems = psp.check_document(doc)
            if problems:
                with pytest.raises(psp.ConversionError) as refused:
                    psp.from_document(doc)
                assert refused.value.problems == problems, what
                raise refused.value
            return psp.from_document(doc)
        return psp.from_data(doc, seed.cls)

    started = time.perf_counter()
    if count_work:
        obj, error, calls = work_of(read)
        load = calls / (size * WORK_PER_NODE + WORK_CONSTANT)
        if load > figures.heaviest[0]:
            figures.heaviest = (load, f"{seed.name}: {what} ({size} nodes, {calls} calls)")
    else:
        try:
            obj, error = read(), None
        except BaseException as e:  # noqa: BLE001 - judged below
            obj, error = None, e
    spent = time.perf_counter() - started  # recorded, never asserted
    if spent > figures.slowest[0]:
        figures.slowest = (spent, f"{seed.name}: {what} ({size} nodes)")
    if isinstance(error, psp.ConversionError):
        figures.refused += 1
        assert error.problems
        assert all(p.path.startswith("$") for p in error.problems)
        return
    if error is not None:
        figures.foreign.append(f"{seed.name}: {what}: {type(error).__name__}: {error!s:.200}")
        return
    figures.accepted += 1
    data = psp.to_data(obj)
    assert json_problems(data) == [], what
    again = json.loads(json.dumps(data))
    cls: Any = type(obj) if seed.cls is None or seed.cls is not psp.Event else seed.cls
    assert psp.from_data(again, cls) == obj, what


def run(hostile_seeds: list[Seed], count: int, seed: int, *, count_every: int) -> Figures:
    """Read ``count`` hostile documents; count the work of every ``count_every``-th."""
    rng = random.Random(seed)
    figures = Figures()
    for n in range(count):
        chosen = rng.choice(hostile_seeds)
        doc, what = mutate(chosen, rng)
        read_one(chosen, doc, what, figures, count_work=n % count_every == 0)
    return figures


# -- the tests --------------------------------------------------------------------------


def test_seeds_cover_every_public_type(hostile_seeds: list[Seed]) -> None:
    read_as = {s.cls for s in hostile_seeds}
    assert set(PUBLIC_CLASSES) <= read_as
    assert psp.Event in read_as
    assert None in read_as  # versioned documents
    for s in hostile_seeds:  # and each seed is valid
        obj = psp.from_document(s.document) if s.cls is None else psp.from_data(s.document, s.cls)
        assert obj is not None


def test_every_hostile_value_at_every_place_of_a_small_document() -> None:
    # Exhaustive on one small partnership: every place, every value, every key.
    p = psp.Partnership("p", "P").join(psp.Partner("a", "A", "third"), on=D, roles={"lead"})
    seed = Seed("small", psp.to_data(p), psp.Partnership)
    figures = Figures()
    for index in range(len(places(seed.document))):
        for name, make in VALUES:
            if name in BIG:
                continue  # each costs a walk of its size; the random run places them
            doc = copy_tree(seed.document)
            container, key, path = places(doc)[index]
            container[key] = make(container[key])
            read_one(seed, doc, f"{path} <- {name}", figures, count_work=False)
        for name, make_key in KEYS:
            doc = copy_tree(seed.document)
            container, key, path = places(doc)[index]
            if type(container) is dict:
                rekey(container, key, make_key(key))
                read_one(seed, doc, f"{path} key <- {name}", figures, count_work=False)
    assert figures.foreign == []
    assert figures.refused > 0.9 * figures.documents


def test_hostile_documents(hostile_seeds: list[Seed]) -> None:
    count = LONG_DOCUMENTS if LONG else DOCUMENTS
    started = time.perf_counter()
    # Counting calls costs more than the read; the long run counts every eighth document.
    figures = run(hostile_seeds, count, seed=20, count_every=8 if LONG else 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    summary = (
        f"hostile fuzz: {figures.documents:,} documents, {figures.refused:,} refused, "
        f"{figures.accepted:,} accepted, {len(figures.foreign)} foreign exceptions; "
        f"peak memory (largest resident size) {peak / 2**20:.0f} MiB; slowest document "
        f"{figures.slowest[0] * 1e3:.0f} ms ({figures.slowest[1]}); heaviest work "
        f"{figures.heaviest[0]:.2f} of the bound ({figures.heaviest[1]}); "
        f"{time.perf_counter() - started:.0f} s"
    )
    print(summary)  # the long run's figures, for docs/guarantees.md (run with -s)
    assert figures.foreign == [], "\n".join(figures.foreign[:20])
    assert figures.heaviest[0] <= 1, figures.heaviest[1]
    assert figures.documents == figures.refused + figures.accepted == count
    assert figures.refused > 0.5 * count  # the mutations are real


def test_memory_returns_after_many_refusals(hostile_seeds: list[Seed]) -> None:
    def refuse(n: int, seed: int) -> None:
        rng = random.Random(seed)
        done = 0
        while done < n:
            chosen = rng.choice(hostile_seeds)
            doc, _ = mutate(chosen, rng)
            try:
                if chosen.cls is None:
                    psp.from_document(doc)
                else:
                    psp.from_data(doc, chosen.cls)
            except psp.ConversionError:
                done += 1
            del doc

    refuse(MEMORY_DOCUMENTS, seed=1)  # every reader and hook built, every set interned
    gc.collect()  # the documents' own cycles (the fuzz makes some)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        refuse(MEMORY_DOCUMENTS, seed=2)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert after - before < 64 * 1024, f"{after - before:,} bytes kept"


def test_reading_is_linear_in_the_size_of_a_growing_document() -> None:
    # No quadratic blow-up: the calls per node stay flat as a history grows 8-fold.
    def calls_per_node(n: int) -> float:
        p = psp.Partnership("p", "P")
        day = date(2012, 1, 1)
        p = p.join(psp.Partner("lead", "Lead", "third"), on=day, roles={"lead"})
        for i in range(n):
            p = p.join(psp.Partner(f"o{i}", f"O{i}", "third"), on=day)
        doc = psp.to_data(p)
        bad = copy_tree(doc)
        bad["history"][-1]["on"] = "2012-02-30"
        psp.from_data(doc, psp.Partnership)
        _, _, accepted = work_of(lambda: psp.from_data(doc, psp.Partnership))
        _, error, refused = work_of(lambda: psp.from_data(bad, psp.Partnership))
        assert isinstance(error, psp.ConversionError)
        return max(accepted, refused) / nodes(doc)

    small, large = calls_per_node(25), calls_per_node(200)
    assert large < 1.25 * small
