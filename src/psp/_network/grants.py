"""A funder's officer's questions across a portfolio: what is due in a period, what is
late on a date, and how much of each award has been paid.

Each function takes a portfolio (or one partnership, a portfolio of one) and gathers the
rows each partnership's own queries give (:meth:`psp.Partnership.obligations_due`,
:meth:`psp.Partnership.obligations_late`, :meth:`psp.Partnership.paid_of_awarded`).
"""

from __future__ import annotations

from datetime import date

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._aggregate.subjects import partnerships_of
from psp._base import checks as _checks
from psp._base.period import Period, a_period
from psp._commissioning.payments import ObligationRow, PaidRow

__all__ = ["grants_due", "grants_late", "grants_paid"]


def _by_due(rows: list[ObligationRow]) -> list[ObligationRow]:
    return sorted(rows, key=lambda row: row["due"])


def grants_due(
    obj: Partnership | Portfolio, period: Period, *, on: date | None = None
) -> list[ObligationRow]:
    """What is due in ``period`` across a portfolio and not done by ``on``: payments
    planned and not yet met, reports not yet received.

    Parameters
    ----------
    obj : Partnership or Portfolio
        A partnership is treated as a portfolio of one.
    period : Period
        The due dates asked about (a month, a quarter), half-open as every
        :class:`psp.Period`.
    on : date, optional
        The day the question is asked (``None``: each partnership's last event).

    Returns
    -------
    list of ObligationRow
        By due date; on the same day, in portfolio order.

    Examples
    --------
    >>> from datetime import date
    >>> from psp import Bid, Partner, Partnership, Period
    >>> p = (
    ...     Partnership("p", "P")
    ...     .add_organisation(Partner("trust", "A trust", "third"), on=date(2013, 4, 1))
    ...     .draft_bid(Bid(id="b", funder="trust", purpose="pilot", drafted_on=date(2013, 4, 1)))
    ...     .submit_bid("b", on=date(2013, 4, 1))
    ...     .decide_bid("b", on=date(2013, 5, 1), awarded=True, amount=10_000)
    ...     .plan_payment("b-1", "b", 6_000, due=date(2013, 6, 1), on=date(2013, 5, 1))
    ... )
    >>> june = Period(date(2013, 6, 1), date(2013, 7, 1))
    >>> [(r["id"], r["outstanding"], r["status"]) for r in grants_due(p, june)]
    [('b-1', 6000, 'open')]
    """
    within = a_period("period", period)
    day = None if on is None else _checks.a_date("on", on)
    return _by_due(
        [r for p in partnerships_of("obj", obj) for r in p.obligations_due(within, on=day)]
    )


def grants_late(obj: Partnership | Portfolio, on: date) -> list[ObligationRow]:
    """What is late across a portfolio on ``on``: each obligation not done by its due
    date, still outstanding (``overdue``) or done after it (``late``), by due date; on
    the same day, in portfolio order."""
    day = _checks.a_date("on", on)
    return _by_due([r for p in partnerships_of("obj", obj) for r in p.obligations_late(day)])


def grants_paid(obj: Partnership | Portfolio, *, on: date | None = None) -> list[PaidRow]:
    """How much of each awarded bid across a portfolio has been planned and paid by
    ``on`` (``None``: now): the partnerships' :class:`psp.PaidRow` rows, in portfolio
    order."""
    day = None if on is None else _checks.a_date("on", on)
    return [r for p in partnerships_of("obj", obj) for r in p.paid_of_awarded(day)]
