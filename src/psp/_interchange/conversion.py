"""Lossless conversion between psp objects and JSON-ready plain data.

:func:`to_data` writes with psp's cattrs converter (:mod:`psp._interchange.converter`).
:func:`from_data` checks the target, passes the data through the JSON gate
(:mod:`psp._interchange.json_gate`), tries the fast reader
(:mod:`psp._interchange.fast_reading`) and, if it declines, reads with the converter,
strict in what it takes: exact JSON types (no ``"5"`` for 5, no ``1`` for ``true``),
ISO dates, enum values, no unknown keys, and explicit ``type`` tags on events.
Everything it refuses comes out as one :class:`psp.ConversionError` that lists every
problem with its path. The converter, the fast reader and the JSON Schema all learn
what each field type is from one place, :data:`FIELD_TYPES`.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Mapping
from datetime import date
from types import UnionType
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast, get_args, get_origin, overload

import attrs

from psp._aggregate import events as _events
from psp._base.error_codes import ErrorCode
from psp._base.errors import (
    ConversionError,
    InvalidValueError,
    Problem,
    PSPError,
    _forget,
    _short_repr,
)
from psp._base.identifiers import OrgId
from psp._interchange.converter import _frozenset_unstructurer as _frozenset_unstructurer
from psp._interchange.converter import make_converter, parse_date
from psp._interchange.fast_reading import DECLINED, FastReader
from psp._interchange.field_types import FieldTypes
from psp._interchange.given_rules import reading_rules, rules_by_code
from psp._interchange.json_gate import json_problems
from psp._lifecycle.guards import Facts
from psp._lifecycle.policy import Rule
from psp._partners.organisation import Partner

if TYPE_CHECKING:
    import cattrs

__all__ = ["from_data", "json_problems", "to_data"]

T = TypeVar("T")

EVENT_TAGS: Final = _events.EVENT_TAGS  # each event class's tag, read from psp.Event

_TAG_CLASSES: Final[Mapping[str, type]] = {tag: cls for cls, tag in EVENT_TAGS.items()}
# How both paths read a date (psp._interchange.converter); the fast reader is given it.
_parse_date: Final = parse_date

#: What each field type of psp's classes is, for the converter, the fast reader and the
#: JSON Schema alike (:mod:`psp._interchange.field_types`).
FIELD_TYPES: Final = FieldTypes(_events.Event, EVENT_TAGS)


@functools.cache
def _converter() -> cattrs.Converter:
    # Built on first use, not at import: ``import psp`` stays light, and the converter's
    # hooks are generated once, then reused by every call and every thread.
    return make_converter(FIELD_TYPES)


@functools.cache
def _fast_reader() -> FastReader:
    # The fast path of from_data (psp._interchange.fast_reading): built on first use.
    # An organisation is recorded in every partnership it joins: read it once a document.
    return FastReader(
        _TAG_CLASSES,
        _parse_date,
        _events.Event,
        _converter().get_structure_hook,
        shared={Partner: "id"},
    )


def to_data(obj: Any) -> Any:
    """Turn a psp object, or a list or tuple of them, into JSON-ready plain data.

    The result holds only dicts, lists, str, int, float, bool and None; dates are
    ISO strings, enums their values, sets sorted lists, and events carry a ``type``
    tag (also an event on its own). A policy's own rules (:class:`psp.Rule`) are
    written as their codes: their checks are code, never data. ``json.dumps`` takes it as it is, and
    :func:`from_data` reads it back to an equal object.
    """
    kind = type(obj)
    if kind is list or kind is tuple:
        for index, item in enumerate(obj):
            if not attrs.has(type(item)):
                raise InvalidValueError(
                    f"[{index}]", item, "is not a psp object", code="wrong-type"
                )
        return [_unstructure(item) for item in obj]
    if not attrs.has(kind):
        raise InvalidValueError(None, obj, "is not a psp object", code="wrong-type")
    return _unstructure(obj)


def _unstructure(obj: Any) -> Any:
    # An event is written as the union of events writes it: with its ``type`` tag.
    if type(obj) in EVENT_TAGS:
        return _converter().unstructure(obj, _events.Event)
    return _converter().unstructure(obj)


@overload
def from_data(data: Any, cls: type[T], *, rules: Iterable[Rule] | None = None) -> T: ...
@overload
def from_data(
    data: Any, cls: UnionType, *, rules: Iterable[Rule] | None = None
) -> _events.Event: ...
def from_data(
    data: Any, cls: type[T] | UnionType, *, rules: Iterable[Rule] | None = None
) -> T | _events.Event:
    """Read plain data written by :func:`to_data` back into a ``cls`` object.

    ``cls`` is one of psp's own types (a class psp exports, or :data:`psp.Event`),
    ``datetime.date``, ``str``, ``int``, ``float`` or ``bool``, or a ``list[X]`` or
    ``tuple[X, ...]`` of one of these; any other target is refused before reading.
    ``data`` must be exact JSON data (dicts with text keys, lists, str, int, float,
    bool, None; whole numbers within ``±(2**53 - 1)``, no cycles). Every check the
    object's constructor makes is made; any problem raises a
    :class:`psp.ConversionError` whose ``problems`` list each fault with its path
    (``$.history[3].roles[0]``) and reason. No other exception escapes.

    ``rules`` are the fund's own rules (:class:`psp.Rule`) a policy in ``data`` may name
    by code: each code is read back as the rule given with it, never made from data; a
    code no rule given has is a problem (``unknown-rule``).
    """
    book = rules_by_code(rules)
    problems = [Problem("$", book)] if isinstance(book, str) else []
    problems = problems or _target_problems(cls) or json_problems(data)
    if not problems:
        with reading_rules(cast(Mapping[str, Rule], book)):
            found, problems = _read(data, cls)
        if not problems:
            return found  # type: ignore[no-any-return]
    # Raised here, outside any except clause: the error has no __context__ chain, and
    # holds neither the document nor the frames that read it.
    del data
    raise ConversionError(problems)


def _read(data: Any, cls: Any) -> tuple[Any, list[Problem]]:
    """``data`` (exact JSON, checked) read as ``cls`` (checked): the object, or the
    problems. Never raises."""
    if attrs.has(cls):
        found = _fast_reader().read(data, cls)
        if found is not DECLINED:
            return found, []
    from cattrs.errors import ClassValidationError, IterableValidationError

    try:
        return _converter().structure(data, cls), []
    except Exception as e:  # noqa: BLE001 - every error is reported, and then forgotten
        if isinstance(e, PSPError):
            problems = [_problem("$", e)]
        elif isinstance(e, ClassValidationError | IterableValidationError):
            problems = _problems(e, "$")
        else:  # pragma: no cover - no input found reaches here
            # Defensive: the promise is that only ConversionError escapes from_data.
            problems = [Problem("$", f"cannot be read: {_short_repr(e)}")]
        _forget(e)  # breaks the cycles cattrs' errors make with the frames that read data
        return None, problems


# -- which targets from_data builds, and its problems with their paths ------------------


@functools.cache
def _public_types() -> frozenset[Any]:
    from psp import _namespace

    exported = (getattr(_namespace, name) for name in _namespace.__all__)
    return frozenset(
        {
            t
            for t in exported
            if isinstance(t, type)
            and (attrs.has(t) or issubclass(t, enum.Enum) or t is OrgId)
            # Not data: a row of psp's registry of codes; a rule (code; data only by its
            # code); the facts a rule is given (psp makes them, never a reader).
            and t not in (ErrorCode, Rule, Facts)
        }
        | set(EVENT_TAGS)
    )


_PLAIN_TARGETS: Final = (str, int, float, bool, date)


def _readable(t: Any) -> bool:
    try:
        if any(t is p for p in _PLAIN_TARGETS) or t == _events.Event or t in _public_types():
            return True
    except Exception:  # noqa: BLE001 - unhashable, or a caller's object that raises: not a type
        return False
    args = get_args(t)
    origin = get_origin(t)
    if origin is list and len(args) == 1:
        return _readable(args[0])
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _readable(args[0])
    return False


def _type_name(t: Any) -> str:
    if isinstance(t, type):
        return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"
    if get_origin(t) is not None or t is Any:
        return _short_repr(t)
    return f"{type(t).__name__} {_short_repr(t)}"


def _target_problems(cls: Any) -> list[Problem]:
    if _readable(cls):
        return []
    return [
        Problem(
            "$",
            f"cannot read a {_type_name(cls)}: from_data reads psp's own types (the classes"
            " psp exports, psp.Event), datetime.date, str, int, float and bool, and list[X]"
            " or tuple[X, ...] of these",
        )
    ]


def _join(path: str, field: str | None) -> str:
    if not field:
        return path
    return f"{path}{field}" if field.startswith("[") else f"{path}.{field}"


def _problem(path: str, e: Exception) -> Problem:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(e, PSPError):
        shown = "" if e.value is None else f" (got {_short_repr(e.value)})"
        return Problem(_join(path, e.field), f"{e.reason}{shown}")
    if isinstance(e, KeyError):
        return Problem(path, "is required but missing")
    if isinstance(e, ForbiddenExtraKeysError):
        return Problem(path, f"has unknown keys: {', '.join(sorted(e.extra_fields))}")
    # After the JSON gate every hook raises a PSPError, KeyError or cattrs' own error.
    return Problem(path, f"cannot be read: {e}")  # pragma: no cover


def _problems(e: Exception, path: str) -> list[Problem]:
    from cattrs.errors import ClassValidationError, IterableValidationError

    found: list[Problem] = []
    if isinstance(e, ClassValidationError):
        with_notes, without = e.group_exceptions()
        for exc, note in with_notes:
            found.extend(_problems(exc, _join(path, note.name)))
        for exc in without:
            found.extend(_problems(exc, path))
    elif isinstance(e, IterableValidationError):
        with_index, rest = e.group_exceptions()
        for exc, item in with_index:
            found.extend(_problems(exc, f"{path}[{item.index}]"))
        # psp's own hooks note every item's index; kept so a problem is never dropped.
        for exc in rest:  # pragma: no cover
            found.extend(_problems(exc, path))
    else:
        found.append(_problem(path, e))
    return found
