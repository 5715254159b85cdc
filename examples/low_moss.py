"""The Low Moss Prison Throughcare Pathway PSP, built from its case study.

Source: the case study "Public Social Partnership: Low Moss Prison Throughcare
Pathway". It gives months, not days: an event in "April 2012" is dated
1 April 2012. Run it with ``python examples/low_moss.py``: it reports on Low Moss,
then on the RRCF's 14 partnerships together and their survey (rrcf_portfolio.py).
"""

from __future__ import annotations

from datetime import date

import rrcf_portfolio

import psp
from psp import (
    Attendance,
    Baseline,
    Bid,
    Clause,
    ClauseSubject,
    Consultation,
    Engagement,
    ExternalCondition,
    Firmness,
    Focus,
    FundingPurpose,
    GovernanceStructure,
    GovernanceType,
    Group,
    GroupTier,
    LogicModel,
    Measure,
    Meeting,
    MeetingKind,
    MoU,
    Partner,
    Partnership,
    Post,
    PostKind,
    Responsibility,
    RiskKind,
    Role,
    Scope,
    Sector,
    SelectionMethod,
    ServiceDesign,
    Signatory,
    Step,
    SustainabilityCommitment,
)

DESIGN_STARTS = date(2012, 4, 1)  # "service design lifecycle ... from April 2012"
MAY, JULY, SEPTEMBER, OCTOBER = (date(2012, m, 1) for m in (5, 7, 9, 10))  # illustrative
LAUNCH = date(2012, 11, 1)  # "A launch day ... was held in November 2012"
REOFFENDING = "reoffending rate of short-term prisoners"
ORIGINATORS = {"ns-cja", "glasgow-cja", "hmp-low-moss"}  # "the initiating leaders"
INITIATED = "after open discussion between the CJAs, the prison and third sector organisations"
KNOWLEDGE = "knowledge of offender needs and services, drawn on in the service design"
SPENDING_REVIEW = "2014 Spending Review"

# Third-sector partners named in "Critical success factors"; Turning Point Scotland
# "was selected as lead organisation". Their exact roles beyond the lead's are not
# given; providing is what the third-sector partners of a PSP mostly did (3.19).
THIRD_SECTOR = [
    (
        Partner("tps", "Turning Point Scotland", Sector.THIRD, reach="national"),
        {Role.LEAD, Role.PROVIDER},
    ),
    (Partner("alternatives-wd", "Alternatives WD", Sector.THIRD, reach="local"), {Role.PROVIDER}),
    (
        Partner("families-outside", "Families Outside", Sector.THIRD, reach="national"),
        {Role.PROVIDER, Role.SUPPORT},
    ),
    (
        Partner(
            "wise-group",
            "The Wise Group",
            Sector.THIRD,
            reach="national",
            third_sector_kind="social-enterprise",
        ),
        {Role.PROVIDER},
    ),
    (Partner("sacro", "Sacro", Sector.THIRD, reach="national"), {Role.PROVIDER}),
    (
        Partner("action-for-children", "Action for Children", Sector.THIRD, reach="national"),
        {Role.PROVIDER},
    ),
]

# "North Strathclyde and Glasgow Community Justice Authority areas"; the prison
# itself; and "supporting public bodies such as health, mental health, job support
# agencies and housing". The seed does not name those bodies: the NHS board,
# Jobcentre Plus and the two councils below are illustrative, chosen so that the
# MoU covers 14 organisations, as the seed says it did.
PUBLIC_SECTOR = [
    (
        Partner(
            "ns-cja",
            "North Strathclyde CJA",
            Sector.PUBLIC,
            public_body_kind="cja",
            areas={"North Strathclyde"},
        ),
        {Role.STRATEGIC},
    ),
    (
        Partner(
            "glasgow-cja", "Glasgow CJA", Sector.PUBLIC, public_body_kind="cja", areas={"Glasgow"}
        ),
        {Role.STRATEGIC},
    ),
    (
        Partner(
            "sps",
            "Scottish Prison Service",
            Sector.PUBLIC,
            public_body_kind="prison-service",
            reach="national",
        ),
        {Role.STRATEGIC},
    ),
    (
        Partner(
            "hmp-low-moss",
            "HMP Low Moss",
            Sector.PUBLIC,
            public_body_kind="prison-service",
            part_of="sps",
        ),
        {Role.REFERRAL},
    ),
    (
        Partner(
            "nhs-ggc", "NHS Greater Glasgow and Clyde", Sector.PUBLIC, public_body_kind="nhs-board"
        ),
        {Role.SUPPORT},
    ),
    (
        Partner("jcp", "Jobcentre Plus", Sector.PUBLIC, public_body_kind="employment-service"),
        {Role.SUPPORT},
    ),
    (
        Partner(
            "glasgow-cc",
            "Glasgow City Council",
            Sector.PUBLIC,
            public_body_kind="local-authority",
            identifiers=["GB-LAS-GLG"],
        ),
        {Role.REFERRAL, Role.SUPPORT},
    ),
    (
        Partner(
            "east-dunbartonshire",
            "East Dunbartonshire Council",
            Sector.PUBLIC,
            public_body_kind="local-authority",
            identifiers=["GB-LAS-EDU"],
        ),
        {Role.SUPPORT},
    ),
]

# "Ready for Business acted as a critical friend ... sat on the governance group."
READY_FOR_BUSINESS = Partner("rfb", "Ready for Business", Sector.THIRD)


# "Consideration of appropriate governance structure for the PSP. Ready for Business sat
# on the governance group." The seed names no tiers, members or frequency: one
# Governance Group seating the initiators (the CJAs, the prison, the lead) and the
# critical friend; how firm the proposal was is not said.
GOVERNANCE = GovernanceStructure(
    GovernanceType.SINGLE_TIER,
    [
        Group(
            "governance-group",
            "Low Moss PSP Governance Group",
            GroupTier.GOVERNANCE,
            members={"tps", "ns-cja", "glasgow-cja", "hmp-low-moss", "rfb"},
            chairs={"tps"},
            responsibilities={
                Responsibility.OVERSEE_AND_GUIDE,
                Responsibility.OUTCOMES,
                Responsibility.ENGAGE_STAKEHOLDERS,
            },
        )
    ],
    firmness=Firmness.PARTLY_DEFINED,
)

# "The Low Moss PSP Memorandum of Understanding ... covered 14 organisations and was
# signed by the key parties who attended the launch": the parties are the 14 members;
# the people who signed are not named in the seed, so each signatory is named by the
# post they held for the organisation. The draft date is not given: October 2012.
MOU = MoU(
    id="low-moss-mou",
    drafted_on=date(2012, 10, 1),
    parties={p.id for p, _ in PUBLIC_SECTOR + THIRD_SECTOR},
    clauses=[
        Clause(ClauseSubject.DATA_SHARING, "Boundaries within which data is shared."),
        Clause(ClauseSubject.INTELLECTUAL_PROPERTY, "Provider-developed IP is not put at risk."),
    ],
    signatories=[
        Signatory("Chief Executive, Turning Point Scotland", "tps"),
        Signatory("Chief Officer, North Strathclyde CJA", "ns-cja"),
        Signatory("Chief Officer, Glasgow CJA", "glasgow-cja"),
        Signatory("Governor, HMP Low Moss", "hmp-low-moss"),
    ],
)


# "Ready for Business delivers PSP support on behalf of the Scottish Government"; the two
# pilot funders and the outstanding application are named in the seed.
FUNDERS = [
    Partner("scot-gov", "Scottish Government", Sector.PUBLIC, public_body_kind="government"),
    Partner("robertson-trust", "The Robertson Trust", Sector.THIRD, third_sector_kind="charity"),
    Partner("big-lottery", "BIG Lottery Fund", Sector.PUBLIC, public_body_kind="other"),
]

# "Commitment has been made by the CJAs on behalf of public sector partners to continue
# funding the service, contingent upon the pilot demonstrating success against agreed
# measures and the outcome of the Spending Review in 2014." The seed names the 53%
# baseline but not the target: the 48% target below is illustrative.
COMMITMENT = SustainabilityCommitment(
    id="cja-commitment",
    by="ns-cja",
    on_behalf_of={"glasgow-cja", "glasgow-cc", "east-dunbartonshire", "sps"},
    measures=[Measure(REOFFENDING, baseline=53, target=48, higher_is_better=False)],
    conditions=[ExternalCondition(SPENDING_REVIEW)],
)


# "Key Challenges": "challenges which the PSP partners were required to address and
# overcome" while designing the service (April to November 2012); each with what the
# seed says was done and what came of it. It names no owner and gives no rating.
CHALLENGES = [
    (
        "timescales",
        "Timescales: baseline current provision and develop the new approach within tight "
        "timelines, approximately four months",
        "Strong commitment from all participants",
        "It also provided a key focus for the group and ensured continued progress",
    ),
    (
        "stakeholder-management",
        "Stakeholder management: a significant number of stakeholders across the public "
        "and third sectors",
        "Continued engagement through a number of forms of communication",
        "Key participants could understand, comment and advise upon project proposals",
    ),
    (
        "partnership-working",
        "Partnership working: the PSP model is a new approach for many; building an "
        "understanding of the model took time",
        "Building an understanding of the model, which took time",
        "It provided the foundation for maintaining progress throughout the project",
    ),
]

# "The pilot period has now commenced. The partnership is currently recruiting for key
# roles such as the partnership manager and case workers": posts established and vacant.
# The seed gives no employer, group or number of case workers: two, the fewest "case
# workers" can be.
POSTS = [
    Post("partnership-manager", PostKind.PARTNERSHIP_MANAGER),
    Post("case-worker-1", PostKind.CASE_WORKER),
    Post("case-worker-2", PostKind.CASE_WORKER),
]


# The governance group met while the design was worked out. The seed lists what Ready for
# Business supported the group with, and the products of the design; it gives neither
# the dates nor the attendance of any meeting but the launch. ILLUSTRATIVE: a minuted
# meeting on the month of each product, attended by the group's members, each
# represented by a post-holder, as the MoU's signatories are named below.
GROUP_MEETINGS = [
    (MAY, ["Capturing a robust baseline", "Focus groups and one to one interviews"], []),
    (JULY, ["Consideration of service redesign options", "The logic model"], ["Logic model"]),
    (
        SEPTEMBER,
        ["The service design", "Development of the business case and funding proposals"],
        ["Service design", "Pilot funding applications"],
    ),
    (
        OCTOBER,
        [
            "Consideration of appropriate governance structure for the PSP",
            "Guidance underpinning the Memorandum of Understanding",
        ],
        ["MoU drafted"],
    ),
]
GROUP_ATTENDEES = [
    Attendance("Chief Executive, Turning Point Scotland", "tps"),
    Attendance("Chief Officer, North Strathclyde CJA", "ns-cja"),
    Attendance("Chief Officer, Glasgow CJA", "glasgow-cja"),
    Attendance("Governor, HMP Low Moss", "hmp-low-moss"),
    Attendance("Adviser, Ready for Business", "rfb"),
]


def hold_group_meeting(
    p: Partnership, on: date, agenda: list[str], decisions: list[str]
) -> Partnership:
    """One (illustrative) meeting of the governance group; see ``GROUP_MEETINGS``."""
    return p.hold_meeting(
        Meeting(
            on=on,
            kind=MeetingKind.GOVERNANCE_GROUP,
            group="governance-group",
            attendees=GROUP_ATTENDEES,
            minuted=True,
            agenda=agenda,
            decisions=decisions,
        )
    )


def raise_challenges(p: Partnership) -> Partnership:
    """The key challenges, as issues the design met from its start."""
    for key, challenge, _, _ in CHALLENGES:
        p = p.raise_risk(key, challenge, on=DESIGN_STARTS, kind=RiskKind.ISSUE)
    return p


def record_practice(p: Partnership) -> Partnership:
    """The key challenges overcome by the launch, and the posts being recruited to as
    the pilot starts."""
    for key, _, response, outcome in CHALLENGES:
        p = p.review_risk(key, on=LAUNCH, mitigation=response)
        p = p.close_risk(key, on=LAUNCH, reason=f"Addressed and overcome: {outcome}")
    for post in POSTS:
        p = p.establish_post(post, on=LAUNCH)
    return p


def build() -> Partnership:
    """The Low Moss PSP from forming to the start of its pilot at the launch in
    November 2012, every step through the lifecycle's guards."""
    p = Partnership(
        "low-moss",
        "Low Moss Prison Throughcare Pathway",
        focus={Focus.PRISON_LEAVERS, Focus.REMAND},
        scope=Scope.REGIONAL,
        areas={"North Strathclyde", "Glasgow"},
        description="Throughcare for convicted short-term and remand prisoners at HMP Low Moss.",
    )
    # The SPS is added before HMP Low Moss, which is part of it.
    for partner, roles in PUBLIC_SECTOR + THIRD_SECTOR:
        p = p.join(
            partner, roles=roles, on=DESIGN_STARTS, engagement=Engagement.EXISTING_RELATIONSHIP
        )
    p = p.take_seat(READY_FOR_BUSINESS, "critical-friend", on=DESIGN_STARTS)
    # Origins: "the Leadership within Low Moss Prison and the CJAs chose to engage with the
    # third sector in a Public Social Partnership (PSP)". "The Low Moss PSP was initiated
    # following open discussion between leadership in the North Strathclyde and Glasgow
    # Community CJAs, the Prison itself, and multiple third sector organisations. Turning
    # Point Scotland was selected as lead organisation to drive the PSP forward." Who
    # selected it, which others were considered and the dates are not said: both are
    # dated to the design's start, and the selection names no selectors.
    p = p.record_initiation(ORIGINATORS, on=DESIGN_STARTS, note=INITIATED)
    p = p.select_lead("tps", on=DESIGN_STARTS, method=SelectionMethod.OPEN_DISCUSSION)
    p = p.adopt_governance(GOVERNANCE, on=DESIGN_STARTS)
    p = p.step(Step.START_DESIGN, on=DESIGN_STARTS).partnership
    p = raise_challenges(p)

    # The design: evidence, service users' views, a logic model and the service design.
    p = p.record_baseline(Baseline(REOFFENDING, 53, "%", "national statistics"), on=DESIGN_STARTS)
    p = p.record_baseline(Baseline("cells at HMP Low Moss", 700), on=DESIGN_STARTS)
    p = p.consult(Consultation("focus-group", summary="levers back into crime"), on=MAY)
    p = p.consult(Consultation("interview", summary="one-to-one interviews"), on=MAY)
    p = hold_group_meeting(p, *GROUP_MEETINGS[0])
    p = p.agree_logic_model(
        LogicModel(
            outcomes=["reduced reoffending after liberation"],
            levers=["addictions", "housing", "employment"],
            activities=["case work", "peer mentoring"],
        ),
        on=JULY,
    )
    p = hold_group_meeting(p, *GROUP_MEETINGS[1])
    p = p.agree_service_design(
        ServiceDesign(
            "Coordinated throughcare from third and public sector organisations",
            components=["dedicated case workers", "peer mentoring"],
        ),
        on=SEPTEMBER,
    )
    p = hold_group_meeting(p, *GROUP_MEETINGS[2])
    # What the third sector brought to the design: "The collective knowledge of Turning
    # Point Scotland and their partners provided key insight into offender needs", "with
    # strong contributions made by Alternatives WD, Families Outside, the Wise Group,
    # Sacro and Action for Children". No values, and nothing of the public partners':
    # the case study gives neither ("Secondment arrangements are also being considered"
    # is not a secondment).
    for partner, _ in THIRD_SECTOR:
        p = p.record_contribution(partner, "expertise", on=SEPTEMBER, description=KNOWLEDGE)
    p = p.seek_commitment(COMMITMENT, on=SEPTEMBER)

    # Two pilot funders approved the design and funded the pilot; a third application,
    # to BIG Lottery, was outstanding. The seed gives no amounts, and names the funding
    # bodies, not a fund or stream of theirs: the bids name no fund (docs/funds.md).
    for funder in FUNDERS:
        p = p.add_organisation(funder, on=SEPTEMBER)
        p = p.draft_bid(
            Bid(
                id=f"pilot-{funder.id}",
                funder=funder.id,
                purpose=FundingPurpose.PILOT,
                drafted_on=SEPTEMBER,
                areas={"North Strathclyde", "Glasgow"},
            )
        )
        p = p.submit_bid(f"pilot-{funder.id}", on=SEPTEMBER)
    p = p.give_commitment(COMMITMENT.id, on=OCTOBER)
    for cja, area in (("ns-cja", "North Strathclyde"), ("glasgow-cja", "Glasgow")):
        for funder in FUNDERS[:2]:
            p = p.endorse_bid(f"pilot-{funder.id}", cja, area, on=OCTOBER)
    p = p.draft_mou(MOU)
    p = hold_group_meeting(p, *GROUP_MEETINGS[3])
    for funder in FUNDERS[:2]:
        p = p.decide_bid(f"pilot-{funder.id}", on=OCTOBER, awarded=True)
        p = p.approve_design(funder.id, on=OCTOBER)

    # The launch: the MoU signed by the key parties who attended, and the pilot begins.
    p = p.hold_meeting(
        Meeting(
            on=LAUNCH,
            kind=MeetingKind.LAUNCH_EVENT,
            attendees=[Attendance(s.person, s.partner_id) for s in MOU.signatories],
            decisions=["The final pathway model was debated and agreed"],
        )
    )
    for signatory in MOU.signatories:
        p = p.sign_mou(MOU.id, signatory.person, on=LAUNCH)
    p = p.step(Step.START_PILOT, on=LAUNCH).partnership
    return record_practice(p)


def report(p: Partnership) -> str:
    """A short, readable account of the partnership's make-up."""
    balance = p.sector_balance()
    lead = p.lead()
    lines = [
        p.name,
        "=" * len(p.name),
        f"Stage: {p.stage.value} (since {p.stage_history()[-1][0]})",
        f"Lead: {lead.name if lead else 'none'}",
        f"Members: {balance.total} "
        f"({balance.third} third sector, {balance.share(Sector.THIRD):.0%}; "
        f"{balance.public} public, {balance.share(Sector.PUBLIC):.0%})",
    ]
    for role, members in p.members_by_role().items():
        lines.append(f"  {role.value:<10} {', '.join(m.name for m in members) or '-'}")
    selection = p.lead_selection()
    lines.append(
        f"Initiated by: {', '.join(o.name for o in p.initiators()) or 'not recorded'}; "
        f"lead chosen by {selection.method.value if selection else 'a way not recorded'}"
    )
    by_sector = p.contributions_by_sector()
    lines.append(
        "Contributions recorded: "
        + ", ".join(f"{s.value} {row['count']}" for s, row in by_sector.items() if row["count"])
        + f"; members with none: {len(p.members_without_contributions())}"
    )
    seats = [f"{p.organisation(s.partner_id).name} ({s.kind.value})" for s in p.seats_on()]
    lines.append(f"Non-member seats: {', '.join(seats) or 'none'}")
    structure = p.governance()
    if structure is not None:
        uncovered = sorted(r.value for r in structure.uncovered_responsibilities())
        lines.append(
            f"Governance: {structure.type.value}; responsibilities no group holds: "
            f"{', '.join(uncovered) or 'none'}"
        )
    for mou in p.mous():
        state = f"signed {mou.signed_on}" if mou.is_signed else "not yet signed"
        lines.append(
            f"MoU {mou.id}: {len(mou.parties)} parties, {len(mou.signatories)} "
            f"named signatories, {state}"
        )
    for bid in p.bids():
        lines.append(
            f"Bid {bid.id} ({bid.purpose.value}) to {p.organisation(bid.funder).name}: "
            f"{bid.status.value}"
        )
    # An award without a recorded amount is still funding: the mix lists it apart.
    mix = p.funding_mix()
    name = p.organisation
    known = ", ".join(f"{name(f).name} £{amount:,}" for f, amount in mix.known.items())
    unknown = ", ".join(f"{name(f).name} ({', '.join(ids)})" for f, ids in mix.unknown.items())
    lines.append(
        f"Funding mix: {known or 'no amount known'}"
        + (f"; awarded, amount unknown: {unknown}" if unknown else "")
    )
    for c in p.commitments():
        lines.append(
            f"Commitment by {p.organisation(c.by).name}: {c.status.value}; "
            f"conditions not yet met: {', '.join(c.unmet()) or 'none'}"
        )
    lines.append(f"Posts vacant: {', '.join(x.id for x in p.vacant_posts()) or 'none'}")
    closed = [r for r in p.risks() if r.closed_on is not None]
    lines.append(
        f"Risks and issues: {len(p.risks())} recorded, {len(p.open_risks())} open, "
        f"{len(closed)} closed ({', '.join(r.id for r in closed) or 'none'})"
    )
    rrcf = psp.Policy.rrcf()
    expected = rrcf.expected_public_bodies_for(p)
    missing = p.absent_public_body_kinds(expected)
    lines.append(
        f"Public bodies the RRCF expects for this focus: {', '.join(sorted(expected))}; "
        f"absent: {', '.join(sorted(missing)) or 'none'}"
    )
    findings = rrcf.check(p)
    lines.append(f"RRCF policy findings: {len(findings)}")
    lines.extend(f"  - {f.severity.value}: {f.message}" for f in findings)
    return "\n".join(lines)


def main() -> None:
    p = build()
    print(report(p))
    print()
    # A refused step: a second lead while Turning Point Scotland leads.
    try:
        p.change_roles("sacro", {Role.LEAD, Role.PROVIDER}, on=LAUNCH)
    except psp.PSPError as e:
        print(f"Refused: {e}")
    # Another: reviewing the pilot before any result of its measures is in.
    print("Before review:", "; ".join(f.message for f in p.blockers(Step.START_REVIEW)))
    # The whole partnership as JSON-ready data, and back, losslessly.
    data = psp.to_data(p)
    assert psp.from_data(data, Partnership) == p
    print(f"Round trip through plain data: {len(data['history'])} events, nothing lost.")

    # Low Moss was one of the RRCF's partnerships: the fund's 14 together (a synthetic
    # portfolio with the evaluation's figures), then the partners' survey.
    print()
    print(rrcf_portfolio.report(rrcf_portfolio.build()))
    print()
    print(rrcf_portfolio.survey_report(rrcf_portfolio.survey()))


if __name__ == "__main__":
    main()
