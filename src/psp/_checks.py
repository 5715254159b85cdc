"""Small validation helpers shared by the value modules (private)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from psp._errors import InvalidValueError

E = TypeVar("E", bound=enum.Enum)


def text(field: str, value: object) -> str:
    """Return ``value`` if it is a non-blank string without surrounding white space."""
    if not isinstance(value, str):
        raise InvalidValueError(field, value, "must be text")
    stripped = value.strip()
    if not stripped:
        raise InvalidValueError(field, value, "must not be empty")
    if stripped != value:
        raise InvalidValueError(field, value, "must not start or end with white space")
    return value


def a_date(field: str, value: object) -> date:
    """Return ``value`` if it is a calendar date (not a datetime: psp has no clock times)."""
    if type(value) is date:  # the common case, first
        return value
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidValueError(field, value, "must be a date (datetime.date, not a datetime)")
    return value


def member_of(enum_cls: type[E], field: str, value: object) -> E:
    """Coerce ``value`` (a member or its value) to a member of ``enum_cls``."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except (ValueError, TypeError):
        allowed = ", ".join(str(m.value) for m in enum_cls)
        raise InvalidValueError(
            field, value, f"is not a {_label(enum_cls)}; expected one of: {allowed}"
        ) from None


_EMPTY: frozenset[Any] = frozenset()
# Sets of enum members are few (a subset of a small enum) and repeat in every event and
# membership: one shared instance of each saves memory on large data sets. Keyed by the
# enum too: a set of Focus.OTHER equals a set of PublicBodyKind.OTHER (both are "other").
_INTERNED: dict[tuple[type[enum.Enum], frozenset[Any]], frozenset[Any]] = {}


def members_of(enum_cls: type[E], field: str, values: Iterable[Any]) -> frozenset[E]:
    """Coerce an iterable of members or values to a frozenset of ``enum_cls`` members."""
    if values.__class__ is frozenset:
        # A set equal to one already made gives that one: psp's enums are StrEnums, so
        # equal means the same values, which name the same members.
        known = _INTERNED.get((enum_cls, values))
        if known is not None:
            return known
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValueError(field, values, f"must be a collection of {_plural(enum_cls)}")
    result = frozenset(member_of(enum_cls, f"{field}[{i}]", v) for i, v in enumerate(values))
    return _INTERNED.setdefault((enum_cls, result), result) if result else _EMPTY


def texts(field: str, values: Iterable[Any]) -> frozenset[str]:
    """Coerce an iterable of strings to a frozenset, checking each."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValueError(field, values, "must be a collection of text values")
    return frozenset(text(f"{field}[{i}]", v) for i, v in enumerate(values)) or _EMPTY


def _label(enum_cls: type[enum.Enum]) -> str:
    words: list[str] = []
    for ch in enum_cls.__name__:
        if ch.isupper() and words:
            words.append(" ")
        words.append(ch.lower())
    return "".join(words)


def _plural(enum_cls: type[enum.Enum]) -> str:
    label = _label(enum_cls)
    if label.endswith("y"):
        return label[:-1] + "ies"  # responsibility -> responsibilities
    if label.endswith("s"):
        return label + "es"  # focus -> focuses
    return label + "s"
