"""Rules a fund writes (psp.Rule in a Policy), the facts they are given, and waivers of a
rule for one partnership (issue 18, item 5)."""

from __future__ import annotations

import copy
import pickle
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import psp
from psp import (
    ConversionError,
    Facts,
    Finding,
    InvalidValueError,
    Partner,
    Partnership,
    Policy,
    PSPError,
    Role,
    Rule,
    RuleWaived,
    Sector,
    Severity,
    Stage,
    Step,
    TransitionRefusedError,
    Waiver,
)
from psp.testing import partnerships, policies

D0, D1, D2, D3 = date(2012, 9, 3), date(2012, 10, 1), date(2012, 11, 1), date(2013, 1, 1)
NHS = Partner("nhs", "An NHS board", "public", public_body_kind="nhs-board")
CJA = Partner("cja", "A CJA", "public", public_body_kind="cja")
CHARITY = Partner("c", "A charity", "third")
SG = Partner("scot-gov", "The Scottish Government", "public", public_body_kind="other")


# Module-level checks: a rule pickles with its check by reference.
def two_public(facts: Facts) -> str | None:
    count = facts.balance.count(Sector.PUBLIC)
    return None if count >= 2 else f"{count} public member(s); Fund X asks for two"


def always_met(facts: Facts) -> None:
    return None


def mou_named(facts: Facts) -> list[str]:
    return [] if facts.mous_signed_on else ["no MoU signed", "ask the lead for one"]


TWO_PUBLIC = Rule("fund-x:two-public", "breach", "two public members", two_public)
MET = Rule("fund-x:met", "warning", "always met", always_met)
PILOT_MOU = Rule("fund-x:mou", "breach", "an MoU", mou_named, steps={"start-pilot"})


def nhs_led(policy: Policy | None = None) -> Partnership:
    """3.58: an NHS board in effect leading a Change Fund PSP, the programme known."""
    return (
        Partnership(
            "p358", "An NHS-led PSP", focus={"substance-use"}, policy=policy or Policy.rrcf()
        )
        .join(NHS, roles={"lead", "strategic", "referral"}, on=D0)
        .join(CHARITY, roles={"provider"}, on=D0)
        .add_organisation(SG, on=D0)
    )


class TestRule:
    """A rule is a small frozen value: a namespaced code, a severity, a line, a check."""

    def test_a_code_is_namespaced_so_it_never_collides_with_psp_s_rules(self) -> None:
        assert Rule("fund-x:a", "breach", "d", always_met).code == "fund-x:a"
        for code in Finding.RULES:
            with pytest.raises(InvalidValueError) as e:
                Rule(code, "breach", "d", always_met)
            assert e.value.code == "rule-name-taken"
        assert all(":" not in code for code in Finding.RULES)

    @settings(max_examples=50)
    @given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,30}", fullmatch=True))
    def test_a_code_without_a_colon_is_refused(self, code: str) -> None:
        with pytest.raises(InvalidValueError) as e:
            Rule(code, "breach", "d", always_met)
        assert e.value.code in {"not-namespaced", "rule-name-taken"}
        assert Rule(f"{code}:x", "breach", "d", always_met).code == f"{code}:x"

    def test_its_repr_names_the_check_not_its_address(self) -> None:
        assert repr(TWO_PUBLIC) == (
            "Rule(code='fund-x:two-public', severity=<Severity.BREACH: 'breach'>, "
            "description='two public members', check=two_public, steps=frozenset())"
        )

    def test_it_is_frozen_and_compares_by_its_fields(self) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            TWO_PUBLIC.code = "x:y"  # type: ignore[misc]
        assert Rule("fund-x:two-public", "breach", "two public members", two_public) == TWO_PUBLIC
        assert Rule("fund-x:two-public", "breach", "two public members", always_met) != TWO_PUBLIC

    def test_a_check_need_not_be_hashable(self) -> None:
        class Check:
            __hash__ = None  # type: ignore[assignment]

            def __call__(self, facts: Facts) -> None:
                return None

        policy = Policy(rules=[Rule("fund-x:c", "breach", "d", Check())])
        assert hash(policy) == hash(attrs.evolve(policy))

    def test_a_policy_with_rules_pickles_and_copies(self) -> None:
        policy = Policy(rules=[TWO_PUBLIC, PILOT_MOU])
        assert pickle.loads(pickle.dumps(policy)) == policy
        assert copy.deepcopy(policy) is policy
        assert hash(policy) == hash(Policy(rules=[TWO_PUBLIC, PILOT_MOU]))


class TestOwnRules:
    """A fund's rule is checked beside psp's own, and refuses the steps it guards as a
    built-in breach does."""

    def test_a_composition_rule_is_reported_and_guards_start_design(self) -> None:
        p = (
            Partnership("p", "P", policy=Policy(rules=[TWO_PUBLIC, MET]))
            .join(CHARITY, roles={"lead"}, on=D0)
            .join(CJA, on=D0)
        )
        message = "1 public member(s); Fund X asks for two"
        expected = [Finding("fund-x:two-public", Severity.BREACH, message)]
        assert list(p.findings()) == expected
        assert list(p.policy.check(p)) == expected
        assert list(p.blockers("start-design")) == expected
        with pytest.raises(TransitionRefusedError) as e:
            p.step("start-design", on=D1)
        assert e.value.code == "guards-unmet"
        assert list(e.value.findings) == expected
        assert e.value.reason == f"cannot start-design from the forming stage: {message}"
        assert p.join(NHS, on=D1).step("start-design", on=D1).partnership.stage is Stage.DESIGN

    def test_a_rule_guarding_a_step_guards_only_that_step(self) -> None:
        p = (
            Partnership("p", "P", policy=Policy(rules=[PILOT_MOU], mou_before_pilot=False))
            .join(CHARITY, roles={"lead"}, on=D0)
            .join(CJA, on=D0)
        )
        assert p.findings() == ()
        designing = p.step("start-design", on=D0).partnership
        own = [f for f in designing.blockers("start-pilot") if f.rule == "fund-x:mou"]
        assert [(f.severity, f.message) for f in own] == [
            (Severity.BREACH, "no MoU signed"),
            (Severity.BREACH, "ask the lead for one"),
        ]
        assert "fund-x:mou" not in {f.rule for f in designing.blockers("close", reason="r")}

    def test_a_warning_rule_refuses_nothing(self) -> None:
        warn = Rule("fund-x:two", "warning", "two public members", two_public)
        p = (
            Partnership("p", "P", policy=Policy(rules=[warn]))
            .join(CHARITY, roles={"lead"}, on=D0)
            .join(CJA, on=D0)
        )
        result = p.step("start-design", on=D1)
        assert [f.rule for f in result.warnings] == ["fund-x:two"]

    def test_findings_come_breaches_then_warnings_whatever_the_order_of_the_rules(self) -> None:
        warn = Rule("fund-x:warn", "warning", "w", lambda f: "a warning")
        p = Partnership("p", "P", policy=Policy(rules=[warn, TWO_PUBLIC]))
        assert [f.rule for f in p.findings()] == [
            "lead-missing",
            "min-public-members",
            "min-third-members",
            "fund-x:two-public",
            "fund-x:warn",
        ]


def _generator(facts: Facts) -> Iterator[str]:
    yield "first"
    raise RuntimeError("midway")


class _Hostile:
    def __iter__(self) -> Iterator[str]:
        raise ValueError("no iterating me")

    def __repr__(self) -> str:
        raise ValueError("no repr either")


class TestAFailingCheck:
    """A check that raises or returns what is not documented is one finding of its rule,
    at its severity: it breaks no guard and changes nothing."""

    @pytest.mark.parametrize(
        ("returned", "said"),
        [
            (3, "returned 3, not None, a message or messages"),
            ([3], "returned 3 as a message, not text"),
            ([""], "returned '' as a message, not text"),
            ("  ", "returned '  ' as a message, not text"),
            (b"bytes", "returned b'bytes', not None, a message or messages"),
            ({"a": "b"}, "returned {'a': 'b'}, not None, a message or messages"),
        ],
    )
    def test_what_a_check_may_not_return(self, returned: object, said: str) -> None:
        check: Any = lambda facts: returned  # noqa: E731 - what no check should return
        rule = Rule("fund-x:odd", "breach", "odd", check)
        p = Partnership("p", "P").join(CHARITY, roles={"lead"}, on=D0).join(CJA, on=D0)
        findings = p.findings(Policy(rules=[rule]))
        assert list(findings) == [
            Finding("fund-x:odd", Severity.BREACH, f"the check of fund-x:odd {said}")
        ]

    @pytest.mark.parametrize(
        "check",
        [lambda facts: 1 // 0, _generator, lambda facts: _Hostile(), lambda facts: facts.nothing],
    )
    def test_a_check_that_raises_refuses_the_step_and_leaves_nothing_half_changed(
        self, check: Any
    ) -> None:
        rule = Rule("fund-x:bug", "breach", "a bug", check)
        p = (
            Partnership("p", "P", policy=Policy(rules=[rule]))
            .join(CHARITY, roles={"lead"}, on=D0)
            .join(CJA, on=D0)
        )
        before = psp.to_data(p)
        (finding,) = p.findings()
        assert finding.rule == "fund-x:bug"
        assert finding.severity is Severity.BREACH
        assert finding.message.startswith("the check of fund-x:bug failed (")
        with pytest.raises(TransitionRefusedError) as e:
            p.step("start-design", on=D1)
        assert [f.rule for f in e.value.findings] == ["fund-x:bug"]
        assert psp.to_data(p) == before
        assert p.stage is Stage.FORMING
        # The partnership still reads, its rule given, and is refused only where it was.
        assert psp.from_data(before, Partnership, rules=[rule]) == p

    def test_a_check_that_interrupts_is_not_swallowed(self) -> None:
        def interrupts(facts: Facts) -> None:
            raise KeyboardInterrupt

        rule = Rule("fund-x:stop", "breach", "stop", interrupts)
        with pytest.raises(KeyboardInterrupt):
            Partnership("p", "P").findings(Policy(rules=[rule]))


# -- the facts a rule is given -------------------------------------------------------


def _well_formed(facts: Facts, p: Partnership) -> None:
    """What psp promises of the facts it hands a rule."""
    assert type(facts) is Facts
    assert isinstance(facts.on, date)
    assert isinstance(facts.stage, Stage)
    members = p.members(facts.on)
    assert facts.lead is None or facts.lead in members
    assert facts.balance == psp.SectorBalance.of(members)
    assert facts.held_roles <= set(Role)
    assert facts.held_roles == frozenset().union(*(p.roles_of(m, facts.on) for m in members))
    assert (facts.lead is not None) == (Role.LEAD in facts.held_roles)
    for name in ("mous_signed_on", "bids", "commitments", "tenders"):
        assert type(getattr(facts, name)) is tuple
    for name in ("focus", "held_roles", "public_body_kinds", "design_approvals"):
        assert type(getattr(facts, name)) is frozenset
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        facts.lead = None  # type: ignore[misc]


class _Recorder:
    """A rule's check that keeps every facts it is given."""

    def __init__(self) -> None:
        self.seen: list[Facts] = []

    def __call__(self, facts: Facts) -> None:
        self.seen.append(facts)


@settings(max_examples=25, deadline=None)
@given(partnerships(max_steps=12), st.data())
def test_a_rule_never_sees_malformed_facts(p: Partnership, data: st.DataObject) -> None:
    recorder = _Recorder()
    composition = Rule("t:composition", "warning", "records", recorder)
    every_step = Rule("t:steps", "warning", "records", recorder, steps=set(Step))
    policy = attrs.evolve(p.policy, rules=[composition, every_step])
    # Replaying the history under the policy runs the rules at every step taken.
    q = Partnership(p.id, p.name, focus=p.focus, policy=policy, history=p.history)
    day = data.draw(st.sampled_from([e.on for e in p.history] or [D0]))
    q.findings(on=day)
    for step in Step:
        q.blockers(step)
    assert recorder.seen
    for facts in recorder.seen:
        _well_formed(facts, q)
    assert q.facts(day) == p.facts(day)


@settings(max_examples=15, deadline=None)
@given(partnerships(max_steps=8))
def test_a_rule_never_runs_on_data_that_does_not_read(p: Partnership) -> None:
    recorder = _Recorder()
    rule = Rule("t:records", "warning", "records", recorder)
    data = psp.to_data(attrs.evolve(p, policy=attrs.evolve(p.policy, rules=[rule])))
    data["history"] = [*data["history"], {"type": "member-joined", "on": "2099-01-01"}]
    with pytest.raises(ConversionError):
        psp.from_data(data, Partnership, rules=[rule])
    for facts in recorder.seen:  # only ever the facts of a valid partnership
        assert isinstance(facts.stage, Stage)


# -- rules in documents -------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(policies(), st.lists(st.sampled_from([TWO_PUBLIC, MET, PILOT_MOU]), unique=True))
def test_a_policy_with_rules_round_trips_given_its_rules(policy: Policy, rules: list[Rule]) -> None:
    with_rules = attrs.evolve(policy, rules=rules)
    data = psp.to_data(with_rules)
    assert data.get("rules", []) == [r.code for r in rules]  # by code, never by code's code
    given_rules = [PILOT_MOU, MET, TWO_PUBLIC]  # more than it names, in any order
    assert psp.from_data(data, Policy, rules=given_rules) == with_rules
    document = psp.to_document(with_rules)
    assert psp.from_document(document, Policy, rules=given_rules) == with_rules
    assert psp.check_document(document, rules=given_rules) == ()
    jsonschema.Draft202012Validator(psp.json_schema("policy")).validate(document)


def test_a_policy_without_rules_is_written_as_before() -> None:
    assert "rules" not in psp.to_data(Policy.rrcf())


def test_an_unknown_rule_code_is_refused_with_its_path() -> None:
    p = nhs_led(attrs.evolve(Policy.rrcf(), rules=[MET, TWO_PUBLIC]))
    document = psp.to_document(p)
    with pytest.raises(ConversionError) as e:
        psp.from_document(document, rules=[MET])
    assert [problem.path for problem in e.value.problems] == ["$.data.policy.rules[1]"]
    assert [p.path for p in psp.check_document(document)] == [
        "$.data.policy.rules[0]",
        "$.data.policy.rules[1]",
    ]
    assert psp.from_document(document, rules=[MET, TWO_PUBLIC]) == p


def test_the_schemas_take_documents_with_rules_and_refuse_malformed_codes() -> None:
    p = nhs_led(attrs.evolve(Policy.rrcf(), rules=[MET]))
    p = p.waive("fund-x:met", granted_by="scot-gov", on=D1, reason="not needed here")
    document = psp.to_document(p)
    schema = psp.json_schema("partnership")
    jsonschema.Draft202012Validator(schema).validate(document)
    components = psp.openapi_components()["schemas"]
    assert components["RuleCode"] == schema["$defs"]["RuleCode"]
    for bad in ("met", "fund-x:", " fund-x:met", ":met"):
        document["data"]["policy"]["rules"] = [bad]
        assert not jsonschema.Draft202012Validator(schema).is_valid(document), bad
    rule_schema = {**components["Rule"], "$defs": {"RuleCode": components["RuleCode"]}}
    rule_schema["anyOf"] = [rule_schema["anyOf"][0], {"$ref": "#/$defs/RuleCode"}]
    for name in [*Finding.RULES, "fund-x:met"]:
        jsonschema.validate(name, rule_schema)


def test_threads_reading_with_different_rules_see_only_their_own() -> None:
    other = Rule("fund-x:met", "breach", "another rule of the same code", two_public)
    data = psp.to_data(Policy(rules=[MET]))
    found: dict[str, Policy] = {}

    def read(name: str, rule: Rule) -> None:
        for _ in range(50):
            found[name] = psp.from_data(data, Policy, rules=[rule])
            assert found[name].rules == (rule,)

    threads = [threading.Thread(target=read, args=(n, r)) for n, r in (("a", MET), ("b", other))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert found["a"].rules == (MET,)
    assert found["b"].rules == (other,)
    with pytest.raises(ConversionError):  # nothing is left behind for the next read
        psp.from_data(data, Policy)


# -- waivers ------------------------------------------------------------------------


class TestWaivers:
    """3.58: the programme accepts an NHS lead for one partnership."""

    def test_the_3_58_case(self) -> None:
        p = nhs_led()
        assert [f.rule for f in p.blockers("start-design") if f.blocking] == ["lead-sector"]
        with pytest.raises(TransitionRefusedError):
            p.step("start-design", on=D1)
        waived = p.waive("lead-sector", granted_by="scot-gov", on=D1, reason="in effect the lead")
        event = waived.history[-1]
        assert isinstance(event, RuleWaived)
        waiver = Waiver("lead-sector", "scot-gov", psp.Period(D1), "in effect the lead")
        assert event.waiver == waiver
        assert waived.waivers() == (waiver,)
        result = waived.step("start-design", on=D1)
        assert result.partnership.stage is Stage.DESIGN
        lead = [f for f in result.warnings if f.rule == "lead-sector"]
        assert [f.waiver for f in lead] == [waiver]
        assert not lead[0].blocking
        assert "lead-sector" not in {f.rule for f in waived.blockers("start-design")}
        # Before the day it was granted, the rule binds as it did.
        assert "lead-sector" in {f.rule for f in waived.blockers("start-design", on=D0)}
        # Checked against another policy than its own, nothing is waived.
        other = attrs.evolve(Policy.rrcf(), name="Another fund")
        assert all(f.waiver is None for f in waived.findings(other))

    def test_a_waiver_ends_at_its_until_and_when_withdrawn(self) -> None:
        p = nhs_led().waive(
            "lead-sector", granted_by="scot-gov", on=D1, reason="for the bid", until=D2
        )
        assert p.waivers(D1)
        assert not p.waivers(D2)
        assert "lead-sector" in {f.rule for f in p.blockers("start-design", on=D2)}
        again = p.waive("lead-sector", granted_by="scot-gov", on=D2, reason="renewed")
        withdrawn = again.withdraw_waiver("lead-sector", on=D3, reason="a third-sector lead now")
        assert [w.period for w in withdrawn.waivers()] == [
            psp.Period(D1, D2),
            psp.Period(D2, D3),
        ]
        assert withdrawn.waivers(D3) == ()
        assert psp.from_data(psp.to_data(withdrawn), Partnership) == withdrawn

    def test_a_fund_s_own_rule_can_be_waived(self) -> None:
        p = (
            Partnership("p", "P", policy=Policy(rules=[TWO_PUBLIC]))
            .join(CHARITY, roles={"lead"}, on=D0)
            .join(CJA, on=D0)
        )
        waived = p.waive(TWO_PUBLIC, granted_by="cja", on=D0, reason="a small area")
        assert waived.step("start-design", on=D1).partnership.stage is Stage.DESIGN
        assert waived.withdraw_waiver(TWO_PUBLIC, on=D1).blockers("start-design") != ()
        assert [f.waiver is not None for f in waived.findings()] == [True]
        with pytest.raises(PSPError) as e:
            p.waive("fund-x:other", granted_by="cja", on=D0, reason="r")
        assert e.value.code == "unknown-rule"


_WAIVABLE = sorted(r for r in Finding.RULES if Policy().waivable(r))


@settings(max_examples=30, deadline=None)
@given(partnerships(max_steps=12), st.sampled_from(_WAIVABLE), st.data())
def test_a_waiver_applies_only_to_the_rule_it_names_from_its_date(
    p: Partnership, rule: str, data: st.DataObject
) -> None:
    # Histories psp.testing draws may hold waivers of their own: this is about the first.
    assume(not any(isinstance(e, RuleWaived) for e in p.history))
    day = (p.last_event_date or D0) + timedelta(days=1)
    grantor = data.draw(st.sampled_from(sorted(p.organisations) or ["none"]))
    try:
        waived = p.waive(rule, granted_by=grantor, on=day, reason="accepted")
    except PSPError:
        assert grantor not in p.organisations or p.stage is Stage.CLOSED
        return
    # The partnership it was granted to changes; the one it grew from does not.
    assert p.waivers() == () or all(w.rule != rule or not w.in_force(day) for w in p.waivers())
    assert all(f.waiver is None for f in p.findings(on=day))

    def bare(findings: tuple[Finding, ...]) -> list[Finding]:
        return sorted((attrs.evolve(f, waiver=None) for f in findings), key=repr)

    for on in (day - timedelta(days=1), day):
        before, after = p.findings(on=on), waived.findings(on=on)
        assert bare(after) == bare(before)  # the same findings, some of them waived
        for f in after:
            assert (f.waiver is not None) == (f.rule == rule and on >= day)
        for step in waived.next_steps():
            blocked = {f.rule for f in waived.blockers(step, on=on)}
            unwaived = {f.rule for f in p.blockers(step, on=on)}
            assert blocked == (unwaived - {rule} if on >= day else unwaived)


@settings(max_examples=25, deadline=None)
@given(
    partnerships(max_steps=6),
    st.sampled_from([*_WAIVABLE, "no-such-step", "fund-x:nothing", "bad code"]),
    st.sampled_from(["scot-gov", "nobody"]),
    st.sampled_from(["accepted", "", " padded"]),
    st.integers(-3, 3),
)
def test_a_refused_waiver_leaves_nothing_changed(
    p: Partnership, rule: str, grantor: str, reason: str, days: int
) -> None:
    known = p
    if "scot-gov" not in p.organisations and p.stage is not Stage.CLOSED:
        known = p.add_organisation(SG, on=p.last_event_date or D0)
    before = psp.to_data(known)
    day = (known.last_event_date or D0) + timedelta(days=days)
    try:
        waived = known.waive(rule, granted_by=grantor, on=day, reason=reason)
        # A batch with one refused event records none of it.
        with pytest.raises(PSPError):
            known.extend([*waived.events_since(known.version), waived.history[-1]])
    except PSPError:
        pass
    assert psp.to_data(known) == before
