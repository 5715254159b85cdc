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

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from psp._commitments import ExternalCondition, Measure, SustainabilityCommitment
from psp._design import ServiceDesign
from psp._errors import PSPError
from psp._funding import Bid, FundingPurpose
from psp._governance import (
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
from psp._identifiers import KNOWN_SCHEMES, OrgId
from psp._links import LinkKind
from psp._meetings import Attendance, Meeting, MeetingKind
from psp._membership import Engagement, ReimbursementStatus
from psp._mou import Clause, ClauseSubject, MoU, PartnershipValue, Signatory
from psp._organisation import Partner, PublicBodyKind, Reach, Sector, Size, ThirdSectorKind
from psp._partnership import Partnership
from psp._period import Period
from psp._policy import Policy
from psp._portfolio import Portfolio
from psp._roles import Role, SeatKind
from psp._scope import Focus, Scope
from psp._stages import Step
from psp._survey import Statement, Survey, Tally, Theme

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


_STEPS = st.sampled_from(
    (
        "join",
        "join",
        "join",
        "leave",
        "change_roles",
        "take_seat",
        "leave_seat",
        "name_representative",
        "stand_down_representative",
        "link",
        "link",
        "unlink",
        "adopt_governance",
        "hold_meeting",
        "hold_meeting",
        "draft_mou",
        "sign_mou",
        "sign_mou",
        "amend_mou",
        "record_reimbursement",
        "draft_bid",
        "decide_bid",
        "seek_commitment",
        "record_result",
        "agree_design",
        "lifecycle_step",
        "lifecycle_step",
    )
)
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
def _mou(draw: st.DrawFn, mou_id: str, parties: Sequence[str], drafted_on: date) -> MoU:
    chosen = draw(st.frozensets(st.sampled_from(parties), min_size=1)) if parties else frozenset()
    people = draw(st.lists(_PEOPLE_NAMES, max_size=len(chosen) + 2, unique=True))
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
def _bid(draw: st.DrawFn, bid_id: str, funder: str, drafted_on: date) -> Bid:
    return Bid(
        id=bid_id,
        funder=funder,
        purpose=draw(_PURPOSES),
        drafted_on=drafted_on,
        amount_asked=draw(_AMOUNTS),
        fund=draw(st.none() | st.just("rrcf")),
        stream=draw(st.none() | st.sampled_from(["year-1", "year-2-3"])),
        areas=draw(st.frozensets(st.sampled_from(_AREAS), max_size=2)),
    )


def bids(funder: str = "funder", drafted_on: date = date(2012, 9, 1)) -> st.SearchStrategy[Bid]:
    """Draft bids to ``funder``."""
    return _bid("bid", funder, drafted_on)


_MEASURES = st.lists(
    st.builds(
        Measure,
        st.sampled_from(["reoffending", "employment", "housing"]),
        st.floats(0, 100),
        st.floats(0, 100),
        st.booleans(),
        st.none() | st.floats(0, 100),
    ),
    max_size=2,
    unique_by=lambda m: m.name,
)
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
def _commitment(draw: st.DrawFn, commitment_id: str, by: str) -> SustainabilityCommitment:
    return SustainabilityCommitment(
        id=commitment_id,
        by=by,
        amount=draw(_AMOUNTS),
        measures=[attrs.evolve(m, result=None) for m in draw(_MEASURES)],
        conditions=[attrs.evolve(c, outcome=None) for c in draw(_CONDITIONS)],
    )


def commitments(by: str = "cja") -> st.SearchStrategy[SustainabilityCommitment]:
    """Sought sustainability commitments by ``by``, with measures and conditions."""
    return _commitment("commitment", by)


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
    ids = draw(st.lists(_SLUGS, min_size=1, max_size=max_organisations, unique=True))
    orgs = [draw(_partner(i, None)) for i in ids]
    day = draw(_FIRST_DAYS)
    # Founders join on the first day, one of them (perhaps) as lead; then random commands.
    for k, founder in enumerate(orgs[: draw(st.integers(0, len(orgs)))]):
        roles = draw(_ROLE_SETS) - {Role.LEAD}
        p = p.join(founder, on=day, roles=roles | ({Role.LEAD} if k == 0 else set()))
    for _ in range(draw(st.integers(0, max_steps))):
        day += timedelta(days=draw(_GAPS))
        org: Any = draw(st.sampled_from(orgs))
        step = draw(_STEPS)
        try:
            if step == "join":
                engagement = draw(_ENGAGEMENTS)
                by = None
                if engagement is Engagement.SIGNPOSTED and len(p.organisations) > 1:
                    by = draw(st.none() | st.sampled_from(sorted(p.organisations)))
                p = p.join(
                    org, on=day, roles=draw(_ROLE_SETS), engagement=engagement, signposted_by=by
                )
            elif step == "leave":
                p = p.leave(org.id, on=day, reason=draw(_REASONS))
            elif step == "change_roles":
                p = p.change_roles(org.id, draw(_ROLE_SETS), on=day)
            elif step == "take_seat":
                p = p.take_seat(org, draw(_SEAT_KINDS), on=day)
            elif step == "leave_seat":
                p = p.leave_seat(org.id, draw(_SEAT_KINDS), on=day)
            elif step == "name_representative":
                p = p.name_representative(
                    org.id,
                    draw(_PEOPLE),
                    on=day,
                    title=draw(_TITLES),
                    can_decide=draw(_CAN_DECIDE),
                )
            elif step == "stand_down_representative":
                p = p.stand_down_representative(org.id, draw(_PEOPLE), on=day)
            elif step == "link":
                p = p.link(
                    org.id,
                    draw(st.sampled_from(orgs)).id,
                    draw(_LINK_KINDS),
                    on=day,
                    weight=draw(_WEIGHTS),
                    pre_existing=draw(_CAN_DECIDE),
                )
            elif step == "unlink":
                p = p.unlink(org.id, draw(st.sampled_from(orgs)).id, draw(_LINK_KINDS), on=day)
            elif step == "adopt_governance":
                seated = [m.id for m in p.members()] + [x.partner_id for x in p.seats_on()]
                p = p.adopt_governance(draw(_structure(seated)), on=day)
            elif step == "hold_meeting":
                structure = p.governance()
                groups = [g.id for g in structure.groups] if structure else []
                p = p.hold_meeting(draw(_meeting(day, sorted(p.organisations), groups)))
            elif step == "draft_mou":
                mou_id = f"mou-{len(p.mous()) + 1}"
                p = p.draft_mou(draw(_mou(mou_id, sorted(p.organisations), day)))
            elif step in ("sign_mou", "amend_mou") and p.mous():
                current = draw(st.sampled_from(p.mous()))
                if step == "amend_mou":
                    p = p.amend_mou(
                        current.amended(
                            on=day, values=draw(st.frozensets(st.sampled_from(PartnershipValue)))
                        )
                    )
                elif current.unsigned():
                    person = draw(st.sampled_from(current.unsigned())).person
                    p = p.sign_mou(current.id, person, on=day)
            elif step == "record_reimbursement":
                p = p.record_reimbursement(org.id, draw(_STATUSES), on=day)
            elif step == "draft_bid":
                bid = draw(_bid(f"bid-{len(p.bids()) + 1}", org.id, day))
                p = p.draft_bid(bid).submit_bid(bid.id, on=day)
            elif step == "decide_bid" and p.bids():
                bid = draw(st.sampled_from(p.bids()))
                awarded = draw(st.booleans())
                amount = draw(st.none() | st.integers(1, bid.amount_asked or 10**6))
                p = p.decide_bid(
                    bid.id, on=day, awarded=awarded, amount=amount if awarded else None
                )
            elif step == "seek_commitment":
                c = draw(_commitment(f"c{len(p.commitments()) + 1}", org.id))
                p = p.seek_commitment(c, on=day)
                if draw(st.booleans()):
                    p = p.give_commitment(c.id, on=day)
            elif step == "record_result" and p.commitments():
                c = draw(st.sampled_from(p.commitments()))
                for m in c.measures:
                    p = p.record_result(c.id, m.name, draw(_RESULTS), on=day)
                for x in c.conditions:
                    p = p.resolve_condition(c.id, x.name, draw(st.booleans()), on=day)
            elif step == "agree_design":
                p = p.agree_service_design(ServiceDesign(draw(_NAMES)), on=day)
                p = p.approve_design(org.id, on=day)
            elif step == "lifecycle_step":
                p = p.step(draw(_LIFECYCLE_STEPS), on=day, reason=draw(_REASONS)).partnership
        except PSPError:
            pass  # a refused step leaves p as it was; the next step carries on
    return p


def partnerships(max_organisations: int = 8, max_steps: int = 25) -> st.SearchStrategy[Partnership]:
    """Valid partnerships with histories of up to ``max_steps`` commands.

    Commands are drawn at random (joining, leaving, role changes, seats,
    representatives, links, governance, meetings, MoUs and their signatures,
    reimbursement) and applied through the public API; refused ones are skipped.
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
