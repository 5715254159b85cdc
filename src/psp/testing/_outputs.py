"""Outputs and capacity, benefits and savings: the steps of a history that set a
service's targets, record what it delivered, and name the bodies that stand to benefit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._base.period import Period
from psp._commissioning.outputs import OutputKind
from psp._partners.organisation import Partner
from psp.testing._values import terms

_OUTPUT_IDS = st.sampled_from(["served", "mentors", "sessions"])
_KINDS = st.sampled_from(OutputKind) | terms()  # a kind of the user's own too
_COUNTS = st.integers(0, 500)
_UNITS = st.none() | st.just("people a year")
_ESTIMATES = st.none() | st.integers(0, 250_000)
_TEXTS = st.none() | st.just("fewer returns to custody")
_QUARTER = timedelta(days=91)


def _output_step(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """What was delivered of a target set (two times in three, once there is one), or a
    target set or revised for a year from ``day``."""
    targets = p.output_targets()
    if targets and draw(st.integers(0, 2)) > 0:
        t = draw(st.sampled_from(targets))
        start = t.period.start
        return p.record_output(
            t.output_id, draw(_COUNTS), period=Period(start, start + _QUARTER), on=day
        )
    output_id = draw(_OUTPUT_IDS)
    kinds = {t.output_id: t.kind for t in targets}
    kind = kinds[output_id] if output_id in kinds else draw(_KINDS)
    return p.set_output_target(
        output_id,
        kind,
        draw(_COUNTS),
        period=Period(day, day + timedelta(days=365)),
        on=day,
        unit=draw(_UNITS),
    )


def _benefit_step(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A body (any organisation the partnership knows) that stands to benefit."""
    who = draw(st.sampled_from(sorted(p.organisations) or [o.id for o in orgs]))
    return p.identify_benefit(
        who,
        on=day,
        cashable=draw(st.booleans()),
        estimate=draw(_ESTIMATES),
        basis=draw(_TEXTS),
        source=draw(_TEXTS),
    )
