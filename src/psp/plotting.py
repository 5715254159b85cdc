"""Drawing partner graphs with matplotlib (``pip install "public-social-partnerships[plot]"``).

An optional, public submodule: ``import psp`` never imports it, nor matplotlib.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from datetime import date
>>> from psp import Partner, Partnership, partner_graph
>>> from psp.plotting import draw_partner_graph
>>> p = Partnership("p", "A PSP").join(
...     Partner("a", "A charity", "third"), roles={"lead"}, on=date(2012, 4, 1))
>>> fig = draw_partner_graph(partner_graph(p, include_partnerships=True))
>>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()][:2]
['third sector', 'lead']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

try:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
except ImportError as e:  # tested by hiding matplotlib
    raise ImportError(
        "psp.plotting draws with matplotlib, which is not installed: "
        "pip install 'public-social-partnerships[plot]'"
    ) from e

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes

__all__ = ["ROLE_SHAPES", "SECTOR_COLOURS", "draw_partner_graph"]

#: Node colour by sector; partnership nodes are grey.
SECTOR_COLOURS: Final[Mapping[str, str]] = {
    "third": "#1b9e77",
    "public": "#7570b3",
    "private": "#d95f02",
}
#: Node shape (a matplotlib marker) by role, in order of precedence: a member with
#: several roles is drawn by the first of them here. ``None``: no role.
ROLE_SHAPES: Final[Mapping[str | None, str]] = {
    "lead": "*",
    "strategic": "D",
    "referral": "s",
    "provider": "o",
    "support": "^",
    None: "h",
}
_PARTNERSHIP_COLOUR: Final = "#bbbbbb"
_PARTNERSHIP_SHAPE: Final = "p"
_EDGE_COLOURS: Final = (
    "#e41a1c",
    "#377eb8",
    "#4daf4a",
    "#984ea3",
    "#ff7f00",
    "#a65628",
    "#f781bf",
    "#999999",
    "#66c2a5",
    "#8da0cb",
    "#e78ac3",
)


def _shape(roles: tuple[str, ...]) -> str:
    for role, shape in ROLE_SHAPES.items():
        if role is not None and role in roles:
            return shape
    return ROLE_SHAPES[None]


def draw_partner_graph(
    graph: nx.MultiDiGraph[str],
    ax: Axes | None = None,
    *,
    pos: Mapping[str, Any] | None = None,
    seed: int = 7,
    labels: bool = True,
) -> Figure:
    """Draw a graph made by :func:`psp.partner_graph` and return its figure.

    Colour shows the sector (:data:`SECTOR_COLOURS`), shape the role
    (:data:`ROLE_SHAPES`), edge colour the kind of link; partnership nodes are grey
    pentagons and ``member-of`` edges dashed. ``ax`` is drawn on if given, else a new
    figure (not attached to pyplot, so nothing is shown or kept). ``pos`` maps nodes
    to positions; by default a spring layout with ``seed``, so the same graph is
    drawn the same way. ``labels`` writes each node's name.
    """
    import networkx as nx

    if ax is None:
        fig = Figure(figsize=(10, 8), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.get_figure()  # type: ignore[assignment]
    positions = dict(nx.spring_layout(graph, seed=seed)) if pos is None else dict(pos)

    groups: dict[tuple[str, str], list[str]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "partnership":
            key = (_PARTNERSHIP_COLOUR, _PARTNERSHIP_SHAPE)
        else:
            colour = SECTOR_COLOURS.get(str(data.get("sector")), _PARTNERSHIP_COLOUR)
            key = (colour, _shape(tuple(data.get("roles", ()))))
        groups.setdefault(key, []).append(node)
    for (colour, shape), nodes in groups.items():
        nx.draw_networkx_nodes(
            graph,
            positions,
            nodelist=nodes,
            node_color=colour,
            node_shape=shape,
            node_size=600 if shape == ROLE_SHAPES["lead"] else 300,  # a star looks small
            ax=ax,
        )

    edge_kinds = [(u, v, str(d.get("kind"))) for u, v, d in graph.edges(data=True)]
    kinds = list(dict.fromkeys(k for _, _, k in edge_kinds))
    colours = {k: _EDGE_COLOURS[i % len(_EDGE_COLOURS)] for i, k in enumerate(kinds)}
    for kind in kinds:
        edges = [(u, v) for u, v, k in edge_kinds if k == kind]
        nx.draw_networkx_edges(
            graph,
            positions,
            edgelist=edges,
            edge_color=colours[kind] if kind != "member-of" else _PARTNERSHIP_COLOUR,
            style="dashed" if kind == "member-of" else "solid",
            connectionstyle="arc3,rad=0.1",
            arrows=True,
            ax=ax,
        )
    if labels:
        names = {n: str(d.get("name", n)) for n, d in graph.nodes(data=True)}
        nx.draw_networkx_labels(graph, positions, labels=names, font_size=7, ax=ax)

    handles = [
        Line2D([], [], marker="o", linestyle="", color=c, label=f"{s} sector")
        for s, c in SECTOR_COLOURS.items()
        if any(d.get("sector") == s for _, d in graph.nodes(data=True))
    ]
    handles += [
        Line2D([], [], marker=m, linestyle="", color="#444444", label=r or "no role")
        for r, m in ROLE_SHAPES.items()
    ]
    if (_PARTNERSHIP_COLOUR, _PARTNERSHIP_SHAPE) in groups:
        handles.append(
            Line2D(
                [],
                [],
                marker=_PARTNERSHIP_SHAPE,
                linestyle="",
                color=_PARTNERSHIP_COLOUR,
                label="partnership",
            )
        )
    handles += [
        Line2D([], [], color=_PARTNERSHIP_COLOUR if k == "member-of" else colours[k], label=k)
        for k in kinds
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1, 1), fontsize=8, frameon=False)
    ax.set_title(str(graph.graph.get("name", "")))
    ax.set_axis_off()
    return fig
