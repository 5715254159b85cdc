"""How a person referred into a partnership travels: shortest paths along the referral
links, with networkx's shortest paths on the directed tie graph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from psp._base.roles import Role
from psp._network.analysis_common import Kinds, _node, _ties_of
from psp._partners.links import LinkKind

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["REFERRAL_KINDS", "referral_path", "referral_reach"]

#: The link kinds a person referred into a partnership can travel along.
REFERRAL_KINDS: Final = frozenset({LinkKind.REFERS_TO, LinkKind.ONWARD_REFERRAL})


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
