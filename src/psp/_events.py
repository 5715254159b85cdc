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

from psp import _checks
from psp._errors import InvalidValueError
from psp._governance import GovernanceStructure
from psp._links import LinkKind
from psp._meetings import Meeting
from psp._membership import Engagement, ReimbursementStatus
from psp._mou import MoU
from psp._organisation import Partner
from psp._roles import Role, SeatKind

__all__ = [
    "Event",
    "GovernanceAdopted",
    "LinkAdded",
    "LinkEnded",
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
)
