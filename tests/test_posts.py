"""People in posts (issue 18, item 3): a post established, filled by one person at a
time and vacated; who holds which post on a date; a group's chairs as people."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    GovernanceStructure,
    Group,
    Partner,
    Partnership,
    Post,
    PostHolder,
    PostKind,
    PSPError,
    RuleViolationError,
)

D0, D1, D2, D3 = date(2012, 4, 1), date(2012, 6, 1), date(2012, 9, 1), date(2012, 11, 1)
ALDER = Partner("a", "Alder Trust", "third")
BIRCH = Partner("b", "Birch CJA", "public", public_body_kind="cja")
CEDAR = Partner("c", "Cedar Project", "third")


def governed() -> Partnership:
    """Alder (lead), Birch and Cedar members from D0; a Governance Group seating Alder and
    Birch, both its chairs; a chair and a co-chair of it, and a partnership manager."""
    gg = Group("gg", "Governance Group", "governance", members={"a", "b"}, chairs={"a", "b"})
    p = Partnership("p", "P").join(ALDER, on=D0, roles={"lead"}).join(BIRCH, on=D0)
    p = p.join(CEDAR, on=D0).adopt_governance(GovernanceStructure("single-tier", [gg]), on=D0)
    for post in (
        Post("chair", "chair", group="gg"),
        Post("co-chair", PostKind.CO_CHAIR, group="gg"),
        Post("manager", "partnership-manager"),
    ):
        p = p.establish_post(post, on=D0)
    return p


class TestEstablishing:
    """A post is established vacant, with its kind and the group it is a seat of."""

    def test_a_new_post_stands_vacant(self) -> None:
        p = governed()
        assert [x.id for x in p.posts()] == ["chair", "co-chair", "manager"]
        assert p.vacant_posts() == p.posts()
        assert p.holder("manager") is None
        assert p.holders() == ()

    def test_a_post_is_vacant_only_from_when_it_was_established(self) -> None:
        p = governed().establish_post(Post("cw-1", "case-worker"), on=D2)
        assert [x.id for x in p.vacant_posts(D1)] == ["chair", "co-chair", "manager"]
        assert [x.id for x in p.vacant_posts(D2)][-1] == "cw-1"

    def test_several_posts_of_one_kind_have_their_own_ids(self) -> None:
        p = governed()
        for n in (1, 2, 3):
            p = p.establish_post(Post(f"cw-{n}", PostKind.CASE_WORKER), on=D1)
        assert [x.kind for x in p.posts()].count(PostKind.CASE_WORKER) == 3


class TestHolding:
    """Who holds which post on a date."""

    def test_filling_and_vacating_a_post(self) -> None:
        p = governed().fill_post("manager", "Jo Byrne", on=D1, partner="a")
        p = p.vacate_post("manager", on=D2, reason="moved on")
        held = p.post_holders("manager")
        assert held == (PostHolder("manager", psp.Period(D1, D2), "Jo Byrne", "a"),)
        assert p.holder("manager", D0) is None
        assert p.holder("manager", D1) == held[0]
        assert p.holder("manager", D2) is None
        assert [x.id for x in p.vacant_posts()] == ["chair", "co-chair", "manager"]

    def test_a_handover_on_one_day(self) -> None:
        """Vacating and filling on the same day: the old holder up to it, the new from it."""
        p = governed().fill_post("manager", "Jo Byrne", on=D1)
        p = p.vacate_post("manager", on=D2).fill_post("manager", "Sam Patel", on=D2)
        assert p.holder("manager", D2 - timedelta(days=1)).person == "Jo Byrne"  # type: ignore[union-attr]
        assert p.holder("manager", D2).person == "Sam Patel"  # type: ignore[union-attr]
        assert [h.person for h in p.post_holders()] == ["Jo Byrne", "Sam Patel"]

    def test_a_holder_may_be_unnamed(self) -> None:
        """3.54: "South West Scotland CJA Chief Officer Co-Chaired this PSP", no name."""
        p = governed().fill_post("co-chair", on=D1, partner="b", title="Chief Officer")
        holder = p.holder("co-chair")
        assert holder is not None
        assert (holder.person, holder.partner_id, holder.title) == (None, "b", "Chief Officer")

    def test_filling_a_held_post_is_refused(self) -> None:
        p = governed().fill_post("manager", "Jo Byrne", on=D1)
        with pytest.raises(RuleViolationError) as info:
            p.fill_post("manager", "Sam Patel", on=D2)
        assert info.value.code == "post-held"


class TestChairs:
    """A group's chair as a person, tied to the organisations the group names as chairs."""

    def test_the_chairs_of_a_group_are_the_people_in_its_chair_posts(self) -> None:
        p = governed().fill_post("chair", "Morag Kerr", on=D1, partner="a")
        p = p.fill_post("co-chair", on=D1, partner="b", title="Chief Officer")
        p = p.fill_post("manager", "Jo Byrne", on=D1, partner="a")
        assert [(h.post_id, h.partner_id) for h in p.chairs("gg")] == [
            ("chair", "a"),
            ("co-chair", "b"),
        ]
        assert {h.partner_id for h in p.chairs("gg")} <= p.governance().group("gg").chairs  # type: ignore[union-attr]
        assert p.chairs("gg", D0) == ()
        assert p.chairs() == ()  # no chair of the partnership itself

    def test_a_chair_of_the_partnership_itself(self) -> None:
        p = governed().establish_post(Post("psp-chair", "chair"), on=D1)
        p = p.fill_post("psp-chair", on=D1, partner="c")
        assert [h.post_id for h in p.chairs()] == ["psp-chair"]

    def test_a_chair_is_held_for_one_of_the_groups_chairs(self) -> None:
        gg = Group("gg", "Governance Group", "governance", members={"a", "c"}, chairs={"a"})
        p = governed().adopt_governance(GovernanceStructure("single-tier", [gg]), on=D1)
        with pytest.raises(RuleViolationError) as info:
            p.fill_post("chair", on=D1, partner="c")
        assert info.value.code == "not-a-chair"

    def test_a_group_that_names_no_chairs_takes_a_chair_from_its_members(self) -> None:
        gg = Group("gg", "Governance Group", "governance", members={"a", "c"})
        p = governed().adopt_governance(GovernanceStructure("single-tier", [gg]), on=D1)
        assert p.fill_post("chair", on=D1, partner="c").holder("chair") is not None


class TestRoundTrip:
    def test_posts_and_holders_survive_plain_data(self) -> None:
        p = governed().fill_post("chair", "Morag Kerr", on=D1, partner="a", title="Director")
        p = p.vacate_post("chair", on=D2)
        again = psp.from_data(psp.to_data(p), Partnership)
        assert again == p
        assert again.post_holders() == p.post_holders()


# -- properties ---------------------------------------------------------------------

_ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["fill", "vacate"]),
        st.sampled_from(["chair", "co-chair", "manager"]),
        st.integers(0, 3),  # days after the previous action
        st.sampled_from([None, "Jo Byrne", "Sam Patel"]),
    ),
    max_size=12,
)


@settings(max_examples=40)
@given(_ACTIONS)
def test_a_post_is_held_by_one_person_at_a_time(
    actions: list[tuple[str, str, int, str | None]],
) -> None:
    """Whatever is tried: a fill of a held post and a vacating of a vacant one are
    refused, each post's holders' periods never overlap, a refusal leaves the
    partnership as it was, and its history replays to the same holders."""
    p = governed()
    day = D1
    held: dict[str, bool] = {}
    for action, post, gap, person in actions:
        day += timedelta(days=gap)
        before = psp.to_data(p)
        try:
            if action == "fill":
                p = p.fill_post(post, person, on=day)
            else:
                p = p.vacate_post(post, on=day)
        except PSPError as e:
            refused: str | None = e.code
        else:
            refused = None
            held[post] = action == "fill"
        if refused is not None:
            assert psp.to_data(p) == before
            expected = {
                ("fill", True): "post-held",
                ("vacate", False): "post-vacant",
                ("vacate", True): "too-short",  # vacating on the day it was filled
            }
            assert refused == expected[(action, held.get(post, False))]
    for post in ("chair", "co-chair", "manager"):
        periods = [h.period for h in p.post_holders(post)]
        for a, b in itertools.pairwise(periods):
            assert a.end is not None
            assert a.end <= b.start
        assert (p.holder(post) is not None) == held.get(post, False)
    replayed = Partnership("p", "P", history=p.history)
    assert replayed.post_holders() == p.post_holders()


# -- the examples ---------------------------------------------------------------------


def test_low_moss_is_recruiting_a_partnership_manager_and_case_workers(
    low_moss: Partnership,
) -> None:
    """ "The partnership is currently recruiting for key roles such as the partnership
    manager and case workers": posts established at the pilot's start, none filled."""
    kinds = [x.kind for x in low_moss.vacant_posts()]
    assert kinds[0] is PostKind.PARTNERSHIP_MANAGER
    assert set(kinds[1:]) == {PostKind.CASE_WORKER}
    assert low_moss.holders() == ()


def test_the_change_fund_example_has_a_cja_chief_officer_co_chairing() -> None:
    """3.54: "South West Scotland CJA Chief Officer Co-Chaired this PSP"."""
    import rrcf_portfolio as example

    women = example.build().partnerships[example.CO_CHAIRED - 1]
    (holder,) = women.chairs()
    assert (holder.person, holder.partner_id, holder.title) == (None, "sw-cja", "Chief Officer")
    assert women.organisation("sw-cja").name == "South West Scotland CJA"
