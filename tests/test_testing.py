"""psp.testing: the strategies users get for their own property tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import psp
from psp.testing import dates, names, partners, partnerships, slugs


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
    assert len(p.organisations) <= 3
    assert len(p.history) <= 80  # a join of a new organisation records two events


@given(slugs(), names(), dates())
def test_text_strategies_give_valid_text(slug: str, name: str, day: object) -> None:
    assert psp.Partner(slug, name, "third").id == slug
