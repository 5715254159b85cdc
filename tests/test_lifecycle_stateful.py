"""A stateful test of the whole aggregate: random commands, legal or not, with the
promises checked after every step (hypothesis RuleBasedStateMachine)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import psp
from psp import (
    TRANSITIONS,
    Bid,
    ExternalCondition,
    Measure,
    Partner,
    Partnership,
    Policy,
    PSPError,
    Severity,
    Stage,
    Step,
    StepTaken,
    SustainabilityCommitment,
    Tender,
)

POOL = [
    Partner("lead", "Lead charity", "third"),
    Partner("sacro", "Sacro", "third"),
    Partner("cja", "A CJA", "public", public_body_kind="cja", areas={"North"}),
    Partner("la", "A council", "public", public_body_kind="local-authority"),
    Partner("sg", "Scottish Government", "public", public_body_kind="government"),
]
IDS = [p.id for p in POOL]
PEOPLE = ["Ann", "Bo", "Cy"]


class LifecycleMachine(RuleBasedStateMachine):
    """Drives a partnership with random commands and checks it after each one."""

    def __init__(self) -> None:
        super().__init__()
        self.p = Partnership("p", "P", focus={"prison-leavers"}, policy=Policy.rrcf())
        for partner in POOL:
            self.p = self.p.add_organisation(partner, on=date(2012, 1, 1))
        self.day = date(2012, 1, 1)
        self.counter = 0

    def attempt(self, command: object) -> None:
        """Run ``command``; if it is refused, nothing may have changed."""
        before = psp.to_data(self.p)
        try:
            self.p = command()  # type: ignore[operator]
        except PSPError:
            assert psp.to_data(self.p) == before

    @rule(days=st.integers(0, 40))
    def time_passes(self, days: int) -> None:
        self.day += timedelta(days=days)

    @rule(pid=st.sampled_from(IDS), roles=st.frozensets(st.sampled_from(psp.Role)))
    def join(self, pid: str, roles: frozenset[psp.Role]) -> None:
        self.attempt(lambda: self.p.join(pid, roles=roles, on=self.day))

    @rule(pid=st.sampled_from(IDS))
    def leave(self, pid: str) -> None:
        self.attempt(lambda: self.p.leave(pid, on=self.day))

    @rule(pid=st.sampled_from(IDS), roles=st.frozensets(st.sampled_from(psp.Role)))
    def change_roles(self, pid: str, roles: frozenset[psp.Role]) -> None:
        self.attempt(lambda: self.p.change_roles(pid, roles, on=self.day))

    @rule(
        pid=st.sampled_from(IDS),
        others=st.frozensets(st.sampled_from(IDS), max_size=2),
        kind=st.sampled_from(psp.ContributionKind),
        dice=st.integers(0, 2),
    )
    def origins_and_contributions(
        self, pid: str, others: frozenset[str], kind: psp.ContributionKind, dice: int
    ) -> None:
        """Initiated by ``others``, ``pid`` chosen to lead by them, or ``pid``'s
        contribution (refused unless it is a member)."""
        if dice == 0:
            self.attempt(lambda: self.p.record_initiation(others, on=self.day))
        elif dice == 1:
            self.attempt(
                lambda: self.p.select_lead(pid, on=self.day, method="competition", by=others)
            )
        else:
            self.attempt(lambda: self.p.record_contribution(pid, kind, on=self.day, value=dice))

    @rule(
        post=st.sampled_from(["manager", "worker"]),
        pid=st.sampled_from(IDS),
        person=st.sampled_from(PEOPLE),
        dice=st.integers(0, 5),
    )
    def posts_and_risks(self, post: str, pid: str, person: str, dice: int) -> None:
        """A post established, filled (refused while someone holds it) or vacated; a
        risk raised, reviewed or closed (refused once closed)."""
        if dice == 0:
            kind = (
                psp.PostKind.PARTNERSHIP_MANAGER if post == "manager" else psp.PostKind.CASE_WORKER
            )
            self.attempt(lambda: self.p.establish_post(psp.Post(post, kind), on=self.day))
        elif dice == 1:
            self.attempt(lambda: self.p.fill_post(post, person, on=self.day, partner=pid))
        elif dice == 2:
            self.attempt(lambda: self.p.vacate_post(post, on=self.day))
        elif dice == 3:
            self.attempt(lambda: self.p.raise_risk(post, "timescales", on=self.day, owner=pid))
        elif dice == 4:
            rating = psp.Rating(len(person), 3)
            self.attempt(lambda: self.p.review_risk(post, on=self.day, rating=rating))
        else:
            self.attempt(lambda: self.p.close_risk(post, on=self.day, reason="overcome"))

    @rule(parties=st.frozensets(st.sampled_from(IDS), min_size=1, max_size=3))
    def draft_mou(self, parties: frozenset[str]) -> None:
        self.counter += 1
        signatories = [psp.Signatory(f"{pid} signatory", pid) for pid in sorted(parties)]
        mou = psp.MoU(
            id=f"m{self.counter}", drafted_on=self.day, parties=parties, signatories=signatories
        )
        self.attempt(lambda: self.p.draft_mou(mou))

    @precondition(lambda self: bool(self.p.mous()))
    @rule(data=st.data())
    def sign_mou(self, data: st.DataObject) -> None:
        mou = data.draw(st.sampled_from(self.p.mous()))
        person = data.draw(st.sampled_from([s.person for s in mou.signatories] + ["Nobody"]))
        self.attempt(lambda: self.p.sign_mou(mou.id, person, on=self.day))

    @rule(purpose=st.sampled_from(psp.FundingPurpose), asked=st.none() | st.integers(0, 10**6))
    def draft_and_submit_bid(self, purpose: psp.FundingPurpose, asked: int | None) -> None:
        self.counter += 1
        bid = Bid(
            id=f"b{self.counter}",
            funder="sg",
            purpose=purpose,
            drafted_on=self.day,
            amount_asked=asked,
            areas={"North"},
        )
        self.attempt(lambda: self.p.draft_bid(bid).submit_bid(bid.id, on=self.day))

    @precondition(lambda self: bool(self.p.bids()))
    @rule(data=st.data(), awarded=st.booleans(), amount=st.none() | st.integers(1, 2 * 10**6))
    def decide_bid(self, data: st.DataObject, awarded: bool, amount: int | None) -> None:
        bid = data.draw(st.sampled_from(self.p.bids()))
        self.attempt(
            lambda: self.p.decide_bid(
                bid.id, on=self.day, awarded=awarded, amount=amount if awarded else None
            )
        )

    @precondition(lambda self: bool(self.p.bids()))
    @rule(data=st.data(), given=st.booleans())
    def endorse_bid(self, data: st.DataObject, given: bool) -> None:
        bid = data.draw(st.sampled_from(self.p.bids()))
        self.attempt(lambda: self.p.endorse_bid(bid.id, "cja", "North", on=self.day, given=given))

    @rule()
    def design_and_approve(self) -> None:
        self.attempt(
            lambda: self.p.agree_service_design(
                psp.ServiceDesign("A design"), on=self.day
            ).approve_design("sg", on=self.day)
        )

    @rule(by=st.sampled_from([*IDS, "cja", "cja"]))
    def seek_and_give_commitment(self, by: str) -> None:
        self.counter += 1
        c = SustainabilityCommitment(
            id=f"c{self.counter}",
            by=by,
            measures=[Measure("reoffending", 53, 48, higher_is_better=False)],
            conditions=[ExternalCondition("spending review")],
        )
        self.attempt(
            lambda: self.p.seek_commitment(c, on=self.day).give_commitment(c.id, on=self.day)
        )

    @precondition(lambda self: bool(self.p.commitments()))
    @rule(data=st.data(), result=st.floats(30, 70), outcome=st.booleans())
    def record_results(self, data: st.DataObject, result: float, outcome: bool) -> None:
        c = data.draw(st.sampled_from(self.p.commitments()))
        self.attempt(
            lambda: self.p.record_result(
                c.id, "reoffending", result, on=self.day
            ).resolve_condition(c.id, "spending review", outcome, on=self.day)
        )

    @rule(tenderer=st.sampled_from(IDS))
    def run_a_tender(self, tenderer: str) -> None:
        self.counter += 1
        tid = f"t{self.counter}"
        self.attempt(
            lambda: (
                self.p.plan_tender(Tender(id=tid, commissioner="cja", title="T"), on=self.day)
                .open_tender(tid, on=self.day)
                .receive_tender(tid, tenderer, on=self.day)
                .award_tender(tid, tenderer, on=self.day)
            )
        )

    @rule()
    def form_the_core(self) -> None:
        """A likely move, so runs get past forming: a third-sector lead and a CJA."""
        self.attempt(
            lambda: self.p.join("lead", roles={"lead", "provider"}, on=self.day).join(
                "cja", roles={"strategic", "referral"}, on=self.day
            )
        )

    @rule(amount=st.integers(1, 10**5))
    def prepare_the_pilot(self, amount: int) -> None:
        """A signed MoU, an awarded pilot bid and an approved design, in one go."""
        self.counter += 1
        mou = psp.MoU(
            id=f"m{self.counter}",
            drafted_on=self.day,
            parties={"lead", "cja"},
            signatories=[psp.Signatory("Ann", "lead"), psp.Signatory("Bo", "cja")],
        )
        bid = Bid(
            id=f"b{self.counter}",
            funder="sg",
            purpose="pilot",
            drafted_on=self.day,
            amount_asked=amount,
            areas={"North"},
        )
        self.attempt(
            lambda: (
                self.p.draft_mou(mou)
                .sign_mou(mou.id, "Ann", on=self.day)
                .sign_mou(mou.id, "Bo", on=self.day)
                .draft_bid(bid)
                .submit_bid(bid.id, on=self.day)
                .decide_bid(bid.id, on=self.day, awarded=True, amount=amount)
                .agree_service_design(psp.ServiceDesign("Design"), on=self.day)
                .approve_design("sg", on=self.day)
            )
        )

    @rule(reason=st.sampled_from(["", "withdrawn"]), dice=st.integers(0, 9))
    def close(self, reason: str, dice: int) -> None:
        if dice == 0:  # rarely, or runs end before they get anywhere
            self.take_a_step(Step.CLOSE, reason)

    @rule(step=st.sampled_from([s for s in Step if s is not Step.CLOSE]))
    def any_step(self, step: Step) -> None:
        self.take_a_step(step, "")

    @precondition(lambda self: any(s is not Step.CLOSE for s in self.p.next_steps()))
    @rule(data=st.data())
    def a_step_the_table_allows(self, data: st.DataObject) -> None:
        choices = [s for s in self.p.next_steps() if s is not Step.CLOSE]
        self.take_a_step(data.draw(st.sampled_from(choices)), "")

    @rule(result=st.floats(30, 70), outcome=st.booleans())
    def prepare_review_and_commissioning(self, result: float, outcome: bool) -> None:
        """A CJA's commitment with a result and an outcome, and an awarded tender."""
        self.counter += 1
        c = SustainabilityCommitment(
            id=f"c{self.counter}",
            by="cja",
            measures=[Measure("reoffending", 53, 48, higher_is_better=False)],
            conditions=[ExternalCondition("spending review")],
        )
        tid = f"t{self.counter}"
        self.attempt(
            lambda: (
                self.p.seek_commitment(c, on=self.day)
                .give_commitment(c.id, on=self.day)
                .record_result(c.id, "reoffending", result, on=self.day)
                .resolve_condition(c.id, "spending review", outcome, on=self.day)
                .plan_tender(Tender(id=tid, commissioner="cja", title="T"), on=self.day)
                .open_tender(tid, on=self.day)
                .receive_tender(tid, "sacro", on=self.day)
                .award_tender(tid, "sacro", on=self.day)
            )
        )

    @rule(
        code=st.sampled_from(["lead-sector", "min-third-members", "mou-unsigned", "no-such-step"]),
        by=st.sampled_from(IDS),
        lasting=st.none() | st.integers(1, 60),
    )
    def waive(self, code: str, by: str, lasting: int | None) -> None:
        """The programme waives a rule (a public lead, under the RRCF), for a while or not."""
        until = None if lasting is None else self.day + timedelta(days=lasting)
        self.attempt(
            lambda: self.p.waive(code, granted_by=by, on=self.day, reason="accepted", until=until)
        )

    @precondition(lambda self: bool(self.p.waivers()))
    @rule(data=st.data())
    def withdraw_waiver(self, data: st.DataObject) -> None:
        waiver = data.draw(st.sampled_from(self.p.waivers()))
        self.attempt(lambda: self.p.withdraw_waiver(waiver.rule, on=self.day))

    def take_a_step(self, step: Step, reason: str) -> None:
        before = self.p
        blockers = before.blockers(step, on=self.day, reason=reason)
        breaches = tuple(f for f in blockers if f.severity is Severity.BREACH)
        try:
            self.p = before.step(step, on=self.day, reason=reason).partnership
        except psp.TransitionRefusedError as refused:
            assert refused.findings == breaches  # noqa: PT017 - a rule of the machine
        except PSPError:
            assert self.p is before
        else:
            assert not breaches

    @invariant()
    def the_stage_is_one_the_table_allows(self) -> None:
        stage = Stage.FORMING
        rows = {(t.source, t.step): t.target for t in TRANSITIONS}
        for _, step, target in self.p.stage_history():
            assert rows[(stage, step)] is target
            stage = target
        assert self.p.stage is stage

    @invariant()
    def every_stage_entered_had_its_hard_guards_met(self) -> None:
        history = self.p.history
        for i, event in enumerate(history):
            if isinstance(event, StepTaken):
                before = Partnership(
                    "p", "P", focus={"prison-leavers"}, policy=Policy.rrcf(), history=history[:i]
                )
                breaches = [
                    f
                    for f in before.blockers(event.step, on=event.on, reason=event.reason)
                    if f.severity is Severity.BREACH
                ]
                assert breaches == []

    @invariant()
    def a_waiver_sets_aside_only_the_rule_it_names_while_in_force(self) -> None:
        day = self.p.last_event_date or date.min
        for f in self.p.findings():
            assert f.waiver is None or (f.waiver.rule == f.rule and f.waiver.in_force(day))
        in_force = {w.rule for w in self.p.waivers(day)}
        assert {f.rule for f in self.p.findings() if f.waiver is not None} <= in_force

    @invariant()
    def a_post_is_held_by_one_person_at_a_time(self) -> None:
        spans: dict[str, list[psp.Period]] = {}
        for h in self.p.post_holders():
            spans.setdefault(h.post_id, []).append(h.period)
        for periods in spans.values():
            for earlier, later in itertools.pairwise(periods):
                assert earlier.end is not None
                assert earlier.end <= later.start

    @invariant()
    def the_open_risks_are_those_raised_and_not_closed(self) -> None:
        closed = {e.risk_id for e in self.p.history if isinstance(e, psp.RiskClosed)}
        raised = [e.risk_id for e in self.p.history if isinstance(e, psp.RiskRaised)]
        assert [r.id for r in self.p.open_risks()] == [r for r in raised if r not in closed]

    @invariant()
    def replaying_the_history_gives_the_same_partnership(self) -> None:
        rebuilt = Partnership(
            "p", "P", focus={"prison-leavers"}, policy=Policy.rrcf(), history=self.p.history
        )
        assert rebuilt == self.p
        assert rebuilt.stage is self.p.stage
        assert (rebuilt.initiation(), rebuilt.lead_selections(), rebuilt.contributions()) == (
            self.p.initiation(),
            self.p.lead_selections(),
            self.p.contributions(),
        )

    @invariant()
    def the_round_trip_is_lossless(self) -> None:
        assert psp.from_data(psp.to_data(self.p), Partnership) == self.p


LifecycleMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=30, deadline=None
)
TestLifecycle = LifecycleMachine.TestCase
