"""The risk register and differences between partners (issue 18, item 4): risks and
issues raised, reviewed and closed; what is open on a date and for how long; a risk's
rating history; differences recorded, resolved or left unresolved (3.30)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import Partner, Partnership, PSPError, Rating, RiskKind, RuleViolationError

D0, D1, D2, D3 = date(2012, 4, 1), date(2012, 6, 1), date(2012, 9, 1), date(2012, 11, 1)
ALDER = Partner("a", "Alder Trust", "third")
BIRCH = Partner("b", "Birch CJA", "public", public_body_kind="cja")


def small() -> Partnership:
    """Alder Trust (the lead) and Birch CJA, members from D0."""
    return Partnership("p", "P").join(ALDER, on=D0, roles={"lead"}).join(BIRCH, on=D0)


class TestRating:
    """A 5 x 5 rating: likelihood and impact from 1 to 5, scored by their product."""

    def test_the_corners_of_the_matrix(self) -> None:
        assert Rating(1, 1).score == 1
        assert Rating(5, 5).score == 25
        assert Rating(likelihood=4, impact=3).score == 12

    @given(st.integers(1, 5), st.integers(1, 5))
    def test_a_higher_likelihood_or_impact_never_scores_lower(self, a: int, b: int) -> None:
        if a < 5:
            assert Rating(a + 1, b).score > Rating(a, b).score
        if b < 5:
            assert Rating(a, b + 1).score > Rating(a, b).score


class TestRegister:
    """A risk or issue raised, reviewed and closed, with its history kept."""

    def test_raising_a_risk(self) -> None:
        p = small().raise_risk("r1", "Referrals fall short", on=D1, owner="b", rating=Rating(3, 4))
        (risk,) = p.risks()
        assert (risk.id, risk.kind, risk.raised_on, risk.owner) == ("r1", RiskKind.RISK, D1, "b")
        assert risk.rating == Rating(3, 4)
        assert p.open_risks() == (risk,)

    def test_reviews_keep_the_rating_history_owners_and_mitigations(self) -> None:
        p = small().raise_risk("r1", "Referrals fall short", on=D0, rating=Rating(4, 4))
        p = p.review_risk("r1", on=D1, rating=Rating(3, 4), mitigation="Weekly check-ins")
        p = p.review_risk("r1", on=D2, owner="a", note="no change")
        p = p.review_risk("r1", on=D3, rating=Rating(2, 3))
        risk = p.risk("r1")
        assert risk.ratings == ((D0, Rating(4, 4)), (D1, Rating(3, 4)), (D3, Rating(2, 3)))
        assert risk.rating == Rating(2, 3)
        assert risk.owner == "a"
        assert risk.mitigations == ((D1, "Weekly check-ins"),)
        assert [r.on for r in risk.reviews] == [D1, D2, D3]

    def test_a_risk_never_rated_has_no_rating(self) -> None:
        risk = small().raise_risk("r1", "Late", on=D0).risk("r1")
        assert (risk.rating, risk.ratings) == (None, ())

    def test_closing_a_risk(self) -> None:
        p = small().raise_risk("r1", "Late", on=D0).close_risk("r1", on=D2, reason="passed")
        risk = p.risk("r1")
        assert (risk.closed_on, risk.closed_because) == (D2, "passed")
        assert p.open_risks() == ()
        assert p.open_risks(D1) == (risk,)
        with pytest.raises(RuleViolationError) as info:
            p.review_risk("r1", on=D3)
        assert info.value.code == "risk-closed"

    def test_how_long_a_risk_has_been_open(self) -> None:
        p = small().raise_risk("r1", "Late", on=D1).close_risk("r1", on=D2, reason="passed")
        risk = p.risk("r1")
        assert risk.days_open(D1 - timedelta(days=1)) == 0
        assert risk.days_open(D1 + timedelta(days=10)) == 10
        assert risk.days_open(D3) == (D2 - D1).days  # closed: it stops counting

    def test_an_issue_raised_and_closed_on_one_day_is_never_open(self) -> None:
        p = small().raise_risk("i1", "A complaint", on=D1, kind="issue")
        p = p.close_risk("i1", on=D1, reason="answered at the meeting")
        assert p.open_risks(D1) == ()
        assert p.risk("i1").days_open(D2) == 0

    def test_open_risks_of_one_kind(self) -> None:
        p = small().raise_risk("r1", "Late", on=D0).raise_risk("i1", "Short", on=D0, kind="issue")
        assert [r.id for r in p.open_risks(kind="issue")] == ["i1"]
        assert [r.id for r in p.open_risks(kind=RiskKind.RISK)] == ["r1"]

    def test_the_register_survives_plain_data(self) -> None:
        p = small().raise_risk("r1", "Late", on=D0, raised_by="a", rating=Rating(2, 5))
        p = p.review_risk("r1", on=D1, rating=Rating(1, 5), owner="b", mitigation="A plan")
        p = p.close_risk("r1", on=D2, reason="passed")
        assert psp.from_data(psp.to_data(p), Partnership) == p


class TestDifferences:
    """3.30: differences between partners, resolved (how) or left unresolved."""

    def test_a_difference_stands_unresolved_until_resolved(self) -> None:
        p = small().record_difference("d1", "Data sharing", [ALDER, "b"], on=D1)
        (d,) = p.unresolved_differences()
        assert (d.parties, d.subject, d.raised_on) == (frozenset({"a", "b"}), "Data sharing", D1)
        p = p.resolve_difference("d1", "A protocol agreed", on=D2)
        assert p.unresolved_differences() == ()
        assert p.unresolved_differences(D1) == p.differences()
        assert (p.differences()[0].resolved_on, p.differences()[0].how) == (
            D2,
            "A protocol agreed",
        )

    def test_a_difference_survives_plain_data(self) -> None:
        p = small().record_difference("d1", "Data sharing", ["a", "b"], on=D1)
        p = p.resolve_difference("d1", "Talked it through", on=D2)
        assert psp.from_data(psp.to_data(p), Partnership) == p


# -- properties ---------------------------------------------------------------------

_MOVES = st.lists(
    st.tuples(st.sampled_from(["raise", "close"]), st.integers(0, 4), st.integers(0, 3)),
    max_size=15,
)


@settings(max_examples=40)
@given(_MOVES)
def test_the_open_items_are_those_raised_and_not_closed(
    moves: list[tuple[str, int, int]],
) -> None:
    """Raising and closing risks r0..r4 in any order: on every day, the open ones are
    exactly those raised by then and not closed by then; a refused move (raising an id
    taken, closing one not open) changes nothing."""
    p = small()
    day = D0
    raised: dict[str, date] = {}
    closed: dict[str, date] = {}
    for move, n, gap in moves:
        day += timedelta(days=gap)
        rid = f"r{n}"
        before = psp.to_data(p)
        try:
            if move == "raise":
                p = p.raise_risk(rid, "Something", on=day)
            else:
                p = p.close_risk(rid, on=day, reason="passed")
        except PSPError:
            assert psp.to_data(p) == before
            assert (rid in raised) if move == "raise" else (rid not in raised or rid in closed)
            continue
        (raised if move == "raise" else closed)[rid] = day
    for k in range((day - D0).days + 2):
        on = D0 + timedelta(days=k)
        expected = {
            rid
            for rid, start in raised.items()
            if start <= on and (rid not in closed or on < closed[rid])
        }
        assert {r.id for r in p.open_risks(on)} == expected


# -- the examples ---------------------------------------------------------------------


def test_low_moss_records_its_key_challenges_as_issues_overcome(low_moss: Partnership) -> None:
    """The case study's "Key Challenges": timescales, stakeholder management and
    partnership working, each addressed and overcome by the launch."""
    challenges = low_moss.risks()
    assert [r.id for r in challenges] == [
        "timescales",
        "stakeholder-management",
        "partnership-working",
    ]
    assert {r.kind for r in challenges} == {RiskKind.ISSUE}
    assert all(r.closed_because.startswith("Addressed and overcome") for r in challenges)
    assert all(r.rating is None and r.owner is None for r in challenges)  # the seed gives none
    assert low_moss.open_risks() == ()
    assert {r.id for r in low_moss.open_risks(date(2012, 7, 1))} == {r.id for r in challenges}


def test_the_change_fund_example_leaves_a_difference_unresolved() -> None:
    """3.30: differences "that could not be overcome within the timescale for
    partnership development"; the lead hoped they would be resolved later."""
    import rrcf_portfolio as example

    p = example.build().partnerships[example.DIFFERED - 1]
    (d,) = p.unresolved_differences()
    lead = p.lead()
    assert lead is not None
    assert lead.id in d.parties
    assert d.parties == {m.id for m in p.members()}
