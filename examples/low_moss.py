"""The Low Moss Prison Throughcare Pathway PSP, built from its case study.

Source: ../shared/seeds/003_fbc1e2544832ec1a.txt (the Low Moss case study) and
DOMAIN.md. The seed gives months, not days: an event in "April 2012" is dated
1 April 2012. Run it with ``python examples/low_moss.py``.
"""

from __future__ import annotations

from datetime import date

import psp
from psp import (
    Attendance,
    Clause,
    ClauseSubject,
    Engagement,
    Firmness,
    Focus,
    GovernanceStructure,
    GovernanceType,
    Group,
    GroupTier,
    Meeting,
    MeetingKind,
    MoU,
    Partner,
    Partnership,
    Responsibility,
    Role,
    Scope,
    Sector,
    Signatory,
)

DESIGN_STARTS = date(2012, 4, 1)  # "service design lifecycle ... from April 2012"
LAUNCH = date(2012, 11, 1)  # "A launch day ... was held in November 2012"

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


def build() -> Partnership:
    """The Low Moss PSP as it stood at its launch in November 2012."""
    p = Partnership(
        "low-moss",
        "Low Moss Prison Throughcare Pathway",
        focus={Focus.PRISON_LEAVERS, Focus.REMAND},
        scope=Scope.REGIONAL,
        areas={"North Strathclyde", "Glasgow"},
        description="Throughcare for convicted short-term and remand prisoners at HMP Low Moss "
        "(700 cells).",
    )
    # The SPS is added before HMP Low Moss, which is part of it.
    for partner, roles in PUBLIC_SECTOR + THIRD_SECTOR:
        p = p.join(
            partner, roles=roles, on=DESIGN_STARTS, engagement=Engagement.EXISTING_RELATIONSHIP
        )
    p = p.take_seat(READY_FOR_BUSINESS, "critical-friend", on=DESIGN_STARTS)
    p = p.adopt_governance(GOVERNANCE, on=DESIGN_STARTS)
    p = p.draft_mou(MOU)
    # "signed by the key parties who attended the launch of the PSP"
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
    return p


def report(p: Partnership) -> str:
    """A short, readable account of the partnership's make-up."""
    balance = p.sector_balance()
    lead = p.lead()
    lines = [
        p.name,
        "=" * len(p.name),
        f"Lead: {lead.name if lead else 'none'}",
        f"Members: {balance.total} "
        f"({balance.third} third sector, {balance.share(Sector.THIRD):.0%}; "
        f"{balance.public} public, {balance.share(Sector.PUBLIC):.0%})",
    ]
    for role, members in p.members_by_role().items():
        lines.append(f"  {role.value:<10} {', '.join(m.name for m in members) or '-'}")
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
    # The whole partnership as JSON-ready data, and back, losslessly.
    data = psp.to_data(p)
    assert psp.from_data(data, Partnership) == p
    print(f"Round trip through plain data: {len(data['history'])} events, nothing lost.")


if __name__ == "__main__":
    main()
