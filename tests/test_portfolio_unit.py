"""The portfolio as the analyst's unit: every partnership's status in one call, the
partner graph at two dates compared, and organisations with a part (funders, seat
holders, commitment givers, tenderers) in the graph on request."""

from __future__ import annotations

import json
from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    Bid,
    BidSubmitted,
    GraphDiff,
    InvalidValueError,
    Partner,
    Partnership,
    Policy,
    Portfolio,
    RuleViolationError,
    SustainabilityCommitment,
    Tender,
    TransitionRefusedError,
    graph_diff,
    link_density,
    partner_graph,
    portfolio_status,
    tie_graph,
)
from psp.testing import partnerships, portfolios

D1 = date(2012, 4, 1)
D2 = date(2012, 9, 1)
D3 = date(2012, 10, 1)
D4 = date(2013, 1, 1)

LEAD = Partner("lead", "Lead charity", "third", reach="national")
CJA = Partner("cja", "A CJA", "public", public_body_kind="cja")
PRISON = Partner("prison", "HMP X", "public", public_body_kind="prison-service")
TRUST = Partner("trust", "A trust", "third")
FRIEND = Partner("friend", "Ready for Business", "third")
BIDDER = Partner("bidder", "A provider", "private")

DAYS = st.dates(date(2009, 6, 1), date(2020, 1, 1))


def funded() -> Partnership:
    """A partnership with a member, a critical friend, an awarded bid with its funder
    (not a member), a commitment given by a member and a tender received."""
    return (
        Partnership("p", "PSP P", focus={"prison-leavers"})
        .join(LEAD, roles={"lead", "provider"}, on=D1)
        .join(CJA, roles={"strategic"}, on=D1)
        .take_seat(FRIEND, "critical-friend", on=D1)
        .add_organisation(TRUST, on=D1)
        .draft_bid(Bid(id="b1", funder="trust", purpose="pilot", drafted_on=D2, amount_asked=90))
        .draft_bid(Bid(id="b2", funder="trust", purpose="pilot", drafted_on=D2, amount_asked=40))
        .submit_bid("b1", on=D2)
        .decide_bid("b1", on=D3, awarded=True, amount=75)
        .seek_commitment(SustainabilityCommitment(id="c1", by="cja"), on=D3)
        .give_commitment("c1", on=D3)
        .plan_tender(Tender(id="t1", commissioner="cja", title="Throughcare"), on=D4)
        .open_tender("t1", on=D4)
        .add_organisation(BIDDER, on=D4)
        .receive_tender("t1", "bidder", on=D4)
    )


class TestPortfolioStatus:
    """One row per partnership: stage, blockers, unfilled roles, missing public bodies
    and funding, of plain values."""

    def test_a_row_gathers_what_the_partnership_queries_give(self) -> None:
        [row] = portfolio_status(funded())
        assert row == {
            "partnership": "p",
            "name": "PSP P",
            "stage": "forming",
            "blockers": {"start-design": (), "close": ()},
            "unfilled_roles": ("referral",),
            "missing_public_bodies": (),
            "funding_asked": 90,
            "funding_awarded": 75,
        }
        assert json.loads(json.dumps(row)) == {
            **row,
            "unfilled_roles": ["referral"],
            "missing_public_bodies": [],
            "blockers": {"start-design": [], "close": []},
        }

    def test_missing_public_bodies_under_a_given_policy_or_the_partnerships_own(self) -> None:
        p = funded()
        assert portfolio_status(p, policy=Policy.rrcf())[0]["missing_public_bodies"] == (
            "local-authority",
            "prison-service",
        )
        own = attrs.evolve(p, policy=Policy.rrcf())
        assert portfolio_status(own)[0]["missing_public_bodies"] == (
            "local-authority",
            "prison-service",
        )

    def test_on_a_date_funding_and_make_up_then(self) -> None:
        [row] = portfolio_status(funded(), on=D2)
        assert (row["funding_asked"], row["funding_awarded"]) == (90, None)
        [row] = portfolio_status(funded(), on=D1)
        assert (row["funding_asked"], row["funding_awarded"]) == (None, None)
        assert row["blockers"]["start-design"] == ()

    def test_blockers_name_the_rules_that_refuse_the_step(self) -> None:
        p = Partnership("q", "Q").join(LEAD, roles={"provider"}, on=D1)
        [row] = portfolio_status(p)
        assert row["blockers"] == {
            "start-design": ("lead-missing", "min-public-members"),
            "close": (),
        }

    def test_a_portfolio_has_a_row_per_partnership_in_order(self) -> None:
        q = Partnership("q", "Q").join(CJA, roles={"strategic"}, on=D1)
        rows = portfolio_status(Portfolio("f", "F", [q, funded()]))
        assert [r["partnership"] for r in rows] == ["q", "p"]

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"obj": "p"}, "obj"),
            ({"policy": "rrcf"}, "policy"),
            ({"on": "2012-04-01"}, "on"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, object], field: str) -> None:
        obj = kwargs.pop("obj", funded())
        with pytest.raises(InvalidValueError) as e:
            portfolio_status(obj, **kwargs)  # type: ignore[arg-type]
        assert e.value.field == field

    @settings(max_examples=25)
    @given(portfolios(max_partnerships=2, max_steps=10))
    def test_rows_agree_with_the_partnerships_own_queries(self, f: Portfolio) -> None:
        rows = portfolio_status(f)
        composition = f.composition()
        missing = psp.missing_public_bodies(f, Policy.rrcf())
        under_rrcf = portfolio_status(f, policy=Policy.rrcf())
        for p, row, c, m, r in zip(
            f.partnerships, rows, composition, missing, under_rrcf, strict=True
        ):
            assert row["stage"] == c["stage"]
            assert row["funding_awarded"] == c["funding_awarded"]
            assert r["missing_public_bodies"] == m["missing"]
            assert set(row["unfilled_roles"]) == {r.value for r in p.unfilled_roles()}
            assert list(row["blockers"]) == [s.value for s in p.next_steps()]

    @settings(max_examples=30)
    @given(partnerships(max_organisations=5, max_steps=15))
    def test_a_step_is_refused_exactly_when_it_has_blockers(self, p: Partnership) -> None:
        [row] = portfolio_status(p)
        day = p.last_event_date or D1
        for step, blockers in row["blockers"].items():
            if blockers:
                with pytest.raises(TransitionRefusedError) as e:
                    p.step(step, on=day, reason="a reason")  # type: ignore[arg-type]
                assert blockers == tuple(sorted({f.rule for f in e.value.findings}))
            else:
                p.step(step, on=day, reason="a reason")  # type: ignore[arg-type]
        submitted = {e.bid_id for e in p.history if isinstance(e, BidSubmitted)}
        asked = [a for b in submitted if (a := p.bid(b).amount_asked) is not None]
        assert row["funding_asked"] == (sum(asked) if asked else None)


def parts_now(p: Partnership) -> set[tuple[str, str]]:
    """The parts played in ``p`` now, from its queries and events (not psp's own code)."""
    found = {(b.funder, "funder") for b in p.bids() if b.status.value == "awarded"}
    found |= {(s.partner_id, s.kind.value) for s in p.seats_on()}
    found |= {
        (c.by, "commitment-giver")
        for c in p.commitments()
        if c.status.value in ("given", "conditions-met")
    }
    found |= {(t, "tenderer") for x in p.tenders() for t in x.tenderers}
    return found


class TestParts:
    """Organisations with a part in a partnership are in the graph only on request,
    marked as such, with ``part-of`` edges apart from recorded links."""

    def test_off_by_default(self) -> None:
        g = partner_graph(funded())
        assert set(g.nodes) == {"lead", "cja"}
        assert all("parts" not in d for _, d in g.nodes(data=True))

    def test_on_request_non_members_are_marked_with_their_parts(self) -> None:
        g = partner_graph(funded(), parts=True)
        assert list(g.nodes) == [
            "lead",
            "cja",
            "trust",
            "friend",
            "bidder",
            "partnership:p",
        ]
        assert {
            n: (d["member"], d["parts"]) for n, d in g.nodes(data=True) if n != "partnership:p"
        } == {
            "lead": (True, ()),
            "cja": (True, ("commitment-giver",)),
            "trust": (False, ("funder",)),
            "friend": (False, ("critical-friend",)),
            "bidder": (False, ("tenderer",)),
        }
        assert g.nodes["trust"]["parts_by_partnership"] == {"p": ("funder",)}
        assert g.nodes["trust"]["partnerships"] == ()
        assert sorted(
            (u, v, d["kind"], d["part"], d["label"]) for u, v, d in g.edges(data=True)
        ) == [
            ("bidder", "partnership:p", "part-of", "tenderer", "tenders to"),
            ("cja", "partnership:p", "part-of", "commitment-giver", "gives a commitment to"),
            ("friend", "partnership:p", "part-of", "critical-friend", "is a critical friend of"),
            ("trust", "partnership:p", "part-of", "funder", "funds"),
        ]
        assert g.nodes["partnership:p"]["kind"] == "partnership"

    def test_parts_on_a_date_are_those_played_then(self) -> None:
        g = partner_graph(funded(), parts=True, on=D2)
        assert set(g.nodes) == {"lead", "cja", "friend", "partnership:p"}

    def test_a_lapsed_commitment_is_no_longer_a_part(self) -> None:
        p = funded().lapse_commitment("c1", on=date(2014, 1, 1))
        assert partner_graph(p, parts=True).nodes["cja"]["parts"] == ()
        assert partner_graph(p, parts=True, on=D4).nodes["cja"]["parts"] == ("commitment-giver",)

    def test_part_edges_are_no_ties(self) -> None:
        g = partner_graph(funded(), parts=True)
        assert tie_graph(g).number_of_edges() == 0
        assert link_density(g) == link_density(partner_graph(funded()))

    def test_an_organisation_named_like_a_partnership_node(self) -> None:
        odd = Partner("partnership:p", "Odd", "third")
        p = Partnership("p", "P").join(odd, on=D1)
        with pytest.raises(RuleViolationError) as e:
            partner_graph(p, parts=True)
        assert (e.value.field, e.value.code) == ("parts", "node-id-clash")

    @settings(max_examples=30)
    @given(partnerships(max_organisations=5, max_steps=15), st.booleans())
    def test_non_members_appear_only_on_request(self, p: Partnership, parts: bool) -> None:
        g = partner_graph(p, parts=parts)
        plain = partner_graph(p)
        organisations = {n for n, d in g.nodes(data=True) if d["kind"] == "organisation"}
        expected = {org for org, _ in parts_now(p)} if parts else set()
        assert organisations == set(plain.nodes) | expected
        held = {(u, d["part"]) for u, _, d in g.edges(data=True) if d["kind"] == "part-of"}
        assert held == (parts_now(p) if parts else set())

    @settings(max_examples=30)
    @given(partnerships(max_organisations=5, max_steps=15), DAYS)
    def test_parts_on_a_day_are_those_of_the_history_up_to_it(
        self, p: Partnership, day: date
    ) -> None:
        then = attrs.evolve(p, history=[e for e in p.history if e.on <= day])
        g = partner_graph(p, parts=True, on=day)
        held = {(u, d["part"]) for u, _, d in g.edges(data=True) if d["kind"] == "part-of"}
        assert held == parts_now(then)


class TestGraphDiff:
    """The partner graph at two dates compared: what was added and what removed."""

    def test_organisations_ties_roles_and_parts(self) -> None:
        p = (
            funded()
            .join(PRISON, roles={"referral"}, on=D4)
            .link("prison", "lead", "refers-to", on=D4)
            .change_roles("cja", {"strategic", "referral"}, on=D4)
            .leave_seat("friend", on=D4)
        )
        d = graph_diff(p, D2, D4, parts=True)
        assert d == GraphDiff(
            D2,
            D4,
            organisations_added=("bidder", "prison", "trust"),
            organisations_removed=("friend",),
            ties_added=(("prison", "lead", "refers-to"),),
            roles_added=(("cja", "p", "referral"), ("prison", "p", "referral")),
            parts_added=(
                ("bidder", "p", "tenderer"),
                ("cja", "p", "commitment-giver"),
                ("trust", "p", "funder"),
            ),
            parts_removed=(("friend", "p", "critical-friend"),),
        )
        assert d
        back = graph_diff(p, D4, D2, parts=True)
        assert back.organisations_removed == d.organisations_added
        assert back.parts_added == d.parts_removed

    def test_without_parts_only_members_and_link_ends(self) -> None:
        d = graph_diff(funded(), D2, D4)
        assert not d
        assert d == GraphDiff(D2, D4)

    def test_the_low_moss_funders_arrive_with_the_award(self, low_moss: Partnership) -> None:
        d = graph_diff(low_moss, date(2012, 9, 30), date(2012, 10, 1), parts=True)
        assert d.organisations_added == ("robertson-trust", "scot-gov")
        assert d.parts_added == (
            ("ns-cja", "low-moss", "commitment-giver"),
            ("robertson-trust", "low-moss", "funder"),
            ("scot-gov", "low-moss", "funder"),
        )
        assert not graph_diff(low_moss, date(2012, 4, 1), None)

    @pytest.mark.parametrize("field", ["before", "after"])
    def test_dates_are_checked_by_name(self, field: str) -> None:
        args = {"before": D1, "after": D2, field: "2012-04-01"}
        with pytest.raises(InvalidValueError) as e:
            graph_diff(funded(), **args)  # type: ignore[arg-type]
        assert e.value.field == field

    @settings(max_examples=25)
    @given(portfolios(max_steps=10), DAYS)
    def test_a_graph_compared_with_itself_is_unchanged(self, f: Portfolio, day: date) -> None:
        assert not graph_diff(f, day, day, parts=True)

    @settings(max_examples=30)
    @given(portfolios(max_steps=10), DAYS, DAYS)
    def test_changes_are_the_set_differences_of_the_two_dates(
        self, f: Portfolio, before: date, after: date
    ) -> None:
        def seen(on: date) -> tuple[set[str], set[tuple[str, str, str]], set[tuple[str, str, str]]]:
            links = [k for p in f.partnerships for k in p.links_on(on)] + list(f.links_on(on))
            roles = {
                (m.partner_id, p.id, r.value)
                for p in f.partnerships
                for m in p.memberships_on(on)
                for r in m.roles
            }
            ties = {(k.source, k.target, str(k.kind)) for k in links}
            members = {org for org, _, _ in roles} | {
                m.partner_id for p in f.partnerships for m in p.memberships_on(on)
            }
            return members | {x for t in ties for x in t[:2]}, ties, roles

        d = graph_diff(f, before, after)
        (o0, t0, r0), (o1, t1, r1) = seen(before), seen(after)
        assert set(d.organisations_added) == o1 - o0
        assert set(d.organisations_removed) == o0 - o1
        assert set(d.ties_added) == t1 - t0
        assert set(d.ties_removed) == t0 - t1
        assert set(d.roles_added) == r1 - r0
        assert set(d.roles_removed) == r0 - r1
        assert list(d.ties_added) == sorted(d.ties_added)
        assert d.parts_added == d.parts_removed == ()
