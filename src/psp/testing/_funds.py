"""Funds and streams in use: the step of a history that records a fund (its funders,
their shares, its streams) and makes a bid to one of its streams, which may be for
another purpose or out of the stream's dates, so that the stream rules are reached."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._base.errors import PSPError
from psp._commissioning.funding import Bid, Fund, FunderShare, FundingPurpose, Stream
from psp._partners.organisation import Partner
from psp.testing._partners import _known

_POUNDS = st.none() | st.integers(0, 10**6)
_SHIFTS = st.none() | st.integers(-30, 30)


def _day(draw: st.DrawFn, day: date) -> date | None:
    shift = draw(_SHIFTS)
    return None if shift is None else day + timedelta(days=shift)


@st.composite
def _fund(draw: st.DrawFn, fund_id: str, funders: list[str], day: date) -> Fund:
    chosen = draw(st.lists(st.sampled_from(funders), min_size=1, max_size=3, unique=True))
    purposes = draw(st.lists(st.sampled_from(FundingPurpose), min_size=1, max_size=2, unique=True))
    streams = []
    for k, purpose in enumerate(purposes):
        opens, deadline = _day(draw, day), _day(draw, day)
        if opens is not None and deadline is not None and deadline < opens:
            opens, deadline = deadline, opens
        amount = draw(_POUNDS)
        streams.append(
            Stream(
                f"s{k + 1}", purpose.value, purpose, opens=opens, deadline=deadline, amount=amount
            )
        )
    return Fund(
        fund_id,
        f"Fund {fund_id}",
        funders=chosen,
        shares=[FunderShare(f, draw(_POUNDS)) for f in chosen if draw(st.booleans())],
        streams=streams,
    )


def _fund_step(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """A fund recorded (one time in three, or when there is none), then a bid to one of a
    recorded fund's streams drafted and submitted (refused when its purpose is not the
    stream's), and perhaps decided."""
    funders = _known(p)
    if not funders:
        return p
    if not p.funds() or not draw(st.integers(0, 2)):
        p = p.record_fund(draw(_fund(f"fund-{len(p.funds()) + 1}", funders, day)), on=day)
    fund = draw(st.sampled_from(p.funds()))
    stream = draw(st.sampled_from(fund.streams))
    bid = Bid(
        id=f"bid-{len(p.bids()) + 1}",
        funder=draw(st.sampled_from(sorted(fund.funders))),
        purpose=draw(st.sampled_from([stream.purpose, *FundingPurpose])),
        drafted_on=day,
        amount_asked=draw(_POUNDS),
        fund=fund.id,
        stream=stream.id,
    )
    p = p.draft_bid(bid)
    with contextlib.suppress(PSPError):  # a breach of the stream rules leaves a draft
        p = p.submit_bid(bid.id, on=day)
        if draw(st.booleans()):
            asked = bid.amount_asked
            amount = None if asked == 0 else draw(st.none() | st.integers(1, asked or 10**6))
            p = p.decide_bid(bid.id, on=day, awarded=True, amount=amount)
    return p
