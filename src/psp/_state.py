"""What a partnership's history adds up to: the projector that checks each event
against the state so far and folds it in (private)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import attrs

from psp._errors import InvalidValueError, PSPError, RuleViolationError, UnknownReferenceError
from psp._events import (
    Event,
    GovernanceAdopted,
    LinkAdded,
    LinkEnded,
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
)
from psp._governance import GovernanceStructure
from psp._links import Link, LinkKind
from psp._meetings import Meeting
from psp._membership import Membership, ReimbursementStatus, Representative, Seat
from psp._mou import MoU
from psp._organisation import Partner
from psp._period import Period
from psp._roles import Role, SeatKind

__all__ = ["State", "replay"]


class State:
    """What the history adds up to. Private and mutable only while it is being built:
    a Partnership copies it before recording new events, so shared states never change."""

    __slots__ = (
        "governance",
        "last",
        "lead",
        "links",
        "meetings",
        "memberships",
        "mous",
        "open_links",
        "open_members",
        "open_representatives",
        "open_seats",
        "organisations",
        "reimbursements",
        "representatives",
        "seats",
    )

    def __init__(self) -> None:
        self.last: date | None = None
        self.lead: str | None = None
        self.organisations: dict[str, Partner] = {}
        self.memberships: list[Membership] = []
        self.open_members: dict[str, int] = {}
        self.seats: list[Seat] = []
        self.open_seats: dict[tuple[str, SeatKind], int] = {}
        self.representatives: list[Representative] = []
        self.open_representatives: dict[tuple[str, str], int] = {}
        self.links: list[Link] = []
        self.open_links: dict[tuple[str, str, LinkKind], int] = {}
        self.governance: list[tuple[date, GovernanceStructure]] = []
        self.meetings: list[Meeting] = []
        self.reimbursements: dict[str, ReimbursementStatus] = {}
        self.mous: dict[str, list[MoU]] = {}

    def copy(self) -> State:
        new = State.__new__(State)
        new.last = self.last
        new.lead = self.lead
        new.organisations = dict(self.organisations)
        new.memberships = list(self.memberships)
        new.open_members = dict(self.open_members)
        new.seats = list(self.seats)
        new.open_seats = dict(self.open_seats)
        new.representatives = list(self.representatives)
        new.open_representatives = dict(self.open_representatives)
        new.links = list(self.links)
        new.open_links = dict(self.open_links)
        new.governance = list(self.governance)
        new.meetings = list(self.meetings)
        new.reimbursements = dict(self.reimbursements)
        new.mous = {k: list(v) for k, v in self.mous.items()}
        return new

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

    def _current(self, partner_id: str) -> int:
        index = self.open_members.get(partner_id)
        if index is None:
            raise RuleViolationError(
                "partner_id", partner_id, f"{self._name(partner_id)} is not a member now"
            )
        return index

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
        if handler is None:
            raise InvalidValueError(None, event, "is not a partnership event (see psp.Event)")
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
        self.organisations[e.partner.id] = e.partner

    def _join(self, e: MemberJoined) -> None:
        self._known("partner_id", e.partner_id)
        if e.partner_id in self.open_members:
            since = self.memberships[self.open_members[e.partner_id]].period.start
            raise RuleViolationError(
                "partner_id",
                e.partner_id,
                f"{self._name(e.partner_id)} is already a member (since {since.isoformat()}); "
                "a partner is a member at most once at a time",
            )
        if any(pid == e.partner_id for pid, _ in self.open_seats):
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
        self.open_members[e.partner_id] = len(self.memberships)
        self.memberships.append(
            Membership(e.partner_id, e.roles, Period(e.on), e.engagement, e.signposted_by)
        )
        if Role.LEAD in e.roles:
            self.lead = e.partner_id

    def _change_roles(self, e: RolesChanged) -> None:
        index = self._current(e.partner_id)
        current = self.memberships[index]
        if current.roles == e.roles:
            raise RuleViolationError(
                "roles",
                sorted(e.roles),
                f"{self._name(e.partner_id)} already holds exactly these roles",
            )
        self._can_lead(e.partner_id, e.roles)
        if current.period.start == e.on:
            self.memberships[index] = attrs.evolve(current, roles=e.roles)
        else:
            self.memberships[index] = attrs.evolve(current, period=current.period.ended(e.on))
            self.open_members[e.partner_id] = len(self.memberships)
            self.memberships.append(attrs.evolve(current, roles=e.roles, period=Period(e.on)))
        if Role.LEAD in e.roles:
            self.lead = e.partner_id
        elif self.lead == e.partner_id:
            self.lead = None

    def _leave(self, e: MemberLeft) -> None:
        index = self._current(e.partner_id)
        current = self.memberships[index]
        if e.on <= current.period.start:
            raise RuleViolationError(
                "on",
                e.on.isoformat(),
                f"{self._name(e.partner_id)}'s current membership started that day; "
                "a membership lasts at least one day",
            )
        self.memberships[index] = attrs.evolve(current, period=current.period.ended(e.on))
        del self.open_members[e.partner_id]
        if self.lead == e.partner_id:
            self.lead = None

    def _take_seat(self, e: SeatTaken) -> None:
        self._known("partner_id", e.partner_id)
        if e.partner_id in self.open_members:
            raise RuleViolationError(
                "partner_id",
                e.partner_id,
                f"{self._name(e.partner_id)} is a member; non-member seats are for organisations "
                "that are not partners",
            )
        key = (e.partner_id, e.kind)
        if key in self.open_seats:
            raise RuleViolationError(
                "kind", e.kind.value, f"{self._name(e.partner_id)} already holds this seat"
            )
        self.open_seats[key] = len(self.seats)
        self.seats.append(Seat(e.partner_id, e.kind, Period(e.on)))

    def _leave_seat(self, e: SeatLeft) -> None:
        key = (e.partner_id, e.kind)
        index = self.open_seats.get(key)
        if index is None:
            raise RuleViolationError(
                "kind", e.kind.value, f"{self._name(e.partner_id)} does not hold this seat now"
            )
        seat = self.seats[index]
        if e.on <= seat.period.start:
            raise RuleViolationError(
                "on",
                e.on.isoformat(),
                "the seat was taken that day; a seat is held at least one day",
            )
        self.seats[index] = attrs.evolve(seat, period=seat.period.ended(e.on))
        del self.open_seats[key]

    def _name_representative(self, e: RepresentativeNamed) -> None:
        self._known("partner_id", e.partner_id)
        key = (e.partner_id, e.person)
        if key in self.open_representatives:
            raise RuleViolationError(
                "person", e.person, f"already represents {self._name(e.partner_id)}"
            )
        self.open_representatives[key] = len(self.representatives)
        self.representatives.append(
            Representative(e.partner_id, e.person, Period(e.on), e.title, e.can_decide)
        )

    def _stand_down(self, e: RepresentativeStoodDown) -> None:
        key = (e.partner_id, e.person)
        index = self.open_representatives.get(key)
        if index is None:
            raise RuleViolationError(
                "person", e.person, f"does not represent {self._name(e.partner_id)} now"
            )
        rep = self.representatives[index]
        if e.on <= rep.period.start:
            raise RuleViolationError(
                "on",
                e.on.isoformat(),
                "they were named that day; a representative serves at least one day",
            )
        self.representatives[index] = attrs.evolve(rep, period=rep.period.ended(e.on))
        del self.open_representatives[key]

    def _add_link(self, e: LinkAdded) -> None:
        self._known("source", e.source)
        self._known("target", e.target)
        if e.source not in self.open_members and e.target not in self.open_members:
            raise RuleViolationError(
                "on",
                e.on.isoformat(),
                f"neither {self._name(e.source)} nor {self._name(e.target)} is a member then; "
                "a partnership records links that involve its members",
            )
        key = (e.source, e.target, e.kind)
        if key in self.open_links:
            raise RuleViolationError(
                "kind",
                e.kind.value,
                f"{self._name(e.source)} already has this link to {self._name(e.target)}",
            )
        self.open_links[key] = len(self.links)
        self.links.append(
            Link(e.source, e.target, e.kind, Period(e.on), e.weight, e.pre_existing, e.note)
        )

    def _end_link(self, e: LinkEnded) -> None:
        key = (e.source, e.target, e.kind)
        index = self.open_links.get(key)
        if index is None:
            raise RuleViolationError(
                "kind",
                e.kind.value,
                f"{self._name(e.source)} has no such link to {self._name(e.target)} now",
            )
        link = self.links[index]
        if e.on <= link.period.start:
            raise RuleViolationError(
                "on", e.on.isoformat(), "the link began that day; a link lasts at least one day"
            )
        self.links[index] = attrs.evolve(link, period=link.period.ended(e.on))
        del self.open_links[key]

    def _adopt_governance(self, e: GovernanceAdopted) -> None:
        seated = {pid for pid, _ in self.open_seats}
        for i, group in enumerate(e.structure.groups):
            for pid in sorted(group.members):
                if pid not in self.open_members and pid not in seated:
                    raise RuleViolationError(
                        f"structure.groups[{i}].members",
                        pid,
                        f"{self._name(pid)} is neither a member nor a seat holder now; "
                        "a group seats partners and declared non-member seats",
                    )
        self.governance.append((e.on, e.structure))

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
        self.meetings.append(e.meeting)

    def _record_reimbursement(self, e: ReimbursementRecorded) -> None:
        self._current(e.partner_id)
        self.reimbursements[e.partner_id] = e.status

    def _check_parties(self, mou: MoU) -> None:
        for pid in sorted(mou.parties):
            self._known("mou.parties", pid)

    def _draft_mou(self, e: MoUDrafted) -> None:
        if e.mou.id in self.mous:
            raise RuleViolationError(
                "mou.id", e.mou.id, "is the id of an MoU already drafted; amend it instead"
            )
        if e.mou.version != 1 or e.mou.signatures:
            raise RuleViolationError(
                "mou", e.mou.id, "a new MoU is drafted as version 1 with no signatures yet"
            )
        self._check_parties(e.mou)
        self.mous[e.mou.id] = [e.mou]

    def mou_versions(self, field: str, mou_id: str) -> list[MoU]:
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
        versions[-1] = signed

    def _amend_mou(self, e: MoUAmended) -> None:
        versions = self.mou_versions("mou.id", e.mou.id)
        current = versions[-1]
        if e.mou.version != current.version + 1 or e.mou.signatures:
            raise RuleViolationError(
                "mou.version",
                e.mou.version,
                f"an amendment is version {current.version + 1}, with no signatures yet",
            )
        self._check_parties(e.mou)
        versions.append(e.mou)


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
            raise type(e)(f"history[{index}].{e.field}", e.value, e.reason) from None
    return state
