"""The Partnership aggregate: an identity, a history of events, and the state they build."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from psp import _checks
from psp._errors import InvalidValueError, PSPError, RuleViolationError, UnknownReferenceError
from psp._events import (
    Event,
    LinkAdded,
    LinkEnded,
    MemberJoined,
    MemberLeft,
    OrganisationAdded,
    RepresentativeNamed,
    RepresentativeStoodDown,
    RolesChanged,
    SeatLeft,
    SeatTaken,
)
from psp._links import Link, LinkKind
from psp._membership import Engagement, Membership, Representative, Seat
from psp._organisation import Partner, PublicBodyKind, Sector
from psp._period import Period
from psp._roles import CORE_ROLES, Role, SeatKind
from psp._sector_balance import SectorBalance

__all__ = ["Focus", "Partnership", "Scope"]

_EVENT_TYPES = (
    OrganisationAdded,
    MemberJoined,
    RolesChanged,
    MemberLeft,
    SeatTaken,
    SeatLeft,
    RepresentativeNamed,
    RepresentativeStoodDown,
    LinkAdded,
    LinkEnded,
)


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


class _State:
    """What the history adds up to. Private and mutable only while it is being built:
    a Partnership copies it before recording new events, so shared states never change."""

    __slots__ = (
        "last",
        "lead",
        "links",
        "memberships",
        "open_links",
        "open_members",
        "open_representatives",
        "open_seats",
        "organisations",
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

    def copy(self) -> _State:
        new = _State.__new__(_State)
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
        if isinstance(event, OrganisationAdded):
            self._add_organisation(event)
        elif isinstance(event, MemberJoined):
            self._join(event)
        elif isinstance(event, RolesChanged):
            self._change_roles(event)
        elif isinstance(event, MemberLeft):
            self._leave(event)
        elif isinstance(event, SeatTaken):
            self._take_seat(event)
        elif isinstance(event, SeatLeft):
            self._leave_seat(event)
        elif isinstance(event, RepresentativeNamed):
            self._name_representative(event)
        elif isinstance(event, RepresentativeStoodDown):
            self._stand_down(event)
        elif isinstance(event, LinkAdded):
            self._add_link(event)
        else:
            self._end_link(event)
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


def _replay(events: Iterable[Event], state: _State, first_index: int) -> _State:
    for index, event in enumerate(events, start=first_index):
        if not isinstance(event, _EVENT_TYPES):
            raise InvalidValueError(
                f"history[{index}]", event, "is not a partnership event (see psp.Event)"
            )
        try:
            state.apply(event)
        except PSPError as e:
            raise type(e)(f"history[{index}].{e.field}", e.value, e.reason) from None
    return state


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
    _state: _State = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_state", _replay(self.history, _State(), 0))

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
        return self._extended(_replay(events, self._state.copy(), len(self.history)), events)

    def _record(self, *events: Event) -> Partnership:
        # Commands report errors against their own argument names, not history paths.
        state = self._state.copy()
        for event in events:
            state.apply(event)
        return self._extended(state, events)

    def _extended(self, state: _State, events: tuple[Event, ...]) -> Partnership:
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

    def signposted(self) -> tuple[tuple[Partner, Partner | None], ...]:
        """Organisations that came by signposting (3.7), each with who signposted them
        (``None`` when not recorded), in the order they first joined."""
        orgs = self._state.organisations
        seen: dict[str, Partner | None] = {}
        for m in self._state.memberships:
            if m.engagement is Engagement.SIGNPOSTED and m.partner_id not in seen:
                seen[m.partner_id] = None if m.signposted_by is None else orgs[m.signposted_by]
        return tuple((orgs[pid], by) for pid, by in seen.items())
