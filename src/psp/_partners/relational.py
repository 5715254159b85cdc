"""Relational survey answers: what one organisation says about another (issue 19, item 3).

A relational (network) survey asks each partner about each other partner. psp follows
the PARTNER tool (Varda et al.): six dimensions, each rated on a four-point scale, three
making up *trust* (reliability, support for the mission, openness to discussion) and
three *value* (power and influence, level of involvement, resources contributed), and
how often the two organisations work together. Every rating is optional: a respondent
may rate some dimensions of a partner and not others.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import attrs

from psp._base import checks as _checks

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = [
    "RATING_SCALE",
    "TRUST_DIMENSIONS",
    "VALUE_DIMENSIONS",
    "ContactFrequency",
    "ContactFrequencyName",
    "RelationalAnswer",
    "RelationalDimension",
    "RelationalDimensionName",
]


class RelationalDimension(enum.StrEnum):
    """What a respondent rates another organisation on (PARTNER's six indicators).

    Each value is also the name of the :class:`RelationalAnswer` field that holds the
    rating. The first three make up trust (:data:`TRUST_DIMENSIONS`), the last three
    value (:data:`VALUE_DIMENSIONS`).
    """

    RELIABILITY = "reliability"  #: trust: it does what it says it will do
    MISSION = "mission"  #: trust: it supports the partnership's mission
    OPENNESS = "openness"  #: trust: it is open to discussion
    POWER = "power"  #: value: its power and influence
    INVOLVEMENT = "involvement"  #: value: its level of involvement
    RESOURCES = "resources"  #: value: the resources it contributes


#: The values of :class:`RelationalDimension`, for text that names a dimension.
RelationalDimensionName: TypeAlias = Literal[
    "reliability", "mission", "openness", "power", "involvement", "resources"
]

#: The dimensions whose ratings make up the trust score, in PARTNER's order.
TRUST_DIMENSIONS: Final = (
    RelationalDimension.RELIABILITY,
    RelationalDimension.MISSION,
    RelationalDimension.OPENNESS,
)
#: The dimensions whose ratings make up the value score, in PARTNER's order.
VALUE_DIMENSIONS: Final = (
    RelationalDimension.POWER,
    RelationalDimension.INVOLVEMENT,
    RelationalDimension.RESOURCES,
)

#: The rating scale: each whole number from 1 to 4 and what it means (PARTNER's wording).
RATING_SCALE: Final[Mapping[int, str]] = MappingProxyType(
    {1: "not at all", 2: "a small amount", 3: "a fair amount", 4: "a great deal"}
)
_LOWEST, _HIGHEST = min(RATING_SCALE), max(RATING_SCALE)


class ContactFrequency(enum.StrEnum):
    """How often the respondent works with the organisation it answers about."""

    NEVER = "never"  #: no contact: the answer reports no tie
    YEARLY = "once-a-year-or-less"
    QUARTERLY = "about-quarterly"
    MONTHLY = "about-monthly"
    WEEKLY = "weekly-or-more"


#: The values of :class:`ContactFrequency`, for text that names a frequency.
ContactFrequencyName: TypeAlias = Literal[
    "never", "once-a-year-or-less", "about-quarterly", "about-monthly", "weekly-or-more"
]


def _about(value: str) -> str:
    return _checks.an_id("about", value)


def _rating(field: str, value: int | None) -> int | None:
    if value is None:
        return None
    return _checks.whole(field, value, _LOWEST, _HIGHEST)


def _reliability(value: int | None) -> int | None:
    return _rating("reliability", value)


def _mission(value: int | None) -> int | None:
    return _rating("mission", value)


def _openness(value: int | None) -> int | None:
    return _rating("openness", value)


def _power(value: int | None) -> int | None:
    return _rating("power", value)


def _involvement(value: int | None) -> int | None:
    return _rating("involvement", value)


def _resources(value: int | None) -> int | None:
    return _rating("resources", value)


def _frequency(
    value: ContactFrequency | ContactFrequencyName | None,
) -> ContactFrequency | None:
    return None if value is None else _checks.member_of(ContactFrequency, "frequency", value)


@attrs.frozen(kw_only=True)
class RelationalAnswer:
    """What a respondent says about one other organisation, ``about``: a rating from 1
    to 4 (:data:`psp.RATING_SCALE`) on each :class:`RelationalDimension` it answered
    (``None``: not answered), and how often they work together (``None``: not
    answered). An answer whose ``frequency`` is ``never`` reports no tie.

    >>> a = RelationalAnswer(about="b", reliability=4, mission=3, frequency="about-monthly")
    >>> a.trust, a.value, a.ratings()
    (Fraction(7, 2), None, {'reliability': 4, 'mission': 3})
    """

    about: str = attrs.field(converter=_about)
    reliability: int | None = attrs.field(default=None, converter=_reliability)
    mission: int | None = attrs.field(default=None, converter=_mission)
    openness: int | None = attrs.field(default=None, converter=_openness)
    power: int | None = attrs.field(default=None, converter=_power)
    involvement: int | None = attrs.field(default=None, converter=_involvement)
    resources: int | None = attrs.field(default=None, converter=_resources)
    frequency: ContactFrequency | None = attrs.field(default=None, converter=_frequency)

    def rating(self, dimension: RelationalDimension | RelationalDimensionName) -> int | None:
        """The rating given on ``dimension`` (``None``: not answered)."""
        found: int | None = getattr(
            self, _checks.member_of(RelationalDimension, "dimension", dimension).value
        )
        return found

    def ratings(self) -> dict[str, int]:
        """The ratings given, by dimension value, in the order of
        :class:`RelationalDimension`."""
        return {d.value: r for d in RelationalDimension if (r := self.rating(d)) is not None}

    @property
    def ties(self) -> bool:
        """Whether the answer reports a tie: any answer but one of no contact."""
        return self.frequency is not ContactFrequency.NEVER

    @property
    def trust(self) -> Fraction | None:
        """The mean of the trust ratings given (``None``: none given), exact."""
        return _mean(self.rating(d) for d in TRUST_DIMENSIONS)

    @property
    def value(self) -> Fraction | None:
        """The mean of the value ratings given (``None``: none given), exact."""
        return _mean(self.rating(d) for d in VALUE_DIMENSIONS)


def _mean(values: Iterable[Fraction | int | None]) -> Fraction | None:
    """The exact mean of the values given (``None`` left out; ``None`` if none is)."""
    from fractions import Fraction  # on first use: ``import psp`` does not pay for it

    given = [v for v in values if v is not None]
    return Fraction(sum(given), len(given)) if given else None
