"""Origin events and their effects: who initiated the partnership, and how its lead was
chosen (private).

The seeds decide what is refused. A lead may be chosen before it joins, or by
organisations that never join: the CJA Chief Officers identified the national women
offenders PSP's lead before there was a partnership (3.54), and an NHS board was the
initial lead of one bid before another took over (3.58). So neither an initiator, nor
a selector, nor the chosen lead need be a member; each must be an organisation the
partnership knows, as every organisation a partnership names is. A selection does not
change roles: the lead role is held through :meth:`psp.Partnership.join` or
:meth:`psp.Partnership.change_roles`, and :meth:`psp.Partnership.lead_selection` says
who was chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError, RuleViolationError
from psp._partners.origins import SelectionMethod, SelectionMethodName

__all__ = ["LeadSelected", "PartnershipInitiated"]


def _note(value: str) -> str:
    return _checks.free_text("note", value)


def _initiators(value: Iterable[str]) -> frozenset[str]:
    found = _checks.ids("by", value)
    if not found:
        raise InvalidValueError(
            "by", [], "must name at least one organisation that initiated it", code="empty"
        )
    return found


def _selectors(value: Iterable[str]) -> frozenset[str]:
    return _checks.ids("by", value)


def _alternatives(value: Iterable[str]) -> frozenset[str]:
    return _checks.ids("alternatives", value)


def _method(value: SelectionMethod | SelectionMethodName) -> SelectionMethod:
    return _checks.member_of(SelectionMethod, "method", value)


def _sorted(ids: frozenset[str], state: State) -> list[str]:
    """``ids`` in the order the partnership came to know them (unknown ones last)."""
    order = {pid: i for i, pid in enumerate(state.organisations)}
    return sorted(ids, key=lambda pid: (order.get(pid, len(order)), pid))


@attrs.frozen(kw_only=True)
class PartnershipInitiated(Recorded):
    """Who initiated the partnership: one or more organisations, members or not (Low
    Moss: the prison and the two CJAs; 3.49: a local authority). Recorded once."""

    TAG: ClassVar[str] = "partnership-initiated"

    on: date = attrs.field(converter=fields.on_date)
    by: frozenset[str] = attrs.field(converter=_initiators)
    note: str = attrs.field(default="", converter=_note)

    def _apply(self, state: State) -> None:
        if state.initiation is not None:
            raise RuleViolationError(
                None,
                None,
                f"the partnership's initiation is recorded already "
                f"({state.initiation.on.isoformat()}); it is initiated once",
                code="already-initiated",
            )
        for pid in _sorted(self.by, state):
            state.known("by", pid)
        state.initiation = self


@attrs.frozen(kw_only=True)
class LeadSelected(Recorded):
    """The lead organisation chosen: who was chosen (``partner_id``), how (``method``),
    by whom (``by``, empty when not recorded) and, where known, the ``alternatives``
    considered. A later selection supersedes it; each stays in the history."""

    TAG: ClassVar[str] = "lead-selected"

    on: date = attrs.field(converter=fields.on_date)
    partner_id: str = attrs.field(converter=fields.partner_id)
    method: SelectionMethod = attrs.field(converter=_method)
    by: frozenset[str] = attrs.field(default=frozenset(), converter=_selectors)
    alternatives: frozenset[str] = attrs.field(default=frozenset(), converter=_alternatives)
    note: str = attrs.field(default="", converter=_note)

    def __attrs_post_init__(self) -> None:
        if self.partner_id in self.alternatives:
            raise InvalidValueError(
                "alternatives",
                self.partner_id,
                "names the organisation chosen; the alternatives are the others considered",
                code="conflicting-fields",
            )

    def _apply(self, state: State) -> None:
        state.known("partner_id", self.partner_id)
        for pid in _sorted(self.by, state):
            state.known("by", pid)
        for pid in _sorted(self.alternatives, state):
            state.known("alternatives", pid)
        state.lead_selections = state.lead_selections.appended(self)
