"""The fast path of :func:`psp.from_data`: plain data straight into constructors (private).

:mod:`psp._interchange.conversion`'s cattrs converter reads a document field by field, gathering
every problem with its path. Most documents have none, and for them that care costs
about half as much again as building the objects. So :func:`psp.from_data` first tries this
reader: per attrs class, a function built once that checks each field's JSON type,
turns it into exactly the value the converter's hook would give (enum member, date,
frozenset, tuple, float, nested object) and calls the class. The class's own
converters and validators then make every domain check, as they do for any caller.

The fast path only ever *declines*: :meth:`FastReader.read` returns :data:`DECLINED`
on anything it does not like or cannot do (whatever the exception, in building a
reader or in reading), and :func:`psp.from_data` reads the same data again through
the detailed converter, which accepts it or reports every problem. So the fast path
may be stricter than the converter, never laxer, and never raises;
``tests/fuzz/test_fuzz_fast_reading.py`` checks both. It reads data that has passed
:func:`psp._interchange.conversion.json_problems` (exact JSON types, text keys, whole numbers in
range, no cycles).

Within one document, equal data for a *shared* class (an organisation, recorded in
every partnership it joins) is read once: later copies get the same immutable
object, as they would had the caller built the partnerships with one ``Partner``.
That saves the constructor's checks and the memory of a copy per partnership.
"""

from __future__ import annotations

import contextvars
import enum
import math
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, cast

from psp._base.errors import _forget
from psp._base.identifiers import OrgId
from psp._base.vocabulary import _term
from psp._interchange.field_types import (
    Boolean,
    Choice,
    Date,
    Events,
    FieldTypes,
    Fixed,
    Identifier,
    Many,
    Nullable,
    Number,
    Open,
    Record,
    RuleCode,
    Table,
    Text,
    Whole,
)
from psp._interchange.given_rules import given_rule

__all__ = ["DECLINED", "Decline", "FastReader"]

Read = Callable[[Any], Any]


class Decline(Exception):  # noqa: N818 - a signal, not an error: nothing reports it
    """The fast path declines this data; the detailed converter reads it instead."""


_DECLINE = Decline()


class _Declined:
    """What :meth:`FastReader.read` returns for data it declines."""

    def __repr__(self) -> str:
        return "DECLINED"


DECLINED: Any = _Declined()

# What one read has made of each shared class's data so far: class, then key, to (data,
# object). A context variable, not an attribute: threads (and tasks) read documents at once.
_SHARED: contextvars.ContextVar[dict[type, dict[str, tuple[Any, Any]]] | None] = (
    contextvars.ContextVar("psp_shared_objects", default=None)
)


def _check_type(kind: type) -> Read:
    def read(value: Any) -> Any:
        if value.__class__ is not kind:
            raise _DECLINE
        return value

    return read


_READ_STR = _check_type(str)
_READ_INT = _check_type(int)
_READ_BOOL = _check_type(bool)


def _read_float(value: Any) -> float:
    cls = value.__class__
    if cls is float:
        if not math.isfinite(value):
            raise _DECLINE
        return value  # type: ignore[no-any-return]
    if cls is int:
        return float(value)
    raise _DECLINE


def _read_org_id(value: Any) -> OrgId:
    if value.__class__ is not str:
        raise _DECLINE
    return OrgId.parse(value)


def _read_enum(kind: type[enum.Enum]) -> Read:
    members = kind._value2member_map_

    def read(value: Any) -> Any:
        member = members.get(value) if value.__class__ is str else None
        if member is None:
            raise _DECLINE
        return member

    return read


def _read_term(kind: type[enum.Enum] | None) -> Read:
    members = {} if kind is None else kind._value2member_map_

    def read(value: Any) -> Any:
        if value.__class__ is not str:
            raise _DECLINE
        member = members.get(value)
        # A malformed term raises InvalidValueError: the fast path declines.
        return _term("value", value) if member is None else member

    return read


def _read_rule(value: Any) -> Any:
    # A code the read was given a rule for; any other is declined (and reported).
    rule = given_rule(value)
    if rule is None:
        raise _DECLINE
    return rule


def _read_optional(inner: Read) -> Read:
    def read(value: Any) -> Any:
        return None if value is None else inner(value)

    return read


def _read_collection(inner: Read, build: Callable[[list[Any]], Any]) -> Read:
    distinct = build is frozenset

    def read(value: Any) -> Any:
        if value.__class__ is not list:
            raise _DECLINE
        items = [inner(item) for item in value]
        result = build(items)
        if distinct and len(result) != len(items):
            raise _DECLINE
        return result

    return read


def _compares_exactly(types: FieldTypes, t: Any) -> bool:
    """Whether equal data of the same JSON types, for a field of type ``t``, is read to
    equal values."""
    match types.describe(t):
        case Date() | Record() | Events() | RuleCode():
            # A date's text has more than one spelling; a nested object is not compared;
            # a rule is the caller's, given per read.
            return False
        case Choice(cls):
            return all(isinstance(m.value, str) for m in cls)
        case Open():
            return True  # text, read to the member or the Term it names
        case Nullable() | Many() | Fixed() | Table() as holder:
            return all(_compares_exactly(types, part) for part in holder.parts)
        case Text() | Whole() | Number() | Boolean() | Identifier():
            return True
    raise AssertionError(t)  # pragma: no cover - the match covers every description


def _can_share(types: FieldTypes, cls: type) -> bool:
    try:
        kind = types.describe(cls)
    except TypeError:  # a class psp cannot read (its types cannot be resolved): not shared
        return False
    return isinstance(kind, Record) and all(_compares_exactly(types, f.type) for f in kind.fields)


def _same_data(data: dict[str, Any], first: dict[str, Any]) -> bool:
    """Whether ``data`` holds what ``first`` (a copy already read, so plain JSON) holds.

    Equal is not enough: True == 1 == 1.0. So each value must also be of its
    counterpart's type. The data has passed the JSON gate (exact JSON types only), so a
    list equal to the first copy's, whose items are text, holds text too.
    """
    if data != first:
        return False
    return all(value.__class__ is first[key].__class__ for key, value in data.items())


def _read_shared(read: Read, cls: type, key: str) -> Read:
    def read_shared(data: Any) -> Any:
        seen = _SHARED.get()
        if seen is None or data.__class__ is not dict:
            return read(data)
        ident = data.get(key)
        if ident.__class__ is not str:
            return read(data)
        mine = seen.get(cls)
        if mine is None:
            mine = seen[cls] = {}
        hit = mine.get(ident)
        # The constructor depends on nothing but the data: the same data, the same object.
        if hit is not None and _same_data(data, hit[0]):
            return hit[1]
        obj = read(data)
        mine[ident] = (data, obj)
        return obj

    return read_shared


class FastReader:
    """Readers for psp's attrs classes, built on first use and cached.

    ``tag_classes`` maps event tags to event classes, ``parse_date`` reads an ISO date
    (``None`` if it is not one), ``event_type`` is the union of events and ``slow``
    gives the detailed converter's hook for a type the fast path does not read itself.
    ``shared`` maps classes whose equal data is read once per document to the key
    (a text field) their copies are found by. What each field type is, the reader
    learns from its descriptions (:mod:`psp._interchange.field_types`).
    """

    def __init__(
        self,
        tag_classes: Mapping[str, type],
        parse_date: Callable[[str], date | None],
        event_type: Any,
        slow: Callable[[Any], Callable[[Any, Any], Any]],
        shared: Mapping[type, str] | None = None,
    ) -> None:
        self._types = FieldTypes(event_type, {cls: tag for tag, cls in tag_classes.items()})
        # Checked now, not when a reader is first built: a class that cannot be shared
        # is psp's mistake, and from_data would take it for data the fast path declines.
        # A class whose fields cannot all be compared exactly is not shared: each copy
        # is read for itself (declined, as the fast path declines all it cannot do).
        self._shared = {
            cls: key for cls, key in (shared or {}).items() if _can_share(self._types, cls)
        }
        self._parse_date = parse_date
        self._slow = slow
        self._readers: dict[tuple[type, bool], Read] = {}
        self._by_tag: dict[str, Read] = {}
        self._own: dict[type, Read] = {}

    def read(self, data: Any, cls: type) -> Any:
        """Read ``data`` as a ``cls`` object, or return :data:`DECLINED`. Never raises
        (an ``Exception``): whatever goes wrong, in building a reader or in reading, the
        fast path declines, and leaves no traceback behind."""
        token = _SHARED.set({})
        try:
            reader = self._reader(cls)
            return DECLINED if reader is None else reader(data)
        except Exception as e:  # noqa: BLE001 - declined: the detailed reader reads it and reports
            # The one Decline is raised again and again: without this, each raise would
            # chain its frames (and the data they hold) onto the last traceback.
            _forget(e)
            return DECLINED
        finally:
            _SHARED.reset(token)

    # -- building ------------------------------------------------------------------

    def _reader(self, t: Any) -> Read | None:
        """How to read a value of type ``t``; ``None``: it needs no conversion (text,
        whose type the caller checks)."""
        match self._types.describe(t):
            case Text():
                return None
            case Whole():
                return _READ_INT
            case Boolean():
                return _READ_BOOL
            case Number():
                return _read_float
            case Date():
                return self._date
            case Identifier():
                return _read_org_id
            case Choice(cls):
                return _read_enum(cls)
            case Open(cls):
                return _read_term(cls)
            case Nullable(inner):
                return _read_optional(self._reader(inner) or _READ_STR)
            case Many(item, build):
                return _read_collection(self._reader(item) or _READ_STR, build)
            case Record(tag=str() as tag) as record:
                return self._own_event(record, tag)
            case Record() as record:
                return self._class_reader(record, tagged=False)
            case Events(variants):
                return self._events(variants)
            case RuleCode():
                return _read_rule
            case Fixed() | Table():
                # Rare (a pair of dates, a policy's table): the converter's hook reads it.
                slow = self._slow(t)
                return lambda value: slow(value, t)
        raise AssertionError(t)  # pragma: no cover - the match covers every description

    def _class_reader(self, record: Record, *, tagged: bool) -> Read:
        key = (record.cls, tagged)
        reader = self._readers.get(key)
        if reader is None:
            # No lock: two threads may build the same reader at once; the readers are
            # equal and either is kept. (No class psp reads holds itself, so building
            # ends: psp._interchange.field_types refuses one that does.)
            reader = self._generate(record, tagged)
            if record.cls in self._shared:
                reader = _read_shared(reader, record.cls, self._shared[record.cls])
            self._readers[key] = reader
        return reader

    def _date(self, value: Any) -> date:
        parsed = self._parse_date(value) if value.__class__ is str else None
        if parsed is None:
            raise _DECLINE
        return parsed

    def _events(self, variants: tuple[tuple[str, type], ...]) -> Read:
        """The union of events: each read by its tag, by its class's reader."""
        classes = dict(variants)
        by_tag = self._by_tag

        def read(value: Any) -> Any:
            tag = value.get("type") if value.__class__ is dict else None
            if tag.__class__ is not str:
                raise _DECLINE
            reader = by_tag.get(tag)
            if reader is None:
                cls = classes.get(tag)
                if cls is None:
                    raise _DECLINE
                record = cast(Record, self._types.describe(cls))
                reader = by_tag[tag] = self._class_reader(record, tagged=True)
            return reader(value)

        return read

    def _own_event(self, record: Record, tag: str) -> Read:
        """An event class read as itself: its tag, if the data has one, must be its own."""
        reader = self._own.get(record.cls)
        if reader is not None:
            return reader
        inner = self._class_reader(record, tagged=True)

        def read(value: Any) -> Any:
            if type(value) is not dict:
                raise _DECLINE
            found = value.get("type", tag)
            if type(found) is not str or found != tag:
                raise _DECLINE
            return inner(value)

        self._own[record.cls] = read
        return read

    def _generate(self, record: Record, tagged: bool) -> Read:
        cls = record.cls
        # Per key in the data: the argument it fills and its reader (None: a str, checked
        # here without a call). A tagged event's "type" has been read by _events.
        table: dict[str, tuple[str, Read | None] | None] = {
            f.name: (f.alias, self._reader(f.type)) for f in record.fields
        }
        if tagged:
            table["type"] = None

        def read(data: Any) -> Any:
            # A missing required key makes cls(**kwargs) raise: the fast path declines.
            if data.__class__ is not dict:
                raise _DECLINE
            kwargs = {}
            for key, value in data.items():
                entry = table[key]  # an unknown key: KeyError, and the fast path declines
                if entry is None:
                    continue
                alias, reader = entry
                if reader is not None:
                    kwargs[alias] = reader(value)
                elif value.__class__ is str:
                    kwargs[alias] = value
                else:
                    raise _DECLINE
            return cls(**kwargs)

        return read
