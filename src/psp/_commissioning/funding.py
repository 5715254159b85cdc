"""Funds, their streams, and the bids partnerships make to them (3.35-3.42, 3.53)."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Literal, TypeAlias, TypeVar

import attrs

from psp._base import checks as _checks
from psp._base import pickling as _pickling
from psp._base.errors import InvalidValueError

__all__ = [
    "Bid",
    "BidStatus",
    "BidStatusName",
    "Endorsement",
    "Fund",
    "FunderShare",
    "FundingMix",
    "FundingPurpose",
    "FundingPurposeName",
    "Stream",
]

#: A record type of a sequence checked by `_unique`.
_R = TypeVar("_R")


class FundingPurpose(enum.StrEnum):
    """What money is for."""

    DEVELOPMENT = "development"  #: designing the PSP (RRCF Year 1)
    PILOT = "pilot"  #: running the pilot (Low Moss: Scottish Government, The Robertson Trust)
    DELIVERY = "delivery"  #: delivering the service (RRCF Years 2 and 3)


#: The values of :class:`FundingPurpose`, for text that names a funding purpose.
FundingPurposeName: TypeAlias = Literal["development", "pilot", "delivery"]


class BidStatus(enum.StrEnum):
    """Where a bid stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    AWARDED = "awarded"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


#: The values of :class:`BidStatus`, for text that names a bid status.
BidStatusName: TypeAlias = Literal["draft", "submitted", "awarded", "declined", "withdrawn"]


def _id(value: str) -> str:
    return _checks.an_id("id", value)


def _name(value: str) -> str:
    return _checks.text("name", value)


def _purpose(value: FundingPurpose | FundingPurposeName) -> FundingPurpose:
    return _checks.member_of(FundingPurpose, "purpose", value)


def _optional_date(field: str, value: date | None) -> date | None:
    return None if value is None else _checks.a_date(field, value)


def _opens(value: date | None) -> date | None:
    return _optional_date("opens", value)


def _deadline(value: date | None) -> date | None:
    return _optional_date("deadline", value)


def _available(value: int | None) -> int | None:
    return None if value is None else _amount("amount", value)


@attrs.frozen
class Stream:
    """A funding stream of a fund: its purpose, its dates (RRCF: development funding,
    then delivery funding with a January deadline, 3.35) and the ``amount`` available,
    in whole pounds (``None``: not known, which is not nothing).

    A bid to the stream is for its ``purpose``; it is submitted on or after ``opens``
    and on or before ``deadline`` (each ``None``: no such date known). The policy's
    rules ``stream-purpose`` and ``stream-dates`` say what a bid that is not is.
    """

    id: str = attrs.field(converter=_id)
    name: str = attrs.field(converter=_name)
    purpose: FundingPurpose = attrs.field(converter=_purpose)
    opens: date | None = attrs.field(default=None, converter=_opens, kw_only=True)
    deadline: date | None = attrs.field(default=None, converter=_deadline, kw_only=True)
    amount: int | None = attrs.field(
        default=None, converter=_available, kw_only=True, metadata=_checks.ADDED_SINCE
    )

    def __attrs_post_init__(self) -> None:
        if self.opens and self.deadline and self.deadline < self.opens:
            raise InvalidValueError(
                "deadline",
                self.deadline.isoformat(),
                "must not be before the stream opens",
                code="end-before-start",
            )


def _funders(value: Iterable[str]) -> frozenset[str]:
    return _checks.ids("funders", value)


def _unique(
    field: str,
    value: object,
    cls: type[_R],
    key: str,
    *,
    what: str,
    taken: str,
    refused: tuple[type, ...] = (str, bytes),
) -> tuple[_R, ...]:
    """``value`` as a tuple of ``cls`` records (``what``, in the reason) whose ``key``
    attributes differ; a second record with one is refused with ``taken``. A value of a
    ``refused`` type (text, by default) is not taken as a sequence."""
    if isinstance(value, refused) or not isinstance(value, Iterable):
        raise InvalidValueError(
            field, value, f"must be a sequence of {what}", code="not-a-collection"
        )
    records = tuple(value)
    seen: set[object] = set()
    for i, r in enumerate(records):
        if not isinstance(r, cls):
            raise InvalidValueError(
                f"{field}[{i}]", r, f"must be a {cls.__name__}", code="wrong-type"
            )
        k = getattr(r, key)
        if k in seen:
            raise InvalidValueError(f"{field}[{i}].{key}", k, taken, code="duplicate")
        seen.add(k)
    return records


def _streams(value: Iterable[Stream]) -> tuple[Stream, ...]:
    return _unique(
        "streams", value, Stream, "id", what="streams", taken="is the id of another stream"
    )


def _share_funder(value: str) -> str:
    return _checks.an_id("funder", value)


@attrs.frozen
class FunderShare:
    """What one funder put into a fund: ``funder``, an organisation id, and ``amount``,
    in whole pounds (``None``: not known, which is not nothing)."""

    funder: str = attrs.field(converter=_share_funder)
    amount: int | None = attrs.field(default=None, converter=_available)


def _shares(value: Iterable[FunderShare]) -> tuple[FunderShare, ...]:
    return _unique(
        "shares",
        value,
        FunderShare,
        "funder",
        what="funder shares",
        taken="has another share",
        refused=(str, bytes, Mapping),
    )


def _decided_by(value: str | None) -> str | None:
    return _checks.optional_id("decided_by", value)


@attrs.frozen
class Fund:
    """A fund: who funds it (organisation ids), what each put in, who decides its bids,
    and its streams.

    ``shares`` gives what each funder put in (a :class:`FunderShare` per funder, each
    one of ``funders``); ``decided_by`` is the body that decides its bids, if it is not
    one of the funders (the RRCF's Decision Making Group). The RRCF was a fund of GBP 10
    million: 7.5 million from the Scottish Government, 2 million from The Robertson
    Trust and 0.5 million from the Scottish Prison Service.

    >>> fund = Fund(
    ...     "rrcf",
    ...     "Change Fund",
    ...     funders={"sg", "rt"},
    ...     shares=[FunderShare("sg", 7_500_000), FunderShare("rt", 2_000_000)],
    ... )
    >>> fund.amount, fund.share("rt")
    (9500000, 2000000)
    """

    id: str = attrs.field(converter=_id)
    name: str = attrs.field(converter=_name)
    funders: frozenset[str] = attrs.field(default=frozenset(), converter=_funders, kw_only=True)
    streams: tuple[Stream, ...] = attrs.field(default=(), converter=_streams, kw_only=True)
    shares: tuple[FunderShare, ...] = attrs.field(
        default=(), converter=_shares, kw_only=True, metadata=_checks.ADDED_SINCE
    )
    decided_by: str | None = attrs.field(
        default=None, converter=_decided_by, kw_only=True, metadata=_checks.ADDED_SINCE
    )

    def __attrs_post_init__(self) -> None:
        for i, s in enumerate(self.shares):
            if s.funder not in self.funders:
                raise InvalidValueError(
                    f"shares[{i}].funder",
                    s.funder,
                    f"is not one of the funders of {self.name}; list it in funders",
                    code="not-listed",
                )

    @property
    def amount(self) -> int | None:
        """The fund's whole amount: the sum of its funders' shares, when every funder has
        one with its amount known; ``None`` otherwise."""
        amounts = [self.share(f) for f in self.funders]
        known = [a for a in amounts if a is not None]
        return sum(known) if amounts and len(known) == len(amounts) else None

    def share(self, funder: str) -> int | None:
        """What ``funder`` put in, if known (``None``: no share, or its amount unknown)."""
        return next((s.amount for s in self.shares if s.funder == funder), None)

    def takes_bids_from(self, funder: str) -> bool:
        """Whether a bid may name ``funder``: one of the funders or the deciding body (a
        fund that names neither takes bids to anyone)."""
        if not self.funders and self.decided_by is None:
            return True
        return funder in self.funders or funder == self.decided_by

    def stream(self, stream_id: str) -> Stream:
        """The stream with this id."""
        for s in self.streams:
            if s.id == stream_id:
                return s
        raise InvalidValueError(
            "stream_id", stream_id, f"is not a stream of {self.name}", code="not-listed"
        )


def _partner_id(value: str) -> str:
    return _checks.an_id("partner_id", value)


def _area(value: str) -> str:
    return _checks.text("area", value)


def _on(value: date) -> date:
    return _checks.a_date("on", value)


def _given(value: bool) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError(
            "given", value, "must be true (signed off) or false (declined)", code="not-a-boolean"
        )
    return value


@attrs.frozen
class Endorsement:
    """A public body's sign-off of a bid for one area, given or declined (3.53: "without
    CJA support, bids were unlikely to be successful")."""

    partner_id: str = attrs.field(converter=_partner_id)
    area: str = attrs.field(converter=_area)
    given: bool = attrs.field(converter=_given)
    on: date = attrs.field(converter=_on)


def _funder(value: str) -> str:
    return _checks.an_id("funder", value)


def _amount(field: str, value: int) -> int:
    return _checks.whole(field, value, 0, _checks.MAX_AMOUNT, " of pounds")


def _amount_asked(value: int | None) -> int | None:
    return None if value is None else _amount("amount_asked", value)


def _areas(value: Iterable[str]) -> frozenset[str]:
    return _checks.texts("areas", value)


def _mous(value: Iterable[str]) -> frozenset[str]:
    return _checks.ids("mous", value)


def _fund(value: str | None) -> str | None:
    return _checks.optional_id("fund", value)


def _stream(value: str | None) -> str | None:
    return _checks.optional_id("stream", value)


def _status(value: BidStatus | BidStatusName) -> BidStatus:
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


def _by_funder(field: str, value: Any) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise InvalidValueError(
            field, value, "must map a funder id to its awards", code="not-a-collection"
        )
    for funder in value:
        _checks.an_id(field, funder)
    return value


def _known(value: Mapping[str, int]) -> Mapping[str, int]:
    known = _by_funder("known", value)
    return MappingProxyType({f: _amount(f"known[{f}]", a) for f, a in known.items()})


def _bid_ids(field: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            field, value, "must be a sequence of bid ids", code="not-a-collection"
        )
    ids = tuple(_checks.an_id(f"{field}[{i}]", v) for i, v in enumerate(value))
    if not ids:
        raise InvalidValueError(
            field,
            [],
            "must name at least one bid; leave out a funder with no such award",
            code="empty",
        )
    return ids


def _unknown(value: Mapping[str, Iterable[str]]) -> Mapping[str, tuple[str, ...]]:
    unknown = _by_funder("unknown", value)
    return MappingProxyType({f: _bid_ids(f"unknown[{f}]", ids) for f, ids in unknown.items()})


def _shown(mapping: Mapping[str, Any]) -> str:
    return repr(dict(mapping))


@attrs.frozen(repr=False, unsafe_hash=False)
class FundingMix:
    """What a partnership's awarded bids add up to, by funder (its funding mix).

    ``known`` maps each funder id to the sum of its awards whose amount is recorded, in
    whole pounds. ``unknown`` maps each funder id to the ids of its awarded bids whose
    amount is not recorded, in the order they were drafted: an award without an amount
    is still funding, so it is listed here rather than counted as nothing. A funder
    with both appears in both; ``known_total`` is then a lower bound, and
    ``is_complete`` is false.

    >>> mix = FundingMix(known={"sg": 90_000}, unknown={"rt": ["pilot-rt"]})
    >>> mix
    FundingMix(known={'sg': 90000}, unknown={'rt': ('pilot-rt',)})
    >>> mix.funders, mix.known_total, mix.is_complete
    (('sg', 'rt'), 90000, False)
    """

    known: Mapping[str, int] = attrs.field(factory=dict, converter=_known)
    unknown: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_unknown)

    def __repr__(self) -> str:
        return f"FundingMix(known={_shown(self.known)}, unknown={_shown(self.unknown)})"

    def __hash__(self) -> int:
        return hash((tuple(self.known.items()), tuple(self.unknown.items())))

    __copy__ = _pickling.itself
    __deepcopy__ = _pickling.itself_deep

    def __reduce__(self) -> tuple[Any, ...]:
        # A read-only mapping cannot be pickled: dicts stand in for them.
        return _pickling.by_arguments(self, known=dict(self.known), unknown=dict(self.unknown))

    @classmethod
    def of(cls, bids: Iterable[Bid]) -> FundingMix:
        """The mix of the awarded bids among ``bids`` (others are left out)."""
        known: dict[str, int] = {}
        unknown: dict[str, list[str]] = {}
        for b in bids:
            if b.status is not BidStatus.AWARDED:
                continue
            if b.amount_awarded is None:
                unknown.setdefault(b.funder, []).append(b.id)
            else:
                known[b.funder] = known.get(b.funder, 0) + b.amount_awarded
        return cls(known, unknown)

    @property
    def funders(self) -> tuple[str, ...]:
        """Every funder with an award: those with a known amount first, then the rest."""
        return (*self.known, *(f for f in self.unknown if f not in self.known))

    @property
    def known_total(self) -> int:
        """The sum of the known amounts (of every award, when :attr:`is_complete`)."""
        return sum(self.known.values())

    @property
    def is_complete(self) -> bool:
        """Whether every award's amount is known."""
        return not self.unknown
