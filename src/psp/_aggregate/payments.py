"""Payment and report events and their effects: an awarded bid's payments planned
(``PaymentPlanned``) and made (``PaymentMade``), the reports its funder requires
(``ReportRequired``) and receives (``ReportReceived``), and payments under an awarded
tender's contract (``ContractPaymentMade``) (private)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import RuleViolationError, UnknownReferenceError
from psp._commissioning.funding import Bid, BidStatus
from psp._commissioning.payments import ContractPayment, Payment, PlannedPayment, Report
from psp._commissioning.tender import Tender, TenderStatus

__all__ = [
    "ContractPaymentMade",
    "PaymentMade",
    "PaymentPlanned",
    "ReportReceived",
    "ReportRequired",
]


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


def _tender_id(value: str) -> str:
    return _checks.an_id("tender_id", value)


def _note(value: str) -> str:
    return _checks.free_text("note", value)


def _new_payment_id(state: State, payment_id: str) -> None:
    """Refuse ``payment_id`` if a payment, of a bid or under a contract, has it: the two
    share one space of ids."""
    if payment_id in state.payments or payment_id in state.contract_payments:
        raise RuleViolationError(
            "payment_id", payment_id, "is the id of another payment", code="id-taken"
        )


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


def _within_award(
    state: State, awarded: int | None, of: str, sum_so_far: int, amount: int, what: str
) -> None:
    """Refuse ``amount`` more when it takes the ``what`` of ``of`` (a bid, or a tender's
    contract) past the ``awarded`` pounds, unless the policy allows it. An award with no
    amount recorded sets no ceiling."""
    if awarded is None or state.policy.payments_beyond_award or sum_so_far + amount <= awarded:
        return
    raise RuleViolationError(
        "amount",
        amount,
        f"takes the {what} of {of} to {sum_so_far + amount:,} pounds, more than "
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
        _within_award(
            state, bid.amount_awarded, f"bid {bid.id}", planned, self.amount, "planned payments"
        )
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
    against none. Its id is not the id of another payment (of a bid or under a tender's
    contract). The payments of a bid add up to no more than its award, unless the
    policy allows it (:attr:`psp.Policy.payments_beyond_award`)."""

    TAG: ClassVar[str] = "payment-made"

    on: date = attrs.field(converter=fields.on_date)
    payment_id: str = attrs.field(converter=_payment_id)
    bid_id: str = attrs.field(converter=_bid_id)
    amount: int = attrs.field(converter=_amount)
    planned_id: str | None = attrs.field(default=None, converter=_planned_id)

    def _apply(self, state: State) -> None:
        _new_payment_id(state, self.payment_id)
        bid = _awarded(state, self.bid_id, "payments")
        if self.planned_id is not None:
            self._check_plan(state, self.planned_id)
        paid = sum(m.amount for m in state.payments.values() if m.bid_id == bid.id)
        _within_award(state, bid.amount_awarded, f"bid {bid.id}", paid, self.amount, "payments")
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


def _awarded_tender(state: State, tender_id: str) -> Tender:
    """The tender, refused unless it is awarded."""
    tender = state.tender("tender_id", tender_id)
    if tender.status is not TenderStatus.AWARDED:
        raise RuleViolationError(
            "tender_id",
            tender_id,
            f"tender {tender_id} is {tender.status.value}; only an awarded tender has a "
            "contract to pay under",
            code="tender-not-awarded",
        )
    return tender


@attrs.frozen(kw_only=True)
class ContractPaymentMade(Recorded):
    """Money paid on ``on`` under the contract of an awarded tender: ``amount`` whole
    pounds, from its commissioner to the provider it was awarded to, with an optional
    ``note``. Its id is not the id of another payment (of a bid or under a contract);
    the payments of a tender add up to no more than its awarded value, when one was
    recorded, unless the policy allows it (:attr:`psp.Policy.payments_beyond_award`)."""

    TAG: ClassVar[str] = "contract-payment-made"

    on: date = attrs.field(converter=fields.on_date)
    payment_id: str = attrs.field(converter=_payment_id)
    tender_id: str = attrs.field(converter=_tender_id)
    amount: int = attrs.field(converter=_amount)
    note: str = attrs.field(default="", converter=_note)

    def _apply(self, state: State) -> None:
        _new_payment_id(state, self.payment_id)
        tender = _awarded_tender(state, self.tender_id)
        paid = sum(m.amount for m in state.contract_payments.values() if m.tender_id == tender.id)
        _within_award(
            state, tender.awarded_value, f"tender {tender.id}", paid, self.amount, "payments"
        )
        made = ContractPayment(
            id=self.payment_id,
            tender_id=tender.id,
            amount=self.amount,
            paid_on=self.on,
            note=self.note,
        )
        state.contract_payments = state.put(state.contract_payments, made.id, made)
