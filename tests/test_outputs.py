"""Outputs and capacity, benefits and savings (issue 17, items 4-5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import OutputKind, Partner, Partnership, Period, PSPError, SustainabilityCommitment

D0, D1, D2 = date(2013, 4, 1), date(2013, 5, 1), date(2013, 6, 1)
YEAR = Period(date(2013, 6, 1), date(2014, 6, 1))
QUARTERS = tuple(
    Period(
        date(2013, 6, 1) + timedelta(days=91 * k), date(2013, 6, 1) + timedelta(days=91 * (k + 1))
    )
    for k in range(4)
)
AFTER = date(2014, 7, 1)  # every quarter has begun
TPS = Partner("tps", "Turning Point Scotland", "third", reach="national")
CJA = Partner("ns-cja", "North Strathclyde CJA", "public", public_body_kind="cja")
NHS = Partner("nhs-ggc", "NHS Greater Glasgow and Clyde", "public", public_body_kind="nhs-board")
SPS = Partner("sps", "Scottish Prison Service", "public", public_body_kind="prison-service")


def pilot() -> Partnership:
    """TPS (the lead) and the CJA members from D0; the NHS board and SPS known only."""
    p = Partnership("pilot", "A throughcare pilot")
    p = p.join(TPS, on=D0, roles={"lead", "provider"}).join(CJA, on=D0, roles={"strategic"})
    return p.add_organisation(NHS, on=D0).add_organisation(SPS, on=D0)


class TestTargets:
    def test_a_revision_replaces_the_target_from_the_day_it_is_set(self) -> None:
        p = pilot().set_output_target("served", "people-served", 300, period=YEAR, on=D1)
        p = p.set_output_target("served", OutputKind.PEOPLE_SERVED, 250, period=YEAR, on=D2)
        assert [t.target for t in p.output_targets()] == [250]
        assert [t.target for t in p.output_targets(D1)] == [300]
        assert p.output_targets(D0) == ()

    def test_each_period_has_its_own_target_and_kinds_of_your_own_count(self) -> None:
        p = pilot().set_output_target(
            "m", psp.Term("acme:peer-mentors"), 6, period=YEAR, on=D1, unit="pairs"
        )
        p = p.set_output_target("m", psp.Term("acme:peer-mentors"), 2, period=QUARTERS[0], on=D1)
        assert [(t.period, t.target, t.unit) for t in p.output_targets()] == [
            (YEAR, 6, "pairs"),
            (QUARTERS[0], 2, None),
        ]

    def test_an_actual_needs_a_target_and_a_period_begun(self) -> None:
        p = pilot()
        with pytest.raises(psp.UnknownReferenceError):
            p.record_output("served", 3, period=QUARTERS[0], on=AFTER)
        p = p.set_output_target("served", "people-served", 300, period=YEAR, on=D1)
        with pytest.raises(psp.RuleViolationError):
            p.record_output("served", 3, period=QUARTERS[1], on=QUARTERS[0].start)


class TestGap:
    def test_the_gap_counts_only_actuals_inside_the_period_and_recorded_by_then(self) -> None:
        p = pilot().set_output_target("served", "people-served", 300, period=YEAR, on=D1)
        p = p.set_output_target("served", "people-served", 60, period=QUARTERS[0], on=D1)
        p = p.record_output("served", 70, period=QUARTERS[0], on=QUARTERS[1].start)
        p = p.record_output(
            "served", 9, period=Period(D2), on=QUARTERS[1].start
        )  # open: in no closed period
        p = p.record_output("served", 40, period=QUARTERS[1], on=QUARTERS[2].start)
        assert p.output_gap("served", YEAR) == 300 - 70 - 40
        assert p.output_gap("served", YEAR, on=QUARTERS[1].start) == 300 - 70
        assert p.output_gap("served", QUARTERS[0]) == -10  # beyond the target
        assert p.output_gap("served", QUARTERS[1]) is None  # no target for that period
        assert p.output_gap("served", Period(D2)) is None
        assert [a.value for a in p.outputs("served", on=QUARTERS[1].start)] == [70, 9]

    def test_an_open_period_takes_every_actual_from_its_start(self) -> None:
        p = pilot().set_output_target("s", "sessions", 100, period=Period(D2), on=D1)
        p = p.record_output("s", 5, period=Period(D1, D2), on=D2)  # before the period
        p = p.record_output("s", 30, period=QUARTERS[0], on=AFTER)
        p = p.record_output("s", 8, period=Period(QUARTERS[3].start), on=AFTER)
        assert p.output_gap("s", Period(D2)) == 100 - 30 - 8
        assert p.output_rows() == [
            {
                "output_id": "s",
                "kind": "sessions",
                "unit": None,
                "start": "2013-06-01",
                "end": None,
                "target": 100,
                "actual": 38,
                "gap": 62,
            }
        ]


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 1000),
    st.lists(st.none() | st.integers(0, 300), min_size=4, max_size=4),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 200)), max_size=8),
)
def test_the_gap_is_the_target_minus_what_was_delivered_for_every_period(
    year_target: int, quarter_targets: list[int | None], actuals: list[tuple[int, int]]
) -> None:
    p = pilot().set_output_target("served", "people-served", year_target, period=YEAR, on=D1)
    for quarter, target in zip(QUARTERS, quarter_targets, strict=True):
        if target is not None:
            p = p.set_output_target("served", "people-served", target, period=quarter, on=D1)
    for k, value in actuals:
        p = p.record_output("served", value, period=QUARTERS[k], on=AFTER)
    assert p.output_gap("served", YEAR) == year_target - sum(v for _, v in actuals)
    for k, (quarter, target) in enumerate(zip(QUARTERS, quarter_targets, strict=True)):
        delivered = sum(v for q, v in actuals if q == k)
        assert p.output_gap("served", quarter) == (None if target is None else target - delivered)
    assert psp.from_data(psp.to_data(p), Partnership) == p


_ORGS = ("tps", "ns-cja", "nhs-ggc", "sps")


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from(_ORGS), max_size=6),
    st.sampled_from(["ns-cja", None]),
    st.booleans(),
)
def test_beneficiaries_not_members_are_exactly_those_not_members(
    benefiting: list[str], leaves: str | None, sps_joins: bool
) -> None:
    p = pilot()
    for who in benefiting:
        p = p.identify_benefit(who, on=D1, cashable=who != "nhs-ggc")
    if sps_joins:
        p = p.join("sps", on=D2)
    if leaves is not None:
        p = p.leave(leaves, on=D2)
    for day in (D1, D2):
        expected = [o for o in dict.fromkeys(benefiting) if not p.is_member(o, day)]
        assert [o.id for o in p.beneficiaries_not_members(day)] == expected
    assert [o.id for o in p.beneficiaries()] == list(dict.fromkeys(benefiting))


class TestBenefits:
    def test_a_benefit_names_any_known_organisation_with_what_is_known_of_it(self) -> None:
        p = pilot().identify_benefit(
            "nhs-ggc", on=D1, cashable=False, basis="fewer admissions", source="3.57"
        )
        p = p.identify_benefit("ns-cja", on=D2, cashable=True, estimate=40_000)
        benefit = p.benefits()[0]
        assert (benefit.partner_id, benefit.cashable, benefit.estimate) == ("nhs-ggc", False, None)
        assert (benefit.basis, benefit.source) == ("fewer admissions", "3.57")
        assert [b.partner_id for b in p.benefits(D1)] == ["nhs-ggc"]
        assert [o.id for o in p.beneficiaries(D1)] == ["nhs-ggc"]
        assert psp.from_data(psp.to_data(p), Partnership) == p

    def test_a_given_commitment_by_or_on_behalf_of_a_body_takes_it_off_the_list(self) -> None:
        p = pilot()
        for who in ("ns-cja", "nhs-ggc", "sps", "tps"):
            p = p.identify_benefit(who, on=D1, cashable=True)
        given = SustainabilityCommitment(id="c1", by="ns-cja", on_behalf_of={"sps"})
        sought = SustainabilityCommitment(id="c2", by="nhs-ggc")
        p = p.seek_commitment(given, on=D2).give_commitment("c1", on=D2)
        p = p.seek_commitment(sought, on=D2)
        assert [o.id for o in p.beneficiaries_without_commitment()] == ["nhs-ggc", "tps"]


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["served", "other-id", "Bad id"]),
    st.sampled_from(["people-served", "sessions", "nonsense"]),
    st.integers(-2, 5),
    st.sampled_from([QUARTERS[0], QUARTERS[3], "Q1"]),
)
def test_a_refused_output_command_leaves_nothing_behind(
    output_id: str, kind: str, value: int, period: object
) -> None:
    p = pilot().set_output_target("served", "people-served", 10, period=YEAR, on=D1)
    before = psp.to_data(p)
    attempts: list[Callable[[], Partnership]] = [
        lambda: p.set_output_target(output_id, kind, value, period=period, on=D2),  # type: ignore[arg-type]
        lambda: p.record_output(output_id, value, period=period, on=QUARTERS[1].start),  # type: ignore[arg-type]
        lambda: p.identify_benefit(output_id, on=D2, cashable=True, estimate=value),
    ]
    for attempt in attempts:
        try:
            q = attempt()
        except PSPError:
            pass
        else:
            assert q.version == p.version + 1
        assert psp.to_data(p) == before
        assert p.version == len(p.history)
