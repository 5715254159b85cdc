"""Partnerships: a history built by commands, the ``partnerships`` strategy.

Each step is one command, or the few commands one change needs, applied to the
partnership so far through the public API; the steps live with their area
(``_partners.py``, ``_governing.py``, ``_commissioning.py``), and the design and
lifecycle steps here. Steps pick their targets from the state (an open seat to leave, a
submitted bid to decide) so that most are accepted; a step that finds nothing to act on
starts something instead (a seat, a bid) for a later step to act on. A refused step (a
PSPError) leaves the partnership as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._base.errors import PSPError
from psp._base.roles import Role
from psp._base.scope import Scope
from psp._commissioning.funding import BidStatus, FundingPurpose
from psp._lifecycle.design import (
    Baseline,
    Consultation,
    ConsultationKind,
    LogicModel,
    ServiceDesign,
)
from psp._lifecycle.policy import Finding, Policy, Severity
from psp._lifecycle.stages import Step
from psp._partners.organisation import Partner, Sector
from psp.testing._budgets import _budget_step
from psp.testing._commissioning import (
    _decide_bid,
    _draft_bid,
    _endorse_bid,
    _fix_commitment,
    _fix_conditions,
    _fix_funding,
    _fix_measures,
    _fix_results,
    _fix_tender,
    _record_result,
    _seek_commitment,
    _settle_commitment,
    _tender,
    _withdraw_bid,
)
from psp.testing._funds import _fund_step
from psp.testing._governing import (
    _adopt_governance,
    _amend_mou,
    _draft_mou,
    _fix_mou,
    _hold_meeting,
    _sign_mou,
)
from psp.testing._origins import _record_contribution, _record_origins
from psp.testing._outputs import _benefit_step, _output_step
from psp.testing._partners import (
    _change_roles,
    _define_link_kind,
    _fix_lead,
    _fix_sector,
    _join,
    _known,
    _leave,
    _leave_seat,
    _link,
    _name_representative,
    _partner,
    _record_reimbursement,
    _stand_down_representative,
    _suspend_or_reinstate,
    _take_seat,
    _unlink,
)
from psp.testing._payments import _contract_payment_step, _payment_step
from psp.testing._posts import _difference_step, _post_step, _risk_step
from psp.testing._relational import _relational_step
from psp.testing._values import _AREAS, _FOCUS_TERMS, _NAMES, _REASONS, _ROLE_SETS, _SLUGS, _Step

_FOCI = st.frozensets(_FOCUS_TERMS, max_size=2)
_SCOPES = st.none() | st.sampled_from(Scope)
_PARTNERSHIP_AREAS = st.frozensets(st.sampled_from(_AREAS), max_size=3)
_DESCRIPTIONS = st.sampled_from(["", "Throughcare for short-term prisoners"])
_FIRST_DAYS = st.dates(date(2010, 1, 1), date(2014, 1, 1))
_GAPS = st.integers(0, 60)

# -- steps of a history: evidence, the service design and the lifecycle ---------------

_BASELINES = st.builds(
    Baseline,
    st.sampled_from(["reoffending rate", "cells", "short-term prisoners"]),
    st.floats(0, 1000, allow_nan=False),
    st.none() | st.just("%"),
    st.none() | st.just("Scottish Government"),
)
_CONSULTATIONS = st.builds(
    Consultation, st.sampled_from(ConsultationKind), st.none() | st.integers(0, 60), _REASONS
)
_LOGIC_TEXTS = st.sampled_from(["fewer reconvictions", "stable housing", "peer mentoring"])
_LOGIC_MODELS = st.builds(
    LogicModel,
    st.lists(_LOGIC_TEXTS, min_size=1, max_size=2),
    st.lists(_LOGIC_TEXTS, max_size=2),
    st.lists(_LOGIC_TEXTS, max_size=2),
)
_DRIVEN = st.integers(0, 3).map(lambda i: i == 3)  # a quarter of the histories
_CLOSING = "looser fit with the service"
_LIFECYCLE_STEPS = st.sampled_from(Step)


def _record_evidence(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    kind = draw(st.sampled_from(("baseline", "consultation", "logic model")))
    if kind == "baseline":
        return p.record_baseline(draw(_BASELINES), on=day)
    if kind == "consultation":
        return p.consult(draw(_CONSULTATIONS), on=day)
    return p.agree_logic_model(draw(_LOGIC_MODELS), on=day)


def _agree_design(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    p = p.agree_service_design(ServiceDesign(draw(_NAMES)), on=day)
    known = _known(p)
    return p.approve_design(draw(st.sampled_from(known)), on=day) if known else p


def _lifecycle_step(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    return p.step(draw(_LIFECYCLE_STEPS), on=day, reason=draw(_REASONS)).partnership


_WAIVABLE = sorted(r for r in Finding.RULES if Policy().waivable(r))


def _waive_or_withdraw(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """Withdraw a waiver in force, or waive a rule, granted by an organisation it knows."""
    in_force = p.waivers(day)
    withdraw = draw(st.booleans())
    if in_force and withdraw:
        return p.withdraw_waiver(draw(st.sampled_from(in_force)).rule, on=day, reason="reviewed")
    known = _known(p) or ["nobody"]  # none known yet: refused, and the step skipped
    rules = _WAIVABLE + [r.code for r in p.policy.rules]
    until = draw(st.none() | st.just(day + timedelta(days=90)))
    return p.waive(
        draw(st.sampled_from(rules)),
        granted_by=draw(st.sampled_from(known)),
        on=day,
        reason="the programme accepts it",
        until=until,
    )


# -- what a lifecycle step's hard guards ask for, done through the commands -----------
# Keyed by the rule a blocker names (psp.Partnership.blockers); a breach with no entry
# here (a policy's lead sector, say) is left, and the step is refused. Once a
# partnership is past forming it knows organisations (its members, at least), so the
# fixes after the first three draw from p.organisations without checking; each does its
# whole job afresh (a new MoU, a new bid, a new tender) rather than finishing a half-done
# one.


def _fix_design(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """A service design agreed, and approved by a funder of an awarded pilot bid."""
    p = p.agree_service_design(ServiceDesign(draw(_NAMES)), on=day)
    pilot_funders = {
        b.funder
        for b in p.bids()
        if b.purpose is FundingPurpose.PILOT and b.status is BidStatus.AWARDED
    }
    return p.approve_design(draw(st.sampled_from(sorted(pilot_funders or p.organisations))), on=day)


_FIXES: dict[str, _Step] = {
    "lead-missing": _fix_lead,
    "min-public-members": _fix_sector(Sector.PUBLIC),
    "min-third-members": _fix_sector(Sector.THIRD),
    "mou-unsigned": _fix_mou,
    "pilot-funding": _fix_funding(FundingPurpose.PILOT),
    "design-unapproved": _fix_design,
    "measures-missing": _fix_measures,
    "measure-without-result": _fix_results,
    "commitment-missing": _fix_commitment,
    "conditions-unmet": _fix_conditions,
    "tender-unawarded": _fix_tender,
    "delivery-funding": _fix_funding(FundingPurpose.DELIVERY),
}


def _advance(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """Take a step the lifecycle allows next (seldom closing), first doing what its hard
    guards ask for: a lead, a signed MoU, an awarded pilot bid, measured results, ..."""
    onward = [s for s in p.next_steps() if s is not Step.CLOSE]
    closing = [s for s in p.next_steps() if s is Step.CLOSE]
    if not p.next_steps():
        return p
    step = draw(st.sampled_from(onward * 12 + closing))
    fixed: set[str] = set()
    while True:
        rules = [
            f.rule
            for f in p.blockers(step, on=day)
            if f.severity is Severity.BREACH and f.rule in _FIXES and f.rule not in fixed
        ]
        if not rules:
            break
        fixed.add(rules[0])
        p = _FIXES[rules[0]](draw, p, orgs, day)
    reason = _CLOSING if step is Step.CLOSE else draw(_REASONS)
    return p.step(step, on=day, reason=reason).partnership


# The random steps, weighted by repetition; the first (joining) is the one a failing
# example shrinks to.
_STEPS: st.SearchStrategy[_Step] = st.sampled_from(
    (
        _join,
        _join,
        _join,
        _leave,
        _suspend_or_reinstate,
        _suspend_or_reinstate,
        _change_roles,
        _take_seat,
        _leave_seat,
        _leave_seat,
        _name_representative,
        _stand_down_representative,
        _stand_down_representative,
        _link,
        _unlink,
        _unlink,
        _adopt_governance,
        _hold_meeting,
        _hold_meeting,
        _draft_mou,
        _sign_mou,
        _sign_mou,
        _amend_mou,
        _record_reimbursement,
        _record_evidence,
        _record_evidence,
        _agree_design,
        _draft_bid,
        _endorse_bid,
        _endorse_bid,
        _decide_bid,
        _withdraw_bid,
        _seek_commitment,
        _settle_commitment,
        _settle_commitment,
        _record_result,
        _tender,
        _tender,
        _lifecycle_step,
        _advance,
        _record_origins,
        _record_contribution,
        _record_contribution,
        # open vocabularies
        _define_link_kind,
        _waive_or_withdraw,
        _waive_or_withdraw,
        _post_step,
        _post_step,
        _post_step,
        _risk_step,
        _risk_step,
        _difference_step,
        _difference_step,
        # outputs and capacity; benefits and savings
        _output_step,
        _output_step,
        # budgets and spend
        _budget_step,
        _budget_step,
        _benefit_step,
        # funds and streams in use
        _fund_step,
        _fund_step,
        # relational surveys
        _relational_step,
        # payments and reporting obligations
        _payment_step,
        # payments under an awarded tender's contract
        _contract_payment_step,
    )
)


@st.composite
def _partnership(draw: st.DrawFn, max_organisations: int, max_steps: int) -> Partnership:
    p = Partnership(
        draw(_SLUGS),
        draw(_NAMES),
        focus=draw(_FOCI),
        scope=draw(_SCOPES),
        areas=draw(_PARTNERSHIP_AREAS),
        description=draw(_DESCRIPTIONS),
    )
    # A driven history takes every other step along the lifecycle, and its first two
    # organisations are public and third sector, so that it can get past forming.
    driven = draw(_DRIVEN)
    sectors = (Sector.PUBLIC, Sector.THIRD)[:max_organisations] if driven else ()
    least = max(1, len(sectors))
    ids = draw(st.lists(_SLUGS, min_size=least, max_size=max_organisations, unique=True))
    orgs = [draw(_partner(i, sectors[k] if k < len(sectors) else None)) for k, i in enumerate(ids)]
    day = draw(_FIRST_DAYS)
    # Founders join on the first day, one of them (perhaps) as lead; then random steps.
    for k, founder in enumerate(orgs[: draw(st.integers(0, len(orgs)))]):
        roles = draw(_ROLE_SETS) - {Role.LEAD}
        p = p.join(founder, on=day, roles=roles | ({Role.LEAD} if k == 0 else set()))
    for _ in range(draw(st.integers(0, max_steps))):
        day += timedelta(days=draw(_GAPS))
        step = _advance if driven and draw(st.booleans()) else draw(_STEPS)
        with contextlib.suppress(PSPError):  # a refused step leaves p as it was
            p = step(draw, p, orgs, day)
    return p


def partnerships(max_organisations: int = 8, max_steps: int = 25) -> st.SearchStrategy[Partnership]:
    """Valid partnerships: up to ``max_organisations`` organisations, founders who join
    on the first day, then up to ``max_steps`` random steps, each on one day.

    A step is one command, or the few commands one change needs (a bid drafted and
    submitted; a tender planned, opened and awarded; a lifecycle step with what its
    guards ask for first), applied through the public API; a refused step is skipped.
    The steps reach every kind of event in :data:`psp.Event`: members, seats,
    representatives, links, governance, meetings, MoUs and their signatures,
    reimbursement, evidence, the service design, bids and their endorsements,
    sustainability commitments, tenders, origins, contributions, capabilities, waivers
    of a rule and their withdrawal, posts and their holders, the risk register,
    differences between partners, output targets and what was delivered, benefits,
    funds and bids to their streams, budget lines and spend, relational survey
    responses, payments planned and made, reports required and received, payments
    under a tender's contract, and the lifecycle. A quarter of the histories are driven along the
    lifecycle (every other step moves the partnership on), so every stage is reached,
    commissioned, grant-funded and closed included.
    """
    return _partnership(max_organisations, max_steps)
