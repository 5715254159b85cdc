"""psp.testing: the strategies users get for their own property tests."""

from __future__ import annotations

import contextlib
import typing
from datetime import date

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import psp
from psp.testing import dates, names, partners, partnerships, slugs
from psp.testing._posts import _difference_step


@given(st.from_type(psp.Partnership))
def test_from_type_builds_partnerships(p: psp.Partnership) -> None:
    assert isinstance(p, psp.Partnership)


@given(
    st.from_type(psp.Partner),
    st.from_type(psp.OrgId),
    st.from_type(psp.Period),
    st.from_type(psp.Policy),
)
def test_from_type_builds_the_values(
    partner: psp.Partner, org_id: psp.OrgId, period: psp.Period, policy: psp.Policy
) -> None:
    assert psp.OrgId.parse(str(org_id)) == org_id
    assert period.end is None or period.end > period.start
    assert partner.name.strip() == partner.name
    assert policy.name


@given(partners(sector=psp.Sector.PUBLIC), partners(id="fixed"))
def test_partners_can_be_constrained(public: psp.Partner, fixed: psp.Partner) -> None:
    assert public.sector is psp.Sector.PUBLIC
    assert public.public_body_kind is not None
    assert fixed.id == "fixed"


@given(partnerships(max_organisations=3, max_steps=40))
def test_partnerships_respect_their_bounds(p: psp.Partnership) -> None:
    """At most max_organisations organisations; the founders' day, then one day a step."""
    assert len(p.organisations) <= 3
    assert len({e.on for e in p.history}) <= 1 + 40


@given(partnerships(max_organisations=3, max_steps=0))
def test_without_steps_only_the_founders_join(p: psp.Partnership) -> None:
    """With no steps, the history is the founders joining on one day."""
    assert {type(e) for e in p.history} <= {psp.OrganisationAdded, psp.MemberJoined}
    assert len({e.on for e in p.history}) <= 1
    assert len(p.history) <= 2 * 3


@given(slugs(), names(), dates())
def test_text_strategies_give_valid_text(slug: str, name: str, day: object) -> None:
    assert psp.Partner(slug, name, "third").id == slug


EVENT_KINDS = frozenset(typing.get_args(psp.Event))


class _AllReachedError(Exception):
    """Raised to stop drawing once every event kind and stage has been seen."""


def test_partnerships_reach_every_event_kind_and_stage() -> None:
    """Within 3,000 draws (derandomised, so a red run is reproducible), partnerships()
    records every kind of event in the psp.Event union and reaches every stage; so the
    property tests built on it see whole histories, and an event kind the strategies
    never make fails here. The draws stop once everything is seen (a few hundred today);
    the ceiling is high so that a new step, which makes every other step a little rarer,
    does not fail it by chance (1,000 was tuned by step weights twice on 2026-12-03)."""
    kinds: set[type] = set()
    stages = {psp.Stage.FORMING}

    @settings(
        max_examples=3_000,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(partnerships())
    def draw(p: psp.Partnership) -> None:
        kinds.update(type(e) for e in p.history)
        stages.update(stage for _, _, stage in p.stage_history())
        if kinds >= EVENT_KINDS and stages == set(psp.Stage):
            raise _AllReachedError  # stop early: nothing more to find

    with contextlib.suppress(_AllReachedError):
        draw()
    never = sorted(k.__name__ for k in EVENT_KINDS - kinds)
    assert never == [], f"partnerships() never recorded {', '.join(never)}"
    unreached = sorted(s.value for s in set(psp.Stage) - stages)
    assert unreached == [], f"partnerships() never reached {', '.join(unreached)}"


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_the_difference_step_resolves_what_stands_or_records_another(data: st.DataObject) -> None:
    """Given a difference standing unresolved, the step either resolves it or records a
    new one (resolved the same day or not), never both; a new one naming an
    organisation the partnership does not know is refused and the step skipped."""
    on, later = date(2012, 4, 1), date(2012, 5, 1)
    p = (
        psp.Partnership("p", "P")
        .join(psp.Partner("a", "A", "third"), on=on)
        .join(psp.Partner("b", "B", "public", public_body_kind="cja"), on=on)
        .record_difference("d", "who refers", ["a", "b"], on=on)
    )
    step = st.composite(lambda draw: _difference_step(draw, p, [], later))()
    try:
        q = data.draw(step)
    except psp.PSPError:
        return  # a new difference naming an unknown organisation: the step is skipped
    (standing,) = [d for d in q.differences() if d.id == "d"]
    if standing.resolved_on is not None:
        assert (standing.how, len(q.differences())) == ("a compromise", 1)
    else:
        assert len(q.differences()) == 2
