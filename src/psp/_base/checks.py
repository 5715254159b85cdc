"""Small validation helpers shared by the value modules (private)."""

from __future__ import annotations

import enum
from collections.abc import ItemsView, Iterable
from datetime import date, datetime
from typing import Any, Final, Protocol, TypeVar

from psp._base.errors import InvalidValueError
from psp._base.identifiers import _ID, ID_RULE, is_id

E = TypeVar("E", bound=enum.Enum)
K_co = TypeVar("K_co", covariant=True)
V_co = TypeVar("V_co", covariant=True)


class ItemsOf(Protocol[K_co, V_co]):
    """For type checkers only: a mapping's items, keys ``K_co`` and values ``V_co``.

    A parameter that takes a mapping with enum keys, members or their values, is typed
    with this rather than ``Mapping[Focus | FocusName, ...]``: a ``Mapping``'s keys are
    invariant, so a ``dict[Focus, ...]`` would not be one; its items are covariant.
    The converter still checks at run time that it is given a real mapping.
    """

    def items(self) -> ItemsView[K_co, V_co]: ...


#: The ranges of psp's whole numbers (docs/guarantees.md). Every whole number a reader
#: takes is within ``±MAX_WHOLE``, the largest that every JSON reader keeps exactly
#: (JavaScript's ``Number.MAX_SAFE_INTEGER``); the domain's numbers are tighter.
MAX_WHOLE: Final = 2**53 - 1
#: Counts of people, answers or members: a billion is more than any partnership counts.
MAX_COUNT: Final = 10**9
#: Sums of money, in whole pounds: a trillion is more than the UK's yearly public spending.
MAX_AMOUNT: Final = 10**12
#: Versions of a document, such as an MoU's.
MAX_VERSION: Final = 10_000
#: The metadata key of a field added to a class a document held before: plain data leaves
#: it out while it has its default, so that such a document reads in an older psp too.
OMITTED_IF_DEFAULT: Final = "omitted_if_default"
#: That field's metadata.
ADDED_SINCE: Final = {OMITTED_IF_DEFAULT: True}


def a_bool(field: str, value: object) -> bool:
    """``value`` if it is ``True`` or ``False`` (not 1, 0 or text), else refused naming
    ``field``."""
    if not isinstance(value, bool):
        raise InvalidValueError(field, value, "must be true or false", code="not-a-boolean")
    return value


def whole(field: str, value: object, low: int, high: int, unit: str = "") -> int:
    """Return ``value`` as a plain ``int`` if it is a whole number from ``low`` to ``high``.

    ``bool`` is refused; an ``int`` subclass is taken as its plain value (its own
    comparisons never run). ``unit`` follows "whole number" in the message
    (``" of pounds"``).
    """
    kind = type(value)
    if kind is not int:
        if kind is bool or not issubclass(kind, int):
            raise InvalidValueError(
                field,
                value,
                f"must be a whole number{unit} from {low:,} to {high:,}",
                code="out-of-range",
            )
        value = int.__int__(value)  # type: ignore[arg-type]
    if not low <= value <= high:  # type: ignore[operator]
        raise InvalidValueError(
            field,
            value,
            f"must be a whole number{unit} from {low:,} to {high:,}",
            code="out-of-range",
        )
    return value  # type: ignore[return-value]


def text(field: str, value: object) -> str:
    """Return ``value`` if it is a non-blank string without surrounding white space.

    A ``str`` subclass (an enum member, say) is taken as its plain text, so none of its
    own methods runs later."""
    if type(value) is not str:
        if not issubclass(type(value), str):  # type(), not isinstance: __class__ can lie
            raise InvalidValueError(field, value, "must be text", code="not-text")
        value = str.__str__(value)
    stripped = value.strip()
    if not stripped:
        raise InvalidValueError(field, value, "must not be empty", code="blank")
    if stripped != value:
        raise InvalidValueError(
            field, value, "must not start or end with white space", code="surrounding-space"
        )
    return value


def free_text(field: str, value: object) -> str:
    """Return ``value`` if it is text: any, empty or not (a note, a reason, a
    description), where :func:`text` wants a non-blank name."""
    if not isinstance(value, str):
        raise InvalidValueError(field, value, "must be text", code="not-text")
    return value


_IS_ID: Final = _ID.fullmatch


def an_id(field: str, value: object) -> str:
    """Return ``value`` if it is an id (:data:`psp._base.identifiers.ID_PATTERN`).

    Every id psp takes, in a value, an event, a command or a reader, passes here: 1 to
    100 characters from ``A-Z a-z 0-9 . _ : ~ -``, starting with a letter or a digit.
    A ``str`` subclass is taken as its plain text, as :func:`text` does."""
    if type(value) is str and _IS_ID(value) is not None:  # the common case, first
        return value
    if issubclass(type(value), str):
        value = str.__str__(value)
        if is_id(value):
            return value
    raise InvalidValueError(field, value, ID_RULE, code="invalid-id")


def optional_id(field: str, value: object) -> str | None:
    """``None``, or an id (:func:`an_id`)."""
    return None if value is None else an_id(field, value)


def ids(field: str, values: Iterable[Any]) -> frozenset[str]:
    """Coerce an iterable of ids to a frozenset, checking each (:func:`an_id`)."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValueError(
            field, values, "must be a collection of ids", code="not-a-collection"
        )
    return frozenset(an_id(f"{field}[{i}]", v) for i, v in enumerate(values)) or _EMPTY


def a_date(field: str, value: object) -> date:
    """Return ``value`` if it is a calendar date (not a datetime: psp has no clock times)."""
    if type(value) is date:  # the common case, first
        return value
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidValueError(
            field, value, "must be a date (datetime.date, not a datetime)", code="not-a-date"
        )
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
            field,
            value,
            f"is not {_a_label(enum_cls)}; expected one of: {allowed}",
            code="unknown-choice",
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
        raise InvalidValueError(
            field, values, f"must be a collection of {_plural(enum_cls)}", code="not-a-collection"
        )
    result = frozenset(member_of(enum_cls, f"{field}[{i}]", v) for i, v in enumerate(values))
    return _INTERNED.setdefault((enum_cls, result), result) if result else _EMPTY


def texts(field: str, values: Iterable[Any]) -> frozenset[str]:
    """Coerce an iterable of strings to a frozenset, checking each."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValueError(
            field, values, "must be a collection of text values", code="not-a-collection"
        )
    return frozenset(text(f"{field}[{i}]", v) for i, v in enumerate(values)) or _EMPTY


def _label(enum_cls: type[enum.Enum]) -> str:
    words: list[str] = []
    for ch in enum_cls.__name__:
        if ch.isupper() and words:
            words.append(" ")
        words.append(ch.lower())
    return "".join(words)


def _a_label(enum_cls: type[enum.Enum]) -> str:
    """The label with its article: "a focus", "an output kind"."""
    label = _label(enum_cls)
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label}"


def _plural(enum_cls: type[enum.Enum]) -> str:
    label = _label(enum_cls)
    if label.endswith("y"):
        return label[:-1] + "ies"  # responsibility -> responsibilities
    if label.endswith("s"):
        return label + "es"  # focus -> focuses
    return label + "s"
