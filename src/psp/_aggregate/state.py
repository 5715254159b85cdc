"""What a partnership's history adds up to: the state its events are checked against
and folded into, and the base every event class shares (private).

The state keeps the records; each area's module (``membership.py``, ``links.py``, ``governance.py``,
``lifecycle.py``, ``funding.py``, ``commissioning.py``) holds its event classes, and
each event class its own effect, ``Recorded._apply``. :meth:`State.apply` checks what
every event shares (date order; nothing after closing) and hands the event to it.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Final, TypeVar

import attrs

from psp._aggregate.log import Log
from psp._aggregate.pmap import OrderedPMap
from psp._aggregate.spans import D, Spans
from psp._base.errors import InvalidValueError, PSPError, RuleViolationError, UnknownReferenceError
from psp._base.roles import Role, SeatKind
from psp._base.scope import Focus
from psp._base.vocabulary import Term
from psp._commissioning.commitments import SustainabilityCommitment
from psp._commissioning.funding import Bid, Fund
from psp._commissioning.outputs import OutputKind
from psp._commissioning.payments import ContractPayment, Payment, PlannedPayment, Report
from psp._commissioning.tender import Tender
from psp._governing.meetings import Meeting
from psp._governing.mou import MoU
from psp._governing.posts import Post, PostHolder
from psp._governing.risks import Difference, Risk
from psp._governing.structure import GovernanceStructure
from psp._lifecycle.design import Baseline, Consultation, LogicModel, ServiceDesign
from psp._lifecycle.guards import Facts
from psp._lifecycle.policy import Finding, Policy, Waiver
from psp._lifecycle.stages import INITIAL_STAGE, Stage, Step
from psp._partners.links import Link, LinkKind
from psp._partners.membership import (
    Membership,
    ReimbursementStatus,
    Representative,
    Seat,
    Suspension,
)
from psp._partners.organisation import Partner
from psp._partners.sector_balance import SectorBalance

if TYPE_CHECKING:
    from psp._aggregate.benefits import BenefitIdentified
    from psp._aggregate.budgets import BudgetSet, SpendRecorded
    from psp._aggregate.contributions import CapabilitiesDeclared, ContributionRecorded
    from psp._aggregate.events import Event
    from psp._aggregate.origins import LeadSelected, PartnershipInitiated
    from psp._aggregate.outputs import OutputRecorded, OutputTargetSet
    from psp._aggregate.relational import RelationalResponseRecorded

__all__ = ["Recorded", "State", "replay"]

_SEAT_KINDS = tuple(SeatKind)
K = TypeVar("K")
V = TypeVar("V")


class Recorded:
    """What every event class is: a tag for plain data and an effect on a state.

    An event class declares its ``TAG`` (the ``type`` it is written with in plain data,
    stable forever) and defines ``_apply(state)``: check everything, then change the
    state (or ``_warnings(state)``, when the effect returns warnings, as a step's does).
    ``tests/test_registries.py`` checks that every class in :data:`psp.Event` declares
    both, and that no two share a tag.
    """

    __slots__ = ()

    #: The event's ``type`` in plain data (``"member-joined"``).
    TAG: ClassVar[str]
    #: Whether a closed partnership still records it: only a lifecycle step.
    RECORDED_WHEN_CLOSED: ClassVar[bool] = False

    @property
    def on(self) -> date:  # pragma: no cover - every event class defines it
        raise NotImplementedError

    def _apply(self, state: State) -> None:  # pragma: no cover - every event class defines it
        """Check the event against ``state``, then change ``state``; or raise and change
        nothing."""
        raise NotImplementedError

    def _warnings(self, state: State) -> tuple[Finding, ...]:
        """:meth:`_apply`, returning the warnings the event is recorded despite. Only a
        lifecycle step's soft guards give any: ``StepTaken`` defines this in place of
        ``_apply``."""
        self._apply(state)
        return ()


#: The metadata of a record each copy of a state gets its own copy of (a :class:`Spans`:
#: cheap, as it shares its logs and maps), and that is sealed before a state is published.
#: Every other record is shared by the copies: an immutable value, or an append-only log
#: or persistent map that neither copy changes in place.
_COPIED: Final = {"copied": True}


@attrs.define(slots=True, eq=False)
class State:
    """What the history adds up to. Private and mutable only while it is being built:
    a Partnership copies it before recording new events, so shared states never change.

    Every record is declared once, below: its type, its empty value, and how a copy
    treats it (:meth:`copy` and :meth:`seal` loop over the declaration). A copy costs the
    same whatever the history's length and however many organisations, members, links,
    seats, bids, ... it holds: every collection is an append-only :class:`Log`, a
    :class:`Spans` or a persistent map (:mod:`psp._aggregate.pmap`) the copies share,
    never copied whole. A state changes its maps under an edit token of its own
    (:meth:`editing`).
    """

    policy: Policy
    focus: frozenset[Focus | Term] = attrs.field(factory=frozenset)
    stage: Stage = INITIAL_STAGE
    stages: Log[tuple[date, Step, Stage]] = attrs.field(factory=Log)
    last: date | None = None
    # membership
    organisations: OrderedPMap[str, Partner] = attrs.field(factory=OrderedPMap)
    lead: str | None = None
    memberships: Spans[str, Membership] = attrs.field(factory=Spans, metadata=_COPIED)
    seats: Spans[tuple[str, SeatKind], Seat] = attrs.field(factory=Spans, metadata=_COPIED)
    representatives: Spans[tuple[str, str], Representative] = attrs.field(
        factory=Spans, metadata=_COPIED
    )
    links: Spans[tuple[str, str, LinkKind | Term], Link] = attrs.field(
        factory=Spans, metadata=_COPIED
    )
    suspensions: Spans[str, Suspension] = attrs.field(factory=Spans, metadata=_COPIED)
    reimbursements: OrderedPMap[str, ReimbursementStatus] = attrs.field(factory=OrderedPMap)
    # governance and the MoU
    governance: Log[tuple[date, GovernanceStructure]] = attrs.field(factory=Log)
    meetings: Log[Meeting] = attrs.field(factory=Log)
    mous: OrderedPMap[str, tuple[MoU, ...]] = attrs.field(factory=OrderedPMap)  # every version
    # design
    baselines: Log[Baseline] = attrs.field(factory=Log)
    consultations: Log[tuple[date, Consultation]] = attrs.field(factory=Log)
    logic_model: LogicModel | None = None
    service_design: ServiceDesign | None = None
    design_approvals: OrderedPMap[str, date] = attrs.field(factory=OrderedPMap)
    # funding and commissioning
    bids: OrderedPMap[str, Bid] = attrs.field(factory=OrderedPMap)
    commitments: OrderedPMap[str, SustainabilityCommitment] = attrs.field(factory=OrderedPMap)
    tenders: OrderedPMap[str, Tender] = attrs.field(factory=OrderedPMap)
    # origins, contributions and capabilities
    initiation: PartnershipInitiated | None = None
    lead_selections: Log[LeadSelected] = attrs.field(factory=Log)
    contributions: Log[ContributionRecorded] = attrs.field(factory=Log)
    capabilities: Log[CapabilitiesDeclared] = attrs.field(factory=Log)
    # open vocabularies: a link kind of your own's label and inverse label
    link_kinds: OrderedPMap[Term, tuple[str, str]] = attrs.field(factory=OrderedPMap)
    # waivers of rules, by rule: every waiver of it, oldest first
    waivers: OrderedPMap[str, tuple[Waiver, ...]] = attrs.field(factory=OrderedPMap)
    # people in posts, the risk register, differences between partners
    posts: OrderedPMap[str, tuple[date, Post]] = attrs.field(factory=OrderedPMap)  # established
    post_holders: Spans[str, PostHolder] = attrs.field(factory=Spans, metadata=_COPIED)
    risks: OrderedPMap[str, Risk] = attrs.field(factory=OrderedPMap)
    differences: OrderedPMap[str, Difference] = attrs.field(factory=OrderedPMap)
    # outputs and capacity; benefits and savings (issue 17, items 4-5)
    output_kinds: OrderedPMap[str, OutputKind | Term] = attrs.field(factory=OrderedPMap)
    output_targets: Log[OutputTargetSet] = attrs.field(factory=Log)
    outputs: Log[OutputRecorded] = attrs.field(factory=Log)
    benefits: Log[BenefitIdentified] = attrs.field(factory=Log)
    # relational surveys: each wave's responses, in the order recorded (issue 19, item 3)
    relational_waves: OrderedPMap[str, tuple[RelationalResponseRecorded, ...]] = attrs.field(
        factory=OrderedPMap
    )
    # budgets and spend (issue 17, item 2): every line set, every spend, their sum
    budget_lines: Log[BudgetSet] = attrs.field(factory=Log)
    spending: Log[SpendRecorded] = attrs.field(factory=Log)
    spent_total: int = 0
    # funds and streams in use (issue 17, item 1): each fund and the day it was recorded
    funds: OrderedPMap[str, tuple[date, Fund]] = attrs.field(factory=OrderedPMap)
    # payments and reporting obligations of awarded bids (issue 17, item 3)
    planned_payments: OrderedPMap[str, PlannedPayment] = attrs.field(factory=OrderedPMap)
    payments: OrderedPMap[str, Payment] = attrs.field(factory=OrderedPMap)
    reports: OrderedPMap[str, Report] = attrs.field(factory=OrderedPMap)
    # payments under an awarded tender's contract (issue 17, item 6)
    contract_payments: OrderedPMap[str, ContractPayment] = attrs.field(factory=OrderedPMap)
    _edit: object | None = attrs.field(default=None, init=False)

    def copy(self) -> State:
        """A state to record more events in; this one is left as it is."""
        self._edit = None  # the maps are shared now: neither state changes them in place
        return State(
            **{
                name: getattr(self, name).copy() if name in _COPIED_RECORDS else getattr(self, name)
                for name in _RECORDS
            }
        )

    def seal(self) -> None:
        """Make the state ready to publish: records opened while building join their logs."""
        for name in _COPIED_RECORDS:
            getattr(self, name).seal()

    def editing(self) -> object:
        """The token this state changes its maps under (:mod:`psp._aggregate.pmap`): a new
        one on its first change after a copy, so that it changes in place only what it
        made."""
        if self._edit is None:
            self._edit = object()
        return self._edit

    def end_span(self, spans: Spans[K, D], key: K, record: D, on: date, too_soon: str) -> None:
        """End ``record``, open in ``spans`` under ``key``, on ``on``. A span lasts at
        least one day: ``on`` on or before its start is refused, ``too_soon`` saying why."""
        if on <= record.period.start:
            raise RuleViolationError("on", on.isoformat(), too_soon, code="too-short")
        spans.end(key, attrs.evolve(record, period=record.period.ended(on)))  # type: ignore[misc]

    def put(self, records: OrderedPMap[K, V], key: K, value: V) -> OrderedPMap[K, V]:
        """``records`` with ``key`` set to ``value``, changed in place if this state made it."""
        return records.set(key, value, self.editing())

    # -- the projector: what every event shares -------------------------------------

    def apply(self, event: Recorded) -> tuple[Finding, ...]:
        """Check ``event`` against the state so far and fold it in, or raise and leave
        the state as it was; return the warnings it is recorded despite."""
        self._admit(event)
        warnings = event._warnings(self)
        self.last = event.on
        return warnings

    def _admit(self, event: Recorded) -> None:
        """Refuse an event dated before the last one, and anything but a lifecycle step
        once the partnership is closed."""
        if self.last is not None and event.on < self.last:
            raise RuleViolationError(
                "on",
                event.on.isoformat(),
                f"is before the previous event ({self.last.isoformat()}); "
                "events are recorded in the order they happened",
                code="out-of-order",
            )
        if self.stage is Stage.CLOSED and not event.RECORDED_WHEN_CLOSED:
            closed_on = self.stages[-1][0].isoformat()
            raise RuleViolationError(
                None,
                None,
                f"the partnership closed on {closed_on}; it records nothing more",
                code="partnership-closed",
            )

    # -- checks several areas share -------------------------------------------------

    def name_of(self, partner_id: str) -> str:
        """An organisation's name for a message (its id if it is unknown)."""
        partner = self.organisations.get(partner_id)
        return partner.name if partner is not None else partner_id

    def known(self, field: str, partner_id: str) -> None:
        """Refuse an organisation the partnership does not know."""
        if partner_id not in self.organisations:
            raise UnknownReferenceError(
                field,
                partner_id,
                "is not an organisation this partnership knows; add it first",
                code="unknown-organisation",
            )

    def can_lead(self, partner_id: str, roles: frozenset[Role]) -> None:
        """Refuse a second lead."""
        if Role.LEAD in roles and self.lead is not None and self.lead != partner_id:
            raise RuleViolationError(
                "roles",
                "lead",
                f"{self.name_of(self.lead)} already leads and a partnership has one lead at a "
                "time; change its roles first",
                code="second-lead",
            )

    def holds_seat(self, partner_id: str) -> bool:
        return bool(self.seats) and any((partner_id, k) in self.seats for k in _SEAT_KINDS)

    def member_now(self, partner_id: str) -> Membership:
        """The organisation's current membership, or a refusal if it is not a member."""
        current = self.memberships.get(partner_id)
        if current is None:
            raise RuleViolationError(
                "partner_id",
                partner_id,
                f"{self.name_of(partner_id)} is not a member now",
                code="not-a-member",
            )
        return current

    def mou_versions(self, field: str, mou_id: str) -> tuple[MoU, ...]:
        versions = self.mous.get(mou_id)
        if versions is None:
            raise UnknownReferenceError(
                field, mou_id, "is not an MoU of this partnership", code="unknown-mou"
            )
        return versions

    def bid(self, field: str, bid_id: str) -> Bid:
        bid = self.bids.get(bid_id)
        if bid is None:
            raise UnknownReferenceError(
                field, bid_id, "is not a bid of this partnership", code="unknown-bid"
            )
        return bid

    def commitment(self, field: str, commitment_id: str) -> SustainabilityCommitment:
        found = self.commitments.get(commitment_id)
        if found is None:
            raise UnknownReferenceError(
                field,
                commitment_id,
                "is not a sustainability commitment of this partnership",
                code="unknown-commitment",
            )
        return found

    def tender(self, field: str, tender_id: str) -> Tender:
        found = self.tenders.get(tender_id)
        if found is None:
            raise UnknownReferenceError(
                field, tender_id, "is not a tender of this partnership", code="unknown-tender"
            )
        return found

    # -- what the rules look at ---------------------------------------------------

    def waivers_on(self, on: date | None) -> dict[str, Waiver]:
        """The waivers in force on ``on`` (``None``: after the last event), by rule."""
        day = on or self.last or date.min
        return {
            rule: w for rule, granted in self.waivers.items() for w in granted if w.in_force(day)
        }

    def facts(self, on: date | None) -> Facts:
        """What the rules look at, on ``on`` (``None``: after the last event)."""
        members = self.memberships.on(on)
        partners = [self.organisations[m.partner_id] for m in members]
        lead = next(
            (p for p, m in zip(partners, members, strict=True) if Role.LEAD in m.roles), None
        )
        day = on or self.last or date.min
        budgeted = {(b.period, b.category): b.amount for b in self.budget_lines if b.on <= day}
        return Facts(
            on=day,
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
            budget_periods=tuple(dict.fromkeys(p for (p, _), a in budgeted.items() if a)),
        )


#: The names of the records, and of those each copy gets its own copy of, read from the
#: declaration once.
_RECORDS: Final = tuple(a.name for a in attrs.fields(State) if a.init)
_COPIED_RECORDS: Final = tuple(a.name for a in attrs.fields(State) if a.metadata.get("copied"))


def replay(
    events: Iterable[Event],
    state: State,
    first_index: int,
    kinds: Container[type],
    where: str = "history",
) -> State:
    """Apply ``events`` in turn; a refusal's field names the event's place in the history
    (``history[12]``, or ``where[12]``: the batch :meth:`Partnership.extend` was given).

    ``kinds`` are the event classes a history may hold (the classes of :data:`psp.Event`):
    anything else, a subclass of one of them included, is refused, as the readers and
    ``to_data`` would not know it."""
    for index, event in enumerate(events, start=first_index):
        if type(event) not in kinds:
            raise InvalidValueError(
                f"{where}[{index}]",
                event,
                "is not a partnership event (see psp.Event)",
                code="wrong-type",
            )
        try:
            state.apply(event)
        except PSPError as e:
            # The error is new and ours: point it at the event in the history.
            e.field = f"{where}[{index}]" + ("" if e.field is None else f".{e.field}")
            e.args = (e.field, e.value, e.reason)
            raise
    return state
