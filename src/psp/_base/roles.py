"""What organisations do in a partnership: member roles and non-member seats."""

from __future__ import annotations

import enum
from typing import Literal, TypeAlias

__all__ = ["CORE_ROLES", "Role", "RoleName", "SeatKind", "SeatKindName"]


class Role(enum.StrEnum):
    """A member's role (3.19). A member holds a *set* of roles: they are "not in all cases
    mutually exclusive" (3.20)."""

    LEAD = "lead"  #: drives the partnership
    PROVIDER = "provider"  #: delivers the service to its users
    REFERRAL = "referral"  #: refers service users in
    SUPPORT = "support"  #: complementary or onward-referral services
    STRATEGIC = "strategic"  #: links to the justice system; potential future commissioner


#: The values of :class:`Role`, for text that names a role.
RoleName: TypeAlias = Literal["lead", "provider", "referral", "support", "strategic"]


class SeatKind(enum.StrEnum):
    """A place an organisation holds without being a partner."""

    #: Sits on the governance group to support it (Ready for Business at Low Moss).
    CRITICAL_FRIEND = "critical-friend"
    #: Attends without a vote or a role, e.g. a funder watching a pilot.
    OBSERVER = "observer"


#: The values of :class:`SeatKind`, for text that names a seat kind.
SeatKindName: TypeAlias = Literal["critical-friend", "observer"]


#: The roles every working partnership needs filled: someone leads, someone provides,
#: someone refers people in, and someone links it to the justice system.
CORE_ROLES: frozenset[Role] = frozenset({Role.LEAD, Role.PROVIDER, Role.REFERRAL, Role.STRATEGIC})
