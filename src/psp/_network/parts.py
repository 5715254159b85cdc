"""The parts an organisation plays in a partnership besides membership: a funder of an
awarded bid, a seat holder (a critical friend, an observer), the giver of a
sustainability commitment, a tenderer. :func:`psp.partner_graph` shows them on request
(``parts=True``); a member may play a part too."""

from __future__ import annotations

from datetime import date
from typing import Final

from psp._aggregate.events import CommitmentGiven, CommitmentLapsed, TenderReceived
from psp._aggregate.partnership import Partnership
from psp._commissioning.funding import BidStatus

__all__ = ["PARTS", "PART_LABELS", "PART_OF", "parts_of"]

#: The ``kind`` of the edges from an organisation to a partnership it plays a part in.
PART_OF: Final = "part-of"

#: Each part, and how its edge reads forwards and back (``label``, ``inverse_label``).
PART_LABELS: Final[dict[str, tuple[str, str]]] = {
    "funder": ("funds", "is funded by"),
    "critical-friend": ("is a critical friend of", "has as critical friend"),
    "observer": ("observes", "is observed by"),
    "commitment-giver": ("gives a commitment to", "has a commitment from"),
    "tenderer": ("tenders to", "receives a tender from"),
}

#: The parts an organisation can play, in the order :func:`parts_of` lists them.
PARTS: Final = tuple(PART_LABELS)


def parts_of(p: Partnership, on: date | None) -> list[tuple[str, str]]:
    """``(organisation id, part)`` pairs of ``p`` on ``on`` (``None``: now), each once,
    part by part in the order of :data:`PARTS`, then in the order recorded.

    A funder's part begins when its bid is awarded; a seat's lasts while the seat is
    held; a commitment's from the day it is given until it lapses; a tenderer's from
    the day its tender is received.
    """
    day = date.max if on is None else on
    found: dict[tuple[str, str], None] = {}
    for bid in p.bids():
        if bid.status is BidStatus.AWARDED and bid.decided_on is not None and bid.decided_on <= day:
            found[(bid.funder, "funder")] = None
    for seat in p.seats_on(on):
        found[(seat.partner_id, seat.kind.value)] = None
    given: dict[str, str] = {}
    tenderers: dict[tuple[str, str], None] = {}
    for e in p.history:
        if e.on > day:
            break
        if isinstance(e, CommitmentGiven):
            given[e.commitment_id] = p.commitment(e.commitment_id).by
        elif isinstance(e, CommitmentLapsed):
            given.pop(e.commitment_id, None)
        elif isinstance(e, TenderReceived):
            tenderers[(e.tenderer, "tenderer")] = None
    for by in given.values():
        found[(by, "commitment-giver")] = None
    found.update(tenderers)
    order = {part: i for i, part in enumerate(PARTS)}
    return sorted(found, key=lambda pair: order[pair[1]])
