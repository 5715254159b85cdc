"""Risk register and difference events and their effects: a risk or issue raised,
reviewed and closed; a difference between partners recorded and resolved (private)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import RuleViolationError, UnknownReferenceError
from psp._governing.risks import Difference, Rating, Risk, RiskKind, RiskKindName, RiskReview

__all__ = [
    "DifferenceRecorded",
    "DifferenceResolved",
    "RiskClosed",
    "RiskRaised",
    "RiskReviewed",
]


def _risk_id(value: str) -> str:
    return _checks.an_id("risk_id", value)


def _description(value: str) -> str:
    return _checks.free_text("description", value)


def _risk_kind(value: RiskKind | RiskKindName) -> RiskKind:
    return _checks.member_of(RiskKind, "kind", value)


def _raised_by(value: str | None) -> str | None:
    return _checks.optional_id("raised_by", value)


def _owner(value: str | None) -> str | None:
    return _checks.optional_id("owner", value)


def _mitigation(value: str | None) -> str | None:
    return None if value is None else _checks.text("mitigation", value)


def _difference_id(value: str) -> str:
    return _checks.an_id("difference_id", value)


def _subject(value: str) -> str:
    return _checks.text("subject", value)


def _parties(value: Iterable[str]) -> frozenset[str]:
    return _checks.ids("parties", value)


def _how(value: str) -> str:
    return _checks.text("how", value)


def _rating(field: str, value: object) -> None:
    if value is not None:
        fields.instance(field, Rating, value)


def _open_risk(state: State, risk_id: str) -> Risk:
    risk = state.risks.get(risk_id)
    if risk is None:
        raise UnknownReferenceError(
            "risk_id", risk_id, "is not a risk or issue of this register", code="unknown-risk"
        )
    if risk.closed_on is not None:
        raise RuleViolationError(
            "risk_id",
            risk_id,
            f"was closed on {risk.closed_on.isoformat()}; raise a new one instead",
            code="risk-closed",
        )
    return risk


@attrs.frozen(kw_only=True)
class RiskRaised(Recorded):
    """A risk or an issue was entered in the register."""

    TAG: ClassVar[str] = "risk-raised"

    on: date = attrs.field(converter=fields.on_date)
    risk_id: str = attrs.field(converter=_risk_id)
    description: str = attrs.field(converter=_description)
    kind: RiskKind = attrs.field(default=RiskKind.RISK, converter=_risk_kind)
    raised_by: str | None = attrs.field(default=None, converter=_raised_by)
    owner: str | None = attrs.field(default=None, converter=_owner)
    rating: Rating | None = None

    def __attrs_post_init__(self) -> None:
        _rating("rating", self.rating)

    def _apply(self, state: State) -> None:
        if self.risk_id in state.risks:
            raise RuleViolationError(
                "risk_id",
                self.risk_id,
                "is the id of a risk or issue already raised",
                code="id-taken",
            )
        if self.raised_by is not None:
            state.known("raised_by", self.raised_by)
        if self.owner is not None:
            state.known("owner", self.owner)
        ratings = () if self.rating is None else ((self.on, self.rating),)
        risk = Risk(
            self.risk_id,
            self.description,
            self.kind,
            self.on,
            self.raised_by,
            self.owner,
            ratings,
        )
        state.risks = state.put(state.risks, self.risk_id, risk)


@attrs.frozen(kw_only=True)
class RiskReviewed(Recorded):
    """An open risk or issue was reviewed: re-rated, given a new owner, a mitigation
    recorded (each optional), with a note."""

    TAG: ClassVar[str] = "risk-reviewed"

    on: date = attrs.field(converter=fields.on_date)
    risk_id: str = attrs.field(converter=_risk_id)
    rating: Rating | None = None
    owner: str | None = attrs.field(default=None, converter=_owner)
    mitigation: str | None = attrs.field(default=None, converter=_mitigation)
    note: str = attrs.field(default="", converter=fields.reason)

    def __attrs_post_init__(self) -> None:
        _rating("rating", self.rating)

    def _apply(self, state: State) -> None:
        risk = _open_risk(state, self.risk_id)
        if self.owner is not None:
            state.known("owner", self.owner)
        review = RiskReview(self.on, self.rating, self.owner, self.mitigation, self.note)
        ratings = risk.ratings if self.rating is None else (*risk.ratings, (self.on, self.rating))
        reviewed = attrs.evolve(
            risk,
            owner=risk.owner if self.owner is None else self.owner,
            ratings=ratings,
            reviews=(*risk.reviews, review),
        )
        state.risks = state.put(state.risks, self.risk_id, reviewed)


@attrs.frozen(kw_only=True)
class RiskClosed(Recorded):
    """An open risk or issue was closed, for a ``reason`` (it passed, it was overcome,
    it happened and was raised again as an issue)."""

    TAG: ClassVar[str] = "risk-closed"

    on: date = attrs.field(converter=fields.on_date)
    risk_id: str = attrs.field(converter=_risk_id)
    reason: str = attrs.field(converter=fields.reason)

    def _apply(self, state: State) -> None:
        risk = _open_risk(state, self.risk_id)
        if not self.reason.strip():
            raise RuleViolationError(
                "reason",
                self.reason,
                "a risk or issue is closed with a reason",
                code="reason-missing",
            )
        closed = attrs.evolve(risk, closed_on=self.on, closed_because=self.reason)
        state.risks = state.put(state.risks, self.risk_id, closed)


@attrs.frozen(kw_only=True)
class DifferenceRecorded(Recorded):
    """A difference of view between partners was recorded (3.30)."""

    TAG: ClassVar[str] = "difference-recorded"

    on: date = attrs.field(converter=fields.on_date)
    difference_id: str = attrs.field(converter=_difference_id)
    subject: str = attrs.field(converter=_subject)
    parties: frozenset[str] = attrs.field(converter=_parties)

    def _apply(self, state: State) -> None:
        if len(self.parties) < 2:
            raise RuleViolationError(
                "parties",
                sorted(self.parties),
                "a difference is between at least two organisations",
                code="too-few-parties",
            )
        if self.difference_id in state.differences:
            raise RuleViolationError(
                "difference_id",
                self.difference_id,
                "is the id of a difference already recorded",
                code="id-taken",
            )
        for pid in sorted(self.parties):
            state.known("parties", pid)
        difference = Difference(self.difference_id, self.subject, self.parties, self.on)
        state.differences = state.put(state.differences, self.difference_id, difference)


@attrs.frozen(kw_only=True)
class DifferenceResolved(Recorded):
    """A difference between partners was resolved, and ``how``."""

    TAG: ClassVar[str] = "difference-resolved"

    on: date = attrs.field(converter=fields.on_date)
    difference_id: str = attrs.field(converter=_difference_id)
    how: str = attrs.field(converter=_how)

    def _apply(self, state: State) -> None:
        difference = state.differences.get(self.difference_id)
        if difference is None:
            raise UnknownReferenceError(
                "difference_id",
                self.difference_id,
                "is not a difference recorded in this partnership",
                code="unknown-difference",
            )
        if difference.resolved_on is not None:
            raise RuleViolationError(
                "difference_id",
                self.difference_id,
                f"was resolved on {difference.resolved_on.isoformat()}",
                code="already-resolved",
            )
        resolved = attrs.evolve(difference, resolved_on=self.on, how=self.how)
        state.differences = state.put(state.differences, self.difference_id, resolved)
