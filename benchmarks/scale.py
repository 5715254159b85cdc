"""Data sets and peers for the graph, analysis, guard and backend benchmarks.

- :func:`crowded_partnership` builds one partnership of many members by commands,
  seeded, in the style of :mod:`benchmarks.data`, for the lifecycle guard query.
- :func:`networkx_peer` reads a graph psp built into the plain node and edge lists a
  user would hand networkx, and :func:`graph_differences` checks the graph networkx
  builds from them is psp's (same graph attributes, nodes, edges, keys and attributes,
  in the same order): the peer of ``psp.partner_graph`` builds the same graph.
- :func:`referral_pair` picks the fixed pair ``referral_path`` is timed on.
- :func:`projection` is the undirected simple graph betweenness runs on, and
  :func:`parallel_backend` says whether the nx-parallel backend can run here.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import random
from collections.abc import Mapping
from datetime import timedelta
from importlib.metadata import entry_points
from typing import Any

import networkx as nx

import psp
from benchmarks import data

__all__ = [
    "GraphLists",
    "bare_copy",
    "build",
    "crowded_partnership",
    "graph_differences",
    "networkx_peer",
    "parallel_backend",
    "projection",
    "referral_pair",
    "result_differences",
]

GraphLists = tuple[
    dict[str, Any], list[tuple[str, dict[str, Any]]], list[tuple[str, str, dict[str, Any]]]
]


def crowded_partnership(members: int, seed: int = data.SEED) -> psp.Partnership:
    """A forming partnership with exactly ``members`` members today, built by commands.

    A third-sector lead joins, then ``members - 1`` organisations with one or two of the
    non-lead roles, a few days apart; one in twenty more join and leave again, so the
    history also holds memberships no longer in force. It follows the RRCF policy
    (``psp.Policy.rrcf()``) and has a prison-leavers focus, so ``start-design``'s guards
    look at the lead, the sector balance, the roles held and the public bodies present.
    """
    rng = random.Random(seed)
    leavers = members // 20
    pool = data.organisations(members + leavers + 1, rng)
    lead = next(o for o in pool if o.sector is psp.Sector.THIRD)
    rest = [o for o in pool if o is not lead]
    p = psp.Partnership(
        f"crowd-{members}",
        f"A partnership of {members:,} members",
        focus={psp.Focus.PRISON_LEAVERS},
        policy=psp.Policy.rrcf(),
    )
    day = data.FIRST_DAY
    p = p.join(lead, roles={psp.Role.LEAD, psp.Role.PROVIDER}, on=day)
    for org in rest[: members - 1]:
        day += timedelta(days=rng.randrange(2))
        p = p.join(org, roles=set(rng.sample(data.NON_LEAD_ROLES, rng.randrange(1, 3))), on=day)
    for org in rest[members - 1 :]:
        day += timedelta(days=1)
        p = p.join(org, roles={psp.Role.SUPPORT}, on=day)
        p = p.leave(org.id, on=day + timedelta(days=1), reason="a short stay")
    return p


def networkx_peer(graph: nx.MultiDiGraph[str]) -> GraphLists:
    """The graph attributes, node list and edge list (each with its own attribute
    dicts) from which networkx's ``add_nodes_from`` and ``add_edges_from`` rebuild
    ``graph``: what a user holding the data in plain lists would pass networkx."""
    nodes = [(n, dict(d)) for n, d in graph.nodes(data=True)]
    edges = [(u, v, dict(d)) for u, v, d in graph.edges(data=True)]
    return dict(graph.graph), nodes, edges


def build(lists: GraphLists) -> nx.MultiDiGraph[str]:
    """The graph networkx builds from :func:`networkx_peer`'s lists."""
    attrs, nodes, edges = lists
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(**attrs)
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return g


def graph_differences(ours: nx.MultiDiGraph[str], theirs: nx.MultiDiGraph[str]) -> list[str]:
    """How two multigraphs differ: graph attributes, nodes with their attributes, and
    edges with their keys and attributes, each in order (none: the same graph)."""
    problems = []
    if type(ours) is not type(theirs):
        problems.append(f"types differ: {type(ours).__name__}, {type(theirs).__name__}")
    if ours.graph != theirs.graph:
        problems.append(f"graph attributes differ: {ours.graph} != {theirs.graph}")
    if list(ours.nodes(data=True)) != list(theirs.nodes(data=True)):
        problems.append("nodes or their attributes differ")
    if list(ours.edges(keys=True, data=True)) != list(theirs.edges(keys=True, data=True)):
        problems.append("edges, their keys or their attributes differ")
    return problems


def referral_pair(graph: nx.MultiDiGraph[str]) -> tuple[str, str]:
    """The pair ``referral_path`` is timed on: the source of the graph's first
    referral link (``psp.REFERRAL_KINDS``) and the organisation farthest from it along
    referral links (the last one a breadth-first search reaches). Without referral
    links, the first two organisations (no path: psp searches and finds none)."""
    referrals = psp.tie_graph(graph, kinds=psp.REFERRAL_KINDS, directed=True)
    for u, _ in referrals.edges():
        reached = nx.single_source_shortest_path_length(referrals, u)
        return u, list(reached)[-1]
    first, second = list(graph.nodes)[:2]
    return first, second


def projection(graph: nx.MultiDiGraph[str]) -> nx.Graph[str]:
    """The undirected simple graph of the organisations and their ties
    (``psp.tie_graph``), without attributes: what betweenness centrality needs, and
    cheap to send to another process. See :func:`bare_copy`."""
    return bare_copy(psp.tie_graph(graph))


def bare_copy(graph: nx.Graph[str]) -> nx.Graph[str]:
    """A new undirected graph of ``graph``'s nodes and edges, without attributes, whose
    conversions to other backends are not cached: every call converts, as a user's
    first call does (and networkx does not warn that it reuses a cached one)."""
    bare: nx.Graph[str] = nx.Graph()
    bare.add_nodes_from(graph)
    bare.add_edges_from(graph.edges())
    bare.__networkx_cache__ = None  # type: ignore[assignment]
    return bare


def result_differences(
    ours: Mapping[str, float], theirs: Mapping[str, float], tolerance: float = 1e-9
) -> tuple[list[str], float]:
    """Where two centrality results differ by more than ``tolerance`` (relative, or
    absolute near zero), and the largest absolute difference."""
    problems = []
    if set(ours) != set(theirs):
        problems.append(f"different nodes: {len(set(ours) ^ set(theirs))} not in both")
    worst = 0.0
    for n in set(ours) & set(theirs):
        worst = max(worst, abs(ours[n] - theirs[n]))
        if not math.isclose(ours[n], theirs[n], rel_tol=tolerance, abs_tol=tolerance):
            problems.append(f"{n}: {ours[n]!r} != {theirs[n]!r}")
    return problems, worst


def parallel_backend() -> str | None:
    """Why networkx's ``parallel`` backend (nx-parallel) cannot run here, or ``None``.

    nx-parallel 0.4, the first to import with networkx 3.6, needs Python 3.12; on
    Python 3.11 pip finds 0.3 at most, which fails to import with networkx 3.6.
    """
    if importlib.util.find_spec("nx_parallel") is None:
        return "not installed"
    try:
        importlib.import_module("nx_parallel")
    except ImportError as e:
        return f"not importable ({e.__class__.__name__}: {e})"
    if not entry_points(group="networkx.backends", name="parallel"):
        return "installed, but not registered as a networkx backend"
    return None
