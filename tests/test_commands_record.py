"""Commands record exactly what they are given, and rules hold at their boundaries.

Gaps found by mutation testing (docs/guarantees.md): each test states a behaviour the
suite did not pin down before.
"""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

import psp
from psp import (
    Bid,
    BidStatus,
    Cadence,
    Clause,
    ExternalCondition,
    GovernanceStructure,
    Group,
    GroupTierName,
    InvalidValueError,
    Measure,
    Meeting,
    MoU,
    OrgId,
    Partner,
    Partnership,
    Policy,
    Role,
    RuleViolationError,
    SeatKind,
    Signatory,
    SustainabilityCommitment,
    Tender,
    TenderStatus,
    UnknownReferenceError,
)

D0, D1, D2, D3 = date(2012, 4, 1), date(2012, 6, 1), date(2012, 9, 1), date(2012, 12, 1)
A = Partner("a", "A", "third")
B = Partner("b", "B", "public", public_body_kind="cja")
C = Partner("c", "C", "third")
GOV = GovernanceStructure("single-tier", [Group("g", "G", "governance", members={"a", "b"})])


def small() -> Partnership:
    return Partnership("p", "P").join(A, on=D0, roles={"lead"}).join(B, on=D0)


class TestWhatIsRecorded:
    """A command's arguments reach the state the queries show."""

    def test_representatives_keep_title_and_authority(self) -> None:
        p = small().name_representative("a", "Ann", on=D1, title="Chief Officer", can_decide=True)
        rep = p.representatives_of("a")[0]
        assert (rep.title, rep.can_decide) == ("Chief Officer", True)
        p = p.stand_down_representative("a", "Ann", on=D2)
        assert p.representatives[0].period.end == D2
        assert p.representatives_of("a") == ()

    def test_links_keep_their_details(self) -> None:
        p = small().link("a", "b", "refers-to", on=D1, weight=3.5, pre_existing=True, note="x")
        link = p.links[0]
        assert (link.weight, link.pre_existing, link.note) == (3.5, True, "x")

    def test_a_link_may_start_from_a_non_member(self) -> None:
        p = small().add_organisation(C, on=D1).link("c", "a", "refers-to", on=D1)
        assert [(k.source, k.target) for k in p.links_on()] == [("c", "a")]

    def test_seats_keep_their_kind_and_end(self) -> None:
        p = small().take_seat(C, SeatKind.OBSERVER, on=D1)
        assert p.seats[0].kind is SeatKind.OBSERVER
        p = p.leave_seat("c", SeatKind.OBSERVER, on=D2)
        assert p.seats[0].period.end == D2
        assert p.seats_on() == ()

    @pytest.mark.parametrize(
        "command",
        ["leave", "withdraw_bid", "decline_commitment", "lapse_commitment", "end_tender"],
    )
    def test_reasons_are_recorded(self, command: str) -> None:
        p = small().add_organisation(C, on=D0)
        p = p.draft_bid(Bid(id="b1", funder="b", purpose="pilot", drafted_on=D0))
        p = p.seek_commitment(SustainabilityCommitment(id="c1", by="b"), on=D0)
        p = p.give_commitment("c1", on=D0) if command == "lapse_commitment" else p
        p = p.plan_tender(Tender(id="t1", commissioner="b", title="T"), on=D0)
        args = {
            "leave": ("c",),
            "withdraw_bid": ("b1",),
            "decline_commitment": ("c1",),
            "lapse_commitment": ("c1",),
            "end_tender": ("t1", "cancelled"),
        }[command]
        if command == "leave":
            p = p.join("c", on=D0)
        q = getattr(p, command)(*args, on=D1, reason="why")
        assert q.history[-1].reason == "why"
        assert getattr(p, command)(*args, on=D1).history[-1].reason == ""

    def test_a_link_without_a_note_has_an_empty_one(self) -> None:
        assert small().link("a", "b", "refers-to", on=D1).links[0].note == ""

    def test_a_new_partnership_has_no_design_and_the_first_steps(self) -> None:
        p = Partnership("p", "P")
        assert (p.logic_model, p.service_design) == (None, None)
        assert p.next_steps() == (psp.Step.START_DESIGN, psp.Step.CLOSE)

    def test_a_member_signposted_by_no_one_recorded(self) -> None:
        p = small().join(C, on=D1, engagement="signposted")
        assert p.signposted() == ((C, None),)

    def test_a_declined_bid_is_declined(self) -> None:
        p = small().draft_bid(Bid(id="b1", funder="b", purpose="pilot", drafted_on=D0))
        p = p.submit_bid("b1", on=D1).decide_bid("b1", on=D2, awarded=False)
        assert p.bid("b1").status is BidStatus.DECLINED
        assert p.bid("b1").decided_on == D2

    def test_a_withdrawn_bid_is_dated(self) -> None:
        p = small().draft_bid(Bid(id="b1", funder="b", purpose="pilot", drafted_on=D0))
        assert p.withdraw_bid("b1", on=D1).bid("b1").decided_on == D1

    def test_the_funding_mix_adds_awards_per_funder(self) -> None:
        p = small()
        for i in range(3):
            funder = "a" if i == 2 else "b"
            bid = Bid(id=f"b{i}", funder=funder, purpose="pilot", drafted_on=D0, amount_asked=300)
            p = p.draft_bid(bid).submit_bid(f"b{i}", on=D0)
        p = p.decide_bid("b0", on=D1, awarded=True, amount=100)
        p = p.decide_bid("b1", on=D1, awarded=True, amount=250)
        p = p.decide_bid("b2", on=D1, awarded=True)  # no amount: listed as unknown
        assert p.funding_mix() == psp.FundingMix(known={"b": 350}, unknown={"a": ["b2"]})

    def test_a_tender_award_records_provider_and_value(self) -> None:
        p = small().plan_tender(Tender(id="t1", commissioner="b", title="T"), on=D0)
        p = p.open_tender("t1", on=D0).receive_tender("t1", "a", on=D1)
        awarded = p.award_tender("t1", "a", on=D2, value=900).tenders()[0]
        assert (awarded.status, awarded.awarded_to, awarded.awarded_value) == (
            TenderStatus.AWARDED,
            "a",
            900,
        )
        ended = p.end_tender("t1", "unsuccessful", on=D2).tenders()[0]
        assert ended.status is TenderStatus.UNSUCCESSFUL

    def test_only_the_named_measure_and_condition_change(self) -> None:
        c = SustainabilityCommitment(
            id="c1",
            by="b",
            measures=[Measure("m1", 10, 5), Measure("m2", 10, 5)],
            conditions=[ExternalCondition("x"), ExternalCondition("y")],
        )
        p = small().seek_commitment(c, on=D0)
        p = p.record_result("c1", "m2", 4.0, on=D1).resolve_condition("c1", "y", True, on=D1)
        got = p.commitment("c1")
        assert [m.result for m in got.measures] == [None, 4.0]
        assert [x.outcome for x in got.conditions] == [None, True]

    def test_an_amendment_keeps_what_it_does_not_change_and_starts_unsigned(self) -> None:
        first = MoU(
            id="m",
            drafted_on=D1,
            parties={"a", "b"},
            values={"equality"},
            clauses=[Clause("exit", "Three months' notice.")],
            governance=GOV,
            signatories=[Signatory("Ann", "a")],
        ).sign("Ann", on=D1)
        kept = first.amended(on=D2)
        assert (kept.version, kept.drafted_on, kept.signatures) == (2, D2, ())
        assert (kept.parties, kept.values, kept.clauses, kept.governance, kept.signatories) == (
            first.parties,
            first.values,
            first.clauses,
            first.governance,
            first.signatories,
        )
        other = GovernanceStructure(
            "single-tier", [Group("g2", "G2", "governance", members={"a", "c"})]
        )
        changed = first.amended(
            on=D2,
            parties={"a", "b", "c"},
            values={"best-use-of-resources"},
            clauses=[],
            governance=other,
            signatories=[Signatory("Cy", "c")],
        )
        assert changed.parties == {"a", "b", "c"}
        assert changed.values == {psp.PartnershipValue.BEST_USE_OF_RESOURCES}
        assert (changed.clauses, changed.governance) == ((), other)
        assert changed.signatories == (Signatory("Cy", "c"),)

    def test_a_cadence_steps_once_by_default(self) -> None:
        assert Cadence(2).step() == relativedelta(weeks=2)
        assert Cadence(3, "months").step(2) == relativedelta(months=6)


class TestTheLead:
    """One lead at a time, handed on by leaving or by a change of roles."""

    def test_after_the_lead_leaves_another_may_lead(self) -> None:
        p = small().leave("a", on=D1)
        assert p.lead() is None
        assert p.change_roles("b", {"lead"}, on=D2).lead() == B

    def test_a_member_who_takes_the_lead_by_role_change_holds_it(self) -> None:
        p = Partnership("p", "P").join(A, on=D0).join(B, on=D0).change_roles("a", {"lead"}, on=D1)
        assert p.lead() == A
        with pytest.raises(RuleViolationError):
            p.change_roles("b", {"lead"}, on=D2)

    def test_the_lead_may_change_its_other_roles_and_stay_lead(self) -> None:
        p = small().change_roles("a", {"lead", "provider"}, on=D1)
        assert p.lead() == A
        assert p.roles_of("a") == {Role.LEAD, Role.PROVIDER}


class TestBoundaries:
    """Dates and ranges that include their ends."""

    def test_a_bid_may_be_submitted_on_its_deadline(self) -> None:
        bid = Bid(id="b1", funder="b", purpose="pilot", drafted_on=D0, deadline=D1)
        p = small().draft_bid(bid)
        assert p.submit_bid("b1", on=D1).bid("b1").status is BidStatus.SUBMITTED
        with pytest.raises(RuleViolationError) as info:
            p.submit_bid("b1", on=D2)
        assert info.value.field == "on"

    def test_governance_is_in_force_from_its_day(self) -> None:
        p = small().adopt_governance(GOV, on=D1)
        assert p.governance(D1) == GOV
        assert p.governance(D0) is None

    def test_meetings_between_dates_include_both_ends_and_filter_by_group(self) -> None:
        p = small().adopt_governance(GOV, on=D0)
        for day, group in ((D0, "g"), (D1, None), (D2, "g")):
            p = p.hold_meeting(Meeting(on=day, kind="governance-group", group=group))
        assert [m.on for m in p.meetings(start=D0, end=D2)] == [D0, D1, D2]
        assert [m.on for m in p.meetings(start=D1, end=D1)] == [D1]
        assert [m.on for m in p.meetings(group="g")] == [D0, D2]

    def test_queries_on_a_past_date_use_that_date(self) -> None:
        p = small().join(C, on=D1, roles={"referral"}).leave("b", on=D2)
        assert p.public_body_kinds(D1) == {psp.PublicBodyKind.CJA}
        assert p.public_body_kinds() == frozenset()
        assert p.absent_public_body_kinds({"cja"}, D1) == frozenset()
        assert Role.REFERRAL not in p.unfilled_roles(D1)
        assert Role.REFERRAL in p.unfilled_roles(D0)

    @pytest.mark.parametrize(("every", "up_to"), [(1, None), (520, None), (2, 2), (2, 520)])
    def test_a_cadence_includes_its_bounds(self, every: int, up_to: int | None) -> None:
        assert Cadence(every, up_to=up_to).longest_gap() == relativedelta(weeks=up_to or every)

    @pytest.mark.parametrize(
        ("every", "up_to", "field"),
        [
            (0, None, "every"),
            (521, None, "every"),
            (True, None, "every"),
            (2, 521, "up_to"),
            (1, True, "up_to"),
        ],
    )
    def test_a_cadence_outside_its_bounds_is_refused(
        self, every: int, up_to: int | None, field: str
    ) -> None:
        with pytest.raises(InvalidValueError) as info:
            Cadence(every, up_to=up_to)
        assert info.value.field == field

    def test_meetings_on_a_windows_first_and_last_day_count(self) -> None:
        start, end = date(2012, 4, 2), date(2012, 4, 16)
        check = Cadence(2).check([start, end], start, end)
        assert check.held == (start, end)
        assert check.is_kept

    def test_an_mou_may_be_amended_on_the_day_it_was_drafted(self) -> None:
        first = MoU(id="m", drafted_on=D1, parties={"a"})
        assert first.amended(on=D1).drafted_on == D1

    @pytest.mark.parametrize("tier", ["strategic", "operational", "local"])
    def test_a_single_tier_structure_has_no_other_tier(self, tier: GroupTierName) -> None:
        groups = [Group("gg", "GG", "governance"), Group("x", "X", tier, reports_to="gg")]
        with pytest.raises(RuleViolationError) as info:
            GovernanceStructure("single-tier", groups)
        assert (info.value.field, info.value.value) == ("groups", ["governance", tier])

    def test_a_pilot_may_start_the_day_after_the_mou_is_signed(self) -> None:
        # With the MoU to be signed before the pilot (not on its first day), what counts
        # is the step's own date, not the date of the event before it (the signature).
        policy = Policy(
            mou_at_launch=False,
            pilot_award_before_pilot=False,
            design_approval_before_pilot=False,
        )
        mou = MoU(id="m", drafted_on=D0, parties={"a", "b"}, signatories=[Signatory("Ann", "a")])
        p = Partnership("p", "P", policy=policy).join(A, on=D0, roles={"lead"}).join(B, on=D0)
        p = p.step("start-design", on=D0).partnership.draft_mou(mou).sign_mou("m", "Ann", on=D1)
        assert "mou-unsigned" in [f.rule for f in p.blockers("start-pilot", on=D1)]
        assert p.step("start-pilot", on=D2).partnership.stage is psp.Stage.PILOT

    def test_blockers_now_are_as_of_the_last_event(self) -> None:
        # By default the MoU may be signed on the day the pilot starts: signed on the
        # last event's day, it blocks nothing now.
        mou = MoU(id="m", drafted_on=D0, parties={"a", "b"}, signatories=[Signatory("Ann", "a")])
        p = small().step("start-design", on=D0).partnership
        p = p.draft_mou(mou).sign_mou("m", "Ann", on=D1)
        assert "mou-unsigned" not in [f.rule for f in p.blockers("start-pilot")]
        assert "mou-unsigned" in [f.rule for f in p.blockers("start-pilot", on=D0)]

    def test_an_awarded_delivery_bid_is_not_a_pilot_award(self) -> None:
        p = small().step("start-design", on=D0).partnership
        p = p.draft_bid(Bid(id="d1", funder="b", purpose="delivery", drafted_on=D0))
        p = p.submit_bid("d1", on=D0).decide_bid("d1", on=D1, awarded=True)
        assert "pilot-funding" in [f.rule for f in p.blockers("start-pilot")]


class TestRefusalsNameFieldAndValue:
    """A refusal's ``field`` says where and ``value`` what (docs/errors.md)."""

    @pytest.mark.parametrize(
        ("make", "field", "value"),
        [
            (lambda: small().organisation("zz"), "partner_id", "zz"),
            (lambda: small().leave("zz", on=D1), "partner", "zz"),
            (lambda: small().take_seat("zz", on=D1), "partner", "zz"),
            (lambda: small().name_representative("zz", "Ann", on=D1), "partner", "zz"),
            (lambda: small().link("zz", "a", "funds", on=D1), "source", "zz"),
            (lambda: small().link("a", "zz", "funds", on=D1), "target", "zz"),
            (lambda: small().approve_design("zz", on=D1), "funder", "zz"),
            (lambda: small().endorse_bid("b1", "zz", "Fife", on=D1), "bid_id", "b1"),
            (lambda: small().commitment("zz"), "commitment_id", "zz"),
            (lambda: small().record_result("zz", "m", 1.0, on=D1), "commitment_id", "zz"),
            (lambda: small().bid("zz"), "bid_id", "zz"),
            (lambda: small().mou("zz"), "mou_id", "zz"),
            (lambda: small().mou_versions("zz"), "mou_id", "zz"),
            (
                lambda: small().seek_commitment(SustainabilityCommitment(id="c", by="zz"), on=D1),
                "commitment.by",
                "zz",
            ),
            (
                lambda: small().plan_tender(Tender(id="t", commissioner="zz", title="T"), on=D1),
                "tender.commissioner",
                "zz",
            ),
            (
                lambda: small().plan_tender(Tender(id="t", commissioner="a", title="T"), on=D1),
                "tender.commissioner",
                "a",
            ),
            (
                lambda: small().adopt_governance(GOV, on=D0).cadence_check("g", D0, D1),
                "group_id",
                "g",
            ),
            (lambda: small().cadence_check("g", D0, D1), "group_id", "g"),
            (lambda: small().take_seat(C, on=D1).take_seat("c", on=D1), "kind", "critical-friend"),
            (lambda: OrgId("GB-SC", "SC 012710"), "identifier", "SC 012710"),
            (lambda: OrgId("XX-ABC", "a b"), "identifier", "a b"),
            (lambda: OrgId.parse("SC012710"), "identifier", "SC012710"),
            (lambda: Partner("a", "A", "third", part_of="a"), "part_of", "a"),
            (
                lambda: Partner("a", "A", "third", public_body_kind="cja"),
                "public_body_kind",
                "cja",
            ),
            (
                lambda: Partner("a", "A", "third", identifiers=["GB-SC-SC012710"] * 2),
                "identifiers",
                ["GB-SC-SC012710", "GB-SC-SC012710"],
            ),
            (lambda: Cadence(2, "weeks", 1), "up_to", 1),
            (lambda: MoU(id="m", drafted_on=D0, parties={"a"}, version=True), "version", True),
        ],
    )
    def test_field_and_value(self, make: object, field: str, value: object) -> None:
        with pytest.raises(psp.PSPError) as info:
            make()  # type: ignore[operator]
        assert (info.value.field, info.value.value) == (field, value)
        assert info.value.reason

    def test_signing_by_someone_not_named_names_the_person(self) -> None:
        mou = MoU(id="m", drafted_on=D1, parties={"a"}, signatories=[Signatory("Ann", "a")])
        with pytest.raises(psp.PSPError) as info:
            small().draft_mou(mou).sign_mou("m", "Bob", on=D2)
        assert (info.value.field, info.value.value) == ("person", "Bob")

    def test_a_refused_event_in_a_history_is_pointed_at(self) -> None:
        closed = small().step("close", on=D1, reason="merged").partnership
        with pytest.raises(RuleViolationError) as info:
            Partnership("p", "P", history=[*closed.history, psp.MemberLeft(on=D2, partner_id="b")])
        assert info.value.field == "history[5]"

    def test_a_step_the_table_refuses_names_stage_and_step(self) -> None:
        with pytest.raises(psp.TransitionRefusedError) as info:
            small().step("start-pilot", on=D1)
        assert (info.value.stage, info.value.step) == (psp.Stage.FORMING, psp.Step.START_PILOT)
        assert [f.rule for f in info.value.findings] == ["no-such-step"]

    def test_a_meeting_of_a_group_needs_governance(self) -> None:
        with pytest.raises(UnknownReferenceError) as info:
            small().hold_meeting(Meeting(on=D1, kind="governance-group", group="g"))
        assert info.value.field == "meeting.group"

    def test_signatory_capacity_is_kept_and_checked(self) -> None:
        assert Signatory("Ann", "a", "Chief Officer").capacity == "Chief Officer"
        with pytest.raises(InvalidValueError) as info:
            Signatory("Ann", "a", " ")
        assert info.value.field == "capacity"

    def test_identifiers_may_mix_objects_and_text(self) -> None:
        p = Partner("a", "A", "third", identifiers=[OrgId("GB-SC", "SC012710"), "GB-COH-01234567"])
        assert [str(i) for i in p.identifiers] == ["GB-SC-SC012710", "GB-COH-01234567"]
