"""The Partnership aggregate: an identity, a history of events, and the state they build."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any, cast

import attrs

from psp._aggregate import budgets as _budgets
from psp._aggregate.events import (
    EVENT_TAGS,
    BaselineRecorded,
    BenefitIdentified,
    BidDecided,
    BidDrafted,
    BidEndorsed,
    BidSubmitted,
    BidWithdrawn,
    BudgetSet,
    CapabilitiesDeclared,
    CommitmentDeclined,
    CommitmentGiven,
    CommitmentLapsed,
    CommitmentSought,
    ConditionResolved,
    ConsultationHeld,
    ContractPaymentMade,
    ContributionRecorded,
    DesignApproved,
    DifferenceRecorded,
    DifferenceResolved,
    Event,
    FundRecorded,
    GovernanceAdopted,
    LeadSelected,
    LinkAdded,
    LinkEnded,
    LinkKindDefined,
    LogicModelAgreed,
    MeasureRecorded,
    MeetingHeld,
    MemberJoined,
    MemberLeft,
    MemberReinstated,
    MemberSuspended,
    MoUAmended,
    MoUDrafted,
    MoUSigned,
    OrganisationAdded,
    OutputRecorded,
    OutputTargetSet,
    PartnershipInitiated,
    PaymentMade,
    PaymentPlanned,
    PostEstablished,
    PostFilled,
    PostVacated,
    ReimbursementRecorded,
    RelationalResponseRecorded,
    ReportReceived,
    ReportRequired,
    RepresentativeNamed,
    RepresentativeStoodDown,
    RiskClosed,
    RiskRaised,
    RiskReviewed,
    RolesChanged,
    RuleWaived,
    SeatLeft,
    SeatTaken,
    ServiceDesignAgreed,
    SpendRecorded,
    StepTaken,
    TenderAwarded,
    TenderEnded,
    TenderOpened,
    TenderPlanned,
    TenderReceived,
    WaiverWithdrawn,
)
from psp._aggregate.fields import reason as _reason
from psp._aggregate.funds import submission_findings
from psp._aggregate.log import Log
from psp._aggregate.state import State, replay
from psp._base import checks as _checks
from psp._base import pickling as _pickling
from psp._base.errors import (
    InvalidValueError,
    PSPError,
    RuleViolationError,
    UnknownReferenceError,
    VersionConflictError,
)
from psp._base.period import Period, a_period
from psp._base.roles import CORE_ROLES, Role, RoleName, SeatKind, SeatKindName
from psp._base.scope import Focus, FocusName, Scope, ScopeName
from psp._base.shares import Share
from psp._base.vocabulary import Term, term_of, terms_of
from psp._commissioning.budgets import BudgetCategory, BudgetCategoryName, BudgetVariance
from psp._commissioning.commitments import CommitmentStatus, SustainabilityCommitment
from psp._commissioning.funding import Bid, Fund, FundingMix
from psp._commissioning.outputs import OutputKind, OutputKindName
from psp._commissioning.payments import (
    ContractPayment,
    ObligationRow,
    PaidRow,
    Payment,
    PlannedPayment,
    Report,
    obligation_rows,
    paid_rows,
)
from psp._commissioning.tender import Tender, TenderStatus, TenderStatusName
from psp._governing.meetings import (
    Continuity,
    Meeting,
    MeetingKind,
    MeetingKindName,
    attendance_by_partner,
    meeting_size_range,
    representative_continuity,
)
from psp._governing.mou import MoU
from psp._governing.posts import CHAIRING, Post, PostHolder
from psp._governing.risks import Difference, Rating, Risk, RiskKind, RiskKindName
from psp._governing.structure import CadenceCheck, GovernanceStructure
from psp._lifecycle.design import Baseline, Consultation, LogicModel, ServiceDesign
from psp._lifecycle.guards import Facts, composition_findings, step_findings
from psp._lifecycle.policy import Finding, Policy, Rule, Waiver
from psp._lifecycle.stages import Stage, Step, StepName, steps_from
from psp._partners.contributions import (
    Capability,
    CapabilityName,
    ContributionKind,
    ContributionKindName,
    contribution_kind,
)
from psp._partners.links import Link, LinkKind, LinkKindName, default_labels
from psp._partners.membership import (
    Engagement,
    EngagementName,
    Membership,
    ReimbursementStatus,
    ReimbursementStatusName,
    Representative,
    Seat,
    Suspension,
)
from psp._partners.organisation import Partner, PublicBodyKind, PublicBodyKindName, Sector
from psp._partners.origins import SelectionMethod, SelectionMethodName
from psp._partners.relational import RelationalAnswer
from psp._partners.sector_balance import SectorBalance

__all__ = ["Partnership", "StepResult"]


PartnerRef = Partner | str
Row = dict[str, Any]


@attrs.frozen
class StepResult:
    """What a lifecycle step returns: the new partnership, the event it recorded, and the
    warnings of the step's soft guards (such as a missing CJA sign-off)."""

    partnership: Partnership
    event: StepTaken
    warnings: tuple[Finding, ...]


def _ref(value: PartnerRef) -> str:
    return value.id if isinstance(value, Partner) else value


def _arg(value: PartnerRef, field: str = "partner") -> str:
    """A command's organisation argument as an id, checked under the argument's name
    (``partner``, ``source``), not the name of the event field it fills."""
    return value.id if isinstance(value, Partner) else _checks.an_id(field, value)


def _within(inner: Period, outer: Period) -> bool:
    """Whether ``inner`` lies inside ``outer``."""
    if inner.start < outer.start:
        return False
    if outer.end is None:
        return True
    return inner.end is not None and inner.end <= outer.end


def _id(value: str) -> str:
    return _checks.an_id("id", value)


def _name(value: str) -> str:
    return _checks.text("name", value)


def _focus(value: Iterable[Focus | FocusName | Term]) -> frozenset[Focus | Term]:
    return terms_of(Focus, "focus", value)


def _scope(value: Scope | ScopeName | None) -> Scope | None:
    return None if value is None else _checks.member_of(Scope, "scope", value)


def _areas(value: Iterable[str]) -> frozenset[str]:
    return _checks.texts("areas", value)


def _description(value: str) -> str:
    return _checks.free_text("description", value)


def _check_policy(instance: Partnership, attribute: attrs.Attribute[Policy], value: Any) -> None:
    if not isinstance(value, Policy):
        raise InvalidValueError("policy", value, "must be a psp.Policy", code="wrong-type")


def _history(value: Iterable[Event]) -> Log[Event]:
    if isinstance(value, Log):
        return value
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            "history", value, "must be a sequence of events", code="not-a-collection"
        )
    return Log(value)


@attrs.frozen(repr=False)
class Partnership:
    """A Public Social Partnership: who it is, and everything that has happened to it.

    The partnership is immutable. Its identity (``id``, ``name``, ``focus``, ``scope``,
    ``areas``, ``description``) is given when it is made; everything else is built
    from its ``history``, a sequence of events in date order (it shares its storage with
    the partnership it grew from, so recording an event never copies the history). Commands such as
    :meth:`join` check the domain's rules, then return a *new* partnership with one
    more event; a refused command raises a :class:`psp.PSPError` and changes nothing.

    Making a partnership from a history replays it and checks every event, so
    ``Partnership(**fields, history=p.history) == p`` for every partnership ``p``.

    Rules kept at every date: a partner is a member at most once at a time; at most
    one member leads at a time; events are in date order; every organisation named
    is known to the partnership. A partnership *without* a lead is allowed (a forming
    partnership may not have chosen one yet) and reported by :meth:`unfilled_roles`
    and by policy checks.
    """

    id: str = attrs.field(converter=_id)
    name: str = attrs.field(converter=_name)
    focus: frozenset[Focus | Term] = attrs.field(
        default=frozenset(), converter=_focus, kw_only=True
    )
    scope: Scope | None = attrs.field(default=None, converter=_scope, kw_only=True)
    areas: frozenset[str] = attrs.field(default=frozenset(), converter=_areas, kw_only=True)
    description: str = attrs.field(default="", converter=_description, kw_only=True)
    policy: Policy = attrs.field(factory=Policy, validator=_check_policy, kw_only=True)
    history: Sequence[Event] = attrs.field(default=(), converter=_history, kw_only=True)
    _state: State = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        state = replay(self.history, State(self.policy, self.focus), 0, EVENT_TAGS)
        state.seal()
        object.__setattr__(self, "_state", state)

    __copy__ = _pickling.itself
    __deepcopy__ = _pickling.itself_deep

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as what makes it (its state is replayed from the history on loading).
        return _pickling.by_arguments(self, history=tuple(self.history))

    def __repr__(self) -> str:
        return (
            f"<Partnership {self.id!r} {self.name!r}: {self._state.stage.value}, "
            f"{len(self._state.memberships)} members now, {len(self.history)} events>"
        )

    # -- recording -------------------------------------------------------------------

    @property
    def version(self) -> int:
        """The number of events recorded: the partnership's version.

        It grows by one with each event, so a store can keep it beside the events it
        holds and use it as a concurrency token: :meth:`extend` with
        ``expected_version`` refuses a write based on a version that is no longer the
        current one.
        """
        return len(self.history)

    def events_since(self, version: int) -> tuple[Event, ...]:
        """The events recorded after ``version``, oldest first: what a store that holds
        the first ``version`` events has yet to store (``events_since(0)`` is the whole
        history). Costs time in the number of events returned, not in the history's."""
        since = _checks.whole("version", version, 0, self.version)
        return cast(Log[Event], self.history)[since:]  # the converter makes every history a Log

    def extend(
        self, events: Iterable[Event], *, expected_version: int | None = None
    ) -> Partnership:
        """Return this partnership with ``events`` recorded, all of them or none.

        With ``expected_version``, first check that it is this partnership's
        :attr:`version`, and raise :class:`psp.VersionConflictError` if it is not:
        events were recorded since the writer read the partnership. Each event is then
        checked, in order: a refused one raises its error, naming it (``events[2].on``),
        and nothing is recorded.
        """
        if expected_version is not None:
            expected = _checks.whole("expected_version", expected_version, 0, _checks.MAX_WHOLE)
            if expected != self.version:
                raise VersionConflictError(expected, self.version)
        if isinstance(events, str | bytes | Mapping) or not isinstance(events, Iterable):
            raise InvalidValueError(
                "events", events, "must be a sequence of events", code="not-a-collection"
            )
        batch = tuple(events)
        state = replay(batch, self._state.copy(), 0, EVENT_TAGS, where="events")
        return self._extended(state, batch)

    def record(self, *events: Event) -> Partnership:
        """Return this partnership with ``events`` appended to its history.

        All of them are checked, in order, before anything is returned: if one is
        refused, the error names it by its place in the history (``history[12].roles``)
        and this partnership is unchanged. (:meth:`extend` takes a batch, names a refused
        event by its place in the batch and checks the version the writer expects.)
        """
        state = replay(events, self._state.copy(), len(self.history), EVENT_TAGS)
        return self._extended(state, events)

    def _record(self, *events: Event) -> Partnership:
        # Commands report errors against their own argument names, not history paths.
        state = self._state.copy()
        for event in events:
            try:
                state.apply(event)
            except PSPError as e:
                # A refusal names the argument that held the id: a command's ``partner``
                # is the ``partner_id`` of its event.
                if e.field == "partner_id":
                    e.field = "partner"
                    e.args = (e.field, e.value, e.reason)
                raise
        return self._extended(state, events)

    def _extended(self, state: State, events: tuple[Event, ...]) -> Partnership:
        # Build the successor without replaying the history: the cost of a command
        # does not grow with the length of the history.
        new: Partnership = object.__new__(Partnership)
        for a in attrs.fields(Partnership):
            object.__setattr__(new, a.name, getattr(self, a.name))
        history = cast(Log[Event], self.history)  # the converter makes every history a Log
        object.__setattr__(new, "history", history.extended(events))
        state.seal()
        object.__setattr__(new, "_state", state)
        return new

    def add_organisation(self, partner: Partner, *, on: date) -> Partnership:
        """Make an organisation known without making it a member (a funder, a critical friend)."""
        return self._record(OrganisationAdded(on=on, partner=partner))

    def _known_or_added(self, partner: PartnerRef, on: date) -> list[Event]:
        if not isinstance(partner, Partner):
            return []
        known = self._state.organisations.get(partner.id)
        if known is None:
            return [OrganisationAdded(on=on, partner=partner)]
        if known != partner:
            raise RuleViolationError(
                "partner",
                partner.id,
                "differs from the organisation already known by this id; pass its id instead",
                code="conflicting-record",
            )
        return []

    def join(
        self,
        partner: PartnerRef,
        *,
        on: date,
        roles: Iterable[Role | RoleName] = (),
        engagement: Engagement | EngagementName | None = None,
        signposted_by: PartnerRef | None = None,
    ) -> Partnership:
        """Return the partnership with ``partner`` a member from ``on``, in ``roles``.

        ``partner`` is a :class:`Partner` (added to the partnership if it is new) or the
        id of one it knows. ``engagement`` says how it came (3.6-3.7); ``signposted_by``
        names who signposted it, when it was signposted.
        """
        events = self._known_or_added(partner, on)
        events.append(
            MemberJoined(
                on=on,
                partner_id=_arg(partner),
                roles=roles,
                engagement=engagement,
                signposted_by=None
                if signposted_by is None
                else _arg(signposted_by, "signposted_by"),
            )
        )
        return self._record(*events)

    def change_roles(
        self, partner: PartnerRef, roles: Iterable[Role | RoleName], *, on: date
    ) -> Partnership:
        """Return the partnership with a member's roles replaced from ``on``."""
        return self._record(RolesChanged(on=on, partner_id=_arg(partner), roles=roles))

    def leave(self, partner: PartnerRef, *, on: date, reason: str = "") -> Partnership:
        """Return the partnership with a member gone from ``on`` (it may join again later)."""
        return self._record(MemberLeft(on=on, partner_id=_arg(partner), reason=reason))

    def suspend(self, partner: PartnerRef, *, on: date, reason: str = "") -> Partnership:
        """Return the partnership with a member suspended from ``on``: it stays a member,
        but takes no part until :meth:`reinstate` (leaving ends a suspension too)."""
        return self._record(MemberSuspended(on=on, partner_id=_arg(partner), reason=reason))

    def reinstate(self, partner: PartnerRef, *, on: date) -> Partnership:
        """Return the partnership with a suspended member reinstated from ``on``."""
        return self._record(MemberReinstated(on=on, partner_id=_arg(partner)))

    def take_seat(
        self,
        partner: PartnerRef,
        kind: SeatKind | SeatKindName = SeatKind.CRITICAL_FRIEND,
        *,
        on: date,
    ) -> Partnership:
        """Return the partnership with a non-member seat held by ``partner`` from ``on``."""
        events = self._known_or_added(partner, on)
        events.append(SeatTaken(on=on, partner_id=_arg(partner), kind=kind))
        return self._record(*events)

    def leave_seat(
        self,
        partner: PartnerRef,
        kind: SeatKind | SeatKindName = SeatKind.CRITICAL_FRIEND,
        *,
        on: date,
    ) -> Partnership:
        """Return the partnership with a non-member seat given up from ``on``."""
        return self._record(SeatLeft(on=on, partner_id=_arg(partner), kind=kind))

    def name_representative(
        self,
        partner: PartnerRef,
        person: str,
        *,
        on: date,
        title: str | None = None,
        can_decide: bool | None = None,
    ) -> Partnership:
        """Return the partnership with ``person`` representing ``partner`` from ``on``."""
        return self._record(
            RepresentativeNamed(
                on=on, partner_id=_arg(partner), person=person, title=title, can_decide=can_decide
            )
        )

    def stand_down_representative(
        self, partner: PartnerRef, person: str, *, on: date
    ) -> Partnership:
        """Return the partnership with ``person`` no longer representing ``partner`` from ``on``."""
        return self._record(RepresentativeStoodDown(on=on, partner_id=_arg(partner), person=person))

    def link(
        self,
        source: PartnerRef,
        target: PartnerRef,
        kind: LinkKind | LinkKindName | Term,
        *,
        on: date,
        weight: float | None = None,
        pre_existing: bool | None = None,
        note: str = "",
    ) -> Partnership:
        """Return the partnership with a ``kind`` link from ``source`` to ``target`` from ``on``.

        Both must be organisations the partnership knows, and at least one a member
        on ``on``. ``weight`` is an optional strength or volume (referrals a month).
        ``kind`` is a :class:`psp.LinkKind` or a term of your own (docs/vocabularies.md).
        """
        return self._record(
            LinkAdded(
                on=on,
                source=_arg(source, "source"),
                target=_arg(target, "target"),
                kind=kind,
                weight=weight,
                pre_existing=pre_existing,
                note=note,
            )
        )

    def unlink(
        self,
        source: PartnerRef,
        target: PartnerRef,
        kind: LinkKind | LinkKindName | Term,
        *,
        on: date,
    ) -> Partnership:
        """Return the partnership with a link ended from ``on``."""
        return self._record(
            LinkEnded(
                on=on, source=_arg(source, "source"), target=_arg(target, "target"), kind=kind
            )
        )

    def define_link_kind(
        self, kind: Term, *, label: str, inverse_label: str, on: date
    ) -> Partnership:
        """Return the partnership with a link kind of your own given its labels from ``on``:
        ``label`` reads from source to target ("mentors"), ``inverse_label`` back ("is
        mentored by"). A kind need not be defined to be used; until it is, its labels
        are the term itself (:meth:`link_labels`)."""
        return self._record(
            LinkKindDefined(on=on, kind=kind, label=label, inverse_label=inverse_label)
        )

    def adopt_governance(self, structure: GovernanceStructure, *, on: date) -> Partnership:
        """Return the partnership governed by ``structure`` from ``on``.

        Every group member must be a member or a seat holder (a critical friend) then.
        """
        return self._record(GovernanceAdopted(on=on, structure=structure))

    def hold_meeting(self, meeting: Meeting) -> Partnership:
        """Return the partnership with ``meeting`` held (on the meeting's date)."""
        return self._record(MeetingHeld(meeting=meeting))

    def record_reimbursement(
        self,
        partner: PartnerRef,
        status: ReimbursementStatus | ReimbursementStatusName,
        *,
        on: date,
    ) -> Partnership:
        """Return the partnership with reimbursement of a member's time offered, accepted
        or declined from ``on`` (3.31)."""
        return self._record(ReimbursementRecorded(on=on, partner_id=_arg(partner), status=status))

    def draft_mou(self, mou: MoU) -> Partnership:
        """Return the partnership with a new, unsigned MoU drafted on ``mou.drafted_on``."""
        return self._record(MoUDrafted(mou=mou))

    def sign_mou(self, mou_id: str, person: str, *, on: date) -> Partnership:
        """Return the partnership with ``person``'s signature on the MoU's current version."""
        return self._record(MoUSigned(on=on, mou_id=mou_id, person=person))

    def amend_mou(self, mou: MoU) -> Partnership:
        """Return the partnership with ``mou`` (made with :meth:`psp.MoU.amended`)
        superseding the current version; the old versions stay in :meth:`mou_versions`."""
        return self._record(MoUAmended(mou=mou))

    # -- origins, contributions and capabilities (docs/origins-and-contributions.md) ------

    def record_initiation(self, by: Iterable[str], *, on: date, note: str = "") -> Partnership:
        """Return the partnership with the organisations that initiated it recorded (once);
        they must be known to it, members or not."""
        return self._record(PartnershipInitiated(on=on, by=by, note=note))

    def select_lead(
        self,
        partner: PartnerRef,
        *,
        on: date,
        method: SelectionMethod | SelectionMethodName,
        by: Iterable[str] = (),
        alternatives: Iterable[str] = (),
        note: str = "",
    ) -> Partnership:
        """Return the partnership with ``partner`` chosen as lead on ``on``, by ``method``,
        by the organisations ``by`` (if recorded), among ``alternatives`` (if known).

        Every organisation named must be known to the partnership; none need be a member
        (a lead may be chosen before it joins, 3.54). The choice changes no roles.
        """
        return self._record(
            LeadSelected(
                on=on,
                partner_id=_arg(partner),
                method=method,
                by=by,
                alternatives=alternatives,
                note=note,
            )
        )

    def record_contribution(
        self,
        partner: PartnerRef,
        kind: ContributionKind | ContributionKindName | Term,
        *,
        on: date,
        value: int | None = None,
        description: str = "",
    ) -> Partnership:
        """Return the partnership with a member's contribution recorded: its kind, its
        value in whole pounds where known (``None``: not known), and what it is."""
        return self._record(
            ContributionRecorded(
                on=on, partner_id=_arg(partner), kind=kind, value=value, description=description
            )
        )

    def declare_capabilities(
        self,
        partner: PartnerRef,
        capabilities: Iterable[Capability | CapabilityName],
        *,
        on: date,
        note: str = "",
    ) -> Partnership:
        """Return the partnership with what ``partner`` (any organisation it knows: a
        potential partner too, 3.8) says it can do from ``on``, replacing what it said
        before."""
        return self._record(
            CapabilitiesDeclared(
                on=on, partner_id=_arg(partner), capabilities=capabilities, note=note
            )
        )

    # -- outputs and capacity; benefits and savings (docs/outputs-and-benefits.md) -----

    def set_output_target(
        self,
        output_id: str,
        kind: OutputKind | OutputKindName | Term,
        target: int,
        *,
        period: Period,
        on: date,
        unit: str | None = None,
        note: str = "",
    ) -> Partnership:
        """Return the partnership with a numeric target set on ``on``: ``target`` of
        ``kind`` over ``period``. Setting it again for the same output and period
        revises it; an output keeps the kind it was first set with
        (``output-kind-changed``)."""
        return self._record(
            OutputTargetSet(
                on=on,
                output_id=output_id,
                kind=kind,
                target=target,
                period=period,
                unit=unit,
                note=note,
            )
        )

    def record_output(
        self, output_id: str, value: int, *, period: Period, on: date, note: str = ""
    ) -> Partnership:
        """Return the partnership with what was delivered of an output recorded on
        ``on``: ``value`` over ``period``, which has begun by ``on``
        (``actual-in-future``). The output must have a target (``unknown-output``)."""
        return self._record(
            OutputRecorded(on=on, output_id=output_id, period=period, value=value, note=note)
        )

    def identify_benefit(
        self,
        partner: PartnerRef,
        *,
        on: date,
        cashable: bool,
        estimate: int | None = None,
        basis: str | None = None,
        source: str | None = None,
    ) -> Partnership:
        """Return the partnership with a body that stands to benefit if the service
        works (3.51, 3.57): any organisation it knows, a member or not; ``cashable`` or
        not, an ``estimate`` in whole pounds where known, its ``basis`` and ``source``."""
        return self._record(
            BenefitIdentified(
                on=on,
                partner_id=_arg(partner),
                cashable=cashable,
                estimate=estimate,
                basis=basis,
                source=source,
            )
        )

    # -- budgets and spend (docs/budgets.md) ------------------------------------------

    def set_budget(
        self,
        category: BudgetCategory | BudgetCategoryName | Term,
        amount: int,
        *,
        period: Period,
        on: date,
        note: str = "",
    ) -> Partnership:
        """Return the partnership with ``amount`` whole pounds budgeted for ``category``
        over ``period``, set on ``on``; setting it again for the same period and
        category revises it."""
        return self._record(
            BudgetSet(on=on, period=period, category=category, amount=amount, note=note)
        )

    def record_spend(
        self,
        category: BudgetCategory | BudgetCategoryName | Term,
        amount: int,
        *,
        on: date,
        period: Period | None = None,
        note: str = "",
    ) -> Partnership:
        """Return the partnership with ``amount`` whole pounds of ``category`` spent on
        ``on``, against ``period`` if given, else against every period containing ``on``."""
        return self._record(
            SpendRecorded(on=on, category=category, amount=amount, period=period, note=note)
        )

    # -- relational surveys (docs/relational-surveys.md) ------------------------------

    def record_relational_response(
        self,
        respondent: PartnerRef,
        answers: Iterable[RelationalAnswer],
        *,
        wave_id: str,
        on: date,
    ) -> Partnership:
        """Return the partnership with a member's answers about other members recorded
        in wave ``wave_id`` of a relational survey, dated ``on`` (every response of a wave
        carries the wave's date). The analyses are :func:`psp.relational_summary` and its
        neighbours."""
        return self._record(
            RelationalResponseRecorded(
                on=on, wave_id=wave_id, respondent=_arg(respondent, "respondent"), answers=answers
            )
        )

    # -- payments and reporting obligations (docs/payments-and-reports.md) ------------

    def plan_payment(
        self, payment_id: str, bid_id: str, amount: int, *, due: date, on: date
    ) -> Partnership:
        """Return the partnership with a payment of an awarded bid planned on ``on``:
        ``amount`` whole pounds due on ``due``. Only an awarded bid takes payments
        (``bid-not-awarded``); its planned payments add up to no more than its award
        unless the policy allows it (``payment-exceeds-award``)."""
        return self._record(
            PaymentPlanned(on=on, payment_id=payment_id, bid_id=bid_id, due=due, amount=amount)
        )

    def record_payment(
        self,
        payment_id: str,
        bid_id: str,
        amount: int,
        *,
        on: date,
        planned_id: str | None = None,
    ) -> Partnership:
        """Return the partnership with ``amount`` whole pounds paid on an awarded bid on
        ``on``, against the planned payment ``planned_id`` (no more than remains of it,
        ``payment-exceeds-plan``) or against none. Its payments add up to no more than its
        award unless the policy allows it (``payment-exceeds-award``)."""
        return self._record(
            PaymentMade(
                on=on,
                payment_id=payment_id,
                bid_id=bid_id,
                amount=amount,
                planned_id=planned_id,
            )
        )

    def record_contract_payment(
        self, payment_id: str, tender_id: str, amount: int, *, on: date, note: str = ""
    ) -> Partnership:
        """Return the partnership with ``amount`` whole pounds paid on ``on`` under the
        contract of an awarded tender (``tender-not-awarded`` otherwise), from its
        commissioner to the provider it was awarded to. ``payment_id`` is not the id of
        another payment, of a bid or under a contract (``id-taken``); the tender's
        payments add up to no more than its awarded value, when one was recorded, unless
        the policy allows it (``payment-exceeds-award``)."""
        return self._record(
            ContractPaymentMade(
                on=on, payment_id=payment_id, tender_id=tender_id, amount=amount, note=note
            )
        )

    def require_report(
        self, report_id: str, bid_id: str, what: str, *, due: date, on: date
    ) -> Partnership:
        """Return the partnership with a report required of an awarded bid on ``on``:
        ``what``, due on ``due``."""
        return self._record(
            ReportRequired(on=on, report_id=report_id, bid_id=bid_id, what=what, due=due)
        )

    def receive_report(self, report_id: str, *, on: date) -> Partnership:
        """Return the partnership with a required report received on ``on`` (late, if
        after its due date)."""
        return self._record(ReportReceived(on=on, report_id=report_id))

    # -- people in posts, the risk register, differences between partners ----------

    def establish_post(self, post: Post, *, on: date) -> Partnership:
        """Return the partnership with ``post`` established from ``on``, vacant until
        :meth:`fill_post` (a post being recruited to). A post of a group names a group of
        the governance in force."""
        return self._record(PostEstablished(on=on, post=post))

    def fill_post(
        self,
        post_id: str,
        person: str | None = None,
        *,
        on: date,
        partner: PartnerRef | None = None,
        title: str | None = None,
    ) -> Partnership:
        """Return the partnership with a vacant post held from ``on`` by ``person``
        (``None``: not named) for ``partner`` (``None``: not recorded), ``title`` being
        their own title there.

        A post is held by one person at a time: filling a held post is refused
        (``post-held``); :meth:`vacate_post` first, on the same day for a handover. A
        group's post is held for an organisation that sits on the group, and a chair's
        or co-chair's for one of the group's ``chairs`` when it names any.
        """
        return self._record(
            PostFilled(
                on=on,
                post_id=post_id,
                person=person,
                partner_id=None if partner is None else _arg(partner),
                title=title,
            )
        )

    def vacate_post(self, post_id: str, *, on: date, reason: str = "") -> Partnership:
        """Return the partnership with a post's holder gone from ``on``; the post stays,
        vacant."""
        return self._record(PostVacated(on=on, post_id=post_id, reason=reason))

    def raise_risk(
        self,
        risk_id: str,
        description: str,
        *,
        on: date,
        kind: RiskKind | RiskKindName = RiskKind.RISK,
        raised_by: PartnerRef | None = None,
        owner: PartnerRef | None = None,
        rating: Rating | None = None,
    ) -> Partnership:
        """Return the partnership with a risk (or, ``kind="issue"``, an issue) in its
        register from ``on``."""
        return self._record(
            RiskRaised(
                on=on,
                risk_id=risk_id,
                description=description,
                kind=kind,
                raised_by=None if raised_by is None else _arg(raised_by, "raised_by"),
                owner=None if owner is None else _arg(owner, "owner"),
                rating=rating,
            )
        )

    def review_risk(
        self,
        risk_id: str,
        *,
        on: date,
        rating: Rating | None = None,
        owner: PartnerRef | None = None,
        mitigation: str | None = None,
        note: str = "",
    ) -> Partnership:
        """Return the partnership with an open risk or issue reviewed on ``on``: a new
        ``rating``, a new ``owner``, a ``mitigation`` (each ``None``: unchanged, none)."""
        return self._record(
            RiskReviewed(
                on=on,
                risk_id=risk_id,
                rating=rating,
                owner=None if owner is None else _arg(owner, "owner"),
                mitigation=mitigation,
                note=note,
            )
        )

    def close_risk(self, risk_id: str, *, on: date, reason: str) -> Partnership:
        """Return the partnership with an open risk or issue closed on ``on``, for ``reason``."""
        return self._record(RiskClosed(on=on, risk_id=risk_id, reason=reason))

    def record_difference(
        self, difference_id: str, subject: str, parties: Iterable[PartnerRef], *, on: date
    ) -> Partnership:
        """Return the partnership with a difference of view between ``parties`` about
        ``subject`` recorded (3.30); it stands unresolved until :meth:`resolve_difference`."""
        if isinstance(parties, str | bytes) or not isinstance(parties, Iterable):
            raise InvalidValueError(
                "parties", parties, "must be a collection of ids", code="not-a-collection"
            )
        ids = [_arg(x, f"parties[{i}]") for i, x in enumerate(parties)]
        return self._record(
            DifferenceRecorded(on=on, difference_id=difference_id, subject=subject, parties=ids)
        )

    def resolve_difference(self, difference_id: str, how: str, *, on: date) -> Partnership:
        """Return the partnership with a difference resolved on ``on``, and ``how``."""
        return self._record(DifferenceResolved(on=on, difference_id=difference_id, how=how))

    # -- the lifecycle ---------------------------------------------------------------

    def step(self, step: Step | StepName, *, on: date, reason: str = "") -> StepResult:
        """Take a lifecycle step dated ``on``: return the new partnership, the event and
        the warnings of the step's soft guards.

        Every guard is evaluated before anything changes. A step the table does not
        allow from the current stage, or one with unmet hard guards (closing without a
        ``reason`` is one), raises one :class:`psp.TransitionRefusedError` whose
        ``findings`` are exactly the breaches :meth:`blockers` lists. Like every
        command, a step dated before the last event is refused
        (:class:`psp.RuleViolationError`).
        """
        event = StepTaken(on=on, step=_checks.member_of(Step, "step", step), reason=reason)
        state = self._state.copy()
        warnings = state.apply(event)
        return StepResult(self._extended(state, (event,)), event, warnings)

    def blockers(
        self, step: Step | StepName, *, on: date | None = None, reason: str = ""
    ) -> tuple[Finding, ...]:
        """Every unmet guard of ``step``, taken on ``on`` (``None``: the last event's day)
        with ``reason``, without trying it: breaches, then warnings.

        The breaches are exactly what :meth:`step` would refuse for, in its error's
        ``findings``. A step the table does not allow from the current stage is one
        breach, ``no-such-step``; closing without a reason is ``reason-missing``. A rule
        waived for the partnership on that date (:meth:`waive`) blocks nothing and is
        not listed. A date before the last event asks how the partnership stood then (a
        step dated then is refused for its date).
        """
        chosen = _checks.member_of(Step, "step", step)
        day = None if on is None else _checks.a_date("on", on)
        found = step_findings(
            chosen,
            self._state.facts(day),
            self.policy,
            _reason(reason),
            self._state.waivers_on(day),
        )
        return tuple(f for f in found if f.waiver is None)

    @property
    def stage(self) -> Stage:
        """Where the partnership is in its lifecycle."""
        return self._state.stage

    def stage_history(self) -> tuple[tuple[date, Step, Stage], ...]:
        """Each step taken: its date, the step and the stage it led to."""
        return tuple(self._state.stages)

    def next_steps(self) -> tuple[Step, ...]:
        """The steps the lifecycle table allows from the current stage."""
        return steps_from(self._state.stage)

    def findings(self, policy: Policy | None = None, on: date | None = None) -> tuple[Finding, ...]:
        """How the partnership's make-up on ``on`` (``None``: now) falls short of
        ``policy`` (by default its own): breaches first, then warnings, then the
        findings of rules waived on ``on`` (:meth:`waive`), each with its
        :attr:`~psp.Finding.waiver`. A waiver is granted under the partnership's own
        policy: checked against another policy, nothing is waived."""
        chosen = self.policy if policy is None else policy
        if not isinstance(chosen, Policy):
            raise InvalidValueError("policy", chosen, "must be a psp.Policy", code="wrong-type")
        day = None if on is None else _checks.a_date("on", on)
        own = chosen is self.policy or chosen == self.policy
        waivers = self._state.waivers_on(day) if own else None
        return composition_findings(self._state.facts(day), chosen, waivers)

    def facts(self, on: date | None = None) -> Facts:
        """What the rules look at on ``on`` (``None``: the last event's day): the
        :class:`psp.Facts` a fund's own :class:`psp.Rule` is given, for trying one."""
        return self._state.facts(None if on is None else _checks.a_date("on", on))

    # -- waivers of a rule -----------------------------------------------------------

    def waive(
        self,
        rule: str | Rule,
        *,
        granted_by: PartnerRef,
        on: date,
        reason: str,
        until: date | None = None,
    ) -> Partnership:
        """Return the partnership with its programme's ``rule`` waived from ``on`` (up
        to ``until``, if given): a built-in rule of :attr:`psp.Finding.RULES` or one of
        its policy's own rules (a :class:`psp.Rule`, or its code).

        ``granted_by`` is who granted it, an organisation the partnership knows (a
        funder need not be a member: add it with :meth:`add_organisation`); ``reason``
        says why. While the waiver is in force the rule's findings carry it
        (:attr:`psp.Finding.waiver`) and block no step. A rule is waived once at a time;
        ``no-such-step`` and ``reason-missing``, psp's own rules of the lifecycle,
        are never waived.
        """
        return self._record(
            RuleWaived(
                on=on,
                rule=rule.code if isinstance(rule, Rule) else rule,
                granted_by=_arg(granted_by, "granted_by"),
                reason=reason,
                until=until,
            )
        )

    def withdraw_waiver(self, rule: str | Rule, *, on: date, reason: str = "") -> Partnership:
        """Return the partnership with the waiver of ``rule`` (a rule's code, or a
        :class:`psp.Rule`) in force withdrawn from ``on``: the rule binds again."""
        code = rule.code if isinstance(rule, Rule) else rule
        return self._record(WaiverWithdrawn(on=on, rule=code, reason=reason))

    def waivers(self, on: date | None = None) -> tuple[Waiver, ...]:
        """The waivers granted, in the order granted; with ``on``, those in force then."""
        granted = [w for ws in self._state.waivers.values() for w in ws]
        if on is not None:
            day = _checks.a_date("on", on)
            granted = [w for w in granted if w.in_force(day)]
        return tuple(sorted(granted, key=lambda w: w.period.start))

    # -- design, funding, sustainability, commissioning ----------------------------

    def record_baseline(self, baseline: Baseline, *, on: date) -> Partnership:
        """Return the partnership with a baseline figure recorded as evidence."""
        return self._record(BaselineRecorded(on=on, baseline=baseline))

    def consult(self, consultation: Consultation, *, on: date) -> Partnership:
        """Return the partnership with a consultation of service users recorded."""
        return self._record(ConsultationHeld(on=on, consultation=consultation))

    def agree_logic_model(self, model: LogicModel, *, on: date) -> Partnership:
        """Return the partnership with its logic model agreed."""
        return self._record(LogicModelAgreed(on=on, model=model))

    def agree_service_design(self, design: ServiceDesign, *, on: date) -> Partnership:
        """Return the partnership with its service design agreed (approvals of an
        earlier design lapse)."""
        return self._record(ServiceDesignAgreed(on=on, design=design))

    def approve_design(self, funder: PartnerRef, *, on: date) -> Partnership:
        """Return the partnership with the current service design approved by ``funder``."""
        return self._record(DesignApproved(on=on, funder=_arg(funder, "funder")))

    def draft_bid(self, bid: Bid) -> Partnership:
        """Return the partnership with a new draft bid (dated ``bid.drafted_on``)."""
        return self._record(BidDrafted(bid=bid))

    def submit_bid(self, bid_id: str, *, on: date) -> Partnership:
        """Return the partnership with a draft bid submitted on ``on``."""
        return self._record(BidSubmitted(on=on, bid_id=bid_id))

    def endorse_bid(
        self, bid_id: str, partner: PartnerRef, area: str, *, on: date, given: bool = True
    ) -> Partnership:
        """Return the partnership with a public body's sign-off of a bid for ``area``
        (``given=False``: declined)."""
        return self._record(
            BidEndorsed(on=on, bid_id=bid_id, partner_id=_arg(partner), area=area, given=given)
        )

    def decide_bid(
        self, bid_id: str, *, on: date, awarded: bool, amount: int | None = None
    ) -> Partnership:
        """Return the partnership with a submitted bid awarded ``amount`` or declined."""
        return self._record(BidDecided(on=on, bid_id=bid_id, awarded=awarded, amount=amount))

    def withdraw_bid(self, bid_id: str, *, on: date, reason: str = "") -> Partnership:
        """Return the partnership with an open bid withdrawn."""
        return self._record(BidWithdrawn(on=on, bid_id=bid_id, reason=reason))

    def record_fund(self, fund: Fund, *, on: date) -> Partnership:
        """Return the partnership knowing ``fund`` from ``on``: a bid drafted or submitted
        after names one of its streams and funders, and is checked against its stream's
        purpose and dates (see ``docs/funds.md``)."""
        return self._record(FundRecorded(on=on, fund=fund))

    def seek_commitment(self, commitment: SustainabilityCommitment, *, on: date) -> Partnership:
        """Return the partnership having sought a sustainability commitment."""
        return self._record(CommitmentSought(on=on, commitment=commitment))

    def give_commitment(self, commitment_id: str, *, on: date) -> Partnership:
        """Return the partnership with a sought commitment given."""
        return self._record(CommitmentGiven(on=on, commitment_id=commitment_id))

    def decline_commitment(self, commitment_id: str, *, on: date, reason: str = "") -> Partnership:
        """Return the partnership with a sought commitment declined."""
        return self._record(CommitmentDeclined(on=on, commitment_id=commitment_id, reason=reason))

    def lapse_commitment(self, commitment_id: str, *, on: date, reason: str = "") -> Partnership:
        """Return the partnership with a given commitment lapsed."""
        return self._record(CommitmentLapsed(on=on, commitment_id=commitment_id, reason=reason))

    def record_result(
        self, commitment_id: str, measure: str, result: float, *, on: date
    ) -> Partnership:
        """Return the partnership with a result recorded for one of a commitment's measures."""
        return self._record(
            MeasureRecorded(on=on, commitment_id=commitment_id, measure=measure, result=result)
        )

    def resolve_condition(
        self, commitment_id: str, condition: str, outcome: bool, *, on: date
    ) -> Partnership:
        """Return the partnership with an external condition's outcome known."""
        return self._record(
            ConditionResolved(
                on=on, commitment_id=commitment_id, condition=condition, outcome=outcome
            )
        )

    def plan_tender(self, tender: Tender, *, on: date) -> Partnership:
        """Return the partnership with a tender for the sustained service planned."""
        return self._record(TenderPlanned(on=on, tender=tender))

    def open_tender(self, tender_id: str, *, on: date) -> Partnership:
        """Return the partnership with a planned tender open for bids."""
        return self._record(TenderOpened(on=on, tender_id=tender_id))

    def receive_tender(self, tender_id: str, tenderer: PartnerRef, *, on: date) -> Partnership:
        """Return the partnership with a provider's tender received; any provider the
        partnership knows may tender, member or not (add it with :meth:`add_organisation`)."""
        return self._record(
            TenderReceived(on=on, tender_id=tender_id, tenderer=_arg(tenderer, "tenderer"))
        )

    def award_tender(
        self, tender_id: str, provider: PartnerRef, *, on: date, value: int | None = None
    ) -> Partnership:
        """Return the partnership with a tender awarded to one of its tenderers."""
        return self._record(
            TenderAwarded(
                on=on, tender_id=tender_id, provider=_arg(provider, "provider"), value=value
            )
        )

    def end_tender(
        self,
        tender_id: str,
        status: TenderStatus | TenderStatusName,
        *,
        on: date,
        reason: str = "",
    ) -> Partnership:
        """Return the partnership with a tender ended without an award (cancelled or
        unsuccessful)."""
        return self._record(TenderEnded(on=on, tender_id=tender_id, status=status, reason=reason))

    # -- what the history adds up to ---------------------------------------------------

    @property
    def organisations(self) -> Mapping[str, Partner]:
        """Every organisation the partnership knows, by id, in the order they were added."""
        return MappingProxyType(self._state.organisations)

    def organisation(self, partner_id: str) -> Partner:
        """The organisation with this id; :class:`psp.UnknownReferenceError` if there is none."""
        try:
            return self._state.organisations[partner_id]
        except KeyError:
            raise UnknownReferenceError(
                "partner_id",
                partner_id,
                "is not an organisation this partnership knows",
                code="unknown-organisation",
            ) from None

    @property
    def memberships(self) -> tuple[Membership, ...]:
        """Every span of membership, past and present, in the order they began."""
        return self._state.memberships.all()

    @property
    def seats(self) -> tuple[Seat, ...]:
        """Every non-member seat, past and present, in the order they were taken."""
        return self._state.seats.all()

    @property
    def representatives(self) -> tuple[Representative, ...]:
        """Every representative, past and present, in the order they were named."""
        return self._state.representatives.all()

    @property
    def last_event_date(self) -> date | None:
        """The date of the latest event, or ``None`` for an empty history."""
        return self._state.last

    def memberships_on(self, on: date | None = None) -> tuple[Membership, ...]:
        """The memberships in force on ``on`` (``None``: now, after the last event)."""
        if on is not None:
            _checks.a_date("on", on)
        return self._state.memberships.on(on)

    def members(self, on: date | None = None) -> tuple[Partner, ...]:
        """The member organisations on ``on`` (``None``: now), in the order they joined."""
        orgs = self._state.organisations
        return tuple(orgs[m.partner_id] for m in self.memberships_on(on))

    def is_member(self, partner: PartnerRef, on: date | None = None) -> bool:
        """Whether ``partner`` is a member on ``on`` (``None``: now)."""
        pid = _ref(partner)
        return any(m.partner_id == pid for m in self.memberships_on(on))

    def roles_of(self, partner: PartnerRef, on: date | None = None) -> frozenset[Role]:
        """The roles ``partner`` holds on ``on`` (empty when it is not a member then)."""
        pid = _ref(partner)
        for m in self.memberships_on(on):
            if m.partner_id == pid:
                return m.roles
        return frozenset()

    def lead(self, on: date | None = None) -> Partner | None:
        """The lead organisation on ``on`` (``None``: now), or ``None`` if there is none."""
        for m in self.memberships_on(on):
            if Role.LEAD in m.roles:
                return self._state.organisations[m.partner_id]
        return None

    def members_by_role(self, on: date | None = None) -> dict[Role, tuple[Partner, ...]]:
        """Members on ``on`` grouped by role; every role is a key. A member with several
        roles appears under each."""
        orgs = self._state.organisations
        by_role: dict[Role, list[Partner]] = {r: [] for r in Role}
        for m in self.memberships_on(on):
            for r in Role:
                if r in m.roles:
                    by_role[r].append(orgs[m.partner_id])
        return {r: tuple(ps) for r, ps in by_role.items()}

    def members_by_sector(self, on: date | None = None) -> dict[Sector, tuple[Partner, ...]]:
        """Members on ``on`` grouped by sector; every sector is a key."""
        by_sector: dict[Sector, list[Partner]] = {s: [] for s in Sector}
        for p in self.members(on):
            by_sector[p.sector].append(p)
        return {s: tuple(ps) for s, ps in by_sector.items()}

    def sector_balance(self, on: date | None = None) -> SectorBalance:
        """How the members on ``on`` divide between the sectors."""
        return SectorBalance.of(self.members(on))

    def public_body_kinds(self, on: date | None = None) -> frozenset[PublicBodyKind]:
        """The kinds of public body among the members on ``on``."""
        return frozenset(
            p.public_body_kind for p in self.members(on) if p.public_body_kind is not None
        )

    def absent_public_body_kinds(
        self, expected: Iterable[PublicBodyKind | PublicBodyKindName], on: date | None = None
    ) -> frozenset[PublicBodyKind]:
        """Which of the ``expected`` public-body kinds no member on ``on`` is.

        :meth:`psp.Policy.expected_public_bodies_for` gives the kinds a fund expects
        for the partnership's focus.
        """
        wanted = _checks.members_of(PublicBodyKind, "expected", expected)
        return wanted - self.public_body_kinds(on)

    def unfilled_roles(
        self, on: date | None = None, required: Iterable[Role | RoleName] = CORE_ROLES
    ) -> frozenset[Role]:
        """Which ``required`` roles (by default lead, provider, referral and strategic)
        no member holds on ``on``."""
        wanted = _checks.members_of(Role, "required", required)
        held: set[Role] = set()
        for m in self.memberships_on(on):
            held |= m.roles
        return wanted - held

    @property
    def suspensions(self) -> tuple[Suspension, ...]:
        """Every suspension of a member, past and present, in the order they began."""
        return self._state.suspensions.all()

    def suspended(self, on: date | None = None) -> tuple[Suspension, ...]:
        """The suspensions in force on ``on`` (``None``: now)."""
        if on is not None:
            _checks.a_date("on", on)
        return self._state.suspensions.on(on)

    def seats_on(self, on: date | None = None) -> tuple[Seat, ...]:
        """The non-member seats held on ``on`` (``None``: now)."""
        if on is not None:
            _checks.a_date("on", on)
        return self._state.seats.on(on)

    def representatives_of(
        self, partner: PartnerRef, on: date | None = None
    ) -> tuple[Representative, ...]:
        """Who represents ``partner`` on ``on`` (``None``: now), in the order they were named."""
        pid = _ref(partner)
        if on is not None:
            _checks.a_date("on", on)
        return tuple(r for r in self._state.representatives.on(on) if r.partner_id == pid)

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link, past and present, in the order they began."""
        return self._state.links.all()

    def links_on(
        self,
        on: date | None = None,
        kinds: Iterable[LinkKind | LinkKindName | Term] | None = None,
    ) -> tuple[Link, ...]:
        """The links in force on ``on`` (``None``: now), optionally only of ``kinds``."""
        wanted = None if kinds is None else terms_of(LinkKind, "kinds", kinds)
        if on is not None:
            _checks.a_date("on", on)
        return tuple(k for k in self._state.links.on(on) if wanted is None or k.kind in wanted)

    @property
    def link_kinds_defined(self) -> Mapping[Term, tuple[str, str]]:
        """Each link kind of your own this partnership defined, with its label and
        inverse label (the latest definition), in the order first defined."""
        kinds = self._state.link_kinds
        return MappingProxyType({k: kinds[k] for k in kinds})

    def link_labels(self, kind: LinkKind | LinkKindName | Term) -> tuple[str, str]:
        """A link kind's label and inverse label: a built-in kind's
        (:data:`psp.LINK_LABELS`), a term's as this partnership defined it, or, for a
        term it never defined, the term itself and "inverse of" the term.

        >>> from psp import Partnership, Term
        >>> from datetime import date
        >>> p = Partnership("p", "P").define_link_kind(
        ...     Term("acme:mentors"), label="mentors", inverse_label="is mentored by",
        ...     on=date(2012, 4, 1))
        >>> p.link_labels("acme:mentors"), p.link_labels("funds")
        (('mentors', 'is mentored by'), ('funds', 'is funded by'))
        """
        found = term_of(LinkKind, "kind", kind)
        if isinstance(found, Term):
            defined = self._state.link_kinds.get(found)
            if defined is not None:
                return defined
        return default_labels(found)

    def governance(self, on: date | None = None) -> GovernanceStructure | None:
        """The governance structure in force on ``on`` (``None``: now), if any."""
        adopted = self._state.governance
        if on is None:
            return adopted[-1][1] if adopted else None
        _checks.a_date("on", on)
        current = None
        for since, structure in adopted:
            if since <= on:
                current = structure
        return current

    def meetings(
        self,
        kinds: Iterable[MeetingKind | MeetingKindName] | None = None,
        *,
        start: date | None = None,
        end: date | None = None,
        group: str | None = None,
    ) -> tuple[Meeting, ...]:
        """The meetings held, in date order; optionally only of ``kinds``, of one
        ``group``, or from ``start`` to ``end`` (both included)."""
        wanted = None if kinds is None else _checks.members_of(MeetingKind, "kinds", kinds)
        return tuple(
            m
            for m in self._state.meetings
            if (wanted is None or m.kind in wanted)
            and (group is None or m.group == group)
            and (start is None or m.on >= start)
            and (end is None or m.on <= end)
        )

    def attendance(self) -> dict[str, int]:
        """How many meetings each organisation attended, most first."""
        return attendance_by_partner(self._state.meetings)

    def representative_continuity(self) -> dict[str, Continuity]:
        """For each organisation, how many meetings it attended and who represented it
        (3.46: the same person each time, or changing people)."""
        return representative_continuity(self._state.meetings)

    def meeting_size_range(self) -> tuple[int, int] | None:
        """The smallest and largest attendance at a meeting, or ``None`` with no meetings."""
        return meeting_size_range(self._state.meetings)

    def cadence_check(self, group_id: str, start: date, end: date) -> CadenceCheck:
        """Compare a governance group's meetings between ``start`` and ``end`` with the
        cadence set for it in the current governance structure."""
        structure = self.governance()
        if structure is None:
            raise RuleViolationError(
                "group_id", group_id, "the partnership has no governance yet", code="no-governance"
            )
        group = structure.group(group_id)
        if group.cadence is None:
            raise RuleViolationError(
                "group_id", group_id, "no cadence is set for this group", code="no-cadence"
            )
        held = [m.on for m in self._state.meetings if m.group == group_id]
        return group.cadence.check(held, start, end)

    def reimbursements(self) -> dict[str, ReimbursementStatus]:
        """The latest reimbursement status of each partner it was recorded for."""
        return dict(self._state.reimbursements)

    def reimburses_partners_time(self) -> bool:
        """Whether any partner's time is reimbursed (an accepted offer, 3.31)."""
        return ReimbursementStatus.ACCEPTED in self._state.reimbursements.values()

    def mou(self, mou_id: str) -> MoU:
        """The current version of an MoU."""
        return self._state.mou_versions("mou_id", mou_id)[-1]

    def mou_versions(self, mou_id: str) -> tuple[MoU, ...]:
        """Every version of an MoU, oldest first."""
        return tuple(self._state.mou_versions("mou_id", mou_id))

    def mous(self) -> tuple[MoU, ...]:
        """The current version of each MoU, in the order they were drafted (one PSP
        submitted six, 3.9)."""
        return tuple(versions[-1] for versions in self._state.mous.values())

    def signatory_balance(self, mou_id: str) -> SectorBalance:
        """How the named signatories of an MoU divide between the sectors (3.5: 111
        signatories, half third sector and half public)."""
        orgs = self._state.organisations
        return SectorBalance.of(orgs[s.partner_id] for s in self.mou(mou_id).signatories)

    def posts(self) -> tuple[Post, ...]:
        """Every post established, in the order they were established."""
        return tuple(post for _, post in self._state.posts.values())

    def post_holders(self, post_id: str | None = None) -> tuple[PostHolder, ...]:
        """Everyone who has held a post (or only ``post_id``), past and present, in the
        order they took it up."""
        if post_id is None:
            return self._state.post_holders.all()
        self._post(post_id)
        return tuple(h for h in self._state.post_holders.all() if h.post_id == post_id)

    def holders(self, on: date | None = None) -> tuple[PostHolder, ...]:
        """Who holds which post on ``on`` (``None``: now), in the order they took it up."""
        if on is not None:
            _checks.a_date("on", on)
        return self._state.post_holders.on(on)

    def holder(self, post_id: str, on: date | None = None) -> PostHolder | None:
        """Who holds ``post_id`` on ``on`` (``None``: now); ``None`` when it is vacant."""
        self._post(post_id)
        return next((h for h in self.holders(on) if h.post_id == post_id), None)

    def vacant_posts(self, on: date | None = None) -> tuple[Post, ...]:
        """The posts established by ``on`` (``None``: now) that nobody holds then."""
        held = {h.post_id for h in self.holders(on)}
        return tuple(
            post
            for since, post in self._state.posts.values()
            if (on is None or since <= on) and post.id not in held
        )

    def chairs(self, group: str | None = None, on: date | None = None) -> tuple[PostHolder, ...]:
        """The people in the chair and co-chair posts of ``group`` (``None``: the
        partnership's own, tied to no group) on ``on`` (``None``: now). The
        organisations a group's chairs sit for are the group's ``chairs``."""
        kinds = {post.id: post for _, post in self._state.posts.values()}
        return tuple(
            h
            for h in self.holders(on)
            if kinds[h.post_id].kind in CHAIRING and kinds[h.post_id].group == group
        )

    def _post(self, post_id: str) -> Post:
        found = self._state.posts.get(post_id)
        if found is None:
            raise UnknownReferenceError(
                "post_id", post_id, "is not a post of this partnership", code="unknown-post"
            )
        return found[1]

    def risks(self) -> tuple[Risk, ...]:
        """Every risk and issue in the register, open or closed, in the order raised."""
        return tuple(self._state.risks.values())

    def risk(self, risk_id: str) -> Risk:
        """The risk or issue with this id, as it stands now (its ``ratings`` are its
        rating history)."""
        found = self._state.risks.get(risk_id)
        if found is None:
            raise UnknownReferenceError(
                "risk_id", risk_id, "is not a risk or issue of this register", code="unknown-risk"
            )
        return found

    def open_risks(
        self, on: date | None = None, kind: RiskKind | RiskKindName | None = None
    ) -> tuple[Risk, ...]:
        """The risks and issues (or only those of ``kind``) open on ``on`` (``None``:
        now): raised by then and not closed. ``Risk.days_open(on)`` says for how long."""
        wanted = None if kind is None else _checks.member_of(RiskKind, "kind", kind)
        day = self._now(on)
        return tuple(
            r
            for r in self._state.risks.values()
            if r.is_open(day) and (wanted is None or r.kind is wanted)
        )

    def differences(self) -> tuple[Difference, ...]:
        """Every difference between partners recorded, resolved or not, in order."""
        return tuple(self._state.differences.values())

    def unresolved_differences(self, on: date | None = None) -> tuple[Difference, ...]:
        """The differences standing unresolved on ``on`` (``None``: now)."""
        day = self._now(on)
        return tuple(d for d in self._state.differences.values() if d.is_open(day))

    def _now(self, on: date | None) -> date:
        """``on``, checked; ``None``: the day of the last event."""
        if on is not None:
            return _checks.a_date("on", on)
        return self._state.last or date.min

    @property
    def baselines(self) -> tuple[Baseline, ...]:
        """The baseline figures recorded, in order."""
        return tuple(self._state.baselines)

    def consultations(self) -> tuple[tuple[date, Consultation], ...]:
        """Each consultation of service users, with its date."""
        return tuple(self._state.consultations)

    @property
    def logic_model(self) -> LogicModel | None:
        """The logic model agreed last, if any."""
        return self._state.logic_model

    @property
    def service_design(self) -> ServiceDesign | None:
        """The service design agreed last, if any."""
        return self._state.service_design

    def design_approvals(self) -> dict[str, date]:
        """Who approved the current service design, and when."""
        return dict(self._state.design_approvals)

    def bids(self) -> tuple[Bid, ...]:
        """Every bid, as it stands now, in the order they were drafted."""
        return tuple(self._state.bids.values())

    def bid(self, bid_id: str) -> Bid:
        """The bid with this id, as it stands now."""
        return self._state.bid("bid_id", bid_id)

    def funds(self, on: date | None = None) -> tuple[Fund, ...]:
        """The funds recorded (on or before ``on``, if given), in the order recorded."""
        day = None if on is None else _checks.a_date("on", on)
        return tuple(f for d, f in self._state.funds.values() if day is None or d <= day)

    def fund(self, fund_id: str) -> Fund:
        """The recorded fund with this id."""
        return self._fund_record(fund_id)[1]

    def fund_recorded_on(self, fund_id: str) -> date:
        """The day the fund with this id was recorded."""
        return self._fund_record(fund_id)[0]

    def _fund_record(self, fund_id: str) -> tuple[date, Fund]:
        found = self._state.funds.get(fund_id)
        if found is None:
            raise UnknownReferenceError(
                "fund_id", fund_id, "is not a fund this partnership recorded", code="unknown-fund"
            )
        return found

    def bid_findings(self, bid_id: str | None = None) -> tuple[Finding, ...]:
        """What the policy found of each submitted bid (or of ``bid_id``'s) to a recorded
        fund's stream, on the day it was submitted: ``stream-dates`` warnings it was
        recorded despite, and findings of rules then waived, each with its waiver."""
        bids = self._state.bids.values() if bid_id is None else [self.bid(bid_id)]
        return tuple(
            f
            for b in bids
            if b.submitted_on is not None
            for f in submission_findings(self._state, b, b.submitted_on)
        )

    def commitments(self) -> tuple[SustainabilityCommitment, ...]:
        """Every sustainability commitment, as it stands now, in the order sought."""
        return tuple(self._state.commitments.values())

    def commitment(self, commitment_id: str) -> SustainabilityCommitment:
        """The sustainability commitment with this id, as it stands now."""
        return self._state.commitment("commitment_id", commitment_id)

    def tenders(self) -> tuple[Tender, ...]:
        """Every tender, as it stands now."""
        return tuple(self._state.tenders.values())

    def funding_mix(self) -> FundingMix:
        """What the awarded bids add up to, by funder id: the known amounts, and the
        awards whose amount is not recorded (see :class:`psp.FundingMix`)."""
        return FundingMix.of(self._state.bids.values())

    def signposted(self) -> tuple[tuple[Partner, Partner | None], ...]:
        """Organisations that came by signposting (3.7), each with who signposted them
        (``None`` when not recorded), in the order they first joined."""
        orgs = self._state.organisations
        seen: dict[str, Partner | None] = {}
        for m in self._state.memberships.all():
            if m.engagement is Engagement.SIGNPOSTED and m.partner_id not in seen:
                seen[m.partner_id] = None if m.signposted_by is None else orgs[m.signposted_by]
        return tuple((orgs[pid], by) for pid, by in seen.items())

    # -- origins, contributions and capabilities ---------------------------------------

    def initiation(self) -> PartnershipInitiated | None:
        """The record of who initiated the partnership, or ``None`` if it is not recorded."""
        return self._state.initiation

    def initiators(self) -> tuple[Partner, ...]:
        """The organisations that initiated the partnership, in the order it came to know
        them (empty if its initiation is not recorded)."""
        initiation = self._state.initiation
        if initiation is None:
            return ()
        return tuple(o for o in self._state.organisations.values() if o.id in initiation.by)

    def lead_selection(self, on: date | None = None) -> LeadSelected | None:
        """The latest choice of lead made on or before ``on`` (``None``: now), if any."""
        day = None if on is None else _checks.a_date("on", on)
        chosen = None
        for selection in self._state.lead_selections:
            if day is not None and selection.on > day:
                break
            chosen = selection
        return chosen

    def lead_selections(self) -> tuple[LeadSelected, ...]:
        """Every choice of lead, oldest first."""
        return tuple(self._state.lead_selections)

    def contributions(
        self,
        partner: PartnerRef | None = None,
        *,
        kinds: Iterable[ContributionKind | ContributionKindName | Term] | None = None,
        on: date | None = None,
    ) -> tuple[ContributionRecorded, ...]:
        """The contributions recorded on or before ``on`` (``None``: all), oldest first;
        optionally only ``partner``'s, or only of ``kinds``."""
        if isinstance(kinds, str | bytes) or (
            kinds is not None and not isinstance(kinds, Iterable)
        ):
            raise InvalidValueError(
                "kinds",
                kinds,
                "must be a collection of contribution kinds",
                code="not-a-collection",
            )
        wanted = (
            None
            if kinds is None
            else frozenset(contribution_kind(f"kinds[{i}]", k) for i, k in enumerate(kinds))
        )
        day = None if on is None else _checks.a_date("on", on)
        pid = None if partner is None else _ref(partner)
        return tuple(
            c
            for c in self._state.contributions
            if (day is None or c.on <= day)
            and (pid is None or c.partner_id == pid)
            and (wanted is None or c.kind in wanted)
        )

    def contribution_rows(self, on: date | None = None) -> list[Row]:
        """Who contributes what: one row of plain values per contribution recorded on or
        before ``on`` (``None``: all), oldest first, with ``on`` (ISO date),
        ``partner_id``, ``name``, ``sector``, ``kind``, ``value`` (whole pounds, or
        ``None`` when not known) and ``description``."""
        orgs = self._state.organisations
        return [
            {
                "on": c.on.isoformat(),
                "partner_id": c.partner_id,
                "name": orgs[c.partner_id].name,
                "sector": orgs[c.partner_id].sector.value,
                "kind": str(c.kind),
                "value": c.value,
                "description": c.description,
            }
            for c in self.contributions(on=on)
        ]

    def members_without_contributions(self, on: date | None = None) -> tuple[Partner, ...]:
        """The members on ``on`` (``None``: now) with no contribution recorded on or
        before that day, in the order they joined."""
        day = None if on is None else _checks.a_date("on", on)
        contributing = {c.partner_id for c in self.contributions(on=day)}
        return tuple(m for m in self.members(day) if m.id not in contributing)

    def contributions_by_sector(self, on: date | None = None) -> dict[Sector, Row]:
        """The contributions recorded on or before ``on`` (``None``: all), by the
        contributor's sector; every sector is a key. Each row gives ``count``, how many
        have a known value (``valued``), and the sum of the known values in whole pounds
        (``known_value``): a lower bound of the whole when ``valued < count``."""
        orgs = self._state.organisations
        rows: dict[Sector, Row] = {s: {"count": 0, "valued": 0, "known_value": 0} for s in Sector}
        for c in self.contributions(on=on):
            row = rows[orgs[c.partner_id].sector]
            row["count"] += 1
            if c.value is not None:
                row["valued"] += 1
                row["known_value"] += c.value
        return rows

    def capabilities(self, on: date | None = None) -> dict[str, frozenset[Capability]]:
        """What each organisation that declared its capabilities said it can do, as of
        ``on`` (``None``: now): its latest declaration, by organisation id, in the order
        they first declared."""
        day = None if on is None else _checks.a_date("on", on)
        declared: dict[str, frozenset[Capability]] = {}
        for d in self._state.capabilities:
            if day is not None and d.on > day:
                break
            declared[d.partner_id] = d.capabilities
        return declared

    # -- outputs and capacity; benefits and savings -----------------------------------

    def output_targets(self, on: date | None = None) -> tuple[OutputTargetSet, ...]:
        """The targets in force on ``on`` (``None``: now): the latest revision set on or
        before that day of each output's target for each period, in the order each was
        first set."""
        day = None if on is None else _checks.a_date("on", on)
        latest: dict[tuple[str, Period], OutputTargetSet] = {}
        for t in self._state.output_targets:
            if day is not None and t.on > day:
                break
            latest[t.output_id, t.period] = t
        return tuple(latest.values())

    def outputs(
        self, output_id: str | None = None, *, on: date | None = None
    ) -> tuple[OutputRecorded, ...]:
        """What was delivered, recorded on or before ``on`` (``None``: all), oldest
        first; optionally of one output only."""
        day = None if on is None else _checks.a_date("on", on)
        return tuple(
            a
            for a in self._state.outputs
            if (day is None or a.on <= day) and (output_id is None or a.output_id == output_id)
        )

    def output_gap(self, output_id: str, period: Period, *, on: date | None = None) -> int | None:
        """The target in force on ``on`` (``None``: now) for ``output_id`` over exactly
        ``period``, minus what was delivered within that period (the actuals recorded by
        then whose periods lie inside it): positive, short of the target; negative,
        beyond it. ``None`` when no target is set for that period. Whole numbers: exact,
        no rounding."""
        if output_id not in self._state.output_kinds:
            raise UnknownReferenceError(
                "output_id",
                output_id,
                "is not an output this partnership has set a target for",
                code="unknown-output",
            )
        a_period("period", period)
        target = next(
            (t for t in self.output_targets(on) if t.output_id == output_id and t.period == period),
            None,
        )
        if target is None:
            return None
        return target.target - sum(
            a.value for a in self.outputs(output_id, on=on) if _within(a.period, period)
        )

    def output_rows(self, on: date | None = None) -> list[Row]:
        """Targets against actuals: one row of plain values per target in force on
        ``on`` (``None``: now), with ``output_id``, ``kind``, ``unit``, ``start`` and
        ``end`` (ISO dates; ``end`` ``None`` when open), ``target``, ``actual`` (the sum
        delivered within the period) and ``gap`` (``target - actual``)."""
        rows: list[Row] = []
        for t in self.output_targets(on):
            actual = sum(
                a.value for a in self.outputs(t.output_id, on=on) if _within(a.period, t.period)
            )
            rows.append(
                {
                    "output_id": t.output_id,
                    "kind": str(t.kind),
                    "unit": t.unit,
                    "start": t.period.start.isoformat(),
                    "end": None if t.period.end is None else t.period.end.isoformat(),
                    "target": t.target,
                    "actual": actual,
                    "gap": t.target - actual,
                }
            )
        return rows

    def benefits(self, on: date | None = None) -> tuple[BenefitIdentified, ...]:
        """The benefits identified on or before ``on`` (``None``: all), oldest first."""
        day = None if on is None else _checks.a_date("on", on)
        return tuple(b for b in self._state.benefits if day is None or b.on <= day)

    def beneficiaries(self, on: date | None = None) -> tuple[Partner, ...]:
        """The organisations with a benefit identified on or before ``on`` (``None``:
        all), in the order first identified."""
        orgs = self._state.organisations
        return tuple(orgs[pid] for pid in dict.fromkeys(b.partner_id for b in self.benefits(on)))

    def beneficiaries_not_members(self, on: date | None = None) -> tuple[Partner, ...]:
        """The beneficiaries (as of ``on``, ``None``: now) that are not members on that
        day: where savings fall on bodies not at the table (3.51, 3.57)."""
        members = {m.id for m in self.members(on)}
        return tuple(b for b in self.beneficiaries(on) if b.id not in members)

    def beneficiaries_without_commitment(self) -> tuple[Partner, ...]:
        """The beneficiaries that have made no sustainability commitment: none of the
        commitments as they stand now is given (or has its conditions met) by them or on
        their behalf (3.47, 3.51)."""
        committed = {
            pid
            for c in self._state.commitments.values()
            if c.status in (CommitmentStatus.GIVEN, CommitmentStatus.CONDITIONS_MET)
            for pid in (c.by, *c.on_behalf_of)
        }
        return tuple(b for b in self.beneficiaries() if b.id not in committed)

    # -- budgets and spend --------------------------------------------------------------

    def budgets(self, on: date | None = None) -> tuple[BudgetSet, ...]:
        """The budget lines in force on ``on`` (``None``: now): the latest set on or
        before that day for each period and category, in the order each was first set."""
        day = None if on is None else _checks.a_date("on", on)
        return _budgets.lines_in_force(self._state.budget_lines, day)

    def spending(self, on: date | None = None) -> tuple[SpendRecorded, ...]:
        """What was spent, recorded on or before ``on`` (``None``: all), oldest first."""
        day = None if on is None else _checks.a_date("on", on)
        return tuple(s for s in self._state.spending if day is None or s.on <= day)

    def budget(self, period: Period, *, on: date | None = None) -> dict[BudgetCategory | Term, int]:
        """Each category's budget for exactly ``period``, in force on ``on`` (``None``:
        now), in whole pounds, psp's categories first in their order, then terms."""
        return _budgets.budget_in_force(self.budgets(on), a_period("period", period), None)

    def budget_total(self, period: Period, *, on: date | None = None) -> int:
        """The budget for ``period`` in force on ``on``, all categories together."""
        return sum(self.budget(period, on=on).values())

    def budget_shares(
        self, period: Period, *, on: date | None = None
    ) -> dict[BudgetCategory | Term, Share]:
        """Each category's share of the budget for ``period`` (exact; none while the
        total is 0)."""
        return _budgets.shares_of(self.budget(period, on=on))

    def spend(self, period: Period, *, on: date | None = None) -> dict[BudgetCategory | Term, int]:
        """Each category's spend against ``period``, recorded on or before ``on``."""
        return _budgets.spend_in(self.spending(on), a_period("period", period), None)

    def spend_shares(
        self, period: Period, *, on: date | None = None
    ) -> dict[BudgetCategory | Term, Share]:
        """Each category's share of the spend against ``period`` (none while nothing
        is spent)."""
        return _budgets.shares_of(self.spend(period, on=on))

    def budget_variance(
        self, period: Period, *, on: date | None = None
    ) -> tuple[BudgetVariance, ...]:
        """Each category budgeted for or spent against ``period``, as of ``on``: its
        budget (``None``: none) and its spend, exact whole pounds."""
        return _budgets.variances(self.budget(period, on=on), self.spend(period, on=on))

    # -- relational surveys -----------------------------------------------------------

    def relational_waves(self) -> dict[str, date]:
        """The waves of the relational survey, each id with its date, oldest first."""
        return {w: responses[0].on for w, responses in self._state.relational_waves.items()}

    def relational_responses(self, wave_id: str) -> tuple[RelationalResponseRecorded, ...]:
        """The responses recorded in wave ``wave_id``, in the order recorded."""
        found = self._state.relational_waves.get(_checks.an_id("wave_id", wave_id))
        if found is None:
            raise UnknownReferenceError(
                "wave_id",
                wave_id,
                "is not a wave of this partnership's relational survey",
                code="unknown-relational-wave",
            )
        return found

    # -- payments and reporting obligations ---------------------------------------------

    def planned_payments(self) -> tuple[PlannedPayment, ...]:
        """Every planned payment, in the order planned."""
        return tuple(self._state.planned_payments.values())

    def payments(self) -> tuple[Payment, ...]:
        """Every payment made, in the order made."""
        return tuple(self._state.payments.values())

    def contract_payments(self, tender_id: str | None = None) -> tuple[ContractPayment, ...]:
        """Every payment made under a tender's contract, in the order made: of the tender
        ``tender_id`` only (an unknown one is refused, ``unknown-tender``), or of every
        tender (``None``)."""
        made = self._state.contract_payments.values()
        if tender_id is None:
            return tuple(made)
        tender = self._state.tender("tender_id", _checks.an_id("tender_id", tender_id))
        return tuple(m for m in made if m.tender_id == tender.id)

    def reports(self) -> tuple[Report, ...]:
        """Every report required, as it stands now, in the order required."""
        return tuple(self._state.reports.values())

    def obligations(self, on: date | None = None) -> list[ObligationRow]:
        """Every planned payment and required report recorded by ``on`` (``None``: the
        day of the last event), as it stands that day: one :class:`psp.ObligationRow`
        each, by due date."""
        s = self._state
        day = self._now(on)
        return obligation_rows(
            self.id,
            s.bids.values(),
            s.planned_payments.values(),
            s.payments.values(),
            s.reports.values(),
            day,
        )

    def obligations_due(self, period: Period, *, on: date | None = None) -> list[ObligationRow]:
        """What is due in ``period`` and not done by ``on`` (``None``: the day of the last
        event): payments planned and not yet met, reports not yet received."""
        within = a_period("period", period)
        return [
            r
            for r in self.obligations(on)
            if within.contains(r["due"]) and r["status"] in ("open", "overdue")
        ]

    def obligations_late(self, on: date) -> list[ObligationRow]:
        """What is late on ``on``: not done by its due date, whether still outstanding
        (``overdue``) or done after it (``late``)."""
        day = _checks.a_date("on", on)
        return [r for r in self.obligations(day) if r["status"] in ("late", "overdue")]

    def paid_of_awarded(self, on: date | None = None) -> list[PaidRow]:
        """How much of each awarded bid has been planned and paid by ``on`` (``None``:
        now): one :class:`psp.PaidRow` per bid awarded by then, in the order drafted;
        exact whole pounds, the share paid a :class:`fractions.Fraction`."""
        day = None if on is None else _checks.a_date("on", on)
        s = self._state
        return paid_rows(
            self.id, s.bids.values(), s.planned_payments.values(), s.payments.values(), day
        )
