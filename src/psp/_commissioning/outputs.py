"""What a service counts: the kinds of output and capacity a service sets numeric
targets for (people served a year, staff in post, sessions; Low Moss: case workers and
peer mentors), read through one converter, :func:`output_kind`."""

from __future__ import annotations

import enum
from typing import Literal, TypeAlias

from psp._base.vocabulary import Term, term_of

__all__ = ["OutputKind", "OutputKindName", "output_kind"]


class OutputKind(enum.StrEnum):
    """What an output target counts: the common kinds of a service's outputs and
    capacity. A term of your own (``prefix:name``) names any other."""

    PEOPLE_SERVED = "people-served"  #: service users who took up the service
    REFERRALS = "referrals"  #: people referred to the service
    STAFF_IN_POST = "staff-in-post"  #: paid staff (case workers, a partnership manager)
    MENTORS = "mentors"  #: mentors, peer mentors among them, active in the service
    SESSIONS = "sessions"  #: sessions, meetings or appointments delivered
    PLACES = "places"  #: places the service offers at once (its capacity)
    OTHER = "other"  #: anything else; the target's unit says what


#: The values of :class:`OutputKind`, for text that names an output kind.
OutputKindName: TypeAlias = Literal[
    "people-served", "referrals", "staff-in-post", "mentors", "sessions", "places", "other"
]


def output_kind(field: str, value: object) -> OutputKind | Term:
    """``value`` as an output kind: an :class:`OutputKind` (or its value), or a term of
    the user's own, ``prefix:name`` (docs/vocabularies.md); the one reader of the
    vocabulary."""
    return term_of(OutputKind, field, value)
