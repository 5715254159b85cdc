"""Hypothesis strategies for psp's types, for property tests of code built on psp.

Install with ``pip install "public-social-partnerships[testing]"``. Every strategy
generates *valid* objects; :func:`partnerships` drives the real commands, so its
histories are ones a user could have recorded.

>>> from hypothesis import given
>>> from psp.testing import partnerships
>>> @given(partnerships())
... def test_at_most_one_lead(p):
...     assert sum(1 for m in p.memberships_on() if "lead" in m.roles) <= 1

Importing hypothesis also registers these strategies for ``st.from_type`` (through
the ``hypothesis`` entry point), so ``st.from_type(psp.Partnership)`` works.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._base.errors import PSPError
from psp._base.identifiers import KNOWN_SCHEMES, OrgId
from psp._base.period import Period
from psp._base.roles import Role, SeatKind
from psp._base.scope import Focus, Scope
from psp._commissioning.commitments import (
    CommitmentStatus,
    ExternalCondition,
    Measure,
    SustainabilityCommitment,
)
from psp._commissioning.funding import Bid, BidStatus, FundingPurpose
from psp._commissioning.tender import Tender, TenderStatus
from psp._governing.meetings import Attendance, Meeting, MeetingKind
from psp._governing.mou import Clause, ClauseSubject, MoU, PartnershipValue, Signatory
from psp._governing.structure import (
    Cadence,
    CadenceUnit,
    DecisionStyle,
    Firmness,
    GovernanceStructure,
    GovernanceType,
    Group,
    GroupTier,
    Responsibility,
)
from psp._lifecycle.design import (
    Baseline,
    Consultation,
    ConsultationKind,
    LogicModel,
    ServiceDesign,
)
from psp._lifecycle.policy import Policy, Severity
from psp._lifecycle.stages import Step
from psp._network.survey import Statement, Survey, Tally, Theme
from psp._partners.links import LinkKind
from psp._partners.membership import Engagement, ReimbursementStatus
from psp._partners.organisation import Partner, PublicBodyKind, Reach, Sector, Size, ThirdSectorKind

__all__ = [
    "bids",
    "cadences",
    "commitments",
    "dates",
    "governance_structures",
    "mous",
    "names",
    "org_ids",
    "partners",
    "partnerships",
    "periods",
    "policies",
    "portfolios",
    "role_sets",
    "slugs",
    "statements",
    "surveys",
    "tallies",
]

_EARLIEST = date(2000, 1, 1)
_LATEST = date(2040, 12, 31)
_AREAS = ("Glasgow", "North Strathclyde", "Lothian and Borders", "Fife", "Tayside", "Northern")


def dates(min_value: date = _EARLIEST, max_value: date = _LATEST) -> st.SearchStrategy[date]:
    """Calendar dates between ``min_value`` and ``max_value``."""
    return st.dates(min_value=min_value, max_value=max_value)


_SLUGS = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
_WORDS = st.text(alphabet=st.characters(categories=("L", "N", "P")), min_size=1, max_size=10)
_NAMES = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)


def slugs() -> st.SearchStrategy[str]:
    """Short identifiers such as ``tps`` or ``org-7``."""
    return _SLUGS


def names() -> st.SearchStrategy[str]:
    """Names of one to four words, with unicode letters, single spaces and no padding."""
    return _NAMES


# [0-9], never \d: from_regex draws other scripts' digits for \d, and org-ids are ASCII.
_ORG_IDS = st.one_of(
    st.from_regex(r"SC[0-9]{6}", fullmatch=True).map(lambda i: OrgId("GB-SC", i)),
    st.from_regex(r"[0-9]{8}", fullmatch=True).map(lambda i: OrgId("GB-COH", i)),
    st.from_regex(r"[A-Z]{3}", fullmatch=True).map(lambda i: OrgId("GB-LAS", i)),
    st.from_regex(r"[0-9]{6,7}", fullmatch=True).map(lambda i: OrgId("GB-CHC", i)),
    st.builds(
        OrgId,
        st.from_regex(r"[A-Z]{2}-[A-Z0-9]{2,6}", fullmatch=True).filter(
            lambda s: s not in KNOWN_SCHEMES
        ),
        st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True),
    ),
)


def org_ids() -> st.SearchStrategy[OrgId]:
    """Identifiers in known schemes (with valid shapes) and in other well-formed schemes."""
    return _ORG_IDS


def periods(min_value: date = _EARLIEST, max_value: date = _LATEST) -> st.SearchStrategy[Period]:
    """Half-open periods, open or closed, within the given dates."""

    @st.composite
    def build(draw: st.DrawFn) -> Period:
        start = draw(dates(min_value, max_value - timedelta(days=1)))
        end = draw(st.none() | dates(start + timedelta(days=1), max_value))
        return Period(start, end)

    return build()


def role_sets() -> st.SearchStrategy[frozenset[Role]]:
    """Sets of roles, empty included (members hold several at once)."""
    return _ROLE_SETS


_SECTORS = st.sampled_from(Sector)
_PUBLIC_KINDS = st.sampled_from(PublicBodyKind)
_THIRD_KINDS = st.none() | st.sampled_from(ThirdSectorKind)
_REACHES = st.none() | st.sampled_from(Reach)
_SIZES = st.none() | st.sampled_from(Size)
_AREA_SETS = st.frozensets(st.sampled_from(_AREAS), max_size=2)
_IDENTIFIER_LISTS = st.lists(_ORG_IDS, max_size=2, unique=True)


@st.composite
def _partner(draw: st.DrawFn, id: str | None, sector: Sector | None) -> Partner:
    chosen = draw(_SECTORS) if sector is None else sector
    return Partner(
        draw(_SLUGS) if id is None else id,
        draw(_NAMES),
        chosen,
        public_body_kind=draw(_PUBLIC_KINDS) if chosen is Sector.PUBLIC else None,
        third_sector_kind=draw(_THIRD_KINDS) if chosen is Sector.THIRD else None,
        reach=draw(_REACHES),
        size=draw(_SIZES),
        areas=draw(_AREA_SETS),
        identifiers=draw(_IDENTIFIER_LISTS),
        represents_service_users=draw(st.booleans()),
    )


def partners(id: str | None = None, sector: Sector | None = None) -> st.SearchStrategy[Partner]:
    """Valid organisations; fix ``id`` or ``sector`` to constrain them."""
    return _partner(id, sector)


def policies() -> st.SearchStrategy[Policy]:
    """Valid policies, including the RRCF's."""
    built = st.builds(
        Policy,
        name=names(),
        lead_sectors=st.none() | st.frozensets(st.sampled_from(Sector), min_size=1),
        min_public_members=st.integers(0, 3),
        min_third_sector_members=st.integers(0, 3),
        required_roles=role_sets(),
        expected_public_bodies=st.dictionaries(
            st.sampled_from(Focus), st.frozensets(st.sampled_from(PublicBodyKind)), max_size=3
        ),
    )
    return st.one_of(st.just(Policy.rrcf()), st.just(Policy()), built)


_FOCI = st.frozensets(st.sampled_from(Focus), max_size=2)
_SCOPES = st.none() | st.sampled_from(Scope)
_PARTNERSHIP_AREAS = st.frozensets(st.sampled_from(_AREAS), max_size=3)
_DESCRIPTIONS = st.sampled_from(["", "Throughcare for short-term prisoners"])
_FIRST_DAYS = st.dates(date(2010, 1, 1), date(2014, 1, 1))
_GAPS = st.integers(0, 60)
_ENGAGEMENTS = st.none() | st.sampled_from(Engagement)
_ROLE_SETS = st.frozensets(st.sampled_from(Role))
_SEAT_KINDS = st.sampled_from(SeatKind)
_PEOPLE = st.sampled_from(["Alex Reid", "Morag Kerr", "Sam Patel", "Jo Byrne"])
_PEOPLE_NAMES = st.sampled_from(
    ["Alex Reid", "Morag Kerr", "Sam Patel", "Jo Byrne", "Ewan Grant", "Priya Shah", "Liam Doyle"]
)
_STATUSES = st.sampled_from(ReimbursementStatus)
_TITLES = st.none() | st.just("Chief Officer")
_CAN_DECIDE = st.none() | st.booleans()
_REASONS = st.sampled_from(["", "looser fit with the service"])
_LINK_KINDS = st.sampled_from(LinkKind)
_WEIGHTS = st.none() | st.floats(0, 500, allow_nan=False)


_CADENCE_UNITS = st.sampled_from(CadenceUnit)
_RESPONSIBILITY_SETS = st.frozensets(st.sampled_from(Responsibility))
_DECISION_STYLES = st.none() | st.sampled_from(DecisionStyle)
_FLAGS = st.none() | st.booleans()


@st.composite
def _cadence(draw: st.DrawFn) -> Cadence:
    every = draw(st.integers(1, 8))
    up_to = draw(st.none() | st.integers(every, every + 4))
    return Cadence(every, draw(_CADENCE_UNITS), up_to)


def cadences() -> st.SearchStrategy[Cadence]:
    """Meeting cadences: every n weeks or months, or every n to m."""
    return _cadence()


@st.composite
def _group(
    draw: st.DrawFn, group_id: str, tier: GroupTier, seats: Sequence[str], reports_to: str | None
) -> Group:
    members = draw(st.frozensets(st.sampled_from(seats), max_size=6)) if seats else frozenset()
    chairs = draw(st.frozensets(st.sampled_from(sorted(members)), max_size=2)) if members else ()
    return Group(
        group_id,
        f"{tier.value.title()} group {group_id}",
        tier,
        members=members,
        chairs=chairs,
        responsibilities=draw(_RESPONSIBILITY_SETS),
        reports_to=reports_to,
        cadence=draw(st.none() | _cadence()),
        minuted=draw(_FLAGS),
        firm_agenda=draw(_FLAGS),
        decision_style=draw(_DECISION_STYLES),
        area=draw(st.none() | st.sampled_from(_AREAS)) if tier is GroupTier.LOCAL else None,
    )


@st.composite
def _structure(draw: st.DrawFn, seats: Sequence[str]) -> GovernanceStructure:
    kind = draw(st.sampled_from(GovernanceType))
    working = [
        draw(_group(f"wg{i}", GroupTier.WORKING, seats, None))
        for i in range(draw(st.integers(0, 1)))
    ]
    if kind is GovernanceType.SINGLE_TIER:
        groups = [draw(_group("gg", GroupTier.GOVERNANCE, seats, None))]
    elif kind is GovernanceType.TWO_TIER:
        groups = [draw(_group("strategic", GroupTier.STRATEGIC, seats, None))]
        groups += [
            draw(_group(f"ops{i}", GroupTier.OPERATIONAL, seats, "strategic"))
            for i in range(draw(st.integers(1, 2)))
        ]
    else:
        groups = [draw(_group("gg", GroupTier.GOVERNANCE, seats, None))]
        groups += [
            draw(_group(f"local{i}", GroupTier.LOCAL, seats, "gg"))
            for i in range(draw(st.integers(1, 3)))
        ]
    return GovernanceStructure(kind, groups + working, firmness=draw(st.sampled_from(Firmness)))


def governance_structures(
    seats: Sequence[str] = ("a", "b", "c", "d"),
) -> st.SearchStrategy[GovernanceStructure]:
    """Valid structures of every type, whose groups seat organisations from ``seats``."""
    return _structure(tuple(seats))


@st.composite
def _mou(
    draw: st.DrawFn, mou_id: str, parties: Sequence[str], drafted_on: date, signed: bool = False
) -> MoU:
    # ``signed``: at least one signatory is named, so that the MoU can be signed.
    chosen = draw(st.frozensets(st.sampled_from(parties), min_size=1)) if parties else frozenset()
    people = draw(
        st.lists(
            _PEOPLE_NAMES,
            min_size=int(signed and bool(chosen)),
            max_size=len(chosen) + 2,
            unique=True,
        )
    )
    signatories = (
        [
            Signatory(person, draw(st.sampled_from(sorted(chosen))), draw(_TITLES))
            for person in people
        ]
        if chosen
        else []
    )
    clauses = draw(st.lists(st.builds(Clause, st.sampled_from(ClauseSubject), _NAMES), max_size=3))
    return MoU(
        id=mou_id,
        drafted_on=drafted_on,
        parties=chosen,
        values=draw(st.frozensets(st.sampled_from(PartnershipValue))),
        clauses=clauses,
        signatories=signatories,
    )


def mous(
    parties: Sequence[str] = ("a", "b", "c"), drafted_on: date = date(2012, 9, 1)
) -> st.SearchStrategy[MoU]:
    """Unsigned MoUs (version 1) between some of ``parties``."""
    return _mou("mou", tuple(parties), drafted_on)


@st.composite
def _meeting(
    draw: st.DrawFn, on: date, organisations: Sequence[str], groups: Sequence[str]
) -> Meeting:
    people = draw(st.lists(_PEOPLE_NAMES, max_size=6, unique=True)) if organisations else []
    return Meeting(
        on=on,
        kind=draw(st.sampled_from(MeetingKind)),
        attendees=[Attendance(person, draw(st.sampled_from(organisations))) for person in people],
        group=draw(st.none() | st.sampled_from(groups)) if groups else None,
        minuted=draw(st.booleans()),
        agenda=draw(st.lists(_WORDS, max_size=2)),
        decisions=draw(st.lists(_WORDS, max_size=2)),
    )


_PURPOSES = st.sampled_from(FundingPurpose)
_AMOUNTS = st.none() | st.integers(0, 10**6)
_RESULTS = st.floats(0, 100, allow_nan=False)
_LIFECYCLE_STEPS = st.sampled_from(Step)


@st.composite
def _bid(
    draw: st.DrawFn,
    bid_id: str,
    funder: str,
    drafted_on: date,
    purpose: FundingPurpose | None = None,
) -> Bid:
    return Bid(
        id=bid_id,
        funder=funder,
        purpose=draw(_PURPOSES) if purpose is None else purpose,
        drafted_on=drafted_on,
        amount_asked=draw(_AMOUNTS),
        fund=draw(st.none() | st.just("rrcf")),
        stream=draw(st.none() | st.sampled_from(["year-1", "year-2-3"])),
        areas=draw(st.frozensets(st.sampled_from(_AREAS), max_size=2)),
    )


def bids(funder: str = "funder", drafted_on: date = date(2012, 9, 1)) -> st.SearchStrategy[Bid]:
    """Draft bids to ``funder``."""
    return _bid("bid", funder, drafted_on)


_MEASURE = st.builds(
    Measure,
    st.sampled_from(["reoffending", "employment", "housing"]),
    st.floats(0, 100),
    st.floats(0, 100),
    st.booleans(),
    st.none() | st.floats(0, 100),
)
_MEASURES = st.lists(_MEASURE, max_size=2, unique_by=lambda m: m.name)
_SOME_MEASURES = st.lists(_MEASURE, min_size=1, max_size=2, unique_by=lambda m: m.name)
_CONDITIONS = st.lists(
    st.builds(
        ExternalCondition,
        st.sampled_from(["2014 Spending Review", "council budget"]),
        st.none() | st.booleans(),
    ),
    max_size=2,
    unique_by=lambda c: c.name,
)


@st.composite
def _commitment(
    draw: st.DrawFn, commitment_id: str, by: str, measured: bool = False
) -> SustainabilityCommitment:
    # ``measured``: at least one measure, as a review asks for.
    measures = draw(_SOME_MEASURES if measured else _MEASURES)
    return SustainabilityCommitment(
        id=commitment_id,
        by=by,
        amount=draw(_AMOUNTS),
        measures=[attrs.evolve(m, result=None) for m in measures],
        conditions=[attrs.evolve(c, outcome=None) for c in draw(_CONDITIONS)],
    )


def commitments(by: str = "cja") -> st.SearchStrategy[SustainabilityCommitment]:
    """Sought sustainability commitments by ``by``, with measures and conditions."""
    return _commitment("commitment", by)


# -- partnerships: a history built by commands ------------------------------------------
#
# Each step below is one command, or the few commands one change needs, applied to the
# partnership so far through the public API. Steps pick their targets from the state
# (an open seat to leave, a submitted bid to decide) so that most are accepted; a step
# that finds nothing to act on starts something instead (a seat, a bid) for a later step
# to act on. A refused step (a PSPError) leaves the partnership as it was.

_Step = Callable[[st.DrawFn, Partnership, Sequence[Partner], date], Partnership]

_BASELINES = st.builds(
    Baseline,
    st.sampled_from(["reoffending rate", "cells", "short-term prisoners"]),
    st.floats(0, 1000, allow_nan=False),
    st.none() | st.just("%"),
    st.none() | st.just("Scottish Government"),
)
_CONSULTATIONS = st.builds(
    Consultation, st.sampled_from(ConsultationKind), st.none() | st.integers(0, 60), _REASONS
)
_LOGIC_TEXTS = st.sampled_from(["fewer reconvictions", "stable housing", "peer mentoring"])
_LOGIC_MODELS = st.builds(
    LogicModel,
    st.lists(_LOGIC_TEXTS, min_size=1, max_size=2),
    st.lists(_LOGIC_TEXTS, max_size=2),
    st.lists(_LOGIC_TEXTS, max_size=2),
)
_TENDER_ENDS = st.sampled_from((TenderStatus.CANCELLED, TenderStatus.UNSUCCESSFUL))
_TENDER_MOVES = st.integers(0, 3)
_COMMITMENT_OUTCOMES = st.sampled_from(("sought", "given", "declined"))
_DRIVEN = st.integers(0, 3).map(lambda i: i == 3)  # a quarter of the histories
_CLOSING = "looser fit with the service"


def _known(p: Partnership, sector: Sector | None = None) -> list[str]:
    return [i for i, o in p.organisations.items() if sector is None or o.sector is sector]


def _joinable(p: Partnership, orgs: Sequence[Partner], sector: Sector | None) -> list[Partner]:
    """Organisations of ``sector`` (any, for ``None``) that may join now."""
    seated = {s.partner_id for s in p.seats_on()}
    return [
        o
        for o in orgs
        if (sector is None or o.sector is sector) and o.id not in seated and not p.is_member(o)
    ]


def _join(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    engagement = draw(_ENGAGEMENTS)
    by = None
    if engagement is Engagement.SIGNPOSTED and len(p.organisations) > 1:
        by = draw(st.none() | st.sampled_from(sorted(p.organisations)))
    return p.join(
        draw(st.sampled_from(orgs)),
        on=day,
        roles=draw(_ROLE_SETS),
        engagement=engagement,
        signposted_by=by,
    )


def _member(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner]) -> str:
    """A current member's id, or (when there is none) any organisation's."""
    members = [m.partner_id for m in p.memberships_on()]
    return draw(st.sampled_from(members)) if members else draw(st.sampled_from(orgs)).id


def _leave(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    return p.leave(_member(draw, p, orgs), on=day, reason=draw(_REASONS))


def _change_roles(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    return p.change_roles(_member(draw, p, orgs), draw(_ROLE_SETS), on=day)


def _take_seat(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    return p.take_seat(draw(st.sampled_from(orgs)), draw(_SEAT_KINDS), on=day)


def _leave_seat(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    seats = p.seats_on()
    if not seats:
        return _take_seat(draw, p, orgs, day)
    seat = draw(st.sampled_from(seats))
    return p.leave_seat(seat.partner_id, seat.kind, on=day)


def _name_representative(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    return p.name_representative(
        _member(draw, p, orgs),
        draw(_PEOPLE),
        on=day,
        title=draw(_TITLES),
        can_decide=draw(_CAN_DECIDE),
    )


def _stand_down_representative(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    serving = [r for r in p.representatives if r.period.end is None]
    if not serving:
        return _name_representative(draw, p, orgs, day)
    rep = draw(st.sampled_from(serving))
    return p.stand_down_representative(rep.partner_id, rep.person, on=day)


def _link(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    ends = (_member(draw, p, orgs), draw(st.sampled_from(orgs)).id)  # a link involves a member
    source, target = ends if draw(st.booleans()) else ends[::-1]
    return p.link(
        source,
        target,
        draw(_LINK_KINDS),
        on=day,
        weight=draw(_WEIGHTS),
        pre_existing=draw(_CAN_DECIDE),
    )


def _unlink(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    links = p.links_on()
    if not links:
        return _link(draw, p, orgs, day)
    link = draw(st.sampled_from(links))
    return p.unlink(link.source, link.target, link.kind, on=day)


def _adopt_governance(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    seated = [m.id for m in p.members()] + [x.partner_id for x in p.seats_on()]
    return p.adopt_governance(draw(_structure(seated)), on=day)


def _hold_meeting(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    structure = p.governance()
    groups = [g.id for g in structure.groups] if structure else []
    return p.hold_meeting(draw(_meeting(day, sorted(p.organisations), groups)))


def _draft_mou(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    return p.draft_mou(draw(_mou(f"mou-{len(p.mous()) + 1}", sorted(p.organisations), day)))


def _sign_mou(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    pending = [m for m in p.mous() if m.unsigned()]
    if not pending:  # every MoU signed (or none drafted): amend one, to be signed again
        return _amend_mou(draw, p, orgs, day)
    current = draw(st.sampled_from(pending))
    return p.sign_mou(current.id, draw(st.sampled_from(current.unsigned())).person, on=day)


def _amend_mou(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    if not p.mous():
        return p
    current = draw(st.sampled_from(p.mous()))
    values = draw(st.frozensets(st.sampled_from(PartnershipValue)))
    return p.amend_mou(current.amended(on=day, values=values))


def _record_reimbursement(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    return p.record_reimbursement(_member(draw, p, orgs), draw(_STATUSES), on=day)


def _record_evidence(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    kind = draw(st.sampled_from(("baseline", "consultation", "logic model")))
    if kind == "baseline":
        return p.record_baseline(draw(_BASELINES), on=day)
    if kind == "consultation":
        return p.consult(draw(_CONSULTATIONS), on=day)
    return p.agree_logic_model(draw(_LOGIC_MODELS), on=day)


def _agree_design(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    p = p.agree_service_design(ServiceDesign(draw(_NAMES)), on=day)
    known = _known(p)
    return p.approve_design(draw(st.sampled_from(known)), on=day) if known else p


def _new_bid(
    draw: st.DrawFn,
    p: Partnership,
    day: date,
    purpose: FundingPurpose | None = None,
    areas: frozenset[str] = frozenset(),
) -> tuple[Partnership, Bid]:
    funder = draw(st.sampled_from(_known(p)))
    bid = draw(_bid(f"bid-{len(p.bids()) + 1}", funder, day, purpose))
    if areas:  # the areas the caller asks for, in place of the drawn ones
        bid = attrs.evolve(bid, areas=areas)
    return p.draft_bid(bid), bid


def _draft_bid(
    draw: st.DrawFn,
    p: Partnership,
    orgs: Sequence[Partner],
    day: date,
    areas: frozenset[str] = frozenset(),
) -> Partnership:
    if not p.organisations:
        return p
    p, bid = _new_bid(draw, p, day, areas=areas)
    # Most drafts are submitted at once; some stay drafts (to be withdrawn, say).
    return p.submit_bid(bid.id, on=day) if draw(st.integers(0, 3)) else p


def _award(draw: st.DrawFn, bid: Bid) -> int | None:
    if bid.amount_asked == 0:
        return None
    return draw(st.none() | st.integers(1, bid.amount_asked or 10**6))


def _endorse_bid(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    bodies = [p.organisation(i) for i in _known(p, Sector.PUBLIC)]
    # An open bid, a public body, and an area the bid covers and the body oversees.
    choices = [
        (b.id, o.id, area)
        for b in p.bids()
        if b.is_open
        for o in bodies
        for area in sorted(b.areas)
        if not o.areas or area in o.areas
    ]
    if not choices:  # draft a bid for an area a public body oversees, to endorse later
        areas = draw(st.sampled_from(bodies)).areas if bodies else frozenset()
        return _draft_bid(draw, p, orgs, day, areas)
    bid_id, body, area = draw(st.sampled_from(choices))
    return p.endorse_bid(bid_id, body, area, on=day, given=draw(st.booleans()))


def _decide_bid(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    submitted = [b for b in p.bids() if b.status is BidStatus.SUBMITTED]
    if not submitted:
        return p
    bid = draw(st.sampled_from(submitted))
    if draw(st.booleans()):
        return p.decide_bid(bid.id, on=day, awarded=True, amount=_award(draw, bid))
    return p.decide_bid(bid.id, on=day, awarded=False)


def _withdraw_bid(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    open_bids = [b for b in p.bids() if b.is_open]
    if not open_bids:
        return _draft_bid(draw, p, orgs, day)
    return p.withdraw_bid(draw(st.sampled_from(open_bids)).id, on=day, reason=draw(_REASONS))


def _new_commitment(
    draw: st.DrawFn, p: Partnership, day: date, measured: bool = False
) -> tuple[Partnership, SustainabilityCommitment]:
    allowed = p.policy.commitment_sectors
    givers = [i for i, o in p.organisations.items() if allowed is None or o.sector in allowed]
    by = draw(st.sampled_from(givers or _known(p)))
    c = draw(_commitment(f"c{len(p.commitments()) + 1}", by, measured))
    return p.seek_commitment(c, on=day), c


def _seek_commitment(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    if not p.organisations:
        return p
    p, c = _new_commitment(draw, p, day)
    outcome = draw(_COMMITMENT_OUTCOMES)
    if outcome == "given":
        return p.give_commitment(c.id, on=day)
    if outcome == "declined":
        return p.decline_commitment(c.id, on=day, reason=draw(_REASONS))
    return p


def _settle_commitment(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """Give or decline a sought commitment, or let a given one lapse."""
    open_ones = [
        c
        for c in p.commitments()
        if c.recorded_status in (CommitmentStatus.SOUGHT, CommitmentStatus.GIVEN)
    ]
    if not open_ones:
        return _seek_commitment(draw, p, orgs, day)
    c = draw(st.sampled_from(open_ones))
    if c.recorded_status is CommitmentStatus.GIVEN:
        return p.lapse_commitment(c.id, on=day, reason=draw(_REASONS))
    if draw(st.booleans()):
        return p.give_commitment(c.id, on=day)
    return p.decline_commitment(c.id, on=day, reason=draw(_REASONS))


def _record_result(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    if not p.commitments():
        return p
    c = draw(st.sampled_from(p.commitments()))
    for m in c.measures:
        p = p.record_result(c.id, m.name, draw(_RESULTS), on=day)
    for x in c.conditions:
        p = p.resolve_condition(c.id, x.name, draw(st.booleans()), on=day)
    return p


def _plan_tender(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> tuple[Partnership, str]:
    """Plan a tender commissioned by a public body, made known first if it is not (with
    no public body to hand, by another organisation: refused)."""
    body = draw(st.sampled_from([o for o in orgs if o.sector is Sector.PUBLIC] or orgs))
    if body.id not in p.organisations:
        p = p.add_organisation(body, on=day)
    tender = Tender(
        id=f"tender-{len(p.tenders()) + 1}",
        commissioner=body.id,
        title=draw(_NAMES),
        value=draw(_AMOUNTS),
    )
    return p.plan_tender(tender, on=day), tender.id


def _move_tender(draw: st.DrawFn, p: Partnership, tender: Tender, day: date) -> Partnership:
    """One thing that can happen to a planned or active tender."""
    if tender.status is TenderStatus.PLANNED:
        if draw(st.integers(0, 3)):
            return p.open_tender(tender.id, on=day)
        return p.end_tender(tender.id, TenderStatus.CANCELLED, on=day, reason=draw(_REASONS))
    moves = ["receive", "receive", "end"] + (["award", "award"] if tender.tenderers else [])
    move = draw(st.sampled_from(moves))
    if move == "receive":
        return p.receive_tender(tender.id, draw(st.sampled_from(_known(p))), on=day)
    if move == "award":
        return p.award_tender(
            tender.id, draw(st.sampled_from(tender.tenderers)), on=day, value=draw(_AMOUNTS)
        )
    return p.end_tender(tender.id, draw(_TENDER_ENDS), on=day, reason=draw(_REASONS))


_LIVE_TENDERS = (TenderStatus.PLANNED, TenderStatus.ACTIVE)


def _tender(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """Plan a tender or take up a live one, then make up to three moves on it."""
    live = [t.id for t in p.tenders() if t.status in _LIVE_TENDERS]
    if live:
        tender_id = draw(st.sampled_from(live))
    else:
        p, tender_id = _plan_tender(draw, p, orgs, day)
    for _ in range(draw(_TENDER_MOVES)):
        tender = next(t for t in p.tenders() if t.id == tender_id)
        if tender.status not in _LIVE_TENDERS:
            break
        p = _move_tender(draw, p, tender, day)
    return p


def _lifecycle_step(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    return p.step(draw(_LIFECYCLE_STEPS), on=day, reason=draw(_REASONS)).partnership


# -- what a lifecycle step's hard guards ask for, done through the commands -----------
# Keyed by the rule a blocker names (psp.Partnership.blockers); a breach with no entry
# here (a policy's lead sector, say) is left, and the step is refused.


def _fix_lead(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """A member made lead, or (with no members) an organisation joining as lead."""
    members = [m.partner_id for m in p.memberships_on()]
    if members:
        chosen = draw(st.sampled_from(members))
        return p.change_roles(chosen, p.roles_of(chosen) | {Role.LEAD}, on=day)
    joinable = _joinable(p, orgs, None) or orgs  # with nobody free to join: refused
    return p.join(draw(st.sampled_from(joinable)), on=day, roles={Role.LEAD})


def _fix_sector(sector: Sector) -> _Step:
    def fix(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
        """An organisation of ``sector`` joining (with none free to join, another one)."""
        joinable = _joinable(p, orgs, sector) or orgs
        roles = draw(_ROLE_SETS) - {Role.LEAD}
        return p.join(draw(st.sampled_from(joinable)), on=day, roles=roles)

    return fix


# Once a partnership is past forming it knows organisations (its members, at least), so
# the fixes below draw from p.organisations without checking; each does its whole job
# afresh (a new MoU, a new bid, a new tender) rather than finishing a half-done one.


def _fix_mou(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """An MoU drafted and signed by everyone it names."""
    mou = draw(_mou(f"mou-{len(p.mous()) + 1}", sorted(p.organisations), day, signed=True))
    p = p.draft_mou(mou)
    for signatory in mou.signatories:
        p = p.sign_mou(mou.id, signatory.person, on=day)
    return p


def _fix_funding(purpose: FundingPurpose) -> _Step:
    def fix(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
        """A bid for ``purpose`` drafted, submitted and awarded."""
        p, bid = _new_bid(draw, p, day, purpose)
        p = p.submit_bid(bid.id, on=day)
        return p.decide_bid(bid.id, on=day, awarded=True, amount=_award(draw, bid))

    return fix


def _fix_design(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """A service design agreed, and approved by a funder of an awarded pilot bid."""
    p = p.agree_service_design(ServiceDesign(draw(_NAMES)), on=day)
    pilot_funders = {
        b.funder
        for b in p.bids()
        if b.purpose is FundingPurpose.PILOT and b.status is BidStatus.AWARDED
    }
    return p.approve_design(draw(st.sampled_from(sorted(pilot_funders or p.organisations))), on=day)


def _fix_measures(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A commitment sought with measures of the pilot's success."""
    return _new_commitment(draw, p, day, measured=True)[0]


def _fix_results(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A result for every measure of every commitment."""
    for c in p.commitments():
        for m in c.measures:
            p = p.record_result(c.id, m.name, draw(_RESULTS), on=day)
    return p


def _fix_commitment(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A commitment sought and given."""
    p, c = _new_commitment(draw, p, day)
    return p.give_commitment(c.id, on=day)


def _fix_conditions(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A given commitment's targets reached and its conditions turned out well."""
    given = [c for c in p.commitments() if c.recorded_status is CommitmentStatus.GIVEN]
    c = draw(st.sampled_from(given))
    for m in c.measures:
        p = p.record_result(c.id, m.name, m.target, on=day)
    for x in c.conditions:
        p = p.resolve_condition(c.id, x.name, True, on=day)
    return p


def _fix_tender(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """A tender planned, opened, received from a known organisation and awarded to it."""
    p, tender_id = _plan_tender(draw, p, orgs, day)
    tenderer = draw(st.sampled_from(sorted(p.organisations)))
    p = p.open_tender(tender_id, on=day).receive_tender(tender_id, tenderer, on=day)
    return p.award_tender(tender_id, tenderer, on=day, value=draw(_AMOUNTS))


_FIXES: dict[str, _Step] = {
    "lead-missing": _fix_lead,
    "min-public-members": _fix_sector(Sector.PUBLIC),
    "min-third-members": _fix_sector(Sector.THIRD),
    "mou-unsigned": _fix_mou,
    "pilot-funding": _fix_funding(FundingPurpose.PILOT),
    "design-unapproved": _fix_design,
    "measures-missing": _fix_measures,
    "measure-without-result": _fix_results,
    "commitment-missing": _fix_commitment,
    "conditions-unmet": _fix_conditions,
    "tender-unawarded": _fix_tender,
    "delivery-funding": _fix_funding(FundingPurpose.DELIVERY),
}


def _advance(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """Take a step the lifecycle allows next (seldom closing), first doing what its hard
    guards ask for: a lead, a signed MoU, an awarded pilot bid, measured results, ..."""
    onward = [s for s in p.next_steps() if s is not Step.CLOSE]
    closing = [s for s in p.next_steps() if s is Step.CLOSE]
    if not p.next_steps():
        return p
    step = draw(st.sampled_from(onward * 12 + closing))
    fixed: set[str] = set()
    while True:
        rules = [
            f.rule
            for f in p.blockers(step, on=day)
            if f.severity is Severity.BREACH and f.rule in _FIXES and f.rule not in fixed
        ]
        if not rules:
            break
        fixed.add(rules[0])
        p = _FIXES[rules[0]](draw, p, orgs, day)
    reason = _CLOSING if step is Step.CLOSE else draw(_REASONS)
    return p.step(step, on=day, reason=reason).partnership


# The random steps, weighted by repetition; the first (joining) is the one a failing
# example shrinks to.
_STEPS: st.SearchStrategy[_Step] = st.sampled_from(
    (
        _join,
        _join,
        _join,
        _leave,
        _change_roles,
        _take_seat,
        _leave_seat,
        _leave_seat,
        _name_representative,
        _stand_down_representative,
        _stand_down_representative,
        _link,
        _unlink,
        _unlink,
        _adopt_governance,
        _hold_meeting,
        _hold_meeting,
        _draft_mou,
        _sign_mou,
        _sign_mou,
        _amend_mou,
        _record_reimbursement,
        _record_evidence,
        _record_evidence,
        _agree_design,
        _draft_bid,
        _endorse_bid,
        _endorse_bid,
        _decide_bid,
        _withdraw_bid,
        _seek_commitment,
        _settle_commitment,
        _settle_commitment,
        _record_result,
        _tender,
        _tender,
        _lifecycle_step,
        _advance,
    )
)


@st.composite
def _partnership(draw: st.DrawFn, max_organisations: int, max_steps: int) -> Partnership:
    p = Partnership(
        draw(_SLUGS),
        draw(_NAMES),
        focus=draw(_FOCI),
        scope=draw(_SCOPES),
        areas=draw(_PARTNERSHIP_AREAS),
        description=draw(_DESCRIPTIONS),
    )
    # A driven history takes every other step along the lifecycle, and its first two
    # organisations are public and third sector, so that it can get past forming.
    driven = draw(_DRIVEN)
    sectors = (Sector.PUBLIC, Sector.THIRD)[:max_organisations] if driven else ()
    least = max(1, len(sectors))
    ids = draw(st.lists(_SLUGS, min_size=least, max_size=max_organisations, unique=True))
    orgs = [draw(_partner(i, sectors[k] if k < len(sectors) else None)) for k, i in enumerate(ids)]
    day = draw(_FIRST_DAYS)
    # Founders join on the first day, one of them (perhaps) as lead; then random steps.
    for k, founder in enumerate(orgs[: draw(st.integers(0, len(orgs)))]):
        roles = draw(_ROLE_SETS) - {Role.LEAD}
        p = p.join(founder, on=day, roles=roles | ({Role.LEAD} if k == 0 else set()))
    for _ in range(draw(st.integers(0, max_steps))):
        day += timedelta(days=draw(_GAPS))
        step = _advance if driven and draw(st.booleans()) else draw(_STEPS)
        with contextlib.suppress(PSPError):  # a refused step leaves p as it was
            p = step(draw, p, orgs, day)
    return p


def partnerships(max_organisations: int = 8, max_steps: int = 25) -> st.SearchStrategy[Partnership]:
    """Valid partnerships: up to ``max_organisations`` organisations, founders who join
    on the first day, then up to ``max_steps`` random steps, each on one day.

    A step is one command, or the few commands one change needs (a bid drafted and
    submitted; a tender planned, opened and awarded; a lifecycle step with what its
    guards ask for first), applied through the public API; a refused step is skipped.
    The steps reach every kind of event in :data:`psp.Event`: members, seats,
    representatives, links, governance, meetings, MoUs and their signatures,
    reimbursement, evidence, the service design, bids and their endorsements,
    sustainability commitments, tenders, and the lifecycle. A quarter of the histories
    are driven along the lifecycle (every other step moves the partnership on), so
    every stage is reached, commissioned, grant-funded and closed included.
    """
    return _partnership(max_organisations, max_steps)


_PORTFOLIO_STEPS = st.sampled_from(
    ("join", "join", "join", "leave", "change_roles", "take_seat", "link", "link", "unlink")
)
_LINK_GAPS = st.integers(0, 30)


@st.composite
def _portfolio(
    draw: st.DrawFn,
    max_partnerships: int,
    max_organisations: int,
    max_steps: int,
    max_links: int,
) -> Portfolio:
    # One record per organisation, shared by every partnership it is drawn into, so
    # records agree across the portfolio. Histories use the commands that shape the
    # partner graph (members, roles, seats, links); partnerships() covers the rest.
    ids = draw(st.lists(_SLUGS, min_size=1, max_size=max_organisations, unique=True))
    orgs = [draw(_partner(i, None)) for i in ids]
    built = []
    for pid in draw(st.lists(_SLUGS, min_size=1, max_size=max_partnerships, unique=True)):
        p = Partnership(
            pid,
            draw(_NAMES),
            focus=draw(_FOCI),
            scope=draw(_SCOPES),
            areas=draw(_PARTNERSHIP_AREAS),
        )
        day = draw(_FIRST_DAYS)
        for founder in orgs:  # founding members join on the first day
            if draw(st.booleans()):
                p = p.join(founder, on=day, roles=draw(_ROLE_SETS) - {Role.LEAD})
        for _ in range(draw(st.integers(0, max_steps))):
            day += timedelta(days=draw(_GAPS))
            org: Any = draw(st.sampled_from(orgs))
            step = draw(_PORTFOLIO_STEPS)
            try:
                if step == "join":
                    p = p.join(org, on=day, roles=draw(_ROLE_SETS))
                elif step == "leave":
                    p = p.leave(org.id, on=day)
                elif step == "change_roles":
                    p = p.change_roles(org.id, draw(_ROLE_SETS), on=day)
                elif step == "take_seat":
                    p = p.take_seat(org, draw(_SEAT_KINDS), on=day)
                elif len(p.organisations) > 1:  # link or unlink two organisations p knows
                    source, target = draw(st.permutations(list(p.organisations)))[:2]
                    if step == "link":
                        p = p.link(source, target, draw(_LINK_KINDS), on=day, weight=draw(_WEIGHTS))
                    else:
                        p = p.unlink(source, target, draw(_LINK_KINDS), on=day)
            except PSPError:
                pass  # a refused step leaves p as it was
        built.append(p)
    portfolio = Portfolio(draw(_SLUGS), draw(_NAMES), built)
    # Portfolio-level links start while one end is a member of some partnership.
    spans = [(m.partner_id, m.period) for p in built for m in p.memberships]
    known = list(portfolio.organisations)
    for _ in range(draw(st.integers(0, max_links)) if spans else 0):
        member, period = draw(st.sampled_from(spans))
        start = period.start + timedelta(days=draw(_LINK_GAPS))
        if period.end is not None and start >= period.end:
            start = period.start
        ends = (member, draw(st.sampled_from(known)))
        source, target = ends if draw(st.booleans()) else ends[::-1]
        kind = draw(_LINK_KINDS)
        try:
            portfolio = portfolio.link(source, target, kind, on=start, weight=draw(_WEIGHTS))
            if draw(st.booleans()):
                end = start + timedelta(days=1 + draw(_LINK_GAPS))
                portfolio = portfolio.unlink(source, target, kind, on=end)
        except PSPError:
            pass  # the same link already open, or a link to itself
    return portfolio


def portfolios(
    max_partnerships: int = 3, max_organisations: int = 6, max_steps: int = 12, max_links: int = 3
) -> st.SearchStrategy[Portfolio]:
    """Valid portfolios of 1 to ``max_partnerships`` partnerships over a shared pool of
    up to ``max_organisations`` organisations (so some sit in several partnerships),
    with up to ``max_links`` portfolio-level links.

    Each partnership's history is up to ``max_steps`` commands (joining, leaving, role
    changes, seats, links) applied through the public API; refused ones are skipped.
    """
    return _portfolio(max_partnerships, max_organisations, max_steps, max_links)


_ANSWER_COUNTS = st.integers(0, 60)
_DONT_KNOW_COUNTS = st.just(0) | st.integers(0, 6)  # most surveys record none
_TALLIES = st.builds(
    Tally,
    strongly_disagree=_ANSWER_COUNTS,
    disagree=_ANSWER_COUNTS,
    neither=_ANSWER_COUNTS,
    agree=_ANSWER_COUNTS,
    strongly_agree=_ANSWER_COUNTS,
    dont_know=_DONT_KNOW_COUNTS,
)
_THEMES = st.sampled_from(Theme)
_STATEMENTS = st.builds(Statement, _SLUGS, _THEMES, _NAMES, _TALLIES)
_SKIPPED = st.none() | st.integers(0, 10)  # respondents who skipped the most-skipped statement


def tallies() -> st.SearchStrategy[Tally]:
    """Tallies of up to 60 answers of each kind, empty ones included."""
    return _TALLIES


def statements() -> st.SearchStrategy[Statement]:
    """Survey statements of any theme, each with a tally."""
    return _STATEMENTS


@st.composite
def _survey(draw: st.DrawFn, max_statements: int) -> Survey:
    items = draw(st.lists(_STATEMENTS, max_size=max_statements, unique_by=lambda s: s.id))
    skipped = draw(_SKIPPED)
    most = max((s.tally.respondents for s in items), default=0)
    return Survey(
        draw(_SLUGS),
        draw(_NAMES),
        items,
        respondents=None if skipped is None else max(most + skipped, 1),
    )


def surveys(max_statements: int = 8) -> st.SearchStrategy[Survey]:
    """Valid surveys of up to ``max_statements`` statements with unique ids; when the
    number of respondents is given, no statement has more answers."""
    return _survey(max_statements)
