"""The builders of the tables of issue 17's payments and reporting obligations (private):
planned payments, payments made, reports required and payments under an awarded
tender's contract. Each takes one partnership and
``on`` and yields rows; ``_interchange/tables.py`` lists them in ``_BUILDERS``. They hold
every record as it stands now, whatever ``on`` (the officer's questions on a day are
:meth:`psp.Partnership.obligations` and the functions of :mod:`psp` built on it).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from psp._aggregate.partnership import Partnership
from psp._interchange.money_rows import (
    ContractPaymentRow,
    PaymentRow,
    PlannedPaymentRow,
    ReportRow,
)

__all__ = ["contract_payments", "payments", "planned_payments", "reports"]


def _funders(p: Partnership) -> dict[str, str]:
    return {b.id: b.funder for b in p.bids()}


def planned_payments(p: Partnership, on: date | None) -> Iterator[PlannedPaymentRow]:
    funders = _funders(p)
    for x in p.planned_payments():
        yield PlannedPaymentRow(
            partnership=p.id,
            id=x.id,
            bid_id=x.bid_id,
            funder=funders[x.bid_id],
            due=x.due,
            amount=x.amount,
            planned_on=x.planned_on,
        )


def payments(p: Partnership, on: date | None) -> Iterator[PaymentRow]:
    funders = _funders(p)
    for m in p.payments():
        yield PaymentRow(
            partnership=p.id,
            id=m.id,
            bid_id=m.bid_id,
            funder=funders[m.bid_id],
            amount=m.amount,
            paid_on=m.paid_on,
            planned_id=m.planned_id,
        )


def reports(p: Partnership, on: date | None) -> Iterator[ReportRow]:
    funders = _funders(p)
    for r in p.reports():
        yield ReportRow(
            partnership=p.id,
            id=r.id,
            bid_id=r.bid_id,
            funder=funders[r.bid_id],
            what=r.what,
            due=r.due,
            required_on=r.required_on,
            received_on=r.received_on,
        )


def contract_payments(p: Partnership, on: date | None) -> Iterator[ContractPaymentRow]:
    tenders = {t.id: t for t in p.tenders()}
    for m in p.contract_payments():
        tender = tenders[m.tender_id]
        yield ContractPaymentRow(
            partnership=p.id,
            id=m.id,
            tender_id=m.tender_id,
            commissioner=tender.commissioner,
            supplier=tender.awarded_to or "",
            amount=m.amount,
            paid_on=m.paid_on,
            note=m.note,
        )
