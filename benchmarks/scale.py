"""Data sets and peers for the graph, analysis, guard and backend benchmarks.

- :func:`crowded_partnership` builds one partnership of many members by commands,
  seeded, in the style of :mod:`benchmarks.data`, for the lifecycle guard query.
- :func:`sized_partnership` builds one partnership with ``n`` of one dimension
  (events, organisations, members, links or seats) and as few of the others as that
  allows, and :func:`command_calls` gives the four commands timed on it, for the
  targets that a command costs the same whatever the partnership's size.
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
from collections.abc import Callable, Mapping
from datetime import timedelta
from importlib.metadata import entry_points
from typing import Any

import networkx as nx

import psp
from benchmarks import data

__all__ = [
    "DIMENSIONS",
    "GraphLists",
    "bare_copy",
    "build",
    "command_calls",
    "crowded_partnership",
    "graph_differences",
    "networkx_peer",
    "parallel_backend",
    "projection",
    "referral_pair",
    "result_differences",
    "sized_partnership",
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


#: What a partnership has more or less of, for the command-cost targets.
DIMENSIONS = ("events", "organisations", "members", "links", "seats")

_JOINER, _LEAD, _MEMBER = "org-00000", "org-00001", "org-00002"


def sized_partnership(dimension: str, n: int, seed: int = data.SEED) -> psp.Partnership:
    """A partnership with ``n`` of one ``dimension`` (:data:`DIMENSIONS`) and as few of
    the others as that allows, built by commands.

    Every one starts from the same three organisations: ``org-00000`` is known and
    never a member, holds no seat and has no link (so :func:`command_calls` can join it
    and link to it), ``org-00001`` leads and ``org-00002`` is a provider; five events.
    Then, up to ``n``:

    - ``events``: the history grows to ``n`` events by churn that leaves every other
      count as it was: ``org-00002``'s roles change back and forth, a representative is
      named and stands down, a link is made and ended (so closed records pile up);
    - ``organisations``: organisations are added (``n`` known, two members);
    - ``members``: organisations join (``n`` members now);
    - ``links``: 32 members, then ``n`` links among them (of the 11 kinds), all open;
    - ``seats``: organisations take critical-friend seats (``n`` seats held now).

    A dimension necessarily brings some of another with it: each organisation is added
    by an event, each member is an organisation. Both sizes of one dimension differ in
    that dimension only.
    """
    if dimension not in DIMENSIONS:
        raise ValueError(f"{dimension!r} is not one of {DIMENSIONS}")
    rng = random.Random(seed)
    extra = n + 40 if dimension in ("organisations", "members", "seats", "links") else 0
    orgs = data.organisations(3 + extra, rng)
    joiner, lead, member, rest = orgs[0], orgs[1], orgs[2], orgs[3:]
    day = data.FIRST_DAY
    p = psp.Partnership(f"sized-{dimension}-{n}", f"{n:,} {dimension}")
    p = p.add_organisation(joiner, on=day)
    p = p.join(lead, roles={psp.Role.LEAD}, on=day)
    p = p.join(member, roles={psp.Role.PROVIDER}, on=day)
    if dimension == "events":
        while len(p.history) < n:
            day += timedelta(days=1)
            step = len(p.history) % 5
            if step == 0:
                roles = {psp.Role.PROVIDER} | ({psp.Role.SUPPORT} - p.roles_of(_MEMBER))
                p = p.change_roles(_MEMBER, roles, on=day)
            elif step == 1:
                p = p.name_representative(_MEMBER, rng.choice(data.PEOPLE), on=day)
            elif step == 2:
                p = p.stand_down_representative(
                    _MEMBER, p.representatives_of(_MEMBER)[0].person, on=day
                )
            elif step == 3:
                p = p.link(_LEAD, _MEMBER, psp.LinkKind.FUNDS, on=day)
            else:
                p = p.unlink(_LEAD, _MEMBER, psp.LinkKind.FUNDS, on=day)
    elif dimension == "organisations":
        for org in rest[: n - 3]:
            p = p.add_organisation(org, on=day)
    elif dimension == "members":
        for org in rest[: n - 2]:
            p = p.join(org, roles={rng.choice(data.NON_LEAD_ROLES)}, on=day)
    elif dimension == "links":
        for org in rest[:30]:
            p = p.join(org, roles={rng.choice(data.NON_LEAD_ROLES)}, on=day)
        ids = [lead.id, member.id, *(o.id for o in rest[:30])]
        keys = [(s, t, k) for s in ids for t in ids if s != t for k in psp.LinkKind]
        for source, target, kind in rng.sample(keys, n):
            p = p.link(source, target, kind, on=day)
    else:
        for org in rest[:n]:
            p = p.take_seat(org, psp.SeatKind.CRITICAL_FRIEND, on=day)
    return p


def command_calls(p: psp.Partnership) -> dict[str, Callable[[], object]]:
    """The commands timed on a :func:`sized_partnership`, each allowed and each the day
    after its last event: ``org-00000`` joins, ``org-00002``'s roles change, it leaves,
    and it links to ``org-00000``; and what a back end storing events one at a time
    calls: ``extend`` with the one event of a leaving, at the expected version, and
    ``events_since`` the version before the last event."""
    day = p.last_event_date
    assert day is not None
    on = day + timedelta(days=1)
    stored = p.version
    left = (psp.MemberLeft(on=on, partner_id=_MEMBER),)
    return {
        "join": lambda: p.join(_JOINER, roles={psp.Role.SUPPORT}, on=on),
        "change_roles": lambda: p.change_roles(_MEMBER, {psp.Role.REFERRAL}, on=on),
        "leave": lambda: p.leave(_MEMBER, on=on),
        "link": lambda: p.link(_MEMBER, _JOINER, psp.LinkKind.FUNDS, on=on),
        "extend": lambda: p.extend(left, expected_version=stored),
        "events_since": lambda: p.events_since(stored - 1),
    }


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
