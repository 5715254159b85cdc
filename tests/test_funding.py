"""Funds, bids, sustainability commitments, design artefacts and tenders: the values,
and the rules the partnership keeps when it records them."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date
from typing import Any

import pytest
from hypothesis import given

import psp
from psp import (
    Baseline,
    Bid,
    BidStatus,
    CommitmentStatus,
    Consultation,
    Endorsement,
    ExternalCondition,
    Fund,
    FundingMix,
    InvalidValueError,
    LogicModel,
    Measure,
    Partner,
    Partnership,
    Policy,
    PSPError,
    RuleViolationError,
    Stream,
    SustainabilityCommitment,
    Tender,
    TenderStatus,
    TransitionRefusedError,
    UnknownReferenceError,
)
from psp.testing import commitments, partnerships

D = date(2012, 4, 1)
LATER = date(2012, 9, 1)


class TestValues:
    """Each value checks its own fields."""

    def test_a_fund_and_its_streams(self) -> None:
        rrcf = Fund(
            "rrcf",
            "Reducing Reoffending Change Fund",
            funders={"sg", "rt", "sps"},
            streams=[
                Stream("y1", "Development funding", "development"),
                Stream(
                    "y23",
                    "Delivery funding",
                    "delivery",
                    opens=date(2012, 11, 1),
                    deadline=date(2013, 1, 31),
                ),
            ],
        )
        assert rrcf.stream("y23").deadline == date(2013, 1, 31)
        with pytest.raises(InvalidValueError):
            rrcf.stream("y4")

    @pytest.mark.parametrize(
        ("build", "field"),
        [
            (
                lambda: Stream(
                    "s", "S", "pilot", opens=date(2013, 2, 1), deadline=date(2013, 1, 1)
                ),
                "deadline",
            ),
            (
                lambda: Fund(
                    "f", "F", streams=[Stream("s", "S", "pilot"), Stream("s", "T", "pilot")]
                ),
                "streams[1].id",
            ),
            (lambda: Fund("f", "F", streams=["s"]), "streams[0]"),  # type: ignore[list-item]
            (lambda: Stream("s", "S", "capital"), "purpose"),  # type: ignore[arg-type]
            (
                lambda: Bid(id="b", funder="f", purpose="pilot", drafted_on=D, amount_asked=-1),
                "amount_asked",
            ),
            (lambda: Endorsement("cja", "North", "yes", D), "given"),  # type: ignore[arg-type]
            (lambda: Measure("m", baseline=float("nan"), target=1), "baseline"),
            (lambda: Measure("m", 1, 2, higher_is_better=1), "higher_is_better"),  # type: ignore[arg-type]
            (lambda: ExternalCondition("e", outcome="unknown"), "outcome"),  # type: ignore[arg-type]
            (
                lambda: SustainabilityCommitment(
                    id="c", by="cja", measures=[Measure("m", 1, 2), Measure("m", 3, 4)]
                ),
                "measures[1].name",
            ),
            (lambda: SustainabilityCommitment(id="c", by="cja", conditions=["x"]), "conditions[0]"),  # type: ignore[list-item]
            (lambda: SustainabilityCommitment(id="c", by="cja", amount=-5), "amount"),
            (lambda: SustainabilityCommitment(id="c", by="cja", period="2013"), "period"),  # type: ignore[arg-type]
            (
                lambda: SustainabilityCommitment(
                    id="c", by="cja", recorded_status=CommitmentStatus.CONDITIONS_MET
                ),
                "recorded_status",
            ),
            (lambda: Baseline("cells", float("inf")), "value"),
            (lambda: Consultation("focus-group", participants=-3), "participants"),
            (lambda: Consultation("focus-group", summary=5), "summary"),  # type: ignore[arg-type]
            (lambda: LogicModel(outcomes=[]), "outcomes"),
            (lambda: LogicModel(outcomes="less crime"), "outcomes"),
            (lambda: Tender(id="t", commissioner="cja", title="T", value=-1), "value"),
        ],
    )
    def test_bad_values_name_their_field(self, build: object, field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            build()  # type: ignore[operator]
        assert info.value.field == field

    def test_bids_to_one_fund_and_stream_compete(self) -> None:
        a = Bid(id="a", funder="f", purpose="delivery", drafted_on=D, fund="rrcf", stream="y23")
        b = Bid(id="b", funder="f", purpose="delivery", drafted_on=D, fund="rrcf", stream="y23")
        c = Bid(id="c", funder="f", purpose="delivery", drafted_on=D, fund="rrcf", stream="y1")
        loose = Bid(id="d", funder="f", purpose="pilot", drafted_on=D)
        assert a.competes_with(b)
        assert b.competes_with(a)
        assert not a.competes_with(c)
        assert not a.competes_with(a)
        assert not loose.competes_with(Bid(id="e", funder="f", purpose="pilot", drafted_on=D))

    def test_the_latest_word_on_an_area_counts(self) -> None:
        bid = Bid(
            id="b",
            funder="f",
            purpose="pilot",
            drafted_on=D,
            areas={"North", "South"},
            endorsements=(
                Endorsement("cja", "North", False, D),
                Endorsement("cja", "North", True, LATER),
                Endorsement("cja2", "South", False, D),
            ),
        )
        assert bid.signed_off_areas() == {"North"}
        assert bid.declined_areas() == {"South"}
        assert bid.areas_without_sign_off() == {"South"}

    def test_measures_count_in_the_right_direction(self) -> None:
        up = Measure("employment", baseline=10, target=20)
        down = Measure("reoffending", baseline=53, target=48, higher_is_better=False)
        assert [Measure(up.name, 10, 20, True, r).is_met for r in (19, 20, 25)] == [
            False,
            True,
            True,
        ]
        assert [Measure(down.name, 53, 48, False, r).is_met for r in (50, 48, 40)] == [
            False,
            True,
            True,
        ]
        assert not down.is_met

    def test_an_unconditional_commitment_is_met_once_given(self) -> None:
        c = SustainabilityCommitment(id="c", by="cja")
        assert not c.is_conditional
        assert c.conditions_met
        assert c.status is CommitmentStatus.SOUGHT
        given = psp.SustainabilityCommitment(id="c", by="cja", recorded_status="given")
        assert given.status is CommitmentStatus.CONDITIONS_MET

    @given(commitments())
    def test_conditions_met_means_nothing_unmet(self, c: SustainabilityCommitment) -> None:
        assert c.conditions_met == (c.unmet() == ())
        assert c.is_conditional == bool(c.measures or c.conditions)


TPS = Partner("tps", "Turning Point Scotland", "third")
CJA = Partner("cja", "A CJA", "public", public_body_kind="cja", areas={"North"})
SG = Partner("sg", "Scottish Government", "public", public_body_kind="government")
OTHER = Partner("other", "Another provider", "third")
RT = Partner("rt", "The Robertson Trust", "third", third_sector_kind="charity")


def base(policy: Policy | None = None) -> Partnership:
    return (
        Partnership("p", "P", policy=policy or Policy())
        .join(TPS, roles={"lead"}, on=D)
        .join(CJA, roles={"strategic"}, on=D)
        .add_organisation(SG, on=D)
        .add_organisation(OTHER, on=D)
    )


def bid(**kw: object) -> Bid:
    fields: dict[str, object] = {
        "id": "b",
        "funder": "sg",
        "purpose": "pilot",
        "drafted_on": D,
        "amount_asked": 1000,
        "areas": {"North"},
    }
    return Bid(**{**fields, **kw})  # type: ignore[arg-type]


COMMITMENT = SustainabilityCommitment(
    id="c",
    by="cja",
    measures=[Measure("reoffending", 53, 48, False)],
    conditions=[ExternalCondition("review")],
)


REFUSALS = [
    ("draft the same bid twice", lambda p: p.draft_bid(bid()).draft_bid(bid()), "bid.id"),
    ("draft a decided bid", lambda p: p.draft_bid(bid(status=BidStatus.AWARDED)), "bid.status"),
    ("bid to an unknown funder", lambda p: p.draft_bid(bid(funder="big")), "bid.funder"),
    ("bid carrying an unknown MoU", lambda p: p.draft_bid(bid(mous={"m"})), "bid.mous"),
    (
        "submit twice",
        lambda p: p.draft_bid(bid()).submit_bid("b", on=D).submit_bid("b", on=D),
        "bid_id",
    ),
    ("decide a draft", lambda p: p.draft_bid(bid()).decide_bid("b", on=D, awarded=False), "bid_id"),
    (
        "decide a withdrawn bid",
        lambda p: p.draft_bid(bid()).withdraw_bid("b", on=D).decide_bid("b", on=D, awarded=True),
        "bid_id",
    ),
    ("an unknown bid", lambda p: p.submit_bid("zz", on=D), "bid_id"),
    (
        "a declined bid with an amount",
        lambda p: (
            p.draft_bid(bid()).submit_bid("b", on=D).decide_bid("b", on=D, awarded=False, amount=5)
        ),
        "amount",
    ),
    (
        "seek one commitment twice",
        lambda p: p.seek_commitment(COMMITMENT, on=D).seek_commitment(COMMITMENT, on=D),
        "commitment.id",
    ),
    (
        "seek a commitment already given",
        lambda p: p.seek_commitment(
            SustainabilityCommitment(id="x", by="cja", recorded_status="given"), on=D
        ),
        "commitment.recorded_status",
    ),
    (
        "a commitment on behalf of a stranger",
        lambda p: p.seek_commitment(
            SustainabilityCommitment(id="x", by="cja", on_behalf_of={"nhs"}), on=D
        ),
        "commitment.on_behalf_of",
    ),
    (
        "give a declined commitment",
        lambda p: (
            p.seek_commitment(COMMITMENT, on=D)
            .decline_commitment("c", on=D, reason="no budget")
            .give_commitment("c", on=D)
        ),
        "commitment_id",
    ),
    (
        "lapse a sought commitment",
        lambda p: p.seek_commitment(COMMITMENT, on=D).lapse_commitment("c", on=D),
        "commitment_id",
    ),
    ("an unknown commitment", lambda p: p.give_commitment("zz", on=D), "commitment_id"),
    (
        "an unknown measure",
        lambda p: p.seek_commitment(COMMITMENT, on=D).record_result("c", "employment", 3, on=D),
        "measure",
    ),
    (
        "a result that is not a finite number",
        lambda p: p.seek_commitment(COMMITMENT, on=D).record_result(
            "c", "reoffending", float("nan"), on=D
        ),
        "result",
    ),
    (
        "a reason that is not text",
        lambda p: p.seek_commitment(COMMITMENT, on=D).decline_commitment("c", on=D, reason=5),
        "reason",
    ),
    (
        "an unknown condition",
        lambda p: p.seek_commitment(COMMITMENT, on=D).resolve_condition(
            "c", "election", True, on=D
        ),
        "condition",
    ),
    ("approve a design that is not there", lambda p: p.approve_design("sg", on=D), "funder"),
    (
        "approve a design twice",
        lambda p: (
            p.agree_service_design(psp.ServiceDesign("D"), on=D)
            .approve_design("sg", on=D)
            .approve_design("sg", on=D)
        ),
        "funder",
    ),
    (
        "a tender planned twice",
        lambda p: p.plan_tender(Tender(id="t", commissioner="cja", title="T"), on=D).plan_tender(
            Tender(id="t", commissioner="cja", title="T"), on=D
        ),
        "tender.id",
    ),
    (
        "a tender commissioned by a charity",
        lambda p: p.plan_tender(Tender(id="t", commissioner="tps", title="T"), on=D),
        "tender.commissioner",
    ),
    (
        "a tender already under way",
        lambda p: p.plan_tender(
            Tender(id="t", commissioner="cja", title="T", status=TenderStatus.ACTIVE), on=D
        ),
        "tender.status",
    ),
    (
        "a tender received before it opens",
        lambda p: p.plan_tender(Tender(id="t", commissioner="cja", title="T"), on=D).receive_tender(
            "t", "other", on=D
        ),
        "tender_id",
    ),
    (
        "a provider tendering twice",
        lambda p: (
            p.plan_tender(Tender(id="t", commissioner="cja", title="T"), on=D)
            .open_tender("t", on=D)
            .receive_tender("t", "other", on=D)
            .receive_tender("t", "other", on=D)
        ),
        "tenderer",
    ),
    (
        "an award to a provider who did not tender",
        lambda p: (
            p.plan_tender(Tender(id="t", commissioner="cja", title="T"), on=D)
            .open_tender("t", on=D)
            .award_tender("t", "other", on=D)
        ),
        "provider",
    ),
    ("an unknown tender", lambda p: p.open_tender("t", on=D), "tender_id"),
    (
        "a tender that ends awarded",
        lambda p: p.plan_tender(Tender(id="t", commissioner="cja", title="T"), on=D).end_tender(
            "t", "awarded", on=D
        ),
        "status",
    ),
]


@pytest.mark.parametrize(("case", "command", "field"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusals_name_the_field_and_change_nothing(case: str, command: object, field: str) -> None:
    p = base()
    before = psp.to_data(p)
    with pytest.raises(PSPError) as info:
        command(p)  # type: ignore[operator]
    assert info.value.field == field
    assert isinstance(info.value, RuleViolationError | UnknownReferenceError | InvalidValueError)
    assert psp.to_data(p) == before


class TestRecorded:
    """What the partnership reports of what it recorded."""

    def test_design_artefacts(self) -> None:
        p = (
            base()
            .record_baseline(Baseline("reoffending", 53, "%"), on=D)
            .consult(Consultation("interview", participants=12), on=D)
            .agree_logic_model(LogicModel(["less reoffending"], ["housing"], ["mentoring"]), on=D)
            .agree_service_design(psp.ServiceDesign("Case workers"), on=D)
            .approve_design("sg", on=LATER)
        )
        assert [b.value for b in p.baselines] == [53.0]
        assert p.consultations() == ((D, Consultation("interview", participants=12)),)
        assert p.logic_model is not None
        assert p.logic_model.levers == ("housing",)
        assert p.design_approvals() == {"sg": LATER}
        # A new design needs approving again.
        p = p.agree_service_design(psp.ServiceDesign("Revised"), on=LATER)
        assert p.design_approvals() == {}
        assert p.service_design == psp.ServiceDesign("Revised")

    def test_bids_and_the_funding_mix(self) -> None:
        p = (
            base()
            .draft_bid(bid())
            .submit_bid("b", on=D)
            .endorse_bid("b", "cja", "North", on=D, given=False)
            .decide_bid("b", on=LATER, awarded=True, amount=800)
            .draft_bid(bid(id="b2", drafted_on=LATER))
            .withdraw_bid("b2", on=LATER, reason="merged")
        )
        b = p.bid("b")
        assert (b.status, b.submitted_on, b.decided_on, b.amount_awarded) == (
            BidStatus.AWARDED,
            D,
            LATER,
            800,
        )
        assert b.declined_areas() == {"North"}
        assert p.bid("b2").status is BidStatus.WITHDRAWN
        assert p.funding_mix() == FundingMix(known={"sg": 800})
        assert [x.id for x in p.bids()] == ["b", "b2"]

    def test_commitments_and_their_computed_status(self) -> None:
        p = base().seek_commitment(COMMITMENT, on=D).give_commitment("c", on=D)
        p = p.record_result("c", "reoffending", 50, on=LATER)
        assert p.commitment("c").unmet() == ("reoffending", "review")
        p = p.record_result("c", "reoffending", 47, on=LATER)
        p = p.resolve_condition("c", "review", True, on=LATER)
        assert p.commitment("c").status is CommitmentStatus.CONDITIONS_MET
        assert p.lapse_commitment("c", on=LATER).commitment("c").status is CommitmentStatus.LAPSED
        assert [c.id for c in p.commitments()] == ["c"]

    def test_a_tender_can_end_without_an_award(self) -> None:
        p = base().plan_tender(Tender(id="t", commissioner="cja", title="T"), on=D)
        p = p.end_tender("t", "cancelled", on=LATER, reason="budget")
        assert [t.status for t in p.tenders()] == [TenderStatus.CANCELLED]


class TestGuards:
    """Guards of the later steps."""

    def reviewed(self, policy: Policy) -> Partnership:
        p = (
            base(policy)
            .step("start-design", on=D)
            .partnership.step("start-pilot", on=D)
            .partnership
        )
        return p.step("start-review", on=D).partnership

    def test_grant_funding_needs_an_awarded_delivery_bid(self) -> None:
        lax = Policy(
            mou_before_pilot=False,
            pilot_award_before_pilot=False,
            design_approval_before_pilot=False,
            measures_before_review=False,
        )
        p = self.reviewed(lax)
        with pytest.raises(TransitionRefusedError) as info:
            p.step("grant-fund", on=D)
        assert [f.rule for f in info.value.findings] == ["delivery-funding"]
        p = (
            p.draft_bid(bid(purpose="delivery"))
            .submit_bid("b", on=D)
            .decide_bid("b", on=D, awarded=True)
        )
        assert p.step("grant-fund", on=D).partnership.stage is psp.Stage.GRANT_FUNDED

    def test_commissioning_without_any_commitment(self) -> None:
        lax = Policy(
            mou_before_pilot=False,
            pilot_award_before_pilot=False,
            design_approval_before_pilot=False,
            measures_before_review=False,
            tender_before_commissioning=False,
        )
        p = self.reviewed(lax)
        assert [f.rule for f in p.blockers("commission")] == ["commitment-missing"]
        unguarded = Policy(
            mou_before_pilot=False,
            pilot_award_before_pilot=False,
            design_approval_before_pilot=False,
            measures_before_review=False,
            tender_before_commissioning=False,
            conditions_before_commissioning=False,
        )
        assert self.reviewed(unguarded).blockers("commission") == ()

    def test_review_without_measures(self) -> None:
        lax = Policy(
            mou_before_pilot=False,
            pilot_award_before_pilot=False,
            design_approval_before_pilot=False,
        )
        p = base(lax).step("start-design", on=D).partnership.step("start-pilot", on=D).partnership
        assert [f.rule for f in p.blockers("start-review")] == ["measures-missing"]

    def test_the_design_must_be_approved_by_a_pilot_funder(self) -> None:
        p = (
            base()
            .step("start-design", on=D)
            .partnership.agree_service_design(psp.ServiceDesign("D"), on=D)
            .approve_design("other", on=D)
            .draft_bid(bid())
            .submit_bid("b", on=D)
            .decide_bid("b", on=D, awarded=True)
        )
        rules = [f.rule for f in p.blockers("start-pilot")]
        assert "design-unapproved" in rules
        p2 = (
            base()
            .step("start-design", on=D)
            .partnership.agree_service_design(psp.ServiceDesign("D"), on=D)
        )
        assert "no funder has approved" in " ".join(f.message for f in p2.blockers("start-pilot"))


class TestFundingMix:
    """An awarded bid is funding whether or not its amount is recorded: the mix gives the
    known amounts by funder, and lists the awards whose amount is unknown beside them."""

    def test_awards_without_an_amount_are_listed_not_dropped(self) -> None:
        # Low Moss's shape: two pilot funders, neither amount in the sources.
        p = base().add_organisation(RT, on=D)
        for funder in ("sg", "rt"):
            p = p.draft_bid(bid(id=f"pilot-{funder}", funder=funder))
            p = p.submit_bid(f"pilot-{funder}", on=D)
        for funder in ("sg", "rt"):
            p = p.decide_bid(f"pilot-{funder}", on=LATER, awarded=True)
        mix = p.funding_mix()
        assert mix == FundingMix(unknown={"sg": ["pilot-sg"], "rt": ["pilot-rt"]})
        assert (mix.known, mix.known_total, mix.is_complete) == ({}, 0, False)
        assert mix.funders == ("sg", "rt")
        assert repr(mix) == (
            "FundingMix(known={}, unknown={'sg': ('pilot-sg',), 'rt': ('pilot-rt',)})"
        )

    def test_known_amounts_add_up_by_funder_with_the_unknown_ones_beside(self) -> None:
        p = base().add_organisation(RT, on=D)
        decisions = [("b1", "sg", 100), ("b2", "sg", 250), ("b3", "sg", None), ("b4", "rt", 7)]
        for bid_id, funder, _ in decisions:
            p = p.draft_bid(bid(id=bid_id, funder=funder)).submit_bid(bid_id, on=D)
        for bid_id, _, amount in decisions:
            p = p.decide_bid(bid_id, on=LATER, awarded=True, amount=amount)
        mix = p.funding_mix()
        assert mix == FundingMix(known={"sg": 350, "rt": 7}, unknown={"sg": ["b3"]})
        assert (mix.known_total, mix.is_complete, mix.funders) == (357, False, ("sg", "rt"))

    def test_declined_withdrawn_and_open_bids_are_not_funding(self) -> None:
        p = base()
        for bid_id in ("declined", "withdrawn", "open"):
            p = p.draft_bid(bid(id=bid_id)).submit_bid(bid_id, on=D)
        p = p.decide_bid("declined", on=LATER, awarded=False)
        p = p.withdraw_bid("withdrawn", on=LATER)
        assert p.funding_mix() == FundingMix()
        assert p.funding_mix().is_complete

    def test_low_moss_says_both_pilot_awards_are_of_unknown_amount(
        self, low_moss: Partnership
    ) -> None:
        assert low_moss.funding_mix() == FundingMix(
            unknown={
                "scot-gov": ["pilot-scot-gov"],
                "robertson-trust": ["pilot-robertson-trust"],
            }
        )

    def test_the_low_moss_example_reports_the_funding_mix(self, low_moss: Partnership) -> None:
        import low_moss as example

        assert (
            "Funding mix: no amount known; awarded, amount unknown: "
            "Scottish Government (pilot-scot-gov), The Robertson Trust (pilot-robertson-trust)"
        ) in example.report(low_moss)

    @given(partnerships())
    def test_every_award_is_in_the_mix_once(self, p: Partnership) -> None:
        mix = p.funding_mix()
        awarded = [b for b in p.bids() if b.status is BidStatus.AWARDED]
        assert set(mix.known) == {b.funder for b in awarded if b.amount_awarded is not None}
        listed = [(f, bid_id) for f, ids in mix.unknown.items() for bid_id in ids]
        assert sorted(listed) == sorted(
            (b.funder, b.id) for b in awarded if b.amount_awarded is None
        )
        assert set(mix.funders) == {b.funder for b in awarded}
        assert mix.is_complete == all(b.amount_awarded is not None for b in awarded)

    @given(partnerships())
    def test_the_mix_is_plain_data_and_back(self, p: Partnership) -> None:
        mix = p.funding_mix()
        plain = json.loads(json.dumps(psp.to_data(mix)))
        assert psp.from_data(plain, FundingMix) == mix
        assert pickle.loads(pickle.dumps(mix)) == mix
        assert hash(pickle.loads(pickle.dumps(mix))) == hash(mix)
        assert copy.deepcopy(mix) is mix

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            ({"known": ["sg"]}, "known"),
            ({"known": {"": 1}}, "known"),
            ({"known": {"sg": -1}}, "known[sg]"),
            ({"known": {"sg": True}}, "known[sg]"),
            ({"unknown": {"sg": "b1"}}, "unknown[sg]"),
            ({"unknown": {"sg": []}}, "unknown[sg]"),
            ({"unknown": {"sg": [" b1"]}}, "unknown[sg][0]"),
        ],
    )
    def test_a_malformed_mix_is_refused(self, arguments: dict[str, Any], field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            FundingMix(**arguments)
        assert info.value.field == field


def test_a_tender_may_be_awarded_for_nothing_or_an_unknown_value() -> None:
    """A zero-value award is a value (a tender for a service run at no cost to the
    commissioner); ``None`` says it is not known."""
    assert psp.TenderAwarded(on=date(2014, 4, 1), tender_id="t", provider="a", value=0).value == 0
    assert psp.TenderAwarded(on=date(2014, 4, 1), tender_id="t", provider="a").value is None
