"""Payment and report events and their effects: an awarded bid's payments planned
(``PaymentPlanned``) and made (``PaymentMade``), and the reports its funder requires
(``ReportRequired``) and receives (``ReportReceived``) (private)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import RuleViolationError, UnknownReferenceError
from psp._commissioning.funding import Bid, BidStatus
from psp._commissioning.payments import Payment, PlannedPayment, Report

__all__ = ["PaymentMade", "PaymentPlanned", "ReportReceived", "ReportRequired"]


def _payment_id(value: str) -> str:
    return _checks.an_id("payment_id", value)


def _report_id(value: str) -> str:
    return _checks.an_id("report_id", value)


def _bid_id(value: str) -> str:
    return _checks.an_id("bid_id", value)


def _planned_id(value: str | None) -> str | None:
    return _checks.optional_id("planned_id", value)


def _amount(value: int) -> int:
    return _checks.whole("amount", value, 1, _checks.MAX_AMOUNT, " of pounds")


def _due(value: date) -> date:
    return _checks.a_date("due", value)


def _what(value: str) -> str:
    return _checks.text("what", value)


def _awarded(state: State, bid_id: str, takes: str) -> Bid:
    """The bid, refused unless it is awarded."""
    bid = state.bid("bid_id", bid_id)
    if bid.status is not BidStatus.AWARDED:
        raise RuleViolationError(
            "bid_id",
            bid_id,
            f"bid {bid_id} is {bid.status.value}; only an awarded bid takes {takes}",
            code="bid-not-awarded",
        )
    return bid


def _within_award(state: State, bid: Bid, sum_so_far: int, amount: int, what: str) -> None:
    """Refuse ``amount`` more when it takes the bid's ``what`` past its award, unless the
    policy allows it. An award with no amount recorded sets no ceiling."""
    awarded = bid.amount_awarded
    if awarded is None or state.policy.payments_beyond_award or sum_so_far + amount <= awarded:
        return
    raise RuleViolationError(
        "amount",
        amount,
        f"takes the {what} of bid {bid.id} to {sum_so_far + amount:,} pounds, more than "
        f"the {awarded:,} awarded ({sum_so_far:,} so far); {state.policy.name} does not "
        "allow payments beyond an award",
        code="payment-exceeds-award",
    )


@attrs.frozen(kw_only=True)
class PaymentPlanned(Recorded):
    """A payment of an awarded bid planned on ``on``: ``amount`` whole pounds due on
    ``due``. The planned payments of a bid add up to no more than its award, unless the
    policy allows it (:attr:`psp.Policy.payments_beyond_award`)."""

    TAG: ClassVar[str] = "payment-planned"

    on: date = attrs.field(converter=fields.on_date)
    payment_id: str = attrs.field(converter=_payment_id)
    bid_id: str = attrs.field(converter=_bid_id)
    due: date = attrs.field(converter=_due)
    amount: int = attrs.field(converter=_amount)

    def _apply(self, state: State) -> None:
        if self.payment_id in state.planned_payments:
            raise RuleViolationError(
                "payment_id",
                self.payment_id,
                "is the id of another planned payment",
                code="id-taken",
            )
        bid = _awarded(state, self.bid_id, "payments")
        planned = sum(x.amount for x in state.planned_payments.values() if x.bid_id == bid.id)
        _within_award(state, bid, planned, self.amount, "planned payments")
        plan = PlannedPayment(
            id=self.payment_id,
            bid_id=bid.id,
            due=self.due,
            amount=self.amount,
            planned_on=self.on,
        )
        state.planned_payments = state.put(state.planned_payments, plan.id, plan)


@attrs.frozen(kw_only=True)
class PaymentMade(Recorded):
    """Money paid on an awarded bid on ``on``: ``amount`` whole pounds, against the
    planned payment ``planned_id`` (of the same bid, and no more than remains of it) or
    against none. The payments of a bid add up to no more than its award, unless the
    policy allows it (:attr:`psp.Policy.payments_beyond_award`)."""

    TAG: ClassVar[str] = "payment-made"

    on: date = attrs.field(converter=fields.on_date)
    payment_id: str = attrs.field(converter=_payment_id)
    bid_id: str = attrs.field(converter=_bid_id)
    amount: int = attrs.field(converter=_amount)
    planned_id: str | None = attrs.field(default=None, converter=_planned_id)

    def _apply(self, state: State) -> None:
        if self.payment_id in state.payments:
            raise RuleViolationError(
                "payment_id", self.payment_id, "is the id of another payment", code="id-taken"
            )
        bid = _awarded(state, self.bid_id, "payments")
        if self.planned_id is not None:
            self._check_plan(state, self.planned_id)
        paid = sum(m.amount for m in state.payments.values() if m.bid_id == bid.id)
        _within_award(state, bid, paid, self.amount, "payments")
        made = Payment(
            id=self.payment_id,
            bid_id=bid.id,
            amount=self.amount,
            paid_on=self.on,
            planned_id=self.planned_id,
        )
        state.payments = state.put(state.payments, made.id, made)

    def _check_plan(self, state: State, planned_id: str) -> None:
        plan = state.planned_payments.get(planned_id)
        if plan is None:
            raise UnknownReferenceError(
                "planned_id",
                planned_id,
                "is not a planned payment of this partnership",
                code="unknown-payment",
            )
        if plan.bid_id != self.bid_id:
            raise RuleViolationError(
                "planned_id",
                planned_id,
                f"is a planned payment of bid {plan.bid_id}, not of bid {self.bid_id}",
                code="plan-of-another-bid",
            )
        paid = sum(m.amount for m in state.payments.values() if m.planned_id == planned_id)
        if paid + self.amount > plan.amount:
            raise RuleViolationError(
                "amount",
                self.amount,
                f"is more than remains of planned payment {planned_id} "
                f"({plan.amount - paid:,} of {plan.amount:,} pounds); pay the rest against "
                "another planned payment or none",
                code="payment-exceeds-plan",
            )


@attrs.frozen(kw_only=True)
class ReportRequired(Recorded):
    """A report an awarded bid's funder requires, recorded on ``on``: ``what``, due on
    ``due``."""

    TAG: ClassVar[str] = "report-required"

    on: date = attrs.field(converter=fields.on_date)
    report_id: str = attrs.field(converter=_report_id)
    bid_id: str = attrs.field(converter=_bid_id)
    what: str = attrs.field(converter=_what)
    due: date = attrs.field(converter=_due)

    def _apply(self, state: State) -> None:
        if self.report_id in state.reports:
            raise RuleViolationError(
                "report_id", self.report_id, "is the id of another report", code="id-taken"
            )
        bid = _awarded(state, self.bid_id, "reporting obligations")
        report = Report(
            id=self.report_id, bid_id=bid.id, what=self.what, due=self.due, required_on=self.on
        )
        state.reports = state.put(state.reports, report.id, report)


@attrs.frozen(kw_only=True)
class ReportReceived(Recorded):
    """A required report was received on ``on`` (late, if after its due date)."""

    TAG: ClassVar[str] = "report-received"

    on: date = attrs.field(converter=fields.on_date)
    report_id: str = attrs.field(converter=_report_id)

    def _apply(self, state: State) -> None:
        report = state.reports.get(self.report_id)
        if report is None:
            raise UnknownReferenceError(
                "report_id",
                self.report_id,
                "is not a report required of this partnership",
                code="unknown-report",
            )
        if report.received_on is not None:
            raise RuleViolationError(
                "report_id",
                self.report_id,
                f"was received on {report.received_on.isoformat()} already",
                code="already-received",
            )
        received = attrs.evolve(report, received_on=self.on)
        state.reports = state.put(state.reports, report.id, received)
