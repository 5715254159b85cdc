"""Who belongs to a partnership, in which roles and since when; seats and representatives."""

from __future__ import annotations

import enum
from typing import Literal, TypeAlias

import attrs

from psp._base.period import Period
from psp._base.roles import Role, SeatKind

__all__ = [
    "Engagement",
    "EngagementName",
    "Membership",
    "ReimbursementStatus",
    "ReimbursementStatusName",
    "Representative",
    "Seat",
    "Suspension",
]


class Engagement(enum.StrEnum):
    """How an organisation came into the partnership (3.6-3.7)."""

    EXISTING_RELATIONSHIP = "existing-relationship"  #: invited on a relationship with the lead
    NEWLY_ENGAGED = "newly-engaged"  #: brought in by the lead's own efforts
    SIGNPOSTED = "signposted"  #: pointed to the partnership by a CJA or a funder


#: The values of :class:`Engagement`, for text that names a engagement.
EngagementName: TypeAlias = Literal["existing-relationship", "newly-engaged", "signposted"]


class ReimbursementStatus(enum.StrEnum):
    """Whether a partner's time is reimbursed (two RRCF PSPs reimbursed third-sector
    partners' time; in another the offer was declined, 3.31)."""

    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"


#: The values of :class:`ReimbursementStatus`, for text that names a reimbursement status.
ReimbursementStatusName: TypeAlias = Literal["offered", "accepted", "declined"]


@attrs.frozen
class Membership:
    """A span of one organisation's membership with one set of roles.

    A partnership derives these from its history: joining opens a span, a change
    of roles closes it and opens the next on the same day, leaving closes it.
    ``signposted_by`` names the organisation (a CJA, a funder) that signposted it.
    """

    partner_id: str
    roles: frozenset[Role]
    period: Period
    engagement: Engagement | None = None
    signposted_by: str | None = None


@attrs.frozen
class Suspension:
    """A span during which a member was suspended: still a member, but not taking part
    until it is reinstated (or leaves, which ends the suspension)."""

    partner_id: str
    period: Period
    reason: str = ""


@attrs.frozen
class Seat:
    """A place held by an organisation that is not a partner, such as a critical friend."""

    partner_id: str
    kind: SeatKind
    period: Period


@attrs.frozen
class Representative:
    """A named person representing an organisation in the partnership (3.46).

    ``can_decide`` records whether they may take decisions at the table
    (``None`` when not known).
    """

    partner_id: str
    person: str
    period: Period
    title: str | None = None
    can_decide: bool | None = None
