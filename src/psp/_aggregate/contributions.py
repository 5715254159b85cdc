"""Contribution events and their effects: what a member brings, and the capabilities an
organisation declares (private)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError
from psp._base.vocabulary import Term
from psp._partners.contributions import (
    Capability,
    CapabilityName,
    ContributionKind,
    ContributionKindName,
    capability,
    contribution_kind,
)

__all__ = ["CapabilitiesDeclared", "ContributionRecorded"]


def _kind(value: ContributionKind | ContributionKindName | Term) -> ContributionKind | Term:
    return contribution_kind("kind", value)


def _value(value: int | None) -> int | None:
    if value is None:
        return None
    return _checks.whole("value", value, 0, _checks.MAX_AMOUNT, " of pounds")


_free_text = _checks.free_text


def _description(value: str) -> str:
    return _free_text("description", value)


def _note(value: str) -> str:
    return _free_text("note", value)


def _capabilities(value: Iterable[Capability | CapabilityName]) -> frozenset[Capability]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            "capabilities", value, "must be a collection of capabilities", code="not-a-collection"
        )
    return frozenset(capability(f"capabilities[{i}]", v) for i, v in enumerate(value))


@attrs.frozen(kw_only=True)
class ContributionRecorded(Recorded):
    """A member's contribution: its ``kind``, its ``value`` in whole pounds where known
    (``None``: not known, which is not nothing), and a description (Low Moss:
    "Secondment arrangements are also being considered"; 3.49: CJSWs "provided
    information on existing services and need, provided access to service users")."""

    TAG: ClassVar[str] = "contribution-recorded"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    kind: ContributionKind | Term = attrs.field(converter=_kind)
    value: int | None = attrs.field(default=None, converter=_value)
    description: str = attrs.field(default="", converter=_description)

    def _apply(self, state: State) -> None:
        state.known("partner_id", self.partner_id)
        state.member_now(self.partner_id)
        state.contributions = state.contributions.appended(self)


@attrs.frozen(kw_only=True)
class CapabilitiesDeclared(Recorded):
    """What an organisation says it can do, as of ``on``: its declaration replaces any
    earlier one (empty: it declares none now). Partners *and potential partners* were
    asked (3.8), so the organisation need only be known to the partnership."""

    TAG: ClassVar[str] = "capabilities-declared"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    capabilities: frozenset[Capability] = attrs.field(converter=_capabilities)
    note: str = attrs.field(default="", converter=_note)

    def _apply(self, state: State) -> None:
        state.known("partner_id", self.partner_id)
        state.capabilities = state.capabilities.appended(self)
