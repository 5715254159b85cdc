"""What each fund and stream has awarded, to whom, and what remains (issue 17, item 1).

A grants officer's question of a portfolio: for each fund its partnerships recorded (or
the caller gives), and for each of its streams, the awarded bids that name it, with
their amounts; the awards whose amount is not recorded are listed apart, as
:class:`psp.FundingMix` lists them, since an award without an amount is still money
spent. What remains is what is available less what was awarded, known only when both
are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._aggregate.subjects import partnerships_of
from psp._base.errors import InvalidValueError
from psp._commissioning.funding import Bid, BidStatus, Fund

__all__ = ["AwardedBid", "FundAwardsRow", "fund_awards"]


class AwardedBid(TypedDict):
    """One awarded bid of a :class:`psp.FundAwardsRow`: the ``partnership`` that made it,
    the ``bid``'s id, its ``funder`` and the ``amount`` awarded (whole pounds; ``None``
    in the row's ``unknown``: the award records no amount)."""

    partnership: str
    bid: str
    funder: str
    amount: int | None


class FundAwardsRow(TypedDict):
    """One row of :func:`psp.fund_awards`: a fund as a whole (``stream`` ``None``) or
    one of its streams.

    ``available`` is the fund's amount (:attr:`psp.Fund.amount`) or the stream's
    (``None``: not known); ``awarded`` the sum of the known amounts of its awards, each
    in ``awards``; ``unknown`` the awards with no amount recorded; ``remaining`` is
    ``available - awarded`` when ``available`` is known and every award's amount is
    (``None`` otherwise; below zero when more was awarded than was available).
    """

    fund: str
    stream: str | None
    available: int | None
    awarded: int
    awards: tuple[AwardedBid, ...]
    unknown: tuple[AwardedBid, ...]
    remaining: int | None


def _funds(partnerships: tuple[Partnership, ...], given: Iterable[Fund]) -> dict[str, Fund]:
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        raise InvalidValueError(
            "funds", given, "must be a collection of funds", code="not-a-collection"
        )
    found: dict[str, Fund] = {}
    recorded = [f for p in partnerships for f in p.funds()]
    for i, fund in enumerate(given):
        if not isinstance(fund, Fund):
            raise InvalidValueError(f"funds[{i}]", fund, "must be a Fund", code="wrong-type")
        recorded.append(fund)
    for fund in recorded:
        if found.setdefault(fund.id, fund) != fund:
            raise InvalidValueError(
                "funds",
                fund.id,
                "is recorded differently by two partnerships (or given differently); "
                "a fund's record must agree",
                code="conflicting-fields",
            )
    return found


def _row(
    fund: Fund, stream: str | None, available: int | None, bids: list[tuple[str, Bid]]
) -> FundAwardsRow:
    awards = [
        AwardedBid(partnership=pid, bid=b.id, funder=b.funder, amount=b.amount_awarded)
        for pid, b in bids
        if stream is None or b.stream == stream
    ]
    known = tuple(a for a in awards if a["amount"] is not None)
    unknown = tuple(a for a in awards if a["amount"] is None)
    awarded = sum(a["amount"] or 0 for a in known)
    whole = available is not None and not unknown
    return FundAwardsRow(
        fund=fund.id,
        stream=stream,
        available=available,
        awarded=awarded,
        awards=known,
        unknown=unknown,
        remaining=available - awarded if whole and available is not None else None,
    )


def fund_awards(
    subject: Partnership | Portfolio, *, funds: Iterable[Fund] = ()
) -> list[FundAwardsRow]:
    """What each fund and stream has awarded, to whom, and what remains: for each fund
    the partnerships recorded (:meth:`psp.Partnership.record_fund`) or ``funds`` gives,
    in the order first met, a row for the fund as a whole, then one per stream.

    Every awarded bid of every partnership that names the fund counts, in portfolio
    order, then in the order drafted. A fund recorded by two partnerships (or given)
    must be recorded the same way.

    >>> from datetime import date
    >>> from psp import Bid, Fund, FunderShare, Partner, Partnership, Stream
    >>> fund = Fund(
    ...     "f", "F", funders={"sg"}, shares=[FunderShare("sg", 100_000)],
    ...     streams=[Stream("dev", "Development", "development", amount=40_000)],
    ... )
    >>> p = Partnership("p", "P").add_organisation(
    ...     Partner("sg", "SG", "public", public_body_kind="government"), on=date(2012, 8, 1))
    >>> p = p.record_fund(fund, on=date(2012, 8, 1)).draft_bid(
    ...     Bid(id="b", funder="sg", purpose="development", drafted_on=date(2012, 9, 1),
    ...         fund="f", stream="dev"))
    >>> p = p.submit_bid("b", on=date(2012, 9, 1)).decide_bid(
    ...     "b", on=date(2012, 10, 1), awarded=True, amount=30_000)
    >>> [(r["stream"], r["available"], r["awarded"], r["remaining"]) for r in fund_awards(p)]
    [(None, 100000, 30000, 70000), ('dev', 40000, 30000, 10000)]
    """
    partnerships = partnerships_of("subject", subject)
    rows: list[FundAwardsRow] = []
    for fund in _funds(partnerships, funds).values():
        bids = [
            (p.id, b)
            for p in partnerships
            for b in p.bids()
            if b.fund == fund.id and b.status is BidStatus.AWARDED
        ]
        rows.append(_row(fund, None, fund.amount, bids))
        rows.extend(_row(fund, s.id, s.amount, bids) for s in fund.streams)
    return rows
