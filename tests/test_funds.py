"""Funds and streams in use (issue 17, item 1): a fund with several funders and their
shares, bids that name a recorded fund's streams and funders, the policy's stream rules
at submission, and what each fund and stream has awarded and what remains."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    Bid,
    Fund,
    FunderShare,
    FundingPurpose,
    Partner,
    Partnership,
    Policy,
    PSPError,
    Severity,
    Stream,
)

from .test_tables import assert_rows

D0, D1, D2, D3 = date(2012, 8, 1), date(2012, 10, 1), date(2013, 1, 31), date(2013, 3, 1)
SG = Partner("sg", "Scottish Government", "public", public_body_kind="other")
RT = Partner("rt", "The Robertson Trust", "third")
DMG = Partner("dmg", "Decision Making Group", "public", public_body_kind="other")
LEAD = Partner("lead", "Lead", "third")
DEV = Stream("dev", "Development", "development", amount=600_000)
DELIVERY = Stream("delivery", "Delivery", "delivery", opens=D1, deadline=D2)
FUND = Fund(
    "cf",
    "Change Fund",
    funders={"sg", "rt"},
    shares=[FunderShare("sg", 7_500_000), FunderShare("rt", 2_000_000)],
    decided_by="dmg",
    streams=[DEV, DELIVERY],
)


def known(policy: Policy | None = None) -> Partnership:
    """A partnership that knows the funders and the deciding body, and the fund."""
    p = Partnership("p", "P", policy=policy or Policy()).join(LEAD, on=D0, roles={"lead"})
    for o in (SG, RT, DMG):
        p = p.add_organisation(o, on=D0)
    return p.record_fund(FUND, on=D0)


KNOWN = known()
KNOWN_DATA = psp.to_data(KNOWN)


def bid(bid_id: str = "b1", **details: Any) -> Bid:
    fields: dict[str, Any] = {
        "funder": "sg",
        "purpose": "delivery",
        "drafted_on": D1,
        "fund": "cf",
        "stream": "delivery",
    }
    return Bid(id=bid_id, **{**fields, **details})


def awarded(p: Partnership, b: Bid, amount: int | None, on: date = D1) -> Partnership:
    p = p.draft_bid(b).submit_bid(b.id, on=on)
    return p.decide_bid(b.id, on=on, awarded=True, amount=amount)


class TestFund:
    def test_a_fund_keeps_what_each_funder_put_in_and_adds_it_up(self) -> None:
        assert FUND.share("sg") == 7_500_000
        assert FUND.amount == 9_500_000
        unknown = Fund("f", "F", funders={"sg", "rt"}, shares=[FunderShare("sg", 5)])
        assert (unknown.share("rt"), unknown.amount) == (None, None)  # rt's share unknown
        assert Fund("f", "F").amount is None  # no funders: nothing known

    def test_a_fund_takes_bids_to_its_funders_and_deciding_body(self) -> None:
        assert FUND.takes_bids_from("sg")
        assert FUND.takes_bids_from("dmg")
        assert not FUND.takes_bids_from("lead")
        assert Fund("f", "F").takes_bids_from("anyone")  # names neither: takes any

    def test_earlier_constructor_calls_still_work(self) -> None:
        fund = Fund("rrcf", "RRCF", funders={"sg"}, streams=[Stream("s", "S", "pilot")])
        assert (fund.shares, fund.decided_by, fund.streams[0].amount) == ((), None, None)


class TestRecordedFunds:
    def test_a_recorded_fund_is_known_from_its_day(self) -> None:
        p = known()
        assert p.funds() == (FUND,)
        assert p.fund("cf") == FUND
        assert p.fund_recorded_on("cf") == D0
        assert p.funds(on=D0 - timedelta(days=1)) == ()

    def test_a_bid_to_the_deciding_body_is_taken(self) -> None:
        p = known().draft_bid(bid(funder="dmg")).submit_bid("b1", on=D1)
        assert p.bid("b1").status.value == "submitted"

    def test_a_bid_naming_a_fund_nobody_recorded_is_taken_as_before(self) -> None:
        p = known().draft_bid(bid(fund="other", stream="anything", purpose="pilot"))
        assert p.submit_bid("b1", on=D3).bid_findings() == ()

    def test_a_fund_with_no_streams_takes_a_bid_naming_none(self) -> None:
        p = known().record_fund(Fund("bare", "Bare", funders={"sg"}), on=D0)
        p = p.draft_bid(bid(fund="bare", stream=None)).submit_bid("b1", on=D1)
        assert p.bid_findings() == ()
        with pytest.raises(PSPError) as info:
            known().record_fund(Fund("bare", "Bare"), on=D0).draft_bid(bid(fund="bare"))
        assert info.value.code == "unknown-stream"

    def test_the_fund_and_its_bids_read_back_from_data(self) -> None:
        p = awarded(known(), bid(), 50_000)
        assert psp.from_data(psp.to_data(p), Partnership) == p
        assert psp.from_document(psp.to_document(p)) == p


class TestStreamRules:
    def test_a_bid_for_a_purpose_its_stream_does_not_fund_is_refused(self) -> None:
        p = known().draft_bid(bid(stream="dev"))
        with pytest.raises(psp.RuleViolationError) as info:
            p.submit_bid("b1", on=D1)
        assert info.value.code == "stream-purpose"
        assert "Development of Change Fund funds development only" in info.value.reason

    def test_a_waiver_lets_it_be_submitted_and_the_finding_is_kept(self) -> None:
        p = known().waive("stream-purpose", granted_by="dmg", on=D1, reason="agreed")
        p = p.draft_bid(bid(stream="dev")).submit_bid("b1", on=D1)
        (finding,) = p.bid_findings("b1")
        assert (finding.rule, finding.severity, finding.subject) == (
            "stream-purpose",
            Severity.BREACH,
            "b1",
        )
        assert finding.waiver is not None
        assert not finding.blocking

    def test_a_late_or_early_bid_is_recorded_with_a_warning(self) -> None:
        late = known().draft_bid(bid()).submit_bid("b1", on=D2 + timedelta(days=1))
        early = known().draft_bid(bid(drafted_on=D0)).submit_bid("b1", on=D0)
        assert [f.message for f in late.bid_findings()] == [
            "bid b1 is submitted on 2013-02-01, after the deadline of Delivery (2013-01-31)"
        ]
        assert [f.message for f in early.bid_findings()] == [
            "bid b1 is submitted on 2012-08-01, before Delivery opens (2012-10-01)"
        ]
        assert late.bid_findings()[0].severity is Severity.WARNING
        assert known().draft_bid(bid()).submit_bid("b1", on=D2).bid_findings() == ()

    def test_the_policy_switches_the_rules_off(self) -> None:
        off = Policy(bid_purpose_in_stream=False, bid_within_stream_dates=False)
        p = known(off).draft_bid(bid(stream="dev", purpose="pilot"))
        assert p.submit_bid("b1", on=D3).bid_findings() == ()

    @settings(max_examples=40, deadline=None)
    @given(
        purpose=st.sampled_from(FundingPurpose),
        opens=st.none() | st.integers(-20, 20),
        deadline=st.none() | st.integers(-20, 20),
        waived=st.booleans(),
    )
    def test_findings_exactly_when_the_dates_and_purposes_say(
        self, purpose: FundingPurpose, opens: int | None, deadline: int | None, waived: bool
    ) -> None:
        day = D1 + timedelta(days=30)
        opening = None if opens is None else day + timedelta(days=opens)
        closing = None if deadline is None else day + timedelta(days=deadline)
        if opening and closing and closing < opening:
            opening, closing = closing, opening
        stream = Stream("s", "S", "delivery", opens=opening, deadline=closing)
        p = known().record_fund(Fund("f", "F", funders={"sg"}, streams=[stream]), on=D0)
        if waived:
            p = p.waive("stream-purpose", granted_by="dmg", on=D1, reason="agreed")
        p = p.draft_bid(bid(fund="f", stream="s", purpose=purpose))
        wrong_purpose = purpose is not FundingPurpose.DELIVERY
        out_of_dates = (opening is not None and day < opening) or (
            closing is not None and day > closing
        )
        if wrong_purpose and not waived:
            with pytest.raises(psp.RuleViolationError):
                p.submit_bid("b1", on=day)
            return
        rules = [f.rule for f in p.submit_bid("b1", on=day).bid_findings()]
        expected = ["stream-purpose"] * wrong_purpose + ["stream-dates"] * out_of_dates
        assert rules == expected

    @settings(max_examples=40, deadline=None)
    @given(
        stream=st.sampled_from(["dev", "delivery", "other", None]),
        funder=st.sampled_from(["sg", "rt", "dmg", "lead"]),
        purpose=st.sampled_from(FundingPurpose),
        on=st.integers(-90, 200).map(lambda days: D1 + timedelta(days=days)),
    )
    def test_a_refused_bid_leaves_the_partnership_unchanged(
        self, stream: str | None, funder: str, purpose: FundingPurpose, on: date
    ) -> None:
        before = KNOWN
        code = None
        try:
            after = before.draft_bid(bid(stream=stream, funder=funder, purpose=purpose))
            after = after.submit_bid("b1", on=max(on, D1))
        except PSPError as e:
            code = e.code
        else:
            assert after.bid("b1").status.value == "submitted"
        assert code in {None, "unknown-stream", "not-a-fund-funder", "stream-purpose"}
        assert psp.to_data(before) == KNOWN_DATA
        assert len(before.history) == 6
        assert before.bids() == ()


class TestFundAwards:
    def test_what_each_fund_and_stream_awarded_and_what_remains(self) -> None:
        p = awarded(known(), bid("b1", stream="dev", purpose="development"), 400_000)
        p = awarded(p, bid("b2"), None)
        q = Partnership("q", "Q").add_organisation(SG, on=D0)
        q = awarded(q, bid("b3", stream="dev", purpose="development"), 100_000)
        portfolio = psp.Portfolio("rrcf", "RRCF", [p, q])
        rows = {r["stream"]: r for r in psp.fund_awards(portfolio)}
        fund, dev, delivery = rows[None], rows["dev"], rows["delivery"]
        assert (fund["available"], fund["awarded"], fund["remaining"]) == (9_500_000, 500_000, None)
        assert [a["bid"] for a in fund["unknown"]] == ["b2"]
        assert (dev["available"], dev["awarded"], dev["remaining"]) == (600_000, 500_000, 100_000)
        assert [(a["partnership"], a["bid"]) for a in dev["awards"]] == [("p", "b1"), ("q", "b3")]
        assert (delivery["available"], delivery["remaining"]) == (None, None)

    def test_a_fund_may_be_given_and_agrees_with_the_recorded_one(self) -> None:
        q = awarded(Partnership("q", "Q").add_organisation(SG, on=D0), bid(), 10)
        assert psp.fund_awards(q) == []  # nobody recorded it
        (row, *_) = psp.fund_awards(q, funds=[FUND])
        assert (row["awarded"], row["remaining"]) == (10, 9_499_990)
        assert psp.fund_awards(known(), funds=[FUND])[0]["fund"] == "cf"

    @settings(max_examples=30, deadline=None)
    @given(
        shares=st.lists(st.none() | st.integers(0, 10**6), min_size=1, max_size=3),
        available=st.none() | st.integers(0, 10**6),
        awards=st.lists(st.none() | st.integers(1, 10**6), max_size=4),
    )
    def test_awarded_and_remaining_add_up_to_what_is_available(
        self, shares: list[int | None], available: int | None, awards: list[int | None]
    ) -> None:
        funders = ["sg", "rt", "dmg"][: len(shares)]
        stream = Stream("s", "S", "pilot", amount=available)
        fund = Fund(
            "f",
            "F",
            funders=funders,
            shares=[FunderShare(f, a) for f, a in zip(funders, shares, strict=True)],
            streams=[stream],
        )
        p = KNOWN.record_fund(fund, on=D0)
        for k, amount in enumerate(awards):
            p = awarded(p, bid(f"b{k}", fund="f", stream="s", purpose="pilot"), amount)
        rows = [r for r in psp.fund_awards(p, funds=[fund]) if r["fund"] == "f"]
        assert [r["stream"] for r in rows] == [None, "s"]
        for row in rows:
            assert row["awarded"] == sum(a["amount"] or 0 for a in row["awards"])
            assert len(row["awards"]) + len(row["unknown"]) == len(awards)
            if row["available"] is not None and row["remaining"] is not None:
                assert row["awarded"] + row["remaining"] == row["available"]
            assert (row["remaining"] is None) == (row["available"] is None or None in awards)


def test_the_tables_of_funds_streams_and_awards_are_checked_as_every_other() -> None:
    p = awarded(KNOWN, bid("b1", stream="dev", purpose="development"), 400_000)
    p = p.draft_bid(bid("b2"))  # not awarded: no award row
    assert_rows(p)
    t = psp.tables(p)
    assert [(r["funder"], r["amount"]) for r in t.fund_shares] == [
        ("sg", 7_500_000),
        ("rt", 2_000_000),
    ]
    assert [(r["id"], r["purpose"]) for r in t.streams] == [
        ("dev", "development"),
        ("delivery", "delivery"),
    ]
    assert [(r["bid"], r["stream"], r["amount_awarded"]) for r in t.fund_awards] == [
        ("b1", "dev", 400_000)
    ]
    assert (t.funds[0]["amount"], t.funds[0]["recorded_on"]) == (9_500_000, D0)
