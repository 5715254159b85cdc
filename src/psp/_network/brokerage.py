"""Who sits between whom: each lead's position among its partnership's ties, Burt's
structural holes (constraint and effective size) and Gould and Fernandez's brokerage
roles.

Betweenness and Burt's constraint are networkx's, called on the tie graph
(:func:`psp.tie_graph`); Burt's effective size is computed here as networkx computes
it, but from neighbour sets, which stays fast at the scale of a national register
(checked against networkx in the tests); brokerage is written here.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Final, cast

from psp._base.roles import Role
from psp._network.analysis_common import Kinds, Row, _ties_of
from psp._network.graph import MEMBER_OF

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["BROKERAGE_ROLES", "brokerage", "burt_constraint", "effective_size", "lead_position"]

#: Gould and Fernandez's five brokerage roles, for a broker ``b`` on a two-path
#: ``a -> b -> c`` with no ``a -> c`` tie: all in one group (coordinator); ``a`` and
#: ``c`` in one group, ``b`` outside it (itinerant, or consultant); ``b`` in ``c``'s
#: group, gating entry to it (gatekeeper); ``b`` in ``a``'s group, speaking for it
#: (representative); all in different groups (liaison).
BROKERAGE_ROLES: Final = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")


def lead_position(graph: nx.MultiDiGraph[str]) -> list[Row]:
    """How central each partnership's lead is among that partnership's own links.

    One row per partnership of the graph: ``partnership``, ``lead`` (its id, or
    ``None``), ``ties`` (pairs of organisations joined by the partnership's links),
    ``lead_ties`` (those involving the lead), ``share_of_ties`` (``None`` without
    ties) and ``betweenness`` (networkx's normalised betweenness centrality of the
    lead in the undirected tie graph of the partnership's members and links; ``None``
    without a lead). ``None``, not ``nan``: the rows are strict JSON.

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
                "share_of_ties": lead_ties / n_ties if n_ties else None,
                "betweenness": None
                if lead is None
                else float(nx.betweenness_centrality(ties)[lead]),
            }
        )
    return rows


def burt_constraint(graph: nx.MultiDiGraph[str], *, kinds: Kinds = None) -> dict[str, float | None]:
    """Burt's constraint on each organisation: networkx's :func:`networkx.constraint` on
    the undirected tie graph (one unweighted tie per pair, whatever its kinds).
    High constraint: the organisation's contacts are tied to each other, so it
    brokers little. ``None`` for an organisation without ties (where networkx gives
    ``nan``, which strict JSON has no word for).

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
    return {n: None if math.isnan(c) else float(c) for n, c in nx.constraint(ties).items()}


def effective_size(graph: nx.MultiDiGraph[str], *, kinds: Kinds = None) -> dict[str, float | None]:
    """Burt's effective size of each organisation's network, as
    :func:`networkx.effective_size` gives it for the undirected tie graph (Borgatti's
    form for unweighted ties), computed from neighbour sets. The number of its
    contacts less their redundancy (ties among them). ``None`` without ties (networkx
    gives ``nan``).

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
    sizes: dict[str, float | None] = {}
    for node, around in adjacency.items():
        contacts = around - {node}
        if not contacts:
            sizes[node] = None
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
