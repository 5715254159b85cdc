"""What each field type is, decided once (``psp._interchange.field_types``).

The converter, the fast reader and the JSON Schema all read a type's description, so
they cover the same types: every field of every public class is described, and each of
the three builds what it needs for every type those fields hold. A field of a type psp
does not know is refused when its class is first described, naming the class and the
field.
"""

from __future__ import annotations

import sys
import threading
import typing
from datetime import date
from typing import Any

import attrs
import pytest

import psp
from psp._interchange.conversion import FIELD_TYPES, _converter, _fast_reader
from psp._interchange.fast_reading import DECLINED
from psp._interchange.field_types import (
    Events,
    FieldTypes,
    Fixed,
    Identifier,
    Many,
    Nullable,
    Record,
    Table,
)
from psp._interchange.schema import _Builder

# Every public attrs class but psp.ErrorCode (a row of the registry of codes, which holds
# a class: not data), psp.Rule (data only by its code) and psp.Facts (never read).
PUBLIC_CLASSES = tuple(
    obj
    for name in psp.__all__
    if isinstance(obj := getattr(psp, name), type)
    and attrs.has(obj)
    and obj not in (psp.ErrorCode, psp.Rule, psp.Facts)
)


def _reachable() -> dict[Any, Any]:
    """Every type the public classes and the union of events hold, with its description."""
    found: dict[Any, Any] = {}
    todo: list[Any] = [*PUBLIC_CLASSES, psp.Event]
    while todo:
        t = todo.pop()
        if t in found:
            continue
        kind = found[t] = FIELD_TYPES.describe(t)
        match kind:
            case Record(fields=fields):
                todo.extend(f.type for f in fields)
            case Events(variants):
                todo.extend(cls for _, cls in variants)
            case Nullable() | Many() | Fixed() | Table():
                todo.extend(kind.parts)
    return found


def test_every_field_of_every_public_class_has_a_description() -> None:
    # OrgId is an attrs class, but written as text: its description says so.
    assert FIELD_TYPES.describe(psp.OrgId) == Identifier()
    for cls in PUBLIC_CLASSES:
        if cls is psp.OrgId:
            continue
        record = FIELD_TYPES.describe(cls)
        assert isinstance(record, Record), cls
        # Every field the constructor takes, and only those: the rest is derived state.
        expected = [a.name for a in attrs.fields(cls) if a.init]
        assert [f.name for f in record.fields] == expected, cls
    kinds = {type(kind).__name__ for kind in _reachable().values()}
    # psp's classes use every description there is.
    assert kinds == {
        "Boolean",
        "Choice",
        "Date",
        "Events",
        "Fixed",
        "Identifier",
        "Many",
        "Nullable",
        "Number",
        "Open",
        "Record",
        "RuleCode",
        "Table",
        "Text",
        "Whole",
    }


def test_the_converter_the_fast_reader_and_the_schema_cover_the_same_types() -> None:
    converter, reader, schema = _converter(), _fast_reader(), _Builder()
    for t in _reachable():
        assert callable(converter.get_structure_hook(t)), t
        assert callable(converter.get_unstructure_hook(t)), t
        assert t is str or callable(reader._reader(t)), t
        assert schema.ref(t), t


def test_a_type_is_described_once() -> None:
    assert FIELD_TYPES.describe(psp.Partner) is FIELD_TYPES.describe(psp.Partner)
    assert FIELD_TYPES.describe(tuple[date, ...]) == Many(date, tuple)


def test_the_events_are_described_in_the_order_of_their_tags() -> None:
    from psp._interchange.conversion import EVENT_TAGS

    events = FIELD_TYPES.describe(psp.Event)
    assert isinstance(events, Events)
    assert events.variants == tuple((tag, cls) for cls, tag in EVENT_TAGS.items())
    joined = FIELD_TYPES.describe(psp.MemberJoined)
    assert isinstance(joined, Record)
    assert joined.tag == "member-joined"
    assert FIELD_TYPES.describe(psp.Partner).tag is None  # type: ignore[union-attr]


@attrs.frozen
class Odd:
    name: str
    amount: complex


@attrs.frozen
class OddInside:
    labels: frozenset[str]
    sizes: tuple[int | str, ...]


@attrs.frozen
class Outer:
    inner: Odd | None = None


@attrs.frozen
class Tree:
    children: tuple[Tree, ...] = ()


@attrs.frozen
class Loose:
    counts: dict[str, int]


class TestRefusals:
    """A field type psp does not know is refused when its class is described, naming
    the class and the field, so whoever adds it finds out at once."""

    @pytest.mark.parametrize(
        ("cls", "message"),
        [
            (Odd, "Odd.amount: psp reads and writes no complex"),
            (OddInside, "OddInside.sizes: psp reads and writes no int | str"),
            (Outer, "Outer.inner: Odd.amount: psp reads and writes no complex"),
            (Tree, "Tree.children: Tree holds itself: psp reads no such class"),
            (Loose, "Loose.counts: psp reads and writes no dict[str, int]"),
        ],
        ids=lambda x: getattr(x, "__name__", "message"),
    )
    def test_an_unknown_field_type(self, cls: type, message: str) -> None:
        types = FieldTypes(psp.Event, {})
        with pytest.raises(TypeError) as raised:
            types.describe(cls)
        assert str(raised.value) == message
        # Refused again, the same way: a refusal is not kept as a description.
        with pytest.raises(TypeError, match="psp reads"):
            types.describe(cls)

    def test_a_class_whose_field_types_cannot_be_resolved(self) -> None:
        @attrs.frozen
        class Unresolved:
            other: NoSuchType  # type: ignore[name-defined]  # noqa: F821

        with pytest.raises(TypeError, match=r"\.Unresolved: its field types cannot be resolved"):
            FieldTypes(psp.Event, {}).describe(Unresolved)

    def test_the_converter_refuses_and_the_fast_reader_declines(self) -> None:
        with pytest.raises(TypeError, match=r"^Odd\.amount: "):
            _converter().get_structure_hook(Odd)
        with pytest.raises(TypeError, match=r"^Odd\.amount: "):
            _converter().unstructure(Odd("a", 1j))
        assert _fast_reader().read({"name": "a", "amount": 1}, Odd) is DECLINED

    def test_a_type_alone(self) -> None:
        with pytest.raises(TypeError, match=r"^psp reads and writes no Any$"):
            FIELD_TYPES.describe(typing.Any)


def test_threads_describing_at_once_agree() -> None:
    # A class being described is not taken for one that holds itself because another
    # thread is describing it too.
    from psp._interchange.conversion import EVENT_TAGS

    types = FieldTypes(psp.Event, EVENT_TAGS)
    start = threading.Barrier(8)
    found: list[Any] = []

    def describe() -> None:
        start.wait()
        try:
            found.append(types.describe(psp.Portfolio))
        except TypeError as e:  # the failure this test looks for
            found.append(e)

    threads = [threading.Thread(target=describe) for _ in range(8)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often, so their descriptions overlap
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert all(isinstance(kind, Record) for kind in found), found
    assert len(found) == 8
