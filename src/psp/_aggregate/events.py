"""The things that happen to a partnership: its history is a list of these, in date order.

Events are plain frozen records; the partnership checks them when they are recorded
and folds them into its state (:class:`psp.Partnership`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import Any, TypeAlias

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError
from psp._base.roles import Role, SeatKind
from psp._commissioning.commitments import SustainabilityCommitment
from psp._commissioning.funding import Bid
from psp._commissioning.tender import Tender, TenderStatus
from psp._governing.meetings import Meeting
from psp._governing.mou import MoU
from psp._governing.structure import GovernanceStructure
from psp._lifecycle.design import Baseline, Consultation, LogicModel, ServiceDesign
from psp._lifecycle.stages import Step
from psp._partners.links import LinkKind
from psp._partners.membership import Engagement, ReimbursementStatus
from psp._partners.organisation import Partner

__all__ = [
    "BaselineRecorded",
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
    "ConsultationHeld",
    "DesignApproved",
    "Event",
    "GovernanceAdopted",
    "LinkAdded",
    "LinkEnded",
    "LogicModelAgreed",
    "MeasureRecorded",
    "MeetingHeld",
    "MemberJoined",
    "MemberLeft",
    "MoUAmended",
    "MoUDrafted",
    "MoUSigned",
    "OrganisationAdded",
    "ReimbursementRecorded",
    "RepresentativeNamed",
    "RepresentativeStoodDown",
    "RolesChanged",
    "SeatLeft",
    "SeatTaken",
    "ServiceDesignAgreed",
    "StepTaken",
    "TenderAwarded",
    "TenderEnded",
    "TenderOpened",
    "TenderPlanned",
    "TenderReceived",
]


def _date(value: Any) -> date:
    return _checks.a_date("on", value)


def _partner_id(value: Any) -> str:
    return _checks.text("partner_id", value)


def _roles(value: Iterable[Any]) -> frozenset[Role]:
    return _checks.members_of(Role, "roles", value)


def _signposted_by(value: Any) -> str | None:
    return None if value is None else _checks.text("signposted_by", value)


def _title(value: Any) -> str | None:
    return None if value is None else _checks.text("title", value)


def _engagement(value: Any) -> Engagement | None:
    return None if value is None else _checks.member_of(Engagement, "engagement", value)


def _seat_kind(value: Any) -> SeatKind:
    return _checks.member_of(SeatKind, "kind", value)


def _person(value: Any) -> str:
    return _checks.text("person", value)


def _reason(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValueError("reason", value, "must be text")
    return value


@attrs.frozen(kw_only=True)
class OrganisationAdded:
    """An organisation became known to the partnership (as a member, seat holder or funder)."""

    on: date = attrs.field(converter=_date)
    partner: Partner

    def __attrs_post_init__(self) -> None:
        _instance("partner", Partner, self.partner)


@attrs.frozen(kw_only=True)
class MemberJoined:
    """An organisation known to the partnership became a member with these roles."""

    on: date = attrs.field(converter=_date)
    partner_id: str = attrs.field(converter=_partner_id)
    roles: frozenset[Role] = attrs.field(converter=_roles)
    engagement: Engagement | None = attrs.field(default=None, converter=_engagement)
    signposted_by: str | None = attrs.field(default=None, converter=_signposted_by)

    def __attrs_post_init__(self) -> None:
        if self.signposted_by is not None and self.engagement is not Engagement.SIGNPOSTED:
            raise InvalidValueError(
                "signposted_by",
                self.signposted_by,
                "is only given when the engagement is 'signposted'",
            )


@attrs.frozen(kw_only=True)
class RolesChanged:
    """A member's roles changed; its membership goes on."""

    on: date = attrs.field(converter=_date)
    partner_id: str = attrs.field(converter=_partner_id)
    roles: frozenset[Role] = attrs.field(converter=_roles)


@attrs.frozen(kw_only=True)
class MemberLeft:
    """A member left the partnership (3.10); it may join again later."""

    on: date = attrs.field(converter=_date)
    partner_id: str = attrs.field(converter=_partner_id)
    reason: str = attrs.field(default="", converter=_reason)


@attrs.frozen(kw_only=True)
class SeatTaken:
    """An organisation that is not a member took a seat, e.g. as critical friend."""

    on: date = attrs.field(converter=_date)
    partner_id: str = attrs.field(converter=_partner_id)
    kind: SeatKind = attrs.field(converter=_seat_kind)


@attrs.frozen(kw_only=True)
class SeatLeft:
    """A seat holder gave up its seat."""

    on: date = attrs.field(converter=_date)
    partner_id: str = attrs.field(converter=_partner_id)
    kind: SeatKind = attrs.field(converter=_seat_kind)


@attrs.frozen(kw_only=True)
class RepresentativeNamed:
    """A person was named to represent an organisation."""

    on: date = attrs.field(converter=_date)
    partner_id: str = attrs.field(converter=_partner_id)
    person: str = attrs.field(converter=_person)
    title: str | None = attrs.field(default=None, converter=_title)
    can_decide: bool | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        _optional_bool("can_decide", self.can_decide)


@attrs.frozen(kw_only=True)
class RepresentativeStoodDown:
    """A person stopped representing an organisation."""

    on: date = attrs.field(converter=_date)
    partner_id: str = attrs.field(converter=_partner_id)
    person: str = attrs.field(converter=_person)


def _note(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValueError("note", value, "must be text")
    return value


def _source(value: Any) -> str:
    return _checks.text("source", value)


def _target(value: Any) -> str:
    return _checks.text("target", value)


def _link_kind(value: Any) -> LinkKind:
    return _checks.member_of(LinkKind, "kind", value)


def _weight(value: Any) -> float | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (math.isfinite(value) and value >= 0)
    ):
        raise InvalidValueError("weight", value, "must be a finite number, 0 or more")
    return float(value)


def _optional_bool(field: str, value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidValueError(field, value, "must be true, false or none")


@attrs.frozen(kw_only=True)
class LinkAdded:
    """A relationship of one kind from ``source`` to ``target`` began."""

    on: date = attrs.field(converter=_date)
    source: str = attrs.field(converter=_source)
    target: str = attrs.field(converter=_target)
    kind: LinkKind = attrs.field(converter=_link_kind)
    weight: float | None = attrs.field(default=None, converter=_weight)
    pre_existing: bool | None = None
    note: str = attrs.field(default="", converter=_note)

    def __attrs_post_init__(self) -> None:
        _optional_bool("pre_existing", self.pre_existing)
        if self.source == self.target:
            raise InvalidValueError(
                "target", self.target, "a link joins two different organisations"
            )


@attrs.frozen(kw_only=True)
class LinkEnded:
    """A relationship of one kind from ``source`` to ``target`` ended."""

    on: date = attrs.field(converter=_date)
    source: str = attrs.field(converter=_source)
    target: str = attrs.field(converter=_target)
    kind: LinkKind = attrs.field(converter=_link_kind)


@attrs.frozen(kw_only=True)
class GovernanceAdopted:
    """The partnership adopted a governance structure (replacing any earlier one)."""

    on: date = attrs.field(converter=_date)
    structure: GovernanceStructure

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.structure, GovernanceStructure):
            raise InvalidValueError("structure", self.structure, "must be a GovernanceStructure")


@attrs.frozen(kw_only=True)
class MeetingHeld:
    """A meeting was held; its date is the event's date."""

    meeting: Meeting

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.meeting, Meeting):
            raise InvalidValueError("meeting", self.meeting, "must be a Meeting")

    @property
    def on(self) -> date:
        """The meeting's date."""
        return self.meeting.on


def _reimbursement(value: Any) -> ReimbursementStatus:
    return _checks.member_of(ReimbursementStatus, "status", value)


@attrs.frozen(kw_only=True)
class ReimbursementRecorded:
    """Reimbursement of a partner's time was offered, accepted or declined (3.31)."""

    on: date = attrs.field(converter=_date)
    partner_id: str = attrs.field(converter=_partner_id)
    status: ReimbursementStatus = attrs.field(converter=_reimbursement)


def _check_mou(value: object) -> None:
    if not isinstance(value, MoU):
        raise InvalidValueError("mou", value, "must be a MoU")


@attrs.frozen(kw_only=True)
class MoUDrafted:
    """An MoU was drafted; its date is the MoU's ``drafted_on``."""

    mou: MoU

    def __attrs_post_init__(self) -> None:
        _check_mou(self.mou)

    @property
    def on(self) -> date:
        """The date the MoU was drafted."""
        return self.mou.drafted_on


def _mou_id(value: Any) -> str:
    return _checks.text("mou_id", value)


@attrs.frozen(kw_only=True)
class MoUSigned:
    """A named signatory signed the current version of an MoU."""

    on: date = attrs.field(converter=_date)
    mou_id: str = attrs.field(converter=_mou_id)
    person: str = attrs.field(converter=_person)


@attrs.frozen(kw_only=True)
class MoUAmended:
    """A new version of an MoU superseded the current one; its date is its ``drafted_on``."""

    mou: MoU

    def __attrs_post_init__(self) -> None:
        _check_mou(self.mou)

    @property
    def on(self) -> date:
        """The date the new version was drafted."""
        return self.mou.drafted_on


def _step(value: Any) -> Step:
    return _checks.member_of(Step, "step", value)


@attrs.frozen(kw_only=True)
class StepTaken:
    """The partnership moved on in its lifecycle (see :data:`psp.TRANSITIONS`)."""

    on: date = attrs.field(converter=_date)
    step: Step = attrs.field(converter=_step)
    reason: str = attrs.field(default="", converter=_reason)


def _instance(field: str, cls: type, value: object) -> None:
    if not isinstance(value, cls):
        raise InvalidValueError(field, value, f"must be a {cls.__name__}")


@attrs.frozen(kw_only=True)
class BaselineRecorded:
    """A baseline figure was recorded as evidence for the design."""

    on: date = attrs.field(converter=_date)
    baseline: Baseline

    def __attrs_post_init__(self) -> None:
        _instance("baseline", Baseline, self.baseline)


@attrs.frozen(kw_only=True)
class ConsultationHeld:
    """Service users were consulted."""

    on: date = attrs.field(converter=_date)
    consultation: Consultation

    def __attrs_post_init__(self) -> None:
        _instance("consultation", Consultation, self.consultation)


@attrs.frozen(kw_only=True)
class LogicModelAgreed:
    """The partnership agreed its logic model (replacing any earlier one)."""

    on: date = attrs.field(converter=_date)
    model: LogicModel

    def __attrs_post_init__(self) -> None:
        _instance("model", LogicModel, self.model)


@attrs.frozen(kw_only=True)
class ServiceDesignAgreed:
    """The partnership agreed its service design; an earlier design's approvals lapse."""

    on: date = attrs.field(converter=_date)
    design: ServiceDesign

    def __attrs_post_init__(self) -> None:
        _instance("design", ServiceDesign, self.design)


def _funder(value: Any) -> str:
    return _checks.text("funder", value)


@attrs.frozen(kw_only=True)
class DesignApproved:
    """A funder approved the current service design."""

    on: date = attrs.field(converter=_date)
    funder: str = attrs.field(converter=_funder)


@attrs.frozen(kw_only=True)
class BidDrafted:
    """A bid was drafted; its date is the bid's ``drafted_on``."""

    bid: Bid

    def __attrs_post_init__(self) -> None:
        _instance("bid", Bid, self.bid)

    @property
    def on(self) -> date:
        """The date the bid was drafted."""
        return self.bid.drafted_on


def _bid_id(value: Any) -> str:
    return _checks.text("bid_id", value)


@attrs.frozen(kw_only=True)
class BidSubmitted:
    """A draft bid was submitted."""

    on: date = attrs.field(converter=_date)
    bid_id: str = attrs.field(converter=_bid_id)


def _area(value: Any) -> str:
    return _checks.text("area", value)


def _given(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError("given", value, "must be true (signed off) or false (declined)")
    return value


@attrs.frozen(kw_only=True)
class BidEndorsed:
    """A public body (a CJA) signed off a bid for one area, or declined to (3.53)."""

    on: date = attrs.field(converter=_date)
    bid_id: str = attrs.field(converter=_bid_id)
    partner_id: str = attrs.field(converter=_partner_id)
    area: str = attrs.field(converter=_area)
    given: bool = attrs.field(converter=_given)


def _awarded(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError("awarded", value, "must be true or false")
    return value


def _award(value: Any) -> int | None:
    if value is None:
        return None
    return _checks.whole("amount", value, 1, _checks.MAX_AMOUNT, " of pounds")


@attrs.frozen(kw_only=True)
class BidDecided:
    """The funder decided a submitted bid: awarded (with the amount, if known) or declined."""

    on: date = attrs.field(converter=_date)
    bid_id: str = attrs.field(converter=_bid_id)
    awarded: bool = attrs.field(converter=_awarded)
    amount: int | None = attrs.field(default=None, converter=_award)

    def __attrs_post_init__(self) -> None:
        if not self.awarded and self.amount is not None:
            raise InvalidValueError("amount", self.amount, "a declined bid is awarded nothing")


@attrs.frozen(kw_only=True)
class BidWithdrawn:
    """The partnership withdrew a bid that was still open."""

    on: date = attrs.field(converter=_date)
    bid_id: str = attrs.field(converter=_bid_id)
    reason: str = attrs.field(default="", converter=_reason)


@attrs.frozen(kw_only=True)
class CommitmentSought:
    """The partnership sought a sustainability commitment."""

    on: date = attrs.field(converter=_date)
    commitment: SustainabilityCommitment

    def __attrs_post_init__(self) -> None:
        _instance("commitment", SustainabilityCommitment, self.commitment)


def _commitment_id(value: Any) -> str:
    return _checks.text("commitment_id", value)


@attrs.frozen(kw_only=True)
class CommitmentGiven:
    """A sought commitment was given."""

    on: date = attrs.field(converter=_date)
    commitment_id: str = attrs.field(converter=_commitment_id)


@attrs.frozen(kw_only=True)
class CommitmentDeclined:
    """A sought commitment was declined (public partners often felt unable to give one,
    3.47)."""

    on: date = attrs.field(converter=_date)
    commitment_id: str = attrs.field(converter=_commitment_id)
    reason: str = attrs.field(default="", converter=_reason)


@attrs.frozen(kw_only=True)
class CommitmentLapsed:
    """A given commitment lapsed."""

    on: date = attrs.field(converter=_date)
    commitment_id: str = attrs.field(converter=_commitment_id)
    reason: str = attrs.field(default="", converter=_reason)


def _measure(value: Any) -> str:
    return _checks.text("measure", value)


def _result(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidValueError("result", value, "must be a finite number")
    return float(value)


@attrs.frozen(kw_only=True)
class MeasureRecorded:
    """A result was recorded for one of a commitment's measures."""

    on: date = attrs.field(converter=_date)
    commitment_id: str = attrs.field(converter=_commitment_id)
    measure: str = attrs.field(converter=_measure)
    result: float = attrs.field(converter=_result)


def _condition(value: Any) -> str:
    return _checks.text("condition", value)


def _outcome(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError("outcome", value, "must be true (favourable) or false")
    return value


@attrs.frozen(kw_only=True)
class ConditionResolved:
    """The outcome of an external condition became known (the 2014 Spending Review)."""

    on: date = attrs.field(converter=_date)
    commitment_id: str = attrs.field(converter=_commitment_id)
    condition: str = attrs.field(converter=_condition)
    outcome: bool = attrs.field(converter=_outcome)


@attrs.frozen(kw_only=True)
class TenderPlanned:
    """A tender for the sustained service was planned."""

    on: date = attrs.field(converter=_date)
    tender: Tender

    def __attrs_post_init__(self) -> None:
        _instance("tender", Tender, self.tender)


def _tender_id(value: Any) -> str:
    return _checks.text("tender_id", value)


@attrs.frozen(kw_only=True)
class TenderOpened:
    """A planned tender opened for bids."""

    on: date = attrs.field(converter=_date)
    tender_id: str = attrs.field(converter=_tender_id)


def _tenderer(value: Any) -> str:
    return _checks.text("tenderer", value)


@attrs.frozen(kw_only=True)
class TenderReceived:
    """A provider (a member or not) tendered."""

    on: date = attrs.field(converter=_date)
    tender_id: str = attrs.field(converter=_tender_id)
    tenderer: str = attrs.field(converter=_tenderer)


def _value(value: Any) -> int | None:
    if value is None:
        return None
    return _checks.whole("value", value, 0, _checks.MAX_AMOUNT, " of pounds")


@attrs.frozen(kw_only=True)
class TenderAwarded:
    """A tender was awarded to one of its tenderers."""

    on: date = attrs.field(converter=_date)
    tender_id: str = attrs.field(converter=_tender_id)
    provider: str = attrs.field(converter=_tenderer)
    value: int | None = attrs.field(default=None, converter=_value)


def _end(value: Any) -> TenderStatus:
    status = _checks.member_of(TenderStatus, "status", value)
    if status not in (TenderStatus.CANCELLED, TenderStatus.UNSUCCESSFUL):
        raise InvalidValueError("status", status.value, "a tender ends cancelled or unsuccessful")
    return status


@attrs.frozen(kw_only=True)
class TenderEnded:
    """A tender ended without an award: cancelled, or unsuccessful."""

    on: date = attrs.field(converter=_date)
    tender_id: str = attrs.field(converter=_tender_id)
    status: TenderStatus = attrs.field(converter=_end)
    reason: str = attrs.field(default="", converter=_reason)


#: Every kind of event a partnership's history can hold.
Event: TypeAlias = (
    OrganisationAdded
    | MemberJoined
    | RolesChanged
    | MemberLeft
    | SeatTaken
    | SeatLeft
    | RepresentativeNamed
    | RepresentativeStoodDown
    | LinkAdded
    | LinkEnded
    | GovernanceAdopted
    | MeetingHeld
    | ReimbursementRecorded
    | MoUDrafted
    | MoUSigned
    | MoUAmended
    | StepTaken
    | BaselineRecorded
    | ConsultationHeld
    | LogicModelAgreed
    | ServiceDesignAgreed
    | DesignApproved
    | BidDrafted
    | BidSubmitted
    | BidEndorsed
    | BidDecided
    | BidWithdrawn
    | CommitmentSought
    | CommitmentGiven
    | CommitmentDeclined
    | CommitmentLapsed
    | MeasureRecorded
    | ConditionResolved
    | TenderPlanned
    | TenderOpened
    | TenderReceived
    | TenderAwarded
    | TenderEnded
)
