"""How tightly the organisations are tied: link density and Freeman's degree
centralisation, overall and per link kind, and multiplexity (how many kinds of link
join two organisations).

Density is computed here as networkx computes it, but from edge pairs, which stays fast
at the scale of a national register (checked against networkx in the tests); degree
centralisation and multiplexity are written here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psp._base.errors import InvalidValueError
from psp._network.analysis_common import Kinds, Row, _node, _ties_of, _wanted
from psp._network.graph import MEMBER_OF
from psp._partners.links import LinkKind

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "degree_centralisation",
    "link_density",
    "link_kind_profile",
    "multiplex_ties",
    "multiplexity",
]


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
    (:func:`degree_centralisation`), in LinkKind order, then the kinds of your own
    in sorted order.

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
            "kind": k,
            "links": counts[k],
            "density": _density(n, pairs.get(k, set())),
            "centralisation": _centralisation(n, pairs.get(k, set())),
        }
        for k in [*(m.value for m in LinkKind), *sorted(set(counts) - set(LinkKind))]
        if k in counts
    ]


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
        raise InvalidValueError(
            "minimum", minimum, "must be a whole number, 1 or more", code="out-of-range"
        )
    return [
        {"source": u, "target": v, "kinds": d["kinds"], "multiplexity": len(d["kinds"])}
        for u, v, d in _ties_of(graph, None, directed=False).edges(data=True)
        if len(d["kinds"]) >= minimum
    ]
