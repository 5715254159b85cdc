"""The row types of :func:`psp.tables`: one :class:`typing.TypedDict` per table, of plain
values only (``str``, ``int``, ``float``, ``bool``, ``None`` and :class:`datetime.date`;
the event table's ``data`` column holds the event's plain data).

Dates are :class:`datetime.date`, not ISO text: pandas keeps them as they are (``pd.to_datetime``
turns a column into ``datetime64``), they compare and sort as dates, and ``json.dumps(rows,
default=date.isoformat)`` writes them as the ISO text :func:`psp.to_data` would.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

__all__ = [
    "AttendanceRow",
    "BidRow",
    "CapabilityRow",
    "CommitmentRow",
    "ConditionRow",
    "ContributionRow",
    "DifferenceRow",
    "EndorsementRow",
    "EventRow",
    "InitiatorRow",
    "LeadSelectionRow",
    "LinkKindRow",
    "LinkRow",
    "MeasureRow",
    "MeetingRow",
    "MembershipRow",
    "OrganisationRow",
    "PostRow",
    "RepresentativeRow",
    "RiskRatingRow",
    "RiskRow",
    "SeatRow",
    "StageRow",
    "SuspensionRow",
    "TenderRow",
    "WaiverRow",
]


class OrganisationRow(TypedDict):
    """An organisation the partnership knows (a member or not): its id, name, sector
    and kinds, as :class:`psp.Partner` holds them (enum values; ``None`` when not set)."""

    partnership: str
    id: str
    name: str
    sector: str
    public_body_kind: str | None
    third_sector_kind: str | None
    reach: str | None
    size: str | None
    part_of: str | None
    represents_service_users: bool


class MembershipRow(TypedDict):
    """A span of one organisation's membership with one set of roles: a change of roles
    ends one row and begins the next on the same day. ``roles`` are the role values,
    sorted and joined by spaces; ``end`` is ``None`` while the span is open."""

    partnership: str
    partner_id: str
    name: str
    sector: str
    roles: str
    start: date
    end: date | None
    engagement: str | None
    signposted_by: str | None


class SeatRow(TypedDict):
    """A non-member seat (a critical friend, an observer) held over a span."""

    partnership: str
    partner_id: str
    name: str
    kind: str
    start: date
    end: date | None


class SuspensionRow(TypedDict):
    """A span during which a member was suspended (still a member, not taking part)."""

    partnership: str
    partner_id: str
    start: date
    end: date | None
    reason: str


class RepresentativeRow(TypedDict):
    """A named person representing an organisation over a span."""

    partnership: str
    partner_id: str
    person: str
    title: str | None
    can_decide: bool | None
    start: date
    end: date | None


class LinkRow(TypedDict):
    """A typed relationship between two organisations over a span. In a portfolio's
    table, a link that belongs to no one partnership has ``partnership`` ``None``."""

    partnership: str | None
    source: str
    target: str
    kind: str
    start: date
    end: date | None
    weight: float | None
    pre_existing: bool | None
    note: str


class MeetingRow(TypedDict):
    """A meeting: ``meeting`` is its number in the partnership, 1 for the first held;
    ``agenda`` and ``decisions`` are their items joined by newlines."""

    partnership: str
    meeting: int
    on: date
    kind: str
    group: str | None
    minuted: bool
    attendees: int
    agenda: str
    decisions: str


class AttendanceRow(TypedDict):
    """A person at a meeting (one row per attendee per meeting), and the organisation
    they represented there; ``meeting`` is the meeting's number in its :class:`MeetingRow`."""

    partnership: str
    meeting: int
    on: date
    person: str
    partner_id: str


class BidRow(TypedDict):
    """A bid as it stands now; amounts in whole pounds; ``areas`` sorted and joined by
    newlines, ``mous`` (ids) sorted and joined by spaces."""

    partnership: str
    id: str
    funder: str
    fund: str | None
    stream: str | None
    purpose: str
    status: str
    drafted_on: date
    deadline: date | None
    submitted_on: date | None
    decided_on: date | None
    amount_asked: int | None
    amount_awarded: int | None
    areas: str
    mous: str


class EndorsementRow(TypedDict):
    """An area's word on a bid (given or declined), in the order given."""

    partnership: str
    bid: str
    partner_id: str
    area: str
    given: bool
    on: date


class CommitmentRow(TypedDict):
    """A sustainability commitment as it stands now; ``status`` as
    :attr:`psp.SustainabilityCommitment.status` gives it; ``start`` and ``end`` its period
    (``None`` when it has none); ``measures`` and ``conditions`` how many it hangs on (each
    a row of its own table)."""

    partnership: str
    id: str
    by: str
    on_behalf_of: str
    what: str
    amount: int | None
    start: date | None
    end: date | None
    status: str
    measures: int
    conditions: int
    conditions_met: bool


class MeasureRow(TypedDict):
    """A measure a commitment hangs on, with its result so far and whether it is met."""

    partnership: str
    commitment: str
    name: str
    baseline: float
    target: float
    higher_is_better: bool
    result: float | None
    met: bool


class ConditionRow(TypedDict):
    """An external condition a commitment hangs on; ``outcome`` ``None`` until known."""

    partnership: str
    commitment: str
    name: str
    outcome: bool | None


class TenderRow(TypedDict):
    """A commissioning tender as it stands now; ``tenderers`` in the order they tendered,
    joined by spaces."""

    partnership: str
    id: str
    commissioner: str
    title: str
    value: int | None
    status: str
    tenderers: str
    awarded_to: str | None
    awarded_value: int | None


class StageRow(TypedDict):
    """A lifecycle step taken: the day, the step and the stage it led to."""

    partnership: str
    on: date
    step: str
    stage: str


class EventRow(TypedDict):
    """An event of the history: ``version`` is the partnership's version once it is
    recorded (1 for the first event), ``type`` its tag, ``on`` its date, ``ids`` every id
    it names (organisations, bids, MoUs, ...), in the order named, joined by spaces, and
    ``data`` the whole event as :func:`psp.to_data` writes it (a dict: the one column
    that is not a single value)."""

    partnership: str
    version: int
    type: str
    on: date
    ids: str
    data: dict[str, Any]


# -- issue 18's records: origins, contributions, waivers, link kinds, posts, risks ------


class InitiatorRow(TypedDict):
    """An organisation that initiated the partnership (one row per initiator, in the
    order the partnership came to know them), with the day and note of the initiation."""

    partnership: str
    partner_id: str
    name: str
    sector: str
    on: date
    note: str


class LeadSelectionRow(TypedDict):
    """A choice of lead, oldest first: who was chosen (``partner_id``), how
    (``method``), by whom and among which ``alternatives`` (ids sorted and joined by
    spaces; empty when not recorded)."""

    partnership: str
    on: date
    partner_id: str
    name: str
    method: str
    by: str
    alternatives: str
    note: str


class ContributionRow(TypedDict):
    """A member's contribution, oldest first, in the columns of
    :meth:`psp.Partnership.contribution_rows`: ``kind`` a contribution kind's value or a
    term's text, ``value`` whole pounds (``None``: not known)."""

    partnership: str
    on: date
    partner_id: str
    name: str
    sector: str
    kind: str
    value: int | None
    description: str


class CapabilityRow(TypedDict):
    """One capability an organisation declared, from its latest declaration
    (``declared_on``): one row per organisation per capability, organisations in the
    order they first declared, capabilities sorted; an empty declaration gives none."""

    partnership: str
    partner_id: str
    name: str
    capability: str
    declared_on: date


class WaiverRow(TypedDict):
    """A rule waived for the partnership over a span: ``rule`` its code, ``granted_by``
    the organisation that granted it; ``end`` is ``None`` while it stays in force."""

    partnership: str
    rule: str
    granted_by: str
    start: date
    end: date | None
    reason: str


class LinkKindRow(TypedDict):
    """A link kind of the partnership's own (a term's text), with its label and inverse
    label as last defined, in the order first defined."""

    partnership: str
    kind: str
    label: str
    inverse_label: str


class PostRow(TypedDict):
    """A span of one person holding a post: the post (``post_id``, ``kind``, ``group``,
    ``post_title``), the organisation they held it for (``partner_id``), the ``person``
    and their own ``title`` there (each ``None`` when not recorded). A post never
    filled has no row."""

    partnership: str
    post_id: str
    kind: str
    group: str | None
    post_title: str | None
    partner_id: str | None
    person: str | None
    title: str | None
    start: date
    end: date | None


class RiskRow(TypedDict):
    """A risk or an issue as it stands now: its latest rating (``likelihood``,
    ``impact`` and ``score``, ``None`` if never rated), how many ``reviews`` it had,
    and ``closed_on`` and ``closed_because`` once closed."""

    partnership: str
    id: str
    kind: str
    description: str
    raised_on: date
    raised_by: str | None
    owner: str | None
    likelihood: int | None
    impact: int | None
    score: int | None
    reviews: int
    closed_on: date | None
    closed_because: str


class RiskRatingRow(TypedDict):
    """One rating of a risk or issue (its rating history: the one given when raised,
    then each review's), with its day."""

    partnership: str
    risk: str
    on: date
    likelihood: int
    impact: int
    score: int


class DifferenceRow(TypedDict):
    """A difference between partners: its ``parties`` (ids sorted and joined by
    spaces), ``subject``, when raised and, once resolved, when and ``how``."""

    partnership: str
    id: str
    subject: str
    parties: str
    raised_on: date
    resolved_on: date | None
    how: str
