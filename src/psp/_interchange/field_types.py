"""What each field type of psp's classes is, decided once, for every reader and writer.

Three pieces of :mod:`psp._interchange` turn a field's type into work: the cattrs
converter's hooks (:mod:`psp._interchange.converter`), the fast reader's per-class
readers (:mod:`psp._interchange.fast_reading`) and the JSON Schema
(:mod:`psp._interchange.schema`). None of them looks at a type itself: each asks
:meth:`FieldTypes.describe` for the type's *description*, one of the small closed set
below, and has one ``match`` over that set. A new kind of field is taught here once;
until it is, :meth:`FieldTypes.describe` refuses the class that holds it with a
``TypeError`` naming the class and the field, the first time any of the three (or
``tests/test_field_types.py``, which describes every public class) meets it.

The set is what psp's classes use, no more: text, whole numbers, numbers, booleans,
dates, org-ids, enums, open vocabularies (``E | Term``, and ``Term`` alone), ``X | None``,
``frozenset[X]``, ``tuple[X, ...]`` (and ``Sequence[X]``, read as a tuple), ``list[X]``
(a :func:`psp.from_data` target), fixed-length tuples, ``Mapping[K, V]``, attrs classes,
the union of events, and a fund's own :class:`psp.Rule`, written as its code (its check
is the caller's code, never data).
"""

from __future__ import annotations

import enum
import threading
import types
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypeAlias, Union, get_args, get_origin

import attrs

from psp._base.identifiers import OrgId
from psp._base.vocabulary import Term
from psp._lifecycle.policy import Rule

__all__ = [
    "Boolean",
    "Choice",
    "Date",
    "Description",
    "Events",
    "Field",
    "FieldTypes",
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
]


@attrs.frozen
class Text:
    """``str``: JSON text."""


@attrs.frozen
class Whole:
    """``int``: a JSON whole number (not a boolean)."""


@attrs.frozen
class Number:
    """``float``: a JSON number, finite; a whole number is read as a float."""


@attrs.frozen
class Boolean:
    """``bool``: JSON true or false."""


@attrs.frozen
class Date:
    """``datetime.date``: text in ISO form, YYYY-MM-DD."""


@attrs.frozen
class Identifier:
    """:class:`psp.OrgId`: text in org-id form."""


@attrs.frozen
class Choice:
    """An enum: one of its values."""

    cls: type[enum.Enum]


@attrs.frozen
class Open:
    """An open vocabulary, ``cls | Term``: one of the enum's values or a term of your
    own, ``prefix:name`` (:mod:`psp._base.vocabulary`); ``cls`` is ``None`` for
    ``Term`` alone."""

    cls: type[enum.Enum] | None


@attrs.frozen
class Nullable:
    """``inner | None``: null, or an ``inner``."""

    inner: Any

    @property
    def parts(self) -> tuple[Any, ...]:
        """The types it holds."""
        return (self.inner,)


@attrs.frozen
class Many:
    """A JSON list of ``item``, read into a ``build`` (``frozenset``: no item twice,
    written sorted; ``tuple``; ``list``)."""

    item: Any
    build: type[frozenset[Any]] | type[tuple[Any, ...]] | type[list[Any]]

    @property
    def parts(self) -> tuple[Any, ...]:
        """The types it holds."""
        return (self.item,)


@attrs.frozen
class Fixed:
    """``tuple[X, Y, ...]`` of a fixed length: a JSON list of exactly those items."""

    items: tuple[Any, ...]

    @property
    def parts(self) -> tuple[Any, ...]:
        """The types it holds."""
        return self.items


@attrs.frozen
class Table:
    """``Mapping[key, value]``: a JSON object."""

    key: Any
    value: Any

    @property
    def parts(self) -> tuple[Any, ...]:
        """The types it holds."""
        return (self.key, self.value)


@attrs.frozen
class Field:
    """One field a :class:`Record` reads and writes, under its ``name``; its constructor
    argument is ``alias``; ``required``: it has no default."""

    name: str
    alias: str
    type: Any
    required: bool


@attrs.frozen
class Record:
    """An attrs class: a JSON object of its ``fields`` (those its constructor takes).
    ``tag``: an event's tag, which its data may carry under ``type``; else ``None``."""

    cls: type
    fields: tuple[Field, ...]
    tag: str | None


@attrs.frozen
class Events:
    """The union of events: a JSON object whose ``type`` tag names its class.
    ``variants``: each tag and its class, in the order of the tags."""

    variants: tuple[tuple[str, type], ...]


@attrs.frozen
class RuleCode:
    """:class:`psp.Rule`: its ``code``, as text; read back as the rule of that code among
    the rules the reader is given, never made from data."""


Description: TypeAlias = (
    Text
    | Whole
    | Number
    | Boolean
    | Date
    | Identifier
    | Choice
    | Open
    | Nullable
    | Many
    | Fixed
    | Table
    | Record
    | Events
    | RuleCode
)

_LEAVES: Mapping[Any, Description] = {
    str: Text(),
    int: Whole(),
    float: Number(),
    bool: Boolean(),
    date: Date(),
    OrgId: Identifier(),
    Term: Open(None),
}
# The collections of one item type, and what each is read into.
_BUILDS: Mapping[Any, Any] = {frozenset: frozenset, Sequence: tuple, list: list}


class FieldTypes:
    """The descriptions of psp's types, for one union of events and its tags.

    ``events`` is the union of event classes; ``tags`` gives each event class its tag
    (:data:`psp._interchange.conversion.EVENT_TAGS`). Each type is described once and
    kept: the description of an attrs class holds its fields, each field's type
    described in turn, so describing a class checks every type it holds.
    """

    def __init__(self, events: Any, tags: Mapping[type, str]) -> None:
        self._events = events
        self._tags = tags
        self._known: dict[Any, Description] = {}
        self._describing: set[type] = set()
        self._lock = threading.RLock()

    def describe(self, t: Any) -> Description:
        """The description of ``t``; ``TypeError`` if psp cannot read and write it.

        >>> from psp._interchange.conversion import FIELD_TYPES
        >>> FIELD_TYPES.describe(frozenset[str])
        Many(item=<class 'str'>, build=<class 'frozenset'>)
        """
        found = self._known.get(t)
        if found is None:
            # One thread describes at a time (the lock is re-entered as a class's fields
            # are described), so a class being described is one this thread is in.
            with self._lock:
                found = self._known[t] = self._known.get(t) or self._build(t)
        return found

    def _build(self, t: Any) -> Description:
        leaf = _LEAVES.get(t)
        if leaf is not None:
            return leaf
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return Choice(t)
        if t is Rule:  # before attrs classes: a rule is data only by its code
            return RuleCode()
        if isinstance(t, type) and attrs.has(t):
            return self._record(t)
        if t == self._events:  # read by tag: every tagged class, in the order of the tags
            return Events(tuple((tag, self._part(cls)) for cls, tag in self._tags.items()))
        origin, args = get_origin(t), get_args(t)
        if origin in (Union, types.UnionType) and len(args) == 2 and Term in args:
            other = args[0] if args[1] is Term else args[1]
            if isinstance(other, type) and issubclass(other, enum.Enum):
                return Open(other)
        if origin in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
            return Nullable(self._part(args[0] if args[1] is type(None) else args[1]))
        if origin is tuple and args and Ellipsis not in args:
            return Fixed(tuple(self._part(a) for a in args))
        if origin is tuple and len(args) == 2:  # tuple[X, ...]
            return Many(self._part(args[0]), tuple)
        if origin in _BUILDS and len(args) == 1:
            return Many(self._part(args[0]), _BUILDS[origin])
        if origin is Mapping:
            return Table(self._part(args[0]), self._part(args[1]))
        raise TypeError(f"psp reads and writes no {_name(t)}")

    def _part(self, t: Any) -> Any:
        """``t``, described (so refused now if psp cannot read it)."""
        self.describe(t)
        return t

    def _record(self, cls: type) -> Record:
        if cls in self._describing:
            raise TypeError(f"{cls.__qualname__} holds itself: psp reads no such class")
        self._describing.add(cls)
        try:
            try:
                attrs.resolve_types(cls)
            except Exception as e:  # noqa: BLE001 - a NameError, or whatever the annotation raises
                reason = f"its field types cannot be resolved ({e})"
                raise TypeError(f"{cls.__qualname__}: {reason}") from None
            fields = []
            for a in attrs.fields(cls):
                if not a.init:
                    continue  # derived state, never read or written
                try:
                    self.describe(a.type)
                except TypeError as e:
                    raise TypeError(f"{cls.__qualname__}.{a.name}: {e}") from None
                fields.append(Field(a.name, a.alias, a.type, a.default is attrs.NOTHING))
        finally:
            self._describing.discard(cls)
        return Record(cls, tuple(fields), self._tags.get(cls))


def _name(t: Any) -> str:
    return t.__qualname__ if isinstance(t, type) else repr(t)
