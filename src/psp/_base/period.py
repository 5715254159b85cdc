"""Half-open date periods: the time a membership, seat or representation lasts."""

from __future__ import annotations

from datetime import date

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError

__all__ = ["Period"]


@attrs.frozen
class Period:
    """The days from ``start`` (included) up to ``end`` (excluded); ``end=None`` is open.

    Half-open periods abut without overlapping: a member whose roles change on
    1 May 2012 has one period ending on that day and the next starting on it.

    >>> from datetime import date
    >>> p = Period(date(2012, 4, 1), date(2012, 11, 1))
    >>> p.contains(date(2012, 4, 1)), p.contains(date(2012, 11, 1))
    (True, False)
    """

    start: date
    end: date | None = None

    def __attrs_post_init__(self) -> None:
        # One check for both fields (a period is made for every membership, seat,
        # representative and link); a_date takes a plain date first.
        start = _checks.a_date("start", self.start)
        if self.end is None:
            return
        end = _checks.a_date("end", self.end)
        if end <= start:
            raise InvalidValueError(
                "end",
                end.isoformat(),
                f"must be after the start ({start.isoformat()}); "
                "a period includes its start and excludes its end",
                code="end-before-start",
            )

    @property
    def is_open(self) -> bool:
        """Whether the period has no end yet."""
        return self.end is None

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls inside the period."""
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return (other.end is None or self.start < other.end) and (
            self.end is None or other.start < self.end
        )

    def ended(self, on: date) -> Period:
        """This period closed on ``on`` (which must be after its start)."""
        return Period(self.start, on)

    def __str__(self) -> str:
        end = "open" if self.end is None else self.end.isoformat()
        return f"{self.start.isoformat()} to {end}"


def a_period(field: str, value: object) -> Period:
    """Return ``value`` if it is a :class:`Period`, else refuse it naming ``field``."""
    if not isinstance(value, Period):
        raise InvalidValueError(field, value, "must be a psp.Period", code="wrong-type")
    return value
