"""Lifecycle events and their effects: steps between stages, and what the design stage
produces (private)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.pmap import OrderedPMap
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import (
    RuleViolationError,
    TransitionRefusedError,
)
from psp._lifecycle.design import Baseline, Consultation, LogicModel, ServiceDesign
from psp._lifecycle.guards import step_findings
from psp._lifecycle.policy import Finding, Severity
from psp._lifecycle.stages import Step, StepName, next_stage

__all__ = [
    "BaselineRecorded",
    "ConsultationHeld",
    "DesignApproved",
    "LogicModelAgreed",
    "ServiceDesignAgreed",
    "StepTaken",
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
        findings = step_findings(self.step, state.facts(self.on), state.policy, self.reason)
        breaches = tuple(f for f in findings if f.severity is Severity.BREACH)
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
        return findings


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
