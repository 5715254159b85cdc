"""Competing bids across a portfolio: bids to one fund and stream compete, and some
organisations sit in several of them (3.40-3.42)."""

from __future__ import annotations

from datetime import date

import psp
from psp import Bid, Partner, Partnership, Portfolio

D = date(2012, 10, 1)
CJA = Partner("cja", "Glasgow CJA", "public", public_body_kind="cja")
SACRO = Partner("sacro", "Sacro", "third", reach="national")
SG = Partner("sg", "Scottish Government", "public", public_body_kind="government")


def bidder(
    pid: str, lead: str, *, stream: str = "y23", members: tuple[Partner, ...] = ()
) -> Partnership:
    p = Partnership(pid, pid.upper()).join(
        Partner(lead, lead.title(), "third"), roles={"lead"}, on=D
    )
    for m in members:
        p = p.join(m, roles={"strategic"} if m is CJA else {"provider"}, on=D)
    p = p.add_organisation(SG, on=D)
    return p.draft_bid(
        Bid(
            id=f"{pid}-bid",
            funder="sg",
            purpose="delivery",
            drafted_on=D,
            fund="rrcf",
            stream=stream,
        )
    )


def portfolio() -> Portfolio:
    return Portfolio(
        "rrcf",
        "RRCF",
        [
            bidder("a", "la", members=(CJA, SACRO)),
            bidder("b", "lb", members=(CJA,)),
            bidder("c", "lc", members=(SACRO,), stream="y1"),
        ],
    )


def test_bids_to_one_fund_and_stream_compete() -> None:
    assert portfolio().competing_bids() == [
        {"fund": "rrcf", "stream": "y23", "bids": (("a", "a-bid"), ("b", "b-bid"))}
    ]


def test_organisations_in_several_competing_bids_and_their_roles() -> None:
    rows = portfolio().in_competing_bids()
    assert [(r["organisation"], r["partnership"], r["bid"], r["roles"]) for r in rows] == [
        ("cja", "a", "a-bid", ("strategic",)),
        ("cja", "b", "b-bid", ("strategic",)),
    ]  # Sacro bids in two streams, so its bids do not compete


def test_a_withdrawn_bid_no_longer_competes() -> None:
    fund = portfolio()
    b = fund.partnership("b").withdraw_bid("b-bid", on=D)
    fund = Portfolio("rrcf", "RRCF", [fund.partnership("a"), b, fund.partnership("c")])
    assert fund.competing_bids() == []
    assert fund.in_competing_bids() == []


def test_bids_of_one_partnership_alone_do_not_compete() -> None:
    a = bidder("a", "la").draft_bid(
        Bid(id="a-2", funder="sg", purpose="delivery", drafted_on=D, fund="rrcf", stream="y23")
    )
    assert Portfolio("f", "F", [a]).competing_bids() == []
    assert psp.from_data(psp.to_data(Portfolio("f", "F", [a])), Portfolio).competing_bids() == []
