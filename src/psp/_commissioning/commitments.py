"""Sustainability commitments: a public body's promise to keep funding the service, and
the conditions it hangs on (3.47; Low Moss)."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from typing import Any, Literal, TypeAlias

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError
from psp._base.period import Period

__all__ = [
    "CommitmentStatus",
    "CommitmentStatusName",
    "ExternalCondition",
    "Measure",
    "SustainabilityCommitment",
]


class CommitmentStatus(enum.StrEnum):
    """Where a commitment stands. ``CONDITIONS_MET`` is never recorded: it is a given
    commitment whose conditions the recorded results meet."""

    SOUGHT = "sought"
    GIVEN = "given"
    DECLINED = "declined"
    CONDITIONS_MET = "conditions-met"
    LAPSED = "lapsed"


#: The values of :class:`CommitmentStatus`, for text that names a commitment status.
CommitmentStatusName: TypeAlias = Literal["sought", "given", "declined", "conditions-met", "lapsed"]


def _number(field: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidValueError(field, value, "must be a finite number", code="not-a-number")
    return float(value)


def _name(value: str) -> str:
    return _checks.text("name", value)


def _baseline(value: float) -> float:
    return _number("baseline", value)


def _target(value: float) -> float:
    return _number("target", value)


def _result(value: float | None) -> float | None:
    return None if value is None else _number("result", value)


def _flag(value: bool) -> bool:
    return _checks.a_bool("higher_is_better", value)


@attrs.frozen
class Measure:
    """An agreed measure of the pilot's success: from ``baseline`` to ``target``, and the
    ``result`` once recorded. For reoffending, lower is better (Low Moss's baseline: the
    53% reoffending rate of short-term prisoners).

    >>> m = Measure("reoffending rate (%)", baseline=53, target=45, higher_is_better=False)
    >>> m.is_met, Measure(m.name, 53, 45, False, result=41).is_met
    (False, True)
    """

    name: str = attrs.field(converter=_name)
    baseline: float = attrs.field(converter=_baseline)
    target: float = attrs.field(converter=_target)
    higher_is_better: bool = attrs.field(default=True, converter=_flag)
    result: float | None = attrs.field(default=None, converter=_result)

    @property
    def is_met(self) -> bool:
        """Whether a result is recorded and reaches the target."""
        if self.result is None:
            return False
        return self.result >= self.target if self.higher_is_better else self.result <= self.target


def _outcome(value: bool | None) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise InvalidValueError(
            "outcome", value, "must be true (favourable), false or none", code="not-a-boolean"
        )
    return value


@attrs.frozen
class ExternalCondition:
    """An event outside the partnership the commitment depends on (Low Moss: "the outcome
    of the Spending Review in 2014"); ``outcome`` is ``None`` until it is known."""

    name: str = attrs.field(converter=_name)
    outcome: bool | None = attrs.field(default=None, converter=_outcome)


def _id(value: str) -> str:
    return _checks.an_id("id", value)


def _by(value: str) -> str:
    return _checks.an_id("by", value)


def _on_behalf_of(value: Iterable[str]) -> frozenset[str]:
    return _checks.ids("on_behalf_of", value)


def _what(value: str) -> str:
    return _checks.text("what", value)


def _amount(value: int | None) -> int | None:
    if value is None:
        return None
    return _checks.whole("amount", value, 0, _checks.MAX_AMOUNT, " of pounds")


def _period(value: Period | None) -> Period | None:
    if value is not None and not isinstance(value, Period):
        raise InvalidValueError("period", value, "must be a Period", code="wrong-type")
    return value


def _measures(value: Iterable[Measure]) -> tuple[Measure, ...]:
    return _unique("measures", Measure, value)


def _conditions(value: Iterable[ExternalCondition]) -> tuple[ExternalCondition, ...]:
    return _unique("conditions", ExternalCondition, value)


def _unique(
    field: str, cls: type[Measure | ExternalCondition], value: Iterable[object]
) -> tuple[Any, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            field, value, f"must be a sequence of {cls.__name__}", code="not-a-collection"
        )
    items = tuple(value)
    names: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise InvalidValueError(
                f"{field}[{i}]", item, f"must be a {cls.__name__}", code="wrong-type"
            )
        name: str = item.name
        if name in names:
            raise InvalidValueError(f"{field}[{i}].name", name, "is used twice", code="duplicate")
        names.add(name)
    return items


def _recorded_status(value: CommitmentStatus | CommitmentStatusName) -> CommitmentStatus:
    return _checks.member_of(CommitmentStatus, "recorded_status", value)


@attrs.frozen(kw_only=True)
class SustainabilityCommitment:
    """A promise, usually by the CJAs on behalf of the public partners, to continue
    funding the service, contingent on the pilot's ``measures`` and on external
    ``conditions``. Whether its conditions are met is computed from the recorded
    results, never set by hand.

    A partnership records it as sought, then given or declined, and later lapsed;
    results and outcomes are recorded as they come.
    """

    id: str = attrs.field(converter=_id)
    by: str = attrs.field(converter=_by)
    on_behalf_of: frozenset[str] = attrs.field(default=frozenset(), converter=_on_behalf_of)
    what: str = attrs.field(default="continued funding", converter=_what)
    amount: int | None = attrs.field(default=None, converter=_amount)
    period: Period | None = attrs.field(default=None, converter=_period)
    measures: tuple[Measure, ...] = attrs.field(default=(), converter=_measures)
    conditions: tuple[ExternalCondition, ...] = attrs.field(default=(), converter=_conditions)
    recorded_status: CommitmentStatus = attrs.field(
        default=CommitmentStatus.SOUGHT, converter=_recorded_status
    )

    def __attrs_post_init__(self) -> None:
        if self.recorded_status is CommitmentStatus.CONDITIONS_MET:
            raise InvalidValueError(
                "recorded_status",
                "conditions-met",
                "is computed from the results, not recorded",
                code="choice-not-allowed",
            )

    @property
    def conditions_met(self) -> bool:
        """Whether every measure is met and every external condition turned out well
        (a commitment with no conditions at all is unconditional, so met)."""
        return all(m.is_met for m in self.measures) and all(
            c.outcome is True for c in self.conditions
        )

    @property
    def is_conditional(self) -> bool:
        """Whether the commitment hangs on any measure or external condition."""
        return bool(self.measures or self.conditions)

    @property
    def status(self) -> CommitmentStatus:
        """The recorded status, or ``CONDITIONS_MET`` for a given commitment whose
        conditions are met."""
        if self.recorded_status is CommitmentStatus.GIVEN and self.conditions_met:
            return CommitmentStatus.CONDITIONS_MET
        return self.recorded_status

    def unmet(self) -> tuple[str, ...]:
        """The names of the measures and conditions not (yet) met."""
        return tuple(m.name for m in self.measures if not m.is_met) + tuple(
            c.name for c in self.conditions if c.outcome is not True
        )
