"""Open vocabularies: a field that takes an enum's members or a term of the user's own.

Link kinds, focuses and survey themes have built-in values (the members of
:class:`psp.LinkKind`, :class:`psp.Focus`, :class:`psp.Theme`) and take terms beyond
them written ``prefix:name`` (``acme:mentors``, ``evaluation:set-up``): lower-case
letters, digits and single hyphens on each side of one colon. No built-in value has a
colon, so a term never collides with one, nor with one added later. A built-in value
reads as its member; a term as a :class:`Term`, a ``str`` that is equal to (and hashes
as) its text. :func:`term_of` is the one check of such a field (docs/vocabularies.md).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any, Final, TypeVar

from psp._base.checks import _a_label, _plural
from psp._base.errors import InvalidValueError

__all__ = ["MAX_TERM", "TERM_PATTERN", "TERM_RULE", "Term", "term_label", "term_of", "terms_of"]

E = TypeVar("E", bound=enum.Enum)

#: The most characters a term has (the most an id has).
MAX_TERM: Final = 100
#: The grammar of a term, as a regular expression for JSON Schema and OpenAPI's
#: ``pattern`` (with ``maxLength`` :data:`MAX_TERM`).
TERM_PATTERN: Final = "^[a-z][a-z0-9]*(-[a-z0-9]+)*:[a-z0-9]+(-[a-z0-9]+)*$"
# ASCII only; fullmatch, so no newline slips past $.
_TERM: Final = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*:[a-z0-9]+(?:-[a-z0-9]+)*")
#: What a term must be, as a refusal says it.
TERM_RULE: Final = (
    "a term of your own is written prefix:name, each part lower-case letters, digits"
    f" and single hyphens, {MAX_TERM} characters at most (such as acme:mentors)"
)


class Term(str):
    """A term of your own in an open vocabulary: ``prefix:name`` (docs/vocabularies.md).

    A ``str``, equal to its text; made only from text in the form, so a typed program
    says ``Term("acme:mentors")`` where a built-in value would be a member or its text.

    >>> Term("acme:mentors") == "acme:mentors", Term("evaluation:set-up").prefix
    (True, 'evaluation')
    >>> Term("mentors")
    Traceback (most recent call last):
    ...
    psp.InvalidValueError: term: a term of your own is written prefix:name, ... (got 'mentors')
    """

    __slots__ = ()

    def __new__(cls, value: str) -> Term:
        return _term("term", value)

    @property
    def prefix(self) -> str:
        """The part before the colon: whose vocabulary the term is from."""
        return self.partition(":")[0]

    @property
    def name(self) -> str:
        """The part after the colon."""
        return self.partition(":")[2]

    def __repr__(self) -> str:
        return f"Term({str.__str__(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Term, (str.__str__(self),))


def _term(field: str, value: object) -> Term:
    """``value`` (plain text) as a :class:`Term`, or refused with the rule."""
    if type(value) is not str:
        if not issubclass(type(value), str):
            raise InvalidValueError(field, value, TERM_RULE, code="malformed-term")
        value = str.__str__(value)
    if len(value) > MAX_TERM or _TERM.fullmatch(value) is None:
        raise InvalidValueError(field, value, TERM_RULE, code="malformed-term")
    return str.__new__(Term, value)


def term_of(enum_cls: type[E], field: str, value: object) -> E | Term:
    """``value`` as a member of ``enum_cls`` (a member or its value) or a :class:`Term`.

    Text with a colon that is not in the form is refused with the rule
    (``malformed-term``); anything else that is not a member's value is refused as an
    unknown choice, the reason listing the members and the form of a term.

    >>> from psp import LinkKind
    >>> term_of(LinkKind, "kind", "funds"), term_of(LinkKind, "kind", "acme:mentors")
    (<LinkKind.FUNDS: 'funds'>, Term('acme:mentors'))
    """
    if isinstance(value, enum_cls):
        return value
    cls = type(value)
    if cls is Term:
        return value  # type: ignore[return-value]
    if issubclass(cls, str):  # type(), not isinstance: __class__ can lie
        text = str.__str__(value)
        member = enum_cls._value2member_map_.get(text)
        if member is not None:
            return member  # type: ignore[return-value]
        if ":" in text:
            return _term(field, text)
    allowed = ", ".join(str(m.value) for m in enum_cls)
    raise InvalidValueError(
        field,
        value,
        f"is not {_a_label(enum_cls)}; expected one of: {allowed}; "
        "or a term of your own, prefix:name (such as acme:mentors)",
        code="unknown-choice",
    )


_EMPTY: frozenset[Any] = frozenset()
# Sets of members only (never of terms, which a document may bring without end), keyed
# by the enum: shared as psp._base.checks.members_of shares its sets.
_INTERNED: dict[tuple[type[enum.Enum], frozenset[Any]], frozenset[Any]] = {}


def terms_of(enum_cls: type[E], field: str, values: Iterable[Any]) -> frozenset[E | Term]:
    """A collection of members, their values or terms as a frozenset (:func:`term_of`)."""
    if values.__class__ is frozenset:
        known = _INTERNED.get((enum_cls, values))  # a set of members made before
        if known is not None:
            return known
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValueError(
            field,
            values,
            f"must be a collection of {_plural(enum_cls)}",
            code="not-a-collection",
        )
    result = frozenset(term_of(enum_cls, f"{field}[{i}]", v) for i, v in enumerate(values))
    if not result:
        return _EMPTY
    if all(type(v) is enum_cls for v in result):
        return _INTERNED.setdefault((enum_cls, result), result)
    return result


def term_label(value: enum.Enum | str) -> str:
    """A value as words: a member's value, or a term's name, hyphens as spaces.

    >>> from psp import Focus
    >>> term_label(Focus.PRISON_LEAVERS), term_label(Term("acme:young-adults"))
    ('prison leavers', 'young adults')
    """
    text = str(value.value) if isinstance(value, enum.Enum) else str.__str__(value)
    return text.rpartition(":")[2].replace("-", " ")
