"""What a partnership's history adds up to: the projector that checks each event
against the state so far and folds it in (private)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import attrs

from psp._aggregate.events import (
    BaselineRecorded,
    BidDecided,
    BidDrafted,
    BidEndorsed,
    BidSubmitted,
    BidWithdrawn,
    CommitmentDeclined,
    CommitmentGiven,
    CommitmentLapsed,
    CommitmentSought,
    ConditionResolved,
    ConsultationHeld,
    DesignApproved,
    Event,
    GovernanceAdopted,
    LinkAdded,
    LinkEnded,
    LogicModelAgreed,
    MeasureRecorded,
    MeetingHeld,
    MemberJoined,
    MemberLeft,
    MoUAmended,
    MoUDrafted,
    MoUSigned,
    OrganisationAdded,
    ReimbursementRecorded,
    RepresentativeNamed,
    RepresentativeStoodDown,
    RolesChanged,
    SeatLeft,
    SeatTaken,
    ServiceDesignAgreed,
    StepTaken,
    TenderAwarded,
    TenderEnded,
    TenderOpened,
    TenderPlanned,
    TenderReceived,
)
from psp._aggregate.log import Log
from psp._aggregate.pmap import OrderedPMap
from psp._aggregate.spans import Spans
from psp._base.errors import (
    InvalidValueError,
    PSPError,
    RuleViolationError,
    TransitionRefusedError,
    UnknownReferenceError,
)
from psp._base.period import Period
from psp._base.roles import Role, SeatKind
from psp._base.scope import Focus
from psp._commissioning.commitments import CommitmentStatus, SustainabilityCommitment
from psp._commissioning.funding import Bid, BidStatus, Endorsement, FundingPurpose
from psp._commissioning.tender import Tender, TenderStatus
from psp._governing.meetings import Meeting
from psp._governing.mou import MoU
from psp._governing.structure import GovernanceStructure
from psp._lifecycle.design import Baseline, Consultation, LogicModel, ServiceDesign
from psp._lifecycle.guards import Facts, step_findings
from psp._lifecycle.policy import Policy, Severity
from psp._lifecycle.stages import INITIAL_STAGE, Stage, Step, next_stage
from psp._partners.links import Link, LinkKind
from psp._partners.membership import Membership, ReimbursementStatus, Representative, Seat
from psp._partners.organisation import Partner, Sector
from psp._partners.sector_balance import SectorBalance

__all__ = ["State", "replay"]

_SEAT_KINDS = tuple(SeatKind)


class State:
    """What the history adds up to. Private and mutable only while it is being built:
    a Partnership copies it before recording new events, so shared states never change.

    A copy costs the same whatever the history's length and however many organisations,
    members, links, seats, bids, ... it holds: every collection is an append-only
    :class:`~psp._aggregate.log.Log`, a :class:`~psp._aggregate.spans.Spans` or a persistent map
    (:mod:`psp._aggregate.pmap`) the copies share, never copied whole. A state changes its maps
    under an edit token of its own (:meth:`_editing`).
    """

    __slots__ = (
        "_edit",
        "baselines",
        "bids",
        "commitments",
        "consultations",
        "design_approvals",
        "focus",
        "governance",
        "last",
        "lead",
        "links",
        "logic_model",
        "meetings",
        "memberships",
        "mous",
        "organisations",
        "policy",
        "reimbursements",
        "representatives",
        "seats",
        "service_design",
        "stage",
        "stages",
        "tenders",
    )

    def __init__(self, policy: Policy, focus: frozenset[Focus] = frozenset()) -> None:
        self.policy = policy
        self.focus = focus
        self.stage = INITIAL_STAGE
        self.stages: Log[tuple[date, Step, Stage]] = Log()
        self.baselines: Log[Baseline] = Log()
        self.consultations: Log[tuple[date, Consultation]] = Log()
        self.logic_model: LogicModel | None = None
        self.service_design: ServiceDesign | None = None
        self.design_approvals: OrderedPMap[str, date] = OrderedPMap()
        self.bids: OrderedPMap[str, Bid] = OrderedPMap()
        self.commitments: OrderedPMap[str, SustainabilityCommitment] = OrderedPMap()
        self.tenders: OrderedPMap[str, Tender] = OrderedPMap()
        self.last: date | None = None
        self.lead: str | None = None
        self.organisations: OrderedPMap[str, Partner] = OrderedPMap()
        self.memberships: Spans[str, Membership] = Spans()
        self.seats: Spans[tuple[str, SeatKind], Seat] = Spans()
        self.representatives: Spans[tuple[str, str], Representative] = Spans()
        self.links: Spans[tuple[str, str, LinkKind], Link] = Spans()
        self.governance: Log[tuple[date, GovernanceStructure]] = Log()
        self.meetings: Log[Meeting] = Log()
        self.reimbursements: OrderedPMap[str, ReimbursementStatus] = OrderedPMap()
        self.mous: OrderedPMap[str, tuple[MoU, ...]] = OrderedPMap()  # every version
        self._edit: object | None = None

    def seal(self) -> None:
        """Make the state ready to publish: records opened while building join their logs."""
        self.memberships.seal()
        self.seats.seal()
        self.representatives.seal()
        self.links.seal()

    def copy(self) -> State:
        new = State.__new__(State)
        new._edit = self._edit = None  # the maps are shared now: neither changes them in place
        new.last = self.last
        new.lead = self.lead
        new.organisations = self.organisations  # persistent maps: shared, never copied
        new.memberships = self.memberships.copy()
        new.seats = self.seats.copy()
        new.representatives = self.representatives.copy()
        new.links = self.links.copy()
        new.governance = self.governance  # append-only: shared, never copied
        new.meetings = self.meetings  # append-only: shared, never copied
        new.reimbursements = self.reimbursements
        new.mous = self.mous
        new.policy = self.policy
        new.focus = self.focus
        new.stage = self.stage
        new.stages = self.stages  # append-only: shared, never copied
        new.baselines = self.baselines  # append-only: shared, never copied
        new.consultations = self.consultations  # append-only: shared, never copied
        new.logic_model = self.logic_model
        new.service_design = self.service_design
        new.design_approvals = self.design_approvals
        new.bids = self.bids
        new.commitments = self.commitments
        new.tenders = self.tenders
        return new

    def _editing(self) -> object:
        """The token this state changes its maps under (:mod:`psp._aggregate.pmap`): a new one on
        its first change after a copy, so that it changes in place only what it made."""
        if self._edit is None:
            self._edit = object()
        return self._edit

    def _keep_bid(self, bid: Bid) -> None:
        self.bids = self.bids.set(bid.id, bid, self._editing())

    def _keep_commitment(self, commitment: SustainabilityCommitment) -> None:
        self.commitments = self.commitments.set(commitment.id, commitment, self._editing())

    def _keep_tender(self, tender: Tender) -> None:
        self.tenders = self.tenders.set(tender.id, tender, self._editing())

    # -- checks shared by several events -------------------------------------------------

    def _name(self, partner_id: str) -> str:
        partner = self.organisations.get(partner_id)
        return partner.name if partner is not None else partner_id

    def _known(self, field: str, partner_id: str) -> None:
        if partner_id not in self.organisations:
            raise UnknownReferenceError(
                field, partner_id, "is not an organisation this partnership knows; add it first"
            )

    def _can_lead(self, partner_id: str, roles: frozenset[Role]) -> None:
        if Role.LEAD in roles and self.lead is not None and self.lead != partner_id:
            raise RuleViolationError(
                "roles",
                "lead",
                f"{self._name(self.lead)} already leads and a partnership has one lead at a time; "
                "change its roles first",
            )

    def _holds_seat(self, partner_id: str) -> bool:
        return bool(self.seats) and any((partner_id, k) in self.seats for k in _SEAT_KINDS)

    def _current(self, partner_id: str) -> Membership:
        current = self.memberships.get(partner_id)
        if current is None:
            raise RuleViolationError(
                "partner_id", partner_id, f"{self._name(partner_id)} is not a member now"
            )
        return current

    # -- the projector: check everything, then change ----------------------------------

    def apply(self, event: Event) -> None:
        if self.last is not None and event.on < self.last:
            raise RuleViolationError(
                "on",
                event.on.isoformat(),
                f"is before the previous event ({self.last.isoformat()}); "
                "events are recorded in the order they happened",
            )
        handler = _HANDLERS.get(type(event))
        if handler is None:  # pragma: no cover - replay() checks first; commands make known events
            raise InvalidValueError(None, event, "is not a partnership event (see psp.Event)")
        if self.stage is Stage.CLOSED and not isinstance(event, StepTaken):
            closed_on = self.stages[-1][0].isoformat()
            raise RuleViolationError(
                None, None, f"the partnership closed on {closed_on}; it records nothing more"
            )
        handler(self, event)
        self.last = event.on

    def _add_organisation(self, e: OrganisationAdded) -> None:
        if e.partner.id in self.organisations:
            raise RuleViolationError(
                "partner.id",
                e.partner.id,
                "is already the id of an organisation in this partnership",
            )
        if e.partner.part_of is not None:
            self._known("partner.part_of", e.partner.part_of)
        self.organisations = self.organisations.set(e.partner.id, e.partner, self._editing())

    def _join(self, e: MemberJoined) -> None:
        self._known("partner_id", e.partner_id)
        member = self.memberships.get(e.partner_id)
        if member is not None:
            since = member.period.start
            raise RuleViolationError(
                "partner_id",
                e.partner_id,
                f"{self._name(e.partner_id)} is already a member (since {since.isoformat()}); "
                "a partner is a member at most once at a time",
            )
        if self._holds_seat(e.partner_id):
            raise RuleViolationError(
                "partner_id",
                e.partner_id,
                f"{self._name(e.partner_id)} holds a non-member seat; it leaves the seat to join",
            )
        if e.signposted_by is not None:
            self._known("signposted_by", e.signposted_by)
            if e.signposted_by == e.partner_id:
                raise RuleViolationError(
                    "signposted_by", e.signposted_by, "an organisation cannot signpost itself"
                )
        self._can_lead(e.partner_id, e.roles)
        self.memberships.start(
            e.partner_id,
            Membership(e.partner_id, e.roles, Period(e.on), e.engagement, e.signposted_by),
        )
        if Role.LEAD in e.roles:
            self.lead = e.partner_id

    def _change_roles(self, e: RolesChanged) -> None:
        current = self._current(e.partner_id)
        if current.roles == e.roles:
            raise RuleViolationError(
                "roles",
                sorted(r.value for r in e.roles),
                f"{self._name(e.partner_id)} already holds exactly these roles",
            )
        self._can_lead(e.partner_id, e.roles)
        if current.period.start == e.on:
            self.memberships.replace(e.partner_id, attrs.evolve(current, roles=e.roles))
        else:
            ended = attrs.evolve(current, period=current.period.ended(e.on))
            self.memberships.end(e.partner_id, ended)
            self.memberships.start(
                e.partner_id, attrs.evolve(current, roles=e.roles, period=Period(e.on))
            )
        if Role.LEAD in e.roles:
            self.lead = e.partner_id
        elif self.lead == e.partner_id:
            self.lead = None

    def _leave(self, e: MemberLeft) -> None:
        current = self._current(e.partner_id)
        if e.on <= current.period.start:
            raise RuleViolationError(
                "on",
                e.on.isoformat(),
                f"{self._name(e.partner_id)}'s current membership started that day; "
                "a membership lasts at least one day",
            )
        self.memberships.end(e.partner_id, attrs.evolve(current, period=current.period.ended(e.on)))
        if self.lead == e.partner_id:
            self.lead = None

    def _take_seat(self, e: SeatTaken) -> None:
        self._known("partner_id", e.partner_id)
        if e.partner_id in self.memberships:
            raise RuleViolationError(
                "partner_id",
                e.partner_id,
                f"{self._name(e.partner_id)} is a member; non-member seats are for organisations "
                "that are not partners",
            )
        key = (e.partner_id, e.kind)
        if key in self.seats:
            raise RuleViolationError(
                "kind", e.kind.value, f"{self._name(e.partner_id)} already holds this seat"
            )
        self.seats.start(key, Seat(e.partner_id, e.kind, Period(e.on)))

    def _leave_seat(self, e: SeatLeft) -> None:
        key = (e.partner_id, e.kind)
        seat = self.seats.get(key)
        if seat is None:
            raise RuleViolationError(
                "kind", e.kind.value, f"{self._name(e.partner_id)} does not hold this seat now"
            )
        if e.on <= seat.period.start:
            raise RuleViolationError(
                "on",
                e.on.isoformat(),
                "the seat was taken that day; a seat is held at least one day",
            )
        self.seats.end(key, attrs.evolve(seat, period=seat.period.ended(e.on)))

    def _name_representative(self, e: RepresentativeNamed) -> None:
        self._known("partner_id", e.partner_id)
        key = (e.partner_id, e.person)
        if key in self.representatives:
            raise RuleViolationError(
                "person", e.person, f"already represents {self._name(e.partner_id)}"
            )
        self.representatives.start(
            key, Representative(e.partner_id, e.person, Period(e.on), e.title, e.can_decide)
        )

    def _stand_down(self, e: RepresentativeStoodDown) -> None:
        key = (e.partner_id, e.person)
        rep = self.representatives.get(key)
        if rep is None:
            raise RuleViolationError(
                "person", e.person, f"does not represent {self._name(e.partner_id)} now"
            )
        if e.on <= rep.period.start:
            raise RuleViolationError(
                "on",
                e.on.isoformat(),
                "they were named that day; a representative serves at least one day",
            )
        self.representatives.end(key, attrs.evolve(rep, period=rep.period.ended(e.on)))

    def _add_link(self, e: LinkAdded) -> None:
        self._known("source", e.source)
        self._known("target", e.target)
        if e.source not in self.memberships and e.target not in self.memberships:
            raise RuleViolationError(
                "on",
                e.on.isoformat(),
                f"neither {self._name(e.source)} nor {self._name(e.target)} is a member then; "
                "a partnership records links that involve its members",
            )
        key = (e.source, e.target, e.kind)
        if key in self.links:
            raise RuleViolationError(
                "kind",
                e.kind.value,
                f"{self._name(e.source)} already has this link to {self._name(e.target)}",
            )
        self.links.start(
            key, Link(e.source, e.target, e.kind, Period(e.on), e.weight, e.pre_existing, e.note)
        )

    def _end_link(self, e: LinkEnded) -> None:
        key = (e.source, e.target, e.kind)
        link = self.links.get(key)
        if link is None:
            raise RuleViolationError(
                "kind",
                e.kind.value,
                f"{self._name(e.source)} has no such link to {self._name(e.target)} now",
            )
        if e.on <= link.period.start:
            raise RuleViolationError(
                "on", e.on.isoformat(), "the link began that day; a link lasts at least one day"
            )
        self.links.end(key, attrs.evolve(link, period=link.period.ended(e.on)))

    def _adopt_governance(self, e: GovernanceAdopted) -> None:
        for i, group in enumerate(e.structure.groups):
            for pid in sorted(group.members):
                if pid not in self.memberships and not self._holds_seat(pid):
                    raise RuleViolationError(
                        f"structure.groups[{i}].members",
                        pid,
                        f"{self._name(pid)} is neither a member nor a seat holder now; "
                        "a group seats partners and declared non-member seats",
                    )
        self.governance = self.governance.appended((e.on, e.structure))

    def _hold_meeting(self, e: MeetingHeld) -> None:
        for i, a in enumerate(e.meeting.attendees):
            self._known(f"meeting.attendees[{i}].partner_id", a.partner_id)
        group = e.meeting.group
        if group is not None:
            current = self.governance[-1][1] if self.governance else None
            if current is None or all(g.id != group for g in current.groups):
                raise UnknownReferenceError(
                    "meeting.group", group, "is not a group of the partnership's governance now"
                )
        self.meetings = self.meetings.appended(e.meeting)

    def _record_reimbursement(self, e: ReimbursementRecorded) -> None:
        self._current(e.partner_id)
        self.reimbursements = self.reimbursements.set(e.partner_id, e.status, self._editing())

    def _check_parties(self, mou: MoU) -> None:
        for pid in sorted(mou.parties):
            self._known("mou.parties", pid)

    def _draft_mou(self, e: MoUDrafted) -> None:
        if e.mou.id in self.mous:
            raise RuleViolationError(
                "mou.id", e.mou.id, "is the id of an MoU already drafted; amend it instead"
            )
        _check_unsigned_version(e.mou, 1, "a new MoU is drafted as version 1")
        self._check_parties(e.mou)
        self.mous = self.mous.set(e.mou.id, (e.mou,), self._editing())

    def mou_versions(self, field: str, mou_id: str) -> tuple[MoU, ...]:
        versions = self.mous.get(mou_id)
        if versions is None:
            raise UnknownReferenceError(field, mou_id, "is not an MoU of this partnership")
        return versions

    def _sign_mou(self, e: MoUSigned) -> None:
        versions = self.mou_versions("mou_id", e.mou_id)
        try:
            signed = versions[-1].sign(e.person, on=e.on)
        except PSPError as error:
            field = "on" if str(error.field).endswith(".on") else "person"
            raise type(error)(field, error.value, error.reason) from None
        self.mous = self.mous.set(e.mou_id, (*versions[:-1], signed), self._editing())

    def _amend_mou(self, e: MoUAmended) -> None:
        versions = self.mou_versions("mou.id", e.mou.id)
        version = versions[-1].version + 1
        _check_unsigned_version(
            e.mou, version, f"an amendment of version {version - 1} is {version}"
        )
        self._check_parties(e.mou)
        self.mous = self.mous.set(e.mou.id, (*versions, e.mou), self._editing())

    # -- queries the rules need ----------------------------------------------------

    def facts(self, on: date | None) -> Facts:
        """What the rules look at, on ``on`` (``None``: after the last event)."""
        members = self.memberships.on(on)
        partners = [self.organisations[m.partner_id] for m in members]
        lead = next(
            (p for p, m in zip(partners, members, strict=True) if Role.LEAD in m.roles), None
        )
        return Facts(
            on=on or self.last or date.min,
            stage=self.stage,
            focus=self.focus,
            lead=lead,
            balance=SectorBalance.of(partners),
            held_roles=frozenset().union(*(m.roles for m in members)),
            public_body_kinds=frozenset(
                p.public_body_kind for p in partners if p.public_body_kind is not None
            ),
            mous_signed_on=tuple(
                v[-1].signed_on for v in self.mous.values() if v[-1].signed_on is not None
            ),
            bids=tuple(self.bids.values()),
            has_service_design=self.service_design is not None,
            design_approvals=frozenset(self.design_approvals),
            commitments=tuple(self.commitments.values()),
            tenders=tuple(self.tenders.values()),
        )

    # -- the lifecycle ------------------------------------------------------------

    def _take_step(self, e: StepTaken) -> None:
        # Refused exactly for the breaches Partnership.blockers lists: one judge of a step.
        findings = step_findings(e.step, self.facts(e.on), self.policy, e.reason)
        breaches = tuple(f for f in findings if f.severity is Severity.BREACH)
        if breaches:
            # A step the table lacks is refused in the finding's own words.
            first = breaches[0]
            reason = first.message if first.rule == "no-such-step" else None
            raise TransitionRefusedError(self.stage, e.step, breaches, reason)
        target = next_stage(self.stage, e.step)
        assert target is not None  # step_findings reports a step the table lacks
        self.stages = self.stages.appended((e.on, e.step, target))
        self.stage = target

    # -- design artefacts ---------------------------------------------------------

    def _record_baseline(self, e: BaselineRecorded) -> None:
        self.baselines = self.baselines.appended(e.baseline)

    def _consult(self, e: ConsultationHeld) -> None:
        self.consultations = self.consultations.appended((e.on, e.consultation))

    def _agree_logic_model(self, e: LogicModelAgreed) -> None:
        self.logic_model = e.model

    def _agree_design(self, e: ServiceDesignAgreed) -> None:
        self.service_design = e.design
        self.design_approvals = OrderedPMap()

    def _approve_design(self, e: DesignApproved) -> None:
        self._known("funder", e.funder)
        if self.service_design is None:
            raise RuleViolationError("funder", e.funder, "there is no service design to approve")
        if e.funder in self.design_approvals:
            raise RuleViolationError(
                "funder", e.funder, f"{self._name(e.funder)} has already approved this design"
            )
        self.design_approvals = self.design_approvals.set(e.funder, e.on, self._editing())

    # -- bids ---------------------------------------------------------------------

    def bid(self, field: str, bid_id: str) -> Bid:
        bid = self.bids.get(bid_id)
        if bid is None:
            raise UnknownReferenceError(field, bid_id, "is not a bid of this partnership")
        return bid

    def _open_bid(self, bid_id: str) -> Bid:
        bid = self.bid("bid_id", bid_id)
        if not bid.is_open:
            raise RuleViolationError(
                "bid_id", bid_id, f"the bid is {bid.status.value}; it can no longer change"
            )
        return bid

    def _draft_bid(self, e: BidDrafted) -> None:
        bid = e.bid
        if bid.id in self.bids:
            raise RuleViolationError("bid.id", bid.id, "is the id of another bid")
        if bid.status is not BidStatus.DRAFT:
            raise RuleViolationError(
                "bid.status", bid.status.value, "a bid is recorded as a draft, then submitted"
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
                )
        if bid.endorsements:
            raise RuleViolationError(
                "bid.endorsements",
                [x.partner_id for x in bid.endorsements],
                "a draft bid has no endorsements yet; record each with endorse_bid",
            )
        self._known("bid.funder", bid.funder)
        for mou_id in sorted(bid.mous):
            self.mou_versions("bid.mous", mou_id)
        self._keep_bid(bid)

    def _submit_bid(self, e: BidSubmitted) -> None:
        bid = self._open_bid(e.bid_id)
        if bid.status is not BidStatus.DRAFT:
            raise RuleViolationError("bid_id", e.bid_id, "the bid has already been submitted")
        if bid.deadline is not None and e.on > bid.deadline:
            raise RuleViolationError(
                "on", e.on.isoformat(), f"is after the deadline ({bid.deadline.isoformat()})"
            )
        live = (CommitmentStatus.SOUGHT, CommitmentStatus.GIVEN)
        if (
            bid.purpose is FundingPurpose.DELIVERY
            and self.policy.sustainability_before_delivery_bid
            and not any(c.recorded_status in live for c in self.commitments.values())
        ):
            raise RuleViolationError(
                "bid_id",
                e.bid_id,
                f"{self.policy.name} asks for a sustainability commitment to be sought "
                "before a delivery bid is submitted",
            )
        self._keep_bid(attrs.evolve(bid, status=BidStatus.SUBMITTED, submitted_on=e.on))

    def _endorse_bid(self, e: BidEndorsed) -> None:
        bid = self._open_bid(e.bid_id)
        self._known("partner_id", e.partner_id)
        endorser = self.organisations[e.partner_id]
        if endorser.sector is not Sector.PUBLIC:
            raise RuleViolationError(
                "partner_id",
                e.partner_id,
                f"{endorser.name} is not a public body; it cannot sign off",
            )
        if e.area not in bid.areas:
            raise RuleViolationError("area", e.area, f"bid {bid.id} does not cover this area")
        if endorser.areas and e.area not in endorser.areas:
            raise RuleViolationError("area", e.area, f"{endorser.name} does not oversee this area")
        endorsement = Endorsement(e.partner_id, e.area, e.given, e.on)
        self._keep_bid(attrs.evolve(bid, endorsements=(*bid.endorsements, endorsement)))

    def _decide_bid(self, e: BidDecided) -> None:
        bid = self._open_bid(e.bid_id)
        if bid.status is not BidStatus.SUBMITTED:
            raise RuleViolationError("bid_id", e.bid_id, "only a submitted bid is decided")
        if e.amount is not None and bid.amount_asked is not None and e.amount > bid.amount_asked:
            raise RuleViolationError(
                "amount",
                e.amount,
                f"is more than the bid asked for ({bid.amount_asked})",
            )
        status = BidStatus.AWARDED if e.awarded else BidStatus.DECLINED
        self._keep_bid(attrs.evolve(bid, status=status, decided_on=e.on, amount_awarded=e.amount))

    def _withdraw_bid(self, e: BidWithdrawn) -> None:
        bid = self._open_bid(e.bid_id)
        self._keep_bid(attrs.evolve(bid, status=BidStatus.WITHDRAWN, decided_on=e.on))

    # -- sustainability commitments -------------------------------------------------

    def commitment(self, field: str, commitment_id: str) -> SustainabilityCommitment:
        found = self.commitments.get(commitment_id)
        if found is None:
            raise UnknownReferenceError(
                field, commitment_id, "is not a sustainability commitment of this partnership"
            )
        return found

    def _seek_commitment(self, e: CommitmentSought) -> None:
        c = e.commitment
        if c.id in self.commitments:
            raise RuleViolationError("commitment.id", c.id, "is the id of another commitment")
        if c.recorded_status is not CommitmentStatus.SOUGHT:
            raise RuleViolationError(
                "commitment.recorded_status",
                c.recorded_status.value,
                "a commitment is first sought",
            )
        self._known("commitment.by", c.by)
        for pid in sorted(c.on_behalf_of):
            self._known("commitment.on_behalf_of", pid)
        allowed = self.policy.commitment_sectors
        giver = self.organisations[c.by]
        if allowed is not None and giver.sector not in allowed:
            sectors = " or ".join(sorted(s.value for s in allowed))
            raise RuleViolationError(
                "commitment.by",
                c.by,
                f"{giver.name} is {giver.sector.value} sector; {self.policy.name} takes "
                f"sustainability commitments from the {sectors} sector only",
            )
        self._keep_commitment(c)

    def _move_commitment(
        self, commitment_id: str, expected: CommitmentStatus, to: CommitmentStatus
    ) -> None:
        c = self.commitment("commitment_id", commitment_id)
        if c.recorded_status is not expected:
            raise RuleViolationError(
                "commitment_id",
                commitment_id,
                f"the commitment is {c.recorded_status.value}; only a {expected.value} "
                f"commitment can become {to.value}",
            )
        self._keep_commitment(attrs.evolve(c, recorded_status=to))

    def _give_commitment(self, e: CommitmentGiven) -> None:
        self._move_commitment(e.commitment_id, CommitmentStatus.SOUGHT, CommitmentStatus.GIVEN)

    def _decline_commitment(self, e: CommitmentDeclined) -> None:
        self._move_commitment(e.commitment_id, CommitmentStatus.SOUGHT, CommitmentStatus.DECLINED)

    def _lapse_commitment(self, e: CommitmentLapsed) -> None:
        self._move_commitment(e.commitment_id, CommitmentStatus.GIVEN, CommitmentStatus.LAPSED)

    def _record_measure(self, e: MeasureRecorded) -> None:
        c = self.commitment("commitment_id", e.commitment_id)
        names = [m.name for m in c.measures]
        if e.measure not in names:
            raise UnknownReferenceError("measure", e.measure, "is not a measure of the commitment")
        measures = tuple(
            attrs.evolve(m, result=e.result) if m.name == e.measure else m for m in c.measures
        )
        self._keep_commitment(attrs.evolve(c, measures=measures))

    def _resolve_condition(self, e: ConditionResolved) -> None:
        c = self.commitment("commitment_id", e.commitment_id)
        if e.condition not in [x.name for x in c.conditions]:
            raise UnknownReferenceError(
                "condition", e.condition, "is not a condition of the commitment"
            )
        conditions = tuple(
            attrs.evolve(x, outcome=e.outcome) if x.name == e.condition else x for x in c.conditions
        )
        self._keep_commitment(attrs.evolve(c, conditions=conditions))

    # -- the tender ----------------------------------------------------------------

    def tender(self, field: str, tender_id: str) -> Tender:
        found = self.tenders.get(tender_id)
        if found is None:
            raise UnknownReferenceError(field, tender_id, "is not a tender of this partnership")
        return found

    def _tender_in(self, tender_id: str, *statuses: TenderStatus) -> Tender:
        t = self.tender("tender_id", tender_id)
        if t.status not in statuses:
            wanted = " or ".join(s.value for s in statuses)
            raise RuleViolationError(
                "tender_id", tender_id, f"the tender is {t.status.value}; this needs it {wanted}"
            )
        return t

    def _plan_tender(self, e: TenderPlanned) -> None:
        t = e.tender
        if t.id in self.tenders:
            raise RuleViolationError("tender.id", t.id, "is the id of another tender")
        if t.status is not TenderStatus.PLANNED:
            raise RuleViolationError(
                "tender.status", t.status.value, "a tender is recorded as planned, then opened"
            )
        for field, value in (
            ("tenderers", list(t.tenderers) or None),
            ("awarded_to", t.awarded_to),
            ("awarded_value", t.awarded_value),
        ):
            if value is not None:
                raise RuleViolationError(
                    f"tender.{field}", value, "a planned tender has no tenderers or award yet"
                )
        self._known("tender.commissioner", t.commissioner)
        if self.organisations[t.commissioner].sector is not Sector.PUBLIC:
            raise RuleViolationError(
                "tender.commissioner", t.commissioner, "a commissioner is a public body"
            )
        self._keep_tender(t)

    def _open_tender(self, e: TenderOpened) -> None:
        t = self._tender_in(e.tender_id, TenderStatus.PLANNED)
        self._keep_tender(attrs.evolve(t, status=TenderStatus.ACTIVE))

    def _receive_tender(self, e: TenderReceived) -> None:
        t = self._tender_in(e.tender_id, TenderStatus.ACTIVE)
        self._known("tenderer", e.tenderer)
        if e.tenderer in t.tenderers:
            raise RuleViolationError("tenderer", e.tenderer, "has already tendered")
        self._keep_tender(attrs.evolve(t, tenderers=(*t.tenderers, e.tenderer)))

    def _award_tender(self, e: TenderAwarded) -> None:
        t = self._tender_in(e.tender_id, TenderStatus.ACTIVE)
        if e.provider not in t.tenderers:
            raise RuleViolationError("provider", e.provider, "did not tender")
        self._keep_tender(
            attrs.evolve(
                t, status=TenderStatus.AWARDED, awarded_to=e.provider, awarded_value=e.value
            )
        )

    def _end_tender(self, e: TenderEnded) -> None:
        t = self._tender_in(e.tender_id, TenderStatus.PLANNED, TenderStatus.ACTIVE)
        self._keep_tender(attrs.evolve(t, status=e.status))


_HANDLERS: dict[type, Callable[[State, Any], None]] = {
    OrganisationAdded: State._add_organisation,
    MemberJoined: State._join,
    RolesChanged: State._change_roles,
    MemberLeft: State._leave,
    SeatTaken: State._take_seat,
    SeatLeft: State._leave_seat,
    RepresentativeNamed: State._name_representative,
    RepresentativeStoodDown: State._stand_down,
    LinkAdded: State._add_link,
    LinkEnded: State._end_link,
    GovernanceAdopted: State._adopt_governance,
    MeetingHeld: State._hold_meeting,
    ReimbursementRecorded: State._record_reimbursement,
    MoUDrafted: State._draft_mou,
    MoUSigned: State._sign_mou,
    MoUAmended: State._amend_mou,
    StepTaken: State._take_step,
    BaselineRecorded: State._record_baseline,
    ConsultationHeld: State._consult,
    LogicModelAgreed: State._agree_logic_model,
    ServiceDesignAgreed: State._agree_design,
    DesignApproved: State._approve_design,
    BidDrafted: State._draft_bid,
    BidSubmitted: State._submit_bid,
    BidEndorsed: State._endorse_bid,
    BidDecided: State._decide_bid,
    BidWithdrawn: State._withdraw_bid,
    CommitmentSought: State._seek_commitment,
    CommitmentGiven: State._give_commitment,
    CommitmentDeclined: State._decline_commitment,
    CommitmentLapsed: State._lapse_commitment,
    MeasureRecorded: State._record_measure,
    ConditionResolved: State._resolve_condition,
    TenderPlanned: State._plan_tender,
    TenderOpened: State._open_tender,
    TenderReceived: State._receive_tender,
    TenderAwarded: State._award_tender,
    TenderEnded: State._end_tender,
}


def replay(events: Iterable[Event], state: State, first_index: int) -> State:
    for index, event in enumerate(events, start=first_index):
        if type(event) not in _HANDLERS:
            raise InvalidValueError(
                f"history[{index}]", event, "is not a partnership event (see psp.Event)"
            )
        try:
            state.apply(event)
        except PSPError as e:
            # The error is new and ours: point it at the event in the history.
            e.field = f"history[{index}]" + ("" if e.field is None else f".{e.field}")
            e.args = (e.field, e.value, e.reason)
            raise
    return state


def _check_unsigned_version(mou: MoU, version: int, why: str) -> None:
    """Refuse an MoU recorded as drafted or amended with the wrong version or signed."""
    if mou.version != version:
        raise RuleViolationError("mou.version", mou.version, why)
    if mou.signatures:
        raise RuleViolationError(
            "mou.signatures",
            [x.person for x in mou.signatures],
            "an MoU is recorded unsigned; record each signature with sign_mou",
        )
