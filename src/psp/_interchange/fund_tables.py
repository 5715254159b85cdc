"""The builders of the tables of funds and streams in use (issue 17, item 1; private):
the funds a partnership recorded, what each funder put in, their streams, and the
awarded bids that name them. Each takes one partnership and ``on`` and yields rows;
``_interchange/tables.py`` lists them in ``_BUILDERS``. A set of ids is sorted and joined
by spaces, an enum written as its value."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from psp._aggregate.partnership import Partnership
from psp._commissioning.funding import BidStatus
from psp._interchange.money_rows import FundAwardRow, FunderShareRow, FundRow, StreamRow

__all__ = ["fund_awards", "fund_shares", "funds", "streams"]


def funds(p: Partnership, on: date | None) -> Iterator[FundRow]:
    for f in p.funds():
        yield FundRow(
            partnership=p.id,
            id=f.id,
            name=f.name,
            recorded_on=p.fund_recorded_on(f.id),
            funders=" ".join(sorted(f.funders)),
            decided_by=f.decided_by,
            amount=f.amount,
            streams=len(f.streams),
        )


def fund_shares(p: Partnership, on: date | None) -> Iterator[FunderShareRow]:
    for f in p.funds():
        for s in f.shares:
            yield FunderShareRow(partnership=p.id, fund=f.id, funder=s.funder, amount=s.amount)


def streams(p: Partnership, on: date | None) -> Iterator[StreamRow]:
    for f in p.funds():
        for s in f.streams:
            yield StreamRow(
                partnership=p.id,
                fund=f.id,
                id=s.id,
                name=s.name,
                purpose=s.purpose.value,
                opens=s.opens,
                deadline=s.deadline,
                amount=s.amount,
            )


def fund_awards(p: Partnership, on: date | None) -> Iterator[FundAwardRow]:
    recorded = {f.id for f in p.funds()}
    for b in p.bids():
        if b.status is BidStatus.AWARDED and b.fund in recorded:
            yield FundAwardRow(
                partnership=p.id,
                bid=b.id,
                fund=b.fund,
                stream=b.stream,
                funder=b.funder,
                decided_on=b.decided_on,
                amount_awarded=b.amount_awarded,
            )
