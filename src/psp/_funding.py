"""Funds, their streams, and the bids partnerships make to them (3.35-3.42, 3.53)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from psp import _checks
from psp._errors import InvalidValueError

__all__ = ["Bid", "BidStatus", "Endorsement", "Fund", "FundingPurpose", "Stream"]


class FundingPurpose(enum.StrEnum):
    """What money is for."""

    DEVELOPMENT = "development"  #: designing the PSP (RRCF Year 1)
    PILOT = "pilot"  #: running the pilot (Low Moss: Scottish Government, The Robertson Trust)
    DELIVERY = "delivery"  #: delivering the service (RRCF Years 2 and 3)


class BidStatus(enum.StrEnum):
    """Where a bid stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    AWARDED = "awarded"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


def _id(value: Any) -> str:
    return _checks.text("id", value)


def _name(value: Any) -> str:
    return _checks.text("name", value)


def _purpose(value: Any) -> FundingPurpose:
    return _checks.member_of(FundingPurpose, "purpose", value)


def _optional_date(field: str, value: Any) -> date | None:
    return None if value is None else _checks.a_date(field, value)


def _opens(value: Any) -> date | None:
    return _optional_date("opens", value)


def _deadline(value: Any) -> date | None:
    return _optional_date("deadline", value)


@attrs.frozen
class Stream:
    """A funding stream of a fund: its purpose and its dates (RRCF: development funding,
    then delivery funding with a January deadline, 3.35)."""

    id: str = attrs.field(converter=_id)
    name: str = attrs.field(converter=_name)
    purpose: FundingPurpose = attrs.field(converter=_purpose)
    opens: date | None = attrs.field(default=None, converter=_opens, kw_only=True)
    deadline: date | None = attrs.field(default=None, converter=_deadline, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.opens and self.deadline and self.deadline < self.opens:
            raise InvalidValueError(
                "deadline", self.deadline.isoformat(), "must not be before the stream opens"
            )


def _funders(value: Iterable[Any]) -> frozenset[str]:
    return _checks.texts("funders", value)


def _streams(value: Iterable[Any]) -> tuple[Stream, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError("streams", value, "must be a sequence of streams")
    streams = tuple(value)
    seen: set[str] = set()
    for i, s in enumerate(streams):
        if not isinstance(s, Stream):
            raise InvalidValueError(f"streams[{i}]", s, "must be a Stream")
        if s.id in seen:
            raise InvalidValueError(f"streams[{i}].id", s.id, "is the id of another stream")
        seen.add(s.id)
    return streams


@attrs.frozen
class Fund:
    """A fund: who funds it (organisation ids) and its streams.

    The RRCF was funded by the Scottish Government, The Robertson Trust and the
    Scottish Prison Service, and decided by a Decision Making Group.
    """

    id: str = attrs.field(converter=_id)
    name: str = attrs.field(converter=_name)
    funders: frozenset[str] = attrs.field(default=frozenset(), converter=_funders, kw_only=True)
    streams: tuple[Stream, ...] = attrs.field(default=(), converter=_streams, kw_only=True)

    def stream(self, stream_id: str) -> Stream:
        """The stream with this id."""
        for s in self.streams:
            if s.id == stream_id:
                return s
        raise InvalidValueError("stream_id", stream_id, f"is not a stream of {self.name}")


def _partner_id(value: Any) -> str:
    return _checks.text("partner_id", value)


def _area(value: Any) -> str:
    return _checks.text("area", value)


def _on(value: Any) -> date:
    return _checks.a_date("on", value)


def _given(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError("given", value, "must be true (signed off) or false (declined)")
    return value


@attrs.frozen
class Endorsement:
    """A public body's sign-off of a bid for one area, given or declined (3.53: "without
    CJA support, bids were unlikely to be successful")."""

    partner_id: str = attrs.field(converter=_partner_id)
    area: str = attrs.field(converter=_area)
    given: bool = attrs.field(converter=_given)
    on: date = attrs.field(converter=_on)


def _funder(value: Any) -> str:
    return _checks.text("funder", value)


def _amount(field: str, value: Any) -> int:
    return _checks.whole(field, value, 0, _checks.MAX_AMOUNT, " of pounds")


def _amount_asked(value: Any) -> int | None:
    return None if value is None else _amount("amount_asked", value)


def _areas(value: Iterable[Any]) -> frozenset[str]:
    return _checks.texts("areas", value)


def _mous(value: Iterable[Any]) -> frozenset[str]:
    return _checks.texts("mous", value)


def _optional_text(field: str, value: Any) -> str | None:
    return None if value is None else _checks.text(field, value)


def _fund(value: Any) -> str | None:
    return _optional_text("fund", value)


def _stream(value: Any) -> str | None:
    return _optional_text("stream", value)


def _status(value: Any) -> BidStatus:
    return _checks.member_of(BidStatus, "status", value)


@attrs.frozen(kw_only=True)
class Bid:
    """A bid by the partnership for money: to whom (``funder``, an organisation id), for
    what (``purpose``), how much (``amount_asked``, whole pounds, if known), which ``areas`` it
    covers (each needs its CJA's sign-off), and the MoUs it carries.

    ``fund`` and ``stream`` name the fund and stream it goes to, when there is one;
    bids to the same fund and stream compete (3.40-3.41). ``deadline`` is the
    stream's, if any: a bid is not submitted after it.

    A partnership records what happens to a bid (:meth:`psp.Partnership.submit_bid` and
    the rest); ``status``, ``amount_awarded``, ``endorsements`` and ``decided_on`` are
    then filled in.
    """

    id: str = attrs.field(converter=_id)
    funder: str = attrs.field(converter=_funder)
    purpose: FundingPurpose = attrs.field(converter=_purpose)
    drafted_on: date = attrs.field(converter=_on)
    amount_asked: int | None = attrs.field(default=None, converter=_amount_asked)
    fund: str | None = attrs.field(default=None, converter=_fund)
    stream: str | None = attrs.field(default=None, converter=_stream)
    deadline: date | None = attrs.field(default=None, converter=_deadline)
    areas: frozenset[str] = attrs.field(default=frozenset(), converter=_areas)
    mous: frozenset[str] = attrs.field(default=frozenset(), converter=_mous)
    status: BidStatus = attrs.field(default=BidStatus.DRAFT, converter=_status)
    submitted_on: date | None = None
    decided_on: date | None = None
    amount_awarded: int | None = None
    endorsements: tuple[Endorsement, ...] = ()

    @property
    def is_open(self) -> bool:
        """Whether the bid can still change (a draft, or submitted and undecided)."""
        return self.status in (BidStatus.DRAFT, BidStatus.SUBMITTED)

    def competes_with(self, other: Bid) -> bool:
        """Whether both bids go to the same fund and stream (and are different bids)."""
        return (
            self.fund is not None
            and (self.fund, self.stream) == (other.fund, other.stream)
            and self.id != other.id
        )

    def _latest_word(self, given: bool) -> frozenset[str]:
        latest = {e.area: e.given for e in self.endorsements}  # later endorsements win
        return frozenset(area for area, word in latest.items() if word is given)

    def signed_off_areas(self) -> frozenset[str]:
        """The areas whose sign-off was given (the latest word for each area counts)."""
        return self._latest_word(True)

    def declined_areas(self) -> frozenset[str]:
        """The areas whose sign-off was declined (the latest word for each area counts)."""
        return self._latest_word(False)

    def areas_without_sign_off(self) -> frozenset[str]:
        """Areas the bid covers with no sign-off given."""
        return self.areas - self.signed_off_areas()
