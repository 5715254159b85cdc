"""The competitive tender that commissions the sustained service, which every provider
can bid for, not only members (Low Moss: "tendered competitively and which all
providers could fairly bid for")."""

from __future__ import annotations

import enum
from typing import Literal, TypeAlias

import attrs

from psp._base import checks as _checks

__all__ = ["Tender", "TenderStatus", "TenderStatusName"]


class TenderStatus(enum.StrEnum):
    """Where a tender stands."""

    PLANNED = "planned"
    ACTIVE = "active"
    AWARDED = "awarded"
    CANCELLED = "cancelled"
    UNSUCCESSFUL = "unsuccessful"


#: The values of :class:`TenderStatus`, for text that names a tender status.
TenderStatusName: TypeAlias = Literal["planned", "active", "awarded", "cancelled", "unsuccessful"]


def _id(value: str) -> str:
    return _checks.an_id("id", value)


def _commissioner(value: str) -> str:
    return _checks.an_id("commissioner", value)


def _title(value: str) -> str:
    return _checks.text("title", value)


def _value(value: int | None) -> int | None:
    if value is None:
        return None
    return _checks.whole("value", value, 0, _checks.MAX_AMOUNT, " of pounds")


def _status(value: TenderStatus | TenderStatusName) -> TenderStatus:
    return _checks.member_of(TenderStatus, "status", value)


@attrs.frozen(kw_only=True)
class Tender:
    """A tender for the sustained service: who commissions it, its estimated ``value``
    (whole pounds), who tendered, and who won. A partnership records what happens to
    it; ``status``, ``tenderers`` and ``awarded_to`` are filled in as it goes."""

    id: str = attrs.field(converter=_id)
    commissioner: str = attrs.field(converter=_commissioner)
    title: str = attrs.field(converter=_title)
    value: int | None = attrs.field(default=None, converter=_value)
    status: TenderStatus = attrs.field(default=TenderStatus.PLANNED, converter=_status)
    tenderers: tuple[str, ...] = ()
    awarded_to: str | None = None
    awarded_value: int | None = None
