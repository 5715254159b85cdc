"""Network analyses of a partner graph, as free functions taking the graph first.

Where networkx already has the measure (betweenness, Burt's constraint, shortest
paths) these call it on the tie graph (:func:`psp.tie_graph`); density and Burt's
effective size are computed here as networkx computes them, but from edge pairs and
neighbour sets, which stays fast at the scale of a national register (checked against
networkx in the tests); the rest (E-I index, Freeman centralisation, Gould-Fernandez
brokerage, multiplexity) are written here. Every function reads the documented attributes of
:func:`psp.partner_graph`, ignores partnership nodes and ``member-of`` edges, and
imports networkx only when called.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Final, cast

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError, UnknownReferenceError
from psp._base.roles import Role
from psp._lifecycle.policy import Policy
from psp._network.graph import MEMBER_OF, _ties
from psp._partners.links import LinkKind

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "BROKERAGE_ROLES",
    "REFERRAL_KINDS",
    "bridging_organisations",
    "brokerage",
    "burt_constraint",
    "degree_centralisation",
    "effective_size",
    "ei_index",
    "lead_position",
    "link_density",
    "link_kind_profile",
    "missing_public_bodies",
    "multiplex_ties",
    "multiplexity",
    "referral_path",
    "referral_reach",
]

#: Gould and Fernandez's five brokerage roles, for a broker ``b`` on a two-path
#: ``a -> b -> c`` with no ``a -> c`` tie: all in one group (coordinator); ``a`` and
#: ``c`` in one group, ``b`` outside it (itinerant, or consultant); ``b`` in ``c``'s
#: group, gating entry to it (gatekeeper); ``b`` in ``a``'s group, speaking for it
#: (representative); all in different groups (liaison).
BROKERAGE_ROLES: Final = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")

#: The link kinds a person referred into a partnership can travel along.
REFERRAL_KINDS: Final = frozenset({LinkKind.REFERS_TO, LinkKind.ONWARD_REFERRAL})

Kinds = Iterable[LinkKind | str] | None
Row = dict[str, Any]


def _wanted(kinds: Kinds) -> set[str] | None:
    if kinds is None:
        return None
    return {k.value for k in _checks.members_of(LinkKind, "kinds", kinds)}


def _ties_of(graph: nx.MultiDiGraph[str], kinds: Kinds, *, directed: bool) -> nx.Graph[str]:
    # The analyses read node attributes from ``graph`` itself: their tie graphs need none.
    return _ties(graph, _wanted(kinds), directed=directed, attributes=False)


def _organisations(graph: nx.MultiDiGraph[str]) -> list[str]:
    return [n for n, d in graph.nodes(data=True) if d.get("kind") == "organisation"]


def _pairs_by_kind(graph: nx.MultiDiGraph[str]) -> dict[str, set[tuple[str, str]]]:
    """For each link kind, the ordered pairs of organisations its links join."""
    nodes = graph.nodes
    found: dict[str, set[tuple[str, str]]] = {}
    for u, v, d in graph.edges(data=True):
        kind = d.get("kind")
        if kind == MEMBER_OF:
            continue
        if nodes[u].get("kind") == "organisation" and nodes[v].get("kind") == "organisation":
            found.setdefault(str(kind), set()).add((u, v))
    return found


def _pairs(graph: nx.MultiDiGraph[str], kinds: Kinds) -> set[tuple[str, str]]:
    """The ordered pairs of organisations joined by a link of ``kinds`` (``None``: any)."""
    wanted = _wanted(kinds)
    return {
        pair
        for kind, kept in _pairs_by_kind(graph).items()
        if wanted is None or kind in wanted
        for pair in kept
    }


def _density(n: int, pairs: set[tuple[str, str]]) -> float:
    # networkx's directed density: ties over ordered pairs (0 for fewer than two nodes).
    return len(pairs) / (n * (n - 1)) if n > 1 else 0.0


def _centralisation(n: int, pairs: set[tuple[str, str]]) -> float:
    if n < 3:
        return 0.0
    degree: dict[str, int] = {}
    for u, v in {(u, v) if u <= v else (v, u) for u, v in pairs}:  # one tie a pair
        degree[u] = degree.get(u, 0) + 1
        degree[v] = degree.get(v, 0) + 1  # a self-tie counts twice, as networkx does
    top = max(degree.values(), default=0)
    return (n * top - sum(degree.values())) / ((n - 1) * (n - 2))


def _node(graph: nx.MultiDiGraph[str], field: str, node: str) -> str:
    if node not in graph or graph.nodes[node].get("kind") != "organisation":
        raise UnknownReferenceError(field, node, "is not an organisation in this graph")
    return node


def ei_index(
    graph: nx.MultiDiGraph[str],
    attribute: str = "sector",
    *,
    kinds: Kinds = None,
    group: Any = None,
) -> float:
    """Krackhardt and Stern's E-I index of the ties between organisations.

    ``(E - I) / (E + I)`` where E counts ties between organisations with different
    values of ``attribute`` and I ties between organisations with the same value. A
    tie is a pair of organisations joined by at least one link (of ``kinds``) in
    either direction, counted once. -1 means every tie stays inside a group
    (homophily), +1 that every tie crosses groups. With ``group``, only ties that
    touch that group's members count: the group's own E-I index.

    Returns ``nan`` when there is no tie to count.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["a", "b"], kind="organisation", sector="third")
    >>> g.add_node("c", kind="organisation", sector="public")
    >>> _ = g.add_edges_from([("a", "b"), ("c", "a"), ("c", "b")], kind="refers-to")
    >>> round(ei_index(g), 3)
    0.333
    """
    nodes = graph.nodes
    external = internal = 0
    for u, v in _ties_of(graph, kinds, directed=False).edges():
        a = nodes[u].get(attribute)
        b = nodes[v].get(attribute)
        if group is not None and group not in (a, b):
            continue
        if a == b:
            internal += 1
        else:
            external += 1
    total = external + internal
    return (external - internal) / total if total else math.nan


def link_density(graph: nx.MultiDiGraph[str], *, kinds: Kinds = None) -> float:
    """The share of ordered pairs of organisations joined by a link (of ``kinds``):
    networkx's directed density of :func:`psp.tie_graph`.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from("abc", kind="organisation")
    >>> _ = g.add_edges_from([("a", "b"), ("b", "c")], kind="refers-to")
    >>> round(link_density(g), 3)
    0.333
    """
    return _density(len(_organisations(graph)), _pairs(graph, kinds))


def degree_centralisation(graph: nx.MultiDiGraph[str], *, kinds: Kinds = None) -> float:
    """Freeman's degree centralisation of the ties (of ``kinds``) between organisations.

    ``sum(max_degree - degree(v)) / ((n - 1) * (n - 2))`` over the ``n``
    organisations of the undirected tie graph: 0 when every organisation has as many
    ties as any other (a regular graph), 1 for a star, where one organisation holds
    every tie. Graphs of fewer than three organisations give 0.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from("hab", kind="organisation")
    >>> _ = g.add_edges_from([("h", "a"), ("h", "b")], kind="strategic-link")
    >>> degree_centralisation(g)
    1.0
    """
    return _centralisation(len(_organisations(graph)), _pairs(graph, kinds))


def link_kind_profile(graph: nx.MultiDiGraph[str]) -> list[Row]:
    """One row per link kind present: ``kind``, ``links`` (edges of that kind),
    ``density`` (:func:`link_density`) and ``centralisation``
    (:func:`degree_centralisation`), in LinkKind order.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from("hab", kind="organisation")
    >>> _ = g.add_edges_from([("h", "a"), ("h", "b")], kind="refers-to")
    >>> [(r["kind"], r["links"], r["centralisation"]) for r in link_kind_profile(g)]
    [('refers-to', 2, 1.0)]
    """
    pairs = _pairs_by_kind(graph)
    counts: dict[str, int] = {}
    for _, _, d in graph.edges(data=True):
        kind = str(d.get("kind"))
        if kind != MEMBER_OF:
            counts[kind] = counts.get(kind, 0) + 1
    n = len(_organisations(graph))
    return [
        {
            "kind": k.value,
            "links": counts[k.value],
            "density": _density(n, pairs.get(k.value, set())),
            "centralisation": _centralisation(n, pairs.get(k.value, set())),
        }
        for k in LinkKind
        if k.value in counts
    ]


def lead_position(graph: nx.MultiDiGraph[str]) -> list[Row]:
    """How central each partnership's lead is among that partnership's own links.

    One row per partnership of the graph: ``partnership``, ``lead`` (its id, or
    ``None``), ``ties`` (pairs of organisations joined by the partnership's links),
    ``lead_ties`` (those involving the lead), ``share_of_ties`` (``nan`` without
    ties) and ``betweenness`` (networkx's normalised betweenness centrality of the
    lead in the undirected tie graph of the partnership's members and links; ``nan``
    without a lead).

    Examples
    --------
    >>> from datetime import date
    >>> from psp import Partner, Partnership, partner_graph
    >>> day = date(2012, 4, 1)
    >>> p = Partnership("p", "P").join(Partner("l", "L", "third"), roles={"lead"}, on=day)
    >>> for x in "abc":
    ...     p = p.join(Partner(x, x.upper(), "third"), on=day).link("l", x, "funds", on=day)
    >>> row = lead_position(partner_graph(p))[0]
    >>> row["lead"], row["share_of_ties"], row["betweenness"]
    ('l', 1.0, 1.0)
    """
    import networkx as nx

    # One pass over the nodes and one over the edges, sorting them by partnership.
    ties_of: dict[str, nx.Graph[str]] = {
        pid: nx.Graph() for pid in graph.graph.get("partnerships", ())
    }
    leads: dict[str, str] = {}
    for node, held_by in graph.nodes(data="roles_by_partnership", default={}):
        for pid, held in held_by.items():
            if pid in ties_of:
                ties_of[pid].add_node(node)
                if Role.LEAD.value in held:
                    leads[pid] = node
    for u, v, d in graph.edges(data=True):
        link_of = d.get("partnership")
        if link_of in ties_of and d.get("kind") != MEMBER_OF:
            ties_of[link_of].add_edge(u, v)
    rows = []
    for pid, ties in ties_of.items():
        lead = leads.get(pid)
        n_ties = ties.number_of_edges()
        lead_ties = 0 if lead is None else len(ties.adj[lead])  # a self-tie is one tie
        rows.append(
            {
                "partnership": pid,
                "lead": lead,
                "ties": n_ties,
                "lead_ties": lead_ties,
                "share_of_ties": lead_ties / n_ties if n_ties else math.nan,
                "betweenness": math.nan
                if lead is None
                else float(nx.betweenness_centrality(ties)[lead]),
            }
        )
    return rows


def burt_constraint(graph: nx.MultiDiGraph[str], *, kinds: Kinds = None) -> dict[str, float]:
    """Burt's constraint on each organisation: networkx's :func:`networkx.constraint` on
    the undirected tie graph (one unweighted tie per pair, whatever its kinds).
    High constraint: the organisation's contacts are tied to each other, so it
    brokers little. ``nan`` for an organisation without ties.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from("habc", kind="organisation")
    >>> _ = g.add_edges_from([("h", "a"), ("h", "b"), ("h", "c")], kind="funds")
    >>> round(burt_constraint(g)["h"], 3), burt_constraint(g)["a"]
    (0.333, 1.0)
    """
    import networkx as nx

    ties = _ties_of(graph, kinds, directed=False)
    return {n: float(c) for n, c in nx.constraint(ties).items()}


def effective_size(graph: nx.MultiDiGraph[str], *, kinds: Kinds = None) -> dict[str, float]:
    """Burt's effective size of each organisation's network, as
    :func:`networkx.effective_size` gives it for the undirected tie graph (Borgatti's
    form for unweighted ties), computed from neighbour sets. The number of its
    contacts less their redundancy (ties among them). ``nan`` without ties.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from("habc", kind="organisation")
    >>> _ = g.add_edges_from([("h", "a"), ("h", "b"), ("h", "c"), ("a", "b")], kind="funds")
    >>> round(effective_size(g)["h"], 3)
    2.333
    """
    # Borgatti's form for an unweighted undirected graph, as networkx computes it, but
    # from each node's neighbour sets: networkx builds an ego graph per node, copying
    # the whole graph each time (hours at the scale of a national register).
    ties = _ties_of(graph, kinds, directed=False)
    adjacency = {n: set(ties.adj[n]) for n in ties}
    sizes: dict[str, float] = {}
    for node, around in adjacency.items():
        contacts = around - {node}
        if not contacts:
            sizes[node] = math.nan
            continue
        # Ties among the contacts (a contact's tie to itself counts once).
        ends = sum(len(adjacency[c] & contacts) for c in contacts)
        loops = sum(1 for c in contacts if c in adjacency[c])
        among = (ends - loops) / 2 + loops
        sizes[node] = len(contacts) - 2 * among / len(contacts)
    return sizes


def _brokerage_role(a: Any, b: Any, c: Any) -> str:
    if a == b == c:
        return "coordinator"
    if a == c:
        return "itinerant"
    if b == c:
        return "gatekeeper"
    if a == b:
        return "representative"
    return "liaison"


def brokerage(
    graph: nx.MultiDiGraph[str], attribute: str = "sector", *, kinds: Kinds = None
) -> dict[str, dict[str, int]]:
    """Gould and Fernandez's brokerage roles of each organisation, by ``attribute``.

    A broker ``b`` sits on an open two-path ``a -> b -> c``: directed links (of
    ``kinds``) from ``a`` to ``b`` and ``b`` to ``c``, ``a`` and ``c`` different, and
    no link from ``a`` to ``c``. Each open two-path counts once, for its broker, in
    the role the groups of ``a``, ``b`` and ``c`` give (:data:`BROKERAGE_ROLES`).
    Every organisation is a key, with every role.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("cjsw", kind="organisation", sector="public")
    >>> g.add_node("cja", kind="organisation", sector="public")
    >>> g.add_node("charity", kind="organisation", sector="third")
    >>> _ = g.add_edges_from([("cjsw", "cja"), ("cja", "charity")], kind="refers-to")
    >>> brokerage(g)["cja"]["representative"]
    1
    """
    ties = cast("nx.DiGraph[str]", _ties_of(graph, kinds, directed=True))
    groups = {n: graph.nodes[n].get(attribute) for n in ties}
    counts = {n: dict.fromkeys(BROKERAGE_ROLES, 0) for n in ties}
    for b in ties:
        for a in ties.predecessors(b):
            for c in ties.successors(b):
                if a != c and not ties.has_edge(a, c):
                    counts[b][_brokerage_role(groups[a], groups[b], groups[c])] += 1
    return counts


def _referral_graph(graph: nx.MultiDiGraph[str], kinds: Kinds) -> nx.Graph[str]:
    return _ties_of(graph, REFERRAL_KINDS if kinds is None else kinds, directed=True)


def referral_path(
    graph: nx.MultiDiGraph[str], source: str, target: str, *, kinds: Kinds = None
) -> list[str] | None:
    """A shortest path by which a person referred by ``source`` reaches ``target``.

    It follows links of ``kinds`` in their direction (``None``: refers-to and
    onward-referral, :data:`REFERRAL_KINDS`). Returns the organisations on the path,
    both ends included, or ``None`` when ``target`` cannot be reached.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["prison", "lead", "housing"], kind="organisation")
    >>> g.add_edge("prison", "lead", kind="refers-to")
    0
    >>> g.add_edge("lead", "housing", kind="onward-referral")
    0
    >>> referral_path(g, "prison", "housing")
    ['prison', 'lead', 'housing']
    >>> referral_path(g, "housing", "prison") is None
    True
    """
    import networkx as nx

    _node(graph, "source", source)
    _node(graph, "target", target)
    try:
        return list(nx.shortest_path(_referral_graph(graph, kinds), source, target))
    except nx.NetworkXNoPath:
        return None


def referral_reach(
    graph: nx.MultiDiGraph[str], source: str, *, kinds: Kinds = None
) -> dict[str, list[str]]:
    """Every provider a person referred by ``source`` can reach, with a shortest path.

    Providers are organisations holding the provider role; paths follow links of
    ``kinds`` (``None``: :data:`REFERRAL_KINDS`) and start at ``source``, which is
    left out itself. Providers appear in order of distance, then of the graph.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("police", kind="organisation", roles=("referral",))
    >>> g.add_node("mentor", kind="organisation", roles=("provider",))
    >>> g.add_edge("police", "mentor", kind="refers-to")
    0
    >>> referral_reach(g, "police")
    {'mentor': ['police', 'mentor']}
    """
    import networkx as nx

    _node(graph, "source", source)
    paths = nx.single_source_shortest_path(_referral_graph(graph, kinds), source)
    return {
        n: list(path)
        for n, path in paths.items()
        if n != source and Role.PROVIDER.value in graph.nodes[n].get("roles", ())
    }


def multiplexity(graph: nx.MultiDiGraph[str], u: str, v: str) -> int:
    """How many distinct kinds of link join ``u`` and ``v``, in either direction.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from("ab", kind="organisation")
    >>> _ = g.add_edge("a", "b", kind="refers-to"), g.add_edge("b", "a", kind="funds")
    >>> multiplexity(g, "b", "a")
    2
    """
    _node(graph, "u", u)
    _node(graph, "v", v)
    links = [*graph.adj[u].get(v, {}).values(), *graph.adj[v].get(u, {}).values()]
    return len({d.get("kind") for d in links} - {MEMBER_OF})


def multiplex_ties(graph: nx.MultiDiGraph[str], *, minimum: int = 2) -> list[Row]:
    """Pairs of organisations joined by at least ``minimum`` kinds of link: rows of
    ``source``, ``target`` (in graph order), ``kinds`` and ``multiplexity``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from("abc", kind="organisation")
    >>> _ = g.add_edge("a", "b", kind="refers-to"), g.add_edge("b", "a", kind="funds")
    >>> _ = g.add_edge("a", "c", kind="funds")
    >>> [(r["source"], r["target"], r["multiplexity"]) for r in multiplex_ties(g)]
    [('a', 'b', 2)]
    """
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        raise InvalidValueError("minimum", minimum, "must be a whole number, 1 or more")
    return [
        {"source": u, "target": v, "kinds": d["kinds"], "multiplexity": len(d["kinds"])}
        for u, v, d in _ties_of(graph, None, directed=False).edges(data=True)
        if len(d["kinds"]) >= minimum
    ]


def bridging_organisations(graph: nx.MultiDiGraph[str]) -> list[Row]:
    """Organisations that are members of more than one partnership in the graph: rows
    of ``organisation``, ``name``, ``sector``, ``partnerships`` and
    ``roles_by_partnership``, in graph order.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("cja", kind="organisation", name="A CJA", sector="public",
    ...            partnerships=("p1", "p2"),
    ...            roles_by_partnership={"p1": ("strategic",), "p2": ("strategic",)})
    >>> [r["organisation"] for r in bridging_organisations(g)]
    ['cja']
    """
    return [
        {
            "organisation": n,
            "name": d.get("name"),
            "sector": d.get("sector"),
            "partnerships": d["partnerships"],
            "roles_by_partnership": d.get("roles_by_partnership", {}),
        }
        for n, d in graph.nodes(data=True)
        if d.get("kind") == "organisation" and len(d.get("partnerships", ())) > 1
    ]


def missing_public_bodies(
    obj: Partnership | Portfolio, policy: Policy, *, on: date | None = None
) -> list[Row]:
    """The public-body kinds ``policy`` expects given each partnership's focus, and
    which of them no member is on ``on``.

    One row per partnership: ``partnership``, ``focus``, ``expected`` and
    ``missing`` (sorted tuples of values). It works on the domain objects, since the
    graph does not carry a partnership's focus.

    Examples
    --------
    >>> from datetime import date
    >>> from psp import Partner, Partnership, Policy
    >>> p = Partnership("p", "P", focus={"prison-leavers"}).join(
    ...     Partner("cja", "A CJA", "public", public_body_kind="cja"), on=date(2012, 4, 1))
    >>> missing_public_bodies(p, Policy.rrcf())[0]["missing"]
    ('local-authority', 'prison-service')
    """
    if isinstance(obj, Partnership):
        chosen: tuple[Partnership, ...] = (obj,)
    elif isinstance(obj, Portfolio):
        chosen = obj.partnerships
    else:
        raise InvalidValueError("obj", obj, "must be a Partnership or a Portfolio")
    if not isinstance(policy, Policy):
        raise InvalidValueError("policy", policy, "must be a Policy")
    if on is not None:
        _checks.a_date("on", on)
    rows = []
    for p in chosen:
        expected = policy.expected_public_bodies_for(p)
        rows.append(
            {
                "partnership": p.id,
                "focus": tuple(sorted(f.value for f in p.focus)),
                "expected": tuple(sorted(k.value for k in expected)),
                "missing": tuple(sorted(k.value for k in p.absent_public_body_kinds(expected, on))),
            }
        )
    return rows
