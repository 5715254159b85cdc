"""Origins, contributions and capabilities: the steps of a history that record who
initiated the partnership, who was chosen to lead, what members contribute and what
organisations say they can do."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._partners.contributions import Capability, ContributionKind
from psp._partners.organisation import Partner
from psp._partners.origins import SelectionMethod
from psp.testing._values import terms

_NOTES = st.sampled_from(["", "after open discussion"])
_METHODS = st.sampled_from(SelectionMethod)
_KINDS = st.sampled_from(ContributionKind) | terms()  # a kind of the user's own too
_VALUES = st.none() | st.integers(0, 250_000)
_DESCRIPTIONS = st.sampled_from(["", "two case workers seconded"])
_CAPABILITIES = st.frozensets(st.sampled_from(Capability), max_size=3)


def _some(draw: st.DrawFn, ids: Sequence[str], least: int = 0) -> frozenset[str]:
    """Up to three of ``ids``, at least ``least`` of them (none when there are none)."""
    many = st.frozensets(st.sampled_from(ids), min_size=least, max_size=3) if ids else None
    return frozenset() if many is None else draw(many)


def _record_origins(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """Record who initiated the partnership, or (once that is recorded, or sometimes
    first) a choice of lead among the organisations it knows."""
    known = sorted(p.organisations)
    if p.initiation() is None and draw(st.booleans()):
        return p.record_initiation(_some(draw, known, 1), on=day, note=draw(_NOTES))
    chosen = draw(st.sampled_from(known)) if known else draw(st.sampled_from(orgs)).id
    others = [k for k in known if k != chosen]
    return p.select_lead(
        chosen,
        on=day,
        method=draw(_METHODS),
        by=_some(draw, known),
        alternatives=_some(draw, others),
        note=draw(_NOTES),
    )


def _record_contribution(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A current member's contribution, or an organisation's capabilities declared."""
    members = [m.partner_id for m in p.memberships_on()]
    contributes = draw(st.integers(0, 2)) > 0  # two times in three, when there are members
    if members and contributes:
        return p.record_contribution(
            draw(st.sampled_from(members)),
            draw(_KINDS),
            on=day,
            value=draw(_VALUES),
            description=draw(_DESCRIPTIONS),
        )
    who = draw(st.sampled_from(sorted(p.organisations) or [o.id for o in orgs]))
    return p.declare_capabilities(who, draw(_CAPABILITIES), on=day, note=draw(_NOTES))
