"""The partner graph: what becomes a node and an edge, and filtering (drawing it:
tests/test_plotting.py)."""

from __future__ import annotations

import copy
import gc
import subprocess
import sys
import weakref
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    InvalidValueError,
    Link,
    LinkKind,
    Partner,
    Partnership,
    Portfolio,
    RuleViolationError,
    UnknownReferenceError,
    partner_graph,
    tie_graph,
)
from psp._network import graph as _graph
from psp.testing import partnerships, portfolios

D1 = date(2012, 10, 1)
D2 = date(2012, 11, 1)
D3 = date(2013, 1, 1)

LEAD = Partner(
    "lead", "Lead charity", "third", reach="national", third_sector_kind="charity", size="large"
)
CJA = Partner("cja", "Glasgow CJA", "public", public_body_kind="cja", areas={"Glasgow"})
PRISON = Partner("prison", "HMP X", "public", public_body_kind="prison-service")
HOUSING = Partner("housing", "Housing charity", "third", reach="local")
FUNDER = Partner("funder", "A trust", "third")


def psp_p() -> Partnership:
    return (
        Partnership("p", "PSP P", areas={"Glasgow"})
        .join(LEAD, roles={"lead", "provider"}, on=D1)
        .join(CJA, roles={"strategic"}, on=D1)
        .join(PRISON, roles={"referral"}, on=D1)
        .add_organisation(FUNDER, on=D1)
        .link(PRISON, LEAD, "refers-to", on=D1, weight=12)
        .link(CJA, LEAD, "strategic-link", on=D1)
        .link(FUNDER, LEAD, "funds", on=D1, pre_existing=True, note="grant")
        .join(HOUSING, roles={"support"}, on=D2)
        .link(LEAD, HOUSING, "onward-referral", on=D2)
        .leave(PRISON, on=D3)  # its referral link is not ended
    )


def psp_q() -> Partnership:
    return (
        Partnership("q", "PSP Q")
        .join(HOUSING, roles={"lead"}, on=D1)
        .join(CJA, roles={"strategic", "referral"}, on=D1)
        .link(CJA, HOUSING, "refers-to", on=D1)
    )


def fund() -> Portfolio:
    return Portfolio("fund", "A fund", [psp_p(), psp_q()]).link(
        "cja", "lead", "information-broker", on=D2
    )


def edges(g: nx.MultiDiGraph[str]) -> list[tuple[str, str, str, Any]]:
    return [(u, v, d["kind"], d["partnership"]) for u, v, d in g.edges(data=True)]


class TestPartnershipGraph:
    """A partnership's graph: its members and link ends as nodes, its links as edges."""

    def test_nodes_are_members_then_link_ends_with_documented_attributes(self) -> None:
        g = partner_graph(psp_p(), on=D2)
        assert list(g.nodes) == ["lead", "cja", "prison", "housing", "funder"]
        assert g.nodes["lead"] == {
            "kind": "organisation",
            "name": "Lead charity",
            "sector": "third",
            "public_body_kind": None,
            "third_sector_kind": "charity",
            "reach": "national",
            "size": "large",
            "areas": (),
            "represents_service_users": False,
            "member": True,
            "partnerships": ("p",),
            "roles": ("lead", "provider"),
            "roles_by_partnership": {"p": ("lead", "provider")},
        }
        assert g.nodes["cja"]["public_body_kind"] == "cja"
        assert g.nodes["cja"]["areas"] == ("Glasgow",)
        funder = g.nodes["funder"]
        assert (funder["member"], funder["roles"], funder["partnerships"]) == (False, (), ())

    def test_edges_are_the_links_with_their_attributes(self) -> None:
        g = partner_graph(psp_p(), on=D2)
        # networkx lists edges by source, in node order.
        assert edges(g) == [
            ("lead", "housing", "onward-referral", "p"),
            ("cja", "lead", "strategic-link", "p"),
            ("prison", "lead", "refers-to", "p"),
            ("funder", "lead", "funds", "p"),
        ]
        assert g.edges["prison", "lead", 0] == {
            "kind": "refers-to",
            "label": "refers to",
            "inverse_label": "is referred to by",
            "start": D1,
            "end": None,
            "partnership": "p",
            "weight": 12.0,
            "pre_existing": None,
            "note": "",
        }
        funds = g.edges["funder", "lead", 0]
        assert (funds["weight"], funds["pre_existing"], funds["note"]) == (1.0, True, "grant")
        assert g.graph == {"name": "PSP P", "on": D2, "kinds": None, "partnerships": ("p",)}

    def test_on_a_date_only_members_and_links_in_force_then(self) -> None:
        early = partner_graph(psp_p(), on=D1)
        assert "housing" not in early
        assert ("lead", "housing") not in early.edges
        now = partner_graph(psp_p())
        # The prison has left, but its referral link was never ended: it stays as a
        # link end that is no longer a member.
        assert now.nodes["prison"]["member"] is False
        assert now.nodes["prison"]["roles"] == ()
        assert ("prison", "lead") in now.edges
        assert now.graph["on"] is None

    def test_kinds_keep_only_those_links(self) -> None:
        g = partner_graph(psp_p(), on=D2, kinds=["refers-to", LinkKind.ONWARD_REFERRAL])
        assert [k for _, _, k, _ in edges(g)] == ["onward-referral", "refers-to"]
        assert "funder" not in g  # only a link end, and its link is filtered out
        assert g.graph["kinds"] == ("onward-referral", "refers-to")

    def test_partnership_nodes_and_member_of_edges(self) -> None:
        g = partner_graph(psp_p(), on=D2, include_partnerships=True)
        assert g.nodes["partnership:p"] == {"kind": "partnership", "id": "p", "name": "PSP P"}
        member_of = [(u, d) for u, v, d in g.edges(data=True) if d["kind"] == "member-of"]
        assert [u for u, _ in member_of] == ["lead", "cja", "prison", "housing"]
        assert member_of[0][1] == {
            "kind": "member-of",
            "label": "member of",
            "inverse_label": "has member",
            "start": D1,
            "end": None,
            "partnership": "p",
            "weight": 1.0,
            "roles": ("lead", "provider"),
        }

    def test_a_member_whose_roles_changed_has_its_roles_then(self) -> None:
        p = psp_p().change_roles("cja", {"strategic", "referral"}, on=D3)
        assert partner_graph(p, on=D2).nodes["cja"]["roles"] == ("strategic",)
        assert partner_graph(p).nodes["cja"]["roles"] == ("referral", "strategic")
        member_of = partner_graph(p, on=D2, include_partnerships=True).edges[
            "cja", "partnership:p", 0
        ]
        assert (member_of["start"], member_of["end"]) == (D1, D3)

    def test_each_call_builds_a_fresh_graph(self) -> None:
        p = psp_p()
        g = partner_graph(p)
        g.add_node("intruder")
        g.nodes["lead"]["name"] = "changed"
        again = partner_graph(p)
        assert "intruder" not in again
        assert again.nodes["lead"]["name"] == "Lead charity"

    def test_changing_a_graph_changes_neither_psp_nor_the_next_graph(self) -> None:
        # psp keeps each organisation's and link's attributes between calls: no graph
        # may hold those dicts, nor share its own with another graph.
        f = fund()
        before = partner_graph(f, include_partnerships=True)
        fresh = (
            copy.deepcopy(list(before.nodes(data=True))),
            copy.deepcopy(list(before.edges(keys=True, data=True))),
        )
        for _, d in before.nodes(data=True):
            for key in list(d):
                d[key] = "changed"
        for _, _, d in before.edges(data=True):
            for key in list(d):
                d[key] = "changed"
        after = partner_graph(f, include_partnerships=True)
        assert (list(after.nodes(data=True)), list(after.edges(keys=True, data=True))) == fresh
        # Nor does changing what a node's attribute holds (its roles by partnership).
        again = partner_graph(f, include_partnerships=True)
        after.nodes["cja"]["roles_by_partnership"]["p"] = ("changed",)
        assert again.nodes["cja"]["roles_by_partnership"]["p"] == ("strategic",)
        assert partner_graph(f).nodes["cja"]["roles_by_partnership"]["p"] == ("strategic",)

    def test_attributes_in_the_documented_order_and_types(self) -> None:
        g = partner_graph(fund(), on=D2)
        assert list(g.nodes["cja"]) == [
            "kind",
            "name",
            "sector",
            "public_body_kind",
            "third_sector_kind",
            "reach",
            "size",
            "areas",
            "represents_service_users",
            "member",
            "partnerships",
            "roles",
            "roles_by_partnership",
        ]
        for _, d in g.nodes(data=True):
            assert type(d["member"]) is bool
            assert type(d["represents_service_users"]) is bool
            assert type(d["partnerships"]) is tuple
            assert type(d["roles"]) is tuple
            assert type(d["areas"]) is tuple
            assert type(d["roles_by_partnership"]) is dict
        assert list(g.edges["cja", "lead", 0]) == [
            "kind",
            "label",
            "inverse_label",
            "start",
            "end",
            "partnership",
            "weight",
            "pre_existing",
            "note",
        ]

    def test_the_same_partnership_gives_the_same_graph_in_the_same_order(self) -> None:
        p = psp_p()
        rebuilt = psp.from_data(psp.to_data(p), Partnership)
        a, b = (
            partner_graph(p, include_partnerships=True),
            partner_graph(rebuilt, include_partnerships=True),
        )
        assert list(a.nodes(data=True)) == list(b.nodes(data=True))
        assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


class TestPortfolioGraph:
    """A portfolio's graph joins its partnerships at the organisations they share."""

    def test_shared_organisations_are_one_node_with_roles_per_partnership(self) -> None:
        g = partner_graph(fund(), on=D2)
        assert list(g.nodes) == ["lead", "cja", "prison", "housing", "funder"]
        assert g.nodes["cja"]["roles_by_partnership"] == {
            "p": ("strategic",),
            "q": ("referral", "strategic"),
        }
        assert g.nodes["cja"]["roles"] == ("referral", "strategic")
        assert g.nodes["housing"]["partnerships"] == ("p", "q")
        assert g.graph["partnerships"] == ("p", "q")

    def test_portfolio_links_belong_to_no_partnership(self) -> None:
        g = partner_graph(fund(), on=D2)
        assert {e for e in edges(g) if e[3] != "p"} == {
            ("cja", "housing", "refers-to", "q"),
            ("cja", "lead", "information-broker", None),
        }
        assert partner_graph(fund(), on=D1).number_of_edges() == 4  # the broker link is later

    def test_choosing_partnerships(self) -> None:
        g = partner_graph(fund(), on=D2, partnerships=["q"])
        assert list(g.nodes) == ["housing", "cja"]
        # The broker link ends at the lead of P, which Q does not know: it is left out.
        assert edges(g) == [("cja", "housing", "refers-to", "q")]
        assert g.nodes["cja"]["roles_by_partnership"] == {"q": ("referral", "strategic")}
        both = partner_graph(fund(), on=D2, partnerships=[psp_q(), "p"])
        assert both.graph["partnerships"] == ("p", "q")  # portfolio order
        assert ("cja", "lead") in both.edges

    def test_partnership_nodes_for_every_partnership(self) -> None:
        g = partner_graph(fund(), include_partnerships=True)
        assert [n for n, d in g.nodes(data=True) if d["kind"] == "partnership"] == [
            "partnership:p",
            "partnership:q",
        ]
        # Member of both, a strategic link in P, a referral in Q, a broker link.
        assert g.out_degree("cja") == 5


class TestBadInput:
    """Bad arguments are refused with the argument named."""

    @pytest.mark.parametrize(
        ("kwargs", "error", "field"),
        [
            ({"kinds": ["gossips-with"]}, InvalidValueError, "kinds[0]"),
            ({"kinds": "refers-to"}, InvalidValueError, "kinds"),
            ({"on": datetime(2012, 1, 1)}, InvalidValueError, "on"),
            ({"partnerships": ["z"]}, UnknownReferenceError, "partnerships[0]"),
            ({"partnerships": "p"}, InvalidValueError, "partnerships"),
            ({"partnerships": [7]}, InvalidValueError, "partnerships[0]"),
        ],
    )
    def test_bad_arguments(
        self, kwargs: dict[str, Any], error: type[psp.PSPError], field: str
    ) -> None:
        with pytest.raises(error) as info:
            partner_graph(fund(), **kwargs)
        assert info.value.field == field

    def test_only_partnerships_and_portfolios(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            partner_graph("p")  # type: ignore[arg-type]
        assert info.value.field == "obj"

    def test_an_organisation_named_like_a_partnership_node(self) -> None:
        odd = Partner("partnership:p", "Odd", "third")
        p = Partnership("p", "P").join(odd, on=D1)
        assert "partnership:p" in partner_graph(p)
        with pytest.raises(RuleViolationError) as info:
            partner_graph(p, include_partnerships=True)
        assert info.value.field == "include_partnerships"

    def test_building_a_graph_is_what_imports_networkx(self) -> None:
        code = (
            "import sys, psp\n"
            "psp.Portfolio('f', 'F').membership_count()\n"
            "print('networkx' in sys.modules, 'matplotlib' in sys.modules)\n"
            "psp.partner_graph(psp.Portfolio('f', 'F'))\n"
            "print('networkx' in sys.modules)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.split() == ["False", "False", "True"]


class TestTieGraph:
    """One tie per pair of organisations, whatever the number, kinds or direction of links."""

    def test_collapses_links(self) -> None:
        t = tie_graph(partner_graph(fund(), on=D2, include_partnerships=True))
        assert not t.is_directed()
        assert "partnership:p" not in t
        assert t.edges["cja", "lead"] == {
            "kinds": ("information-broker", "strategic-link"),
            "links": 2,
        }
        assert t.number_of_nodes() == 5
        assert t.nodes["cja"]["name"] == "Glasgow CJA"

    def test_edges_to_nodes_that_are_not_organisations_are_left_out(self) -> None:
        g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        g.add_node("a", kind="organisation")
        g.add_node("elsewhere")
        g.add_edge("a", "elsewhere", kind="funds")
        t = tie_graph(g)
        assert (list(t.nodes), t.number_of_edges()) == (["a"], 0)

    def test_directed_and_by_kind(self) -> None:
        g = partner_graph(fund(), on=D2)
        d = tie_graph(g, directed=True, kinds=["refers-to"])
        assert d.is_directed()
        assert sorted(d.edges) == [("cja", "housing"), ("prison", "lead")]


DAYS = st.dates(date(2009, 6, 1), date(2020, 1, 1))


def _expected(f: Portfolio, on: date | None) -> tuple[set[str], set[str], Counter[Any], int]:
    """Members, link ends, links and memberships of a portfolio on a day, from the domain."""
    members = {m.partner_id for p in f.partnerships for m in p.memberships_on(on)}
    links: list[tuple[Link, str | None]] = [
        (k, p.id) for p in f.partnerships for k in p.links_on(on)
    ]
    links += [(k, None) for k in f.links_on(on)]
    ends = {x for k, _ in links for x in (k.source, k.target)}
    rows = Counter(
        (k.source, k.target, str(k.kind), pid, k.period.start, k.period.end) for k, pid in links
    )
    count = sum(len(p.memberships_on(on)) for p in f.partnerships)
    return members, ends, rows, count


class TestProperties:
    """The graph has exactly the domain's members and links, for every generated input."""

    @settings(max_examples=60)
    @given(partnerships(max_organisations=5, max_steps=15), st.booleans())
    def test_partnership_counts(self, p: Partnership, include: bool) -> None:
        g = partner_graph(p, include_partnerships=include)
        members = {m.partner_id for m in p.memberships_on()}
        ends = {x for k in p.links_on() for x in (k.source, k.target)}
        assert g.number_of_nodes() == len(members | ends) + include
        assert g.number_of_edges() == len(p.links_on()) + include * len(p.memberships_on())

    @settings(max_examples=60)
    @given(portfolios(), st.booleans())
    def test_portfolio_counts(self, f: Portfolio, include: bool) -> None:
        g = partner_graph(f, include_partnerships=include)
        members, ends, links, memberships = _expected(f, None)
        assert g.number_of_nodes() == len(members | ends) + include * len(f.partnerships)
        assert g.number_of_edges() == sum(links.values()) + include * memberships

    @settings(max_examples=60)
    @given(portfolios(), DAYS)
    def test_on_a_date_exactly_the_members_and_links_then(self, f: Portfolio, day: date) -> None:
        g = partner_graph(f, on=day)
        members, ends, links, _ = _expected(f, day)
        assert {n for n, member in g.nodes(data="member") if member} == members
        assert set(g.nodes) == members | ends
        got = Counter(
            (u, v, d["kind"], d["partnership"], d["start"], d["end"])
            for u, v, d in g.edges(data=True)
        )
        assert got == links
        for p in f.partnerships:
            for m in p.memberships_on(day):
                assert g.nodes[m.partner_id]["roles_by_partnership"][p.id] == tuple(
                    sorted(r.value for r in m.roles)
                )

    @settings(max_examples=60)
    @given(portfolios(), st.frozensets(st.sampled_from(LinkKind)))
    def test_kinds_keep_exactly_those_links(self, f: Portfolio, kinds: frozenset[LinkKind]) -> None:
        g = partner_graph(f, kinds=kinds)
        expected = sum(len(p.links_on(None, kinds)) for p in f.partnerships)
        expected += len(f.links_on(None, kinds))
        assert g.number_of_edges() == expected
        assert {d["kind"] for _, _, d in g.edges(data=True)} <= {k.value for k in kinds}

    @settings(max_examples=60)
    @given(portfolios(), st.data())
    def test_chosen_partnerships_only(self, f: Portfolio, data: st.DataObject) -> None:
        ids = [p.id for p in f.partnerships]
        chosen = data.draw(st.frozensets(st.sampled_from(ids)))
        g = partner_graph(f, partnerships=chosen)
        for _, d in g.nodes(data=True):
            assert set(d["partnerships"]) <= chosen
        assert {pid for *_, pid in edges(g)} <= chosen | {None}

    @settings(max_examples=60)
    @given(portfolios())
    def test_ties_are_the_distinct_pairs_of_linked_organisations(self, f: Portfolio) -> None:
        _, _, links, _ = _expected(f, None)
        pairs = {frozenset((s, t)) for s, t, *_ in links}
        assert tie_graph(partner_graph(f)).number_of_edges() == len(pairs)


def test_dates_are_half_open_in_the_graph() -> None:
    """A link ended on a day is absent that day, as in the partnership's own queries."""
    p = psp_p().unlink("cja", "lead", "strategic-link", on=D3 + timedelta(days=1))
    assert ("cja", "lead") in partner_graph(p, on=D3).edges
    assert ("cja", "lead") not in partner_graph(p, on=D3 + timedelta(days=1)).edges


class TestCaches:
    """What an organisation or a link contributes is kept while it lives, and no longer."""

    def test_the_caches_keep_no_organisation_or_link_alive(self) -> None:
        a, b = Partner("a", "A", "third"), Partner("b", "B", "public", public_body_kind="cja")
        p = Partnership("p", "P").join(a, on=D1).join(b, on=D1).link("b", "a", "funds", on=D1)
        assert partner_graph(p).number_of_edges() == 1
        link = p.links[0]
        assert _graph._PARTNER_ATTRS[id(a)][0]() is a
        assert _graph._PARTNER_ATTRS[id(b)][0]() is b
        assert _graph._LINK_ATTRS[id(link)][0]() is link
        keys = id(a), id(b), id(link)
        refs: list[weakref.ref[Any]] = [weakref.ref(a), weakref.ref(b), weakref.ref(link)]
        del a, b, p, link
        gc.collect()
        assert [r() for r in refs] == [None, None, None]
        assert keys[0] not in _graph._PARTNER_ATTRS
        assert keys[1] not in _graph._PARTNER_ATTRS
        assert keys[2] not in _graph._LINK_ATTRS

    def test_an_entry_serves_only_its_own_object(self) -> None:
        # Keys are ids, which a new object may reuse once the old one is gone: an entry
        # whose object is not this one is worked out again, never used.
        p = psp_p()
        link = p.links_on()[0]
        decoy = Partner("decoy", "Decoy", "public", public_body_kind="cja")
        decoy_link = Link("cja", "lead", LinkKind.FUNDS, psp.Period(D1), note="decoy")
        _graph._PARTNER_ATTRS[id(p.organisation("lead"))] = (
            weakref.ref(decoy),
            {"name": "Decoy"},
        )
        labels = ("refers to", "is referred to by")
        _graph._LINK_ATTRS[id(link)] = (weakref.ref(decoy_link), {("p", labels): {"note": "decoy"}})
        g = partner_graph(p)
        assert g.nodes["lead"]["name"] == "Lead charity"
        assert g.edges[link.source, link.target, 0] == {
            "kind": "refers-to",
            "label": "refers to",
            "inverse_label": "is referred to by",
            "start": D1,
            "end": None,
            "partnership": "p",
            "weight": 12.0,
            "pre_existing": None,
            "note": "",
        }
        assert _graph._PARTNER_ATTRS[id(p.organisation("lead"))][0]() is p.organisation("lead")
