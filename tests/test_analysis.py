"""Network analyses of partner graphs, checked on small graphs worked out by hand."""

from __future__ import annotations

import math
from datetime import date
from itertools import permutations
from typing import Any

import networkx as nx
import pytest
import rrcf_portfolio as example
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    BROKERAGE_ROLES,
    InvalidValueError,
    LinkKind,
    Partner,
    Partnership,
    Policy,
    Portfolio,
    UnknownReferenceError,
    bridging_organisations,
    brokerage,
    burt_constraint,
    degree_centralisation,
    effective_size,
    ei_index,
    lead_position,
    link_density,
    link_kind_profile,
    missing_public_bodies,
    multiplex_ties,
    multiplexity,
    partner_graph,
    referral_path,
    referral_reach,
    tie_graph,
)
from psp.testing import portfolios

DAY = date(2012, 10, 1)


def graph(
    nodes: dict[str, dict[str, Any]], links: list[tuple[str, str, str]]
) -> nx.MultiDiGraph[str]:
    """A hand-made graph with partner_graph's attribute names."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n, attrs in nodes.items():
        g.add_node(n, kind="organisation", **attrs)
    for u, v, kind in links:
        g.add_edge(u, v, kind=kind, partnership="p")
    return g


def sectors(**by_node: str) -> dict[str, dict[str, Any]]:
    return {n: {"sector": s} for n, s in by_node.items()}


def star(n: int, kind: str = "refers-to") -> nx.MultiDiGraph[str]:
    leaves = [f"x{i}" for i in range(n)]
    nodes = {"hub": {"sector": "third"}} | {x: {"sector": "public"} for x in leaves}
    return graph(nodes, [("hub", x, kind) for x in leaves])


class TestEIIndex:
    """(E - I) / (E + I) over distinct pairs of organisations joined by a link."""

    def test_all_ties_inside_groups(self) -> None:
        g = graph(
            sectors(a="third", b="third", c="public", d="public"),
            [("a", "b", "funds"), ("c", "d", "funds")],
        )
        assert ei_index(g) == -1.0

    def test_all_ties_across_groups(self) -> None:
        assert ei_index(star(3)) == 1.0

    def test_a_mixed_network(self) -> None:
        # Ties: a-b (inside), a-c, b-c, c-d (across): E = 3, I = 1, so (3 - 1) / 4.
        g = graph(
            sectors(a="third", b="third", c="public", d="private"),
            [
                ("a", "b", "refers-to"),
                ("c", "a", "refers-to"),
                ("b", "c", "funds"),
                ("d", "c", "funds"),
            ],
        )
        assert ei_index(g) == 0.5

    def test_several_links_between_a_pair_are_one_tie(self) -> None:
        g = graph(
            sectors(a="third", b="third", c="public"),
            [
                ("a", "b", "refers-to"),
                ("b", "a", "funds"),
                ("a", "b", "funds"),
                ("a", "c", "funds"),
            ],
        )
        assert ei_index(g) == 0.0  # one tie inside, one across

    def test_a_group_own_index(self) -> None:
        # Public ties: c-d inside, c-a across, d-b across: E = 2, I = 1. Third: a-b
        # inside, c-a and d-b across: also (2 - 1) / 3.
        g = graph(
            sectors(a="third", b="third", c="public", d="public"),
            [
                ("a", "b", "funds"),
                ("c", "d", "funds"),
                ("c", "a", "refers-to"),
                ("d", "b", "refers-to"),
            ],
        )
        assert ei_index(g, group="public") == pytest.approx(1 / 3)
        g.add_node("e", kind="organisation", sector="private")
        g.add_edge("e", "a", kind="funds")
        assert ei_index(g, group="private") == 1.0

    def test_by_another_attribute_and_kind(self) -> None:
        g = graph(
            {"a": {"reach": "national"}, "b": {"reach": "local"}, "c": {"reach": "local"}},
            [("a", "b", "refers-to"), ("b", "c", "funds")],
        )
        assert ei_index(g, "reach") == 0.0
        assert ei_index(g, "reach", kinds=["funds"]) == -1.0

    def test_no_ties_is_undefined(self) -> None:
        assert ei_index(graph(sectors(a="third"), [])) is None

    def test_membership_edges_and_partnership_nodes_are_not_ties(self) -> None:
        p = Partnership("p", "P").join(Partner("a", "A", "third"), on=DAY)
        assert ei_index(partner_graph(p, include_partnerships=True)) is None

    @settings(max_examples=60)
    @given(portfolios())
    def test_always_between_minus_one_and_one(self, f: Portfolio) -> None:
        g = partner_graph(f)
        value = ei_index(g)
        if tie_graph(g).number_of_edges():
            assert value is not None
            assert -1.0 <= value <= 1.0
        else:
            assert value is None


class TestDensityAndCentralisation:
    """Density of links and Freeman's degree centralisation, per link kind."""

    def test_density_is_the_share_of_ordered_pairs_linked(self) -> None:
        g = graph(
            sectors(a="third", b="third", c="public"),
            [("a", "b", "funds"), ("b", "a", "funds"), ("a", "c", "refers-to")],
        )
        assert link_density(g) == 3 / 6
        assert link_density(g, kinds=["refers-to"]) == 1 / 6

    def test_a_path_of_four(self) -> None:
        # Degrees 1, 2, 2, 1; the top is 2: (1 + 0 + 0 + 1) / ((4 - 1) * (4 - 2)).
        g = graph(
            sectors(a="t", b="t", c="t", d="t"),
            [("a", "b", "funds"), ("b", "c", "funds"), ("c", "d", "funds")],
        )
        assert degree_centralisation(g) == pytest.approx(1 / 3)

    @given(st.integers(3, 12))
    def test_a_star_is_one(self, n: int) -> None:
        assert degree_centralisation(star(n - 1)) == 1.0

    @given(st.integers(3, 12), st.booleans())
    def test_a_regular_graph_is_zero(self, n: int, complete: bool) -> None:
        base = nx.complete_graph(n) if complete else nx.cycle_graph(n)
        g = graph(
            {str(i): {"sector": "third"} for i in base},
            [(str(u), str(v), "funds") for u, v in base.edges],
        )
        assert degree_centralisation(g) == 0.0

    def test_small_graphs_are_zero(self) -> None:
        assert degree_centralisation(star(1)) == 0.0

    def test_per_link_kind(self) -> None:
        g = star(3, "refers-to")
        g.add_edge("x0", "x1", kind="funds")
        rows = link_kind_profile(g)
        assert [(r["kind"], r["links"]) for r in rows] == [("refers-to", 3), ("funds", 1)]
        assert rows[0]["centralisation"] == 1.0
        assert rows[0]["density"] == 3 / 12
        # One funding tie among four organisations: x0 and x1 have degree 1, the others 0.
        assert rows[1]["centralisation"] == pytest.approx((0 + 0 + 1 + 1) / (3 * 2))

    def test_membership_edges_are_not_a_link_kind(self) -> None:
        p = (
            Partnership("p", "P")
            .join(Partner("a", "A", "third"), on=DAY)
            .join(Partner("b", "B", "third"), on=DAY)
            .link("a", "b", "funds", on=DAY)
        )
        rows = link_kind_profile(partner_graph(p, include_partnerships=True))
        assert [(r["kind"], r["links"]) for r in rows] == [("funds", 1)]


class TestLeadPosition:
    """The lead's share of its partnership's ties and its betweenness there."""

    def partnership(self) -> Partnership:
        p = Partnership("p", "P").join(Partner("l", "Lead", "third"), roles={"lead"}, on=DAY)
        for x in ("a", "b", "c"):
            p = p.join(Partner(x, x.upper(), "third"), on=DAY)
        return p

    def test_a_lead_between_two_members_and_one_isolated(self) -> None:
        # Ties a-l and l-b; c has none. Only the pair (a, b) goes through the lead, out of
        # three pairs not involving it: betweenness 1/3; both ties are the lead's.
        p = self.partnership().link("a", "l", "refers-to", on=DAY).link("l", "b", "funds", on=DAY)
        (row,) = lead_position(partner_graph(p))
        assert row == {
            "partnership": "p",
            "lead": "l",
            "ties": 2,
            "lead_ties": 2,
            "share_of_ties": 1.0,
            "betweenness": pytest.approx(1 / 3),
        }

    def test_a_lead_outside_the_ties(self) -> None:
        p = self.partnership().link("a", "b", "refers-to", on=DAY)
        (row,) = lead_position(partner_graph(p))
        assert (row["share_of_ties"], row["betweenness"]) == (0.0, 0.0)

    def test_without_a_lead_or_ties(self) -> None:
        p = Partnership("p", "P").join(Partner("a", "A", "third"), on=DAY)
        (row,) = lead_position(partner_graph(p))
        assert row["lead"] is None
        assert row["share_of_ties"] is None
        assert row["betweenness"] is None

    def test_per_partnership_in_a_portfolio(self) -> None:
        f = example.build()
        rows = lead_position(partner_graph(f, on=example.COUNTED))
        assert [r["partnership"] for r in rows] == [p.id for p in f.partnerships]
        # In the example every link of a partnership runs to or from its lead.
        assert all(r["share_of_ties"] == 1.0 for r in rows)


class TestStructuralHoles:
    """Burt's constraint and effective size, from networkx, on one tie per pair."""

    def test_a_star(self) -> None:
        # The hub spreads its ties over three unconnected contacts: 3 * (1/3)^2.
        c = burt_constraint(star(3))
        assert c["hub"] == pytest.approx(1 / 3)
        assert c["x0"] == 1.0
        assert effective_size(star(3))["hub"] == 3.0

    def test_a_triangle_is_redundant(self) -> None:
        g = graph(
            sectors(a="t", b="t", c="t"),
            [("a", "b", "funds"), ("b", "c", "funds"), ("c", "a", "funds")],
        )
        assert effective_size(g) == {"a": 1.0, "b": 1.0, "c": 1.0}

    def test_direction_and_extra_links_change_nothing(self) -> None:
        g = star(3)
        g.add_edge("x0", "hub", kind="funds")
        assert burt_constraint(g) == pytest.approx(burt_constraint(star(3)))
        assert burt_constraint(g, kinds=["funds"])["hub"] == 1.0

    def test_an_organisation_without_ties_is_undefined(self) -> None:
        g = star(2)
        g.add_node("alone", kind="organisation", sector="third")
        assert burt_constraint(g)["alone"] is None  # networkx: nan
        assert effective_size(g)["alone"] is None


class TestBrokerage:
    """Gould and Fernandez's roles on open two-paths a -> b -> c."""

    @pytest.mark.parametrize(
        ("a", "b", "c", "role"),
        [
            ("third", "third", "third", "coordinator"),
            ("public", "third", "public", "itinerant"),
            ("public", "third", "third", "gatekeeper"),
            ("third", "third", "public", "representative"),
            ("public", "third", "private", "liaison"),
        ],
    )
    def test_each_role(self, a: str, b: str, c: str, role: str) -> None:
        g = graph(sectors(a=a, b=b, c=c), [("a", "b", "refers-to"), ("b", "c", "refers-to")])
        counts = brokerage(g)
        assert counts["b"] == {r: int(r == role) for r in BROKERAGE_ROLES}
        assert sum(counts["a"].values()) == sum(counts["c"].values()) == 0

    def test_a_closed_triad_has_no_broker(self) -> None:
        g = graph(
            sectors(a="third", b="third", c="third"),
            [("a", "b", "funds"), ("b", "c", "funds"), ("a", "c", "funds")],
        )
        assert sum(sum(r.values()) for r in brokerage(g).values()) == 0

    def test_a_tie_back_the_other_way_still_leaves_the_path_open(self) -> None:
        # c -> a does not close a -> b -> c; but b -> a -> ... nothing else is open.
        g = graph(
            sectors(a="third", b="public", c="third"),
            [("a", "b", "funds"), ("b", "c", "funds"), ("c", "a", "funds")],
        )
        counts = brokerage(g)
        assert counts["b"]["itinerant"] == 1
        # The cycle gives three open two-paths, one brokered by each.
        assert sum(sum(r.values()) for r in counts.values()) == 3

    def test_a_reciprocated_tie_is_not_a_two_path(self) -> None:
        g = graph(sectors(a="third", b="public"), [("a", "b", "funds"), ("b", "a", "funds")])
        assert sum(sum(r.values()) for r in brokerage(g).values()) == 0

    def test_a_cja_linking_a_council_to_charities(self) -> None:
        # The council refers to the CJA, which refers on to two charities: the CJA
        # represents the public sector to the third, twice.
        g = graph(
            sectors(council="public", cja="public", x="third", y="third"),
            [("council", "cja", "refers-to"), ("cja", "x", "refers-to"), ("cja", "y", "refers-to")],
        )
        assert brokerage(g)["cja"]["representative"] == 2

    @settings(max_examples=60)
    @given(portfolios(), st.sampled_from(["sector", "reach"]))
    def test_counts_sum_to_the_open_two_paths(self, f: Portfolio, attribute: str) -> None:
        g = partner_graph(f)
        d = tie_graph(g, directed=True)
        open_two_paths = sum(
            1
            for a, b, c in permutations(d.nodes, 3)
            if d.has_edge(a, b) and d.has_edge(b, c) and not d.has_edge(a, c)
        )
        counts = brokerage(g, attribute)
        assert set(counts) == set(d.nodes)
        assert sum(sum(r.values()) for r in counts.values()) == open_two_paths


class TestReferrals:
    """Whether someone referred by one organisation can reach a provider, and how."""

    def g(self) -> nx.MultiDiGraph[str]:
        nodes: dict[str, dict[str, Any]] = {
            "police": {"roles": ("referral",)},
            "lead": {"roles": ("lead", "provider")},
            "housing": {"roles": ("support",)},
            "mentor": {"roles": ("provider",)},
            "funder": {"roles": ()},
        }
        return graph(
            nodes,
            [
                ("police", "lead", "refers-to"),
                ("lead", "housing", "onward-referral"),
                ("housing", "mentor", "refers-to"),
                ("funder", "mentor", "funds"),
            ],
        )

    def test_a_path_along_referrals(self) -> None:
        assert referral_path(self.g(), "police", "mentor") == [
            "police",
            "lead",
            "housing",
            "mentor",
        ]
        assert referral_path(self.g(), "lead", "lead") == ["lead"]

    def test_links_of_other_kinds_and_the_wrong_way_are_no_path(self) -> None:
        assert referral_path(self.g(), "funder", "mentor") is None
        assert referral_path(self.g(), "mentor", "police") is None
        assert referral_path(self.g(), "funder", "mentor", kinds=["funds"]) == ["funder", "mentor"]

    def test_the_providers_within_reach(self) -> None:
        assert referral_reach(self.g(), "police") == {
            "lead": ["police", "lead"],
            "mentor": ["police", "lead", "housing", "mentor"],
        }
        assert referral_reach(self.g(), "mentor") == {}

    @pytest.mark.parametrize(
        ("source", "target", "field"), [("x", "lead", "source"), ("lead", "x", "target")]
    )
    def test_unknown_organisations(self, source: str, target: str, field: str) -> None:
        with pytest.raises(UnknownReferenceError) as info:
            referral_path(self.g(), source, target)
        assert info.value.field == field
        with pytest.raises(UnknownReferenceError):
            referral_reach(self.g(), "x")

    def test_in_the_example_portfolio(self) -> None:
        g = partner_graph(example.build())
        # A council refers people to its partnership's lead, who passes them on.
        reach = referral_reach(g, "la-glasgow-1")
        assert reach
        assert all(path[0] == "la-glasgow-1" for path in reach.values())


class TestMultiplexity:
    """How many distinct kinds of link join two organisations."""

    def test_kinds_in_either_direction(self) -> None:
        g = graph(
            sectors(a="t", b="t", c="t"),
            [
                ("a", "b", "refers-to"),
                ("b", "a", "funds"),
                ("a", "b", "funds"),
                ("a", "c", "funds"),
            ],
        )
        assert multiplexity(g, "a", "b") == multiplexity(g, "b", "a") == 2
        assert multiplexity(g, "a", "c") == 1
        assert multiplexity(g, "b", "c") == 0
        assert multiplex_ties(g) == [
            {"source": "a", "target": "b", "kinds": ("funds", "refers-to"), "multiplexity": 2}
        ]
        assert len(multiplex_ties(g, minimum=1)) == 2

    def test_the_same_kind_in_two_partnerships_counts_once(self) -> None:
        cja = Partner("cja", "CJA", "public", public_body_kind="cja")
        lead = Partner("lead", "Lead", "third")
        ps = [
            Partnership(i, i.upper())
            .join(cja, on=DAY)
            .join(lead, on=DAY)
            .link("cja", "lead", "refers-to", on=DAY)
            for i in ("p", "q")
        ]
        g = partner_graph(Portfolio("f", "F", ps))
        assert g.number_of_edges() == 2
        assert multiplexity(g, "cja", "lead") == 1

    def test_refusals(self) -> None:
        with pytest.raises(UnknownReferenceError) as info:
            multiplexity(star(2), "hub", "nobody")
        assert info.value.field == "v"
        with pytest.raises(InvalidValueError):
            multiplex_ties(star(2), minimum=0)


class TestBridgesAndMissingBodies:
    """Organisations across partnerships, and public bodies a focus calls for."""

    def test_bridging_organisations_are_those_in_several_partnerships(self) -> None:
        f = example.build()
        g = partner_graph(f, on=example.COUNTED)
        bridges = {r["organisation"] for r in bridging_organisations(g)}
        assert bridges == {r["organisation"] for r in f.shared_members(example.COUNTED)}
        assert "glasgow-cja" in bridges
        row = next(r for r in bridging_organisations(g) if r["organisation"] == "sps")
        assert row["partnerships"] == ("psp-01", "psp-02", "psp-03", "psp-04")

    def test_missing_public_bodies_for_the_focus(self) -> None:
        p = Partnership("p", "P", focus={"prison-leavers"}).join(
            Partner("cja", "CJA", "public", public_body_kind="cja"), on=DAY
        )
        assert missing_public_bodies(p, Policy.rrcf()) == [
            {
                "partnership": "p",
                "focus": ("prison-leavers",),
                "expected": ("cja", "local-authority", "prison-service"),
                "missing": ("local-authority", "prison-service"),
            }
        ]
        assert missing_public_bodies(p, Policy.rrcf(), on=date(2012, 9, 1))[0]["missing"] == (
            "cja",
            "local-authority",
            "prison-service",
        )
        assert missing_public_bodies(p, Policy())[0]["expected"] == ()

    def test_missing_public_bodies_across_the_example(self) -> None:
        rows = missing_public_bodies(example.build(), Policy.rrcf(), on=example.COUNTED)
        assert len(rows) == 14
        # 3.4: the NHS sat in only two PSPs, so substance-use PSPs without it show.
        assert {r["partnership"] for r in rows if r["missing"]} == {"psp-07", "psp-08"}

    @pytest.mark.parametrize(
        ("args", "field"),
        [(("p", Policy()), "obj"), ((Portfolio("f", "F"), "rrcf"), "policy")],
    )
    def test_refusals(self, args: tuple[Any, Any], field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            missing_public_bodies(*args)
        assert info.value.field == field
        with pytest.raises(InvalidValueError):
            missing_public_bodies(Portfolio("f", "F"), Policy(), on="2012-01-01")  # type: ignore[arg-type]


def test_analyses_are_exported_with_their_constants() -> None:
    assert frozenset({LinkKind.REFERS_TO, LinkKind.ONWARD_REFERRAL}) == psp.REFERRAL_KINDS
    assert len(BROKERAGE_ROLES) == 5


# -- against networkx's own algorithms ---------------------------------------------------
# The analyses count ties from neighbour sets and edge pairs rather than through
# networkx's per-node ego graphs (which copy the whole graph for every node); on any
# graph, self-links and partnership nodes included, they agree with networkx.

KINDS = [k.value for k in LinkKind][:3]


@st.composite
def any_graph(draw: st.DrawFn) -> nx.MultiDiGraph[str]:
    names = draw(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=8, unique=True))
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(partnerships=("p", "q"))
    for n in names:
        # "r" is a partnership the graph does not list (drawn without it): ignored.
        held = draw(
            st.dictionaries(
                st.sampled_from(["p", "q", "r"]), st.sampled_from([("lead",), ("provider",)])
            )
        )
        sector = draw(st.sampled_from(["public", "third"]))
        g.add_node(n, kind="organisation", sector=sector, roles_by_partnership=held)
    if draw(st.booleans()):
        g.add_node("partnership:p", kind="partnership")
        g.add_edge(names[0], "partnership:p", kind="member-of", partnership="p")
        g.add_edge(names[0], "partnership:p", kind=KINDS[0], partnership="p")  # not a tie
    for u, v, kind, pid in draw(
        st.lists(
            st.tuples(
                st.sampled_from(names),
                st.sampled_from(names),
                st.sampled_from(KINDS),
                st.sampled_from(["p", "q"]),
            ),
            max_size=20,
        )
    ):
        g.add_edge(u, v, kind=kind, partnership=pid)
    return g


def same(a: float | None, b: float) -> bool:
    """``a`` (psp's, ``None`` where undefined) is networkx's ``b`` (``nan`` there)."""
    return math.isnan(b) if a is None else math.isclose(a, b, abs_tol=1e-12)


@given(any_graph(), st.sampled_from([None, KINDS[:1], KINDS[1:]]))
def test_counts_agree_with_networkx(g: nx.MultiDiGraph[str], kinds: list[str] | None) -> None:
    undirected = tie_graph(g, kinds=kinds)
    directed = tie_graph(g, kinds=kinds, directed=True)
    assert same(link_density(g, kinds=kinds), nx.density(directed))
    n = undirected.number_of_nodes()
    degrees = [d for _, d in undirected.degree()]
    freeman = sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2)) if n >= 3 else 0.0
    assert same(degree_centralisation(g, kinds=kinds), freeman)
    expected = nx.effective_size(undirected)
    found = effective_size(g, kinds=kinds)
    assert found.keys() == expected.keys()
    assert all(same(found[x], expected[x]) for x in found)


@given(any_graph())
def test_the_kind_profile_is_each_kind_on_its_own(g: nx.MultiDiGraph[str]) -> None:
    for row in link_kind_profile(g):
        kind = [row["kind"]]
        assert same(row["density"], link_density(g, kinds=kind))
        assert same(row["centralisation"], degree_centralisation(g, kinds=kind))
        assert row["links"] == sum(1 for *_, d in g.edges(data=True) if d["kind"] == row["kind"])


@given(any_graph(), st.data())
def test_multiplexity_is_the_tie_graphs(g: nx.MultiDiGraph[str], data: st.DataObject) -> None:
    names = [n for n, d in g.nodes(data=True) if d["kind"] == "organisation"]
    u, v = data.draw(st.sampled_from(names)), data.draw(st.sampled_from(names))
    ties = tie_graph(g)
    assert multiplexity(g, u, v) == (len(ties.edges[u, v]["kinds"]) if ties.has_edge(u, v) else 0)


@given(any_graph())
def test_lead_position_looks_at_each_partnership_alone(g: nx.MultiDiGraph[str]) -> None:
    rows = {r["partnership"]: r for r in lead_position(g)}
    assert list(rows) == ["p", "q"]
    for pid, row in rows.items():
        links = {
            frozenset((u, v))
            for u, v, d in g.edges(data=True)
            if d["partnership"] == pid and d["kind"] != "member-of"
        }
        leads = [
            n
            for n, d in g.nodes(data=True)
            if "lead" in d.get("roles_by_partnership", {}).get(pid, ())
        ]
        assert row["ties"] == len(links)
        assert row["lead"] == (leads[-1] if leads else None)
        if row["lead"] is not None:
            assert row["lead_ties"] == sum(1 for pair in links if row["lead"] in pair)
