"""Published percentages back to counts: which counts could have given a published row.

An evaluation publishes, for each statement, whole percentages (one per answer
category) and N, not the counts. :func:`counts_from_percentages` finds every tuple of
whole counts summing to N whose shares round to exactly those percentages, under the
rounding rule the table used: usually one tuple, sometimes several (50% and 50% of 111
are 55 and 56, or 56 and 55), and none when the row is a misprint.

Exact integer arithmetic throughout: for one percentage ``p`` the counts ``c`` of ``n``
that round to it form an interval, derived from the rule's inequality multiplied out
(half up: ``(2p - 1) n <= 200 c < (2p + 1) n``); the tuples are then enumerated with
each category's interval narrowed to what the others leave, so every branch tried
ends in a tuple and the work is proportional to the tuples returned.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Final, Literal

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError

__all__ = [
    "MAX_CATEGORIES",
    "MAX_RESPONDENTS",
    "PublishedRow",
    "counts_from_percentages",
]

#: The most answer categories a published row may have.
MAX_CATEGORIES: Final = 12
#: The largest N a published row may have.
MAX_RESPONDENTS: Final = 10**6
#: The most tuples of counts :func:`counts_from_percentages` returns (its ``limit``).
_MAX_LIMIT: Final = 10_000


class _Rounding(enum.StrEnum):
    HALF_UP = "half-up"
    HALF_EVEN = "half-even"
    FLOOR = "floor"


def _interval(p: int, n: int, rounding: _Rounding) -> tuple[int, int]:
    """The least and most counts of ``n`` whose share rounds to ``p`` percent (the
    least may exceed the most: no count does), within 0 to ``n``."""
    if rounding is _Rounding.FLOOR:
        # floor(100 c / n) = p  <=>  p n <= 100 c < (p + 1) n
        lo, hi = -(-p * n // 100), ((p + 1) * n - 1) // 100
    elif rounding is _Rounding.HALF_UP or p % 2:
        # Half up, or half to even with p odd (a half next to an odd p goes to its even
        # neighbour): (2p - 1) n <= 200 c < (2p + 1) n for half up; both ends open for
        # half-even with p odd.
        below = (2 * p - 1) * n
        lo = -(-below // 200) if rounding is _Rounding.HALF_UP else below // 200 + 1
        hi = ((2 * p + 1) * n - 1) // 200
    else:
        # Half to even, p even: both halves come to p, (2p - 1) n <= 200 c <= (2p + 1) n.
        lo, hi = -(-(2 * p - 1) * n // 200), (2 * p + 1) * n // 200
    return max(lo, 0), min(hi, n)


def _percentages(value: object) -> tuple[int, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise InvalidValueError(
            "percentages",
            value,
            "must be a sequence (a list or tuple) of whole percentages, one per answer "
            "category, in order",
            code="not-a-collection",
        )
    if not value:
        raise InvalidValueError(
            "percentages", value, "must hold at least one percentage", code="empty"
        )
    if len(value) > MAX_CATEGORIES:
        raise InvalidValueError(
            "percentages",
            value,
            f"must hold at most {MAX_CATEGORIES} percentages, one per answer category",
            code="too-many-items",
        )
    return tuple(_checks.whole(f"percentages[{i}]", p, 0, 100) for i, p in enumerate(value))


def _rounding(value: str) -> _Rounding:
    try:
        return _Rounding(value)
    except (ValueError, TypeError):
        allowed = ", ".join(r.value for r in _Rounding)
        raise InvalidValueError(
            "rounding",
            value,
            f"is not a rounding rule; expected one of: {allowed}",
            code="unknown-choice",
        ) from None


@attrs.frozen
class PublishedRow:
    """A published row of whole percentages and its N, with every tuple of counts
    consistent with it under ``rounding`` (what :func:`counts_from_percentages` gives).

    ``counts`` are the consistent tuples, in ascending order (at most the ``limit``
    asked for; ``more`` is true when there are others); ``ranges`` gives, per
    category, the least and the most count over *all* consistent tuples, returned or
    not (empty when there are none).

    >>> row = counts_from_percentages([50, 50], 111)
    >>> row.counts, row.verdict
    (((55, 56), (56, 55)), 'sums-to-100')
    """

    percentages: tuple[int, ...]
    n: int
    rounding: str
    counts: tuple[tuple[int, ...], ...]
    ranges: tuple[tuple[int, int], ...]
    more: bool = False

    @property
    def total(self) -> int:
        """The sum of the published percentages."""
        return sum(self.percentages)

    @property
    def sums_to_100(self) -> bool:
        """Whether the published percentages sum to 100."""
        return self.total == 100

    @property
    def consistent(self) -> bool:
        """Whether some counts of N round to exactly these percentages."""
        return bool(self.counts)

    @property
    def unique(self) -> bool:
        """Whether exactly one tuple of counts does."""
        return len(self.counts) == 1 and not self.more

    @property
    def verdict(self) -> Literal["sums-to-100", "rounding", "misprint"]:
        """``"misprint"`` when no counts of N give the row (a misprint, or another
        rounding rule or N than the one assumed); ``"rounding"`` when counts do but
        the percentages do not sum to 100 (each was rounded on its own);
        ``"sums-to-100"`` otherwise."""
        if not self.counts:
            return "misprint"
        return "sums-to-100" if self.sums_to_100 else "rounding"

    @property
    def explanation(self) -> str:
        """The verdict in a sentence."""
        shown = "/".join(str(p) for p in self.percentages)
        if not self.counts:
            return (
                f"{shown} of {self.n}: no counts of {self.n} round ({self.rounding}) to these "
                f"percentages, so the row is a misprint (or has another N or rounding rule)"
            )
        how_many = (
            f"more than {len(self.counts)} sets of counts"
            if self.more
            else ("one set of counts" if self.unique else f"{len(self.counts)} sets of counts")
        )
        if self.sums_to_100:
            return f"{shown} of {self.n}: sums to 100; {how_many}"
        return (
            f"{shown} of {self.n}: sums to {self.total}, which rounding ({self.rounding}, "
            f"each share on its own) explains; {how_many}"
        )


def _tuples(
    intervals: Sequence[tuple[int, int]], n: int, least: Sequence[int], most: Sequence[int]
) -> Iterator[tuple[int, ...]]:
    """Every tuple within ``intervals`` summing to ``n``, in ascending order; ``least``
    and ``most`` are the sums of the intervals' ends from each index on."""
    last = len(intervals) - 1
    chosen: list[int] = []

    def extend(i: int, left: int) -> Iterator[tuple[int, ...]]:
        lo, hi = intervals[i]
        # What the later categories can take bounds this one: every value kept here ends
        # in at least one tuple, since each interval is whole (contiguous).
        first, stop = max(lo, left - most[i + 1]), min(hi, left - least[i + 1])
        for c in range(first, stop + 1):
            chosen.append(c)
            if i == last:
                yield tuple(chosen)
            else:
                yield from extend(i + 1, left - c)
            chosen.pop()

    yield from extend(0, n)


def counts_from_percentages(
    percentages: Sequence[int],
    n: int,
    *,
    rounding: Literal["half-up", "half-even", "floor"] = "half-up",
    limit: int = 100,
) -> PublishedRow:
    """Every tuple of whole counts summing to ``n`` whose shares round to exactly the
    published ``percentages``.

    ``percentages`` are one published row's whole percentages, one per answer
    category, in order (at most :data:`MAX_CATEGORIES`); ``n`` how many answered (1 to
    :data:`MAX_RESPONDENTS`). ``rounding`` is the table's rule: ``"half-up"`` (psp's own,
    :attr:`psp.Share.percent`), ``"half-even"`` (a half goes to the even neighbour) or
    ``"floor"`` (truncated). Each share is rounded on its own, never adjusted to make
    the row sum to 100. At most ``limit`` tuples are returned (1 to 10,000), the
    first in ascending order; :attr:`PublishedRow.more` says whether there are others,
    and :attr:`PublishedRow.ranges` bounds every category over all of them.

    A row no counts give is not refused: its :attr:`PublishedRow.verdict` is
    ``"misprint"``. Malformed input is refused with :class:`psp.InvalidValueError`.

    >>> row = counts_from_percentages([84, 16], 56)
    >>> row.counts, row.unique
    (((47, 9),), True)
    """
    shown = _percentages(percentages)
    total = _checks.whole("n", n, 1, MAX_RESPONDENTS)
    rule = _rounding(rounding)
    most_asked = _checks.whole("limit", limit, 1, _MAX_LIMIT)
    intervals = [_interval(p, total, rule) for p in shown]
    # least[i] and most[i]: the sums of the lower and upper ends from category i on.
    least = [sum(lo for lo, _ in intervals[i:]) for i in range(len(intervals) + 1)]
    most = [sum(hi for _, hi in intervals[i:]) for i in range(len(intervals) + 1)]
    found: tuple[tuple[int, ...], ...] = ()
    ranges: tuple[tuple[int, int], ...] = ()
    if all(lo <= hi for lo, hi in intervals) and least[0] <= total <= most[0]:
        found = tuple(itertools.islice(_tuples(intervals, total, least, most), most_asked + 1))
        ranges = tuple(
            (max(lo, total - (most[0] - hi)), min(hi, total - (least[0] - lo)))
            for lo, hi in intervals
        )
    return PublishedRow(
        shown,
        total,
        rule.value,
        found[:most_asked],
        ranges,
        more=len(found) > most_asked,
    )
