"""Every figure the two sources give, computed by psp.

The RRCF figures come from the synthetic portfolio and survey of
examples/rrcf_portfolio.py, the Low Moss ones from examples/low_moss.py. Nothing
below reads a figure back from the examples: each is computed through psp's public
API from the memberships, MoUs, signatures and answers they record, and compared
with the number the evaluation of Year 1 of the Reducing Reoffending Change Fund
(chapter 3, paragraphs 3.3-3.33) or the Low Moss case study prints.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
import rrcf_portfolio as example

from psp import (
    GovernanceType,
    Partnership,
    Portfolio,
    PublicBodyKind,
    Reach,
    ReimbursementStatus,
    Scope,
    Sector,
    Share,
    Survey,
)

ON = example.COUNTED


@pytest.fixture(scope="module")
def rrcf() -> Portfolio:
    return example.build()


@pytest.fixture(scope="module")
def survey() -> Survey:
    return example.survey()


def percent(count: int, total: int) -> int:
    return Share(count, total).percent


class TestThePortfolio:
    """3.3-3.4: who the 14 partnerships' 150 partners were."""

    def test_14_psps(self, rrcf: Portfolio) -> None:
        assert len(rrcf.partnerships) == 14

    def test_150_partners(self, rrcf: Portfolio) -> None:
        assert rrcf.membership_count(ON) == 150

    def test_third_sector_47_percent_public_53_percent(self, rrcf: Portfolio) -> None:
        b = rrcf.sector_balance(ON)
        assert (percent(b.third, b.total), percent(b.public, b.total)) == (47, 53)

    def test_third_sector_39_national_31_regional_or_local(self, rrcf: Portfolio) -> None:
        reach = rrcf.third_sector_by_reach(ON)
        assert (reach[Reach.NATIONAL], reach[Reach.REGIONAL] + reach[Reach.LOCAL]) == (39, 31)

    @pytest.mark.parametrize(
        ("kind", "psps"),
        [
            (PublicBodyKind.CJA, 14),
            (PublicBodyKind.LOCAL_AUTHORITY, 12),
            (PublicBodyKind.PRISON_SERVICE, 4),
            (PublicBodyKind.POLICE, 4),
            (PublicBodyKind.ADP, 3),
            (PublicBodyKind.NHS_BOARD, 2),
        ],
    )
    def test_psps_with_each_public_body(
        self, rrcf: Portfolio, kind: PublicBodyKind, psps: int
    ) -> None:
        assert len(rrcf.partnerships_by_public_body_kind(ON)[kind]) == psps

    def test_consistency_39_plus_31_is_70_which_is_46_7_percent_of_150(
        self, rrcf: Portfolio
    ) -> None:
        reach = rrcf.third_sector_by_reach(ON)
        third = rrcf.sector_balance(ON).third
        assert reach[Reach.NATIONAL] + reach[Reach.REGIONAL] + reach[Reach.LOCAL] == third == 70
        assert round(1000 * third / rrcf.membership_count(ON)) == 467


class TestTheMoUs:
    """3.3, 3.5 and 3.9: the MoUs and their named signatories."""

    def test_111_named_signatories(self, rrcf: Portfolio) -> None:
        assert rrcf.signatory_balance().total == 111

    def test_signatories_50_percent_third_sector_50_percent_public(self, rrcf: Portfolio) -> None:
        b = rrcf.signatory_balance()
        assert (percent(b.third, b.total), percent(b.public, b.total)) == (50, 50)
        assert abs(b.third - b.public) == 1  # 111 splits no more evenly

    def test_not_all_150_partners_have_a_named_signatory(self, rrcf: Portfolio) -> None:
        unnamed = sum(
            len(m.parties_without_signatory()) for p in rrcf.partnerships for m in p.mous()
        )
        assert unnamed == 150 - 111

    def test_most_public_signatories_are_from_councils_and_cjas(self, rrcf: Portfolio) -> None:
        kinds = Counter(
            rrcf.organisation(s.partner_id).public_body_kind
            for p in rrcf.partnerships
            for m in p.mous()
            for s in m.signatories
            if rrcf.organisation(s.partner_id).sector is Sector.PUBLIC
        )
        councils_and_cjas = kinds[PublicBodyKind.LOCAL_AUTHORITY] + kinds[PublicBodyKind.CJA]
        assert councils_and_cjas > sum(kinds.values()) / 2

    def test_most_signed_and_the_missing_signatures_are_mostly_in_one_mou(
        self, rrcf: Portfolio
    ) -> None:
        missing = rrcf.unsigned_signatories()
        assert 0 < len(missing) < 111 / 10  # "the vast majority ... had signed" (3.9)
        most = Counter(r["mou"] for r in missing).most_common(1)[0][1]
        assert most > len(missing) / 2

    def test_one_mou_with_service_users_as_partners(self, rrcf: Portfolio) -> None:
        with_users = [
            m.id
            for p in rrcf.partnerships
            for m in p.mous()
            if any(rrcf.organisation(x).represents_service_users for x in m.parties)
        ]
        assert len(with_users) == 1

    def test_all_14_mous_propose_a_structure(self, rrcf: Portfolio) -> None:
        proposed = [m for p in rrcf.partnerships for m in p.mous() if m.governance is not None]
        assert len(proposed) == 14


class TestGovernanceAndReimbursement:
    """3.16 and 3.31."""

    def test_7_single_tier_4_two_tier_3_locality_based(self, rrcf: Portfolio) -> None:
        by_type = rrcf.partnerships_by_proposed_structure()
        counts = {t: len(ids) for t, ids in by_type.items()}
        assert counts == {
            GovernanceType.SINGLE_TIER: 7,
            GovernanceType.TWO_TIER: 4,
            GovernanceType.LOCALITY_BASED: 3,
        }
        assert sum(counts.values()) == 14

    def test_two_tier_in_2_national_and_2_regional(self, rrcf: Portfolio) -> None:
        ids = rrcf.partnerships_by_proposed_structure()[GovernanceType.TWO_TIER]
        scopes = Counter(rrcf.partnership(i).scope for i in ids)
        assert scopes == {Scope.NATIONAL: 2, Scope.REGIONAL: 2}

    def test_single_tier_all_sub_national(self, rrcf: Portfolio) -> None:
        ids = rrcf.partnerships_by_proposed_structure()[GovernanceType.SINGLE_TIER]
        assert all(rrcf.partnership(i).scope is not Scope.NATIONAL for i in ids)

    def test_locality_based_cover_more_than_one_area(self, rrcf: Portfolio) -> None:
        ids = rrcf.partnerships_by_proposed_structure()[GovernanceType.LOCALITY_BASED]
        cja_areas = {
            i: {
                a
                for m in rrcf.partnership(i).members(ON)
                if m.public_body_kind is PublicBodyKind.CJA
                for a in m.areas
            }
            for i in ids
        }
        assert all(len(areas) > 1 for areas in cja_areas.values())

    def test_2_psps_reimbursed_third_sector_partners_time(self, rrcf: Portfolio) -> None:
        reimbursing = [p for p in rrcf.partnerships if p.reimburses_partners_time()]
        assert len(reimbursing) == 2
        for p in reimbursing:
            lead = p.lead(ON)
            third = {m.id for m in p.members(ON) if m.sector is Sector.THIRD and m != lead}
            accepted = {
                k for k, v in p.reimbursements().items() if v is ReimbursementStatus.ACCEPTED
            }
            assert accepted == third  # "all third sector partners"

    def test_one_more_offered_to_reimburse_and_was_declined(self, rrcf: Portfolio) -> None:
        declined = rrcf.partnerships_by_reimbursement()[ReimbursementStatus.DECLINED]
        assert len(declined) == 1
        assert not rrcf.partnership(declined[0]).reimburses_partners_time()


class TestOrigins:
    """3.32, 3.49 and 3.54: who initiated partnerships and chose their leads."""

    def test_3_psps_initiated_by_a_local_authority_all_local(self, rrcf: Portfolio) -> None:
        by_council = [
            p
            for p in rrcf.partnerships
            if any(o.public_body_kind is PublicBodyKind.LOCAL_AUTHORITY for o in p.initiators())
        ]
        assert len(by_council) == 3
        assert all(p.scope is Scope.LOCAL for p in by_council)

    def test_the_cja_chief_officers_initiated_one_and_identified_its_lead(
        self, rrcf: Portfolio
    ) -> None:
        (by_cjas,) = [
            p
            for p in rrcf.partnerships
            if p.initiators()
            and all(o.public_body_kind is PublicBodyKind.CJA for o in p.initiators())
        ]
        selection = by_cjas.lead_selection()
        assert selection is not None
        assert selection.method.value == "nominated-by-commissioners"
        assert selection.by == {o.id for o in by_cjas.initiators()}
        assert len(selection.by) == 8  # all eight CJAs' Chief Officers
        lead = by_cjas.lead(ON)
        assert lead is not None
        assert selection.partner_id == lead.id
        assert "women" in by_cjas.focus

    def test_no_contribution_has_a_value_the_evaluation_does_not_give(
        self, rrcf: Portfolio
    ) -> None:
        rows = [r for p in rrcf.partnerships for r in p.contribution_rows()]
        assert rows
        assert {r["value"] for r in rows} == {None}
        assert {r["kind"] for r in rows} == {"data", "access-to-service-users"}


class TestTheSurvey:
    """3.3-3.33: the share of respondents agreeing with each statement."""

    @pytest.mark.parametrize(
        ("statement", "agreed"),
        [
            ("right-partners", 84),  # 3.3
            ("meetings-open", 88),  # 3.13
            ("governance-strong", 67),  # 3.14
            ("firm-agenda", 75),  # 3.14
            ("information-shared", 83),  # 3.14
            ("minuted", 68),  # 3.14
            ("clear-vision", 83),  # 3.15
            ("shaped-vision", 80),  # 3.15
            ("understand-purpose", 85),  # 3.15
            ("clear-roles", 81),  # 3.18
            ("roles-build-on-strengths", 77),  # 3.18
            ("trust", 73),  # 3.24
            ("treated-equally", 64),  # 3.27
            ("support-for-equality", 61),  # 3.27
            ("capture-learning", 70),  # 3.33
            ("barriers-and-enablers", 76),  # 3.33
            ("modified-through-learning", 63),  # 3.33
        ],
    )
    def test_agreement(self, survey: Survey, statement: str, agreed: int) -> None:
        assert survey.statement(statement).tally.agreement().percent == agreed

    def test_14_percent_disagreed_that_partners_were_treated_equally(self, survey: Survey) -> None:
        assert survey.statement("treated-equally").tally.disagreement().percent == 14

    def test_that_14_percent_is_among_the_highest_levels_of_disagreement(
        self, survey: Survey
    ) -> None:
        highest = max(s.tally.disagreement().fraction for s in survey.statements)
        assert survey.statement("treated-equally").tally.disagreement().fraction == highest

    def test_weaker_agreement_on_governance_equality_and_modification(self, survey: Survey) -> None:
        # 3.14, 3.27, 3.33: "the strength of agreement was lower" for these.
        weaker = {s.id for s, _ in survey.below(0.7)}
        assert {
            "governance-strong",
            "treated-equally",
            "support-for-equality",
            "modified-through-learning",
        } <= weaker

    def test_no_statement_has_more_answers_than_respondents(self, survey: Survey) -> None:
        assert survey.respondents is not None
        assert all(s.tally.respondents <= survey.respondents for s in survey.statements)


class TestLowMoss:
    """The case study of the Low Moss Prison Throughcare Pathway PSP."""

    def test_700_cells(self, low_moss: Partnership) -> None:
        (cells,) = [b for b in low_moss.baselines if b.name == "cells at HMP Low Moss"]
        assert cells.value == 700

    def test_north_strathclyde_and_glasgow_cja_areas(self, low_moss: Partnership) -> None:
        cjas = [m for m in low_moss.members() if m.public_body_kind is PublicBodyKind.CJA]
        assert {a for m in cjas for a in m.areas} == {"North Strathclyde", "Glasgow"}

    def test_53_percent_reoffending(self, low_moss: Partnership) -> None:
        (rate,) = [b for b in low_moss.baselines if "reoffending" in b.name]
        assert (rate.value, rate.unit) == (53, "%")

    def test_design_april_to_november_2012(self, low_moss: Partnership) -> None:
        stages = {stage.value: day for day, _, stage in low_moss.stage_history()}
        assert stages["design"] == date(2012, 4, 1)
        assert stages["pilot"] == date(2012, 11, 1)

    def test_mou_of_14_organisations(self, low_moss: Partnership) -> None:
        (mou,) = low_moss.mous()
        assert len(mou.parties) == 14

    def test_2_funders_approved(self, low_moss: Partnership) -> None:
        assert len(low_moss.design_approvals()) == 2
        awarded = [b for b in low_moss.bids() if b.status.value == "awarded"]
        assert {b.funder for b in awarded} == set(low_moss.design_approvals())

    def test_launch_november_2012(self, low_moss: Partnership) -> None:
        (launch,) = low_moss.meetings({"launch-event"})
        assert launch.on == date(2012, 11, 1)

    def test_commitment_contingent_on_the_2014_spending_review(self, low_moss: Partnership) -> None:
        (commitment,) = low_moss.commitments()
        assert "2014 Spending Review" in commitment.unmet()

    def test_initiated_by_the_prison_and_the_cjas_lead_chosen_after_open_discussion(
        self, low_moss: Partnership
    ) -> None:
        assert {o.name for o in low_moss.initiators()} == {
            "North Strathclyde CJA",
            "Glasgow CJA",
            "HMP Low Moss",
        }
        (selection,) = low_moss.lead_selections()
        assert (selection.partner_id, selection.method.value) == ("tps", "open-discussion")
        assert selection.by == selection.alternatives == frozenset()  # not said

    def test_the_third_sector_partners_brought_expertise_of_no_stated_value(
        self, low_moss: Partnership
    ) -> None:
        rows = low_moss.contribution_rows()
        assert {r["sector"] for r in rows} == {"third"}
        assert {r["name"] for r in rows} == {
            m.name for m in low_moss.members_by_sector()[Sector.THIRD]
        }
        assert {(r["kind"], r["value"]) for r in rows} == {("expertise", None)}

    def test_the_named_third_sector_partners_with_turning_point_scotland_leading(
        self, low_moss: Partnership
    ) -> None:
        lead = low_moss.lead()
        assert lead is not None
        assert lead.name == "Turning Point Scotland"
        assert {m.name for m in low_moss.members_by_sector()[Sector.THIRD]} == {
            "Turning Point Scotland",
            "Alternatives WD",
            "Families Outside",
            "The Wise Group",
            "Sacro",
            "Action for Children",
        }
