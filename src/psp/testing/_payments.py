"""Payments and reporting obligations: the step of a history that plans and makes an
awarded bid's payments, and requires and receives its reports; and the step that pays
under an awarded tender's contract."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._commissioning.funding import Bid, BidStatus
from psp._commissioning.tender import TenderStatus
from psp._partners.organisation import Partner
from psp.testing._commissioning import _award, _fix_tender, _new_bid

_MOVES = st.sampled_from(("plan", "plan", "pay", "pay", "pay", "require", "receive", "receive"))
_DUE_IN = st.integers(-30, 180)  # a due date a little before the day, or later
_WHAT = st.sampled_from(["progress report", "final accounts"])


def _room(bid: Bid, used: int) -> int:
    """An amount up to what the award leaves (any, when the award has no amount)."""
    if bid.amount_awarded is None:
        return 50_000
    return max(bid.amount_awarded - used, 1)  # 1 when nothing is left: refused, unless allowed


def _awarded(draw: st.DrawFn, p: Partnership, day: date) -> tuple[Partnership, Bid | None]:
    """An awarded bid of ``p``, or one drafted, submitted and awarded now."""
    awarded = [b for b in p.bids() if b.status is BidStatus.AWARDED]
    if awarded:
        return p, draw(st.sampled_from(awarded))
    if not p.organisations:
        return p, None
    p, bid = _new_bid(draw, p, day)
    p = p.submit_bid(bid.id, on=day)
    p = p.decide_bid(bid.id, on=day, awarded=True, amount=_award(draw, bid))
    return p, p.bid(bid.id)


def _pay(draw: st.DrawFn, p: Partnership, bid: Bid, day: date) -> Partnership:
    """A payment against a planned payment with something left to pay, or against none."""
    paid = {x.id: 0 for x in p.planned_payments() if x.bid_id == bid.id}
    for m in p.payments():
        if m.planned_id in paid:
            paid[m.planned_id] += m.amount
    unmet = [x for x in p.planned_payments() if x.id in paid and paid[x.id] < x.amount]
    payment_id = f"paid-{len(p.payments()) + 1}"
    if unmet and draw(st.integers(0, 3)) > 0:
        plan = draw(st.sampled_from(unmet))
        left = plan.amount - paid[plan.id]
        amount = left if draw(st.booleans()) else draw(st.integers(1, left))  # often all of it
        return p.record_payment(payment_id, bid.id, amount, on=day, planned_id=plan.id)
    used = sum(m.amount for m in p.payments() if m.bid_id == bid.id)
    amount = draw(st.integers(1, _room(bid, used)))
    return p.record_payment(payment_id, bid.id, amount, on=day)


def _payment_step(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """One thing in the life of an awarded bid (awarding one first, if there is none):
    a payment planned or made, a report required or received."""
    p, bid = _awarded(draw, p, day)
    if bid is None:
        return p
    move = draw(_MOVES)
    due = day + timedelta(days=draw(_DUE_IN))
    if move == "pay":
        return _pay(draw, p, bid, day)
    if move == "receive":
        waiting = [r for r in p.reports() if r.received_on is None]
        if waiting:
            return p.receive_report(draw(st.sampled_from(waiting)).id, on=day)
        move = "require"
    if move == "require":
        report_id = f"report-{len(p.reports()) + 1}"
        p = p.require_report(report_id, bid.id, draw(_WHAT), due=due, on=day)
        # Sometimes received the same day (late, if it was due before), so that the
        # derandomised draws reach ReportReceived among the many steps.
        return p.receive_report(report_id, on=day) if draw(st.booleans()) else p
    used = sum(x.amount for x in p.planned_payments() if x.bid_id == bid.id)
    amount = draw(st.integers(1, _room(bid, used)))
    return p.plan_payment(f"plan-{len(p.planned_payments()) + 1}", bid.id, amount, due=due, on=day)


def _contract_payment_step(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A payment under an awarded tender's contract (awarding one first, if there is
    none), up to what its awarded value leaves (any, when it has none)."""
    awarded = [t for t in p.tenders() if t.status is TenderStatus.AWARDED]
    if not awarded:
        p = _fix_tender(draw, p, orgs, day)
        awarded = [t for t in p.tenders() if t.status is TenderStatus.AWARDED]
    tender = draw(st.sampled_from(awarded))
    used = sum(m.amount for m in p.contract_payments(tender.id))
    room = 50_000 if tender.awarded_value is None else max(tender.awarded_value - used, 1)
    payment_id = f"contract-paid-{len(p.contract_payments()) + 1}"
    return p.record_contract_payment(payment_id, tender.id, draw(st.integers(1, room)), on=day)
