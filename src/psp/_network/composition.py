"""Who the network holds: how ties mix the sectors (Krackhardt and Stern's E-I index),
organisations that bridge partnerships, and the public bodies a partnership's focus
calls for that none of its members is."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._aggregate.subjects import partnerships_of
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError
from psp._lifecycle.policy import Policy
from psp._network.analysis_common import Kinds, Row, _ties_of

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["bridging_organisations", "ei_index", "missing_public_bodies"]


def ei_index(
    graph: nx.MultiDiGraph[str],
    attribute: str = "sector",
    *,
    kinds: Kinds = None,
    group: Any = None,
) -> float | None:
    """Krackhardt and Stern's E-I index of the ties between organisations.

    ``(E - I) / (E + I)`` where E counts ties between organisations with different
    values of ``attribute`` and I ties between organisations with the same value. A
    tie is a pair of organisations joined by at least one link (of ``kinds``) in
    either direction, counted once. -1 means every tie stays inside a group
    (homophily), +1 that every tie crosses groups. With ``group``, only ties that
    touch that group's members count: the group's own E-I index.

    Returns ``None`` when there is no tie to count (the index is undefined; ``None``,
    not ``nan``, so the result is strict JSON).

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
    return (external - internal) / total if total else None


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
    chosen = partnerships_of("obj", obj)
    if not isinstance(policy, Policy):
        raise InvalidValueError("policy", policy, "must be a Policy", code="wrong-type")
    if on is not None:
        _checks.a_date("on", on)
    rows = []
    for p in chosen:
        expected = policy.expected_public_bodies_for(p)
        rows.append(
            {
                "partnership": p.id,
                "focus": tuple(sorted(str.__str__(f) for f in p.focus)),
                "expected": tuple(sorted(k.value for k in expected)),
                "missing": tuple(sorted(k.value for k in p.absent_public_body_kinds(expected, on))),
            }
        )
    return rows
