"""Lossless conversion between psp objects and JSON-ready plain data.

One private cattrs converter, strict in what it reads: exact JSON types (no ``"5"``
for 5, no ``1`` for ``true``), ISO dates, enum values, no unknown keys, and explicit
``type`` tags on events. Everything it refuses comes out as one
:class:`psp.ConversionError` that lists every problem with its path.
"""

from __future__ import annotations

import enum
import functools
import math
import operator
import re
import types
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final, TypeVar, Union, get_args, get_origin

import attrs

from psp._aggregate import events as _events
from psp._aggregate.partnership import Partnership
from psp._base import checks as _checks
from psp._base.errors import (
    ConversionError,
    InvalidValueError,
    Problem,
    PSPError,
    _forget,
    _short_repr,
)
from psp._base.identifiers import OrgId
from psp._interchange.fast_reading import DECLINED, FastReader
from psp._partners.organisation import Partner

if TYPE_CHECKING:
    import cattrs

# cattrs is imported where the converter is built, on first use: ``import psp`` does
# not pay for it (a third of psp's import time).

__all__ = ["from_data", "json_problems", "to_data"]

T = TypeVar("T")

EVENT_TAGS: Final = _events.EVENT_TAGS  # each event class's tag, read from psp.Event
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d is Unicode


def _refuse(value: object, reason: str) -> InvalidValueError:
    return InvalidValueError(None, value, reason)


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _refuse(value, "must be text")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(value, "must be a whole number")
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refuse(value, "must be a number")
    if not math.isfinite(value):
        raise _refuse(value, "must be a finite number")
    return float(value)


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _refuse(value, "must be true or false")
    return value


def _parse_date(text: str) -> date | None:
    """The date ``text`` names in ISO form (YYYY-MM-DD, ASCII digits), or ``None``.

    Not cached: a cache keyed on the text a document brings would keep refused text,
    and outlive the call; and a cache hit saved under a tenth of a microsecond a date
    over this shape test and ``date.fromisoformat``."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        return None
    try:
        return date.fromisoformat(text)  # digits only, in this shape: nothing else passes
    except ValueError:
        return None


def _structure_date(value: object, _: type) -> date:
    if not isinstance(value, str):
        raise _refuse(value, "must be a date in ISO form, YYYY-MM-DD")
    parsed = _parse_date(value)
    if parsed is None:
        if _ISO_DATE.fullmatch(value):
            raise _refuse(value, "is not a real calendar date")
        raise _refuse(value, "must be a date in ISO form, YYYY-MM-DD")
    return parsed


def _structure_org_id(value: object, _: type) -> OrgId:
    if not isinstance(value, str):
        raise _refuse(value, "must be text in org-id form, like GB-SC-SC012710")
    try:
        return OrgId.parse(value)
    except InvalidValueError as e:
        raise _refuse(value, e.reason) from None


_TAG_CLASSES: Final[Mapping[str, type]] = {tag: cls for cls, tag in EVENT_TAGS.items()}


def _event_structurer(converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    hooks = {cls: converter.get_structure_hook(cls) for cls in EVENT_TAGS}
    allowed = ", ".join(EVENT_TAGS.values())

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _refuse(value, "must be an object (a JSON dict) with a 'type' tag")
        if "type" not in value:
            raise InvalidValueError("type", None, "is required but missing")
        tag = value["type"]
        cls = _TAG_CLASSES.get(tag) if isinstance(tag, str) else None
        if cls is None:
            raise InvalidValueError(
                "type", tag, f"is not an event type; expected one of: {allowed}"
            )
        return hooks[cls](value, cls)  # an event class's own hook reads its tag

    return structure


def _is_event_class(t: Any) -> bool:
    return t in EVENT_TAGS


def _own_event_structurer(t: Any, converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    """An event class read as itself: its ``type`` tag, if the data has one, must be its own."""
    inner = _attrs_structurer(t, converter)
    tag = EVENT_TAGS[t]

    def structure(value: object, _: Any) -> Any:
        if isinstance(value, dict) and "type" in value:
            if value["type"] != tag:
                found = value["type"]
                raise InvalidValueError("type", found, f"must be {tag!r} for a {t.__name__}")
            value = {k: v for k, v in value.items() if k != "type"}
        return inner(value, t)

    return structure


def _event_unstructurer(converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    hooks = {cls: converter.get_unstructure_hook(cls) for cls in EVENT_TAGS}

    def unstructure(event: Any) -> dict[str, Any]:
        cls = type(event)
        return {"type": EVENT_TAGS[cls], **hooks[cls](event)}

    return unstructure


def _attrs_structurer(t: Any, converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    from cattrs.gen import make_dict_structure_fn

    inner = make_dict_structure_fn(t, converter)

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _refuse(value, "must be an object (a JSON dict)")
        return inner(value, t)

    return structure


# The plain value: a StrEnum member is a str, but not a plain one. ``_value_`` is the
# attribute Enum.value reads, without the descriptor's cost.
_enum_value: Final[Callable[[enum.Enum], Any]] = operator.attrgetter("_value_")


def _optional_of(t: Any) -> Any:
    """``X`` for ``X | None``, else ``None``."""
    args = get_args(t)
    if get_origin(t) in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return args[0] if args[1] is type(None) else args[1]
    return None


def _optional_unstructurer(t: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
    from cattrs.fns import identity

    inner = converter.get_unstructure_hook(_optional_of(t))
    if inner is identity:  # text and numbers are written as they are, and so is None
        return identity
    if inner is _enum_value:  # the commonest optional: a table, so no Python call at all
        values: dict[Any, Any] = {None: None, **{m: m._value_ for m in _optional_of(t)}}
        return values.__getitem__
    return lambda value: None if value is None else inner(value)


def _structure_enum(value: object, t: type[enum.Enum]) -> enum.Enum:
    # psp's enums are StrEnums: their values are text, so nothing else is looked up
    # (Enum's own lookup would repr a hostile value in its error message).
    member = t._value2member_map_.get(value) if isinstance(value, str) else None
    if member is None:
        allowed = ", ".join(str(m.value) for m in t)
        raise _refuse(value, f"is not a {_checks._label(t)}; expected one of: {allowed}")
    return member


def _is_mapping(t: Any) -> bool:
    return get_origin(t) is Mapping


def _mapping_structurer(t: Any, converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    from cattrs.gen import make_mapping_structure_fn

    inner = make_mapping_structure_fn(t, converter)

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _refuse(value, "must be an object (a JSON dict)")
        return inner(value, t)

    return structure


def _is_frozenset(t: Any) -> bool:
    return t is frozenset or get_origin(t) is frozenset


def _is_collection(t: Any) -> bool:
    # frozenset[X], tuple[X, ...] and Sequence[X]: the only collections psp's types use.
    args = get_args(t)
    return get_origin(t) in (frozenset, Sequence, list) or (
        get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis
    )


def _is_fixed_tuple(t: Any) -> bool:
    # tuple[X, Y]: a pair of dates (CadenceCheck.overdue) is the only one psp's types use.
    args = get_args(t)
    return get_origin(t) is tuple and bool(args) and Ellipsis not in args


def _read_items(
    value: list[Any] | tuple[Any, ...],
    hooks: Sequence[tuple[Callable[[Any, Any], Any], Any]],
    t: Any,
) -> list[Any]:
    """Each item read by its hook; every failing item reported together, at its index."""
    from cattrs.errors import IterableValidationError, IterableValidationNote

    items = []
    errors: list[Exception] = []
    for index, (item, (handler, item_type)) in enumerate(zip(value, hooks, strict=True)):
        try:
            items.append(handler(item, item_type))
        except Exception as e:  # noqa: BLE001 - gathered, then raised as one group
            e.__notes__ = [
                *getattr(e, "__notes__", []),
                IterableValidationNote(f"Structuring item @ index {index}", index, item_type),
            ]
            errors.append(e)
    if errors:
        raise IterableValidationError(f"{len(errors)} invalid item(s)", errors, t)
    return items


def _fixed_tuple_structurer(t: Any, converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    hooks = [(converter.get_structure_hook(a), a) for a in get_args(t)]
    n = len(hooks)

    def structure(value: object, _: Any) -> Any:
        # Text is a sequence too: refused whole, not read letter by letter.
        if not isinstance(value, list | tuple):
            raise _refuse(value, f"must be a list of {n} items")
        if len(value) != n:
            raise _refuse(value, f"must hold exactly {n} items, not {len(value)}")
        return tuple(_read_items(value, hooks, t))

    return structure


def _collection_structurer(t: Any, converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    origin = get_origin(t)
    item_type = get_args(t)[0]
    handler = converter.get_structure_hook(item_type)

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise _refuse(value, "must be a list")
        items = _read_items(value, [(handler, item_type)] * len(value), t)
        if origin is frozenset:
            result = frozenset(items)
            if len(result) != len(items):
                raise _refuse(value, "lists the same item twice")
            return result
        return items if origin is list else tuple(items)

    return structure


def _frozenset_unstructurer(t: Any, converter: cattrs.Converter) -> Callable[[Any], list[Any]]:
    # Sets have no order; sorted lists make the output deterministic.
    args = get_args(t)
    item = args[0] if args else Any
    if item is str:
        return sorted
    if isinstance(item, type) and issubclass(item, enum.StrEnum):
        # A StrEnum member sorts as its value; the list holds the plain values.
        return lambda value: [m._value_ for m in sorted(value)]
    unstructure = converter.get_unstructure_hook(item)

    def to_list(value: frozenset[Any]) -> list[Any]:
        return sorted(unstructure(v) for v in value)

    return to_list


def _fixed_tuple_unstructurer(t: Any, converter: cattrs.Converter) -> Callable[[Any], list[Any]]:
    # A pair of dates is a JSON list, as every other sequence is: to_data writes no tuple.
    hooks = [converter.get_unstructure_hook(a) for a in get_args(t)]
    return lambda value: [hook(v) for hook, v in zip(hooks, value, strict=True)]


def _is_sequence(t: Any) -> bool:
    return _is_collection(t) and get_origin(t) is not frozenset


def _sequence_unstructurer(t: Any, converter: cattrs.Converter) -> Callable[[Any], list[Any]]:
    # A list comprehension: cattrs' own hook feeds a generator to list(), a third slower.
    from cattrs.fns import identity

    unstructure = converter.get_unstructure_hook(get_args(t)[0])
    if unstructure is identity:
        return list
    return lambda value: [unstructure(v) for v in value]


def _make_converter() -> cattrs.Converter:
    import cattrs
    from cattrs.gen import make_dict_unstructure_fn, override

    c = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    c.register_structure_hook(str, _structure_str)
    c.register_structure_hook(int, _structure_int)
    c.register_structure_hook(float, _structure_float)
    c.register_structure_hook(bool, _structure_bool)
    # StrEnum is a str subclass: registering it ahead of str in the MRO keeps enums strict.
    c.register_structure_hook(enum.Enum, _structure_enum)
    c.register_structure_hook(enum.StrEnum, _structure_enum)
    c.register_structure_hook_factory(attrs.has, _attrs_structurer)
    c.register_structure_hook_factory(_is_event_class, _own_event_structurer)
    c.register_structure_hook(date, _structure_date)
    c.register_unstructure_hook(date, date.isoformat)
    c.register_structure_hook(OrgId, _structure_org_id)
    c.register_unstructure_hook(OrgId, str)
    c.register_unstructure_hook(enum.Enum, _enum_value)
    c.register_unstructure_hook(enum.StrEnum, _enum_value)
    c.register_unstructure_hook_factory(_is_frozenset, _frozenset_unstructurer)
    c.register_unstructure_hook_factory(_is_sequence, _sequence_unstructurer)
    c.register_unstructure_hook_factory(_is_fixed_tuple, _fixed_tuple_unstructurer)
    c.register_unstructure_hook_factory(
        lambda t: _optional_of(t) is not None, _optional_unstructurer
    )
    c.register_structure_hook_factory(_is_collection, _collection_structurer)
    c.register_structure_hook_factory(_is_fixed_tuple, _fixed_tuple_structurer)
    c.register_structure_hook_factory(_is_mapping, _mapping_structurer)
    c.register_structure_hook_func(lambda t: t == _events.Event, _event_structurer(c))
    c.register_unstructure_hook_func(lambda t: t == _events.Event, _event_unstructurer(c))
    c.register_unstructure_hook(
        Partnership, make_dict_unstructure_fn(Partnership, c, _state=override(omit=True))
    )
    return c


@functools.cache
def _converter() -> cattrs.Converter:
    # Built on first use, not at import: ``import psp`` stays light, and the converter's
    # hooks are generated once, then reused by every call and every thread.
    return _make_converter()


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
    tag (also an event on its own). ``json.dumps`` takes it as it is, and
    :func:`from_data` reads it back to an equal object.
    """
    kind = type(obj)
    if kind is list or kind is tuple:
        for index, item in enumerate(obj):
            if not attrs.has(type(item)):
                raise InvalidValueError(f"[{index}]", item, "is not a psp object")
        return [_unstructure(item) for item in obj]
    if not attrs.has(kind):
        raise InvalidValueError(None, obj, "is not a psp object")
    return _unstructure(obj)


def _unstructure(obj: Any) -> Any:
    # An event is written as the union of events writes it: with its ``type`` tag.
    if type(obj) in EVENT_TAGS:
        return _converter().unstructure(obj, _events.Event)
    return _converter().unstructure(obj)


def from_data(data: Any, cls: type[T]) -> T:
    """Read plain data written by :func:`to_data` back into a ``cls`` object.

    ``cls`` is one of psp's own types (a class psp exports, or :data:`psp.Event`),
    ``datetime.date``, ``str``, ``int``, ``float`` or ``bool``, or a ``list[X]`` or
    ``tuple[X, ...]`` of one of these; any other target is refused before reading.
    ``data`` must be exact JSON data (dicts with text keys, lists, str, int, float,
    bool, None; whole numbers within ``±(2**53 - 1)``, no cycles). Every check the
    object's constructor makes is made; any problem raises a
    :class:`psp.ConversionError` whose ``problems`` list each fault with its path
    (``$.history[3].roles[0]``) and reason. No other exception escapes.
    """
    problems = _target_problems(cls) or json_problems(data)
    if not problems:
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


# -- the one gate: what a reader takes as data, and which targets it builds ------------

_JSON_SCALARS: Final = frozenset({str, int, float, bool, type(None)})


def _plain(data: Any) -> bool:
    """Whether ``data`` is a tree of exact JSON types with text keys and whole numbers in
    range: one pass, no paths, no recursion, each container once. The common case."""
    low, high = -_checks.MAX_WHOLE, _checks.MAX_WHOLE
    kind = type(data)
    if kind is not dict and kind is not list:
        return kind in _JSON_SCALARS and (kind is not int or low <= data <= high)
    stack = [data]
    seen = {id(data)}
    while stack:
        node = stack.pop()
        if type(node) is dict:
            for key in node:
                if type(key) is not str:
                    return False
            values = node.values()
        else:
            values = node
        for value in values:
            kind = type(value)
            if kind is str or kind is bool or value is None or kind is float:
                continue
            if kind is int:
                if not low <= value <= high:
                    return False
            elif kind is dict or kind is list:
                if id(value) in seen:  # shared or a cycle: the careful walk tells which
                    return False
                seen.add(id(value))
                stack.append(value)
            else:
                return False
    return True


def _got(value: object) -> str:
    # Only JSON scalars are shown by value: a caller's object is named by its type,
    # so its __repr__ (which may raise, or be slow) is never called.
    if value is None:
        return ""
    if type(value) in _JSON_SCALARS:
        return f" (got {_short_repr(value)})"
    name = type(value).__name__
    return f" (got {'an' if name[:1].lower() in 'aeiou' else 'a'} {name})"


def json_problems(data: Any) -> list[Problem]:
    """Every way ``data`` is not exact JSON data, each with its path; empty if it is.

    The one gate every reader passes data through before anything else looks at it:
    after it, no caller's code (``__eq__``, ``__hash__``, ``__str__``) can run, no
    key is other than text, and no whole number is past what JSON readers keep
    exactly. Shared containers are allowed (each is checked once); cycles are not.
    At most the first 100 problems are listed (and a last one saying there are more).
    """
    if _plain(data):
        return []
    problems: list[Problem] = []
    if type(data) is not dict and type(data) is not list:
        return [_scalar_problem(data, "$")]
    on_path: set[int] = {id(data)}
    done: set[int] = set()
    # (container, its path, its depth, leaving): a container is pushed again, to be left
    # after its items. A path is built only for a container or a problem, and stops
    # growing at _PATH_DEPTH (showing at most _PATH_KEY characters of a key), so the
    # walk builds no text longer than that whatever the data's depth or keys.
    stack: list[tuple[Any, str, int, bool]] = [(data, "$", 0, False)]
    while stack and len(problems) < _MAX_PROBLEMS:
        node, path, depth, leaving = stack.pop()
        if leaving:
            on_path.discard(id(node))
            done.add(id(node))
            continue
        stack.append((node, path, depth, True))
        nested: list[tuple[Any, str, int, bool]] = []
        if type(node) is dict:
            pairs: Any = node.items()
        else:
            pairs = enumerate(node)
        for k, v in pairs:
            kind = type(v)
            if type(node) is dict and type(k) is not str:
                problems.append(Problem(path, f"has a key that is not text{_got(k)}"))
                continue
            if kind is str or kind is bool or v is None or kind is float:
                continue
            if kind is int and -_checks.MAX_WHOLE <= v <= _checks.MAX_WHOLE:
                continue
            where = _child_path(path, k, depth)
            if kind is dict or kind is list:
                if id(v) in on_path:
                    problems.append(Problem(where, "holds itself: JSON data has no cycles"))
                elif id(v) not in done:
                    on_path.add(id(v))
                    nested.append((v, where, depth + 1, False))
            else:
                problems.append(_scalar_problem(v, where))
        stack.extend(reversed(nested))
    if len(problems) >= _MAX_PROBLEMS:
        del problems[_MAX_PROBLEMS:]
        problems.append(Problem("$", f"has more problems: the first {_MAX_PROBLEMS} are listed"))
    return problems


def _child_path(path: str, key: str | int, depth: int) -> str:
    if depth >= _PATH_DEPTH:
        return path
    step = f".{_path_key(key)}" if type(key) is str else f"[{key}]"
    return f"{path}{step}..." if depth == _PATH_DEPTH - 1 else f"{path}{step}"


def _scalar_problem(value: Any, path: str) -> Problem:
    """The problem with a value that is no container and failed the gate: a whole number
    out of range, or not JSON data at all."""
    if type(value) is int:
        return Problem(
            path,
            f"is out of range: whole numbers are read from {-_checks.MAX_WHOLE:,}"
            f" to {_checks.MAX_WHOLE:,}{_got(value)}",  # a huge one described by its size
        )
    return Problem(path, f"is not JSON data{_got(value)}")


_PATH_DEPTH: Final = 32
_MAX_PROBLEMS: Final = 100
_PATH_KEY: Final = 60


def _path_key(key: str) -> str:
    return key if len(key) <= _PATH_KEY else f"{key[: _PATH_KEY - 3]}..."


@functools.cache
def _public_types() -> frozenset[Any]:
    from psp import _namespace

    exported = (getattr(_namespace, name) for name in _namespace.__all__)
    return frozenset(
        {
            t
            for t in exported
            if isinstance(t, type) and (attrs.has(t) or issubclass(t, enum.Enum) or t is OrgId)
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
