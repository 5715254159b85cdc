"""Output events and their effects: a service's numeric targets set and revised
(``OutputTargetSet``), and what it delivered recorded (``OutputRecorded``) (private)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import RuleViolationError, UnknownReferenceError
from psp._base.period import Period, a_period
from psp._base.vocabulary import Term
from psp._commissioning.outputs import OutputKind, OutputKindName, output_kind

__all__ = ["OutputRecorded", "OutputTargetSet"]


def _output_id(value: str) -> str:
    return _checks.an_id("output_id", value)


def _kind(value: OutputKind | OutputKindName | Term) -> OutputKind | Term:
    return output_kind("kind", value)


def _target(value: int) -> int:
    return _checks.whole("target", value, 0, _checks.MAX_COUNT)


def _value(value: int) -> int:
    return _checks.whole("value", value, 0, _checks.MAX_COUNT)


def _period(value: Period) -> Period:
    return a_period("period", value)


def _unit(value: str | None) -> str | None:
    return None if value is None else _checks.text("unit", value)


def _note(value: str) -> str:
    return _checks.free_text("note", value)


@attrs.frozen(kw_only=True)
class OutputTargetSet(Recorded):
    """A numeric target a service sets on ``on``: ``target`` of ``kind`` (people served,
    staff in post, sessions, ...) over ``period`` (a pilot year, a quarter), ``unit``
    saying what is counted where the kind does not. Setting a target again for the
    same output and period revises it; an output keeps the kind it was first set with."""

    TAG: ClassVar[str] = "output-target-set"

    on: date = attrs.field(converter=fields.on_date)
    output_id: str = attrs.field(converter=_output_id)
    kind: OutputKind | Term = attrs.field(converter=_kind)
    target: int = attrs.field(converter=_target)
    period: Period = attrs.field(converter=_period)
    unit: str | None = attrs.field(default=None, converter=_unit)
    note: str = attrs.field(default="", converter=_note)

    def _apply(self, state: State) -> None:
        first = state.output_kinds.get(self.output_id)
        if first is not None and first != self.kind:
            raise RuleViolationError(
                "kind",
                str(self.kind),
                f"output {self.output_id} counts {first}; an output keeps its kind "
                "(set a target under a new output id)",
                code="output-kind-changed",
            )
        if first is None:
            state.output_kinds = state.put(state.output_kinds, self.output_id, self.kind)
        state.output_targets = state.output_targets.appended(self)


@attrs.frozen(kw_only=True)
class OutputRecorded(Recorded):
    """What a service delivered: ``value`` of an output that has a target, over
    ``period``, recorded on ``on`` (on or after the period starts)."""

    TAG: ClassVar[str] = "output-recorded"

    on: date = attrs.field(converter=fields.on_date)
    output_id: str = attrs.field(converter=_output_id)
    period: Period = attrs.field(converter=_period)
    value: int = attrs.field(converter=_value)
    note: str = attrs.field(default="", converter=_note)

    def _apply(self, state: State) -> None:
        if self.output_id not in state.output_kinds:
            raise UnknownReferenceError(
                "output_id",
                self.output_id,
                "is not an output this partnership has set a target for; set one first",
                code="unknown-output",
            )
        if self.period.start > self.on:
            raise RuleViolationError(
                "period",
                str(self.period),
                f"starts after the day it is recorded ({self.on.isoformat()}); "
                "what was delivered is recorded once the period has begun",
                code="actual-in-future",
            )
        state.outputs = state.outputs.appended(self)
