"""Exact shares and their one rounding rule: :class:`Share`, a count (or an amount of
pounds) of a total, which the survey's tallies and the budgets' categories both give.

A share is exact (:class:`fractions.Fraction`) and comes with its numbers; its whole
percentage is rounded half up from the exact value, each share on its own, so the
percentages of several shares need not sum to 100 while their counts always sum to
the total.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = ["Share"]


def _share_count(value: int) -> int:
    return _checks.whole("count", value, 0, _checks.MAX_AMOUNT)


def _share_total(value: int) -> int:
    return _checks.whole("total", value, 1, _checks.MAX_AMOUNT)


@attrs.frozen
class Share:
    """``count`` of ``total``: an exact share, with its counts (people, answers, or
    whole pounds of a budget; each up to 1,000,000,000,000).

    :attr:`percent` is the whole percentage rounded half up from the exact share
    (87.5% is 88%, 49.55% is 50%), never adjusted so that several shares sum to 100.

    >>> s = Share(49, 56)
    >>> s.fraction, s.percent, str(s)
    (Fraction(7, 8), 88, '88% (49 of 56)')
    """

    count: int = attrs.field(converter=_share_count)
    total: int = attrs.field(converter=_share_total)

    def __attrs_post_init__(self) -> None:
        if self.count > self.total:
            raise InvalidValueError(
                "count",
                self.count,
                f"must not be more than the total ({self.total})",
                code="out-of-range",
            )

    @property
    def fraction(self) -> Fraction:
        """The exact share, from 0 to 1."""
        from fractions import Fraction  # on first use: ``import psp`` does not pay for it

        return Fraction(self.count, self.total)

    @property
    def percent(self) -> int:
        """The share as a whole percentage, rounded half up from the exact value."""
        # floor(100 * count / total + 1/2), in integers: no float ever rounds it.
        return (200 * self.count + self.total) // (2 * self.total)

    def __str__(self) -> str:
        return f"{self.percent}% ({self.count} of {self.total})"
