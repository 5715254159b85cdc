"""The lifecycle: the transition table, the guards of each step, and Low Moss walked
through it with the dates of its case study."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import psp
from psp import (
    FINAL_STAGES,
    INITIAL_STAGE,
    TRANSITIONS,
    Bid,
    ExternalCondition,
    Measure,
    Partner,
    Partnership,
    Policy,
    PSPError,
    RuleViolationError,
    Severity,
    Stage,
    Step,
    SustainabilityCommitment,
    Tender,
    Transition,
    TransitionRefusedError,
)
from psp._lifecycle.stages import _check
from psp.testing import partnerships, policies

D = date(2012, 4, 1)
LAUNCH = date(2012, 11, 1)


class TestTable:
    """The table is declared once, immutable, and checked when the module loads."""

    def test_one_initial_stage_and_final_stages_without_exits(self) -> None:
        assert INITIAL_STAGE is Stage.FORMING
        assert not [t for t in TRANSITIONS if t.source in FINAL_STAGES]

    def test_closed_is_reachable_from_every_open_stage(self) -> None:
        open_stages = set(Stage) - FINAL_STAGES
        closers = {t.source for t in TRANSITIONS if t.step is Step.CLOSE}
        assert closers == open_stages

    def test_every_stage_is_reachable(self) -> None:
        assert {t.target for t in TRANSITIONS} | {INITIAL_STAGE} == set(Stage)

    def test_the_table_passes_its_own_check(self) -> None:
        _check(TRANSITIONS, INITIAL_STAGE, FINAL_STAGES)  # raises on a bad table

    @pytest.mark.parametrize(
        ("table", "message"),
        [
            (
                (*TRANSITIONS, Transition(Stage.FORMING, Step.START_DESIGN, Stage.CLOSED)),
                "the lifecycle table has two rows for one stage and step",
            ),
            (
                (*TRANSITIONS, Transition(Stage.CLOSED, Step.START_DESIGN, Stage.DESIGN)),
                "final stages have exits: closed",
            ),
            (
                tuple(t for t in TRANSITIONS if t.target is not Stage.GRANT_FUNDED),
                "unreachable stages: grant-funded",
            ),
            (
                # Reached only through stages that are themselves unreachable.
                tuple(t for t in TRANSITIONS if t.step is not Step.START_DESIGN),
                "unreachable stages: commissioned, continued-pilot, design, grant-funded, "
                "pilot, review",
            ),
            (
                tuple(t for t in TRANSITIONS if t.source is not Stage.PILOT),
                "stages with no way out: pilot",
            ),
        ],
        ids=[
            "duplicate row",
            "exit from a final stage",
            "unreachable stage",
            "stages reached only from unreachable ones",
            "stuck stage",
        ],
    )
    def test_bad_tables_are_refused(self, table: tuple[Transition, ...], message: str) -> None:
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            _check(table, INITIAL_STAGE, FINAL_STAGES)

    def test_the_diagram_is_generated_from_the_table(self) -> None:
        diagram = psp.lifecycle_diagram()
        assert diagram.startswith("stateDiagram-v2")
        for t in TRANSITIONS:
            assert f"{t.source.name.lower()} --> {t.target.name.lower()}: {t.step.value}" in diagram


def rules_of(error: TransitionRefusedError) -> list[str]:
    return [f.rule for f in error.findings]


TPS = Partner("tps", "Turning Point Scotland", "third", reach="national")
NSCJA = Partner(
    "ns-cja", "North Strathclyde CJA", "public", public_body_kind="cja", areas={"North Strathclyde"}
)
GCJA = Partner("glasgow-cja", "Glasgow CJA", "public", public_body_kind="cja", areas={"Glasgow"})
SG = Partner("scot-gov", "Scottish Government", "public", public_body_kind="government")
RT = Partner("rt", "The Robertson Trust", "third", third_sector_kind="charity")
SACRO = Partner("sacro", "Sacro", "third")
OTHER = Partner("other-provider", "Another provider", "third")


def pilot_bid(funder: Partner) -> Bid:
    return Bid(
        id=f"pilot-{funder.id}",
        funder=funder.id,
        purpose="pilot",
        drafted_on=date(2012, 9, 1),
        amount_asked=100_000,
        areas={"North Strathclyde", "Glasgow"},
    )


COMMITMENT = SustainabilityCommitment(
    id="cja",
    by="ns-cja",
    on_behalf_of={"glasgow-cja"},
    measures=[Measure("reoffending", baseline=53, target=48, higher_is_better=False)],
    conditions=[ExternalCondition("2014 Spending Review")],
)


class TestLowMossWalk:
    """Low Moss from forming to commissioning; each illegal step on the way is tried
    and refused with its reasons. Dates to the launch are the seed's; after it, the
    review and tender are a hypothetical continuation."""

    def test_the_walk(self) -> None:
        p = Partnership("low-moss", "Low Moss Prison Throughcare Pathway", policy=Policy.rrcf())
        p = p.join(NSCJA, roles={"strategic"}, on=D).join(GCJA, roles={"strategic"}, on=D)

        # Forming: no lead, no third-sector partner yet.
        with pytest.raises(TransitionRefusedError) as refused:
            p.step("start-design", on=D)
        assert rules_of(refused.value) == ["lead-missing", "min-third-members"]
        assert refused.value.stage is Stage.FORMING
        assert refused.value.step is Step.START_DESIGN
        # A step the table does not have from here.
        with pytest.raises(TransitionRefusedError, match="cannot start-pilot"):
            p.step("start-pilot", on=D)

        p = p.join(TPS, roles={"lead", "provider"}, on=D)
        result = p.step("start-design", on=D)
        p = result.partnership
        assert p.stage is Stage.DESIGN
        assert result.event == psp.StepTaken(on=D, step=Step.START_DESIGN)
        assert {f.rule for f in result.warnings} == {"role-unfilled"}  # nobody refers yet

        # Design: the pilot cannot start without a signed MoU, funding and an approved design.
        assert [f.rule for f in p.blockers("start-pilot", on=LAUNCH)] == [
            "mou-unsigned",
            "pilot-funding",
            "design-unapproved",
        ]
        with pytest.raises(TransitionRefusedError) as refused:
            p.step("start-pilot", on=LAUNCH)
        assert rules_of(refused.value) == ["mou-unsigned", "pilot-funding", "design-unapproved"]

        p = p.agree_service_design(psp.ServiceDesign("Throughcare pathway"), on=date(2012, 9, 1))
        for funder in (SG, RT):
            p = p.add_organisation(funder, on=date(2012, 9, 1)).draft_bid(pilot_bid(funder))
            p = p.submit_bid(pilot_bid(funder).id, on=date(2012, 9, 1))
        p = p.seek_commitment(COMMITMENT, on=date(2012, 9, 1))
        p = p.endorse_bid("pilot-scot-gov", "ns-cja", "North Strathclyde", on=date(2012, 10, 1))
        p = p.endorse_bid("pilot-scot-gov", "glasgow-cja", "Glasgow", on=date(2012, 10, 1))
        p = p.decide_bid("pilot-scot-gov", on=date(2012, 10, 1), awarded=True, amount=90_000)
        p = p.decide_bid("pilot-rt", on=date(2012, 10, 1), awarded=True, amount=100_000)
        p = p.approve_design("rt", on=date(2012, 10, 1))
        p = p.give_commitment("cja", on=date(2012, 10, 1))
        p = p.draft_mou(
            psp.MoU(
                id="mou",
                drafted_on=date(2012, 10, 1),
                parties={"tps", "ns-cja", "glasgow-cja"},
                signatories=[psp.Signatory("A", "tps"), psp.Signatory("B", "ns-cja")],
            )
        )
        assert [f.rule for f in p.blockers("start-pilot", on=LAUNCH)] == [
            "mou-unsigned",
            "cja-sign-off",
            "cja-sign-off",
        ]
        # Signed at the launch, the day the pilot starts: allowed by default...
        p = p.sign_mou("mou", "A", on=LAUNCH).sign_mou("mou", "B", on=LAUNCH)
        result = p.step("start-pilot", on=LAUNCH)
        # ...with a warning for each area The Robertson Trust's bid covers unsigned-off.
        assert [(f.rule, f.subject) for f in result.warnings] == [
            ("cja-sign-off", "Glasgow"),
            ("cja-sign-off", "North Strathclyde"),
        ]
        p = result.partnership
        assert p.stage is Stage.PILOT
        assert p.funding_mix() == psp.FundingMix(known={"scot-gov": 90_000, "rt": 100_000})

        # Review needs results.
        with pytest.raises(TransitionRefusedError) as refused:
            p.step("start-review", on=date(2014, 6, 1))
        assert rules_of(refused.value) == ["measure-without-result"]
        p = p.record_result("cja", "reoffending", 45, on=date(2014, 6, 1))
        p = p.step("start-review", on=date(2014, 6, 1)).partnership

        # Commissioning needs the conditions met and an awarded tender.
        with pytest.raises(TransitionRefusedError) as refused:
            p.step("commission", on=date(2014, 12, 1))
        assert rules_of(refused.value) == ["conditions-unmet", "tender-unawarded"]
        assert "2014 Spending Review" in refused.value.findings[0].message
        p = p.resolve_condition("cja", "2014 Spending Review", True, on=date(2014, 12, 1))
        assert p.commitment("cja").status is psp.CommitmentStatus.CONDITIONS_MET
        # Every provider can tender, not only members.
        p = p.add_organisation(OTHER, on=date(2014, 12, 1))
        p = p.plan_tender(
            Tender(id="t", commissioner="ns-cja", title="Throughcare"), on=date(2014, 12, 1)
        )
        p = p.open_tender("t", on=date(2015, 1, 5))
        p = p.receive_tender("t", "tps", on=date(2015, 2, 1))
        p = p.receive_tender("t", "other-provider", on=date(2015, 2, 2))
        p = p.award_tender("t", "other-provider", on=date(2015, 3, 1), value=250_000)
        p = p.step("commission", on=date(2015, 4, 1)).partnership
        assert p.stage is Stage.COMMISSIONED
        assert [s for _, _, s in p.stage_history()] == [
            Stage.DESIGN,
            Stage.PILOT,
            Stage.REVIEW,
            Stage.COMMISSIONED,
        ]
        assert p.next_steps() == ()
        # The whole history converts and replays to the same partnership.
        assert psp.from_data(psp.to_data(p), Partnership) == p


def designed() -> Partnership:
    return (
        Partnership("p", "P", policy=Policy.rrcf())
        .join(TPS, roles={"lead"}, on=D)
        .join(NSCJA, roles={"strategic"}, on=D)
        .step("start-design", on=D)
        .partnership
    )


class TestRefusals:
    """Steps and commands the domain forbids, each with its reason."""

    def test_a_step_dated_before_the_previous_event(self) -> None:
        with pytest.raises(RuleViolationError) as info:
            designed().step("close", on=date(2011, 1, 1), reason="withdrawn")
        assert info.value.field == "on"

    def test_closing_needs_a_reason(self) -> None:
        # A hard guard like the others: listed by blockers, refused by step, one error type.
        p = designed()
        (missing,) = p.blockers("close")
        assert (missing.rule, missing.severity) == ("reason-missing", Severity.BREACH)
        assert p.blockers("close", reason="bid unsuccessful") == ()
        for reason in ("", "  "):
            with pytest.raises(TransitionRefusedError) as info:
                p.step("close", on=D, reason=reason)
            assert info.value.findings == (missing,)

    def test_a_closed_partnership_records_nothing_more(self) -> None:
        closed = designed().step("close", on=D, reason="bid unsuccessful").partnership
        assert closed.stage is Stage.CLOSED
        assert closed.next_steps() == ()
        with pytest.raises(TransitionRefusedError):
            closed.step("start-design", on=D)
        with pytest.raises(RuleViolationError, match="closed on 2012-04-01"):
            closed.join(SACRO, on=D)

    def test_an_award_above_the_amount_asked(self) -> None:
        p = (
            designed()
            .add_organisation(SG, on=D)
            .draft_bid(pilot_bid(SG))
            .submit_bid("pilot-scot-gov", on=date(2012, 9, 2))
        )
        with pytest.raises(RuleViolationError) as info:
            p.decide_bid("pilot-scot-gov", on=date(2012, 10, 1), awarded=True, amount=100_001)
        assert info.value.field == "amount"

    def test_a_commitment_from_a_non_public_body_where_the_policy_forbids_it(self) -> None:
        bad = SustainabilityCommitment(id="c", by="tps")
        with pytest.raises(RuleViolationError) as info:
            designed().seek_commitment(bad, on=D)
        assert info.value.field == "commitment.by"
        # The general PSP policy takes commitments from anyone.
        general = Partnership("p", "P").join(TPS, on=D).seek_commitment(bad, on=D)
        assert general.commitment("c").status is psp.CommitmentStatus.SOUGHT

    def test_a_delivery_bid_before_any_commitment_is_sought(self) -> None:
        p = (
            designed()
            .add_organisation(SG, on=D)
            .draft_bid(Bid(id="delivery", funder="scot-gov", purpose="delivery", drafted_on=D))
        )
        with pytest.raises(RuleViolationError, match="sustainability commitment"):
            p.submit_bid("delivery", on=D)
        p = p.seek_commitment(SustainabilityCommitment(id="c", by="ns-cja"), on=D)
        assert p.submit_bid("delivery", on=D).bid("delivery").status is psp.BidStatus.SUBMITTED

    def test_a_submission_after_the_deadline(self) -> None:
        p = (
            designed()
            .add_organisation(SG, on=D)
            .draft_bid(
                Bid(
                    id="b",
                    funder="scot-gov",
                    purpose="pilot",
                    drafted_on=D,
                    deadline=date(2013, 1, 31),
                )
            )
        )
        with pytest.raises(RuleViolationError) as info:
            p.submit_bid("b", on=date(2013, 2, 1))
        assert info.value.field == "on"

    @pytest.mark.parametrize(
        ("partner", "area", "field"),
        [
            ("tps", "Glasgow", "partner"),
            ("ns-cja", "Fife", "area"),
            ("ns-cja", "Glasgow", "area"),
        ],
        ids=[
            "a third-sector sign-off",
            "an area the bid does not cover",
            "an area the CJA does not oversee",
        ],
    )
    def test_bad_endorsements(self, partner: str, area: str, field: str) -> None:
        p = designed().add_organisation(SG, on=D).draft_bid(pilot_bid(SG))
        with pytest.raises(RuleViolationError) as info:
            p.endorse_bid("pilot-scot-gov", partner, area, on=date(2012, 9, 2))
        assert info.value.field == field

    def test_a_strict_policy_wants_the_mou_signed_before_the_launch_day(self) -> None:
        strict = Policy(
            mou_at_launch=False, pilot_award_before_pilot=False, design_approval_before_pilot=False
        )
        p = (
            Partnership("p", "P", policy=strict)
            .join(TPS, roles={"lead"}, on=D)
            .join(NSCJA, on=D)
            .step("start-design", on=D)
            .partnership.draft_mou(
                psp.MoU(
                    id="m", drafted_on=D, parties={"tps"}, signatories=[psp.Signatory("A", "tps")]
                )
            )
            .sign_mou("m", "A", on=LAUNCH)
        )
        assert [f.rule for f in p.blockers("start-pilot", on=LAUNCH)] == ["mou-unsigned"]
        assert p.blockers("start-pilot", on=date(2012, 11, 2)) == ()

    def test_blockers_for_a_step_the_table_lacks(self) -> None:
        (finding,) = designed().blockers("commission")
        assert (finding.rule, finding.severity) == ("no-such-step", Severity.BREACH)

    def test_a_refused_step_changes_nothing(self) -> None:
        p = designed()
        before = psp.to_data(p)
        with pytest.raises(TransitionRefusedError):
            p.step("start-pilot", on=LAUNCH)
        assert psp.to_data(p) == before
        assert p.stage is Stage.DESIGN

    def test_a_tampered_history_is_refused_on_replay(self) -> None:
        data = psp.to_data(Partnership("p", "P").join(TPS, roles={"lead"}, on=D))
        data["history"].append(
            {"type": "step-taken", "on": "2012-04-01", "step": "start-design", "reason": ""}
        )
        with pytest.raises(psp.ConversionError) as info:
            psp.from_data(data, Partnership)
        assert info.value.problems[0].path == "$.history[2].step"
        assert "min-public" not in info.value.problems[0].reason  # it names the rule's message
        assert "public-sector member" in info.value.problems[0].reason


def test_the_docs_show_the_current_diagram() -> None:
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "docs" / "lifecycle.md").read_text()
    block = page.split("```mermaid\n", 1)[1].split("\n```", 1)[0]
    assert block == psp.lifecycle_diagram()


class TestBlockersAreWhatStepRefusesFor:
    """``blockers(step, on=..., reason=...)`` lists as breaches exactly what
    ``step(step, on=..., reason=...)`` refuses for, in a TransitionRefusedError."""

    def test_a_partnership_closes_only_with_a_reason(self) -> None:
        p = Partnership("p", "P")
        assert [f.rule for f in p.blockers("close")] == ["reason-missing"]
        with pytest.raises(TransitionRefusedError) as info:
            p.step("close", on=D)
        assert info.value.findings == p.blockers("close")
        assert str(info.value) == (
            "step: cannot close from the forming stage: closing a partnership needs a reason "
            "(got 'close')"
        )

    def test_a_step_the_table_lacks_is_refused_with_the_blockers_finding(self) -> None:
        p = designed()
        with pytest.raises(TransitionRefusedError) as info:
            p.step("commission", on=D)
        assert info.value.findings == p.blockers("commission")
        assert info.value.reason == info.value.findings[0].message

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            ({"step": "launch"}, "step"),
            ({"on": datetime(2012, 4, 1, 9, 0)}, "on"),
            ({"reason": 3}, "reason"),
        ],
        ids=["an unknown step", "a datetime", "a reason that is not text"],
    )
    def test_bad_arguments_are_refused_alike(self, arguments: dict[str, Any], field: str) -> None:
        p = designed()
        args = {"step": "close", "on": D, "reason": "merged", **arguments}
        with pytest.raises(psp.InvalidValueError) as by_step:
            p.step(args.pop("step"), **args)
        args = {"step": "close", "on": D, "reason": "merged", **arguments}
        with pytest.raises(psp.InvalidValueError) as by_blockers:
            p.blockers(args.pop("step"), **args)
        assert by_step.value.args == by_blockers.value.args
        assert by_step.value.field == field

    def test_a_date_before_the_last_event_asks_how_it_stood_then(self) -> None:
        # blockers looks back; a step dated then is refused for its date, like any command.
        p = designed().join(SACRO, on=LAUNCH)
        assert p.blockers("close", on=D, reason="merged") == ()
        with pytest.raises(RuleViolationError) as info:
            p.step("close", on=D, reason="merged")
        assert info.value.field == "on"


@given(
    partnerships(),
    st.none() | policies(),
    st.sampled_from(Step),
    st.integers(0, 800),
    st.sampled_from(["", " ", "bid unsuccessful"]),
)
def test_step_is_refused_exactly_for_the_breaches_blockers_lists(
    p: Partnership, policy: Policy | None, step: Step, days: int, reason: str
) -> None:
    if policy is not None:
        try:
            p = Partnership(p.id, p.name, focus=p.focus, policy=policy, history=p.history)
        except PSPError:
            assume(False)
    on = (p.last_event_date or D) + timedelta(days=days)
    listed = p.blockers(step, on=on, reason=reason)
    breaches = tuple(f for f in listed if f.severity is Severity.BREACH)
    if breaches:
        with pytest.raises(TransitionRefusedError) as refused:
            p.step(step, on=on, reason=reason)
        assert refused.value.findings == breaches
        assert (refused.value.stage, refused.value.step) == (p.stage, step)
    else:
        assert p.step(step, on=on, reason=reason).warnings == listed
