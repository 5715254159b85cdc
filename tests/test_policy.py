"""Programme policies and the findings they report."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given

from psp import (
    Focus,
    InvalidValueError,
    Partner,
    Partnership,
    Policy,
    PublicBodyKind,
    Role,
    Sector,
    Severity,
)
from psp.testing import partnerships, policies

ON = date(2012, 4, 1)
NHS = Partner("nhs", "NHS Board", Sector.PUBLIC, public_body_kind="nhs-board")
CHARITY = Partner("c", "A charity", Sector.THIRD)
CJA = Partner("cja", "A CJA", Sector.PUBLIC, public_body_kind="cja")


class TestRRCF:
    """The RRCF's rules: third-sector lead, one partner of each sector, core roles filled."""

    def test_an_nhs_led_partnership_breaches_the_lead_rule(self) -> None:
        # 3.58: one PSP was in effect led by an NHS board.
        p = (
            Partnership("p", "P")
            .join(NHS, on=ON, roles={"lead", "strategic", "referral"})
            .join(CHARITY, on=ON, roles={"provider"})
        )
        findings = Policy.rrcf().check(p)
        assert [(f.rule, f.severity, f.subject) for f in findings] == [
            ("lead-sector", Severity.BREACH, "public")
        ]
        assert "NHS Board" in findings[0].message

    def test_the_same_partnership_passes_the_general_psp_policy(self) -> None:
        p = Partnership("p", "P").join(NHS, on=ON, roles={"lead"}).join(CHARITY, on=ON)
        assert Policy().check(p) == ()
        assert p.findings() == ()  # its own policy is the general one

    def test_a_partnership_without_a_third_sector_partner_is_not_a_psp(self) -> None:
        p = Partnership("p", "P").join(NHS, on=ON, roles={"lead"})
        assert [f.rule for f in Policy().check(p)] == ["min-third-members"]

    def test_a_partnership_with_one_sector_breaches_the_minimum(self) -> None:
        p = Partnership("p", "P").join(CHARITY, on=ON, roles=set(Role))
        rules = [f.rule for f in Policy.rrcf().check(p)]
        assert rules == ["min-public-members"]

    def test_empty_partnership_reports_every_unfilled_role(self) -> None:
        findings = Policy.rrcf().check(Partnership("p", "P"))
        unfilled = sorted(str(f.subject) for f in findings if f.rule == "role-unfilled")
        assert unfilled == ["lead", "provider", "referral", "strategic"]

    def test_missing_public_bodies_for_the_focus_are_warnings(self) -> None:
        p = Partnership("p", "P", focus={Focus.PRISON_LEAVERS}).join(CJA, on=ON)
        warnings = [f for f in Policy.rrcf().check(p) if f.severity is Severity.WARNING]
        assert {f.subject for f in warnings} == {"local-authority", "prison-service"}

    def test_expected_bodies_combine_over_every_focus(self) -> None:
        p = Partnership("p", "P", focus={Focus.WOMEN, Focus.SUBSTANCE_USE})
        expected = Policy.rrcf().expected_public_bodies_for(p)
        assert expected == {
            PublicBodyKind.CJA,
            PublicBodyKind.LOCAL_AUTHORITY,
            PublicBodyKind.ADP,
            PublicBodyKind.NHS_BOARD,
        }

    def test_checks_the_partnership_as_it_was_on_a_date(self) -> None:
        p = (
            Partnership("p", "P")
            .join(CHARITY, on=ON, roles={"lead"})
            .join(CJA, on=date(2012, 6, 1))
        )
        assert "min-public-members" in [f.rule for f in Policy.rrcf().check(p, on=ON)]
        assert "min-public-members" not in [f.rule for f in Policy.rrcf().check(p)]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"min_public_members": -1}, "min_public_members"),
        ({"min_third_sector_members": True}, "min_third_sector_members"),
        ({"lead_sectors": {"charity"}}, "lead_sectors[0]"),
        ({"required_roles": ["boss"]}, "required_roles[0]"),
        ({"expected_public_bodies": {"women": ["army"]}}, "expected_public_bodies[women][0]"),
        ({"expected_public_bodies": ["women"]}, "expected_public_bodies"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_policies_are_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        Policy(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


@given(partnerships(), policies())
def test_findings_are_ordered_and_named(p: Partnership, policy: Policy) -> None:
    findings = policy.check(p)
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=[Severity.BREACH, Severity.WARNING].index)
    assert all(f.rule and f.message for f in findings)
    unfilled = {f.subject for f in findings if f.rule == "role-unfilled"}
    held = {r.value for m in p.memberships_on() for r in m.roles}
    assert unfilled == {r.value for r in policy.required_roles} - held
    lead = p.lead()
    lead_breach = any(f.rule == "lead-sector" for f in findings)
    assert lead_breach == (
        lead is not None
        and policy.lead_sectors is not None
        and lead.sector not in policy.lead_sectors
    )
