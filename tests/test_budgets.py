"""Budgets and spend (issue 17, item 2): budget lines by period and category, revised by
setting them again; spend against a period given or the period containing its day;
shares of a total, exact; over- and under-spend by category; and the opt-in rule that a
commissioning decision needs a budget covering its day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    BudgetCategory,
    BudgetVariance,
    InvalidValueError,
    Partner,
    Partnership,
    Period,
    Policy,
    RuleViolationError,
    Share,
    Term,
    TransitionRefusedError,
)

D = date(2012, 10, 1)
YEAR = Period(D, date(2013, 4, 1))  # the development funding: October 2012 to March 2013
NEXT = Period(date(2013, 4, 1), date(2014, 4, 1))
TRAVEL = Term("acme:travel")


def base(policy: Policy | None = None) -> Partnership:
    return (
        Partnership("p", "P", policy=policy or Policy())
        .join(Partner("lead", "Lead", "third"), roles={"lead"}, on=D)
        .join(Partner("cja", "CJA", "public", public_body_kind="cja"), on=D)
    )


class TestBudgets:
    def test_the_line_set_last_for_a_period_and_category_is_in_force(self) -> None:
        p = base().set_budget("staff", 30_000, period=YEAR, on=D)
        p = p.set_budget("consultants", 5_000, period=YEAR, on=D)
        later = D + timedelta(days=30)
        q = p.set_budget("staff", 26_000, period=YEAR, on=later, note="post filled late")
        assert q.budget(YEAR) == {BudgetCategory.STAFF: 26_000, BudgetCategory.CONSULTANTS: 5_000}
        assert q.budget(YEAR, on=D) == {"staff": 30_000, "consultants": 5_000}
        assert q.budget_total(YEAR) == 31_000
        assert q.budget(NEXT) == {}
        assert q.budget_total(NEXT) == 0
        assert [(b.category, b.amount) for b in q.budgets()] == [
            ("staff", 26_000),
            ("consultants", 5_000),
        ]
        assert len(q.budgets(on=D - timedelta(days=1))) == 0

    def test_categories_come_in_one_order_terms_last(self) -> None:
        p = base().set_budget(TRAVEL, 100, period=YEAR, on=D)
        p = p.set_budget("programme-resources", 200, period=YEAR, on=D)
        p = p.set_budget("staff", 300, period=YEAR, on=D)
        assert list(p.budget(YEAR)) == ["staff", "programme-resources", "acme:travel"]

    def test_shares_are_exact_and_sum_to_one(self) -> None:
        p = base().set_budget("staff", 2, period=YEAR, on=D)
        p = p.set_budget("consultants", 1, period=YEAR, on=D)
        shares = p.budget_shares(YEAR)
        assert shares == {"staff": Share(2, 3), "consultants": Share(1, 3)}
        assert [s.percent for s in shares.values()] == [67, 33]
        assert sum(s.fraction for s in shares.values()) == 1

    def test_a_budget_of_nothing_has_no_shares(self) -> None:
        p = base().set_budget("staff", 0, period=YEAR, on=D)
        assert p.budget(YEAR) == {"staff": 0}
        assert p.budget_shares(YEAR) == {}

    def test_a_category_of_ones_own_but_not_a_misspelling(self) -> None:
        assert base().set_budget(TRAVEL, 1, period=YEAR, on=D).budget(YEAR) == {"acme:travel": 1}
        with pytest.raises(InvalidValueError) as info:
            base().set_budget("travel", 1, period=YEAR, on=D)  # type: ignore[arg-type]
        assert info.value.code == "unknown-choice"
        assert info.value.reason.startswith("is not a budget category; expected one of: staff,")


class TestSpend:
    def test_spend_counts_against_its_period_or_the_days(self) -> None:
        p = base().set_budget("staff", 30_000, period=YEAR, on=D)
        p = p.record_spend("staff", 4_000, on=D + timedelta(days=31))
        p = p.record_spend("staff", 1_000, on=date(2013, 4, 2))  # in the next period
        p = p.record_spend("staff", 500, on=date(2013, 4, 3), period=YEAR, note="accrued")
        assert p.spend(YEAR) == {"staff": 4_500}
        assert p.spend(NEXT) == {"staff": 1_000}
        assert p.spend(YEAR, on=D + timedelta(days=31)) == {"staff": 4_000}
        assert [s.amount for s in p.spending(on=date(2013, 4, 2))] == [4_000, 1_000]

    def test_over_and_under_spend_by_category(self) -> None:
        p = base().set_budget("staff", 30_000, period=YEAR, on=D)
        p = p.set_budget("consultants", 5_000, period=YEAR, on=D)
        p = p.record_spend("staff", 32_500, on=D).record_spend(TRAVEL, 400, on=D)
        assert p.budget_variance(YEAR) == (
            BudgetVariance("staff", 30_000, 32_500),
            BudgetVariance("consultants", 5_000, 0),
            BudgetVariance(TRAVEL, None, 400),
        )
        assert [(v.remaining, v.overspent) for v in p.budget_variance(YEAR)] == [
            (-2_500, True),
            (5_000, False),
            (None, True),  # spent without a budget: shown as such
        ]
        assert p.spend_shares(YEAR) == {"staff": Share(32_500, 32_900), TRAVEL: Share(400, 32_900)}
        assert base().spend_shares(YEAR) == {}


class TestRefusals:
    def test_a_spend_is_of_at_least_a_pound(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            base().record_spend("staff", 0, on=D)
        assert str(info.value) == (
            "amount: must be a whole number of pounds from 1 to 1,000,000,000,000 (got 0)"
        )

    def test_totals_stay_within_a_trillion_pounds_and_nothing_changes(self) -> None:
        most = 10**12
        p = base().set_budget("staff", most, period=YEAR, on=D)
        with pytest.raises(RuleViolationError) as info:
            p.set_budget("consultants", 1, period=YEAR, on=D)
        assert info.value.code == "total-too-large"
        assert p.set_budget("staff", most - 1, period=YEAR, on=D).budget_total(YEAR) == most - 1
        q = p.record_spend("staff", most, on=D)
        with pytest.raises(RuleViolationError) as info:
            q.record_spend("staff", 1, on=D, period=NEXT)
        assert info.value.code == "total-too-large"
        assert q.spend(YEAR) == {"staff": most}
        assert q.spend(NEXT) == {}

    def test_a_period_must_be_a_period(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            base().budget("2012")  # type: ignore[arg-type]
        assert info.value.field == "period"
        with pytest.raises(InvalidValueError) as info:
            base().record_spend("staff", 1, on=D, period="2012")  # type: ignore[arg-type]
        assert info.value.field == "period"


#: Draws of (category, amount): the categories a few, so that some repeat.
CATEGORIES: list[BudgetCategory | Term] = [BudgetCategory.STAFF, BudgetCategory.CONSULTANTS, TRAVEL]
LINES = st.lists(
    st.tuples(st.sampled_from(CATEGORIES), st.integers(0, 10**6)),
    min_size=1,
    max_size=6,
)


class TestProperties:
    @settings(max_examples=40, deadline=None)
    @given(LINES)
    def test_shares_sum_to_one_exactly_whenever_there_is_a_total(
        self, lines: list[tuple[BudgetCategory | Term, int]]
    ) -> None:
        p = base()
        for category, amount in lines:
            p = p.set_budget(category, amount, period=YEAR, on=D)
        shares = p.budget_shares(YEAR)
        if p.budget_total(YEAR) == 0:
            assert shares == {}
        else:
            assert sum((s.fraction for s in shares.values()), Fraction(0)) == 1
            assert {s.total for s in shares.values()} == {p.budget_total(YEAR)}

    @settings(max_examples=40, deadline=None)
    @given(LINES, LINES)
    def test_over_and_under_spend_is_budget_minus_spend(
        self,
        budget: list[tuple[BudgetCategory | Term, int]],
        spend: list[tuple[BudgetCategory | Term, int]],
    ) -> None:
        p = base()
        for category, amount in budget:
            p = p.set_budget(category, amount, period=YEAR, on=D)
        for category, amount in spend:
            p = p.record_spend(category, amount + 1, on=D)
        last_set = dict(budget)  # a later line for a category revises the earlier
        for v in p.budget_variance(YEAR):
            spent = sum(a + 1 for c, a in spend if c == v.category)
            assert v.spent == spent
            if v.category in last_set:
                assert v.remaining == last_set[v.category] - spent
            else:
                assert (v.budgeted, v.remaining, v.overspent) == (None, None, True)
        assert {v.category for v in p.budget_variance(YEAR)} == {c for c, _ in budget + spend}

    @settings(max_examples=25, deadline=None)
    @given(st.sampled_from([-1, 10**12 + 1, "5", None, 1.5]), st.booleans())
    def test_a_refused_line_or_spend_leaves_nothing_behind(
        self, amount: object, spend: bool
    ) -> None:
        p = base().set_budget("staff", 10, period=YEAR, on=D)
        refused: Callable[[], Partnership] = (
            (lambda: p.record_spend("staff", amount, on=D))  # type: ignore[arg-type]
            if spend
            else (lambda: p.set_budget("staff", amount, period=YEAR, on=D))  # type: ignore[arg-type]
        )
        with pytest.raises(psp.PSPError):
            refused()
        assert p.version == len(p.history)
        assert p.budget(YEAR) == {"staff": 10}
        assert p.spending() == ()


class TestTheCommissioningRule:
    """``budget_before_commissioning``: off by default; on, a commissioning decision
    needs a budget whose period covers its day (``budget-uncovered``), waivable."""

    @staticmethod
    def policy(budget_before_commissioning: bool) -> Policy:
        """Every other guard of the steps to commissioning off."""
        return Policy(
            mou_before_pilot=False,
            pilot_award_before_pilot=False,
            design_approval_before_pilot=False,
            measures_before_review=False,
            conditions_before_commissioning=False,
            tender_before_commissioning=False,
            budget_before_commissioning=budget_before_commissioning,
        )

    def reviewed(self, policy: Policy) -> Partnership:
        p = base(policy).step("start-design", on=D).partnership
        return p.step("start-pilot", on=D).partnership.step("start-review", on=D).partnership

    def test_off_by_default(self) -> None:
        assert Policy().budget_before_commissioning is False
        p = self.reviewed(self.policy(budget_before_commissioning=False))
        assert p.blockers("commission") == ()

    def test_refuses_commissioning_without_a_budget_covering_the_day(self) -> None:
        policy = self.policy(budget_before_commissioning=True)
        p = self.reviewed(policy)
        with pytest.raises(TransitionRefusedError) as info:
            p.step("commission", on=D)
        assert [(f.rule, f.message) for f in info.value.findings] == [
            ("budget-uncovered", "no budget covers the day commissioned (2012-10-01)")
        ]
        # A budget of nothing covers nothing; one for another period neither.
        q = p.set_budget("staff", 0, period=YEAR, on=D).set_budget("staff", 9, period=NEXT, on=D)
        assert [f.rule for f in q.blockers("commission")] == ["budget-uncovered"]
        covered = q.set_budget("staff", 9, period=YEAR, on=D)
        assert covered.step("commission", on=D).partnership.stage is psp.Stage.COMMISSIONED

    def test_the_rule_is_waivable(self) -> None:
        policy = self.policy(budget_before_commissioning=True)
        p = self.reviewed(policy).waive("budget-uncovered", granted_by="cja", on=D, reason="ok")
        assert policy.waivable("budget-uncovered")
        assert p.blockers("commission") == ()
        assert p.step("commission", on=D).partnership.stage is psp.Stage.COMMISSIONED


class TestThePolicySettingInDocuments:
    def test_written_only_when_set_so_older_documents_stay_as_they_were(self) -> None:
        assert "budget_before_commissioning" not in psp.to_data(Policy())
        on = Policy(budget_before_commissioning=True)
        data = psp.to_data(on)
        assert data["budget_before_commissioning"] is True
        assert psp.from_data(data, Policy) == on
        assert psp.from_document(psp.to_document(on)) == on
