"""A SYNTHETIC portfolio of the 14 RRCF PSPs whose composition matches the evaluation.

Source: "Reducing Reoffending Change Fund Evaluation of Year 1 - Public Social
Partnership Development", chapter 3 ("Partnership Working"). It gives the
portfolio's figures (3.3-3.4) but not its 150 memberships, so this module *invents*
a membership with those figures: the partnerships' names are generic, their focuses
and areas plausible, and which organisation sits where is made up. Only the eight
Community Justice Authorities and their areas are real (3.2: "the eight Community
Justice Authorities"). Nothing here is a record of any real PSP.

The figures are not typed into the portfolio: the table below sets, per partnership,
how many organisations of each kind take part, and ``tests/test_portfolio.py`` checks
that psp *computes* the evaluation's figures from the result. Run it with
``python examples/rrcf_portfolio.py``.

Each partnership also has an MoU (3.5, 3.9), proposing a governance structure (3.16),
and some reimburse their partners' time (3.31): a second table, ``AGREEMENTS``, sets
how many signatories of each sector each MoU names, how many never signed, which
structure it proposes and whether time was reimbursed. Each holds a series of partner
meetings (3.12; their days and sizes are illustrative: see ``meeting_days``). Last,
:func:`survey` holds the PSP survey's answers (3.3-3.33) as counts chosen so that the
shares psp computes round to the evaluation's percentages: the evaluation gives only the
percentages, so the counts are invented too. ``tests/test_seed_figures.py`` checks every figure.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import NamedTuple

from psp import (
    Attendance,
    Bid,
    ContactFrequency,
    ContributionKind,
    Engagement,
    FocusName,
    Fund,
    FunderShare,
    FundingPurpose,
    GovernanceStructure,
    GovernanceType,
    Group,
    GroupTier,
    LinkKind,
    Meeting,
    MeetingKind,
    MoU,
    Partner,
    Partnership,
    Portfolio,
    Post,
    PostKind,
    PublicBodyKind,
    Reach,
    ReimbursementStatus,
    RelationalAnswer,
    Reply,
    Respondent,
    RespondentSurvey,
    Responsibility,
    Role,
    Scope,
    Sector,
    Share,
    Signatory,
    Size,
    Statement,
    Step,
    Stream,
    Survey,
    SustainabilityCommitment,
    Tally,
    Theme,
    ThirdSectorKind,
    Wave,
    fund_awards,
)

# 3.35: about three months from the award of development funding to the Year 2/3 bid
# (January deadline). Dates within that window are illustrative.
AWARDED = date(2012, 10, 1)
NEWLY_ENGAGED = date(2012, 11, 1)  # partners brought in later by the lead (3.7)
EARLY_DROP_OUT = date(2012, 11, 15)  # an early partner that did not stay (3.10)
COUNTED = date(2012, 12, 1)  # the memberships as the MoUs list them (3.3-3.5)

# The eight CJAs (3.2), each with how many councils its area had. The councils
# themselves are generic ("Glasgow council 1"): their count per area is all that
# matters here.
CJA_AREAS = {
    "ffv": ("Fife and Forth Valley", 4),
    "glasgow": ("Glasgow", 1),
    "lanarkshire": ("Lanarkshire", 2),
    "lb": ("Lothian and Borders", 5),
    "ns": ("North Strathclyde", 6),
    "northern": ("Northern", 7),
    "sw": ("South West Scotland", 4),
    "tayside": ("Tayside", 3),
}
ALL_AREAS = tuple(CJA_AREAS)


class Spec(NamedTuple):
    """One partnership's make-up: how many members of each kind, not who they are."""

    title: str
    focus: tuple[FocusName, ...]
    scope: Scope
    areas: tuple[str, ...]  # CJA area keys; each area's CJA is a partner
    councils: int  # local authorities (usually via their CJSW service)
    prison_service: bool = False
    police: bool = False
    adp: bool = False
    nhs: bool = False
    national: int = 2  # third-sector members of national reach
    local: int = 2  # third-sector members of regional or local reach
    local_lead: bool = False  # led by a regional or local organisation
    drop_out: bool = False  # an early partner left before the MoU (3.10)
    service_users: bool = False  # a service users' group as a partner


# Column sums give the seed's figures (3.3-3.4):
#   CJAs in all 14 (32 memberships);  councils in 12 (35 memberships);
#   SPS in 4, Police in 4, ADPs in 3, NHS in 2;  public: 32 + 35 + 13 = 80;
#   third sector: national 39, regional or local 31, together 70;  150 in all;
#   one partnership (9) with service users as a partner (3.3).
# Focus shapes which public bodies take part (3.4): the prison service sits in the
# four partnerships for people leaving prison or on remand, ADPs where substance use
# is the focus.
SPECS = (
    Spec("women's mentoring", ("women", "community-sentences"), Scope.NATIONAL, ALL_AREAS,
         councils=5, prison_service=True, national=5, local=3),
    Spec("mentoring for short-term prisoners", ("prison-leavers",), Scope.NATIONAL, ALL_AREAS,
         councils=5, prison_service=True, national=5, local=1),
    Spec("prison throughcare (west)", ("prison-leavers", "remand"), Scope.REGIONAL,
         ("glasgow", "ns"), councils=4, prison_service=True, police=True, nhs=True,
         national=5, local=1),
    Spec("remand and throughcare (east)", ("remand", "prison-leavers"), Scope.REGIONAL,
         ("lb", "ffv"), councils=3, prison_service=True, police=True, national=3),
    Spec("community sentences", ("community-sentences",), Scope.LOCAL, ("lanarkshire",),
         councils=2, local=3, drop_out=True),
    Spec("drugs, alcohol and offending", ("substance-use",), Scope.REGIONAL, ("tayside",),
         councils=3, adp=True, nhs=True, local=3),
    Spec("recovery from substance use", ("substance-use",), Scope.REGIONAL, ("northern",),
         councils=3, adp=True, local=3),
    Spec("substance use on community sentences", ("substance-use", "community-sentences"),
         Scope.REGIONAL, ("sw",), councils=2, adp=True, police=True),
    Spec("women's services", ("women",), Scope.LOCAL, ("glasgow",),
         councils=1, local=3, local_lead=True, service_users=True),
    Spec("young men in the community", ("community-sentences",), Scope.LOCAL, ("ns",),
         councils=2, police=True),
    Spec("employability after sentence", ("other",), Scope.REGIONAL, ("ffv",),
         councils=0, national=3),
    Spec("support for families", ("other",), Scope.REGIONAL, ("lb",),
         councils=0, local_lead=True),
    Spec("housing and resettlement", ("community-sentences",), Scope.REGIONAL,
         ("tayside", "northern"), councils=3),
    Spec("mentoring on community sentences", ("community-sentences",), Scope.REGIONAL,
         ("sw", "lanarkshire"), councils=2),
)  # fmt: skip

# 3.41: national third-sector organisations sat in several bids, leads among them.
NATIONAL_POOL = 12
THIRD_KINDS = (
    ThirdSectorKind.CHARITY,
    ThirdSectorKind.SOCIAL_ENTERPRISE,
    ThirdSectorKind.VOLUNTARY_ORGANISATION,
)


def cja(key: str) -> Partner:
    area = CJA_AREAS[key][0]
    return Partner(f"{key}-cja", f"{area} CJA", Sector.PUBLIC, public_body_kind="cja", areas={area})


def council(key: str, n: int) -> Partner:
    area = CJA_AREAS[key][0]
    return Partner(
        f"la-{key}-{n}",
        f"{area} council {n}",
        Sector.PUBLIC,
        public_body_kind=PublicBodyKind.LOCAL_AUTHORITY,
        areas={area},
    )


def area_body(key: str, kind: PublicBodyKind, label: str) -> Partner:
    area = CJA_AREAS[key][0]
    return Partner(
        f"{kind.value}-{key}",
        f"{label} ({area})",
        Sector.PUBLIC,
        public_body_kind=kind,
        areas={area},
    )


# 3.10: an organisation in early discussions that left before the MoU, for a "looser
# fit" with the PSP. It is not among the 150.
EARLY_PARTNER = Partner(
    "early-partner", "Lanarkshire employability project", Sector.THIRD, reach=Reach.LOCAL
)
SPS = Partner("sps", "Scottish Prison Service", Sector.PUBLIC, public_body_kind="prison-service")


def national_charity(n: int) -> Partner:
    return Partner(
        f"national-{n:02d}",
        f"National third-sector organisation {n:02d}",
        Sector.THIRD,
        third_sector_kind=THIRD_KINDS[n % 3],
        reach=Reach.NATIONAL,
        size=Size.LARGE if n % 2 else Size.MEDIUM,
    )


def local_charity(psp: int, n: int, spec: Spec) -> Partner:
    area = CJA_AREAS[spec.areas[n % len(spec.areas)]][0]
    if spec.service_users and n == spec.local - 1:
        return Partner(
            f"psp{psp:02d}-service-users",
            f"Service users' forum ({area})",
            Sector.THIRD,
            third_sector_kind=ThirdSectorKind.VOLUNTARY_ORGANISATION,
            reach=Reach.LOCAL,
            areas={area},
            represents_service_users=True,
        )
    return Partner(
        f"psp{psp:02d}-local-{n + 1}",
        f"{area} third-sector organisation {psp:02d}-{n + 1}",
        Sector.THIRD,
        third_sector_kind=THIRD_KINDS[(psp + n) % 3],
        reach=Reach.REGIONAL if spec.scope is Scope.REGIONAL else Reach.LOCAL,
        size=Size.SMALL,
        areas={area},
    )


def councils_for(spec: Spec) -> list[Partner]:
    # Round-robin over the partnership's areas: the first council of each, then the second.
    chosen: list[Partner] = []
    n = 1
    while len(chosen) < spec.councils:
        for key in spec.areas:
            if n <= CJA_AREAS[key][1] and len(chosen) < spec.councils:
                chosen.append(council(key, n))
        n += 1
    return chosen


# -- origins and contributions the evaluation reports (3.49, 3.54, 3.59) -------------

# 3.54: "the CJA Chief Officers agreed that a national mentoring service should be
# developed, if funding could be identified. ... the CJA Chief Officers identified the
# lead organisation as the most appropriate lead given their experience of mentoring and
# female offender support services." The national women offenders PSP is number 1 here.
CJA_INITIATED = 1
CJA_CHOICE = "given their experience of mentoring and female offender support services (3.54)"
# 3.49: "In three PSPs the local authority had been instrumental in instigating the
# partnerships which all had a very local focus" (here the three of local scope); "At this
# level the local authorities ... had generally provided information on existing services
# and need, provided access to service users for research purposes".
COUNCIL_GAVE = (
    (ContributionKind.DATA, "information on existing services and need (3.49)"),
    (
        ContributionKind.ACCESS_TO_SERVICE_USERS,
        "access to service users for research purposes (3.49)",
    ),
)
# 3.59: SPS "provided information on existing services and need to help inform service
# design". No contribution in the evaluation has a value.
SPS_GAVE = "information on existing services and need (3.59)"


def add_origins(
    p: Partnership, number: int, spec: Spec, lead: Partner, public: list[Partner]
) -> Partnership:
    """The partnership with what the evaluation says of its origins and contributions;
    where it says nothing (most partnerships), nothing is recorded."""
    cjas = {o.id for o in public if o.public_body_kind is PublicBodyKind.CJA}
    councils = [o for o in public if o.public_body_kind is PublicBodyKind.LOCAL_AUTHORITY]
    if number == CJA_INITIATED:
        p = p.record_initiation(cjas, on=AWARDED, note="the CJA Chief Officers (3.54)")
        p = p.select_lead(
            lead, on=AWARDED, method="nominated-by-commissioners", by=cjas, note=CJA_CHOICE
        )
    if spec.scope is Scope.LOCAL:
        p = p.record_initiation({councils[0].id}, on=AWARDED, note="a local authority (3.49)")
        for kind, description in COUNCIL_GAVE:
            p = p.record_contribution(councils[0], kind, on=AWARDED, description=description)
    if SPS in public:
        p = p.record_contribution(SPS, "data", on=AWARDED, description=SPS_GAVE)
    return p


# -- partner meetings (3.12, 3.46) ---------------------------------------------------

# 3.12: "During Year 1 all bidders held a series of partner meetings ... frequencies
# varied from every two weeks to every six to eight weeks, and the size of meetings varied
# from less than five to approximately 20 attendees. ... the more formal meetings
# involving all partners were in essence the Governance Groups and the less formal,
# non-minuted meetings tended to be core working groups." Which PSP met how often is not
# said: ILLUSTRATIVE, each meets every 2, 4, 6 or 8 weeks in turn from mid-October to the
# MoUs' signing; even-numbered ones in formal, minuted meetings of all their members,
# odd-numbered ones in core working groups of the lead and the providers. 3.46: "some
# representatives of some organisations changed from meeting to meeting": here PSP 2's
# first CJA sends someone new each time.
FIRST_MEETING = date(2012, 10, 15)
MEETING_WEEKS = (2, 4, 6, 8)
CHANGING_REPRESENTATIVE = 2


def meeting_days(number: int) -> list[date]:
    """The days partnership ``number`` met, before the MoUs were signed."""
    step = timedelta(weeks=MEETING_WEEKS[(number - 1) % len(MEETING_WEEKS)])
    days = []
    day = FIRST_MEETING
    while day < MOUS_SIGNED:
        days.append(day)
        day += step
    return days


def hold_meetings(p: Partnership, number: int, *, before: date) -> Partnership:
    """The partnership with its meetings held from its last one up to, not on, ``before``
    (a partnership's history is in date order, so its meetings are held between the other
    things it records)."""
    held = p.meetings()
    since = held[-1].on if held else None
    formal = number % 2 == 0
    for k, day in enumerate(meeting_days(number)):
        if (since is not None and day <= since) or day >= before:
            continue
        lead = p.lead(day)
        members = [
            m for m in p.members(day) if formal or m == lead or Role.PROVIDER in p.roles_of(m, day)
        ]
        changing = number == CHANGING_REPRESENTATIVE
        cja_ids = sorted(m.id for m in members if m.public_body_kind is PublicBodyKind.CJA)
        attendees = [
            Attendance(
                f"{m.name} representative"
                + (f" {k + 1}" if changing and m.id == cja_ids[0] else ""),
                m.id,
            )
            for m in members
        ]
        p = p.hold_meeting(
            Meeting(
                on=day,
                kind=MeetingKind.GOVERNANCE_GROUP if formal else MeetingKind.CORE_WORKING_GROUP,
                attendees=attendees,
                minuted=formal,
            )
        )
    return p


def build_partnership(number: int, spec: Spec, nationals: list[Partner]) -> Partnership:
    first_area = spec.areas[0]
    p = Partnership(
        f"psp-{number:02d}",
        f"PSP {number} - {spec.title} ({spec.scope.value})",
        focus=spec.focus,
        scope=spec.scope,
        areas={CJA_AREAS[k][0] for k in spec.areas},
    )
    locals_ = [local_charity(number, n, spec) for n in range(spec.local)]
    # The lead is the first national organisation, or a local one (``local_lead``).
    # Every lead is third sector, as the RRCF required; one real PSP was in effect
    # NHS-led (3.58), which this synthetic portfolio does not reproduce.
    lead = locals_[0] if spec.local_lead else nationals[0]
    existing = Engagement.EXISTING_RELATIONSHIP
    p = p.join(lead, roles={Role.LEAD, Role.PROVIDER}, on=AWARDED, engagement=existing)

    public: list[tuple[Partner, set[Role]]] = [(cja(k), {Role.STRATEGIC}) for k in spec.areas]
    public += [(c, {Role.REFERRAL, Role.STRATEGIC}) for c in councils_for(spec)]
    if spec.prison_service:
        public.append((SPS, {Role.REFERRAL, Role.STRATEGIC}))
    if spec.police:
        police = area_body(first_area, PublicBodyKind.POLICE, "Police")
        public.append((police, {Role.REFERRAL}))
    if spec.adp:
        public.append((area_body(first_area, PublicBodyKind.ADP, "ADP"), {Role.STRATEGIC}))
    if spec.nhs:
        nhs = area_body(first_area, PublicBodyKind.NHS_BOARD, "NHS board")
        public.append((nhs, {Role.SUPPORT, Role.REFERRAL}))
    for partner, roles in public:
        p = p.join(partner, roles=roles, on=AWARDED, engagement=existing)
    p = add_origins(p, number, spec, lead, [o for o, _ in public])
    if spec.drop_out:
        p = p.join(EARLY_PARTNER, roles={Role.PROVIDER}, on=AWARDED, engagement=existing)

    third: list[tuple[Partner, set[Role]]] = []
    for i, o in enumerate(x for x in nationals if x != lead):
        third.append((o, {Role.PROVIDER} if i % 2 else {Role.PROVIDER, Role.SUPPORT}))
    for i, o in enumerate(x for x in locals_ if x != lead):
        # A service users' group speaks for users; the evaluation gives it no role.
        roles = set() if o.represents_service_users else {Role.SUPPORT if i % 2 else Role.PROVIDER}
        third.append((o, roles))
    if not any(Role.REFERRAL in roles for _, roles in public):
        # No public body refers people in, so a third-sector partner does (3.19:
        # referral partners were mostly, not only, public).
        third[0][1].add(Role.REFERRAL)
    # The later half were newly engaged by the lead (3.7).
    half = len(third) // 2
    for partner, roles in third[:half]:
        p = p.join(partner, roles=roles, on=AWARDED, engagement=existing)
    # With development funding awarded, the partners design the service (3.11-3.13).
    p = award_development_funding(p, spec)
    p = p.step(Step.START_DESIGN, on=AWARDED).partnership
    p = hold_meetings(p, number, before=NEWLY_ENGAGED)
    for partner, roles in third[half:]:
        p = p.join(partner, roles=roles, on=NEWLY_ENGAGED, engagement=Engagement.NEWLY_ENGAGED)

    # Links: referrers refer people to the lead, the lead passes them on to support
    # services, and each CJA links the partnership to the justice system.
    for partner, roles in public + third:
        if Role.REFERRAL in roles:
            p = p.link(partner, lead, LinkKind.REFERS_TO, on=NEWLY_ENGAGED)
        if Role.SUPPORT in roles:
            p = p.link(lead, partner, LinkKind.ONWARD_REFERRAL, on=NEWLY_ENGAGED)
        if partner.public_body_kind is PublicBodyKind.CJA:
            p = p.link(partner, lead, LinkKind.STRATEGIC_LINK, on=NEWLY_ENGAGED)
    p = hold_meetings(p, number, before=EARLY_DROP_OUT)
    if spec.drop_out:
        p = p.leave(EARLY_PARTNER, on=EARLY_DROP_OUT, reason="a looser fit with the PSP (3.10)")
    return p


# -- MoUs, proposed governance and reimbursement (3.5, 3.9, 3.16, 3.31) ------------

MOUS_DRAFTED = COUNTED  # the MoUs list the members as counted (3.3-3.5)
REIMBURSEMENT_DECIDED = date(2012, 12, 10)  # illustrative
MOUS_SIGNED = date(2013, 1, 14)  # before the January deadline for Year 2/3 bids (3.35)


class Agreement(NamedTuple):
    """One partnership's MoU and what it settles, as counts and kinds, not names."""

    structure: GovernanceType  # proposed for Years 2 and 3 (3.16)
    third_signatories: int  # third-sector members with a named signatory (3.5)
    public_signatories: int  # public members with a named signatory
    unsigned: int = 0  # named signatories who never signed (3.9)
    reimbursement: ReimbursementStatus | None = None  # third-sector partners' time (3.31)


SINGLE, TWO, LOCALITY = (
    GovernanceType.SINGLE_TIER,
    GovernanceType.TWO_TIER,
    GovernanceType.LOCALITY_BASED,
)
ACCEPTED, DECLINED = ReimbursementStatus.ACCEPTED, ReimbursementStatus.DECLINED

# One row per partnership, in the order of SPECS. Column sums give the seed's figures:
#   3.5: 55 third-sector and 56 public signatories, 111 named, "divided evenly between
#        the third (50%) and public (50%) sectors" (55/111 and 56/111 both round to 50%);
#        the signatories are named for members in the order they joined, so the public
#        ones are mostly CJAs and councils ("most signatories were from local
#        authorities and CJAs"); 39 of the 150 members have nobody named (3.5: "Not all
#        150 partners signed up to the acceptance section").
#   3.9: 5 never signed, 3 of them in one MoU ("The majority of missing signatures
#        appeared in one particular MoU").
#   3.16: single tier in 7, all sub-national; two tier in 4, two national (1, 2) and
#        two regional (6, 11); locality based in 3 covering more than one area (3, 4, 13).
#   3.31: two partnerships reimbursed all their third-sector partners' time (5, 11); in
#        one (8) the partners declined the offer.
AGREEMENTS = (
    Agreement(TWO, 6, 10, unsigned=1),  # 1 women's mentoring (national)
    Agreement(TWO, 5, 9),  # 2 mentoring for short-term prisoners (national)
    Agreement(LOCALITY, 5, 6),  # 3 prison throughcare (west)
    Agreement(LOCALITY, 4, 5),  # 4 remand and throughcare (east)
    Agreement(SINGLE, 4, 3, reimbursement=ACCEPTED),  # 5 community sentences
    Agreement(TWO, 4, 4, unsigned=1),  # 6 drugs, alcohol and offending
    Agreement(SINGLE, 4, 3),  # 7 recovery from substance use
    Agreement(SINGLE, 3, 3, reimbursement=DECLINED),  # 8 substance use, community sentences
    Agreement(SINGLE, 4, 2),  # 9 women's services (service users are a party)
    Agreement(SINGLE, 3, 3),  # 10 young men in the community
    Agreement(TWO, 4, 1, reimbursement=ACCEPTED),  # 11 employability after sentence
    Agreement(SINGLE, 3, 1),  # 12 support for families
    Agreement(LOCALITY, 3, 4, unsigned=3),  # 13 housing and resettlement
    Agreement(SINGLE, 3, 2),  # 14 mentoring on community sentences
)

# 3.17: the responsibilities the MoUs gave their Governance Groups; each proposal here
# takes the first four, and a locality-based one adds sharing practice between its
# local steering groups. Which partnership's MoU said what is not recorded.
CORE_RESPONSIBILITIES = frozenset(
    {
        Responsibility.OVERSEE_AND_GUIDE,
        Responsibility.OUTCOMES,
        Responsibility.SCRUTINISE_RESOURCES,
        Responsibility.HOLD_PARTNERS_ACCOUNTABLE,
    }
)


def proposed_structure(p: Partnership, structure: GovernanceType) -> GovernanceStructure:
    """The structure a partnership's MoU proposes, seating its members as counted."""
    members = p.members(COUNTED)
    lead = p.lead(COUNTED)
    assert lead is not None
    cjas = {m.id for m in members if m.public_body_kind is PublicBodyKind.CJA}
    everyone = {m.id for m in members}
    if structure is SINGLE:
        groups = [
            Group(
                "governance-group",
                "Governance Group",
                GroupTier.GOVERNANCE,
                members=everyone,
                chairs={lead.id},
                responsibilities=CORE_RESPONSIBILITIES,
            )
        ]
    elif structure is TWO:
        providers = {m.id for m in members if Role.PROVIDER in p.roles_of(m, COUNTED)}
        groups = [
            Group(
                "strategic-group",
                "Strategic Group",
                GroupTier.STRATEGIC,
                members={lead.id} | cjas,
                chairs={lead.id},
                responsibilities=CORE_RESPONSIBILITIES,
            ),
            Group(
                "operational-group",
                "Operational Group",
                GroupTier.OPERATIONAL,
                members={lead.id} | providers,
                reports_to="strategic-group",
                responsibilities={Responsibility.OUTCOMES},
            ),
        ]
    else:
        groups = [
            Group(
                "governance-group",
                "Governance Group",
                GroupTier.GOVERNANCE,
                members={lead.id} | cjas,
                chairs={lead.id},
                responsibilities=CORE_RESPONSIBILITIES | {Responsibility.SHARE_BEST_PRACTICE},
            )
        ]
        for area in sorted({a for m in members if m.id in cjas for a in m.areas}):
            local = {m.id for m in members if area in m.areas}
            groups.append(
                Group(
                    f"steering-{area.lower().replace(' ', '-')}",
                    f"{area} steering group",
                    GroupTier.LOCAL,
                    members={lead.id} | local,
                    reports_to="governance-group",
                    area=area,
                )
            )
    return GovernanceStructure(structure, groups)


def add_agreement(p: Partnership, number: int, agreement: Agreement) -> Partnership:
    """The partnership with its MoU drafted and signed, and any reimbursement recorded."""
    p = hold_meetings(p, number, before=MOUS_DRAFTED)
    members = p.members(COUNTED)
    third = [m for m in members if m.sector is Sector.THIRD]
    public = [m for m in members if m.sector is Sector.PUBLIC]
    named = third[: agreement.third_signatories] + public[: agreement.public_signatories]
    # Synthetic people: one named signatory per organisation, different in each MoU.
    signatories = [Signatory(f"Signatory for {m.name} ({number:02d})", m.id) for m in named]
    mou = MoU(
        id=f"{p.id}-mou",
        drafted_on=MOUS_DRAFTED,
        parties={m.id for m in members},
        governance=proposed_structure(p, agreement.structure),
        signatories=signatories,
    )
    p = p.draft_mou(mou)
    if agreement.reimbursement is not None:
        # 3.31: offered to all the third-sector partners (everyone but the lead).
        lead = p.lead(COUNTED)
        partners = [m for m in third if m != lead]
        for m in partners:
            p = p.record_reimbursement(m, ReimbursementStatus.OFFERED, on=MOUS_DRAFTED)
        p = hold_meetings(p, number, before=REIMBURSEMENT_DECIDED)
        for m in partners:
            p = p.record_reimbursement(m, agreement.reimbursement, on=REIMBURSEMENT_DECIDED)
    p = hold_meetings(p, number, before=MOUS_SIGNED)
    signing = signatories[: len(signatories) - agreement.unsigned]
    for s in signing:
        p = p.sign_mou(mou.id, s.person, on=MOUS_SIGNED)
    return p


# What chapter 3 says of two partnerships' practice, as it stood when the MoUs were
# signed (the evaluation gives no dates). 3.54, the national women offenders PSP (1
# here): "South West Scotland CJA Chief Officer Co-Chaired this PSP"; the seed does not
# name the person, the other co-chair or a group. 3.30: "In one PSP, the lead
# organisation felt there were fundamental differences in views that could not be
# overcome within the timescale for partnership development, despite efforts to
# communicate and reach agreement with partners. In this PSP the lead partner hoped that
# the issues would be resolved if their bid was successful": which PSP, which partners
# and what about are not said; here PSP 5, between its lead and its other members, and
# left unresolved.
CO_CHAIRED, DIFFERED = 1, 5


# -- bids to the Change Fund and the CJAs' underwriting (3.35, 3.53, 3.56) -------------

# Every one of the 14 was awarded Year 1 development funding and bid for Year 2/3 delivery
# funding by the January deadline (3.35), its CJAs asked to sign the bid off for their
# areas (3.53: "some CJAs stating that they would not sign off bids"); 13 of the 14 had a
# written underwriting commitment (chapter 6), given by the CJAs (3.56: "their role in
# underwriting the PSPs"). The sources give no amounts, no days and not which PSP lacked
# the commitment or was refused a sign-off: every bid is recorded on the day of its award
# (development) or with the MoU (delivery), with no amount; each bid names the Scottish
# Government, the fund's main funder, as its funder (the Decision Making Group decided
# for all three funders);
# ILLUSTRATIVE: PSP 12 has no commitment and Tayside CJA does not sign off PSP 13's bid.
SCOTTISH_GOVERNMENT = Partner(
    "scot-gov", "Scottish Government", Sector.PUBLIC, public_body_kind="government"
)
NOT_UNDERWRITTEN = 12
NOT_SIGNED_OFF = (13, "tayside")


def award_development_funding(p: Partnership, spec: Spec) -> Partnership:
    """The partnership with the Change Fund recorded and its development bid awarded."""
    p = p.record_fund(CHANGE_FUND, on=AWARDED).add_organisation(SCOTTISH_GOVERNMENT, on=AWARDED)
    bid = Bid(
        id="development",
        funder=SCOTTISH_GOVERNMENT.id,
        purpose=FundingPurpose.DEVELOPMENT,
        drafted_on=AWARDED,
        fund=CHANGE_FUND.id,
        stream="development",
        areas={CJA_AREAS[k][0] for k in spec.areas},
    )
    p = p.draft_bid(bid).submit_bid(bid.id, on=AWARDED)
    return p.decide_bid(bid.id, on=AWARDED, awarded=True)


def bid_for_delivery(p: Partnership, number: int, spec: Spec) -> Partnership:
    """The partnership with its CJAs' underwriting (but PSP 12's) and its Year 2/3 bid
    submitted with the MoU, each area's CJA giving (or not) its sign-off."""
    cjas = [cja(k).id for k in spec.areas]
    if number != NOT_UNDERWRITTEN:
        commitment = SustainabilityCommitment(
            id="underwriting", by=cjas[0], on_behalf_of=set(cjas[1:]), what="underwriting"
        )
        p = p.seek_commitment(commitment, on=MOUS_SIGNED)
        p = p.give_commitment(commitment.id, on=MOUS_SIGNED)
    bid = Bid(
        id="delivery",
        funder=SCOTTISH_GOVERNMENT.id,
        purpose=FundingPurpose.DELIVERY,
        drafted_on=MOUS_SIGNED,
        fund=CHANGE_FUND.id,
        stream="delivery",
        areas={CJA_AREAS[k][0] for k in spec.areas},
        mous={f"{p.id}-mou"},
    )
    p = p.draft_bid(bid)
    for key in spec.areas:
        given = (number, key) != NOT_SIGNED_OFF
        p = p.endorse_bid(bid.id, cja(key), CJA_AREAS[key][0], on=MOUS_SIGNED, given=given)
    return p.submit_bid(bid.id, on=MOUS_SIGNED)


def record_practice(p: Partnership, number: int) -> Partnership:
    """The partnership with the co-chair (3.54) or the unresolved difference (3.30)."""
    if number == CO_CHAIRED:
        p = p.establish_post(Post("co-chair", PostKind.CO_CHAIR), on=MOUS_SIGNED)
        p = p.fill_post("co-chair", on=MOUS_SIGNED, partner="sw-cja", title="Chief Officer")
    if number == DIFFERED:
        p = p.record_difference(
            "fundamental-differences",
            "Fundamental differences in views that could not be overcome within the "
            "timescale for partnership development",
            [m.id for m in p.members()],
            on=MOUS_SIGNED,
        )
    return p


# The Change Fund itself, as sourced (the Scottish Government's "Policy in
# detail: Reducing Reoffending Change Fund" page): GBP 10 million for 2012-2015, 7.5
# million from the Scottish Government, 2 million from The Robertson Trust (charitable)
# and 0.5 million from the Scottish Prison Service; a Decision Making Group decided (3.7,
# 3.53). Its two streams (3.35): Year 1 development funding, then Year 2/3 delivery
# funding by "a January deadline", a month with no day, so the deadline is left None;
# no source divides the fund between the streams, so their amounts are None too. This
# is a record of the real fund; the synthetic partnerships record it and bid to it.
CHANGE_FUND = Fund(
    "rrcf",
    "Reducing Reoffending Change Fund",
    funders={"scot-gov", "robertson-trust", "sps"},
    shares=[
        FunderShare("scot-gov", 7_500_000),
        FunderShare("robertson-trust", 2_000_000),
        FunderShare("sps", 500_000),
    ],
    decided_by="rrcf-dmg",
    streams=[
        Stream("development", "Year 1 development funding", FundingPurpose.DEVELOPMENT),
        Stream("delivery", "Year 2/3 delivery funding", FundingPurpose.DELIVERY),
    ],
)


# ILLUSTRATIVE: no source reports a relational survey of any RRCF PSP. PSP 11 (six
# members) is given two invented waves of PARTNER-style answers (docs/relational-surveys.md)
# so that the measures and their change show: at the signing of the MoUs, five of its six
# members answer about each other member; a year on, all six, a little closer. Each
# rating follows a fixed rule of the two members' places, so the figures are reproducible.
RELATIONAL_PSP = 11
RELATIONAL_WAVES = (("year-1", MOUS_SIGNED, 5, 0), ("year-2", date(2014, 1, 14), 6, 1))


def record_relational_survey(p: Partnership) -> Partnership:
    """The partnership with the two illustrative waves of ``RELATIONAL_WAVES``."""
    members = [m.id for m in p.members()]
    frequencies = list(ContactFrequency)
    for wave_id, on, responding, lift in RELATIONAL_WAVES:
        for i, respondent in enumerate(members[:responding]):
            answers = [
                RelationalAnswer(
                    about=about,
                    reliability=min(4, 2 + (i + j) % 2 + lift),
                    mission=3 + (i * j) % 2,
                    openness=min(4, 1 + (i + 2 * j) % 3 + lift),
                    power=1 + j % 4,
                    involvement=min(4, 2 + (j % 3 == 0) + lift),
                    resources=None if j % 4 == 3 else min(4, 1 + j % 3 + lift),
                    frequency=frequencies[min(4, (i + j) % 5 + lift)],
                )
                for j, about in enumerate(members)
                if about != respondent
            ]
            p = p.record_relational_response(respondent, answers, wave_id=wave_id, on=on)
    return p


def build() -> Portfolio:
    """The synthetic 14-partnership portfolio; see the module's docstring."""
    pool = [national_charity(n) for n in range(1, NATIONAL_POOL + 1)]
    leads = iter(pool)  # each national organisation leads one bid at most
    cursor = 0
    partnerships = []
    for number, spec in enumerate(SPECS, start=1):
        nationals = [] if spec.local_lead else [next(leads)]
        # The others come in turn from the pool, so each national organisation sits in
        # three or four bids (3.41: leads were partners in other bids too).
        while len(nationals) < spec.national:
            candidate = pool[cursor % NATIONAL_POOL]
            cursor += 1
            if candidate not in nationals:
                nationals.append(candidate)
        p = build_partnership(number, spec, nationals)
        p = add_agreement(p, number, AGREEMENTS[number - 1])
        p = bid_for_delivery(record_practice(p, number), number, spec)
        partnerships.append(record_relational_survey(p) if number == RELATIONAL_PSP else p)
    portfolio = Portfolio("rrcf-year-1", "Reducing Reoffending Change Fund, Year 1", partnerships)

    # 3.42: some CJAs passed information between competing bids in their area.
    for cja_id, a, b in (("glasgow-cja", 2, 8), ("tayside-cja", 5, 12)):
        for index in (a, b):
            lead = partnerships[index].lead(COUNTED)
            assert lead is not None
            portfolio = portfolio.link(
                cja_id, lead, LinkKind.INFORMATION_BROKER, on=NEWLY_ENGAGED, note="3.42"
            )
    return portfolio


# -- The PSP survey (3.3-3.33; Appendix 7, not in the seed) ------------------------

# The evaluation gives each statement's agreement as a whole percentage, never the
# counts or how many answered. No single number of respondents gives them all: 88%
# (3.13) needs 49 of 56, 67% (3.14) is 37 of 55 and no count of 56, and 83% (3.14,
# 3.15) and 81% (3.18) are 45 and 44 of 54 and no count of 55 or 56. So here 56
# partners returned the survey and one or two skipped some statements: each share is
# of those who answered it (psp.Tally.respondents), as psp computes every share.
SURVEY_RESPONDENTS = 56

# (id, theme, statement,
#  strongly agree, agree, neither, disagree, strongly disagree).
# The agree + strongly agree columns are what the seed fixes; how they split and the
# rest are plausible and invented, following the seed's hints: lower "strength of
# agreement" for governance (3.14), equality (3.27) and modification through learning
# (3.33), and 14% disagreeing that partners were treated equally, "one of the highest
# levels of disagreement recorded" (3.27; the appendix: "strongly disagree or disagree").
# Which theme each statement belongs to is this example's grouping.
SURVEY_ANSWERS = (
    # 3.3: "the right partners were on the PSP (84%)": 47 of 56
    ("right-partners", Theme.PARTNERS, "The right partners are on the PSP",
     20, 27,  6,  2,  1),
    # 3.13: meetings "open and encouraged dialogue (88%)": 49 of 56 (87.5%, half up)
    ("meetings-open", Theme.MEETINGS, "Meetings are open and encourage dialogue",
     24, 25,  5,  2,  0),
    # 3.14: "met regularly to a firm agenda (75%)": 42 of 56
    ("firm-agenda", Theme.MEETINGS, "The PSP meets regularly to a firm agenda",
     14, 28, 10,  3,  1),
    # 3.14: "meetings were minuted (68%)": 38 of 56
    ("minuted", Theme.MEETINGS, "Meetings are minuted",
     12, 26, 11,  5,  2),
    # 3.14: "governance was strong and accountable (67%)": 37 of 55
    ("governance-strong", Theme.GOVERNANCE, "Governance is strong and accountable",
      9, 28, 13,  4,  1),
    # 3.14: "information was shared among partners (83%)": 45 of 54
    ("information-shared", Theme.GOVERNANCE, "Information is shared among partners",
     17, 28,  6,  3,  0),
    # 3.15: "the partnership had a clear vision (83%)": 45 of 54
    ("clear-vision", Theme.VISION, "The partnership has a clear vision",
     21, 24,  6,  2,  1),
    # 3.15: "partners were involved in developing the vision (80%)": 45 of 56
    ("shaped-vision", Theme.VISION, "Partners were involved in developing the vision",
     17, 28,  7,  3,  1),
    # 3.15: "partners understand the purpose of the partnership (85%)": 47 of 55
    ("understand-purpose", Theme.VISION, "Partners understand the purpose of the partnership",
     22, 25,  6,  2,  0),
    # 3.18: "clear roles and responsibilities for partners (81%)": 44 of 54
    ("clear-roles", Theme.ROLES, "Partners have clear roles and responsibilities",
     16, 28,  7,  2,  1),
    # 3.18: "the roles built on individual partner strengths (77%)": 43 of 56
    ("roles-build-on-strengths", Theme.ROLES, "Roles build on individual partners' strengths",
     13, 30,  9,  3,  1),
    # 3.24: "there was trust among partners (73%)": 41 of 56
    ("trust", Theme.TRUST, "There is trust among partners",
     15, 26, 10,  4,  1),
    # 3.27: "partners were treated equally (64%)": 36 of 56; disagreement 8 of 56, 14%
    ("treated-equally", Theme.EQUALITY, "Partners are treated equally",
     10, 26, 12,  5,  3),
    # 3.27: "support was available to maintain or achieve equality (61%)": 34 of 56
    ("support-for-equality", Theme.EQUALITY, "Support is available to maintain or achieve equality",
      8, 26, 15,  5,  2),
    # 3.33: "processes in place to capture learning (70%)": 39 of 56
    ("capture-learning", Theme.LEARNING, "Processes are in place to capture learning",
     11, 28, 12,  4,  1),
    # 3.33: "identified barriers and enablers to delivery (76%)": 42 of 55
    ("barriers-and-enablers", Theme.LEARNING,
     "Barriers and enablers to delivery have been identified",
     13, 29,  9,  3,  1),
    # 3.33: "modified through learning (63%)": 35 of 56
    ("modified-through-learning", Theme.LEARNING, "The PSP has been modified through learning",
      8, 27, 15,  5,  1),
)  # fmt: skip


def survey() -> Survey:
    """The PSP survey of the portfolio's partners, from ``SURVEY_ANSWERS``."""
    return Survey(
        "rrcf-year-1-survey",
        "Partnership survey, RRCF Year 1",
        [
            Statement(
                sid,
                theme,
                text,
                Tally(strongly_agree=sa, agree=a, neither=n, disagree=d, strongly_disagree=sd),
            )
            for sid, theme, text, sa, a, n, d, sd in SURVEY_ANSWERS
        ],
        respondents=SURVEY_RESPONDENTS,
    )


# -- The same survey by respondent (issue 19); every individual answer is invented ----

# Each statement's answers, from SURVEY_ANSWERS, go to the 56 respondents in a rotation
# (statement k starts at respondent 5k), so those who skip a statement differ from
# statement to statement; each statement's counts are exactly SURVEY_ANSWERS's. The
# sectors are invented (every other respondent third sector, 26 in all, and 30
# public, near the partners' 47% and 53%, 3.3). Year 2 is ILLUSTRATIVE, made up to
# show change between waves (the evaluation ran one survey): 50 of the 56 reply,
# every fourth moves a point up, every ninth (not fourth) a point down. The dates are
# this example's: the evaluation gives none.
SURVEY_YEAR_1 = Wave("year-1", date(2013, 1, 31), note="RRCF Year 1 (3.3-3.33)")
SURVEY_YEAR_2 = Wave("year-2", date(2014, 1, 31), note="illustrative: invented to show change")


def respondent_survey() -> RespondentSurvey:
    """The PSP survey entered respondent by respondent, Year 1 giving :func:`survey`'s
    totals exactly, and an illustrative Year 2."""
    people = [
        Respondent(f"r{j + 1:02}", sector="third" if j % 2 and j < 52 else "public")
        for j in range(SURVEY_RESPONDENTS)
    ]
    points = ("strongly-disagree", "disagree", "neither", "agree", "strongly-agree")
    year_1: list[dict[str, str]] = [{} for _ in people]
    for k, (sid, _, _, *counts) in enumerate(SURVEY_ANSWERS):
        # SURVEY_ANSWERS's columns run from strongly agree down to strongly disagree
        answers = [p for p, n in zip(points[::-1], counts, strict=True) for _ in range(n)]
        for j in range(SURVEY_RESPONDENTS):
            at = (j + 5 * k) % SURVEY_RESPONDENTS
            if at < len(answers):
                year_1[j][sid] = answers[at]
    moved = [1 if j % 4 == 0 else -1 if j % 9 == 0 else 0 for j in range(50)]
    year_2 = [
        {sid: points[min(max(points.index(a) + moved[j], 0), 4)] for sid, a in given.items()}
        for j, given in enumerate(year_1[:50])
    ]
    return RespondentSurvey(
        "rrcf-survey-by-respondent",
        "Partnership survey, RRCF, by respondent",
        [Statement(sid, theme, text) for sid, theme, text, *_ in SURVEY_ANSWERS],
        respondents=people,
        waves=[SURVEY_YEAR_1, SURVEY_YEAR_2],
        replies=[
            *(Reply(r.id, "year-1", a) for r, a in zip(people, year_1, strict=True)),
            *(Reply(r.id, "year-2", a) for r, a in zip(people, year_2, strict=False)),
        ],
    )


def report(portfolio: Portfolio, on: date = COUNTED) -> str:
    """A readable composition table, with the portfolio's totals under it."""
    header = f"{'partnership':<58} {'all':>3} {'3rd':>3} {'pub':>3} {'nat':>3} {'loc':>3}  lead"
    lines = [portfolio.name, "", header, "-" * len(header)]
    for row in portfolio.composition(on):
        lines.append(
            f"{row['name']:<58} {row['members']:>3} {row['third']:>3} {row['public']:>3} "
            f"{row['third_national']:>3} {row['third_regional_or_local']:>3}  {row['lead']}"
        )
    balance = portfolio.sector_balance(on)
    reach = portfolio.third_sector_by_reach(on)
    kinds = portfolio.partnerships_by_public_body_kind(on)
    lines += [
        "",
        f"Memberships: {portfolio.membership_count(on)} "
        f"(third sector {balance.third}, {balance.share(Sector.THIRD):.1%}; "
        f"public {balance.public}, {balance.share(Sector.PUBLIC):.1%})",
        f"Third sector by reach: national {reach[Reach.NATIONAL]}, "
        f"regional or local {reach[Reach.REGIONAL] + reach[Reach.LOCAL]}",
        "Partnerships with each public body: "
        + ", ".join(f"{k.value} {len(ids)}" for k, ids in kinds.items() if ids),
        "With service users as a partner: " + ", ".join(portfolio.with_service_user_partners(on)),
        f"Organisations in more than one partnership: "
        f"{len({r['organisation'] for r in portfolio.shared_members(on)})}",
        "Initiated by public bodies (3.49, 3.54): "
        + ", ".join(
            p.id
            for p in portfolio.partnerships
            if any(o.sector is Sector.PUBLIC for o in p.initiators())
        ),
    ]
    lines += agreements_report(portfolio)
    (fund, *streams) = fund_awards(portfolio, funds=[CHANGE_FUND])
    lines.append(
        f"{CHANGE_FUND.name}: GBP {fund['available']:,} from {len(CHANGE_FUND.funders)} "
        f"funders; streams: {', '.join(str(r['stream']) for r in streams)}"
    )
    return "\n".join(lines)


def agreements_report(portfolio: Portfolio) -> list[str]:
    """The MoUs' signatories, proposed structures and reimbursement (3.5-3.31)."""
    named = portfolio.signatory_balance()
    unsigned = portfolio.unsigned_signatories()
    by_mou: dict[str, int] = {}
    for row in unsigned:
        by_mou[row["partnership"]] = by_mou.get(row["partnership"], 0) + 1
    most = max(by_mou, key=by_mou.__getitem__) if by_mou else None
    structures = portfolio.partnerships_by_proposed_structure()
    by_status = portfolio.partnerships_by_reimbursement()
    mous = sum(len(p.mous()) for p in portfolio.partnerships)

    def scopes(ids: tuple[str, ...]) -> str:
        found: dict[str, int] = {}
        for pid in ids:
            scope = portfolio.partnership(pid).scope
            key = "no scope" if scope is None else scope.value
            found[key] = found.get(key, 0) + 1
        return ", ".join(f"{k} {n}" for k, n in sorted(found.items()))

    return [
        f"MoUs: {mous}, naming {named.total} signatories (third sector "
        f"{Share(named.third, named.total)}, public {Share(named.public, named.total)})",
        f"Named signatories who never signed: {len(unsigned)}"
        + (f", {by_mou[most]} of them in {most}'s MoU" if most else ""),
        "Proposed governance: "
        + "; ".join(f"{t.value} {len(ids)} ({scopes(ids)})" for t, ids in structures.items()),
        "Third-sector partners' time reimbursed: "
        + (", ".join(by_status[ReimbursementStatus.ACCEPTED]) or "none")
        + "; offer declined: "
        + (", ".join(by_status[ReimbursementStatus.DECLINED]) or "none"),
    ]


def survey_report(s: Survey, threshold: Fraction = Fraction(7, 10)) -> str:
    """Each statement's agreement, neutrality and disagreement, theme by theme."""
    title = f"{s.name}: {s.respondents} respondents"
    header = f"{'theme':<10} {'statement':<55} {'n':>3} {'agree':>6} {'neither':>8} {'disagree':>9}"
    lines = [
        title,
        "Shares are of those who answered each statement, rounded half up from the exact",
        "share; a statement's three percentages need not sum to 100, its counts always do.",
        "",
        header,
        "-" * len(header),
    ]
    for row in s.results():
        lines.append(
            f"{row['theme']:<10} {row['text']:<55} {row['respondents']:>3} "
            f"{row['agree_percent']:>5}% {row['neither_percent']:>7}% "
            f"{row['disagree_percent']:>8}%"
        )
    lines.append("")
    lines.append(f"Agreement below {float(threshold):.0%}:")
    lines += [
        f"  {st.id}: {share}; exactly {float(share.fraction):.1%}"
        for st, share in s.below(threshold)
    ]
    return "\n".join(lines)


def main() -> None:
    print(report(build()))
    print()
    print(survey_report(survey()))


if __name__ == "__main__":
    main()
