"""Typed, directed, dated relationships between organisations: who refers to whom,
who links the partnership to the justice system, who funds, who underwrites."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal, TypeAlias

import attrs

from psp._base.period import Period
from psp._base.vocabulary import Term

__all__ = ["LINK_LABELS", "Link", "LinkKind", "LinkKindName", "default_labels"]


class LinkKind(enum.StrEnum):
    """Kinds of relationship between two organisations (docs/graph.md).

    Each is directed, from ``source`` to ``target``, and has a :attr:`label` that
    reads from the source to the target ("refers to") and an :attr:`inverse_label`
    that reads back ("is referred to by"). A link kind of your own is a
    :class:`psp.Term` (``acme:mentors``, docs/vocabularies.md).
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

    @property
    def label(self) -> str:
        """How the link reads from its source to its target: "refers to"."""
        return LINK_LABELS[self][0]

    @property
    def inverse_label(self) -> str:
        """How the link reads from its target back to its source: "is referred to by"."""
        return LINK_LABELS[self][1]


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


#: Each built-in link kind's label and inverse label: "source <label> target" and
#: "target <inverse label> source".
LINK_LABELS: Final[Mapping[LinkKind, tuple[str, str]]] = MappingProxyType(
    {
        LinkKind.REFERS_TO: ("refers to", "is referred to by"),
        LinkKind.ONWARD_REFERRAL: ("refers people on to", "takes people on from"),
        LinkKind.STRATEGIC_LINK: (
            "links to the justice system",
            "is linked to the justice system by",
        ),
        LinkKind.POTENTIAL_COMMISSIONER: ("may commission", "may be commissioned by"),
        LinkKind.SIGNPOSTED: ("signposted", "was signposted by"),
        LinkKind.REPRESENTS: ("represents", "is represented by"),
        LinkKind.UNDERWRITES: ("underwrites", "is underwritten by"),
        LinkKind.FUNDS: ("funds", "is funded by"),
        LinkKind.STAFF_SECONDED: ("seconds staff to", "has staff seconded from"),
        LinkKind.INFORMATION_BROKER: ("passes information to", "receives information from"),
        LinkKind.WORKING_RELATIONSHIP: ("works with", "works with"),
    }
)


def default_labels(kind: LinkKind | Term) -> tuple[str, str]:
    """A link kind's label and inverse label, unless a partnership declares its own:
    a built-in kind's from :data:`LINK_LABELS`; a term's is the term itself, and
    ``"inverse of"`` the term.

    >>> default_labels(LinkKind.FUNDS), default_labels(Term("acme:mentors"))
    (('funds', 'is funded by'), ('acme:mentors', 'inverse of acme:mentors'))
    """
    if isinstance(kind, LinkKind):
        return LINK_LABELS[kind]
    return (str.__str__(kind), f"inverse of {kind}")


@attrs.frozen
class Link:
    """A relationship from ``source`` to ``target`` of one ``kind``, over a period.

    ``weight`` is an optional strength or volume (referrals a month, say);
    ``pre_existing`` says whether the relationship pre-dates the partnership (3.6),
    when known. ``kind`` is a :class:`LinkKind` or a :class:`psp.Term` of your own.
    A partnership derives these from its history (:meth:`psp.Partnership.link`).
    """

    source: str
    target: str
    kind: LinkKind | Term
    period: Period
    weight: float | None = None
    pre_existing: bool | None = None
    note: str = ""
