"""Lifecycle events and their effects: steps between stages, what the design stage
produces, and waivers of a rule (private)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.pmap import OrderedPMap
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import (
    InvalidValueError,
    RuleViolationError,
    TransitionRefusedError,
    UnknownReferenceError,
)
from psp._base.period import Period
from psp._lifecycle.design import Baseline, Consultation, LogicModel, ServiceDesign
from psp._lifecycle.guards import step_findings
from psp._lifecycle.policy import _NOT_WAIVABLE, Finding, Waiver
from psp._lifecycle.stages import Step, StepName, next_stage

__all__ = [
    "BaselineRecorded",
    "ConsultationHeld",
    "DesignApproved",
    "LogicModelAgreed",
    "RuleWaived",
    "ServiceDesignAgreed",
    "StepTaken",
    "WaiverWithdrawn",
]


def _step(value: Step | StepName) -> Step:
    return _checks.member_of(Step, "step", value)


def _funder(value: str) -> str:
    return _checks.an_id("funder", value)


@attrs.frozen(kw_only=True)
class StepTaken(Recorded):
    """The partnership moved on in its lifecycle (see :data:`psp.TRANSITIONS`)."""

    TAG: ClassVar[str] = "step-taken"

    on: date = attrs.field(converter=fields.on_date)
    step: Step = attrs.field(converter=_step)
    reason: str = attrs.field(default="", converter=fields.reason)

    RECORDED_WHEN_CLOSED: ClassVar[bool] = True

    def _warnings(self, state: State) -> tuple[Finding, ...]:
        """Take the step, or refuse it for its guards' breaches; return their warnings.

        The guards are evaluated once: :meth:`psp.Partnership.step` returns the warnings
        of the same evaluation that let the step through. It refuses exactly for the
        breaches :meth:`psp.Partnership.blockers` lists: one judge of a step.
        """
        findings = step_findings(
            self.step,
            state.facts(self.on),
            state.policy,
            self.reason,
            state.waivers_on(self.on),
        )
        breaches = tuple(f for f in findings if f.blocking)
        if breaches:
            # A step the table lacks is refused in the finding's own words.
            first = breaches[0]
            reason = first.message if first.rule == "no-such-step" else None
            raise TransitionRefusedError(
                state.stage,
                self.step,
                breaches,
                reason,
                code="guards-unmet" if reason is None else "step-not-allowed",
            )
        target = next_stage(state.stage, self.step)
        assert target is not None  # step_findings reports a step the table lacks
        state.stages = state.stages.appended((self.on, self.step, target))
        state.stage = target
        return tuple(f for f in findings if not f.blocking)


@attrs.frozen(kw_only=True)
class BaselineRecorded(Recorded):
    """A baseline figure was recorded as evidence for the design."""

    TAG: ClassVar[str] = "baseline-recorded"

    on: date = attrs.field(converter=fields.on_date)
    baseline: Baseline

    def __attrs_post_init__(self) -> None:
        fields.instance("baseline", Baseline, self.baseline)

    def _apply(self, state: State) -> None:
        state.baselines = state.baselines.appended(self.baseline)


@attrs.frozen(kw_only=True)
class ConsultationHeld(Recorded):
    """Service users were consulted."""

    TAG: ClassVar[str] = "consultation-held"

    on: date = attrs.field(converter=fields.on_date)
    consultation: Consultation

    def __attrs_post_init__(self) -> None:
        fields.instance("consultation", Consultation, self.consultation)

    def _apply(self, state: State) -> None:
        state.consultations = state.consultations.appended((self.on, self.consultation))


@attrs.frozen(kw_only=True)
class LogicModelAgreed(Recorded):
    """The partnership agreed its logic model (replacing any earlier one)."""

    TAG: ClassVar[str] = "logic-model-agreed"

    on: date = attrs.field(converter=fields.on_date)
    model: LogicModel

    def __attrs_post_init__(self) -> None:
        fields.instance("model", LogicModel, self.model)

    def _apply(self, state: State) -> None:
        state.logic_model = self.model


@attrs.frozen(kw_only=True)
class ServiceDesignAgreed(Recorded):
    """The partnership agreed its service design; an earlier design's approvals lapse."""

    TAG: ClassVar[str] = "service-design-agreed"

    on: date = attrs.field(converter=fields.on_date)
    design: ServiceDesign

    def __attrs_post_init__(self) -> None:
        fields.instance("design", ServiceDesign, self.design)

    def _apply(self, state: State) -> None:
        state.service_design = self.design
        state.design_approvals = OrderedPMap()


@attrs.frozen(kw_only=True)
class DesignApproved(Recorded):
    """A funder approved the current service design."""

    TAG: ClassVar[str] = "design-approved"

    on: date = attrs.field(converter=fields.on_date)
    funder: str = attrs.field(converter=_funder)

    def _apply(self, state: State) -> None:
        state.known("funder", self.funder)
        if state.service_design is None:
            raise RuleViolationError(
                "funder",
                self.funder,
                "there is no service design to approve",
                code="nothing-to-approve",
            )
        if self.funder in state.design_approvals:
            raise RuleViolationError(
                "funder",
                self.funder,
                f"{state.name_of(self.funder)} has already approved this design",
                code="already-approved",
            )
        state.design_approvals = state.put(state.design_approvals, self.funder, self.on)


def _rule(value: str) -> str:
    return _checks.an_id("rule", value)


def _granted_by(value: str) -> str:
    return _checks.an_id("granted_by", value)


def _why(value: str) -> str:
    return _checks.text("reason", value)


def _until(value: date | None) -> date | None:
    return None if value is None else _checks.a_date("until", value)


@attrs.frozen(kw_only=True)
class RuleWaived(Recorded):
    """A programme waived one of its rules for this partnership, from ``on`` (up to
    ``until``, if given): ``granted_by`` (an organisation the partnership knows, a
    member or not) and why (``reason``)."""

    TAG: ClassVar[str] = "rule-waived"

    on: date = attrs.field(converter=fields.on_date)
    rule: str = attrs.field(converter=_rule)
    granted_by: str = attrs.field(converter=_granted_by)
    reason: str = attrs.field(converter=_why)
    until: date | None = attrs.field(default=None, converter=_until)

    def __attrs_post_init__(self) -> None:
        if self.until is not None and self.until <= self.on:
            raise InvalidValueError(
                "until",
                self.until.isoformat(),
                f"must be after the day the waiver is granted ({self.on.isoformat()})",
                code="end-before-start",
            )

    @property
    def waiver(self) -> Waiver:
        """The waiver it grants."""
        return Waiver(self.rule, self.granted_by, Period(self.on, self.until), self.reason)

    def _apply(self, state: State) -> None:
        state.known("granted_by", self.granted_by)
        policy = state.policy
        if self.rule in _NOT_WAIVABLE:
            raise RuleViolationError(
                "rule",
                self.rule,
                "is one of psp's own rules of the lifecycle, not a programme's: "
                "no waiver sets it aside",
                code="not-waivable",
            )
        if not policy.waivable(self.rule):
            raise UnknownReferenceError(
                "rule",
                self.rule,
                f"is not a rule of this partnership's policy ({policy.name}): neither a "
                "rule psp reports (Finding.RULES) nor one of the policy's own rules",
                code="unknown-rule",
            )
        granted = state.waivers.get(self.rule, ())
        if granted and (granted[-1].period.end is None or granted[-1].period.end > self.on):
            last = granted[-1]
            raise RuleViolationError(
                "rule",
                self.rule,
                f"is waived already, by {state.name_of(last.granted_by)} from "
                f"{last.period.start.isoformat()}",
                code="already-waived",
            )
        state.waivers = state.put(state.waivers, self.rule, (*granted, self.waiver))


@attrs.frozen(kw_only=True)
class WaiverWithdrawn(Recorded):
    """The waiver of a rule in force was withdrawn from ``on``: the rule binds again."""

    TAG: ClassVar[str] = "waiver-withdrawn"

    on: date = attrs.field(converter=fields.on_date)
    rule: str = attrs.field(converter=_rule)
    reason: str = attrs.field(default="", converter=fields.reason)

    def _apply(self, state: State) -> None:
        granted = state.waivers.get(self.rule, ())
        last = granted[-1] if granted else None
        if last is None or (last.period.end is not None and last.period.end <= self.on):
            raise RuleViolationError("rule", self.rule, "is not waived now", code="not-waived")
        if self.on <= last.period.start:
            raise RuleViolationError(
                "on",
                self.on.isoformat(),
                "the waiver was granted that day; a waiver lasts at least one day",
                code="too-short",
            )
        ended = attrs.evolve(last, period=last.period.ended(self.on))
        state.waivers = state.put(state.waivers, self.rule, (*granted[:-1], ended))
