"""Membership events and their effects: organisations made known, members joining,
changing roles, suspended, reinstated and leaving, seats, representatives, and
reimbursement (private). Links between organisations are in ``links.py``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import (
    InvalidValueError,
    RuleViolationError,
)
from psp._base.period import Period
from psp._base.roles import Role, RoleName, SeatKind, SeatKindName
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
from psp._partners.organisation import Partner

__all__ = [
    "MemberJoined",
    "MemberLeft",
    "MemberReinstated",
    "MemberSuspended",
    "OrganisationAdded",
    "ReimbursementRecorded",
    "RepresentativeNamed",
    "RepresentativeStoodDown",
    "RolesChanged",
    "SeatLeft",
    "SeatTaken",
]


def _roles(value: Iterable[Role | RoleName]) -> frozenset[Role]:
    return _checks.members_of(Role, "roles", value)


def _signposted_by(value: str | None) -> str | None:
    return _checks.optional_id("signposted_by", value)


def _title(value: str | None) -> str | None:
    return None if value is None else _checks.text("title", value)


def _engagement(value: Engagement | EngagementName | None) -> Engagement | None:
    return None if value is None else _checks.member_of(Engagement, "engagement", value)


def _seat_kind(value: SeatKind | SeatKindName) -> SeatKind:
    return _checks.member_of(SeatKind, "kind", value)


def _reimbursement(value: ReimbursementStatus | ReimbursementStatusName) -> ReimbursementStatus:
    return _checks.member_of(ReimbursementStatus, "status", value)


@attrs.frozen(kw_only=True)
class OrganisationAdded(Recorded):
    """An organisation became known to the partnership (as a member, seat holder or funder)."""

    TAG: ClassVar[str] = "organisation-added"

    on: date = attrs.field(converter=fields.on_date)
    partner: Partner

    def __attrs_post_init__(self) -> None:
        fields.instance("partner", Partner, self.partner)

    def _apply(self, state: State) -> None:
        if self.partner.id in state.organisations:
            raise RuleViolationError(
                "partner.id",
                self.partner.id,
                "is already the id of an organisation in this partnership",
                code="id-taken",
            )
        if self.partner.part_of is not None:
            state.known("partner.part_of", self.partner.part_of)
        state.organisations = state.put(state.organisations, self.partner.id, self.partner)


@attrs.frozen(kw_only=True)
class MemberJoined(Recorded):
    """An organisation known to the partnership became a member with these roles."""

    TAG: ClassVar[str] = "member-joined"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    roles: frozenset[Role] = attrs.field(converter=_roles)
    engagement: Engagement | None = attrs.field(default=None, converter=_engagement)
    signposted_by: str | None = attrs.field(default=None, converter=_signposted_by)

    def __attrs_post_init__(self) -> None:
        if self.signposted_by is not None and self.engagement is not Engagement.SIGNPOSTED:
            raise InvalidValueError(
                "signposted_by",
                self.signposted_by,
                "is only given when the engagement is 'signposted'",
                code="conflicting-fields",
            )

    def _apply(self, state: State) -> None:
        state.known("partner_id", self.partner_id)
        member = state.memberships.get(self.partner_id)
        if member is not None:
            since = member.period.start
            raise RuleViolationError(
                "partner_id",
                self.partner_id,
                f"{state.name_of(self.partner_id)} is already a member "
                f"(since {since.isoformat()}); "
                "a partner is a member at most once at a time",
                code="already-a-member",
            )
        if state.holds_seat(self.partner_id):
            raise RuleViolationError(
                "partner_id",
                self.partner_id,
                f"{state.name_of(self.partner_id)} holds a non-member seat; "
                "it leaves the seat to join",
                code="member-or-seat",
            )
        if self.signposted_by is not None:
            state.known("signposted_by", self.signposted_by)
            if self.signposted_by == self.partner_id:
                raise RuleViolationError(
                    "signposted_by",
                    self.signposted_by,
                    "an organisation cannot signpost itself",
                    code="self-signpost",
                )
        state.can_lead(self.partner_id, self.roles)
        state.memberships.start(
            self.partner_id,
            Membership(
                self.partner_id, self.roles, Period(self.on), self.engagement, self.signposted_by
            ),
        )
        if Role.LEAD in self.roles:
            state.lead = self.partner_id


@attrs.frozen(kw_only=True)
class RolesChanged(Recorded):
    """A member's roles changed; its membership goes on."""

    TAG: ClassVar[str] = "roles-changed"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    roles: frozenset[Role] = attrs.field(converter=_roles)

    def _apply(self, state: State) -> None:
        current = state.member_now(self.partner_id)
        if current.roles == self.roles:
            raise RuleViolationError(
                "roles",
                sorted(r.value for r in self.roles),
                f"{state.name_of(self.partner_id)} already holds exactly these roles",
                code="roles-unchanged",
            )
        state.can_lead(self.partner_id, self.roles)
        if current.period.start == self.on:
            state.memberships.replace(self.partner_id, attrs.evolve(current, roles=self.roles))
        else:
            ended = attrs.evolve(current, period=current.period.ended(self.on))
            state.memberships.end(self.partner_id, ended)
            state.memberships.start(
                self.partner_id, attrs.evolve(current, roles=self.roles, period=Period(self.on))
            )
        if Role.LEAD in self.roles:
            state.lead = self.partner_id
        elif state.lead == self.partner_id:
            state.lead = None


@attrs.frozen(kw_only=True)
class MemberLeft(Recorded):
    """A member left the partnership (3.10); it may join again later."""

    TAG: ClassVar[str] = "member-left"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    reason: str = attrs.field(default="", converter=fields.reason)

    def _apply(self, state: State) -> None:
        current = state.member_now(self.partner_id)
        if self.on <= current.period.start:
            raise RuleViolationError(
                "on",
                self.on.isoformat(),
                f"{state.name_of(self.partner_id)}'s current membership started that day; "
                "a membership lasts at least one day",
                code="too-short",
            )
        suspension = state.suspensions.get(self.partner_id)
        if suspension is not None and self.on <= suspension.period.start:
            raise RuleViolationError(
                "on",
                self.on.isoformat(),
                f"{state.name_of(self.partner_id)} was suspended that day; "
                "a suspension lasts at least one day",
                code="too-short",
            )
        state.memberships.end(
            self.partner_id, attrs.evolve(current, period=current.period.ended(self.on))
        )
        if state.lead == self.partner_id:
            state.lead = None
        if suspension is not None:  # leaving ends a suspension
            ended = attrs.evolve(suspension, period=suspension.period.ended(self.on))
            state.suspensions.end(self.partner_id, ended)


@attrs.frozen(kw_only=True)
class MemberSuspended(Recorded):
    """A member was suspended: it stays a member, but takes no part until reinstated."""

    TAG: ClassVar[str] = "member-suspended"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    reason: str = attrs.field(default="", converter=fields.reason)

    def _apply(self, state: State) -> None:
        state.member_now(self.partner_id)
        current = state.suspensions.get(self.partner_id)
        if current is not None:
            raise RuleViolationError(
                "partner_id",
                self.partner_id,
                f"{state.name_of(self.partner_id)} is already suspended "
                f"(since {current.period.start.isoformat()})",
                code="already-suspended",
            )
        suspension = Suspension(self.partner_id, Period(self.on), self.reason)
        state.suspensions.start(self.partner_id, suspension)


@attrs.frozen(kw_only=True)
class MemberReinstated(Recorded):
    """A suspended member was reinstated."""

    TAG: ClassVar[str] = "member-reinstated"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)

    def _apply(self, state: State) -> None:
        current = state.suspensions.get(self.partner_id)
        if current is None:
            raise RuleViolationError(
                "partner_id",
                self.partner_id,
                f"{state.name_of(self.partner_id)} is not suspended now",
                code="not-suspended",
            )
        too_soon = "the member was suspended that day; a suspension lasts at least one day"
        state.end_span(state.suspensions, self.partner_id, current, self.on, too_soon)


@attrs.frozen(kw_only=True)
class SeatTaken(Recorded):
    """An organisation that is not a member took a seat, e.g. as critical friend."""

    TAG: ClassVar[str] = "seat-taken"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    kind: SeatKind = attrs.field(converter=_seat_kind)

    def _apply(self, state: State) -> None:
        state.known("partner_id", self.partner_id)
        if self.partner_id in state.memberships:
            raise RuleViolationError(
                "partner_id",
                self.partner_id,
                f"{state.name_of(self.partner_id)} is a member; "
                "non-member seats are for organisations "
                "that are not partners",
                code="member-or-seat",
            )
        key = (self.partner_id, self.kind)
        if key in state.seats:
            raise RuleViolationError(
                "kind",
                self.kind.value,
                f"{state.name_of(self.partner_id)} already holds this seat",
                code="already-seated",
            )
        state.seats.start(key, Seat(self.partner_id, self.kind, Period(self.on)))


@attrs.frozen(kw_only=True)
class SeatLeft(Recorded):
    """A seat holder gave up its seat."""

    TAG: ClassVar[str] = "seat-left"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    kind: SeatKind = attrs.field(converter=_seat_kind)

    def _apply(self, state: State) -> None:
        key = (self.partner_id, self.kind)
        seat = state.seats.get(key)
        if seat is None:
            raise RuleViolationError(
                "kind",
                self.kind.value,
                f"{state.name_of(self.partner_id)} does not hold this seat now",
                code="not-seated",
            )
        too_soon = "the seat was taken that day; a seat is held at least one day"
        state.end_span(state.seats, key, seat, self.on, too_soon)


@attrs.frozen(kw_only=True)
class RepresentativeNamed(Recorded):
    """A person was named to represent an organisation."""

    TAG: ClassVar[str] = "representative-named"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    person: str = attrs.field(converter=fields.person)
    title: str | None = attrs.field(default=None, converter=_title)
    can_decide: bool | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        fields.optional_bool("can_decide", self.can_decide)

    def _apply(self, state: State) -> None:
        state.known("partner_id", self.partner_id)
        key = (self.partner_id, self.person)
        if key in state.representatives:
            raise RuleViolationError(
                "person",
                self.person,
                f"already represents {state.name_of(self.partner_id)}",
                code="already-represents",
            )
        state.representatives.start(
            key,
            Representative(
                self.partner_id, self.person, Period(self.on), self.title, self.can_decide
            ),
        )


@attrs.frozen(kw_only=True)
class RepresentativeStoodDown(Recorded):
    """A person stopped representing an organisation."""

    TAG: ClassVar[str] = "representative-stood-down"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    person: str = attrs.field(converter=fields.person)

    def _apply(self, state: State) -> None:
        key = (self.partner_id, self.person)
        rep = state.representatives.get(key)
        if rep is None:
            raise RuleViolationError(
                "person",
                self.person,
                f"does not represent {state.name_of(self.partner_id)} now",
                code="not-representing",
            )
        too_soon = "they were named that day; a representative serves at least one day"
        state.end_span(state.representatives, key, rep, self.on, too_soon)


@attrs.frozen(kw_only=True)
class ReimbursementRecorded(Recorded):
    """Reimbursement of a partner's time was offered, accepted or declined (3.31)."""

    TAG: ClassVar[str] = "reimbursement-recorded"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    status: ReimbursementStatus = attrs.field(converter=_reimbursement)

    def _apply(self, state: State) -> None:
        state.member_now(self.partner_id)
        state.reimbursements = state.put(state.reimbursements, self.partner_id, self.status)
