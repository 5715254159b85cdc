"""Benefit events and their effects: a body that stands to benefit if the service works
(``BenefitIdentified``; 3.51, 3.57: savings fall on bodies not at the table) (private)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks

__all__ = ["BenefitIdentified"]


def _cashable(value: bool) -> bool:
    return _checks.a_bool("cashable", value)


def _estimate(value: int | None) -> int | None:
    if value is None:
        return None
    return _checks.whole("estimate", value, 0, _checks.MAX_AMOUNT, " of pounds")


def _basis(value: str | None) -> str | None:
    return None if value is None else _checks.text("basis", value)


def _source(value: str | None) -> str | None:
    return None if value is None else _checks.text("source", value)


@attrs.frozen(kw_only=True)
class BenefitIdentified(Recorded):
    """A body that stands to benefit if the service works: an organisation the
    partnership knows (a member or not), whether the benefit is ``cashable`` (money it
    could spend elsewhere) or not, an ``estimate`` in whole pounds where known
    (``None``: not known, which is not nothing), its ``basis`` and its ``source``
    (each text, or ``None``: not recorded)."""

    TAG: ClassVar[str] = "benefit-identified"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    cashable: bool = attrs.field(converter=_cashable)
    estimate: int | None = attrs.field(default=None, converter=_estimate)
    basis: str | None = attrs.field(default=None, converter=_basis)
    source: str | None = attrs.field(default=None, converter=_source)

    def _apply(self, state: State) -> None:
        state.known("partner_id", self.partner_id)
        state.benefits = state.benefits.appended(self)
