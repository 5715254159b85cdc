"""The Low Moss PSP, built from its case study, and what analysts ask of it."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import psp
from psp import Partnership, Policy, PublicBodyKind, Role, SeatKind, Sector

ROOT = Path(__file__).resolve().parent.parent
NAMED_THIRD_SECTOR = {
    "Turning Point Scotland",
    "Alternatives WD",
    "Families Outside",
    "The Wise Group",
    "Sacro",
    "Action for Children",
}


def test_lead_is_turning_point_scotland(low_moss: Partnership) -> None:
    lead = low_moss.lead()
    assert lead is not None
    assert lead.name == "Turning Point Scotland"
    assert lead.sector is Sector.THIRD


def test_mou_covered_fourteen_organisations(low_moss: Partnership) -> None:
    assert len(low_moss.members()) == 14


def test_the_named_third_sector_partners_are_members(low_moss: Partnership) -> None:
    third = {p.name for p in low_moss.members_by_sector()[Sector.THIRD]}
    assert third == NAMED_THIRD_SECTOR


def test_both_cja_areas_and_the_prison_take_part(low_moss: Partnership) -> None:
    cjas = [p for p in low_moss.members() if p.public_body_kind is PublicBodyKind.CJA]
    assert {a for p in cjas for a in p.areas} == {"North Strathclyde", "Glasgow"}
    prison = low_moss.organisation("hmp-low-moss")
    assert prison.part_of == "sps"
    assert Role.REFERRAL in low_moss.roles_of(prison)


def test_ready_for_business_is_a_critical_friend_not_a_partner(low_moss: Partnership) -> None:
    (seat,) = low_moss.seats_on()
    assert (seat.partner_id, seat.kind) == ("rfb", SeatKind.CRITICAL_FRIEND)
    assert not low_moss.is_member("rfb")


def test_every_core_role_is_filled(low_moss: Partnership) -> None:
    assert low_moss.unfilled_roles() == frozenset()


def test_meets_the_rrcf_rules(low_moss: Partnership) -> None:
    assert Policy.rrcf().check(low_moss) == ()


def test_survives_the_round_trip(low_moss: Partnership) -> None:
    assert psp.from_data(psp.to_data(low_moss), Partnership) == low_moss


def test_the_example_runs_and_reports() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "low_moss.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Lead: Turning Point Scotland" in out
    assert "Refused: roles:" in out
    assert "nothing lost" in out
    # The RRCF's portfolio and survey follow (examples/rrcf_portfolio.py).
    assert "Memberships: 150 (third sector 70, 46.7%; public 80, 53.3%)" in out
    assert "Partners are treated equally" in out


def test_mou_covered_fourteen_organisations_and_was_signed_at_launch(
    low_moss: Partnership,
) -> None:
    (mou,) = low_moss.mous()
    assert len(mou.parties) == 14
    assert mou.parties == {m.id for m in low_moss.members()}
    assert mou.is_signed
    assert mou.signed_on == date(2012, 11, 1)
    (launch,) = low_moss.meetings({"launch-event"})
    assert launch.on == mou.signed_on


def test_the_critical_friend_sits_on_the_governance_group(low_moss: Partnership) -> None:
    structure = low_moss.governance()
    assert structure is not None
    assert structure.type.value == "single-tier"
    (group,) = structure.groups
    assert "rfb" in group.members
    assert not low_moss.is_member("rfb")
