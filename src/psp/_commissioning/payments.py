"""An awarded bid's payments and reporting obligations, and what a funder's officer asks
of them: what is due in a period, what is late on a date, how much has been paid of what
was awarded (CiviGrant: money transferred, report due and report received; 360Giving:
``amountDisbursed``, the sum of the payments made).

The records (:class:`PlannedPayment`, :class:`Payment`, :class:`Report`) hold plain dates
and whole pounds. The officer's answers are rows (:class:`ObligationRow`,
:class:`PaidRow`) computed by the functions here from a partnership's records, so a
partnership and a portfolio give the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from fractions import Fraction
from typing import Literal, TypeAlias, TypedDict

import attrs

from psp._base import checks as _checks
from psp._commissioning.funding import Bid, BidStatus

__all__ = [
    "ContractPayment",
    "ObligationRow",
    "PaidRow",
    "Payment",
    "PlannedPayment",
    "Report",
    "obligation_rows",
    "paid_rows",
]


def _id(value: str) -> str:
    return _checks.an_id("id", value)


def _bid_id(value: str) -> str:
    return _checks.an_id("bid_id", value)


def _tender_id(value: str) -> str:
    return _checks.an_id("tender_id", value)


def _note(value: str) -> str:
    return _checks.free_text("note", value)


def _planned_id(value: str | None) -> str | None:
    return _checks.optional_id("planned_id", value)


def _amount(value: int) -> int:
    return _checks.whole("amount", value, 1, _checks.MAX_AMOUNT, " of pounds")


def _what(value: str) -> str:
    return _checks.text("what", value)


def _due(value: date) -> date:
    return _checks.a_date("due", value)


def _planned_on(value: date) -> date:
    return _checks.a_date("planned_on", value)


def _paid_on(value: date) -> date:
    return _checks.a_date("paid_on", value)


def _required_on(value: date) -> date:
    return _checks.a_date("required_on", value)


def _received_on(value: date | None) -> date | None:
    return None if value is None else _checks.a_date("received_on", value)


@attrs.frozen(kw_only=True)
class PlannedPayment:
    """A payment of an awarded bid planned on ``planned_on``: ``amount`` whole pounds due
    on ``due`` (when money is due, not 360Giving's ``plannedDates``, the funded work's
    dates). It is met once the payments made against it (:attr:`Payment.planned_id`) add
    up to its amount."""

    id: str = attrs.field(converter=_id)
    bid_id: str = attrs.field(converter=_bid_id)
    due: date = attrs.field(converter=_due)
    amount: int = attrs.field(converter=_amount)
    planned_on: date = attrs.field(converter=_planned_on)


@attrs.frozen(kw_only=True)
class Payment:
    """Money paid on an awarded bid: ``amount`` whole pounds on ``paid_on`` (CiviGrant's
    money-transferred date; what 360Giving's ``amountDisbursed`` adds up), against the
    planned payment ``planned_id`` or, with ``None``, against none."""

    id: str = attrs.field(converter=_id)
    bid_id: str = attrs.field(converter=_bid_id)
    amount: int = attrs.field(converter=_amount)
    paid_on: date = attrs.field(converter=_paid_on)
    planned_id: str | None = attrs.field(default=None, converter=_planned_id)


@attrs.frozen(kw_only=True)
class ContractPayment:
    """Money paid under the contract of an awarded tender: ``amount`` whole pounds on
    ``paid_on``, from the tender's commissioner to the provider it was awarded to, with
    an optional ``note``. Its id shares one space with the payments of awarded bids
    (:class:`Payment`); OCDS writes it as a transaction of the contract's
    ``implementation``."""

    id: str = attrs.field(converter=_id)
    tender_id: str = attrs.field(converter=_tender_id)
    amount: int = attrs.field(converter=_amount)
    paid_on: date = attrs.field(converter=_paid_on)
    note: str = attrs.field(default="", converter=_note)


@attrs.frozen(kw_only=True)
class Report:
    """A report an awarded bid's funder requires: ``what`` (a progress report, the final
    accounts), required on ``required_on``, due on ``due``, and ``received_on`` the day it
    came (``None``: not yet). Received after its due date, it was late."""

    id: str = attrs.field(converter=_id)
    bid_id: str = attrs.field(converter=_bid_id)
    what: str = attrs.field(converter=_what)
    due: date = attrs.field(converter=_due)
    required_on: date = attrs.field(converter=_required_on)
    received_on: date | None = attrs.field(default=None, converter=_received_on)


#: Where an obligation stands on a day (ObligationRow.status).
_Status: TypeAlias = Literal["met", "late", "overdue", "open"]


class ObligationRow(TypedDict):
    """One obligation of an awarded bid on a day: a planned payment or a required report.

    ``partnership``; ``kind``, ``"payment"`` or ``"report"``; ``id``, the planned
    payment's or the report's; ``bid_id`` and its ``funder``; ``due``, its due date;
    ``what``, the report's subject (``None`` for a payment); ``amount``, the planned
    payment's whole pounds, and ``outstanding``, what of it is still unpaid on the day
    (both ``None`` for a report); ``done``, the day it was met (the payment that brought
    the payments against it up to its amount) or received, if that was on or before
    the day (else ``None``); ``status``: ``"met"`` (done on or before its due date),
    ``"late"`` (done after it), ``"overdue"`` (not done, and its due date has passed)
    or ``"open"`` (not done, not yet past its due date); and ``days_late``:
    for ``late``, the days from its due date to ``done``; for ``overdue``, to the day;
    else 0.
    """

    partnership: str
    kind: Literal["payment", "report"]
    id: str
    bid_id: str
    funder: str
    due: date
    what: str | None
    amount: int | None
    outstanding: int | None
    done: date | None
    status: _Status
    days_late: int


class PaidRow(TypedDict):
    """How much of an awarded bid has been paid on a day (``None``: now).

    ``partnership``; ``bid_id`` and its ``funder``; ``awarded``, the whole pounds
    awarded (``None``: no amount recorded, so no ceiling is known); ``planned``, the
    sum of its planned payments and ``paid``, of its payments made, each recorded by the
    day; ``remaining``, ``awarded - paid`` (negative only where the policy lets payments
    pass the award; ``None`` with no award amount); ``share``, ``paid / awarded`` as an
    exact :class:`fractions.Fraction` (``None`` with no award amount). Nothing is
    rounded.
    """

    partnership: str
    bid_id: str
    funder: str
    awarded: int | None
    planned: int
    paid: int
    remaining: int | None
    share: Fraction | None


def _status(due: date, done: date | None, day: date) -> tuple[_Status, int]:
    if done is not None:
        return ("late", (done - due).days) if done > due else ("met", 0)
    return ("overdue", (day - due).days) if day > due else ("open", 0)


def _payment_rows(
    partnership: str,
    funders: dict[str, str],
    planned: Iterable[PlannedPayment],
    payments: tuple[Payment, ...],
    day: date,
) -> Iterator[ObligationRow]:
    for plan in planned:
        paid, done = 0, None
        for made in payments:
            if made.planned_id == plan.id:
                paid += made.amount
                if paid >= plan.amount:
                    done = made.paid_on
                    break
        status, days = _status(plan.due, done, day)
        yield ObligationRow(
            partnership=partnership,
            kind="payment",
            id=plan.id,
            bid_id=plan.bid_id,
            funder=funders[plan.bid_id],
            due=plan.due,
            what=None,
            amount=plan.amount,
            outstanding=max(plan.amount - paid, 0),
            done=done,
            status=status,
            days_late=days,
        )


def _report_rows(
    partnership: str, funders: dict[str, str], reports: Iterable[Report], day: date
) -> Iterator[ObligationRow]:
    for r in reports:
        done = r.received_on if r.received_on is not None and r.received_on <= day else None
        status, days = _status(r.due, done, day)
        yield ObligationRow(
            partnership=partnership,
            kind="report",
            id=r.id,
            bid_id=r.bid_id,
            funder=funders[r.bid_id],
            due=r.due,
            what=r.what,
            amount=None,
            outstanding=None,
            done=done,
            status=status,
            days_late=days,
        )


def obligation_rows(
    partnership: str,
    bids: Iterable[Bid],
    planned: Iterable[PlannedPayment],
    payments: Iterable[Payment],
    reports: Iterable[Report],
    day: date,
) -> list[ObligationRow]:
    """Every obligation recorded on or before ``day``, as it stands on ``day``, by due
    date (payments before reports on the same day, then in the order recorded)."""
    funders = {b.id: b.funder for b in bids}
    made = tuple(m for m in payments if m.paid_on <= day)
    rows = [
        *_payment_rows(
            partnership, funders, (x for x in planned if x.planned_on <= day), made, day
        ),
        *_report_rows(partnership, funders, (r for r in reports if r.required_on <= day), day),
    ]
    return sorted(rows, key=lambda row: row["due"])


def paid_rows(
    partnership: str,
    bids: Iterable[Bid],
    planned: Iterable[PlannedPayment],
    payments: Iterable[Payment],
    day: date | None,
) -> list[PaidRow]:
    """One row per bid awarded by ``day`` (``None``: now), in the order drafted."""
    planned_sum: dict[str, int] = {}
    paid_sum: dict[str, int] = {}
    for x in planned:
        if day is None or x.planned_on <= day:
            planned_sum[x.bid_id] = planned_sum.get(x.bid_id, 0) + x.amount
    for m in payments:
        if day is None or m.paid_on <= day:
            paid_sum[m.bid_id] = paid_sum.get(m.bid_id, 0) + m.amount
    rows: list[PaidRow] = []
    for b in bids:
        if b.status is not BidStatus.AWARDED or (
            day is not None and b.decided_on is not None and b.decided_on > day
        ):
            continue
        awarded, paid = b.amount_awarded, paid_sum.get(b.id, 0)
        rows.append(
            PaidRow(
                partnership=partnership,
                bid_id=b.id,
                funder=b.funder,
                awarded=awarded,
                planned=planned_sum.get(b.id, 0),
                paid=paid,
                remaining=None if awarded is None else awarded - paid,
                share=None if awarded is None else Fraction(paid, awarded),
            )
        )
    return rows
