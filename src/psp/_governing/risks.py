"""The risk register (risks and issues, rated, reviewed and closed) and the differences
between partners, resolved or not (3.30; issue 18, item 4)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Literal, TypeAlias

import attrs

from psp._base import checks as _checks

__all__ = ["Difference", "Rating", "Risk", "RiskKind", "RiskKindName", "RiskReview"]


class RiskKind(enum.StrEnum):
    """A risk may happen; an issue is happening (the Low Moss case study's "key
    challenges" were issues the partners had to "address and overcome")."""

    RISK = "risk"
    ISSUE = "issue"


#: The values of :class:`RiskKind`, for text that names a risk kind.
RiskKindName: TypeAlias = Literal["risk", "issue"]


def _likelihood(value: int) -> int:
    return _checks.whole("likelihood", value, 1, 5)


def _impact(value: int) -> int:
    return _checks.whole("impact", value, 1, 5)


@attrs.frozen
class Rating:
    """A rating on the five-point scales of a risk register's 5 x 5 matrix.

    ``likelihood``: 1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain.
    ``impact``: 1 negligible, 2 minor, 3 moderate, 4 major, 5 severe. ``score`` is
    their product, 1 to 25. psp sets no red, amber and green bands: programmes draw
    them differently, and a band is read from the score.

    >>> Rating(likelihood=4, impact=3).score
    12
    """

    likelihood: int = attrs.field(converter=_likelihood)
    impact: int = attrs.field(converter=_impact)

    @property
    def score(self) -> int:
        """Likelihood times impact, 1 to 25."""
        return self.likelihood * self.impact


@attrs.frozen
class RiskReview:
    """One review of a risk or issue: on ``on``, a new ``rating``, a new ``owner``
    (an organisation's id), a ``mitigation`` (an action taken or agreed), each ``None``
    when the review did not change it, and a ``note``."""

    on: date
    rating: Rating | None = None
    owner: str | None = None
    mitigation: str | None = None
    note: str = ""


@attrs.frozen
class Risk:
    """A risk or an issue in the register, as its history leaves it.

    ``raised_by`` and ``owner`` are organisations' ids (``None``: not recorded; the
    owner is the current one). ``ratings`` are every rating with its date, oldest
    first, the one given when raised included; ``reviews`` every review. A closed one
    has ``closed_on`` and ``closed_because``.
    """

    id: str
    description: str
    kind: RiskKind
    raised_on: date
    raised_by: str | None = None
    owner: str | None = None
    ratings: tuple[tuple[date, Rating], ...] = ()
    reviews: tuple[RiskReview, ...] = ()
    closed_on: date | None = None
    closed_because: str = ""

    @property
    def rating(self) -> Rating | None:
        """The latest rating, or ``None`` if it was never rated."""
        return self.ratings[-1][1] if self.ratings else None

    @property
    def mitigations(self) -> tuple[tuple[date, str], ...]:
        """Each mitigation recorded, with the date of its review, oldest first."""
        return tuple((r.on, r.mitigation) for r in self.reviews if r.mitigation is not None)

    def is_open(self, on: date) -> bool:
        """Whether it was open on ``on``: raised by then and not yet closed."""
        return self.raised_on <= on and (self.closed_on is None or on < self.closed_on)

    def days_open(self, on: date) -> int:
        """How many days it had been open on ``on`` (up to its closing, if it closed
        before); 0 before it was raised."""
        end = on if self.closed_on is None else min(on, self.closed_on)
        return max((end - self.raised_on).days, 0)


@attrs.frozen
class Difference:
    """A difference of view between partners (3.30): the ``parties`` (organisations'
    ids), its ``subject``, when it was recorded and, if it was resolved, when and
    ``how``. One never resolved is left unresolved: 3.30's lead "hoped that the issues
    would be resolved if their bid was successful"."""

    id: str
    subject: str
    parties: frozenset[str]
    raised_on: date
    resolved_on: date | None = None
    how: str = ""

    def is_open(self, on: date) -> bool:
        """Whether it stood unresolved on ``on``."""
        return self.raised_on <= on and (self.resolved_on is None or on < self.resolved_on)
