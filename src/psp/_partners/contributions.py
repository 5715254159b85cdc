"""What partners bring and what they can do: the kinds of contribution a member makes
(3.49, 3.59; Low Moss) and the capabilities a partner declares (3.8)."""

from __future__ import annotations

import enum
from typing import Literal, TypeAlias

from psp._base import checks as _checks
from psp._base.vocabulary import Term, term_of

__all__ = [
    "Capability",
    "CapabilityName",
    "ContributionKind",
    "ContributionKindName",
    "capability",
    "contribution_kind",
]


class ContributionKind(enum.StrEnum):
    """What a member brings to the partnership: the common kinds (3.49: information,
    access to service users; 3.59; Low Moss: funding, secondments)."""

    FUNDING = "funding"  #: money for the partnership or its service
    IN_KIND = "in-kind"  #: goods or services given without charge
    STAFF_TIME = "staff-time"  #: staff taking part in the partnership's work
    SECONDMENT = "secondment"  #: staff seconded to the partnership or its lead
    PREMISES = "premises"  #: rooms, offices or a site
    DATA = "data"  #: information on existing services and need (3.49, 3.59)
    EXPERTISE = "expertise"  #: knowledge the design draws on (3.19, 3.58)
    ACCESS_TO_SERVICE_USERS = "access-to-service-users"  #: for research or consultation (3.49)
    REFERRALS = "referrals"  #: service users referred in
    OTHER = "other"  #: anything else; the description says what


#: The values of :class:`ContributionKind`, for text that names a contribution kind.
ContributionKindName: TypeAlias = Literal[
    "funding",
    "in-kind",
    "staff-time",
    "secondment",
    "premises",
    "data",
    "expertise",
    "access-to-service-users",
    "referrals",
    "other",
]


def contribution_kind(field: str, value: object) -> ContributionKind | Term:
    """``value`` as a contribution kind: a :class:`ContributionKind` (or its value), or a
    term of the user's own, ``prefix:name`` (docs/vocabularies.md); the one reader of
    the vocabulary."""
    return term_of(ContributionKind, field, value)


class Capability(enum.StrEnum):
    """What a partner says it can do: what two leads asked partners and potential
    partners about (3.8: mentoring, service delivery, links with other organisations),
    and the skills the Low Moss design drew on (leadership, project management, service
    user engagement, analysis)."""

    MENTORING = "mentoring"
    SERVICE_DELIVERY = "service-delivery"
    LINKS_WITH_ORGANISATIONS = "links-with-organisations"
    CRIMINAL_JUSTICE = "criminal-justice"  #: knowledge of the justice system (3.7, 3.19)
    LEADERSHIP = "leadership"
    PROJECT_MANAGEMENT = "project-management"
    SERVICE_USER_ENGAGEMENT = "service-user-engagement"
    ANALYSIS = "analysis"
    OTHER = "other"  #: anything else; the declaration's note says what


#: The values of :class:`Capability`, for text that names a capability.
CapabilityName: TypeAlias = Literal[
    "mentoring",
    "service-delivery",
    "links-with-organisations",
    "criminal-justice",
    "leadership",
    "project-management",
    "service-user-engagement",
    "analysis",
    "other",
]


def capability(field: str, value: object) -> Capability:
    """``value`` (a :class:`Capability` or its value) as a capability: the one reader of
    the vocabulary."""
    return _checks.member_of(Capability, field, value)
