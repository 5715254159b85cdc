"""Typed, directed, dated relationships between organisations: who refers to whom,
who links the partnership to the justice system, who funds, who underwrites."""

from __future__ import annotations

import enum
from typing import Literal, TypeAlias

import attrs

from psp._base.period import Period

__all__ = ["Link", "LinkKind", "LinkKindName"]


class LinkKind(enum.StrEnum):
    """Kinds of relationship between two organisations (docs/graph.md).

    Each is directed, from ``source`` to ``target``.
    """

    REFERS_TO = "refers-to"  #: source refers service users to target
    ONWARD_REFERRAL = "onward-referral"  #: source passes people on to target's services
    STRATEGIC_LINK = "strategic-link"  #: source links target to the justice system
    POTENTIAL_COMMISSIONER = "potential-commissioner"  #: source may commission target's service
    SIGNPOSTED = "signposted"  #: source signposted target to the partnership (3.7)
    REPRESENTS = "represents"  #: source speaks for target (ADSW or COSLA for CJSWs, 3.50)
    UNDERWRITES = "underwrites"  #: source underwrites target (a CJA for public partners, 3.56)
    FUNDS = "funds"  #: source funds target
    STAFF_SECONDED = "staff-seconded"  #: source seconds staff to target (Low Moss)
    INFORMATION_BROKER = "information-broker"  #: source passes information to target (3.42)
    WORKING_RELATIONSHIP = "working-relationship"  #: a working tie, e.g. one that pre-dates


#: The values of :class:`LinkKind`, for text that names a link kind.
LinkKindName: TypeAlias = Literal[
    "refers-to",
    "onward-referral",
    "strategic-link",
    "potential-commissioner",
    "signposted",
    "represents",
    "underwrites",
    "funds",
    "staff-seconded",
    "information-broker",
    "working-relationship",
]


@attrs.frozen
class Link:
    """A relationship from ``source`` to ``target`` of one ``kind``, over a period.

    ``weight`` is an optional strength or volume (referrals a month, say);
    ``pre_existing`` says whether the relationship pre-dates the partnership (3.6),
    when known. A partnership derives these from its history
    (:meth:`psp.Partnership.link`).
    """

    source: str
    target: str
    kind: LinkKind
    period: Period
    weight: float | None = None
    pre_existing: bool | None = None
    note: str = ""
