"""The row types of the tables of money and delivery (issue 17): funds, funders' shares,
streams and fund awards; output targets, outputs and benefits; planned payments,
payments, reports and payments under a tender's contract. Plain values only, as in
``_interchange/table_rows.py``; :func:`psp.tables` builds them.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

__all__ = [
    "BenefitRow",
    "BudgetRow",
    "ContractPaymentRow",
    "FundAwardRow",
    "FundRow",
    "FunderShareRow",
    "OutputRow",
    "OutputTargetRow",
    "PaymentRow",
    "PlannedPaymentRow",
    "ReportRow",
    "SpendRow",
    "StreamRow",
]


class OutputTargetRow(TypedDict):
    """A numeric target of the service in force (on ``on``; ``None``: now): what it
    counts (``kind``, in ``unit``), over ``start`` to ``end`` (``None``: open), and the
    day it was set or last revised (``on``)."""

    partnership: str
    output_id: str
    kind: str
    unit: str | None
    start: date
    end: date | None
    target: int
    on: date
    note: str


class OutputRow(TypedDict):
    """What the service delivered of an output over ``start`` to ``end``, recorded on
    ``on``."""

    partnership: str
    output_id: str
    start: date
    end: date | None
    value: int
    on: date
    note: str


class BenefitRow(TypedDict):
    """A body that stands to benefit if the service works (member or not): whether the
    benefit is ``cashable``, the ``estimate`` in whole pounds (``None``: not known), its
    ``basis`` and ``source``, and the day it was identified."""

    partnership: str
    partner_id: str
    name: str
    sector: str
    cashable: bool
    estimate: int | None
    basis: str | None
    on: date
    source: str | None


# -- funds and streams in use (issue 17, item 1) --------------------------------------


class FundRow(TypedDict):
    """A fund the partnership recorded, and the day: its ``funders`` (ids sorted and
    joined by spaces), ``decided_by`` (``None``: not recorded), ``amount`` (the sum of
    its funders' shares when every one is known, else ``None``) and how many
    ``streams`` it has."""

    partnership: str
    id: str
    name: str
    recorded_on: date
    funders: str
    decided_by: str | None
    amount: int | None
    streams: int


class FunderShareRow(TypedDict):
    """What one funder put into a recorded fund (``amount`` ``None``: not known)."""

    partnership: str
    fund: str
    funder: str
    amount: int | None


class StreamRow(TypedDict):
    """A stream of a recorded fund: its ``purpose`` (a :class:`psp.FundingPurpose`
    value), the day it ``opens`` and its ``deadline``, and the ``amount`` available
    (each ``None``: not known)."""

    partnership: str
    fund: str
    id: str
    name: str
    purpose: str
    opens: date | None
    deadline: date | None
    amount: int | None


class FundAwardRow(TypedDict):
    """An awarded bid naming a fund the partnership recorded: the ``fund``, ``stream``
    and ``funder`` it names, and the ``amount_awarded`` (``None``: not recorded)."""

    partnership: str
    bid: str
    fund: str
    stream: str | None
    funder: str
    decided_on: date | None
    amount_awarded: int | None


# -- budgets and spend (issue 17, item 2) ------------------------------------------------


class BudgetRow(TypedDict):
    """A budget line in force: whole pounds (``amount``) of one ``category`` (its value,
    or a term's text) over a period (``start``; ``end`` ``None`` when open), as last
    set (``on``), with its ``note``."""

    partnership: str
    start: date
    end: date | None
    category: str
    amount: int
    on: date
    note: str


class SpendRow(TypedDict):
    """A spend: whole pounds (``amount``) of one ``category`` on a day (``on``),
    against the period it names (``start`` and ``end``; both ``None`` when it counts
    against every period containing its day), with its ``note``."""

    partnership: str
    on: date
    category: str
    amount: int
    start: date | None
    end: date | None
    note: str


# -- payments and reporting obligations (_interchange/payment_tables.py) ------------


class PlannedPaymentRow(TypedDict):
    """A payment of an awarded bid planned on ``planned_on``: whole pounds due on
    ``due``, with the bid's ``funder``."""

    partnership: str
    id: str
    bid_id: str
    funder: str
    due: date
    amount: int
    planned_on: date


class PaymentRow(TypedDict):
    """A payment made on an awarded bid: whole pounds paid on ``paid_on``, against the
    planned payment ``planned_id`` (``None``: none), with the bid's ``funder``."""

    partnership: str
    id: str
    bid_id: str
    funder: str
    amount: int
    paid_on: date
    planned_id: str | None


class ReportRow(TypedDict):
    """A report required of an awarded bid: ``what``, required on ``required_on``, due
    on ``due``, received on ``received_on`` (``None``: not yet), with the bid's
    ``funder``."""

    partnership: str
    id: str
    bid_id: str
    funder: str
    what: str
    due: date
    required_on: date
    received_on: date | None


class ContractPaymentRow(TypedDict):
    """A payment under the contract of an awarded tender: whole pounds paid on
    ``paid_on`` by the tender's ``commissioner`` to its ``supplier`` (the provider it was
    awarded to), with its ``note`` (``""``: none)."""

    partnership: str
    id: str
    tender_id: str
    commissioner: str
    supplier: str
    amount: int
    paid_on: date
    note: str
