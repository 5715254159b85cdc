"""Funding and commissioning: the ``bids`` and ``commitments`` strategies, and the steps
of a history that draft, endorse, decide and withdraw bids, seek and settle sustainability
commitments, record results and run tenders, with the fixes for a lifecycle step's
funding, measure, commitment and tender guards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs
from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._commissioning.commitments import (
    CommitmentStatus,
    ExternalCondition,
    Measure,
    SustainabilityCommitment,
)
from psp._commissioning.funding import Bid, BidStatus, FundingPurpose
from psp._commissioning.tender import Tender, TenderStatus
from psp._partners.organisation import Partner, Sector
from psp.testing._partners import _known
from psp.testing._values import _AREAS, _NAMES, _REASONS, _Step

_PURPOSES = st.sampled_from(FundingPurpose)
_AMOUNTS = st.none() | st.integers(0, 10**6)
_RESULTS = st.floats(0, 100, allow_nan=False)


@st.composite
def _bid(
    draw: st.DrawFn,
    bid_id: str,
    funder: str,
    drafted_on: date,
    purpose: FundingPurpose | None = None,
) -> Bid:
    return Bid(
        id=bid_id,
        funder=funder,
        purpose=draw(_PURPOSES) if purpose is None else purpose,
        drafted_on=drafted_on,
        amount_asked=draw(_AMOUNTS),
        fund=draw(st.none() | st.just("rrcf")),
        stream=draw(st.none() | st.sampled_from(["year-1", "year-2-3"])),
        areas=draw(st.frozensets(st.sampled_from(_AREAS), max_size=2)),
    )


def bids(funder: str = "funder", drafted_on: date = date(2012, 9, 1)) -> st.SearchStrategy[Bid]:
    """Draft bids to ``funder``."""
    return _bid("bid", funder, drafted_on)


_MEASURE = st.builds(
    Measure,
    st.sampled_from(["reoffending", "employment", "housing"]),
    st.floats(0, 100),
    st.floats(0, 100),
    st.booleans(),
    st.none() | st.floats(0, 100),
)
_MEASURES = st.lists(_MEASURE, max_size=2, unique_by=lambda m: m.name)
_SOME_MEASURES = st.lists(_MEASURE, min_size=1, max_size=2, unique_by=lambda m: m.name)
_CONDITIONS = st.lists(
    st.builds(
        ExternalCondition,
        st.sampled_from(["2014 Spending Review", "council budget"]),
        st.none() | st.booleans(),
    ),
    max_size=2,
    unique_by=lambda c: c.name,
)


@st.composite
def _commitment(
    draw: st.DrawFn, commitment_id: str, by: str, measured: bool = False
) -> SustainabilityCommitment:
    # ``measured``: at least one measure, as a review asks for.
    measures = draw(_SOME_MEASURES if measured else _MEASURES)
    return SustainabilityCommitment(
        id=commitment_id,
        by=by,
        amount=draw(_AMOUNTS),
        measures=[attrs.evolve(m, result=None) for m in measures],
        conditions=[attrs.evolve(c, outcome=None) for c in draw(_CONDITIONS)],
    )


def commitments(by: str = "cja") -> st.SearchStrategy[SustainabilityCommitment]:
    """Sought sustainability commitments by ``by``, with measures and conditions."""
    return _commitment("commitment", by)


# -- steps of a history: bids, commitments and tenders ---------------------------------

_TENDER_ENDS = st.sampled_from((TenderStatus.CANCELLED, TenderStatus.UNSUCCESSFUL))
_TENDER_MOVES = st.integers(0, 3)
_COMMITMENT_OUTCOMES = st.sampled_from(("sought", "given", "declined"))


def _new_bid(
    draw: st.DrawFn,
    p: Partnership,
    day: date,
    purpose: FundingPurpose | None = None,
    areas: frozenset[str] = frozenset(),
) -> tuple[Partnership, Bid]:
    funder = draw(st.sampled_from(_known(p)))
    bid = draw(_bid(f"bid-{len(p.bids()) + 1}", funder, day, purpose))
    if areas:  # the areas the caller asks for, in place of the drawn ones
        bid = attrs.evolve(bid, areas=areas)
    return p.draft_bid(bid), bid


def _draft_bid(
    draw: st.DrawFn,
    p: Partnership,
    orgs: Sequence[Partner],
    day: date,
    areas: frozenset[str] = frozenset(),
) -> Partnership:
    if not p.organisations:
        return p
    p, bid = _new_bid(draw, p, day, areas=areas)
    # Most drafts are submitted at once; some stay drafts (to be withdrawn, say).
    return p.submit_bid(bid.id, on=day) if draw(st.integers(0, 3)) else p


def _award(draw: st.DrawFn, bid: Bid) -> int | None:
    if bid.amount_asked == 0:
        return None
    return draw(st.none() | st.integers(1, bid.amount_asked or 10**6))


def _endorse_bid(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    bodies = [p.organisation(i) for i in _known(p, Sector.PUBLIC)]
    # An open bid, a public body, and an area the bid covers and the body oversees.
    choices = [
        (b.id, o.id, area)
        for b in p.bids()
        if b.is_open
        for o in bodies
        for area in sorted(b.areas)
        if not o.areas or area in o.areas
    ]
    if not choices:  # draft a bid for an area a public body oversees, to endorse later
        areas = draw(st.sampled_from(bodies)).areas if bodies else frozenset()
        return _draft_bid(draw, p, orgs, day, areas)
    bid_id, body, area = draw(st.sampled_from(choices))
    return p.endorse_bid(bid_id, body, area, on=day, given=draw(st.booleans()))


def _decide_bid(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    submitted = [b for b in p.bids() if b.status is BidStatus.SUBMITTED]
    if not submitted:
        return p
    bid = draw(st.sampled_from(submitted))
    if draw(st.booleans()):
        return p.decide_bid(bid.id, on=day, awarded=True, amount=_award(draw, bid))
    return p.decide_bid(bid.id, on=day, awarded=False)


def _withdraw_bid(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    open_bids = [b for b in p.bids() if b.is_open]
    if not open_bids:
        return _draft_bid(draw, p, orgs, day)
    return p.withdraw_bid(draw(st.sampled_from(open_bids)).id, on=day, reason=draw(_REASONS))


def _new_commitment(
    draw: st.DrawFn, p: Partnership, day: date, measured: bool = False
) -> tuple[Partnership, SustainabilityCommitment]:
    allowed = p.policy.commitment_sectors
    givers = [i for i, o in p.organisations.items() if allowed is None or o.sector in allowed]
    by = draw(st.sampled_from(givers or _known(p)))
    c = draw(_commitment(f"c{len(p.commitments()) + 1}", by, measured))
    return p.seek_commitment(c, on=day), c


def _seek_commitment(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    if not p.organisations:
        return p
    p, c = _new_commitment(draw, p, day)
    outcome = draw(_COMMITMENT_OUTCOMES)
    if outcome == "given":
        return p.give_commitment(c.id, on=day)
    if outcome == "declined":
        return p.decline_commitment(c.id, on=day, reason=draw(_REASONS))
    return p


def _settle_commitment(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """Give or decline a sought commitment, or let a given one lapse."""
    open_ones = [
        c
        for c in p.commitments()
        if c.recorded_status in (CommitmentStatus.SOUGHT, CommitmentStatus.GIVEN)
    ]
    if not open_ones:
        return _seek_commitment(draw, p, orgs, day)
    c = draw(st.sampled_from(open_ones))
    if c.recorded_status is CommitmentStatus.GIVEN:
        return p.lapse_commitment(c.id, on=day, reason=draw(_REASONS))
    if draw(st.booleans()):
        return p.give_commitment(c.id, on=day)
    return p.decline_commitment(c.id, on=day, reason=draw(_REASONS))


def _record_result(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    if not p.commitments():
        return p
    c = draw(st.sampled_from(p.commitments()))
    for m in c.measures:
        p = p.record_result(c.id, m.name, draw(_RESULTS), on=day)
    for x in c.conditions:
        p = p.resolve_condition(c.id, x.name, draw(st.booleans()), on=day)
    return p


def _plan_tender(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> tuple[Partnership, str]:
    """Plan a tender commissioned by a public body, made known first if it is not (with
    no public body to hand, by another organisation: refused)."""
    body = draw(st.sampled_from([o for o in orgs if o.sector is Sector.PUBLIC] or orgs))
    if body.id not in p.organisations:
        p = p.add_organisation(body, on=day)
    tender = Tender(
        id=f"tender-{len(p.tenders()) + 1}",
        commissioner=body.id,
        title=draw(_NAMES),
        value=draw(_AMOUNTS),
    )
    return p.plan_tender(tender, on=day), tender.id


def _move_tender(draw: st.DrawFn, p: Partnership, tender: Tender, day: date) -> Partnership:
    """One thing that can happen to a planned or active tender."""
    if tender.status is TenderStatus.PLANNED:
        if draw(st.integers(0, 3)):
            return p.open_tender(tender.id, on=day)
        return p.end_tender(tender.id, TenderStatus.CANCELLED, on=day, reason=draw(_REASONS))
    moves = ["receive", "receive", "end"] + (["award", "award"] if tender.tenderers else [])
    move = draw(st.sampled_from(moves))
    if move == "receive":
        return p.receive_tender(tender.id, draw(st.sampled_from(_known(p))), on=day)
    if move == "award":
        return p.award_tender(
            tender.id, draw(st.sampled_from(tender.tenderers)), on=day, value=draw(_AMOUNTS)
        )
    return p.end_tender(tender.id, draw(_TENDER_ENDS), on=day, reason=draw(_REASONS))


_LIVE_TENDERS = (TenderStatus.PLANNED, TenderStatus.ACTIVE)


def _tender(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """Plan a tender or take up a live one, then make up to three moves on it."""
    live = [t.id for t in p.tenders() if t.status in _LIVE_TENDERS]
    if live:
        tender_id = draw(st.sampled_from(live))
    else:
        p, tender_id = _plan_tender(draw, p, orgs, day)
    for _ in range(draw(_TENDER_MOVES)):
        tender = next(t for t in p.tenders() if t.id == tender_id)
        if tender.status not in _LIVE_TENDERS:
            break
        p = _move_tender(draw, p, tender, day)
    return p


# -- what a lifecycle step's funding, measure, commitment and tender guards ask for
# (``_partnerships._FIXES``)


def _fix_funding(purpose: FundingPurpose) -> _Step:
    def fix(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
        """A bid for ``purpose`` drafted, submitted and awarded."""
        p, bid = _new_bid(draw, p, day, purpose)
        p = p.submit_bid(bid.id, on=day)
        return p.decide_bid(bid.id, on=day, awarded=True, amount=_award(draw, bid))

    return fix


def _fix_measures(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A commitment sought with measures of the pilot's success."""
    return _new_commitment(draw, p, day, measured=True)[0]


def _fix_results(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A result for every measure of every commitment."""
    for c in p.commitments():
        for m in c.measures:
            p = p.record_result(c.id, m.name, draw(_RESULTS), on=day)
    return p


def _fix_commitment(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A commitment sought and given."""
    p, c = _new_commitment(draw, p, day)
    return p.give_commitment(c.id, on=day)


def _fix_conditions(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A given commitment's targets reached and its conditions turned out well."""
    given = [c for c in p.commitments() if c.recorded_status is CommitmentStatus.GIVEN]
    c = draw(st.sampled_from(given))
    for m in c.measures:
        p = p.record_result(c.id, m.name, m.target, on=day)
    for x in c.conditions:
        p = p.resolve_condition(c.id, x.name, True, on=day)
    return p


def _fix_tender(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """A tender planned, opened, received from a known organisation and awarded to it."""
    p, tender_id = _plan_tender(draw, p, orgs, day)
    tenderer = draw(st.sampled_from(sorted(p.organisations)))
    p = p.open_tender(tender_id, on=day).receive_tender(tender_id, tenderer, on=day)
    return p.award_tender(tender_id, tenderer, on=day, value=draw(_AMOUNTS))
