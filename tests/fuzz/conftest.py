"""Seeds for the fuzz suite: a partnership whose history holds every kind of event, and
a corpus with a valid instance of every public attrs class, to mutate; and the suite's
example counts."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence, Set
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, settings

import psp
from psp import Partner, Partnership, Step

# Every public class psp reads from data: each public attrs class but psp.ErrorCode (a row
# of the registry of codes, which holds a class: not data), psp.Rule (data only by its
# code) and psp.Facts (made by psp for a rule, never read).
PUBLIC_CLASSES: tuple[type, ...] = tuple(
    obj
    for name in psp.__all__
    if isinstance(obj := getattr(psp, name), type)
    and attrs.has(obj)
    and obj not in (psp.ErrorCode, psp.Rule, psp.Facts)
)

# The long run (docs/guarantees.md) multiplies every test's short count: the short
# counts add up to 1,850 examples, so the long run makes 111,000.
LONG_RUN_FACTOR = 60


def fuzz_settings(short: int) -> settings:
    """``short`` examples in the default run, ``LONG_RUN_FACTOR`` times as many under
    ``HYPOTHESIS_PROFILE=fuzz-long``."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz-long":
        return settings(max_examples=short * LONG_RUN_FACTOR)
    return settings(max_examples=short, suppress_health_check=[HealthCheck.too_slow])


D = [date(2013, m, 1) for m in range(1, 13)] + [date(2014, m, 1) for m in range(1, 13)]


def _rich(low_moss: Partnership) -> Partnership:
    """Low Moss taken on past its pilot, through every command the partnership has, to
    commissioning: its history holds every event type."""
    p = low_moss
    p = p.link("tps", "sacro", "refers-to", on=D[0], weight=4.5, pre_existing=True, note="n")
    p = p.link("ns-cja", "tps", "funds", on=D[0])
    p = p.suspend("action-for-children", on=D[0], reason="missed three meetings")
    p = p.unlink("tps", "sacro", "refers-to", on=D[1])
    # open vocabularies: a link kind of your own, defined
    p = p.link("tps", "sacro", psp.Term("acme:mentors"), on=D[1])
    p = p.define_link_kind(
        psp.Term("acme:mentors"), label="mentors", inverse_label="is mentored by", on=D[1]
    )
    p = p.change_roles("sacro", {"provider", "support"}, on=D[1])
    p = p.leave("action-for-children", on=D[1], reason="looser fit with the service")
    p = p.suspend("sacro", on=D[1])
    p = p.leave_seat("rfb", "critical-friend", on=D[1])
    p = p.name_representative("tps", "Ann Reid", on=D[1], title="Chief Officer", can_decide=True)
    p = p.name_representative("sacro", "Bo Kerr", on=D[1])
    p = p.stand_down_representative("sacro", "Bo Kerr", on=D[2])
    p = p.reinstate("sacro", on=D[2])
    p = p.take_seat("rfb", "observer", on=D[2])
    p = p.record_reimbursement("sacro", "accepted", on=D[2])
    p = p.select_lead("tps", on=D[2], method="competition", by={"ns-cja"}, alternatives={"sacro"})
    p = p.record_contribution("sps", "secondment", on=D[2], value=40_000, description="an officer")
    p = p.declare_capabilities("rfb", {"analysis", "project-management"}, on=D[2], note="n")
    p = p.waive("cja-sign-off", granted_by="ns-cja", on=D[2], reason="signed late", until=D[9])
    mou = p.mous()[0]
    p = p.amend_mou(mou.amended(on=D[2], values={"mutual-respect-and-trust"}))
    p = p.sign_mou(mou.id, mou.signatories[0].person, on=D[3])
    p = p.withdraw_waiver("cja-sign-off", on=D[3], reason="signed after all")
    p = p.withdraw_bid("pilot-big-lottery", on=D[3], reason="the fund closed")
    c2 = psp.SustainabilityCommitment(id="c2", by="glasgow-cc", measures=[], conditions=[])
    c3 = psp.SustainabilityCommitment(id="c3", by="sps")
    p = p.seek_commitment(c2, on=D[3]).decline_commitment("c2", on=D[3], reason="no budget")
    p = p.seek_commitment(c3, on=D[3]).give_commitment("c3", on=D[3])
    gg_chair = psp.Post("gg-chair", "chair", group="governance-group", title="Chair")
    p = p.establish_post(gg_chair, on=D[3]).fill_post(
        "gg-chair", "Ann Reid", on=D[3], partner="tps"
    )
    p = p.raise_risk("r1", "Referrals fall short", on=D[3], raised_by="tps", owner="ns-cja")
    p = p.record_difference("d1", "Data sharing", ["tps", "sps"], on=D[3])
    p = p.vacate_post("gg-chair", on=D[4], reason="stood down")
    p = p.review_risk("r1", on=D[4], rating=psp.Rating(2, 4), owner="tps", mitigation="Check-ins")
    p = p.close_risk("r1", on=D[4], reason="passed").resolve_difference("d1", "A protocol", on=D[4])
    p = p.lapse_commitment("c3", on=D[4], reason="spending review")
    year = psp.Period(D[4], D[4] + timedelta(days=365))
    p = p.set_output_target("served", "people-served", 400, period=year, on=D[4], unit="people")
    p = p.record_output("served", 95, period=psp.Period(D[4], D[4] + timedelta(days=91)), on=D[4])
    p = p.identify_benefit("scot-gov", on=D[4], cashable=True, estimate=30_000, basis="fewer A&E")
    answer = psp.RelationalAnswer(about="sps", reliability=4, power=3, frequency="about-monthly")
    p = p.record_relational_response("tps", [answer], wave_id="year-1", on=D[4])
    p = p.set_budget("staff", 40_000, period=year, on=D[4]).set_budget(
        psp.Term("acme:travel"), 0, period=year, on=D[4]
    )
    p = p.record_spend("staff", 9_500, on=D[4]).record_spend(
        "consultants", 800, on=D[4], period=year
    )
    dev = psp.Stream("dev", "Development", "development", deadline=D[4], amount=500_000)
    shares = [psp.FunderShare("scot-gov", 7_500_000)]
    p = p.record_fund(
        psp.Fund("cf", "CF", funders={"scot-gov"}, shares=shares, streams=[dev]), on=D[4]
    )
    bid = psp.Bid(id="dev-1", funder="scot-gov", purpose="development", drafted_on=D[4], fund="cf")
    p = p.draft_bid(attrs.evolve(bid, stream="dev")).submit_bid("dev-1", on=D[4])
    p = p.decide_bid("dev-1", on=D[4], awarded=True, amount=40_000)
    # payments and reporting obligations (issue 17, item 3): illustrative figures
    p = p.plan_payment("sg-1", "pilot-scot-gov", 50_000, due=D[5], on=D[4])
    p = p.record_payment("sg-paid-1", "pilot-scot-gov", 50_000, on=D[4], planned_id="sg-1")
    p = p.require_report("sg-report-1", "pilot-scot-gov", "progress report", due=D[6], on=D[4])
    p = p.receive_report("sg-report-1", on=D[4])
    commitment = p.commitment("cja-commitment")
    p = p.record_result(commitment.id, commitment.measures[0].name, 41.0, on=D[4])
    p = p.resolve_condition(commitment.id, commitment.conditions[0].name, True, on=D[4])
    p = p.step(Step.START_REVIEW, on=D[5]).partnership
    p = p.plan_tender(psp.Tender(id="t0", commissioner="glasgow-cc", title="Spare"), on=D[5])
    p = p.end_tender("t0", "cancelled", on=D[5], reason="merged")
    p = p.plan_tender(
        psp.Tender(id="t1", commissioner="ns-cja", title="Throughcare", value=900_000), on=D[5]
    )
    p = p.open_tender("t1", on=D[6]).receive_tender("t1", "tps", on=D[6])
    p = p.award_tender("t1", "tps", on=D[7], value=850_000)
    # payments under an awarded tender's contract (issue 17, item 6): illustrative figures
    p = p.record_contract_payment("t1-paid-1", "t1", 200_000, on=D[7], note="first quarter")
    return p.step(Step.COMMISSION, on=D[8]).partnership


@pytest.fixture(scope="session")
def rich(low_moss: Partnership) -> Partnership:
    """A commissioned partnership whose history holds every kind of event."""
    return _rich(low_moss)


def walk(obj: Any, out: dict[type, list[Any]]) -> None:
    """Collect every psp object reachable from ``obj`` through its public fields."""
    if attrs.has(type(obj)):
        out.setdefault(type(obj), []).append(obj)
        for a in attrs.fields(type(obj)):
            if not a.name.startswith("_"):
                walk(getattr(obj, a.name), out)
    elif isinstance(obj, Sequence | Set) and not isinstance(obj, str):
        for item in obj:
            walk(item, out)
    elif isinstance(obj, Mapping):
        for item in obj.values():
            walk(item, out)


def views(p: Partnership) -> list[Any]:
    """What a partnership's queries hand out: psp objects of the derived kinds."""
    return [
        p.memberships,
        p.seats,
        p.representatives,
        p.suspensions,
        p.post_holders(),
        p.risks(),
        p.differences(),
        p.links,
        p.bids(),
        p.commitments(),
        p.tenders(),
        p.mous(),
        p.findings(),
        p.funding_mix(),
        p.sector_balance(),
        p.representative_continuity(),
        p.waivers(),
        p.planned_payments(),
        p.payments(),
        p.reports(),
        p.contract_payments(),
    ]


@pytest.fixture(scope="session")
def corpus(rich: Partnership) -> tuple[tuple[type, Any], ...]:
    """(class, valid instance) pairs, at least one for every public attrs class."""
    cadence = psp.Cadence(2, "weeks", 3)
    stream = psp.Stream("y1", "Year 1", "pilot", opens=D[0], deadline=D[2])
    other = Partnership("other", "Another PSP").join(
        Partner("tps2", "TPS two", "third"), on=D[0], roles={"lead"}
    )
    extras = [
        rich,
        views(rich),
        psp.Portfolio("fund", "A fund's portfolio", [rich, other]),
        psp.Fund("rrcf", "RRCF", funders={"scot-gov"}, streams=[stream]),
        cadence.check([D[0], D[3]], D[0], D[6]),
        psp.Problem("$.history[0]", "is wrong"),
        other.step(Step.CLOSE, on=D[1], reason="merged"),
        psp.Policy.rrcf().check(other),
        psp.Survey(
            "pulse",
            "A pulse survey",
            [psp.Statement("trust", "trust", "There is trust", psp.Tally(agree=3, neither=1))],
            respondents=4,
        ),
        psp.Share(49, 56),
        psp.BudgetVariance("staff", 40_000, 9_500),
        psp.RespondentSurvey(
            "pulse-by-respondent",
            "A pulse survey, by respondent",
            [psp.Statement("trust", "trust", "There is trust")],
            scale=psp.Scale(["no", "maybe", "yes"], scores=[0, 1, 2], dont_know=None),
            respondents=[psp.Respondent("r1", sector="third", role="lead"), psp.Respondent("r2")],
            waves=[psp.Wave("y1", D[0]), psp.Wave("y2", D[1], note="illustrative")],
            replies=[psp.Reply("r1", "y1", {"trust": "yes"}), psp.Reply("r2", "y2", {})],
        ),
        psp.Distribution(psp.Scale.five_point(), [1, 2, 3, 4, 5], dont_know=1),
        psp.counts_from_percentages([50, 50], 111),
        psp.graph_diff(rich, D[0], None, parts=True),
        cadence,
    ]
    found: dict[type, list[Any]] = {}
    walk(extras, found)
    return tuple((cls, obj) for cls, objs in found.items() for obj in objs[:3])
