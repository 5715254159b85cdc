"""What a partnership's money is for: the categories of its budget and spend (the
evaluation's development spend: staff, lead-partner costs, consultants, service-user
consultation, programme resources), read through one converter,
:func:`budget_category`; and :class:`BudgetVariance`, one category's budget against
its spend."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Literal, TypeAlias, TypeVar

import attrs

from psp._base import checks as _checks
from psp._base.vocabulary import Term, term_of

__all__ = [
    "BudgetCategory",
    "BudgetCategoryName",
    "BudgetVariance",
    "budget_category",
    "in_category_order",
]


class BudgetCategory(enum.StrEnum):
    """What a budget line or a spend is for: the categories the evaluation reports
    development spend under, and ``other``. A term of your own (``prefix:name``) names
    any other."""

    STAFF = "staff"  #: staff costs (a partnership manager, case workers)
    LEAD_PARTNER_COSTS = "lead-partner-costs"  #: the lead organisation's own costs
    CONSULTANTS = "consultants"  #: consultants (facilitation, bid writing, evaluation)
    SERVICE_USER_CONSULTATION = "service-user-consultation"  #: consulting service users
    PROGRAMME_RESOURCES = "programme-resources"  #: meetings, venues, materials, travel
    OTHER = "other"  #: anything else; the note says what


#: The values of :class:`BudgetCategory`, for text that names a budget category.
BudgetCategoryName: TypeAlias = Literal[
    "staff",
    "lead-partner-costs",
    "consultants",
    "service-user-consultation",
    "programme-resources",
    "other",
]


def budget_category(field: str, value: object) -> BudgetCategory | Term:
    """``value`` as a budget category: a :class:`BudgetCategory` (or its value), or a
    term of the user's own, ``prefix:name`` (docs/vocabularies.md); the one reader of
    the vocabulary."""
    return term_of(BudgetCategory, field, value)


C = TypeVar("C", bound=str)
_ORDER = {c: i for i, c in enumerate(BudgetCategory)}


def in_category_order(categories: Iterable[C]) -> list[C]:
    """``categories`` in one order: psp's own in the order :class:`BudgetCategory`
    lists them, then terms of one's own by their text."""
    return sorted(categories, key=lambda c: (_ORDER.get(c, len(_ORDER)), str(c)))  # type: ignore[call-overload]


def _amount(field: str, value: int | None) -> int | None:
    if value is None:
        return None
    return _checks.whole(field, value, 0, _checks.MAX_AMOUNT, " of pounds")


def _budgeted(value: int | None) -> int | None:
    return _amount("budgeted", value)


def _spent(value: int) -> int:
    return _checks.whole("spent", value, 0, _checks.MAX_AMOUNT, " of pounds")


def _category(value: BudgetCategory | BudgetCategoryName | Term) -> BudgetCategory | Term:
    return budget_category("category", value)


@attrs.frozen
class BudgetVariance:
    """One category of a period: what was ``budgeted`` for it (whole pounds; ``None``:
    the category has no budget line, it was spent without one) and what was ``spent``.

    :attr:`remaining` is the budget minus the spend: positive is under-spend, negative
    over-spend, ``None`` without a budget. :attr:`overspent` says whether the spend
    passed the budget (any spend without a budget has).

    >>> v = BudgetVariance("staff", 30_000, 32_500)
    >>> v.remaining, v.overspent
    (-2500, True)
    >>> BudgetVariance("acme:catering", None, 400).overspent
    True
    """

    category: BudgetCategory | Term = attrs.field(converter=_category)
    budgeted: int | None = attrs.field(converter=_budgeted)
    spent: int = attrs.field(converter=_spent)

    @property
    def remaining(self) -> int | None:
        """The budget minus the spend, or ``None`` where there is no budget."""
        return None if self.budgeted is None else self.budgeted - self.spent

    @property
    def overspent(self) -> bool:
        """Whether more was spent than budgeted (spend without a budget is)."""
        return self.spent > (0 if self.budgeted is None else self.budgeted)
