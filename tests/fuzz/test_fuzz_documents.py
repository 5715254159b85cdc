"""Fuzzing every way in from plain data: arbitrary JSON and mutated valid documents, fed
to ``psp.from_data`` for every public attrs class (and to ``psp.from_document``).

The promise under test: whatever the input, reading it either returns a valid object
(one that survives its own round trip) or raises a :class:`psp.ConversionError` that
lists its problems. No other exception escapes: no RecursionError, KeyError,
TypeError, OverflowError, AttributeError.

The default run is short; ``HYPOTHESIS_PROFILE=fuzz-long`` runs the long profile
(docs/guarantees.md).
"""

from __future__ import annotations

import copy
import enum
import math
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import ConversionError
from psp._interchange.conversion import EVENT_TAGS
from psp.testing import partnerships, policies, portfolios

from .conftest import PUBLIC_CLASSES, fuzz_settings

# Every public class that from_data reads: discovered, so a new one is fuzzed at once.
TARGETS: tuple[type, ...] = PUBLIC_CLASSES
DOCUMENT_READERS: tuple[Callable[[Any], Any], ...] = tuple(
    getattr(psp, name) for name in ("from_document", "check_document") if hasattr(psp, name)
)


# -- what the reader must do with anything -----------------------------------------------


def check_refusal(e: ConversionError) -> None:
    """A refusal says where and why, and can be shown."""
    assert e.problems
    assert all(p.path.startswith("$") and p.reason for p in e.problems)
    assert str(e)


def read(data: Any, cls: Any) -> Any:
    """Read ``data`` as ``cls``: a valid object back, or a ConversionError that says where
    and why. Any other exception propagates and fails the test."""
    try:
        obj = psp.from_data(data, cls)
    except ConversionError as e:
        check_refusal(e)
        return None
    if attrs.has(cls):
        # Accepted data made a real object: it converts back and reads the same again.
        assert type(obj) is cls
        assert psp.from_data(psp.to_data(obj), cls) == obj
    return obj


def read_document(document: Any) -> None:
    for reader in DOCUMENT_READERS:
        try:
            reader(document)
        except ConversionError as e:
            check_refusal(e)


# -- arbitrary JSON -----------------------------------------------------------------------

# Names psp really uses, so arbitrary dicts often look like its documents and get deep.
FIELD_NAMES = sorted(
    {a.name for cls in TARGETS for a in attrs.fields(cls) if not a.name.startswith("_")} | {"type"}
)
ENUM_VALUES = sorted(
    {
        str(m.value)
        for name in psp.__all__
        if isinstance(e := getattr(psp, name), type) and issubclass(e, enum.Enum)
        for m in e
    }
    | set(EVENT_TAGS.values())
)
# Bounds for generated values (TestHostileInputs goes far past them).
MAX_INT_DIGITS = 4_000
MAX_DEPTH = 400

ODD_TEXT = st.text(
    st.characters(exclude_categories=["Cs"]),  # any code point but lone surrogates
    max_size=30,
)
TOKENS = st.sampled_from([*FIELD_NAMES, *ENUM_VALUES, "", " ", "lead ", "\u202e", "\x00"])
DATES = st.one_of(
    st.dates().map(date.isoformat),
    st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True),  # \d matches other scripts' digits
    st.sampled_from(["2012-02-30", "0000-01-01", "2012-1-1", "20120101", "2012-01-01T00:00"]),
)
NUMBERS = st.one_of(
    st.integers(),
    st.integers(-(10**MAX_INT_DIGITS), 10**MAX_INT_DIGITS),
    st.floats(),  # NaN and the infinities included
    st.sampled_from([0, -1, 2**63, -(2**63) - 1, 1e308, -0.0, 5e-324, math.inf, -math.inf]),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, ODD_TEXT, TOKENS, DATES)
HUGE = st.one_of(
    st.builds(
        lambda s, n: s * n,
        st.sampled_from(["x", "é", "\u202e", " ", "lead"]),
        st.integers(0, 200_000),
    ),
    st.builds(lambda v, n: [v] * n, SCALARS, st.integers(0, 20_000)),
)


def nest(value: Any, depth: int, as_dict: bool) -> Any:
    for _ in range(depth):
        value = {"type": value} if as_dict else [value]
    return value


DEEP = st.builds(nest, SCALARS, st.integers(0, MAX_DEPTH), st.booleans())
JSON = st.recursive(
    st.one_of(SCALARS, SCALARS, SCALARS, HUGE, DEEP),
    lambda kids: st.one_of(
        st.lists(kids, max_size=6),
        st.dictionaries(st.one_of(TOKENS, ODD_TEXT), kids, max_size=6),
    ),
    max_leaves=30,
)


class TestArbitraryJson:
    """Any JSON value, read as any public class, gives an object or a ConversionError."""

    @fuzz_settings(300)
    @given(value=JSON)
    def test_every_target(self, value: Any) -> None:
        for cls in TARGETS:
            read(value, cls)
        read(value, psp.Event)

    def test_targets_are_every_public_attrs_class(self) -> None:
        names = {cls.__name__ for cls in TARGETS}
        assert {"Partnership", "Portfolio", "Partner", "Policy", "MoU", "Bid"} <= names
        assert len(TARGETS) >= 70


# -- mutated valid documents ---------------------------------------------------------------


Slot = tuple[Any, Any]  # (container, key or index): a place in a JSON tree


def slots(tree: Any) -> list[Slot]:
    """Every place in ``tree`` that holds a value, parents before children."""
    found: list[Slot] = []
    stack: list[Any] = [tree]
    while stack:
        node = stack.pop()
        keys: Any = node.keys() if isinstance(node, dict) else range(len(node))
        for k in list(keys):
            found.append((node, k))
            if isinstance(node[k], dict | list):
                stack.append(node[k])
    return found


def retyped(value: Any) -> st.SearchStrategy[Any]:
    """A value of another JSON type than ``value``."""
    return SCALARS.filter(lambda v: type(v) is not type(value)) | st.just([value]) | st.just({})


def shifted_date(value: str, days: int) -> Any:
    try:
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return value


MUTATIONS = (
    "drop",
    "add",
    "retype",
    "swap",
    "truncate",
    "duplicate",
    "shuffle",
    "retag",
    "enum",
    "date",
    "number",
)


def mutate(data: st.DataObject, doc: Any) -> Any:
    """Apply one to four mutations to a deep copy of ``doc`` and return it."""
    root = [copy.deepcopy(doc)]
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        places = slots(root)
        kind = data.draw(st.sampled_from(MUTATIONS), label="kind")
        dicts = [(c, k) for c, k in places if isinstance(c[k], dict) and c[k]]
        lists = [(c, k) for c, k in places if isinstance(c[k], list) and c[k]]
        strings = [(c, k) for c, k in places if isinstance(c[k], str)]
        numbers = [
            (c, k)
            for c, k in places
            if isinstance(c[k], int | float) and not isinstance(c[k], bool)
        ]
        tagged = [(c, k) for c, k in dicts if "type" in c[k]]
        if kind == "drop" and dicts:
            c, k = data.draw(st.sampled_from(dicts))
            del c[k][data.draw(st.sampled_from(sorted(c[k])))]
        elif kind == "add" and dicts:
            c, k = data.draw(st.sampled_from(dicts))
            c[k][data.draw(TOKENS | ODD_TEXT)] = data.draw(SCALARS)
        elif kind == "retype":
            c, k = data.draw(st.sampled_from(places))
            c[k] = data.draw(retyped(c[k]))
        elif kind == "swap" and len(places) > 1:
            (c, k), (d, j) = data.draw(st.lists(st.sampled_from(places), min_size=2, max_size=2))
            c[k] = copy.deepcopy(d[j])
        elif kind == "truncate" and lists:
            c, k = data.draw(st.sampled_from(lists))
            del c[k][data.draw(st.integers(0, len(c[k]) - 1)) :]
        elif kind == "duplicate" and lists:
            c, k = data.draw(st.sampled_from(lists))
            i = data.draw(st.integers(0, len(c[k]) - 1))
            c[k].insert(data.draw(st.integers(0, len(c[k]))), copy.deepcopy(c[k][i]))
        elif kind == "shuffle" and lists:
            c, k = data.draw(st.sampled_from(lists))
            c[k][:] = data.draw(st.permutations(c[k]))
        elif kind == "retag" and tagged:
            c, k = data.draw(st.sampled_from(tagged))
            c[k]["type"] = data.draw(st.sampled_from(sorted(EVENT_TAGS.values())) | ODD_TEXT)
        elif kind == "enum" and strings:
            c, k = data.draw(st.sampled_from(strings))
            c[k] = data.draw(st.sampled_from(ENUM_VALUES))
        elif kind == "date" and strings:
            c, k = data.draw(st.sampled_from(strings))
            c[k] = shifted_date(c[k], data.draw(st.integers(-400, 400)))
        elif kind == "number" and numbers:
            c, k = data.draw(st.sampled_from(numbers))
            c[k] = data.draw(NUMBERS)
    return root[0]


SOURCES = st.one_of(
    partnerships(max_organisations=5, max_steps=15),
    portfolios(max_partnerships=2, max_steps=8),
    policies(),
)


class TestMutatedDocuments:
    """Valid documents, damaged: read as their own class, as another, and in an envelope."""

    @fuzz_settings(250)
    @given(data=st.data())
    def test_corpus_mutated(
        self, corpus: tuple[tuple[type, Any], ...], data: st.DataObject
    ) -> None:
        cls, obj = data.draw(st.sampled_from(corpus), label="seed")
        doc = mutate(data, psp.to_data(obj))
        read(doc, cls)
        read(doc, data.draw(st.sampled_from(TARGETS), label="other class"))

    @fuzz_settings(100)
    @given(data=st.data(), obj=SOURCES)
    def test_generated_mutated(self, data: st.DataObject, obj: Any) -> None:
        doc = mutate(data, psp.to_data(obj))
        read(doc, type(obj))

    def test_corpus_covers_every_target(self, corpus: tuple[tuple[type, Any], ...]) -> None:
        assert {cls for cls, _ in corpus} >= set(TARGETS)

    def test_corpus_is_valid(self, corpus: tuple[tuple[type, Any], ...]) -> None:
        for cls, obj in corpus:
            assert read(psp.to_data(obj), cls) == obj

    def test_mutations_change_documents(self, corpus: tuple[tuple[type, Any], ...]) -> None:
        # The mutator is not a no-op: over the corpus most mutated documents are refused.
        @given(data=st.data())
        @settings(max_examples=60, derandomize=True, database=None)
        def refusals(data: st.DataObject) -> None:
            cls, obj = data.draw(
                st.sampled_from([(c, o) for c, o in corpus if c is psp.Partnership])
            )
            doc = mutate(data, psp.to_data(obj))
            if read(doc, cls) is None:
                refused.append(doc)

        refused: list[Any] = []
        refusals()
        assert len(refused) >= 20


# -- the versioned document readers --------------------------------------------------------


@pytest.mark.skipif(not DOCUMENT_READERS, reason="psp has no versioned documents")
class TestDocumentReaders:
    """``from_document`` and ``check_document`` on any JSON, inside and outside an envelope,
    and on mutated valid documents."""

    @fuzz_settings(200)
    @given(value=JSON)
    def test_any_value(self, value: Any) -> None:
        read_document(value)

    @fuzz_settings(150)
    @given(value=JSON, doc_type=st.sampled_from(["partnership", "portfolio", "partner", "x"]))
    def test_any_data_in_an_envelope(self, value: Any, doc_type: str) -> None:
        version = getattr(psp, "SCHEMA_VERSION", 1)
        read_document(
            {"psp": "document", "schema_version": version, "type": doc_type, "data": value}
        )

    @fuzz_settings(100)
    @given(data=st.data(), obj=SOURCES)
    def test_mutated_documents(self, data: st.DataObject, obj: Any) -> None:
        read_document(mutate(data, psp.to_document(obj)))


# -- hostile inputs -------------------------------------------------------------------------


class EscapedError(Exception):
    """A foreign exception escaped a reader. Raised without the reader's frames: pytest
    prints the arguments of each frame in a traceback, and cannot print these."""


def refusal(read: Callable[[], Any]) -> ConversionError:
    try:
        read()
    except ConversionError as e:
        return e
    except Exception as e:  # noqa: BLE001 - any other exception is the failure
        raise EscapedError(f"{type(e).__name__}: {e}") from None
    raise AssertionError("a hostile input was accepted")


def deep_list(depth: int) -> Any:
    return nest("x", depth, as_dict=False)


def deep_dict(depth: int) -> Any:
    return nest("x", depth, as_dict=True)


HUGE_INT = 10**5000  # past CPython's 4300-digit limit on int -> str
# Each input is made inside its test: pytest cannot show them as parameters.
HOSTILE: dict[str, Callable[[], tuple[Any, type]]] = {
    "deep id": lambda: ({"id": deep_list(50_000), "name": "P"}, psp.Partnership),
    "deep document": lambda: (deep_list(50_000), psp.Partnership),
    "deep dict": lambda: ({"id": "p", "name": deep_dict(50_000)}, psp.Partnership),
    "deep focus": lambda: ({"id": "p", "name": "P", "focus": deep_list(50_000)}, psp.Partnership),
    "deep event tag": lambda: (
        {"id": "p", "name": "P", "history": [{"type": deep_list(50_000)}]},
        psp.Partnership,
    ),
    "huge int as float": lambda: ({"name": "x", "value": HUGE_INT}, psp.Baseline),
    "huge int as text": lambda: ({"id": HUGE_INT, "name": "P"}, psp.Partnership),
    "huge int as count": lambda: ({"every": HUGE_INT, "unit": "weeks"}, psp.Cadence),
}
HOSTILE_DOCUMENTS: dict[str, Callable[[], Any]] = {
    "list as type": lambda: {"psp": "document", "schema_version": 2, "type": [], "data": {}},
    "dict as type": lambda: {"psp": "document", "schema_version": 2, "type": {}, "data": {}},
    "huge version": lambda: {"psp": "document", "schema_version": HUGE_INT, "type": "partner"},
}


class TestHostileInputs:
    """Inputs built to break a reader: nesting far past the recursion limit, integers
    past CPython's int-to-text limit, a megabyte of text. Each must be refused with a
    ConversionError whose text can be shown and stays short.

    These once escaped (a huge int's repr, an unhashable document type); they stay as
    regression tests."""

    @pytest.mark.parametrize(
        "case",
        list(HOSTILE),
    )
    def test_from_data(self, case: str) -> None:
        data, cls = HOSTILE[case]()
        error = refusal(lambda: psp.from_data(data, cls))
        check_refusal(error)
        assert len(str(error)) < 2_000

    @pytest.mark.skipif(not DOCUMENT_READERS, reason="psp has no versioned documents")
    @pytest.mark.parametrize("case", list(HOSTILE_DOCUMENTS))
    def test_from_document(self, case: str) -> None:
        document = HOSTILE_DOCUMENTS[case]()
        check_refusal(refusal(lambda: DOCUMENT_READERS[0](document)))

    def test_problems_do_not_echo_huge_values(self) -> None:
        error = refusal(
            lambda: psp.from_data({"id": "a", "name": "A", "sector": "x" * 10**6}, psp.Partner)
        )
        assert len(str(error)) < 2_000
