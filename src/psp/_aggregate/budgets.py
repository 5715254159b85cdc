"""Budget and spend events and their effects: a partnership's budget set (and revised)
by period and category (``BudgetSet``) and what it spent (``SpendRecorded``), with the
queries that add them up (private).

A budget line is whole pounds of one category over one period; the line in force is
the latest set for that period and category. A spend is whole pounds of one category on
a day, against a period given, or else against every period that contains its day.
Shares are :class:`psp.Share` s of a period's total, exact, with the survey's rounding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import RuleViolationError
from psp._base.period import Period, a_period
from psp._base.shares import Share
from psp._base.vocabulary import Term
from psp._commissioning.budgets import (
    BudgetCategory,
    BudgetCategoryName,
    BudgetVariance,
    budget_category,
    in_category_order,
)

__all__ = [
    "BudgetSet",
    "SpendRecorded",
    "budget_in_force",
    "lines_in_force",
    "shares_of",
    "spend_in",
    "variances",
]

Amounts = dict[BudgetCategory | Term, int]


def _category(value: BudgetCategory | BudgetCategoryName | Term) -> BudgetCategory | Term:
    return budget_category("category", value)


def _budgeted(value: int) -> int:
    return _checks.whole("amount", value, 0, _checks.MAX_AMOUNT, " of pounds")


def _spent(value: int) -> int:
    return _checks.whole("amount", value, 1, _checks.MAX_AMOUNT, " of pounds")


def _period(value: Period) -> Period:
    return a_period("period", value)


def _optional_period(value: Period | None) -> Period | None:
    return None if value is None else a_period("period", value)


def _note(value: str) -> str:
    return _checks.free_text("note", value)


def _too_large(amount: int, what: str, total: int) -> RuleViolationError:
    return RuleViolationError(
        "amount",
        amount,
        f"would make {what} £{total:,}; psp keeps totals to £{_checks.MAX_AMOUNT:,}",
        code="total-too-large",
    )


@attrs.frozen(kw_only=True)
class BudgetSet(Recorded):
    """The budget for one ``category`` over ``period`` set on ``on``: ``amount`` whole
    pounds (0 and up). Setting it again for the same period and category revises it;
    the period's total stays within £1,000,000,000,000 (``total-too-large``)."""

    TAG: ClassVar[str] = "budget-set"

    on: date = attrs.field(converter=fields.on_date)
    period: Period = attrs.field(converter=_period)
    category: BudgetCategory | Term = attrs.field(converter=_category)
    amount: int = attrs.field(converter=_budgeted)
    note: str = attrs.field(default="", converter=_note)

    def _apply(self, state: State) -> None:
        lines = budget_in_force(state.budget_lines, self.period, None)
        total = sum(lines.values()) - lines.get(self.category, 0) + self.amount
        if total > _checks.MAX_AMOUNT:
            raise _too_large(self.amount, f"the budget for {self.period}", total)
        state.budget_lines = state.budget_lines.appended(self)


@attrs.frozen(kw_only=True)
class SpendRecorded(Recorded):
    """What was spent on ``on``: ``amount`` whole pounds (1 and up) of ``category``,
    against ``period`` if given, else against every budget period containing ``on``.
    Everything a partnership spends stays within £1,000,000,000,000
    (``total-too-large``)."""

    TAG: ClassVar[str] = "spend-recorded"

    on: date = attrs.field(converter=fields.on_date)
    category: BudgetCategory | Term = attrs.field(converter=_category)
    amount: int = attrs.field(converter=_spent)
    period: Period | None = attrs.field(default=None, converter=_optional_period)
    note: str = attrs.field(default="", converter=_note)

    def counts_in(self, period: Period) -> bool:
        """Whether the spend counts against ``period``: its own, or the day's."""
        return self.period == period if self.period is not None else period.contains(self.on)

    def _apply(self, state: State) -> None:
        total = state.spent_total + self.amount
        if total > _checks.MAX_AMOUNT:
            raise _too_large(self.amount, "the partnership's spend", total)
        state.spending = state.spending.appended(self)
        state.spent_total = total


def _until(day: date | None, recorded_on: date) -> bool:
    return day is None or recorded_on <= day


def lines_in_force(lines: Iterable[BudgetSet], day: date | None) -> tuple[BudgetSet, ...]:
    """The line in force on ``day`` (``None``: now) for each period and category, in
    the order each was first set."""
    latest: dict[tuple[Period, BudgetCategory | Term], BudgetSet] = {}
    for line in lines:
        if _until(day, line.on):
            latest[line.period, line.category] = line
    return tuple(latest.values())


def _ordered(amounts: Mapping[BudgetCategory | Term, int]) -> Amounts:
    return {c: amounts[c] for c in in_category_order(amounts)}


def budget_in_force(lines: Iterable[BudgetSet], period: Period, day: date | None) -> Amounts:
    """Each category's budget for exactly ``period`` in force on ``day``."""
    return _ordered(
        {b.category: b.amount for b in lines if b.period == period and _until(day, b.on)}
    )


def spend_in(spending: Iterable[SpendRecorded], period: Period, day: date | None) -> Amounts:
    """Each category's spend against ``period``, recorded on or before ``day``."""
    found: Amounts = {}
    for s in spending:
        if s.counts_in(period) and _until(day, s.on):
            found[s.category] = found.get(s.category, 0) + s.amount
    return _ordered(found)


def shares_of(amounts: Mapping[BudgetCategory | Term, int]) -> dict[BudgetCategory | Term, Share]:
    """Each category's share of the total (none when the total is 0)."""
    total = sum(amounts.values())
    return {c: Share(a, total) for c, a in amounts.items()} if total else {}


def variances(budget: Amounts, spend: Amounts) -> tuple[BudgetVariance, ...]:
    """Each category budgeted or spent: its budget (``None``: none) and its spend."""
    return tuple(
        BudgetVariance(c, budget.get(c), spend.get(c, 0))
        for c in in_category_order(budget.keys() | spend.keys())
    )
