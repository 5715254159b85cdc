"""The portfolio as the analyst's unit: where every partnership stands, in one call.

One row per partnership, of plain values (``pandas.DataFrame(rows)`` takes them as they
are): its stage, what blocks its next steps, the core roles no member holds, the
public bodies its focus calls for that no member is, and the funding it asked for and
was awarded. Each figure is what the partnership's own queries give; the rows only
gather them.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._aggregate.subjects import partnerships_of
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError
from psp._commissioning.funding import BidStatus
from psp._lifecycle.policy import Policy, Severity

__all__ = ["StatusRow", "portfolio_status"]


class StatusRow(TypedDict):
    """One partnership's row of :func:`psp.portfolio_status`, of plain values.

    ``partnership`` and ``name``; ``stage``, the stage it is in now (a
    :class:`psp.Stage` value); ``blockers``, each step the lifecycle allows from that
    stage (a :class:`psp.Step` value) with the sorted codes of the rules that would
    refuse it on ``on`` (empty: it may be taken; waived rules block nothing, and the
    reason a step such as ``close`` needs is left out, since it is given with the
    step); ``unfilled_roles``, the core roles (lead, provider, referral, strategic) no
    member holds on ``on``; ``missing_public_bodies``, the public-body kinds the policy
    expects for the partnership's focus that no member is on ``on``; and
    ``funding_asked`` and ``funding_awarded``, the whole pounds asked for in the bids
    submitted by ``on`` and awarded in the bids awarded by then (``None``: no such bid
    records an amount). Tuples are sorted.
    """

    partnership: str
    name: str
    stage: str
    blockers: dict[str, tuple[str, ...]]
    unfilled_roles: tuple[str, ...]
    missing_public_bodies: tuple[str, ...]
    funding_asked: int | None
    funding_awarded: int | None


def _total(amounts: list[int | None]) -> int | None:
    known = [a for a in amounts if a is not None]
    return sum(known) if known else None


def _row(p: Partnership, policy: Policy | None, on: date | None) -> StatusRow:
    day = date.max if on is None else on
    chosen = p.policy if policy is None else policy
    bids = p.bids()
    return {
        "partnership": p.id,
        "name": p.name,
        "stage": p.stage.value,
        "blockers": {
            step.value: tuple(
                sorted(
                    {
                        f.rule
                        for f in p.blockers(step, on=on, reason="status")
                        if f.severity is Severity.BREACH
                    }
                )
            )
            for step in p.next_steps()
        },
        "unfilled_roles": tuple(sorted(r.value for r in p.unfilled_roles(on))),
        "missing_public_bodies": tuple(
            sorted(
                k.value
                for k in p.absent_public_body_kinds(chosen.expected_public_bodies_for(p), on)
            )
        ),
        "funding_asked": _total(
            [b.amount_asked for b in bids if b.submitted_on is not None and b.submitted_on <= day]
        ),
        "funding_awarded": _total(
            [
                b.amount_awarded
                for b in bids
                if b.status is BidStatus.AWARDED
                and b.decided_on is not None
                and b.decided_on <= day
            ]
        ),
    }


def portfolio_status(
    obj: Partnership | Portfolio, *, policy: Policy | None = None, on: date | None = None
) -> list[StatusRow]:
    """Where each partnership of a portfolio stands on ``on``: one :class:`psp.StatusRow`
    per partnership, in portfolio order.

    Parameters
    ----------
    obj : Partnership or Portfolio
        A partnership is treated as a portfolio of one.
    policy : Policy, optional
        The programme whose expected public bodies are missing (``None``: each
        partnership's own policy). Blockers are always under the partnership's own
        policy, as its steps are.
    on : date, optional
        The day the make-up, blockers and funding are read on (``None``: now, after
        each partnership's last event), as :meth:`psp.Partnership.blockers` reads it;
        ``stage`` is the stage now, as in :meth:`psp.Portfolio.composition`.

    Examples
    --------
    >>> from datetime import date
    >>> from psp import Partner, Partnership
    >>> p = Partnership("p", "P", focus={"prison-leavers"}).join(
    ...     Partner("a", "A", "third"), roles={"lead", "provider"}, on=date(2012, 4, 1))
    >>> [row] = portfolio_status(p)
    >>> row["stage"], row["blockers"]
    ('forming', {'start-design': ('min-public-members',), 'close': ()})
    >>> row["unfilled_roles"], row["funding_asked"]
    (('referral', 'strategic'), None)
    """
    chosen = partnerships_of("obj", obj)
    if policy is not None and not isinstance(policy, Policy):
        raise InvalidValueError("policy", policy, "must be a Policy", code="wrong-type")
    if on is not None:
        _checks.a_date("on", on)
    return [_row(p, policy, on) for p in chosen]
