"""The builders of the tables of budgets and spend (private, issue 17, item 2): each
takes one partnership and ``on`` and yields rows; ``_interchange/tables.py`` lists them
in ``_BUILDERS``. A category is written as its value, a term of one's own as its text.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from psp._aggregate.partnership import Partnership
from psp._interchange.money_rows import BudgetRow, SpendRow

__all__ = ["budgets", "spending"]


def budgets(p: Partnership, on: date | None) -> Iterator[BudgetRow]:
    """The budget lines in force on ``on`` (``None``: now)."""
    for b in p.budgets(on):
        yield BudgetRow(
            partnership=p.id,
            start=b.period.start,
            end=b.period.end,
            category=str(b.category),
            amount=b.amount,
            on=b.on,
            note=b.note,
        )


def spending(p: Partnership, on: date | None) -> Iterator[SpendRow]:
    """Every spend (on ``on``: those recorded by then)."""
    for s in p.spending(on):
        yield SpendRow(
            partnership=p.id,
            on=s.on,
            category=str(s.category),
            amount=s.amount,
            start=None if s.period is None else s.period.start,
            end=None if s.period is None else s.period.end,
            note=s.note,
        )
