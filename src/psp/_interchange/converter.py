"""psp's cattrs converter: one hook per field type, each built from its description.

Strict in what it reads: exact JSON types (no ``"5"`` for 5, no ``1`` for ``true``),
ISO dates, enum values, no unknown keys, and explicit ``type`` tags on events. Every
hook raises a :class:`psp.PSPError` (or cattrs' own error for a missing or unknown
key, or a group of them, which :mod:`psp._interchange.conversion` turns into problems
with paths). Which hook a type gets is decided by its description
(:mod:`psp._interchange.field_types`), in :func:`_structure_hook` and
:func:`_unstructure_hook`; cattrs generates the per-class functions
(``make_dict_structure_fn``) and dispatches.
"""

from __future__ import annotations

import enum
import math
import operator
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final, cast, get_args

import attrs

from psp._base import checks as _checks
from psp._base.checks import OMITTED_IF_DEFAULT
from psp._base.errors import InvalidValueError, UnknownReferenceError
from psp._base.identifiers import OrgId
from psp._base.vocabulary import Term, _term, term_of
from psp._interchange.field_types import (
    Boolean,
    Choice,
    Date,
    Description,
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
from psp._lifecycle.policy import Rule

if TYPE_CHECKING:
    import cattrs

# cattrs is imported where the converter is built, on first use: ``import psp`` does
# not pay for it (a third of psp's import time).

__all__ = ["make_converter", "parse_date"]

Structure = Callable[[Any, Any], Any]
Unstructure = Callable[[Any], Any]

_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d is Unicode


def make_converter(field_types: FieldTypes) -> cattrs.Converter:
    """A converter whose every hook comes from ``field_types``' descriptions."""
    import cattrs

    c = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    c.register_structure_hook_factory(
        _any_type, lambda t, c: _structure_hook(field_types.describe(t), t, c)
    )
    c.register_unstructure_hook_factory(
        _any_type, lambda t, c: _unstructure_hook(field_types.describe(t), t, c)
    )
    # cattrs looks up the hooks it registers for a class (str, int and float, and so
    # bool and every StrEnum, their subclasses) before any factory: these classes are
    # given the factory's hooks by name. (A StrEnum's hooks read the enum they are
    # called for, so one serves them all.)
    for cls in (str, int, float, bool, enum.StrEnum, Term):
        c.register_structure_hook(cls, _structure_hook(field_types.describe(cls), cls, c))
        c.register_unstructure_hook(cls, _unstructure_hook(field_types.describe(cls), cls, c))
    return c


def _any_type(_: Any) -> bool:
    return True


def _structure_hook(kind: Description, t: Any, c: cattrs.Converter) -> Structure:
    """The hook reading data into a ``t``, whose description is ``kind``."""
    match kind:
        case Text():
            return _structure_str
        case Whole():
            return _structure_int
        case Number():
            return _structure_float
        case Boolean():
            return _structure_bool
        case Date():
            return _structure_date
        case Identifier():
            return _structure_org_id
        case Choice():
            return _structure_enum
        case Open(cls):
            return _term_structurer(cls)
        case Nullable(inner):
            return _optional_structurer(inner, c)
        case Many(item, build):
            return _collection_structurer(t, item, build, c)
        case Fixed(items):
            return _fixed_tuple_structurer(t, items, c)
        case Table():
            return _mapping_structurer(t, c)
        case Record(cls, tag=str() as tag):
            return _own_event_structurer(cls, tag, c)
        case Record(cls):
            return _attrs_structurer(cls, c)
        case Events(variants):
            return _event_structurer(variants, c)
        case RuleCode():
            return _structure_rule
    raise AssertionError(kind)  # pragma: no cover - the match covers every description


def _unstructure_hook(kind: Description, t: Any, c: cattrs.Converter) -> Unstructure:
    """The hook writing a ``t``, whose description is ``kind``, as plain data."""
    from cattrs.fns import identity
    from cattrs.gen import make_dict_unstructure_fn, make_mapping_unstructure_fn, override

    match kind:
        case Text() | Whole() | Number() | Boolean():
            return identity
        case Date():
            return date.isoformat
        case Identifier():
            return str
        case Choice():
            return _enum_value
        case Open():
            return _plain_text
        case Nullable(inner):
            return _optional_unstructurer(inner, c)
        case Many(build=build) if build is frozenset:
            return _frozenset_unstructurer(t, c)
        case Many(item):
            return _sequence_unstructurer(item, c)
        case Fixed(items):
            return _fixed_tuple_unstructurer(items, c)
        case Table():
            return make_mapping_unstructure_fn(t, c, unstructure_to=dict)
        case Record(cls, fields):
            # A policy without rules of its own is written as before rules were: a
            # document without them reads in every psp that reads its schema version.
            # So is a field marked OMITTED_IF_DEFAULT (added since, as a fund's shares).
            declared = attrs.fields_dict(cls)
            omitted = {
                f.name: override(omit_if_default=True)
                for f in fields
                if f.type == _RULES_TYPE or declared[f.name].metadata.get(OMITTED_IF_DEFAULT)
            }
            return make_dict_unstructure_fn(cls, c, **cast(dict[str, Any], omitted))
        case Events(variants):
            return _event_unstructurer(variants, c)
        case RuleCode():
            return _rule_code
    raise AssertionError(kind)  # pragma: no cover - the match covers every description


# -- reading: the leaves -----------------------------------------------------------


def _refuse(value: object, reason: str, *, code: str) -> InvalidValueError:
    return InvalidValueError(None, value, reason, code=code)


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _refuse(value, "must be text", code="not-text")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(value, "must be a whole number", code="not-a-number")
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refuse(value, "must be a number", code="not-a-number")
    if not math.isfinite(value):
        raise _refuse(value, "must be a finite number", code="not-a-number")
    return float(value)


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _refuse(value, "must be true or false", code="not-a-boolean")
    return value


def parse_date(text: str) -> date | None:
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
        raise _refuse(value, "must be a date in ISO form, YYYY-MM-DD", code="not-a-date")
    parsed = parse_date(value)
    if parsed is None:
        if _ISO_DATE.fullmatch(value):
            raise _refuse(value, "is not a real calendar date", code="not-a-date")
        raise _refuse(value, "must be a date in ISO form, YYYY-MM-DD", code="not-a-date")
    return parsed


def _structure_org_id(value: object, _: type) -> OrgId:
    if not isinstance(value, str):
        raise _refuse(
            value, "must be text in org-id form, like GB-SC-SC012710", code="invalid-org-id"
        )
    try:
        return OrgId.parse(value)
    except InvalidValueError as e:
        raise _refuse(value, e.reason, code=e.code) from None


def _structure_enum(value: object, t: type[enum.Enum]) -> enum.Enum:
    # psp's enums are StrEnums: their values are text, so nothing else is looked up
    # (Enum's own lookup would repr a hostile value in its error message).
    member = t._value2member_map_.get(value) if isinstance(value, str) else None
    if member is None:
        allowed = ", ".join(str(m.value) for m in t)
        raise _refuse(
            value,
            f"is not {_checks._a_label(t)}; expected one of: {allowed}",
            code="unknown-choice",
        )
    return member


def _term_structurer(cls: type[enum.Enum] | None) -> Structure:
    """An open vocabulary: a member of ``cls`` or a term (a term only, if ``None``)."""

    def structure(value: object, _: Any) -> Any:
        try:
            if cls is None:
                return _term("value", value)
            return term_of(cls, "value", value)
        except InvalidValueError as e:
            raise _refuse(value, e.reason, code=e.code) from None

    return structure


def _structure_rule(value: object, _: type) -> Rule:
    if not isinstance(value, str):
        raise _refuse(value, "must be a rule's code (text)", code="not-text")
    rule = given_rule(value)
    if rule is None:
        raise UnknownReferenceError(
            None,
            value,
            "is not the code of a rule the reader was given: pass the fund's rules, "
            "from_data(..., rules=[...]); psp never makes a rule from data",
            code="unknown-rule",
        )
    return rule


# -- reading: what holds other values -------------------------------------------------


def _optional_structurer(inner: Any, converter: cattrs.Converter) -> Structure:
    hook = converter.get_structure_hook(inner)

    def structure(value: object, _: Any) -> Any:
        return None if value is None else hook(value, inner)

    return structure


def _attrs_structurer(t: Any, converter: cattrs.Converter) -> Structure:
    from cattrs.gen import make_dict_structure_fn

    inner = make_dict_structure_fn(t, converter)

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _refuse(value, "must be an object (a JSON dict)", code="wrong-type")
        return inner(value, t)

    return structure


def _own_event_structurer(t: Any, tag: str, converter: cattrs.Converter) -> Structure:
    """An event class read as itself: its ``type`` tag, if the data has one, must be its own."""
    inner = _attrs_structurer(t, converter)

    def structure(value: object, _: Any) -> Any:
        if isinstance(value, dict) and "type" in value:
            if value["type"] != tag:
                found = value["type"]
                raise InvalidValueError(
                    "type", found, f"must be {tag!r} for a {t.__name__}", code="wrong-tag"
                )
            value = {k: v for k, v in value.items() if k != "type"}
        return inner(value, t)

    return structure


def _event_structurer(
    variants: Sequence[tuple[str, type]], converter: cattrs.Converter
) -> Structure:
    classes = dict(variants)
    hooks = {cls: converter.get_structure_hook(cls) for cls in classes.values()}
    allowed = ", ".join(classes)

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _refuse(
                value, "must be an object (a JSON dict) with a 'type' tag", code="wrong-type"
            )
        if "type" not in value:
            raise InvalidValueError("type", None, "is required but missing", code="missing")
        tag = value["type"]
        cls = classes.get(tag) if isinstance(tag, str) else None
        if cls is None:
            raise InvalidValueError(
                "type",
                tag,
                f"is not an event type; expected one of: {allowed}",
                code="unknown-choice",
            )
        return hooks[cls](value, cls)  # an event class's own hook reads its tag

    return structure


def _mapping_structurer(t: Any, converter: cattrs.Converter) -> Structure:
    from cattrs.gen import make_mapping_structure_fn

    inner = make_mapping_structure_fn(t, converter)

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _refuse(value, "must be an object (a JSON dict)", code="wrong-type")
        return inner(value, t)

    return structure


def _read_items(
    value: list[Any] | tuple[Any, ...],
    hooks: Sequence[tuple[Structure, Any]],
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


def _fixed_tuple_structurer(
    t: Any, item_types: Sequence[Any], converter: cattrs.Converter
) -> Structure:
    hooks = [(converter.get_structure_hook(a), a) for a in item_types]
    n = len(hooks)

    def structure(value: object, _: Any) -> Any:
        # Text is a sequence too: refused whole, not read letter by letter.
        if not isinstance(value, list | tuple):
            raise _refuse(value, f"must be a list of {n} items", code="not-a-collection")
        if len(value) != n:
            raise _refuse(
                value, f"must hold exactly {n} items, not {len(value)}", code="wrong-length"
            )
        return tuple(_read_items(value, hooks, t))

    return structure


def _collection_structurer(
    t: Any, item_type: Any, build: Callable[[list[Any]], Any], converter: cattrs.Converter
) -> Structure:
    handler = converter.get_structure_hook(item_type)

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise _refuse(value, "must be a list", code="not-a-collection")
        items = _read_items(value, [(handler, item_type)] * len(value), t)
        result = build(items)
        if build is frozenset and len(result) != len(items):
            raise _refuse(value, "lists the same item twice", code="duplicate")
        return result

    return structure


# -- writing ---------------------------------------------------------------------------

# A member's value or a term's text, as a plain str.
_plain_text: Final[Callable[[str], str]] = str.__str__

# The plain value: a StrEnum member is a str, but not a plain one. ``_value_`` is the
# attribute Enum.value reads, without the descriptor's cost.
_enum_value: Final[Callable[[enum.Enum], Any]] = operator.attrgetter("_value_")


_rule_code: Final[Callable[[Rule], str]] = operator.attrgetter("code")
_RULES_TYPE: Final = tuple[Rule, ...]


def _optional_unstructurer(inner_type: Any, converter: cattrs.Converter) -> Unstructure:
    from cattrs.fns import identity

    inner = converter.get_unstructure_hook(inner_type)
    if inner is identity:  # text and numbers are written as they are, and so is None
        return identity
    if inner is _enum_value:  # the commonest optional: a table, so no Python call at all
        values: dict[Any, Any] = {None: None, **{m: m._value_ for m in inner_type}}
        return values.__getitem__
    return lambda value: None if value is None else inner(value)


def _frozenset_unstructurer(t: Any, converter: cattrs.Converter) -> Callable[[Any], list[Any]]:
    # Sets have no order; sorted lists make the output deterministic.
    from cattrs.fns import identity

    (item,) = get_args(t)
    unstructure = converter.get_unstructure_hook(item)
    if unstructure is identity:  # text and numbers sort as they are written
        return sorted
    if unstructure is _enum_value:
        # psp's enums are StrEnums: a member sorts as its value; the list holds the values.
        return lambda value: [m._value_ for m in sorted(value)]

    def to_list(value: frozenset[Any]) -> list[Any]:
        return sorted(unstructure(v) for v in value)

    return to_list


def _fixed_tuple_unstructurer(
    item_types: Sequence[Any], converter: cattrs.Converter
) -> Callable[[Any], list[Any]]:
    # A pair of dates is a JSON list, as every other sequence is: to_data writes no tuple.
    hooks = [converter.get_unstructure_hook(a) for a in item_types]
    return lambda value: [hook(v) for hook, v in zip(hooks, value, strict=True)]


def _sequence_unstructurer(item: Any, converter: cattrs.Converter) -> Callable[[Any], list[Any]]:
    # A list comprehension: cattrs' own hook feeds a generator to list(), a third slower.
    from cattrs.fns import identity

    unstructure = converter.get_unstructure_hook(item)
    if unstructure is identity:
        return list
    return lambda value: [unstructure(v) for v in value]


def _event_unstructurer(
    variants: Sequence[tuple[str, type]], converter: cattrs.Converter
) -> Callable[[Any], dict[str, Any]]:
    hooks = {cls: (tag, converter.get_unstructure_hook(cls)) for tag, cls in variants}

    def unstructure(event: Any) -> dict[str, Any]:
        tag, hook = hooks[type(event)]
        return {"type": tag, **hook(event)}

    return unstructure
