"""The rules a bid submitted to a fund's stream is checked against (issue 17, item 1):
``stream-purpose``, a breach, and ``stream-dates``, a warning, each switched on by its
:class:`psp.Policy` setting and set aside by a waiver in force on the day."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import attrs

from psp._commissioning.funding import Bid, Fund, Stream
from psp._lifecycle.policy import Finding, Policy, Waiver

__all__ = ["stream_findings"]


def _dates(stream: Stream, on: date) -> str | None:
    day = on.isoformat()
    if stream.opens is not None and on < stream.opens:
        return f"is submitted on {day}, before {stream.name} opens ({stream.opens.isoformat()})"
    if stream.deadline is not None and on > stream.deadline:
        deadline = stream.deadline.isoformat()
        return f"is submitted on {day}, after the deadline of {stream.name} ({deadline})"
    return None


def stream_findings(
    bid: Bid, fund: Fund, stream: Stream, on: date, policy: Policy, waivers: Mapping[str, Waiver]
) -> tuple[Finding, ...]:
    """What ``policy`` finds of ``bid``, submitted on ``on`` to ``stream`` of ``fund``:
    a bid for a purpose the stream does not fund (``stream-purpose``), one submitted
    before the stream opens or after its deadline (``stream-dates``). Each finding's
    subject is the bid's id; a rule waived on ``on`` carries its waiver."""
    found = []
    if policy.bid_purpose_in_stream and bid.purpose is not stream.purpose:
        message = (
            f"bid {bid.id} is for {bid.purpose.value}, but {stream.name} of {fund.name} "
            f"funds {stream.purpose.value} only"
        )
        found.append(Finding.of("stream-purpose", message, bid.id))
    late = _dates(stream, on) if policy.bid_within_stream_dates else None
    if late is not None:
        found.append(Finding.of("stream-dates", f"bid {bid.id} {late}", bid.id))
    return tuple(attrs.evolve(f, waiver=waivers[f.rule]) if f.rule in waivers else f for f in found)
