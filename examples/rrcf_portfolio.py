"""A SYNTHETIC portfolio of the 14 RRCF PSPs whose composition matches the evaluation.

Source: ../shared/seeds/000_87c65a820e502b77.txt, chapter 3 of the evaluation of
Year 1 of the Reducing Reoffending Change Fund. It gives the portfolio's figures
(3.3-3.4) but not its 150 memberships, so this module *invents* a membership with
those figures: the partnerships' names are generic, their focuses and areas
plausible, and which organisation sits where is made up. Only the eight Community
Justice Authorities and their areas are real (3.2: "the eight Community Justice
Authorities"). Nothing here is a record of any real PSP.

The figures are not typed into the portfolio: the table below sets, per partnership,
how many organisations of each kind take part, and ``tests/test_portfolio.py`` checks
that psp *computes* the seed's figures from the result. Run it with
``python examples/rrcf_portfolio.py``.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from psp import (
    Engagement,
    LinkKind,
    Partner,
    Partnership,
    Portfolio,
    PublicBodyKind,
    Reach,
    Role,
    Scope,
    Sector,
    Size,
    ThirdSectorKind,
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
    focus: tuple[str, ...]  # Focus values
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
    for i, (partner, roles) in enumerate(third):
        # The later half were newly engaged by the lead (3.7).
        later = i >= len(third) // 2
        p = p.join(
            partner,
            roles=roles,
            on=NEWLY_ENGAGED if later else AWARDED,
            engagement=Engagement.NEWLY_ENGAGED if later else existing,
        )

    # Links: referrers refer people to the lead, the lead passes them on to support
    # services, and each CJA links the partnership to the justice system.
    for partner, roles in public + third:
        if Role.REFERRAL in roles:
            p = p.link(partner, lead, LinkKind.REFERS_TO, on=NEWLY_ENGAGED)
        if Role.SUPPORT in roles:
            p = p.link(lead, partner, LinkKind.ONWARD_REFERRAL, on=NEWLY_ENGAGED)
        if partner.public_body_kind is PublicBodyKind.CJA:
            p = p.link(partner, lead, LinkKind.STRATEGIC_LINK, on=NEWLY_ENGAGED)
    if spec.drop_out:
        p = p.leave(EARLY_PARTNER, on=EARLY_DROP_OUT, reason="a looser fit with the PSP (3.10)")
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
        partnerships.append(build_partnership(number, spec, nationals))
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
    ]
    return "\n".join(lines)


def main() -> None:
    print(report(build()))


if __name__ == "__main__":
    main()
