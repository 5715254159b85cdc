"""The partner graph: a partnership or a portfolio as a plain networkx graph.

The graph is derived from the domain objects, which stay the source of truth: it is
built afresh on every call, so changing it changes nothing in psp. networkx is
imported only when a graph is built, so ``import psp`` stays light.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Final, TypeVar

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError, RuleViolationError, UnknownReferenceError
from psp._base.vocabulary import terms_of
from psp._network.parts import PART_LABELS, PART_OF, parts_of
from psp._partners.links import Link, LinkKind
from psp._partners.organisation import Partner

if TYPE_CHECKING:
    import networkx as nx

_T = TypeVar("_T")
_V = TypeVar("_V")

__all__ = ["MEMBER_OF", "PARTNERSHIP_NODE_PREFIX", "partner_graph", "tie_graph"]

#: The ``kind`` of the edges from an organisation to a partnership node.
MEMBER_OF: Final = "member-of"
#: Partnership nodes are named ``"partnership:" + id``, apart from organisation ids.
PARTNERSHIP_NODE_PREFIX: Final = "partnership:"
# Edge kinds that are not recorded links: a tie graph never counts them.
_NOT_LINKS: Final = frozenset({MEMBER_OF, PART_OF})


# Graphs are drawn again and again from the same immutable objects (a notebook redraws
# a fund on many dates): what an organisation or a link contributes is worked out once
# and kept as long as the object lives. The caches are keyed by the object's id(), with
# a weak reference to the object itself, rather than by the object: a
# WeakKeyDictionary hashed and compared the whole Partner (every field) on each look-up.
# An entry is used only while its reference still gives that very object, never keeps
# the object alive, and goes when the object does. The cached dicts are never handed to
# a graph: node attributes are copied into the graph's own dicts, and networkx copies
# each edge's.
_PARTNER_ATTRS: dict[int, tuple[weakref.ref[Partner], dict[str, Any]]] = {}
_LINK_ATTRS: dict[
    int, tuple[weakref.ref[Link], dict[tuple[str | None, tuple[str, str]], dict[str, Any]]]
] = {}


def _cached(cache: dict[int, tuple[weakref.ref[_T], _V]], obj: _T, make: Callable[[_T], _V]) -> _V:
    """``make(obj)``, worked out once while ``obj`` lives."""
    key = id(obj)
    entry = cache.get(key)
    if entry is not None and entry[0]() is obj:
        return entry[1]
    found = make(obj)
    # The callback only frees memory (correctness rests on the check above): should it
    # ever remove a later object's entry under a reused id, that entry is worked out again.
    cache[key] = (weakref.ref(obj, lambda _: cache.pop(key, None)), found)
    return found


@functools.lru_cache(maxsize=1024)  # role sets are interned: a few dozen distinct ones
def _roles(roles: frozenset[Any]) -> tuple[str, ...]:
    return tuple(sorted(r.value for r in roles))


def _organisation_only(partner: Partner) -> dict[str, Any]:
    return {
        "kind": "organisation",
        "name": partner.name,
        "sector": partner.sector.value,
        "public_body_kind": _value(partner.public_body_kind),
        "third_sector_kind": _value(partner.third_sector_kind),
        "reach": _value(partner.reach),
        "size": _value(partner.size),
        "areas": tuple(sorted(partner.areas)),
        "represents_service_users": partner.represents_service_users,
    }


@functools.lru_cache(maxsize=4096)  # sets of the few role tuples _roles makes
def _union(held: frozenset[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(sorted({r for roles in held for r in roles}))


def _value(member: Any) -> str | None:
    return None if member is None else str(member.value)


def _link_attrs(link: Link, partnership: str | None, labels: tuple[str, str]) -> dict[str, Any]:
    by_partnership = _cached(_LINK_ATTRS, link, _by_partnership)
    # Keyed by the labels too: a later partnership sharing the link may relabel its kind.
    key = (partnership, labels)
    found = by_partnership.get(key)
    if found is None:
        found = by_partnership[key] = _link_only(link, partnership, labels)
    return found


def _by_partnership(_: Link) -> dict[tuple[str | None, tuple[str, str]], dict[str, Any]]:
    return {}  # a link's attributes per partnership id (None: the portfolio's) and labels


def _link_only(link: Link, partnership: str | None, labels: tuple[str, str]) -> dict[str, Any]:
    return {
        "kind": str.__str__(link.kind),
        "label": labels[0],
        "inverse_label": labels[1],
        "start": link.period.start,
        "end": link.period.end,
        "partnership": partnership,
        "weight": 1.0 if link.weight is None else link.weight,
        "pre_existing": link.pre_existing,
        "note": link.note,
    }


def _chosen(
    portfolio: Portfolio, partnerships: Iterable[Partnership | str] | None
) -> tuple[Partnership, ...]:
    if partnerships is None:
        return portfolio.partnerships
    if isinstance(partnerships, str | bytes) or not isinstance(partnerships, Iterable):
        raise InvalidValueError(
            "partnerships",
            partnerships,
            "must be a collection of partnership ids",
            code="not-a-collection",
        )
    ids = {p.id for p in portfolio.partnerships}
    wanted = set()
    for i, item in enumerate(partnerships):
        pid = _checks.an_id(
            f"partnerships[{i}]", item.id if isinstance(item, Partnership) else item
        )
        if pid not in ids:
            raise UnknownReferenceError(
                f"partnerships[{i}]", pid, "is not a partnership here", code="unknown-partnership"
            )
        wanted.add(pid)
    return tuple(p for p in portfolio.partnerships if p.id in wanted)


def partner_graph(
    obj: Partnership | Portfolio,
    *,
    kinds: Iterable[LinkKind | str] | None = None,
    on: date | None = None,
    partnerships: Iterable[Partnership | str] | None = None,
    include_partnerships: bool = False,
    parts: bool = False,
) -> nx.MultiDiGraph[str]:
    """Return the partner graph of a partnership or a portfolio, as of ``on``.

    Parameters
    ----------
    obj : Partnership or Portfolio
        What to draw. A partnership is treated as a portfolio of one.
    kinds : iterable of LinkKind or str, optional
        Keep only links of these kinds (``None``: every kind), built-in or terms of
        your own. Membership edges are not links and are kept regardless.
    on : date, optional
        Keep only the members and links in force on this day (``None``: now, after
        each partnership's last event), as the partnership's own queries do.
    partnerships : iterable of ids, optional
        Keep only these partnerships of a portfolio. Portfolio-level links are kept
        when both their ends are organisations a kept partnership knows.
    include_partnerships : bool
        Add a node per partnership (``kind="partnership"``, named
        ``"partnership:" + id``) and a ``member-of`` edge from each member to it.
    parts : bool
        Add the organisations that play a part in a kept partnership on ``on``
        without (or besides) being members: funders of awarded bids, seat holders,
        givers of sustainability commitments, tenderers (:data:`psp.PARTS`). Each
        such part is a ``part-of`` edge to the partnership's node (added as
        ``include_partnerships`` adds it, without ``member-of`` edges unless that is
        asked too); every organisation node gains ``parts`` (sorted part names) and
        ``parts_by_partnership`` (partnership id to a sorted tuple of parts).

    Returns
    -------
    networkx.MultiDiGraph
        A new graph. Nodes are organisation ids: every member on ``on`` and every
        end of a kept link (which may be a non-member, e.g. a funder). Their
        attributes are ``kind`` (``"organisation"``), ``name``, ``sector``,
        ``public_body_kind``, ``third_sector_kind``, ``reach``, ``size`` (enum values
        or ``None``), ``areas`` (sorted tuple), ``represents_service_users``,
        ``member`` (a member of some kept partnership on ``on``), ``partnerships``
        (the ids it is a member of), ``roles_by_partnership`` (id to a sorted tuple
        of role values) and ``roles`` (the sorted union of those). Edges run from a
        link's source to its target and carry ``kind`` (the LinkKind value, a term
        of your own, ``"member-of"`` or ``"part-of"``), ``label`` and
        ``inverse_label`` (how the edge reads forwards and back:
        :meth:`psp.Partnership.link_labels`, a portfolio-level link's
        :meth:`psp.Portfolio.link_labels`; ``"member of"`` and ``"has member"``; a
        part's from :data:`psp.PART_LABELS`), ``partnership`` (its id, or ``None``
        for a portfolio-level link) and ``weight`` (the link's, 1.0 when it has
        none); links and ``member-of`` edges carry ``start`` and ``end`` (``None`` if
        open), links ``pre_existing`` and ``note``, ``member-of`` edges ``roles``,
        and ``part-of`` edges ``part`` (their ``kind``, never a link's, tells them
        apart from recorded links). ``graph.graph`` holds ``name``, ``on``,
        ``kinds`` and ``partnerships``. Nodes and edges are added in a fixed order:
        members as they joined, partnership by partnership, then link ends, then
        organisations with parts; edges partnership by partnership, then the
        portfolio's (networkx lists edges by source node).

    Examples
    --------
    >>> from datetime import date
    >>> from psp import Partner, Partnership
    >>> p = (
    ...     Partnership("p", "A PSP")
    ...     .join(Partner("a", "A", "third"), roles={"lead", "provider"}, on=date(2012, 4, 1))
    ...     .join(Partner("b", "B", "public", public_body_kind="cja"), on=date(2012, 4, 1))
    ...     .link("b", "a", "refers-to", on=date(2012, 5, 1))
    ... )
    >>> g = partner_graph(p)
    >>> list(g.nodes), g.nodes["a"]["roles"], g.nodes["b"]["sector"]
    (['a', 'b'], ('lead', 'provider'), 'public')
    >>> [(u, v, d["kind"]) for u, v, d in g.edges(data=True)]
    [('b', 'a', 'refers-to')]
    >>> partner_graph(p, on=date(2012, 4, 15)).number_of_edges()
    0
    """
    import networkx as nx

    if isinstance(obj, Partnership):
        portfolio = Portfolio(obj.id, obj.name, (obj,))
    elif isinstance(obj, Portfolio):
        portfolio = obj
    else:
        raise InvalidValueError(
            "obj", obj, "must be a Partnership or a Portfolio", code="wrong-type"
        )
    wanted = None if kinds is None else terms_of(LinkKind, "kinds", kinds)
    if on is not None:
        _checks.a_date("on", on)
    chosen = _chosen(portfolio, partnerships)

    orgs = portfolio.organisations
    by_org: dict[str, dict[str, tuple[str, ...]]] = {}
    member_edges: list[tuple[str, str, dict[str, Any]]] = []
    link_edges: list[tuple[str, str, dict[str, Any]]] = []
    for p in chosen:
        pid = p.id
        for m in p.memberships_on(on):
            roles = _roles(m.roles)
            held = by_org.get(m.partner_id)
            if held is None:
                by_org[m.partner_id] = {pid: roles}
            else:
                held[pid] = roles
            if include_partnerships:
                member_edges.append(
                    (
                        m.partner_id,
                        PARTNERSHIP_NODE_PREFIX + pid,
                        {
                            "kind": MEMBER_OF,
                            "label": "member of",
                            "inverse_label": "has member",
                            "start": m.period.start,
                            "end": m.period.end,
                            "partnership": pid,
                            "weight": 1.0,
                            "roles": roles,
                        },
                    )
                )
    for p in chosen:
        link_edges.extend(
            (k.source, k.target, _link_attrs(k, p.id, p.link_labels(k.kind)))
            for k in p.links_on(on, wanted)
        )
    # The organisations the kept partnerships know (all of the portfolio's when all kept).
    known = (
        orgs
        if len(chosen) == len(portfolio.partnerships)
        else {pid for p in chosen for pid in p.organisations}
    )
    link_edges.extend(
        (k.source, k.target, _link_attrs(k, None, portfolio.link_labels(k.kind)))
        for k in portfolio.links_on(on, wanted)
        if k.source in known and k.target in known
    )
    for u, v, _ in link_edges:
        if u not in by_org:
            by_org[u] = {}
        if v not in by_org:
            by_org[v] = {}
    played: dict[str, dict[str, list[str]]] = {}
    part_edges: list[tuple[str, str, dict[str, Any]]] = []
    if parts:
        for p in chosen:
            for org, part in parts_of(p, on):
                if org not in by_org:
                    by_org[org] = {}
                played.setdefault(org, {}).setdefault(p.id, []).append(part)
                label, inverse = PART_LABELS[part]
                part_edges.append(
                    (
                        org,
                        PARTNERSHIP_NODE_PREFIX + p.id,
                        {
                            "kind": PART_OF,
                            "label": label,
                            "inverse_label": inverse,
                            "partnership": p.id,
                            "weight": 1.0,
                            "part": part,
                        },
                    )
                )

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(
        name=portfolio.name,
        on=on,
        kinds=None if wanted is None else tuple(sorted(str.__str__(k) for k in wanted)),
        partnerships=tuple(p.id for p in chosen),
    )
    # The nodes first, without attributes (networkx's quick path), then each node's own
    # attribute dict filled in place through the node view: handing networkx a new dict
    # per node had it copy each one twice (and raise and catch a TypeError per node).
    g.add_nodes_from(by_org)
    for node, data in g.nodes(data=True):
        held = by_org[node]
        own: dict[str, Any] = _cached(_PARTNER_ATTRS, orgs[node], _organisation_only)
        data.update(own)
        data["member"] = bool(held)
        data["partnerships"] = tuple(held)
        if len(held) == 1:
            [data["roles"]] = held.values()
        else:
            data["roles"] = _union(frozenset(held.values()))
        data["roles_by_partnership"] = held  # this graph's own dict, kept uncopied
        if parts:
            mine = {pid: tuple(sorted(ps)) for pid, ps in played.get(node, {}).items()}
            data["parts"] = tuple(sorted({x for ps in mine.values() for x in ps}))
            data["parts_by_partnership"] = mine
    if include_partnerships or parts:
        for p in chosen:
            node = PARTNERSHIP_NODE_PREFIX + p.id
            if node in g:
                asked, without = (
                    ("include_partnerships", "partnership nodes")
                    if include_partnerships
                    else ("parts", "parts")
                )
                raise RuleViolationError(
                    asked,
                    node,
                    "an organisation has the id a partnership node would take; "
                    f"draw without {without}",
                    code="node-id-clash",
                )
            g.add_node(node, kind="partnership", id=p.id, name=p.name)
    g.add_edges_from(member_edges)
    g.add_edges_from(part_edges)
    g.add_edges_from(link_edges)
    return g


def tie_graph(
    graph: nx.MultiDiGraph[str],
    *,
    kinds: Iterable[LinkKind | str] | None = None,
    directed: bool = False,
) -> nx.Graph[str]:
    """Collapse a partner graph to one tie per pair of organisations.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph made by :func:`partner_graph`.
    kinds : iterable of LinkKind or str, optional
        Count only links of these kinds (``None``: every kind).
    directed : bool
        Keep the links' direction (a ``DiGraph``) or not (a ``Graph``).

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        Every organisation node of ``graph`` with its attributes, and an edge
        wherever at least one link joins two organisations, carrying ``kinds`` (the
        sorted distinct link kinds) and ``links`` (how many links). Partnership
        nodes and ``member-of`` edges are left out.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["a", "b"], kind="organisation")
    >>> g.add_edge("a", "b", kind="refers-to")
    0
    >>> g.add_edge("b", "a", kind="funds")
    0
    >>> t = tie_graph(g)
    >>> t.number_of_edges(), t.edges["a", "b"]["kinds"]
    (1, ('funds', 'refers-to'))
    """
    wanted = None if kinds is None else {str.__str__(k) for k in terms_of(LinkKind, "kinds", kinds)}
    return _ties(graph, wanted, directed=directed, attributes=True)


def _ties(
    graph: nx.MultiDiGraph[str], wanted: set[str] | None, *, directed: bool, attributes: bool
) -> nx.Graph[str]:
    """:func:`tie_graph` for checked ``kinds`` (values); without node ``attributes``
    for the analyses that only count ties (copying 13 attributes a node was half
    their time)."""
    import networkx as nx

    ties: nx.Graph[str] = nx.DiGraph() if directed else nx.Graph()
    organisations = ((n, d) for n, d in graph.nodes(data=True) if d.get("kind") == "organisation")
    # networkx copies each node's dict as it adds it: the graph's own stay untouched.
    ties.add_nodes_from(organisations if attributes else (n for n, _ in organisations))
    for u, v, d in graph.edges(data=True):
        kind = d.get("kind")
        if kind in _NOT_LINKS or (wanted is not None and kind not in wanted):
            continue
        if u not in ties or v not in ties:
            continue
        if ties.has_edge(u, v):
            data = ties.edges[u, v]
            data["kinds"] = tuple(sorted({*data["kinds"], kind}))
            data["links"] += 1
        else:
            ties.add_edge(u, v, kinds=(kind,), links=1)
    return ties
