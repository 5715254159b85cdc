"""Fund events and their effects: a fund the partnership knows (``FundRecorded``), and
the checks a bid naming a recorded fund meets (issue 17, item 1) (private).

A bid naming a fund the partnership has recorded names one of its streams (a fund with
no streams takes bids naming none) and, as its funder, one of the fund's funders or the
body that decides its bids (:meth:`psp.Fund.takes_bids_from`). A bid naming a fund
nobody recorded is taken as it always was: older histories read unchanged."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base.errors import RuleViolationError, UnknownReferenceError
from psp._commissioning.funding import Bid, Fund, Stream
from psp._lifecycle.bid_rules import stream_findings
from psp._lifecycle.policy import Finding

__all__ = ["FundRecorded", "check_bid", "check_submission", "submission_findings"]


@attrs.frozen(kw_only=True)
class FundRecorded(Recorded):
    """The partnership recorded a fund it may bid to: its funders and what each put in,
    who decides its bids, and its streams (purposes, dates, amounts available)."""

    TAG: ClassVar[str] = "fund-recorded"

    on: date = attrs.field(converter=fields.on_date)
    fund: Fund

    def __attrs_post_init__(self) -> None:
        fields.instance("fund", Fund, self.fund)

    def _apply(self, state: State) -> None:
        if self.fund.id in state.funds:
            raise RuleViolationError(
                "fund.id", self.fund.id, "is the id of a fund already recorded", code="id-taken"
            )
        state.funds = state.put(state.funds, self.fund.id, (self.on, self.fund))


def _recorded(state: State, bid: Bid) -> Fund | None:
    found = None if bid.fund is None else state.funds.get(bid.fund)
    return None if found is None else found[1]


def _stream(fund: Fund, bid: Bid) -> Stream | None:
    return next((s for s in fund.streams if s.id == bid.stream), None)


def check_bid(state: State, bid: Bid, field: str | None = None) -> tuple[Fund, Stream] | None:
    """The recorded fund and stream ``bid`` names (``None``: a fund nobody recorded, or
    one with no streams); refuse a stream the fund lacks, or a funder it does not take.
    A refusal names ``bid.stream`` (or ``bid.funder``), or ``field`` with the bid's id."""
    fund = _recorded(state, bid)
    if fund is None:
        return None
    stream = _stream(fund, bid)
    if stream is None and (fund.streams or bid.stream is not None):
        streams = ", ".join(s.id for s in fund.streams) or "none"
        if bid.stream is None:
            reason = f"names no stream; a bid to {fund.name} names one of its streams ({streams})"
        else:
            reason = f"is not a stream of {fund.name} (its streams: {streams})"
            reason = reason if field is None else f"names stream {bid.stream}, which {reason}"
        if field is None:
            raise UnknownReferenceError("bid.stream", bid.stream, reason, code="unknown-stream")
        raise UnknownReferenceError(field, bid.id, reason, code="unknown-stream")
    if not fund.takes_bids_from(bid.funder):
        names = ", ".join(sorted(fund.funders)) or "none"
        decider = "" if fund.decided_by is None else f"; it is decided by {fund.decided_by}"
        reason = f"is not a funder of {fund.name} (its funders: {names}{decider})"
        if field is None:
            raise RuleViolationError("bid.funder", bid.funder, reason, code="not-a-fund-funder")
        raise RuleViolationError(
            field, bid.id, f"names {bid.funder}, which {reason}", code="not-a-fund-funder"
        )
    return None if stream is None else (fund, stream)


def submission_findings(state: State, bid: Bid, on: date) -> tuple[Finding, ...]:
    """What the policy finds of ``bid`` submitted on ``on`` to a recorded fund's stream
    (none for a fund nobody recorded); a rule waived on ``on`` carries its waiver."""
    fund = _recorded(state, bid)
    stream = None if fund is None else _stream(fund, bid)
    if fund is None or stream is None:
        return ()
    return stream_findings(bid, fund, stream, on, state.policy, state.waivers_on(on))


def check_submission(state: State, bid: Bid, on: date) -> None:
    """Refuse ``bid``'s submission on ``on`` on a breach of the stream rules not waived."""
    check_bid(state, bid, "bid_id")
    for f in submission_findings(state, bid, on):
        if f.blocking:  # stream-purpose, the one breach of the stream rules
            raise RuleViolationError(
                "bid_id",
                bid.id,
                f"{f.message} ({state.policy.name}: {f.rule})",
                code="stream-purpose",
            )
