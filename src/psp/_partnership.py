"""The Partnership aggregate: an identity, a history of events, and the state they build."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from psp import _checks
from psp._errors import InvalidValueError, RuleViolationError, UnknownReferenceError
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
from psp._governance import CadenceCheck, GovernanceStructure
from psp._links import Link, LinkKind
from psp._meetings import (
    Continuity,
    Meeting,
    MeetingKind,
    attendance_by_partner,
    meeting_size_range,
    representative_continuity,
)
from psp._membership import Engagement, Membership, ReimbursementStatus, Representative, Seat
from psp._mou import MoU
from psp._organisation import Partner, PublicBodyKind, Sector
from psp._roles import CORE_ROLES, Role, SeatKind
from psp._sector_balance import SectorBalance
from psp._state import State, replay

__all__ = ["Focus", "Partnership", "Scope"]


class Scope(enum.StrEnum):
    """How far a partnership's service reaches (3.16, 3.49-3.50)."""

    LOCAL = "local"
    REGIONAL = "regional"
    NATIONAL = "national"


class Focus(enum.StrEnum):
    """Who a partnership's service is for; it shapes which public bodies belong (3.4)."""

    PRISON_LEAVERS = "prison-leavers"  #: throughcare for people leaving prison
    REMAND = "remand"  #: people held on remand
    COMMUNITY_SENTENCES = "community-sentences"  #: people serving community sentences
    WOMEN = "women"  #: women who offend (the national mentoring PSP, 3.54)
    SUBSTANCE_USE = "substance-use"  #: people whose offending links to drugs or alcohol
    OTHER = "other"


PartnerRef = Partner | str


def _ref(value: PartnerRef) -> str:
    return value.id if isinstance(value, Partner) else value


def _id(value: Any) -> str:
    return _checks.text("id", value)


def _name(value: Any) -> str:
    return _checks.text("name", value)


def _focus(value: Iterable[Any]) -> frozenset[Focus]:
    return _checks.members_of(Focus, "focus", value)


def _scope(value: Any) -> Scope | None:
    return None if value is None else _checks.member_of(Scope, "scope", value)


def _areas(value: Iterable[Any]) -> frozenset[str]:
    return _checks.texts("areas", value)


def _description(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValueError("description", value, "must be text")
    return value


def _history(value: Iterable[Event]) -> tuple[Event, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError("history", value, "must be a sequence of events")
    return tuple(value)


@attrs.frozen(repr=False)
class Partnership:
    """A Public Social Partnership: who it is, and everything that has happened to it.

    The partnership is immutable. Its identity (``id``, ``name``, ``focus``, ``scope``,
    ``areas``, ``description``) is given when it is made; everything else is built
    from its ``history``, a tuple of events in date order. Commands such as
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
    focus: frozenset[Focus] = attrs.field(default=frozenset(), converter=_focus, kw_only=True)
    scope: Scope | None = attrs.field(default=None, converter=_scope, kw_only=True)
    areas: frozenset[str] = attrs.field(default=frozenset(), converter=_areas, kw_only=True)
    description: str = attrs.field(default="", converter=_description, kw_only=True)
    history: tuple[Event, ...] = attrs.field(default=(), converter=_history, kw_only=True)
    _state: State = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_state", replay(self.history, State(), 0))

    def __repr__(self) -> str:
        return (
            f"<Partnership {self.id!r} {self.name!r}: {len(self._state.open_members)} members now, "
            f"{len(self.history)} events>"
        )

    # -- recording -------------------------------------------------------------------

    def record(self, *events: Event) -> Partnership:
        """Return this partnership with ``events`` appended to its history.

        All of them are checked, in order, before anything is returned: if one is
        refused, the error names it (``history[12].roles``) and this partnership is
        unchanged.
        """
        return self._extended(replay(events, self._state.copy(), len(self.history)), events)

    def _record(self, *events: Event) -> Partnership:
        # Commands report errors against their own argument names, not history paths.
        state = self._state.copy()
        for event in events:
            state.apply(event)
        return self._extended(state, events)

    def _extended(self, state: State, events: tuple[Event, ...]) -> Partnership:
        # Build the successor without replaying the history: the cost of a command
        # does not grow with the length of the history.
        new: Partnership = object.__new__(Partnership)
        for a in attrs.fields(Partnership):
            object.__setattr__(new, a.name, getattr(self, a.name))
        object.__setattr__(new, "history", self.history + events)
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
            )
        return []

    def join(
        self,
        partner: PartnerRef,
        *,
        on: date,
        roles: Iterable[Role | str] = (),
        engagement: Engagement | str | None = None,
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
                partner_id=_ref(partner),
                roles=roles,
                engagement=engagement,
                signposted_by=None if signposted_by is None else _ref(signposted_by),
            )
        )
        return self._record(*events)

    def change_roles(
        self, partner: PartnerRef, roles: Iterable[Role | str], *, on: date
    ) -> Partnership:
        """Return the partnership with a member's roles replaced from ``on``."""
        return self._record(RolesChanged(on=on, partner_id=_ref(partner), roles=roles))

    def leave(self, partner: PartnerRef, *, on: date, reason: str = "") -> Partnership:
        """Return the partnership with a member gone from ``on`` (it may join again later)."""
        return self._record(MemberLeft(on=on, partner_id=_ref(partner), reason=reason))

    def take_seat(
        self, partner: PartnerRef, kind: SeatKind | str = SeatKind.CRITICAL_FRIEND, *, on: date
    ) -> Partnership:
        """Return the partnership with a non-member seat held by ``partner`` from ``on``."""
        events = self._known_or_added(partner, on)
        events.append(SeatTaken(on=on, partner_id=_ref(partner), kind=kind))
        return self._record(*events)

    def leave_seat(
        self, partner: PartnerRef, kind: SeatKind | str = SeatKind.CRITICAL_FRIEND, *, on: date
    ) -> Partnership:
        """Return the partnership with a non-member seat given up from ``on``."""
        return self._record(SeatLeft(on=on, partner_id=_ref(partner), kind=kind))

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
                on=on, partner_id=_ref(partner), person=person, title=title, can_decide=can_decide
            )
        )

    def stand_down_representative(
        self, partner: PartnerRef, person: str, *, on: date
    ) -> Partnership:
        """Return the partnership with ``person`` no longer representing ``partner`` from ``on``."""
        return self._record(RepresentativeStoodDown(on=on, partner_id=_ref(partner), person=person))

    def link(
        self,
        source: PartnerRef,
        target: PartnerRef,
        kind: LinkKind | str,
        *,
        on: date,
        weight: float | None = None,
        pre_existing: bool | None = None,
        note: str = "",
    ) -> Partnership:
        """Return the partnership with a ``kind`` link from ``source`` to ``target`` from ``on``.

        Both must be organisations the partnership knows, and at least one a member
        on ``on``. ``weight`` is an optional strength or volume (referrals a month).
        """
        return self._record(
            LinkAdded(
                on=on,
                source=_ref(source),
                target=_ref(target),
                kind=kind,
                weight=weight,
                pre_existing=pre_existing,
                note=note,
            )
        )

    def unlink(
        self, source: PartnerRef, target: PartnerRef, kind: LinkKind | str, *, on: date
    ) -> Partnership:
        """Return the partnership with a link ended from ``on``."""
        return self._record(LinkEnded(on=on, source=_ref(source), target=_ref(target), kind=kind))

    def adopt_governance(self, structure: GovernanceStructure, *, on: date) -> Partnership:
        """Return the partnership governed by ``structure`` from ``on``.

        Every group member must be a member or a seat holder (a critical friend) then.
        """
        return self._record(GovernanceAdopted(on=on, structure=structure))

    def hold_meeting(self, meeting: Meeting) -> Partnership:
        """Return the partnership with ``meeting`` held (on the meeting's date)."""
        return self._record(MeetingHeld(meeting=meeting))

    def record_reimbursement(
        self, partner: PartnerRef, status: ReimbursementStatus | str, *, on: date
    ) -> Partnership:
        """Return the partnership with reimbursement of a member's time offered, accepted
        or declined from ``on`` (3.31)."""
        return self._record(ReimbursementRecorded(on=on, partner_id=_ref(partner), status=status))

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
                "partner_id", partner_id, "is not an organisation this partnership knows"
            ) from None

    @property
    def memberships(self) -> tuple[Membership, ...]:
        """Every span of membership, past and present, in the order they began."""
        return tuple(self._state.memberships)

    @property
    def seats(self) -> tuple[Seat, ...]:
        """Every non-member seat, past and present, in the order they were taken."""
        return tuple(self._state.seats)

    @property
    def representatives(self) -> tuple[Representative, ...]:
        """Every representative, past and present, in the order they were named."""
        return tuple(self._state.representatives)

    @property
    def last_event_date(self) -> date | None:
        """The date of the latest event, or ``None`` for an empty history."""
        return self._state.last

    def memberships_on(self, on: date | None = None) -> tuple[Membership, ...]:
        """The memberships in force on ``on`` (``None``: now, after the last event)."""
        if on is None:
            ms = self._state.memberships
            return tuple(ms[i] for i in sorted(self._state.open_members.values()))
        _checks.a_date("on", on)
        return tuple(m for m in self._state.memberships if m.period.contains(on))

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
        self, expected: Iterable[PublicBodyKind | str], on: date | None = None
    ) -> frozenset[PublicBodyKind]:
        """Which of the ``expected`` public-body kinds no member on ``on`` is.

        :meth:`psp.Policy.expected_public_bodies_for` gives the kinds a fund expects
        for the partnership's focus.
        """
        wanted = _checks.members_of(PublicBodyKind, "expected", expected)
        return wanted - self.public_body_kinds(on)

    def unfilled_roles(
        self, on: date | None = None, required: Iterable[Role | str] = CORE_ROLES
    ) -> frozenset[Role]:
        """Which ``required`` roles (by default lead, provider, referral and strategic)
        no member holds on ``on``."""
        wanted = _checks.members_of(Role, "required", required)
        held: set[Role] = set()
        for m in self.memberships_on(on):
            held |= m.roles
        return wanted - held

    def seats_on(self, on: date | None = None) -> tuple[Seat, ...]:
        """The non-member seats held on ``on`` (``None``: now)."""
        if on is None:
            return tuple(self._state.seats[i] for i in sorted(self._state.open_seats.values()))
        _checks.a_date("on", on)
        return tuple(s for s in self._state.seats if s.period.contains(on))

    def representatives_of(
        self, partner: PartnerRef, on: date | None = None
    ) -> tuple[Representative, ...]:
        """Who represents ``partner`` on ``on`` (``None``: now), in the order they were named."""
        pid = _ref(partner)
        reps = self._state.representatives
        if on is None:
            in_force = [reps[i] for i in sorted(self._state.open_representatives.values())]
        else:
            _checks.a_date("on", on)
            in_force = [r for r in reps if r.period.contains(on)]
        return tuple(r for r in in_force if r.partner_id == pid)

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link, past and present, in the order they began."""
        return tuple(self._state.links)

    def links_on(
        self, on: date | None = None, kinds: Iterable[LinkKind | str] | None = None
    ) -> tuple[Link, ...]:
        """The links in force on ``on`` (``None``: now), optionally only of ``kinds``."""
        wanted = None if kinds is None else _checks.members_of(LinkKind, "kinds", kinds)
        if on is None:
            in_force = [self._state.links[i] for i in sorted(self._state.open_links.values())]
        else:
            _checks.a_date("on", on)
            in_force = [k for k in self._state.links if k.period.contains(on)]
        return tuple(k for k in in_force if wanted is None or k.kind in wanted)

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
        kinds: Iterable[MeetingKind | str] | None = None,
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
            raise RuleViolationError("group_id", group_id, "the partnership has no governance yet")
        group = structure.group(group_id)
        if group.cadence is None:
            raise RuleViolationError("group_id", group_id, "no cadence is set for this group")
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

    def signposted(self) -> tuple[tuple[Partner, Partner | None], ...]:
        """Organisations that came by signposting (3.7), each with who signposted them
        (``None`` when not recorded), in the order they first joined."""
        orgs = self._state.organisations
        seen: dict[str, Partner | None] = {}
        for m in self._state.memberships:
            if m.engagement is Engagement.SIGNPOSTED and m.partner_id not in seen:
                seen[m.partner_id] = None if m.signposted_by is None else orgs[m.signposted_by]
        return tuple((orgs[pid], by) for pid, by in seen.items())
