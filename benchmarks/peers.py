"""The peers psp's conversion is measured against: pydantic v2 and msgspec models of the
same shape, making the same checks.

Both read exactly the plain data :func:`psp.to_data` writes for a :class:`psp.Partnership`
and write it back equal (``run.py`` checks this before timing anything, and checks that
all three refuse the same broken inputs). What "the same checks" means, field by field:

- **Types are strict**: text must be ``str`` (no numbers), flags ``bool`` (no ``1``),
  weights a finite number >= 0 (an ``int`` is read as a float, a ``bool`` is refused).
- **Text** that names something (ids, names, people, areas) must be non-blank without
  leading or trailing white space (psp's ``_checks.text``); free text (description,
  reason, note) may be any string.
- **Dates** are ISO ``YYYY-MM-DD`` strings of real calendar days, nothing else.
- **Enums** are read from their values (``"lead"``), never their names.
- **Sets** (roles, focus, areas) are lists without repeats; psp refuses a repeat and so
  do the peers. They hold them as sorted tuples: the same value, written back sorted
  as psp writes frozensets.
- **Org-id identifiers** have psp's ``SCHEME-IDENTIFIER`` form, the shape each known
  scheme demands, and no repeats in one organisation.
- **Unknown keys are refused** everywhere; events carry psp's ``type`` tags.
- **Policies** (a partnership's :class:`psp.Policy`): counts are whole numbers >= 0
  (no ``true``), switches are booleans, sets of sectors, roles and public-body kinds
  as above, expected public bodies keyed by focus.
- **Organisations**: a public body names its kind, others do not; only the third
  sector has a third-sector kind; nothing is part of itself.
- **Events**: ``signposted_by`` only with the ``signposted`` engagement; a link joins
  two different organisations.
- **The portfolio** (:class:`psp.Portfolio`): partnership ids are unique; an organisation
  known to several partnerships has the same record in each; a portfolio-level link
  joins organisations some partnership knows, one of them a member of some partnership
  when it begins, with no overlapping duplicate (:func:`check_portfolio`, shared).
- **The history is replayed** into a state, as psp replays it (:class:`Replay`, one
  implementation shared by both peers): events in date order, every organisation named
  is known, one lead at a time, one membership per partner at a time, no joining while
  holding a seat, no self-signposting, role changes change something, everything lasts
  at least a day, no duplicate open seat, representative or link, links involve a
  member. The state (memberships, seats, representatives, links, open indexes) is kept
  on the object, as psp keeps its own; its records are plain tuples.

Known differences, none of which plain JSON data can reach: pydantic's enum validation
also takes ``bytes``; both peers take a ``tuple`` or a ``date`` object where psp takes
a list or an ISO string. The peers cover the ten event types the benchmark data records
(organisations, membership, seats, representatives, links); psp's governance, meeting
and MoU events are not modelled here yet, because ``data.py`` does not record them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import Annotated, Any, ClassVar, Literal, TypeAlias, TypeVar

import msgspec
import pydantic
from msgspec import Meta
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StringConstraints

from psp import (
    Engagement,
    Focus,
    LinkKind,
    PublicBodyKind,
    Reach,
    Role,
    Scope,
    SeatKind,
    Sector,
    Size,
    ThirdSectorKind,
)

__all__ = [
    "MsgspecPartnership",
    "MsgspecPortfolio",
    "PydanticPartnership",
    "PydanticPortfolio",
    "Replay",
    "msgspec_dump",
    "msgspec_load",
    "pydantic_dump",
    "pydantic_load",
]

E = TypeVar("E")

#: Non-blank, no leading or trailing white space (``\s`` is ``str.isspace``, as in psp).
TEXT_PATTERN = r"^\S(?:[\s\S]*\S)?\Z"
#: psp's org-id form, with the shapes of the four known schemes.
ORG_ID_PATTERN = (
    r"^(?:GB-SC-SC\d{6}|GB-CHC-\d{6,7}(?:-\d+)?|GB-COH-(?:\d{8}|[A-Z]{2}\d{6})|GB-LAS-[A-Z]{3}"
    r"|(?!(?:GB-SC|GB-CHC|GB-COH|GB-LAS)-)[A-Z]{2}-[A-Z0-9]{2,}-\S+)\Z"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# -- shared value checks ---------------------------------------------------------------


def _canonical_set(values: tuple[E, ...]) -> tuple[E, ...]:
    unique = sorted(set(values))  # type: ignore[type-var]
    if len(unique) != len(values):
        raise ValueError("lists the same item twice")
    return tuple(unique)


def _no_repeats(values: tuple[E, ...]) -> tuple[E, ...]:
    if len(set(values)) != len(values):
        raise ValueError("lists an identifier twice")
    return values


def _check_partner(
    pid: str,
    sector: Sector,
    public_body_kind: object,
    third_sector_kind: object,
    part_of: str | None,
) -> None:
    if sector is Sector.PUBLIC and public_body_kind is None:
        raise ValueError("a public body must say which kind it is")
    if sector is not Sector.PUBLIC and public_body_kind is not None:
        raise ValueError("only a public body has a public-body kind")
    if sector is not Sector.THIRD and third_sector_kind is not None:
        raise ValueError("only the third sector has a third-sector kind")
    if part_of == pid:
        raise ValueError("an organisation cannot be part of itself")


def _check_signposted(engagement: Engagement | None, signposted_by: str | None) -> None:
    if signposted_by is not None and engagement is not Engagement.SIGNPOSTED:
        raise ValueError("signposted_by is only given when the engagement is 'signposted'")


# -- the replay, shared by both peers --------------------------------------------------

#: A span: [partner_id, roles, start, end, engagement, signposted_by] and the like.
Record: TypeAlias = tuple[Any, ...]


class Replay:
    """psp's projector, for the peers: checks each event against the state, then folds
    it in. Events are read by attribute, so pydantic models and msgspec structs both
    work; ``handlers`` maps each peer's event classes to the method for it."""

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
        self.organisations: dict[str, Any] = {}
        self.memberships: list[Record] = []
        self.open_members: dict[str, int] = {}
        self.seats: list[Record] = []
        self.open_seats: dict[tuple[str, SeatKind], int] = {}
        self.representatives: list[Record] = []
        self.open_representatives: dict[tuple[str, str], int] = {}
        self.links: list[Record] = []
        self.open_links: dict[tuple[str, str, LinkKind], int] = {}

    @classmethod
    def of(
        cls, history: Iterable[Any], handlers: dict[type, Callable[[Replay, Any], None]]
    ) -> Replay:
        state = cls()
        for index, event in enumerate(history):
            on = event.on
            if state.last is not None and on < state.last:
                raise ValueError(
                    f"history[{index}]: events are recorded in the order they happened"
                )
            handlers[type(event)](state, event)
            state.last = on
        return state

    def _known(self, partner_id: str) -> None:
        if partner_id not in self.organisations:
            raise ValueError(f"{partner_id!r} is not an organisation this partnership knows")

    def _can_lead(self, partner_id: str, roles: tuple[Role, ...]) -> None:
        if Role.LEAD in roles and self.lead is not None and self.lead != partner_id:
            raise ValueError("a partnership has one lead at a time")

    def _current(self, partner_id: str) -> int:
        index = self.open_members.get(partner_id)
        if index is None:
            raise ValueError(f"{partner_id!r} is not a member now")
        return index

    def add_organisation(self, e: Any) -> None:
        partner = e.partner
        if partner.id in self.organisations:
            raise ValueError("is already the id of an organisation in this partnership")
        if partner.part_of is not None:
            self._known(partner.part_of)
        self.organisations[partner.id] = partner

    def join(self, e: Any) -> None:
        pid = e.partner_id
        self._known(pid)
        if pid in self.open_members:
            raise ValueError("a partner is a member at most once at a time")
        if any(holder == pid for holder, _ in self.open_seats):
            raise ValueError("holds a non-member seat; it leaves the seat to join")
        if e.signposted_by is not None:
            self._known(e.signposted_by)
            if e.signposted_by == pid:
                raise ValueError("an organisation cannot signpost itself")
        self._can_lead(pid, e.roles)
        self.open_members[pid] = len(self.memberships)
        self.memberships.append((pid, e.roles, e.on, None, e.engagement, e.signposted_by))
        if Role.LEAD in e.roles:
            self.lead = pid

    def change_roles(self, e: Any) -> None:
        pid = e.partner_id
        index = self._current(pid)
        current = self.memberships[index]
        if current[1] == e.roles:
            raise ValueError("already holds exactly these roles")
        self._can_lead(pid, e.roles)
        if current[2] == e.on:
            self.memberships[index] = (pid, e.roles, *current[2:])
        else:
            self.memberships[index] = (*current[:3], e.on, *current[4:])
            self.open_members[pid] = len(self.memberships)
            self.memberships.append((pid, e.roles, e.on, None, *current[4:]))
        if Role.LEAD in e.roles:
            self.lead = pid
        elif self.lead == pid:
            self.lead = None

    def leave(self, e: Any) -> None:
        pid = e.partner_id
        index = self._current(pid)
        current = self.memberships[index]
        if e.on <= current[2]:
            raise ValueError("a membership lasts at least one day")
        self.memberships[index] = (*current[:3], e.on, *current[4:])
        del self.open_members[pid]
        if self.lead == pid:
            self.lead = None

    def take_seat(self, e: Any) -> None:
        self._known(e.partner_id)
        if e.partner_id in self.open_members:
            raise ValueError("non-member seats are for organisations that are not partners")
        key = (e.partner_id, e.kind)
        if key in self.open_seats:
            raise ValueError("already holds this seat")
        self.open_seats[key] = len(self.seats)
        self.seats.append((e.partner_id, e.kind, e.on, None))

    def leave_seat(self, e: Any) -> None:
        key = (e.partner_id, e.kind)
        index = self.open_seats.get(key)
        if index is None:
            raise ValueError("does not hold this seat now")
        seat = self.seats[index]
        if e.on <= seat[2]:
            raise ValueError("a seat is held at least one day")
        self.seats[index] = (*seat[:3], e.on)
        del self.open_seats[key]

    def name_representative(self, e: Any) -> None:
        self._known(e.partner_id)
        key = (e.partner_id, e.person)
        if key in self.open_representatives:
            raise ValueError("already represents this organisation")
        self.open_representatives[key] = len(self.representatives)
        self.representatives.append((e.partner_id, e.person, e.on, None, e.title, e.can_decide))

    def stand_down(self, e: Any) -> None:
        key = (e.partner_id, e.person)
        index = self.open_representatives.get(key)
        if index is None:
            raise ValueError("does not represent this organisation now")
        rep = self.representatives[index]
        if e.on <= rep[2]:
            raise ValueError("a representative serves at least one day")
        self.representatives[index] = (*rep[:3], e.on, *rep[4:])
        del self.open_representatives[key]

    def add_link(self, e: Any) -> None:
        self._known(e.source)
        self._known(e.target)
        if e.source not in self.open_members and e.target not in self.open_members:
            raise ValueError("a partnership records links that involve its members")
        key = (e.source, e.target, e.kind)
        if key in self.open_links:
            raise ValueError("already has this link")
        self.open_links[key] = len(self.links)
        self.links.append((*key, e.on, None, e.weight, e.pre_existing, e.note))

    def end_link(self, e: Any) -> None:
        key = (e.source, e.target, e.kind)
        index = self.open_links.get(key)
        if index is None:
            raise ValueError("has no such link now")
        link = self.links[index]
        if e.on <= link[3]:
            raise ValueError("a link lasts at least one day")
        self.links[index] = (*link[:4], e.on, *link[5:])
        del self.open_links[key]


# The event classes in psp's order, paired with the Replay method for each.
_EVENT_METHODS = (
    Replay.add_organisation,
    Replay.join,
    Replay.change_roles,
    Replay.leave,
    Replay.take_seat,
    Replay.leave_seat,
    Replay.name_representative,
    Replay.stand_down,
    Replay.add_link,
    Replay.end_link,
)


def is_member(states: Iterable[Replay], partner_id: str, on: date) -> bool:
    """Whether ``partner_id`` is a member of any of the replayed partnerships on ``on``."""
    return any(
        m[0] == partner_id and m[2] <= on and (m[3] is None or on < m[3])
        for state in states
        for m in state.memberships
    )


def check_portfolio(partnerships: Iterable[Any], links: Iterable[Any]) -> None:
    """psp's portfolio rules, for the peers (see the module's docstring)."""
    ids: set[str] = set()
    organisations: dict[str, Any] = {}
    states = []
    for p in partnerships:
        if p.id in ids:
            raise ValueError(f"{p.id!r}: each partnership in a portfolio has its own id")
        ids.add(p.id)
        state: Replay = p._state
        states.append(state)
        for pid, partner in state.organisations.items():
            known = organisations.setdefault(pid, partner)
            if known is not partner and known != partner:
                raise ValueError(f"{pid!r}: an organisation's record must agree")
    earlier: list[Any] = []
    for link in links:
        for end in (link.source, link.target):
            if end not in organisations:
                raise ValueError(f"{end!r} is not an organisation any partnership knows")
        start = link.period.start
        if not (is_member(states, link.source, start) or is_member(states, link.target, start)):
            raise ValueError("a portfolio records links that involve members")
        for other in earlier:
            if (
                (other.source, other.target, other.kind) == (link.source, link.target, link.kind)
                and (other.period.end is None or start < other.period.end)
                and (link.period.end is None or other.period.start < link.period.end)
            ):
                raise ValueError("already has this link then")
        earlier.append(link)


# -- pydantic ---------------------------------------------------------------------------


def _iso_date(value: object) -> date:
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        raise ValueError("must be a date in ISO form, YYYY-MM-DD")
    return date.fromisoformat(value)  # its ValueError says "day is out of range for month"


PText = Annotated[str, StringConstraints(strict=True, pattern=TEXT_PATTERN)]
PAnyText = Annotated[str, Field(strict=True)]
PDate = Annotated[date, BeforeValidator(_iso_date)]
PBool = Annotated[bool, Field(strict=True)]
PWeight = Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]
POrgId = Annotated[str, StringConstraints(strict=True, pattern=ORG_ID_PATTERN)]
PRoles = Annotated[tuple[Role, ...], AfterValidator(_canonical_set)]


class _PModel(pydantic.BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, regex_engine="python-re")


class PydanticPartner(_PModel):
    id: PText
    name: PText
    sector: Sector
    public_body_kind: PublicBodyKind | None = None
    third_sector_kind: ThirdSectorKind | None = None
    reach: Reach | None = None
    size: Size | None = None
    areas: Annotated[tuple[PText, ...], AfterValidator(_canonical_set)] = ()
    identifiers: Annotated[tuple[POrgId, ...], AfterValidator(_no_repeats)] = ()
    part_of: PText | None = None
    represents_service_users: PBool = False

    @pydantic.model_validator(mode="after")
    def _check(self) -> PydanticPartner:
        _check_partner(
            self.id, self.sector, self.public_body_kind, self.third_sector_kind, self.part_of
        )
        return self


class POrganisationAdded(_PModel):
    type: Literal["organisation-added"]
    on: PDate
    partner: PydanticPartner


class PMemberJoined(_PModel):
    type: Literal["member-joined"]
    on: PDate
    partner_id: PText
    roles: PRoles
    engagement: Engagement | None = None
    signposted_by: PText | None = None

    @pydantic.model_validator(mode="after")
    def _check(self) -> PMemberJoined:
        _check_signposted(self.engagement, self.signposted_by)
        return self


class PRolesChanged(_PModel):
    type: Literal["roles-changed"]
    on: PDate
    partner_id: PText
    roles: PRoles


class PMemberLeft(_PModel):
    type: Literal["member-left"]
    on: PDate
    partner_id: PText
    reason: PAnyText = ""


class PSeatTaken(_PModel):
    type: Literal["seat-taken"]
    on: PDate
    partner_id: PText
    kind: SeatKind


class PSeatLeft(_PModel):
    type: Literal["seat-left"]
    on: PDate
    partner_id: PText
    kind: SeatKind


class PRepresentativeNamed(_PModel):
    type: Literal["representative-named"]
    on: PDate
    partner_id: PText
    person: PText
    title: PText | None = None
    can_decide: PBool | None = None


class PRepresentativeStoodDown(_PModel):
    type: Literal["representative-stood-down"]
    on: PDate
    partner_id: PText
    person: PText


class PLinkAdded(_PModel):
    type: Literal["link-added"]
    on: PDate
    source: PText
    target: PText
    kind: LinkKind
    weight: PWeight | None = None
    pre_existing: PBool | None = None
    note: PAnyText = ""

    @pydantic.model_validator(mode="after")
    def _check(self) -> PLinkAdded:
        if self.source == self.target:
            raise ValueError("a link joins two different organisations")
        return self


class PLinkEnded(_PModel):
    type: Literal["link-ended"]
    on: PDate
    source: PText
    target: PText
    kind: LinkKind


PEvent = Annotated[
    POrganisationAdded
    | PMemberJoined
    | PRolesChanged
    | PMemberLeft
    | PSeatTaken
    | PSeatLeft
    | PRepresentativeNamed
    | PRepresentativeStoodDown
    | PLinkAdded
    | PLinkEnded,
    Field(discriminator="type"),
]
_P_HANDLERS: dict[type, Callable[[Replay, Any], None]] = dict(
    zip(
        (
            POrganisationAdded,
            PMemberJoined,
            PRolesChanged,
            PMemberLeft,
            PSeatTaken,
            PSeatLeft,
            PRepresentativeNamed,
            PRepresentativeStoodDown,
            PLinkAdded,
            PLinkEnded,
        ),
        _EVENT_METHODS,
        strict=True,
    )
)


PCount = Annotated[int, Field(strict=True, ge=0)]
PSectors = Annotated[tuple[Sector, ...], AfterValidator(_canonical_set)]
PKinds = Annotated[tuple[PublicBodyKind, ...], AfterValidator(_canonical_set)]


class PydanticPolicy(_PModel):
    """psp's :class:`psp.Policy`: a fund's programme rules, with psp's defaults."""

    name: PText = "PSP"
    lead_sectors: PSectors | None = None
    min_public_members: PCount = 1
    min_third_sector_members: PCount = 1
    required_roles: PRoles = (Role.LEAD,)
    expected_public_bodies: dict[Focus, PKinds] = Field(default_factory=dict)
    mou_before_pilot: PBool = True
    mou_at_launch: PBool = True
    design_approval_before_pilot: PBool = True
    pilot_award_before_pilot: PBool = True
    cja_sign_off: PBool = True
    sustainability_before_delivery_bid: PBool = False
    commitment_sectors: PSectors | None = None
    measures_before_review: PBool = True
    conditions_before_commissioning: PBool = True
    tender_before_commissioning: PBool = True


class PydanticPartnership(_PModel):
    """psp's :class:`psp.Partnership`, as a pydantic v2 model."""

    id: PText
    name: PText
    focus: Annotated[tuple[Focus, ...], AfterValidator(_canonical_set)] = ()
    scope: Scope | None = None
    areas: Annotated[tuple[PText, ...], AfterValidator(_canonical_set)] = ()
    description: PAnyText = ""
    policy: PydanticPolicy = Field(default_factory=PydanticPolicy)
    history: tuple[PEvent, ...] = ()
    _state: Replay = pydantic.PrivateAttr()

    @pydantic.model_validator(mode="after")
    def _replay(self) -> PydanticPartnership:
        self._state = Replay.of(self.history, _P_HANDLERS)
        return self


class PydanticPeriod(_PModel):
    start: PDate
    end: PDate | None = None

    @pydantic.model_validator(mode="after")
    def _check(self) -> PydanticPeriod:
        if self.end is not None and self.end <= self.start:
            raise ValueError("a period ends after its start")
        return self


class PydanticLink(_PModel):
    source: PText
    target: PText
    kind: LinkKind
    period: PydanticPeriod
    weight: PWeight | None = None
    pre_existing: PBool | None = None
    note: PAnyText = ""

    @pydantic.model_validator(mode="after")
    def _check(self) -> PydanticLink:
        if self.source == self.target:
            raise ValueError("a link joins two different organisations")
        return self


class PydanticPortfolio(_PModel):
    """psp's :class:`psp.Portfolio`, as a pydantic v2 model."""

    id: PText
    name: PText
    partnerships: tuple[PydanticPartnership, ...] = ()
    links: tuple[PydanticLink, ...] = ()

    @pydantic.model_validator(mode="after")
    def _check(self) -> PydanticPortfolio:
        check_portfolio(self.partnerships, self.links)
        return self


def pydantic_load(data: Any) -> PydanticPortfolio:
    """A portfolio from plain data."""
    return PydanticPortfolio.model_validate(data)


def pydantic_dump(portfolio: PydanticPortfolio) -> Any:
    """A portfolio as plain data, equal to what psp writes."""
    return portfolio.model_dump(mode="json")


# -- msgspec ----------------------------------------------------------------------------

MText = Annotated[str, Meta(pattern=TEXT_PATTERN)]
MWeight = Annotated[float, Meta(ge=0, le=sys.float_info.max)]  # refuses nan and inf
MOrgId = Annotated[str, Meta(pattern=ORG_ID_PATTERN)]


class _MStruct(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


def _set_canonical(obj: msgspec.Struct, field: str) -> None:
    msgspec.structs.force_setattr(obj, field, _canonical_set(getattr(obj, field)))


class MsgspecPartner(_MStruct, frozen=True):
    id: MText
    name: MText
    sector: Sector
    public_body_kind: PublicBodyKind | None = None
    third_sector_kind: ThirdSectorKind | None = None
    reach: Reach | None = None
    size: Size | None = None
    areas: tuple[MText, ...] = ()
    identifiers: tuple[MOrgId, ...] = ()
    part_of: MText | None = None
    represents_service_users: bool = False

    def __post_init__(self) -> None:
        _check_partner(
            self.id, self.sector, self.public_body_kind, self.third_sector_kind, self.part_of
        )
        _set_canonical(self, "areas")
        _no_repeats(self.identifiers)


class _MEvent(_MStruct, tag_field="type", frozen=True):
    pass


class MOrganisationAdded(_MEvent, tag="organisation-added", frozen=True):
    on: date
    partner: MsgspecPartner


class MMemberJoined(_MEvent, tag="member-joined", frozen=True):
    on: date
    partner_id: MText
    roles: tuple[Role, ...]
    engagement: Engagement | None = None
    signposted_by: MText | None = None

    def __post_init__(self) -> None:
        _set_canonical(self, "roles")
        _check_signposted(self.engagement, self.signposted_by)


class MRolesChanged(_MEvent, tag="roles-changed", frozen=True):
    on: date
    partner_id: MText
    roles: tuple[Role, ...]

    def __post_init__(self) -> None:
        _set_canonical(self, "roles")


class MMemberLeft(_MEvent, tag="member-left", frozen=True):
    on: date
    partner_id: MText
    reason: str = ""


class MSeatTaken(_MEvent, tag="seat-taken", frozen=True):
    on: date
    partner_id: MText
    kind: SeatKind


class MSeatLeft(_MEvent, tag="seat-left", frozen=True):
    on: date
    partner_id: MText
    kind: SeatKind


class MRepresentativeNamed(_MEvent, tag="representative-named", frozen=True):
    on: date
    partner_id: MText
    person: MText
    title: MText | None = None
    can_decide: bool | None = None


class MRepresentativeStoodDown(_MEvent, tag="representative-stood-down", frozen=True):
    on: date
    partner_id: MText
    person: MText


class MLinkAdded(_MEvent, tag="link-added", frozen=True):
    on: date
    source: MText
    target: MText
    kind: LinkKind
    weight: MWeight | None = None
    pre_existing: bool | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.source == self.target:
            raise ValueError("a link joins two different organisations")


class MLinkEnded(_MEvent, tag="link-ended", frozen=True):
    on: date
    source: MText
    target: MText
    kind: LinkKind


MEvent: TypeAlias = (
    MOrganisationAdded
    | MMemberJoined
    | MRolesChanged
    | MMemberLeft
    | MSeatTaken
    | MSeatLeft
    | MRepresentativeNamed
    | MRepresentativeStoodDown
    | MLinkAdded
    | MLinkEnded
)
_M_HANDLERS: dict[type, Callable[[Replay, Any], None]] = dict(
    zip(
        (
            MOrganisationAdded,
            MMemberJoined,
            MRolesChanged,
            MMemberLeft,
            MSeatTaken,
            MSeatLeft,
            MRepresentativeNamed,
            MRepresentativeStoodDown,
            MLinkAdded,
            MLinkEnded,
        ),
        _EVENT_METHODS,
        strict=True,
    )
)


MCount = Annotated[int, Meta(ge=0)]


class MsgspecPolicy(_MStruct, frozen=True):
    """psp's :class:`psp.Policy`: a fund's programme rules, with psp's defaults."""

    name: MText = "PSP"
    lead_sectors: tuple[Sector, ...] | None = None
    min_public_members: MCount = 1
    min_third_sector_members: MCount = 1
    required_roles: tuple[Role, ...] = (Role.LEAD,)
    expected_public_bodies: dict[Focus, tuple[PublicBodyKind, ...]] = msgspec.field(
        default_factory=dict
    )
    mou_before_pilot: bool = True
    mou_at_launch: bool = True
    design_approval_before_pilot: bool = True
    pilot_award_before_pilot: bool = True
    cja_sign_off: bool = True
    sustainability_before_delivery_bid: bool = False
    commitment_sectors: tuple[Sector, ...] | None = None
    measures_before_review: bool = True
    conditions_before_commissioning: bool = True
    tender_before_commissioning: bool = True

    def __post_init__(self) -> None:
        for name in ("lead_sectors", "commitment_sectors"):
            if getattr(self, name) is not None:
                _set_canonical(self, name)
        _set_canonical(self, "required_roles")
        expected = {k: _canonical_set(v) for k, v in self.expected_public_bodies.items()}
        msgspec.structs.force_setattr(self, "expected_public_bodies", expected)


class MsgspecPartnership(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, dict=True):
    """psp's :class:`psp.Partnership`, as a msgspec struct (not frozen: a frozen struct
    cannot keep the replayed state beside its fields)."""

    id: MText
    name: MText
    focus: tuple[Focus, ...] = ()
    scope: Scope | None = None
    areas: tuple[MText, ...] = ()
    description: str = ""
    policy: MsgspecPolicy = msgspec.field(default_factory=MsgspecPolicy)
    history: tuple[MEvent, ...] = ()

    _state: ClassVar[Replay]  # set on each instance by __post_init__, not a field

    def __post_init__(self) -> None:
        self.focus = _canonical_set(self.focus)
        self.areas = _canonical_set(self.areas)
        self._state = Replay.of(self.history, _M_HANDLERS)  # type: ignore[misc]


class MsgspecPeriod(_MStruct, frozen=True):
    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise ValueError("a period ends after its start")


class MsgspecLink(_MStruct, frozen=True):
    source: MText
    target: MText
    kind: LinkKind
    period: MsgspecPeriod
    weight: MWeight | None = None
    pre_existing: bool | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.source == self.target:
            raise ValueError("a link joins two different organisations")


class MsgspecPortfolio(_MStruct, frozen=True):
    """psp's :class:`psp.Portfolio`, as a msgspec struct."""

    id: MText
    name: MText
    partnerships: tuple[MsgspecPartnership, ...] = ()
    links: tuple[MsgspecLink, ...] = ()

    def __post_init__(self) -> None:
        check_portfolio(self.partnerships, self.links)


def msgspec_load(data: Any) -> MsgspecPortfolio:
    """A portfolio from plain data."""
    return msgspec.convert(data, MsgspecPortfolio)


def msgspec_dump(portfolio: MsgspecPortfolio) -> Any:
    """A portfolio as plain data, equal to what psp writes."""
    return msgspec.to_builtins(portfolio)
