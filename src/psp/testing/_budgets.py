"""Budgets and spend: the steps of a history that set (and revise) a budget line and
record what was spent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._base.period import Period
from psp._commissioning.budgets import BudgetCategory
from psp._partners.organisation import Partner
from psp.testing._values import terms

_CATEGORIES = st.sampled_from(BudgetCategory) | terms()  # a category of the user's own too
_BUDGETED = st.integers(0, 100_000)
_SPENT = st.integers(1, 20_000)
_NOTES = st.sampled_from(["", "steering group venue"])
_YEAR = timedelta(days=365)


def _budget_step(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A spend (two times in three, once there is a budget), against a budget line's
    period or the day's; or a budget line set or revised for a year from ``day``."""
    lines = p.budgets()
    if lines and draw(st.integers(0, 2)) > 0:
        line = draw(st.sampled_from(lines))
        category = draw(st.just(line.category) | _CATEGORIES)
        period = draw(st.sampled_from([None, line.period]))
        return p.record_spend(category, draw(_SPENT), on=day, period=period, note=draw(_NOTES))
    period = draw(st.sampled_from([line.period for line in lines] or [Period(day, day + _YEAR)]))
    return p.set_budget(
        draw(_CATEGORIES), draw(_BUDGETED), period=period, on=day, note=draw(_NOTES)
    )
