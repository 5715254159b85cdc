"""Payments and reporting obligations of awarded bids, and the officer's questions
(issue 17, item 3)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import Bid, Partner, Partnership, Period, Policy, Portfolio, PSPError
from psp.testing import partnerships
from psp.testing._payments import _payment_step

D0, D1, D2, D3 = date(2013, 4, 1), date(2013, 5, 1), date(2013, 6, 1), date(2013, 7, 1)
TRUST = Partner("trust", "A charitable trust", "third")
SG = Partner("sg", "Scottish Government", "public", public_body_kind="other")
TPS = Partner("tps", "Turning Point Scotland", "third")
EVER = Period(date.min, None)


def funded(policy: Policy | None = None, pid: str = "pilot") -> Partnership:
    """Bid ``b`` awarded 10,000 pounds by the trust on D1; bid ``open-ended`` awarded by
    SG with no amount recorded; bid ``asked`` submitted and undecided; bid ``no`` declined."""
    p = Partnership(pid, "A pilot", policy=policy or Policy())
    p = p.join(TPS, on=D0, roles={"lead"}).add_organisation(TRUST, on=D0)
    p = p.add_organisation(SG, on=D0)
    for bid_id, funder in (("b", "trust"), ("open-ended", "sg"), ("asked", "sg"), ("no", "sg")):
        p = p.draft_bid(Bid(id=bid_id, funder=funder, purpose="pilot", drafted_on=D0))
        p = p.submit_bid(bid_id, on=D0)
    p = p.decide_bid("b", on=D1, awarded=True, amount=10_000)
    p = p.decide_bid("open-ended", on=D1, awarded=True)
    return p.decide_bid("no", on=D1, awarded=False)


def refused(
    error: type[PSPError], code: str, command: Callable[[Partnership], Partnership], p: Partnership
) -> PSPError:
    """``command`` on ``p`` is refused with ``code``, and ``p`` reads as it did."""
    before = psp.to_data(p)
    with pytest.raises(error) as caught:
        command(p)
    assert caught.value.code == code
    assert psp.to_data(p) == before
    return caught.value


class TestPayments:
    """Only an awarded bid takes payments; they never pass its award unless allowed."""

    def test_a_schedule_is_planned_and_paid_against(self) -> None:
        p = funded().plan_payment("b-1", "b", 6_000, due=D2, on=D1)
        p = p.plan_payment("b-2", "b", 4_000, due=D3, on=D1)
        p = p.record_payment("m-1", "b", 6_000, on=D2, planned_id="b-1")
        assert [(x.id, x.due, x.amount) for x in p.planned_payments()] == [
            ("b-1", D2, 6_000),
            ("b-2", D3, 4_000),
        ]
        assert [(m.id, m.amount, m.paid_on, m.planned_id) for m in p.payments()] == [
            ("m-1", 6_000, D2, "b-1")
        ]

    @pytest.mark.parametrize(("bid", "status"), [("asked", "submitted"), ("no", "declined")])
    def test_a_bid_not_awarded_takes_no_payment_naming_its_status(
        self, bid: str, status: str
    ) -> None:
        p = funded()
        for command in (
            lambda q: q.plan_payment("x", bid, 5, due=D2, on=D2),
            lambda q: q.record_payment("x", bid, 5, on=D2),
            lambda q: q.require_report("x", bid, "accounts", due=D2, on=D2),
        ):
            error = refused(psp.RuleViolationError, "bid-not-awarded", command, p)
            assert f"is {status}" in error.reason

    def test_payments_made_never_pass_the_award(self) -> None:
        p = funded().record_payment("m-1", "b", 9_000, on=D2)
        error = refused(
            psp.RuleViolationError,
            "payment-exceeds-award",
            lambda q: q.record_payment("m-2", "b", 1_001, on=D2),
            p,
        )
        assert "10,001" in error.reason
        assert "10,000" in error.reason
        assert "9,000" in error.reason
        assert [m.amount for m in p.record_payment("m-2", "b", 1_000, on=D2).payments()] == [
            9_000,
            1_000,
        ]

    def test_a_schedule_never_plans_more_than_the_award(self) -> None:
        p = funded().plan_payment("b-1", "b", 6_000, due=D2, on=D1)
        refused(
            psp.RuleViolationError,
            "payment-exceeds-award",
            lambda q: q.plan_payment("b-2", "b", 4_001, due=D3, on=D1),
            p,
        )

    def test_a_policy_may_let_payments_pass_the_award(self) -> None:
        p = funded(Policy(payments_beyond_award=True))
        p = p.plan_payment("b-1", "b", 12_000, due=D2, on=D1).record_payment(
            "m-1", "b", 12_000, on=D2, planned_id="b-1"
        )
        (row, _) = p.paid_of_awarded()
        assert (row["paid"], row["remaining"], row["share"]) == (12_000, -2_000, Fraction(6, 5))

    def test_an_award_with_no_amount_sets_no_ceiling_and_shows_none(self) -> None:
        p = funded().record_payment("m-1", "open-ended", 10**9, on=D2)
        row = p.paid_of_awarded()[1]
        assert (row["bid_id"], row["awarded"], row["paid"]) == ("open-ended", None, 10**9)
        assert (row["remaining"], row["share"]) == (None, None)

    def test_a_payment_against_a_plan_keeps_within_it_and_its_bid(self) -> None:
        p = funded().plan_payment("b-1", "b", 6_000, due=D2, on=D1)
        p = p.record_payment("m-1", "b", 5_000, on=D2, planned_id="b-1")
        error = refused(
            psp.RuleViolationError,
            "payment-exceeds-plan",
            lambda q: q.record_payment("m-2", "b", 1_001, on=D2, planned_id="b-1"),
            p,
        )
        assert "(1,000 of 6,000 pounds)" in error.reason
        refused(
            psp.RuleViolationError,
            "plan-of-another-bid",
            lambda q: q.record_payment("m-2", "open-ended", 5, on=D2, planned_id="b-1"),
            p,
        )
        refused(
            psp.UnknownReferenceError,
            "unknown-payment",
            lambda q: q.record_payment("m-2", "b", 5, on=D2, planned_id="b-9"),
            p,
        )

    def test_ids_are_unique_within_their_kind(self) -> None:
        p = funded().plan_payment("x", "b", 5, due=D2, on=D1).record_payment("x", "b", 5, on=D1)
        p = p.require_report("x", "b", "accounts", due=D2, on=D1)
        for command in (
            lambda q: q.plan_payment("x", "b", 5, due=D2, on=D1),
            lambda q: q.record_payment("x", "b", 5, on=D1),
            lambda q: q.require_report("x", "b", "accounts", due=D2, on=D1),
        ):
            refused(psp.RuleViolationError, "id-taken", command, p)
        refused(
            psp.UnknownReferenceError,
            "unknown-bid",
            lambda q: q.plan_payment("y", "zz", 5, due=D2, on=D1),
            p,
        )


class TestReports:
    """A report is required of an awarded bid, received once; late if after its due date."""

    def test_a_report_is_received_once(self) -> None:
        p = funded().require_report("r-1", "b", "progress report", due=D2, on=D1)
        p = p.receive_report("r-1", on=D3)
        (report,) = p.reports()
        assert (report.what, report.due, report.required_on, report.received_on) == (
            "progress report",
            D2,
            D1,
            D3,
        )
        error = refused(
            psp.RuleViolationError,
            "already-received",
            lambda q: q.receive_report("r-1", on=D3),
            p,
        )
        assert "2013-07-01" in error.reason
        refused(
            psp.UnknownReferenceError,
            "unknown-report",
            lambda q: q.receive_report("r-9", on=D3),
            p,
        )


def schedule() -> Partnership:
    """Bid b: 6,000 due D2 (paid 2,000 on D2, 4,000 on D3: late), 4,000 due D3 (unpaid);
    a progress report due D2 received on D2 (on time), final accounts due D3 (not in)."""
    p = funded().plan_payment("b-1", "b", 6_000, due=D2, on=D1)
    p = p.plan_payment("b-2", "b", 4_000, due=D3, on=D1)
    p = p.require_report("r-1", "b", "progress report", due=D2, on=D1)
    p = p.require_report("r-2", "b", "final accounts", due=D3, on=D1)
    p = p.record_payment("m-1", "b", 2_000, on=D2, planned_id="b-1").receive_report("r-1", on=D2)
    return p.record_payment("m-2", "b", 4_000, on=D3, planned_id="b-1")


class TestQueries:
    """What is due in a period, what is late on a day, what has been paid of the award."""

    def test_the_obligations_stand_as_their_dates_say(self) -> None:
        rows = schedule().obligations(D3 + timedelta(days=10))
        assert [
            (r["kind"], r["id"], r["due"], r["done"], r["status"], r["days_late"]) for r in rows
        ] == [
            ("payment", "b-1", D2, D3, "late", 30),
            ("report", "r-1", D2, D2, "met", 0),
            ("payment", "b-2", D3, None, "overdue", 10),
            ("report", "r-2", D3, None, "overdue", 10),
        ]
        assert [(r["amount"], r["outstanding"], r["what"]) for r in rows] == [
            (6_000, 0, None),
            (None, None, "progress report"),
            (4_000, 4_000, None),
            (None, None, "final accounts"),
        ]
        assert {r["funder"] for r in rows} == {"trust"}

    def test_on_an_earlier_day_later_records_are_not_yet_known(self) -> None:
        rows = schedule().obligations(D2)
        assert [(r["id"], r["status"], r["outstanding"]) for r in rows] == [
            ("b-1", "open", 4_000),
            ("r-1", "met", None),
            ("b-2", "open", 4_000),
            ("r-2", "open", None),
        ]
        assert schedule().obligations(D0) == []

    def test_what_is_due_this_month_and_what_is_late(self) -> None:
        p = schedule()
        june, july = Period(D2, D3), Period(D3, date(2013, 8, 1))
        assert [r["id"] for r in p.obligations_due(june, on=D2)] == ["b-1"]
        assert p.obligations_due(june) == []  # b-1 met on D3, the last event
        assert [r["id"] for r in p.obligations_due(july)] == ["b-2", "r-2"]
        assert [(r["id"], r["status"]) for r in p.obligations_late(D3)] == [("b-1", "late")]
        late = p.obligations_late(date(2013, 7, 2))
        assert [(r["id"], r["status"]) for r in late] == [
            ("b-1", "late"),
            ("b-2", "overdue"),
            ("r-2", "overdue"),
        ]

    def test_paid_of_awarded_is_exact(self) -> None:
        p = funded().plan_payment("b-1", "b", 6_000, due=D2, on=D1)
        p = p.record_payment("m-1", "b", 3_333, on=D2, planned_id="b-1")
        rows = p.paid_of_awarded()
        assert [(r["bid_id"], r["funder"], r["awarded"], r["planned"]) for r in rows] == [
            ("b", "trust", 10_000, 6_000),
            ("open-ended", "sg", None, 0),
        ]
        assert (rows[0]["paid"], rows[0]["remaining"]) == (3_333, 6_667)
        assert rows[0]["share"] == Fraction(3_333, 10_000)
        assert [r["paid"] for r in p.paid_of_awarded(D1)] == [0, 0]
        assert p.paid_of_awarded(D0) == []  # nothing awarded yet

    def test_a_portfolio_answers_across_its_partnerships(self) -> None:
        other = funded(pid="other").require_report("r-1", "b", "accounts", due=D2, on=D1)
        portfolio = Portfolio("rrcf", "RRCF", partnerships=[schedule(), other])
        june = Period(D2, D3)
        due = psp.grants_due(portfolio, june, on=D2)
        assert [(r["partnership"], r["id"]) for r in due] == [("pilot", "b-1"), ("other", "r-1")]
        late = psp.grants_late(portfolio, date(2013, 7, 2))
        assert [(r["partnership"], r["id"]) for r in late] == [
            ("pilot", "b-1"),
            ("other", "r-1"),
            ("pilot", "b-2"),
            ("pilot", "r-2"),
        ]
        paid = psp.grants_paid(portfolio, on=D3)
        assert [(r["partnership"], r["bid_id"], r["paid"]) for r in paid] == [
            ("pilot", "b", 6_000),
            ("pilot", "open-ended", 0),
            ("other", "b", 0),
            ("other", "open-ended", 0),
        ]
        assert psp.grants_paid(schedule()) == schedule().paid_of_awarded()
        assert psp.grants_due(schedule(), EVER) == schedule().obligations_due(EVER)

    def test_the_portfolio_functions_take_a_partnership_or_a_portfolio(self) -> None:
        with pytest.raises(psp.InvalidValueError) as caught:
            psp.grants_late("pilot", D2)  # type: ignore[arg-type]
        assert caught.value.code == "wrong-type"
        with pytest.raises(psp.InvalidValueError):
            psp.grants_due(schedule(), (D2, D3))  # type: ignore[arg-type]


@st.composite
def _paying(draw: st.DrawFn) -> Partnership:
    """A generated partnership, then psp.testing's payment step a few more times than a
    history takes it."""
    p = draw(partnerships(max_organisations=3, max_steps=10))
    day = p.last_event_date or D0
    for _ in range(draw(st.integers(2, 12))):
        day += timedelta(days=draw(st.integers(0, 40)))
        with contextlib.suppress(PSPError):
            p = _payment_step(draw, p, (), day)
    return p


_AMOUNTS = st.lists(st.integers(1, 6_000), min_size=1, max_size=6)


class TestProperties:
    """Payments never pass the award unless allowed; obligations fall in exactly one
    state, as their dates say; a refusal leaves nothing behind."""

    @settings(max_examples=50, deadline=None)
    @given(_AMOUNTS, st.booleans())
    def test_payments_are_accepted_exactly_while_they_stay_within_the_award(
        self, amounts: list[int], allowed: bool
    ) -> None:
        p = funded(Policy(payments_beyond_award=allowed))
        accepted: list[int] = []
        for k, amount in enumerate(amounts):
            if allowed or sum(accepted) + amount <= 10_000:
                p = p.record_payment(f"m-{k}", "b", amount, on=D2)
                accepted.append(amount)
            else:
                with pytest.raises(psp.RuleViolationError, match="more than the 10,000 awarded"):
                    p.record_payment(f"m-{k}", "b", amount, on=D2)
        assert [m.amount for m in p.payments()] == accepted
        assert allowed or sum(accepted) <= 10_000

    @settings(max_examples=40, deadline=None)
    @given(_paying(), st.data())
    def test_generated_payments_stay_within_awards_and_obligations_partition(
        self, p: Partnership, data: st.DataObject
    ) -> None:
        for row in p.paid_of_awarded():
            if row["awarded"] is not None:
                assert row["paid"] <= row["awarded"]
                assert row["planned"] <= row["awarded"]
        days = sorted({e.on for e in p.history} | {D0})
        day = data.draw(st.sampled_from(days)) + timedelta(days=data.draw(st.integers(0, 40)))
        rows = p.obligations(day)
        keys = [(r["kind"], r["id"]) for r in rows]
        due = {(r["kind"], r["id"]) for r in p.obligations_due(EVER, on=day)}
        late = {(r["kind"], r["id"]) for r in p.obligations_late(day)}
        met = {(r["kind"], r["id"]) for r in rows if r["status"] == "met"}
        assert len(keys) == len(set(keys))
        assert due | late | met == set(keys)  # every obligation is due, late or met...
        assert not due & met
        assert not late & met
        for r in rows:
            if r["kind"] == "report":
                received = p.reports()[[x.id for x in p.reports()].index(r["id"])].received_on
                assert r["done"] == (received if received and received <= day else None)
            assert (r["done"] is None) == (r["status"] in ("open", "overdue"))
            if r["done"] is None:
                assert (r["status"] == "overdue") == (r["due"] < day)
            else:
                assert r["done"] <= day
                assert (r["status"] == "late") == (r["done"] > r["due"])
        known = {x.id for x in p.planned_payments() if x.planned_on <= day}
        assert {r["id"] for r in rows if r["kind"] == "payment"} == known
