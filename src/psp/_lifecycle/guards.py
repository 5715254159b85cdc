"""The rules a partnership is checked against: its composition, and what must be true
before each lifecycle step. Pure functions of :class:`Facts`, a summary the
partnership's state makes of itself at a date, and a :class:`psp.Policy`.

Every finding is made with :meth:`psp.Finding.of`, which takes its severity from
``Finding.RULES``: a rule is a breach, or a warning, wherever it is reported.
:func:`step_findings` is the one judge of a step: ``Partnership.blockers`` lists what it
finds, and the projector refuses a step exactly when it finds a breach that is not
waived. A fund's own rules (:class:`psp.Rule`) are run here too, each guarded so that
a check that fails becomes a finding of its rule, never an error."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from psp._base.errors import _forget, _short_repr
from psp._base.period import Period
from psp._base.roles import Role
from psp._base.scope import Focus
from psp._base.vocabulary import Term
from psp._commissioning.commitments import CommitmentStatus, SustainabilityCommitment
from psp._commissioning.funding import Bid, BidStatus, FundingPurpose
from psp._commissioning.tender import Tender, TenderStatus
from psp._lifecycle.policy import Finding, Policy, Rule, Severity, Waiver
from psp._lifecycle.stages import Stage, Step, next_stage, steps_from
from psp._partners.organisation import Partner, PublicBodyKind, Sector
from psp._partners.sector_balance import SectorBalance

__all__ = ["Facts", "composition_findings", "run_rule", "step_findings"]


@attrs.frozen
class Facts:
    """What the rules look at, taken from a partnership at one date: the values psp's
    guards judge, and what a fund's own :class:`psp.Rule` is given.

    psp makes them from a valid partnership, with :meth:`psp.Partnership.facts`: never
    from data, and never part-way through a refused command. Every field is an
    immutable value:

    - ``on``: the date; ``stage``: the stage the partnership is in; ``focus``;
    - ``lead``: the lead organisation on ``on`` (a :class:`psp.Partner`), or ``None``;
    - ``balance``: how the members on ``on`` divide between the sectors
      (:class:`psp.SectorBalance`); ``held_roles``: the roles some member holds;
      ``public_body_kinds``: the kinds of public body among the members;
    - ``mous_signed_on``: the day each MoU's current version was signed by all its
      signatories; ``bids``, ``commitments``, ``tenders``: each as it stands now;
    - ``has_service_design``, ``design_approvals`` (the funders who approved it);
    - ``budget_periods``: the periods with a budget in force (a total above 0).
    """

    on: date
    stage: Stage
    focus: frozenset[Focus | Term]
    lead: Partner | None
    balance: SectorBalance
    held_roles: frozenset[Role]
    public_body_kinds: frozenset[PublicBodyKind]
    mous_signed_on: tuple[date, ...]
    bids: tuple[Bid, ...]
    has_service_design: bool
    design_approvals: frozenset[str]
    commitments: tuple[SustainabilityCommitment, ...]
    tenders: tuple[Tender, ...]
    budget_periods: tuple[Period, ...] = ()


_finding = Finding.of


def _lead_and_sectors(facts: Facts, policy: Policy) -> list[Finding]:
    found = []
    lead = facts.lead
    if lead is None:
        found.append(_finding("lead-missing", "no member leads the partnership"))
    elif policy.lead_sectors is not None and lead.sector not in policy.lead_sectors:
        allowed = " or ".join(sorted(s.value for s in policy.lead_sectors))
        found.append(
            _finding(
                "lead-sector",
                f"the lead, {lead.name}, is {lead.sector.value} sector, but "
                f"{policy.name} requires a {allowed}-sector lead",
                lead.sector.value,
            )
        )
    for sector, minimum in (
        (Sector.PUBLIC, policy.min_public_members),
        (Sector.THIRD, policy.min_third_sector_members),
    ):
        count = facts.balance.count(sector)
        if count < minimum:
            found.append(
                _finding(
                    f"min-{sector.value}-members",
                    f"{count} {sector.value}-sector member(s), but "
                    f"{policy.name} requires at least {minimum}",
                    sector.value,
                )
            )
    return found


def _roles_and_bodies(facts: Facts, policy: Policy) -> list[Finding]:
    # The lead is required whatever the policy's roles say: lead-missing reports it.
    unfilled = policy.required_roles - facts.held_roles - {Role.LEAD}
    found = [
        _finding("role-unfilled", f"no member holds the {role.value} role", role.value)
        for role in sorted(unfilled)
    ]
    expected = policy.expected_public_bodies_for(facts.focus)
    found.extend(
        _finding(
            "public-body-absent",
            f"no {kind.value} among the members, though {policy.name} expects one "
            "for this partnership's focus",
            kind.value,
        )
        for kind in sorted(expected - facts.public_body_kinds)
    )
    return found


class _Unusable(Exception):  # noqa: N818 - a rule's check gave what no finding can hold
    """A check's result is not what :class:`psp.Rule` documents."""


def _messages(result: Any) -> list[str]:
    """The messages a check returned: ``None``, a message, or an iterable of messages."""
    if result is None:
        return []
    items = [result] if isinstance(result, str) else result
    if isinstance(items, bytes | Mapping) or not isinstance(items, Iterable):
        raise _Unusable(f"returned {_short_repr(result)}, not None, a message or messages")
    messages = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise _Unusable(f"returned {_short_repr(item)} as a message, not text")
        messages.append(str.__str__(item))
    return messages


def run_rule(rule: Rule, facts: Facts) -> list[Finding]:
    """The findings of a fund's own rule on ``facts``: one per message its check returns.

    A check that raises (an ``Exception``), or returns what :class:`psp.Rule` does not
    document, gives one finding of the rule, at its severity, saying so: the caller's
    code cannot break a guard, nor leave anything half-changed."""
    try:
        messages = _messages(rule.check(facts))
    except _Unusable as e:
        return [Finding(rule.code, rule.severity, f"the check of {rule.code} {e}")]
    except Exception as e:  # noqa: BLE001 - a caller's check: reported as its rule's finding
        failed = f"the check of {rule.code} failed ({_short_repr(e)})"
        _forget(e)  # keep no frame of the caller's code alive
        return [Finding(rule.code, rule.severity, failed)]
    return [Finding(rule.code, rule.severity, m) for m in messages]


def _own_rules(facts: Facts, policy: Policy, step: Step | None) -> list[Finding]:
    """The findings of the policy's own rules guarding ``step`` (``None``: the
    composition rules, those guarding no step)."""
    found: list[Finding] = []
    for rule in policy.rules:
        guarded = (step in rule.steps) if step is not None else not rule.steps
        if guarded:
            found.extend(run_rule(rule, facts))
    return found


def _waived(findings: list[Finding], waivers: Mapping[str, Waiver]) -> list[Finding]:
    if not waivers:
        return findings
    return [
        f if f.rule not in waivers else attrs.evolve(f, waiver=waivers[f.rule]) for f in findings
    ]


def _ordered(findings: list[Finding]) -> tuple[Finding, ...]:
    """Breaches, then warnings, then what is waived (each in the order found)."""
    live = [f for f in findings if f.waiver is None]
    breaches = [f for f in live if f.severity is Severity.BREACH]
    warnings = [f for f in live if f.severity is Severity.WARNING]
    return tuple(breaches + warnings + [f for f in findings if f.waiver is not None])


def _composition(facts: Facts, policy: Policy) -> list[Finding]:
    found = _lead_and_sectors(facts, policy) + _roles_and_bodies(facts, policy)
    return found + _own_rules(facts, policy, None)


def composition_findings(
    facts: Facts, policy: Policy, waivers: Mapping[str, Waiver] | None = None
) -> tuple[Finding, ...]:
    """How the partnership's make-up falls short of ``policy``: breaches, then warnings,
    then the findings ``waivers`` (by rule, those in force on the facts' date) set aside.
    They are start-design's guards, too."""
    return _ordered(_waived(_composition(facts, policy), waivers or {}))


def _awarded(facts: Facts, purpose: FundingPurpose) -> list[Bid]:
    return [b for b in facts.bids if b.purpose is purpose and b.status is BidStatus.AWARDED]


def _start_pilot(facts: Facts, policy: Policy) -> list[Finding]:
    found = []
    if policy.mou_before_pilot:
        in_time = [
            d
            for d in facts.mous_signed_on
            if d < facts.on or (policy.mou_at_launch and d == facts.on)
        ]
        if not in_time:
            when = "by the day the pilot starts" if policy.mou_at_launch else "before the pilot"
            found.append(
                _finding("mou-unsigned", f"no MoU is signed by every named signatory {when}")
            )
    pilot_awards = _awarded(facts, FundingPurpose.PILOT)
    if policy.pilot_award_before_pilot and not pilot_awards:
        found.append(_finding("pilot-funding", "no pilot bid has been awarded"))
    if policy.design_approval_before_pilot:
        if not facts.has_service_design:
            found.append(_finding("design-unapproved", "no service design has been agreed"))
        elif not facts.design_approvals:
            found.append(_finding("design-unapproved", "no funder has approved the service design"))
        elif pilot_awards and not {b.funder for b in pilot_awards} & facts.design_approvals:
            found.append(
                _finding(
                    "design-unapproved",
                    "no funder of an awarded pilot bid has approved the service design",
                )
            )
    if policy.cja_sign_off:
        for bid in pilot_awards:
            found.extend(
                _finding(
                    "cja-sign-off",
                    f"bid {bid.id} covers {area} without its CJA's sign-off",
                    area,
                )
                for area in sorted(bid.areas_without_sign_off())
            )
    return found


def _live_commitments(facts: Facts) -> list[SustainabilityCommitment]:
    dead = (CommitmentStatus.DECLINED, CommitmentStatus.LAPSED)
    return [c for c in facts.commitments if c.recorded_status not in dead]


def _start_review(facts: Facts, policy: Policy) -> list[Finding]:
    if not policy.measures_before_review:
        return []
    measures = [m for c in _live_commitments(facts) for m in c.measures]
    if not measures:
        return [_finding("measures-missing", "no measures of the pilot's success are agreed")]
    return [
        _finding("measure-without-result", f"no result is recorded for {m.name}", m.name)
        for m in measures
        if m.result is None
    ]


def _commission(facts: Facts, policy: Policy) -> list[Finding]:
    found = []
    if policy.conditions_before_commissioning:
        given = [c for c in facts.commitments if c.recorded_status is CommitmentStatus.GIVEN]
        if not given:
            found.append(_finding("commitment-missing", "no sustainability commitment is given"))
        elif not any(c.conditions_met for c in given):
            unmet = sorted({name for c in given for name in c.unmet()})
            found.append(
                _finding(
                    "conditions-unmet",
                    f"the commitments' measures and conditions are not met: {', '.join(unmet)}",
                )
            )
    if policy.tender_before_commissioning and not any(
        t.status is TenderStatus.AWARDED for t in facts.tenders
    ):
        found.append(_finding("tender-unawarded", "no tender for the service has been awarded"))
    if policy.budget_before_commissioning and not any(
        p.contains(facts.on) for p in facts.budget_periods
    ):
        day = facts.on.isoformat()
        found.append(_finding("budget-uncovered", f"no budget covers the day commissioned ({day})"))
    return found


def _grant_fund(facts: Facts, policy: Policy) -> list[Finding]:
    if _awarded(facts, FundingPurpose.DELIVERY):
        return []
    return [_finding("delivery-funding", "no delivery bid has been awarded")]


def _nothing(facts: Facts, policy: Policy) -> list[Finding]:
    return []


_GUARDS: dict[Step, Callable[[Facts, Policy], list[Finding]]] = {
    Step.START_DESIGN: _composition,
    Step.START_PILOT: _start_pilot,
    Step.START_REVIEW: _start_review,
    Step.COMMISSION: _commission,
    Step.GRANT_FUND: _grant_fund,
    Step.CONTINUE_PILOT: _nothing,
    Step.CLOSE: _nothing,
}


def step_findings(
    step: Step,
    facts: Facts,
    policy: Policy,
    reason: str = "",
    waivers: Mapping[str, Waiver] | None = None,
) -> tuple[Finding, ...]:
    """Every guard of ``step``, taken with ``reason``, that ``facts`` do not meet:
    breaches (which refuse the step), then warnings (which do not), then the findings
    ``waivers`` set aside (which do not either). A step the table does not allow from
    the stage is one breach, ``no-such-step``, and nothing else."""
    if next_stage(facts.stage, step) is None:
        allowed = ", ".join(s.value for s in steps_from(facts.stage)) or "none"
        return (
            _finding(
                "no-such-step",
                f"a partnership in the {facts.stage.value} stage cannot {step.value}; "
                f"the steps from there are: {allowed}",
                step.value,
            ),
        )
    found = _GUARDS[step](facts, policy) + _own_rules(facts, policy, step)
    if step is Step.CLOSE and not reason.strip():
        found.append(_finding("reason-missing", "closing a partnership needs a reason"))
    return _ordered(_waived(found, waivers or {}))
