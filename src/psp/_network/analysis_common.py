"""What the network analyses share: the types of their arguments and rows, the tie
graph of chosen link kinds, and the check that a node is an organisation.

Every analysis is a free function taking the graph first. It reads the documented
attributes of :func:`psp.partner_graph`, ignores partnership nodes and ``member-of``
edges, and imports networkx only when called.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from psp._base.errors import UnknownReferenceError
from psp._base.vocabulary import terms_of
from psp._network.graph import _ties
from psp._partners.links import LinkKind

if TYPE_CHECKING:
    import networkx as nx

Kinds = Iterable[LinkKind | str] | None
Row = dict[str, Any]


def _wanted(kinds: Kinds) -> set[str] | None:
    if kinds is None:
        return None
    return {str.__str__(k) for k in terms_of(LinkKind, "kinds", kinds)}


def _ties_of(graph: nx.MultiDiGraph[str], kinds: Kinds, *, directed: bool) -> nx.Graph[str]:
    # The analyses read node attributes from ``graph`` itself: their tie graphs need none.
    return _ties(graph, _wanted(kinds), directed=directed, attributes=False)


def _node(graph: nx.MultiDiGraph[str], field: str, node: str) -> str:
    if node not in graph or graph.nodes[node].get("kind") != "organisation":
        raise UnknownReferenceError(
            field, node, "is not an organisation in this graph", code="unknown-organisation"
        )
    return node
