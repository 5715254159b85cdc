"""A partnership or a portfolio taken as the partnerships it holds: what the analyses
that answer for either (status, composition, fund awards, the officer's questions) take.
"""

from __future__ import annotations

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._base.errors import InvalidValueError

__all__ = ["partnerships_of"]


def partnerships_of(field: str, value: object) -> tuple[Partnership, ...]:
    """The partnerships ``value`` holds: itself, if it is a partnership (a portfolio of
    one); a portfolio's, in portfolio order. Anything else is refused naming ``field``."""
    if isinstance(value, Partnership):
        return (value,)
    if isinstance(value, Portfolio):
        return value.partnerships
    raise InvalidValueError(field, value, "must be a Partnership or a Portfolio", code="wrong-type")
