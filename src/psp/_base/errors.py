"""The one error hierarchy of psp.

Every error is a :class:`PSPError`, and each subclass is also the built-in a caller
would reach for (``ValueError``, ``LookupError``), so ``except ValueError`` keeps
working for code that does not know psp.
"""

from __future__ import annotations

import copyreg
import enum
import math
import reprlib
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import attrs

__all__ = [
    "ConversionError",
    "InvalidValueError",
    "PSPError",
    "Problem",
    "RuleViolationError",
    "TransitionRefusedError",
    "UnknownReferenceError",
    "VersionConflictError",
]


class PSPError(Exception):
    """Root of every error psp raises.

    Attributes:
        field: Where the problem is, as a path (``"memberships[3].roles"``), or
            ``None`` when it concerns the whole object.
        value: The offending value (``None`` when there is none).
        reason: One sentence a policy officer understands.
        code: A stable, kebab-case name of the rule or problem (``"second-lead"``),
            for programs to branch on: one of :data:`psp.ERROR_CODES`.
    """

    field: str | None
    value: object
    reason: str
    code: str

    def __init__(self, field: str | None, value: object, reason: str, *, code: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        self.code = code
        super().__init__(field, value, reason)

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own reduce calls ``cls(*args)``: the subclasses' constructors take
        # other arguments, and ``code`` is keyword-only. Made bare and given its state,
        # an unpickled error equals the original attribute by attribute.
        # copyreg.__newobj__ is what pickle writes as NEWOBJ (typeshed does not list it).
        newobj = copyreg.__newobj__  # type: ignore[attr-defined]
        return (newobj, (type(self),), {**self.__dict__, "args": self.args})

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON-safe data, for a service's response body or a log.

        ``code``, ``message`` (``str(error)``), ``field``, ``value`` and ``reason``;
        the subclasses add their own (a :class:`ConversionError` its ``problems``).
        ``value`` is given as itself when JSON can hold it exactly (text up to
        1,000 characters, a whole number within ±(2**53 - 1), a finite number, true,
        false, null, a short list of those), a date as its ISO text, an enum member as
        its value; anything else as the short repr the message shows. A lone surrogate a
        document brought into a message or a path is written as its escape. So
        ``json.dumps(error.to_dict(), allow_nan=False)`` never fails, the text has a UTF-8
        form, and the result is small whatever the value was.
        """
        return {
            "code": _json_text(self.code),
            "message": _json_text(str(self)),
            "field": _json_text(self.field),
            "value": _json_safe(self.value),
            "reason": _json_text(self.reason),
        }

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        shown = "" if self.value is None else f" (got {_short_repr(self.value)})"
        return f"{where}{self.reason}{shown}"


class InvalidValueError(PSPError, ValueError):
    """A value is malformed: a bad identifier, an end before its start, an unknown role."""


class UnknownReferenceError(PSPError, LookupError):
    """Something names an organisation (or another object) the partnership does not know."""


class RuleViolationError(PSPError, ValueError):
    """An operation the domain forbids: a second lead, a double membership, a date out of order."""


class TransitionRefusedError(PSPError, ValueError):
    """A lifecycle step was refused: the table has no such step from the current stage,
    or some of its hard guards are not met.

    Attributes:
        stage: The partnership's stage (a :class:`psp.Stage`).
        step: The step tried (a :class:`psp.Step`).
        findings: Every unmet hard guard (:class:`psp.Finding`), all at once.
    """

    stage: Any
    step: Any
    findings: tuple[Any, ...]

    def __init__(
        self,
        stage: Any,
        step: Any,
        findings: Iterable[Any],
        reason: str | None = None,
        *,
        code: str,
    ) -> None:
        self.stage = stage
        self.step = step
        self.findings = tuple(findings)
        if reason is None:
            unmet = "; ".join(f.message for f in self.findings)
            reason = f"cannot {step.value} from the {stage.value} stage: {unmet}"
        super().__init__("step", step.value, reason, code=code)

    def to_dict(self) -> dict[str, Any]:
        """:meth:`PSPError.to_dict`, with the ``stage``, the ``step`` and the ``findings``
        (each its ``rule``, ``severity``, ``message`` and ``subject``)."""
        return {
            **super().to_dict(),
            "stage": _json_safe(self.stage),
            "step": _json_safe(self.step),
            "findings": [
                {
                    "rule": _json_text(f.rule),
                    "severity": _json_safe(f.severity),
                    "message": _json_text(f.message),
                    "subject": _json_text(f.subject),
                }
                for f in self.findings
            ],
        }


class VersionConflictError(PSPError, ValueError):
    """A write was based on a version of the partnership that is no longer its current one:
    someone else recorded events since. Read the partnership again and retry.

    Attributes:
        expected: The version the writer based its change on.
        actual: The partnership's version.
    """

    expected: int
    actual: int

    def __init__(self, expected: int, actual: int) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(
            "expected_version",
            expected,
            f"the partnership is at version {actual}: events were recorded since",
            code="version-conflict",
        )

    def to_dict(self) -> dict[str, Any]:
        """:meth:`PSPError.to_dict`, with the ``expected`` and the ``actual`` version."""
        return {
            **super().to_dict(),
            "expected": _json_safe(self.expected),
            "actual": _json_safe(self.actual),
        }


@attrs.frozen
class Problem:
    """One problem found in a document: where it is (``path``) and why it is wrong (``reason``)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class ConversionError(PSPError, ValueError):
    """Plain data could not be read as a psp object.

    ``problems`` lists every problem found, each with its path (``$.memberships[3].roles[0]``)
    and reason; ``field`` and ``reason`` repeat the first one.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        first = (
            self.problems[0] if self.problems else Problem("$", "the document could not be read")
        )
        super().__init__(first.path, None, first.reason, code="invalid-document")

    def to_dict(self) -> dict[str, Any]:
        """:meth:`PSPError.to_dict`, with every problem's ``path`` and ``reason``."""
        return {
            **super().to_dict(),
            "problems": [
                {"path": _json_text(p.path), "reason": _json_text(p.reason)} for p in self.problems
            ],
        }

    def __str__(self) -> str:
        if len(self.problems) <= 1:
            return super().__str__()
        lines = [f"{len(self.problems)} problems in the document:"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


class _ShortRepr(reprlib.Repr):
    """reprlib bounds the depth and length of what it shows, so hostile values (deeply
    nested, huge) cannot make an error message raise or take long. It writes a whole
    number out in full before cutting it, and writing one costs time quadratic in its
    digits (past CPython's limit, it raises): a number too long to show, wherever it
    stands, is described by its size, which costs nothing."""

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() <= _SHOWN_BITS:
            return super().repr_int(x, level)
        digits = int(x.bit_length() * _DIGITS_PER_BIT) + 1
        return f"<a {'negative ' if x < 0 else ''}whole number of about {digits:,} digits>"


_SHOWN_BITS = 200  # about 60 digits: longer whole numbers are described, not written
_DIGITS_PER_BIT = 0.30103  # log10(2)
_REPR = _ShortRepr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlist, _REPR.maxdict = 3, 60, 60, 6, 4


def _short_repr(value: object, limit: int = 80) -> str:
    text = _REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


#: What :meth:`PSPError.to_dict` gives as itself: text up to this many characters, lists
#: and tuples up to this many items (of JSON's plain values), whole numbers within
#: JavaScript's safe range. Anything more is given as its short repr.
_JSON_TEXT = 1_000
_JSON_ITEMS = 20
_JSON_WHOLE = 2**53 - 1


def _json_scalar(given: object) -> tuple[bool, object]:
    """``(True, the value as JSON can hold it)`` for a plain value, else ``(False, None)``.

    Types are read with ``type()``, never ``isinstance`` (``__class__`` can lie), and a
    subclass is taken as its plain value, so no method a caller defined is run."""
    value: Any = given
    if issubclass(type(value), enum.Enum):
        value = value.value
    kind = type(value)
    if value is None or kind is bool:
        return True, value
    if issubclass(kind, str):
        if str.__len__(value) <= _JSON_TEXT:
            text = str.__str__(value)
            if text.isascii() or _encodes(text):
                return True, text
    elif issubclass(kind, int):
        number = int.__int__(value)
        if -_JSON_WHOLE <= number <= _JSON_WHOLE:
            return True, number
    elif issubclass(kind, float):
        real = float.__float__(value)
        if math.isfinite(real):
            return True, real
    elif issubclass(kind, datetime):
        return True, datetime.isoformat(value)
    elif issubclass(kind, date):
        return True, date.isoformat(value)
    return False, None


def _encodes(text: str) -> bool:
    """Whether ``text`` has a UTF-8 form (no lone surrogates), as JSON text must."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_text(text: str | None) -> str | None:
    """Text psp wrote (a message, a path), with any lone surrogate a document brought
    written as its escape (``\\ud800``), so that the text has a UTF-8 form."""
    if text is None or text.isascii() or _encodes(text):
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _json_safe(value: object) -> object:
    """``value`` as JSON can hold it exactly, or else the short repr the message shows."""
    plain, safe = _json_scalar(value)
    if plain:
        return safe
    if (
        isinstance(value, list | tuple)
        and type(value) in (list, tuple)
        and len(value) <= _JSON_ITEMS
    ):
        items = [_json_scalar(item) for item in value]
        if all(ok for ok, _ in items):
            return [item for _, item in items]
    return _short_repr(value)


def _forget(error: BaseException) -> None:
    """Drop the tracebacks and chains of ``error`` and of every exception it holds.

    A reader that catches an error and reports it otherwise keeps, until the next
    garbage collection, the cycles the error makes with the frames that raised it
    (cattrs' generated code keeps the errors it gathers in a local): each frame holds
    the document it read. Cleared, they are freed the moment the error is."""
    stack = [error]
    while stack:
        e = stack.pop()
        for linked in (e.__context__, e.__cause__):
            if linked is not None:
                stack.append(linked)
        e.__traceback__ = e.__context__ = e.__cause__ = None
        if isinstance(e, BaseExceptionGroup):
            stack.extend(e.exceptions)


# Errors are shown by their public name (``psp.RuleViolationError``) in tracebacks.
for _cls in (
    PSPError,
    InvalidValueError,
    UnknownReferenceError,
    RuleViolationError,
    TransitionRefusedError,
    ConversionError,
    VersionConflictError,
    Problem,
):
    _cls.__module__ = "psp"
del _cls
