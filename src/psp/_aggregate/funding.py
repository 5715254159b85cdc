"""Funding events and their effects: bids drafted, submitted, endorsed and decided;
sustainability commitments sought, given, declined or lapsed, with their measures and
conditions (private)."""

from __future__ import annotations

import math
from datetime import date
from typing import ClassVar, Final

import attrs

from psp._aggregate import fields
from psp._aggregate.funds import check_bid, check_submission
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import (
    InvalidValueError,
    RuleViolationError,
    UnknownReferenceError,
)
from psp._base.statuses import StatusMachine
from psp._commissioning.commitments import CommitmentStatus, SustainabilityCommitment
from psp._commissioning.funding import Bid, BidStatus, Endorsement, FundingPurpose
from psp._partners.organisation import Sector

__all__ = [
    "BidDecided",
    "BidDrafted",
    "BidEndorsed",
    "BidSubmitted",
    "BidWithdrawn",
    "CommitmentDeclined",
    "CommitmentGiven",
    "CommitmentLapsed",
    "CommitmentSought",
    "ConditionResolved",
    "MeasureRecorded",
]


def _bid_id(value: str) -> str:
    return _checks.an_id("bid_id", value)


def _area(value: str) -> str:
    return _checks.text("area", value)


def _given(value: bool) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError(
            "given", value, "must be true (signed off) or false (declined)", code="not-a-boolean"
        )
    return value


def _awarded(value: bool) -> bool:
    return _checks.a_bool("awarded", value)


def _award(value: int | None) -> int | None:
    if value is None:
        return None
    return _checks.whole("amount", value, 1, _checks.MAX_AMOUNT, " of pounds")


def _commitment_id(value: str) -> str:
    return _checks.an_id("commitment_id", value)


def _measure(value: str) -> str:
    return _checks.text("measure", value)


def _result(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidValueError("result", value, "must be a finite number", code="not-a-number")
    return float(value)


def _condition(value: str) -> str:
    return _checks.text("condition", value)


def _outcome(value: bool) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError(
            "outcome", value, "must be true (favourable) or false", code="not-a-boolean"
        )
    return value


#: How a bid moves: drafted, then submitted, then decided; withdrawn while still open.
#: Public bodies endorse it (or decline to) while it is open.
BIDS: Final = StatusMachine(
    "bid",
    BidStatus.DRAFT,
    {
        "submitted": (frozenset({BidStatus.DRAFT}), frozenset({BidStatus.SUBMITTED})),
        "endorsed": (
            frozenset({BidStatus.DRAFT, BidStatus.SUBMITTED}),
            frozenset({BidStatus.DRAFT, BidStatus.SUBMITTED}),
        ),
        "decided": (
            frozenset({BidStatus.SUBMITTED}),
            frozenset({BidStatus.AWARDED, BidStatus.DECLINED}),
        ),
        "withdrawn": (
            frozenset({BidStatus.DRAFT, BidStatus.SUBMITTED}),
            frozenset({BidStatus.WITHDRAWN}),
        ),
    },
)

#: How a sustainability commitment moves: sought, then given or declined; a given one
#: may lapse.
COMMITMENTS: Final = StatusMachine(
    "commitment",
    CommitmentStatus.SOUGHT,
    {
        "given": (frozenset({CommitmentStatus.SOUGHT}), frozenset({CommitmentStatus.GIVEN})),
        "declined": (
            frozenset({CommitmentStatus.SOUGHT}),
            frozenset({CommitmentStatus.DECLINED}),
        ),
        "lapsed": (frozenset({CommitmentStatus.GIVEN}), frozenset({CommitmentStatus.LAPSED})),
    },
    derived=frozenset({CommitmentStatus.CONDITIONS_MET}),
)


def _naming(bid: Bid) -> dict[str, str]:
    return {"field": "bid_id", "value": bid.id}


def _keep_bid(state: State, bid: Bid) -> None:
    state.bids = state.put(state.bids, bid.id, bid)


def _keep_commitment(state: State, commitment: SustainabilityCommitment) -> None:
    state.commitments = state.put(state.commitments, commitment.id, commitment)


def _move_commitment(state: State, commitment_id: str, move: str, to: CommitmentStatus) -> None:
    c = state.commitment("commitment_id", commitment_id)
    status = COMMITMENTS.to(move, c.recorded_status, to, field="commitment_id", value=c.id)
    _keep_commitment(state, attrs.evolve(c, recorded_status=status))


@attrs.frozen(kw_only=True)
class BidDrafted(Recorded):
    """A bid was drafted; its date is the bid's ``drafted_on``."""

    TAG: ClassVar[str] = "bid-drafted"

    bid: Bid

    def __attrs_post_init__(self) -> None:
        fields.instance("bid", Bid, self.bid)

    @property
    def on(self) -> date:
        """The date the bid was drafted."""
        return self.bid.drafted_on

    def _apply(self, state: State) -> None:
        bid = self.bid
        if bid.id in state.bids:
            raise RuleViolationError("bid.id", bid.id, "is the id of another bid", code="id-taken")
        if bid.status is not BidStatus.DRAFT:
            raise RuleViolationError(
                "bid.status",
                bid.status.value,
                "a bid is recorded as a draft, then submitted",
                code="not-initial-state",
            )
        for field, value in (
            ("submitted_on", bid.submitted_on),
            ("decided_on", bid.decided_on),
            ("amount_awarded", bid.amount_awarded),
        ):
            if value is not None:
                raise RuleViolationError(
                    f"bid.{field}",
                    value.isoformat() if isinstance(value, date) else value,
                    "a draft bid has no submission or decision yet",
                    code="not-initial-state",
                )
        if bid.endorsements:
            raise RuleViolationError(
                "bid.endorsements",
                [x.partner_id for x in bid.endorsements],
                "a draft bid has no endorsements yet; record each with endorse_bid",
                code="not-initial-state",
            )
        state.known("bid.funder", bid.funder)
        check_bid(state, bid)  # a recorded fund: one of its streams and funders
        for mou_id in sorted(bid.mous):
            state.mou_versions("bid.mous", mou_id)
        _keep_bid(state, bid)


@attrs.frozen(kw_only=True)
class BidSubmitted(Recorded):
    """A draft bid was submitted."""

    TAG: ClassVar[str] = "bid-submitted"

    on: date = attrs.field(converter=fields.on_date)
    bid_id: str = attrs.field(converter=_bid_id)

    def _apply(self, state: State) -> None:
        bid = state.bid("bid_id", self.bid_id)
        status = BIDS.to("submitted", bid.status, BidStatus.SUBMITTED, **_naming(bid))
        if bid.deadline is not None and self.on > bid.deadline:
            raise RuleViolationError(
                "on",
                self.on.isoformat(),
                f"is after the deadline ({bid.deadline.isoformat()})",
                code="past-deadline",
            )
        live = (CommitmentStatus.SOUGHT, CommitmentStatus.GIVEN)
        if (
            bid.purpose is FundingPurpose.DELIVERY
            and state.policy.sustainability_before_delivery_bid
            and not any(c.recorded_status in live for c in state.commitments.values())
        ):
            raise RuleViolationError(
                "bid_id",
                self.bid_id,
                f"{state.policy.name} asks for a sustainability commitment to be sought "
                "before a delivery bid is submitted",
                code="commitment-not-sought",
            )
        check_submission(state, bid, self.on)  # a recorded fund's stream: purpose, dates
        _keep_bid(state, attrs.evolve(bid, status=status, submitted_on=self.on))


@attrs.frozen(kw_only=True)
class BidEndorsed(Recorded):
    """A public body (a CJA) signed off a bid for one area, or declined to (3.53)."""

    TAG: ClassVar[str] = "bid-endorsed"

    on: date = attrs.field(converter=fields.on_date)
    bid_id: str = attrs.field(converter=_bid_id)
    partner_id: str = attrs.field(converter=fields.partner_id)
    area: str = attrs.field(converter=_area)
    given: bool = attrs.field(converter=_given)

    def _apply(self, state: State) -> None:
        bid = state.bid("bid_id", self.bid_id)
        BIDS.to("endorsed", bid.status, bid.status, **_naming(bid))
        state.known("partner_id", self.partner_id)
        endorser = state.organisations[self.partner_id]
        if endorser.sector is not Sector.PUBLIC:
            raise RuleViolationError(
                "partner_id",
                self.partner_id,
                f"{endorser.name} is not a public body; it cannot sign off",
                code="not-a-public-body",
            )
        if self.area not in bid.areas:
            raise RuleViolationError(
                "area", self.area, f"bid {bid.id} does not cover this area", code="area-not-in-bid"
            )
        if endorser.areas and self.area not in endorser.areas:
            raise RuleViolationError(
                "area",
                self.area,
                f"{endorser.name} does not oversee this area",
                code="area-not-overseen",
            )
        endorsement = Endorsement(self.partner_id, self.area, self.given, self.on)
        _keep_bid(state, attrs.evolve(bid, endorsements=(*bid.endorsements, endorsement)))


@attrs.frozen(kw_only=True)
class BidDecided(Recorded):
    """The funder decided a submitted bid: awarded (with the amount, if known) or declined."""

    TAG: ClassVar[str] = "bid-decided"

    on: date = attrs.field(converter=fields.on_date)
    bid_id: str = attrs.field(converter=_bid_id)
    awarded: bool = attrs.field(converter=_awarded)
    amount: int | None = attrs.field(default=None, converter=_award)

    def __attrs_post_init__(self) -> None:
        if not self.awarded and self.amount is not None:
            raise InvalidValueError(
                "amount",
                self.amount,
                "a declined bid is awarded nothing",
                code="conflicting-fields",
            )

    def _apply(self, state: State) -> None:
        bid = state.bid("bid_id", self.bid_id)
        outcome = BidStatus.AWARDED if self.awarded else BidStatus.DECLINED
        status = BIDS.to("decided", bid.status, outcome, **_naming(bid))
        if (
            self.amount is not None
            and bid.amount_asked is not None
            and self.amount > bid.amount_asked
        ):
            raise RuleViolationError(
                "amount",
                self.amount,
                f"is more than the bid asked for ({bid.amount_asked})",
                code="award-exceeds-ask",
            )
        _keep_bid(
            state, attrs.evolve(bid, status=status, decided_on=self.on, amount_awarded=self.amount)
        )


@attrs.frozen(kw_only=True)
class BidWithdrawn(Recorded):
    """The partnership withdrew a bid that was still open."""

    TAG: ClassVar[str] = "bid-withdrawn"

    on: date = attrs.field(converter=fields.on_date)
    bid_id: str = attrs.field(converter=_bid_id)
    reason: str = attrs.field(default="", converter=fields.reason)

    def _apply(self, state: State) -> None:
        bid = state.bid("bid_id", self.bid_id)
        status = BIDS.to("withdrawn", bid.status, BidStatus.WITHDRAWN, **_naming(bid))
        _keep_bid(state, attrs.evolve(bid, status=status, decided_on=self.on))


@attrs.frozen(kw_only=True)
class CommitmentSought(Recorded):
    """The partnership sought a sustainability commitment."""

    TAG: ClassVar[str] = "commitment-sought"

    on: date = attrs.field(converter=fields.on_date)
    commitment: SustainabilityCommitment

    def __attrs_post_init__(self) -> None:
        fields.instance("commitment", SustainabilityCommitment, self.commitment)

    def _apply(self, state: State) -> None:
        c = self.commitment
        if c.id in state.commitments:
            raise RuleViolationError(
                "commitment.id", c.id, "is the id of another commitment", code="id-taken"
            )
        if c.recorded_status is not CommitmentStatus.SOUGHT:
            raise RuleViolationError(
                "commitment.recorded_status",
                c.recorded_status.value,
                "a commitment is first sought",
                code="not-initial-state",
            )
        state.known("commitment.by", c.by)
        for pid in sorted(c.on_behalf_of):
            state.known("commitment.on_behalf_of", pid)
        allowed = state.policy.commitment_sectors
        giver = state.organisations[c.by]
        if allowed is not None and giver.sector not in allowed:
            sectors = " or ".join(sorted(s.value for s in allowed))
            raise RuleViolationError(
                "commitment.by",
                c.by,
                f"{giver.name} is {giver.sector.value} sector; {state.policy.name} takes "
                f"sustainability commitments from the {sectors} sector only",
                code="sector-not-allowed",
            )
        _keep_commitment(state, c)


@attrs.frozen(kw_only=True)
class CommitmentGiven(Recorded):
    """A sought commitment was given."""

    TAG: ClassVar[str] = "commitment-given"

    on: date = attrs.field(converter=fields.on_date)
    commitment_id: str = attrs.field(converter=_commitment_id)

    def _apply(self, state: State) -> None:
        _move_commitment(state, self.commitment_id, "given", CommitmentStatus.GIVEN)


@attrs.frozen(kw_only=True)
class CommitmentDeclined(Recorded):
    """A sought commitment was declined (public partners often felt unable to give one,
    3.47)."""

    TAG: ClassVar[str] = "commitment-declined"

    on: date = attrs.field(converter=fields.on_date)
    commitment_id: str = attrs.field(converter=_commitment_id)
    reason: str = attrs.field(default="", converter=fields.reason)

    def _apply(self, state: State) -> None:
        _move_commitment(state, self.commitment_id, "declined", CommitmentStatus.DECLINED)


@attrs.frozen(kw_only=True)
class CommitmentLapsed(Recorded):
    """A given commitment lapsed."""

    TAG: ClassVar[str] = "commitment-lapsed"

    on: date = attrs.field(converter=fields.on_date)
    commitment_id: str = attrs.field(converter=_commitment_id)
    reason: str = attrs.field(default="", converter=fields.reason)

    def _apply(self, state: State) -> None:
        _move_commitment(state, self.commitment_id, "lapsed", CommitmentStatus.LAPSED)


@attrs.frozen(kw_only=True)
class MeasureRecorded(Recorded):
    """A result was recorded for one of a commitment's measures."""

    TAG: ClassVar[str] = "measure-recorded"

    on: date = attrs.field(converter=fields.on_date)
    commitment_id: str = attrs.field(converter=_commitment_id)
    measure: str = attrs.field(converter=_measure)
    result: float = attrs.field(converter=_result)

    def _apply(self, state: State) -> None:
        c = state.commitment("commitment_id", self.commitment_id)
        names = [m.name for m in c.measures]
        if self.measure not in names:
            raise UnknownReferenceError(
                "measure",
                self.measure,
                "is not a measure of the commitment",
                code="unknown-measure",
            )
        measures = tuple(
            attrs.evolve(m, result=self.result) if m.name == self.measure else m for m in c.measures
        )
        _keep_commitment(state, attrs.evolve(c, measures=measures))


@attrs.frozen(kw_only=True)
class ConditionResolved(Recorded):
    """The outcome of an external condition became known (the 2014 Spending Review)."""

    TAG: ClassVar[str] = "condition-resolved"

    on: date = attrs.field(converter=fields.on_date)
    commitment_id: str = attrs.field(converter=_commitment_id)
    condition: str = attrs.field(converter=_condition)
    outcome: bool = attrs.field(converter=_outcome)

    def _apply(self, state: State) -> None:
        c = state.commitment("commitment_id", self.commitment_id)
        if self.condition not in [x.name for x in c.conditions]:
            raise UnknownReferenceError(
                "condition",
                self.condition,
                "is not a condition of the commitment",
                code="unknown-condition",
            )
        conditions = tuple(
            attrs.evolve(x, outcome=self.outcome) if x.name == self.condition else x
            for x in c.conditions
        )
        _keep_commitment(state, attrs.evolve(c, conditions=conditions))
