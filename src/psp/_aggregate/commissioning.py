"""Commissioning events and their effects: a tender planned, opened, tendered for,
awarded or ended (private)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Final

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import (
    InvalidValueError,
    RuleViolationError,
)
from psp._base.statuses import StatusMachine
from psp._commissioning.tender import Tender, TenderStatus, TenderStatusName
from psp._partners.organisation import Sector

__all__ = ["TenderAwarded", "TenderEnded", "TenderOpened", "TenderPlanned", "TenderReceived"]


#: How a tender moves: planned, then opened (active); while active it receives tenders
#: and is awarded; until it is awarded it may end cancelled or unsuccessful.
TENDERS: Final = StatusMachine(
    "tender",
    TenderStatus.PLANNED,
    {
        "opened": (frozenset({TenderStatus.PLANNED}), frozenset({TenderStatus.ACTIVE})),
        "tendered for": (frozenset({TenderStatus.ACTIVE}), frozenset({TenderStatus.ACTIVE})),
        "awarded": (frozenset({TenderStatus.ACTIVE}), frozenset({TenderStatus.AWARDED})),
        "ended": (
            frozenset({TenderStatus.PLANNED, TenderStatus.ACTIVE}),
            frozenset({TenderStatus.CANCELLED, TenderStatus.UNSUCCESSFUL}),
        ),
    },
)


def _naming(tender: Tender) -> dict[str, str]:
    return {"field": "tender_id", "value": tender.id}


def _keep_tender(state: State, tender: Tender) -> None:
    state.tenders = state.put(state.tenders, tender.id, tender)


def _tender_id(value: str) -> str:
    return _checks.an_id("tender_id", value)


def _tenderer(value: str) -> str:
    return _checks.an_id("tenderer", value)


def _provider(value: str) -> str:
    return _checks.an_id("provider", value)


def _value(value: int | None) -> int | None:
    if value is None:
        return None
    return _checks.whole("value", value, 0, _checks.MAX_AMOUNT, " of pounds")


def _end(value: TenderStatus | TenderStatusName) -> TenderStatus:
    status = _checks.member_of(TenderStatus, "status", value)
    if status not in (TenderStatus.CANCELLED, TenderStatus.UNSUCCESSFUL):
        raise InvalidValueError(
            "status",
            status.value,
            "a tender ends cancelled or unsuccessful",
            code="choice-not-allowed",
        )
    return status


@attrs.frozen(kw_only=True)
class TenderPlanned(Recorded):
    """A tender for the sustained service was planned."""

    TAG: ClassVar[str] = "tender-planned"

    on: date = attrs.field(converter=fields.on_date)
    tender: Tender

    def __attrs_post_init__(self) -> None:
        fields.instance("tender", Tender, self.tender)

    def _apply(self, state: State) -> None:
        t = self.tender
        if t.id in state.tenders:
            raise RuleViolationError(
                "tender.id", t.id, "is the id of another tender", code="id-taken"
            )
        if t.status is not TenderStatus.PLANNED:
            raise RuleViolationError(
                "tender.status",
                t.status.value,
                "a tender is recorded as planned, then opened",
                code="not-initial-state",
            )
        for field, value in (
            ("tenderers", list(t.tenderers) or None),
            ("awarded_to", t.awarded_to),
            ("awarded_value", t.awarded_value),
        ):
            if value is not None:
                raise RuleViolationError(
                    f"tender.{field}",
                    value,
                    "a planned tender has no tenderers or award yet",
                    code="not-initial-state",
                )
        state.known("tender.commissioner", t.commissioner)
        if state.organisations[t.commissioner].sector is not Sector.PUBLIC:
            raise RuleViolationError(
                "tender.commissioner",
                t.commissioner,
                "a commissioner is a public body",
                code="not-a-public-body",
            )
        _keep_tender(state, t)


@attrs.frozen(kw_only=True)
class TenderOpened(Recorded):
    """A planned tender opened for bids."""

    TAG: ClassVar[str] = "tender-opened"

    on: date = attrs.field(converter=fields.on_date)
    tender_id: str = attrs.field(converter=_tender_id)

    def _apply(self, state: State) -> None:
        t = state.tender("tender_id", self.tender_id)
        status = TENDERS.to("opened", t.status, TenderStatus.ACTIVE, **_naming(t))
        _keep_tender(state, attrs.evolve(t, status=status))


@attrs.frozen(kw_only=True)
class TenderReceived(Recorded):
    """A provider (a member or not) tendered."""

    TAG: ClassVar[str] = "tender-received"

    on: date = attrs.field(converter=fields.on_date)
    tender_id: str = attrs.field(converter=_tender_id)
    tenderer: str = attrs.field(converter=_tenderer)

    def _apply(self, state: State) -> None:
        t = state.tender("tender_id", self.tender_id)
        TENDERS.to("tendered for", t.status, t.status, **_naming(t))
        state.known("tenderer", self.tenderer)
        if self.tenderer in t.tenderers:
            raise RuleViolationError(
                "tenderer", self.tenderer, "has already tendered", code="already-tendered"
            )
        _keep_tender(state, attrs.evolve(t, tenderers=(*t.tenderers, self.tenderer)))


@attrs.frozen(kw_only=True)
class TenderAwarded(Recorded):
    """A tender was awarded to one of its tenderers."""

    TAG: ClassVar[str] = "tender-awarded"

    on: date = attrs.field(converter=fields.on_date)
    tender_id: str = attrs.field(converter=_tender_id)
    provider: str = attrs.field(converter=_provider)
    value: int | None = attrs.field(default=None, converter=_value)

    def _apply(self, state: State) -> None:
        t = state.tender("tender_id", self.tender_id)
        status = TENDERS.to("awarded", t.status, TenderStatus.AWARDED, **_naming(t))
        if self.provider not in t.tenderers:
            raise RuleViolationError(
                "provider", self.provider, "did not tender", code="did-not-tender"
            )
        awarded = attrs.evolve(t, status=status, awarded_to=self.provider, awarded_value=self.value)
        _keep_tender(state, awarded)


@attrs.frozen(kw_only=True)
class TenderEnded(Recorded):
    """A tender ended without an award: cancelled, or unsuccessful."""

    TAG: ClassVar[str] = "tender-ended"

    on: date = attrs.field(converter=fields.on_date)
    tender_id: str = attrs.field(converter=_tender_id)
    status: TenderStatus = attrs.field(converter=_end)
    reason: str = attrs.field(default="", converter=fields.reason)

    def _apply(self, state: State) -> None:
        t = state.tender("tender_id", self.tender_id)
        status = TENDERS.to("ended", t.status, self.status, **_naming(t))
        _keep_tender(state, attrs.evolve(t, status=status))
