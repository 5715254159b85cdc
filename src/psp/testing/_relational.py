"""Relational surveys: the step of a history that records a member's answers about other
members in a wave (one wave a day, named for its day)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._partners.organisation import Partner
from psp._partners.relational import ContactFrequency, RelationalAnswer

_RATINGS = st.none() | st.integers(1, 4)
_FREQUENCIES = st.none() | st.sampled_from(ContactFrequency)


def _answer(draw: st.DrawFn, about: str) -> RelationalAnswer:
    return RelationalAnswer(
        about=about,
        reliability=draw(_RATINGS),
        mission=draw(_RATINGS),
        openness=draw(_RATINGS),
        power=draw(_RATINGS),
        involvement=draw(_RATINGS),
        resources=draw(_RATINGS),
        frequency=draw(_FREQUENCIES),
    )


def _relational_step(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """A member's response in the wave of ``day``: answers about up to three other
    members (a member that already answered in the wave is refused, and the step skipped)."""
    members = [m.partner_id for m in p.memberships_on()]
    respondent = draw(st.sampled_from(members or [o.id for o in orgs]))
    others = [m for m in members if m != respondent]
    about = draw(st.lists(st.sampled_from(others), max_size=3, unique=True)) if others else []
    answers = [_answer(draw, a) for a in about]
    return p.record_relational_response(
        respondent, answers, wave_id=f"wave-{day.isoformat()}", on=day
    )
