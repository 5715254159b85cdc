"""The partner graph at two dates compared: which organisations, ties and roles were
added and which removed between ``before`` and ``after``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import attrs

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._base import checks as _checks
from psp._network.graph import partner_graph
from psp._network.parts import PART_OF
from psp._partners.links import LinkKind

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GraphDiff", "graph_diff"]

Tie = tuple[str, str, str]
Held = tuple[str, str, str]
_T = TypeVar("_T", str, tuple[str, str, str])


@attrs.frozen
class GraphDiff:
    """What changed in the partner graph between two dates; every field a sorted tuple.

    ``organisations_*`` are node ids (members, ends of links and, with ``parts``,
    organisations with a part). ``ties_*`` are ``(source, target, kind)`` of the
    recorded links between organisations, counted once however many partnerships
    record them. ``roles_*`` are ``(organisation, partnership, role)``; ``parts_*``
    ``(organisation, partnership, part)``, empty unless asked for. A diff is true
    when anything changed.
    """

    before: date | None
    after: date | None
    organisations_added: tuple[str, ...] = ()
    organisations_removed: tuple[str, ...] = ()
    ties_added: tuple[Tie, ...] = ()
    ties_removed: tuple[Tie, ...] = ()
    roles_added: tuple[Held, ...] = ()
    roles_removed: tuple[Held, ...] = ()
    parts_added: tuple[Held, ...] = ()
    parts_removed: tuple[Held, ...] = ()

    def __bool__(self) -> bool:
        return any(getattr(self, a.name) for a in attrs.fields(GraphDiff)[2:])


def _contents(
    g: nx.MultiDiGraph[str],
) -> tuple[set[str], set[Tie], set[Held], set[Held]]:
    organisations = {n for n, d in g.nodes(data=True) if d["kind"] == "organisation"}
    ties = {
        (u, v, d["kind"])
        for u, v, d in g.edges(data=True)
        if u in organisations and v in organisations
    }
    roles = {
        (n, pid, role)
        for n in organisations
        for pid, held in g.nodes[n]["roles_by_partnership"].items()
        for role in held
    }
    parts = {
        (u, d["partnership"], d["part"]) for u, _, d in g.edges(data=True) if d["kind"] == PART_OF
    }
    return organisations, ties, roles, parts


def graph_diff(
    subject: Partnership | Portfolio,
    before: date | None,
    after: date | None,
    *,
    kinds: Iterable[LinkKind | str] | None = None,
    partnerships: Iterable[Partnership | str] | None = None,
    parts: bool = False,
) -> GraphDiff:
    """Compare :func:`psp.partner_graph` of ``subject`` on ``before`` and on ``after``.

    ``None`` for either date means now, after each partnership's last event.
    ``kinds``, ``partnerships`` and ``parts`` choose the graph as they do for
    :func:`psp.partner_graph`; with ``parts``, organisations that play a part (a
    funder, a critical friend, ...) count as nodes and their parts are compared too.
    Added means in the graph on ``after`` and not on ``before``; removed the reverse.

    Examples
    --------
    >>> from datetime import date
    >>> from psp import Partner, Partnership
    >>> p = (
    ...     Partnership("p", "P")
    ...     .join(Partner("a", "A", "third"), roles={"lead"}, on=date(2012, 4, 1))
    ...     .join(Partner("b", "B", "third"), on=date(2012, 5, 1))
    ...     .link("b", "a", "refers-to", on=date(2012, 6, 1))
    ... )
    >>> d = graph_diff(p, date(2012, 4, 15), date(2012, 6, 15))
    >>> d.organisations_added, d.ties_added, d.roles_removed
    (('b',), (('b', 'a', 'refers-to'),), ())
    >>> bool(graph_diff(p, date(2012, 6, 15), None))
    False
    """
    for field, day in (("before", before), ("after", after)):
        if day is not None:
            _checks.a_date(field, day)
    old = _contents(
        partner_graph(subject, kinds=kinds, on=before, partnerships=partnerships, parts=parts)
    )
    new = _contents(
        partner_graph(subject, kinds=kinds, on=after, partnerships=partnerships, parts=parts)
    )
    organisations = _changed(old[0], new[0])
    ties = _changed(old[1], new[1])
    roles = _changed(old[2], new[2])
    held = _changed(old[3], new[3])
    return GraphDiff(before, after, *organisations, *ties, *roles, *held)


def _changed(old: set[_T], new: set[_T]) -> tuple[tuple[_T, ...], tuple[_T, ...]]:
    """What is in ``new`` and not ``old``, and the reverse, each sorted."""
    return tuple(sorted(new - old)), tuple(sorted(old - new))
