"""How a set of organisations divides between the sectors."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from psp._partners.organisation import Partner, Sector, SectorName

__all__ = ["SectorBalance"]


@attrs.frozen
class SectorBalance:
    """How many organisations there are in each sector, and their shares of the total.

    >>> from psp import Partner, Sector
    >>> b = SectorBalance.of([Partner("a", "A", Sector.THIRD),
    ...                       Partner("b", "B", Sector.PUBLIC, public_body_kind="cja")])
    >>> b.third, b.share(Sector.PUBLIC)
    (1, 0.5)
    """

    public: int = 0
    third: int = 0
    private: int = 0

    @classmethod
    def of(cls, partners: Iterable[Partner]) -> SectorBalance:
        """The balance of ``partners``, each counted once per occurrence."""
        counts = dict.fromkeys(Sector, 0)
        for p in partners:
            counts[p.sector] += 1
        return cls(counts[Sector.PUBLIC], counts[Sector.THIRD], counts[Sector.PRIVATE])

    @property
    def total(self) -> int:
        """How many organisations were counted."""
        return self.public + self.third + self.private

    def count(self, sector: Sector | SectorName) -> int:
        """How many organisations are in ``sector``."""
        return int(getattr(self, Sector(sector).name.lower()))

    def share(self, sector: Sector | SectorName) -> float:
        """The fraction (0 to 1) of organisations in ``sector``; 0.0 when none were counted."""
        total = self.total
        return self.count(sector) / total if total else 0.0
