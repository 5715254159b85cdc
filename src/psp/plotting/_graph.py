"""Drawing a partner graph: the layout chosen by size, nodes coloured by sector with a
marker per role, edges coloured by kind, and labels that do not collide (private; the
public names are in :mod:`psp.plotting`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import ScaledTranslation

from psp._base.errors import InvalidValueError
from psp.plotting._labels import Anchor, place_labels, root_figure, shorten

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

__all__ = [
    "LARGE_GRAPH",
    "ROLE_SHAPES",
    "SECTOR_COLOURS",
    "Layout",
    "draw_partner_graph",
]

#: Node colour by sector; partnership nodes are grey.
SECTOR_COLOURS: Final[Mapping[str, str]] = {
    "third": "#1b9e77",
    "public": "#7570b3",
    "private": "#d95f02",
}
#: The marker (a matplotlib marker) of each role, drawn in a row under an
#: organisation's node, one per role it holds, in this order. ``None``: the marker of
#: an organisation that holds no role.
ROLE_SHAPES: Final[Mapping[str | None, str]] = {
    "lead": "*",
    "strategic": "D",
    "referral": "s",
    "provider": "o",
    "support": "^",
    None: "h",
}
#: The most nodes laid out by default with the attractive and repulsive forces layout
#: (networkx's ``arf_layout``), which keeps nodes apart; larger graphs, which no
#: labels make readable anyway, take the spring layout, whose time grows more slowly
#: (arf's grows with the square of the nodes: 0.2 s at 50, 2.5 s at 200, 10 s at 400).
#: Measured on the example portfolio drawn 760 by 620 pixels: at 51 organisations
#: the spring layout put 26 pairs of nodes closer than a node's width (24 pixels) and
#: two of them 5 pixels apart, arf none, the closest 42 pixels apart; from about 27
#: nodes the spring layout crowds some, and below that it pushes organisations
#: without ties to the edges, crushing the rest in the middle.
LARGE_GRAPH: Final = 200
#: The most nodes whose labels are long by default (36 characters; 26 beyond).
_SMALL_GRAPH: Final = 25
#: How a graph is laid out: chosen by its size (``"auto"``), or named.
Layout = Literal["auto", "spring", "arf"]

_LAYOUTS: Final = ("auto", "spring", "arf")
#: How strongly arf_layout pulls tied nodes together (networkx: 1.1): at 3, ties are
#: shorter (a mean of 224 pixels at 51 nodes, 352 at 1.1) and nodes still apart.
_ATTRACTION: Final = 3.0
_PARTNERSHIP_COLOUR: Final = "#bbbbbb"
_PARTNERSHIP_SHAPE: Final = "p"
_BODY: Final = 260.0  # an organisation's node, in points squared
_PARTNERSHIP_BODY: Final = 360.0
_BADGE: Final = 26.0  # a role's marker
_BADGE_STEP: Final = 6.5  # points between two role markers
_BADGE_GAP: Final = 4.0  # points between a node and its row of role markers
_FONT: Final = 7.0
_MARGIN: Final = 0.08  # of the layout's width and height, each side
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


def _roles(data: Mapping[str, Any]) -> tuple[str | None, ...]:
    """An organisation's roles in :data:`ROLE_SHAPES` order (roles it does not list
    last, as given); ``(None,)`` if it holds none."""
    held = [str(r) for r in data.get("roles", ())]
    known = [r for r in ROLE_SHAPES if r in held]
    return (*known, *(r for r in held if r not in ROLE_SHAPES)) or (None,)


def _radius(size: float) -> float:
    """A marker's half-width in points, from its area in points squared."""
    return float(size**0.5 / 2)


def new_axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """``ax`` and its figure, or a new figure of ``size`` inches and its one axes (not
    attached to pyplot, so nothing is shown or kept)."""
    if ax is None:
        fig = Figure(figsize=size, layout="constrained")
        return fig, fig.add_subplot()
    return root_figure(ax), ax


def lay_out(graph: nx.MultiDiGraph[str] | nx.DiGraph[str], how: str, seed: int) -> dict[str, Any]:
    """Each node's position, by the layout ``how`` names (``"auto"``: by size)."""
    import networkx as nx

    if how not in _LAYOUTS:
        raise InvalidValueError(
            "layout", how, f"must be one of {', '.join(_LAYOUTS)}", code="unknown-choice"
        )
    n = graph.number_of_nodes()
    if how == "spring" or (how == "auto" and n > LARGE_GRAPH):
        return dict(nx.spring_layout(graph, seed=seed))
    simple = nx.Graph(graph)  # one undirected tie per pair: the forces count each once
    return dict(nx.arf_layout(simple, pos=nx.random_layout(simple, seed=seed), a=_ATTRACTION))


def frame(ax: Axes, positions: Mapping[str, Any]) -> None:
    """Fix the axes' limits around the positions, with room for labels at the edges."""
    xs = [float(p[0]) for p in positions.values()] or [0.0]
    ys = [float(p[1]) for p in positions.values()] or [0.0]
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    ax.set_xlim(min(xs) - _MARGIN * width, max(xs) + _MARGIN * width)
    ax.set_ylim(min(ys) - _MARGIN * height, max(ys) + _MARGIN * height)
    ax.set_autoscale_on(False)
    ax.set_axis_off()


def draw_nodes(
    ax: Axes,
    graph: nx.MultiDiGraph[str] | nx.DiGraph[str],
    positions: Mapping[str, Any],
    *,
    roles: bool,
    label_length: int,
) -> tuple[list[Anchor], list[Artist]]:
    """Draw each node (colour by sector; hollow if not a member; a grey pentagon for a
    partnership) and, with ``roles``, a row of role markers under each organisation.
    Returns where each label goes and the legend's entries for what was drawn."""
    bodies: dict[tuple[str, bool], list[str]] = {}
    badges: dict[tuple[str | None, float], list[str]] = {}
    anchors = []
    for node, data in graph.nodes(data=True):
        x, y = (float(v) for v in positions[node])
        name = shorten(str(data.get("name", node)), label_length)
        if data.get("kind") == "partnership":
            bodies.setdefault(("partnership", False), []).append(node)
            r = _radius(_PARTNERSHIP_BODY)
            anchors.append(Anchor(node, name, x, y, r, r, r))
            continue
        sector = str(data.get("sector"))
        bodies.setdefault((sector, data.get("member") is False), []).append(node)
        r = _radius(_BODY)
        held = _roles(data) if roles else ()
        for i, role in enumerate(held):
            badges.setdefault((role, (i - (len(held) - 1) / 2) * _BADGE_STEP), []).append(node)
        half_w = max(r, len(held) * _BADGE_STEP / 2)
        below = r + _BADGE_GAP + _radius(_BADGE) if held else r
        anchors.append(Anchor(node, name, x, y, half_w, r, below))

    handles: list[Artist] = []
    for (sector, hollow), nodes in sorted(bodies.items(), key=lambda kv: _body_order(*kv[0])):
        xy = [positions[n] for n in nodes]
        if sector == "partnership":
            colour, shape, size = _PARTNERSHIP_COLOUR, _PARTNERSHIP_SHAPE, _PARTNERSHIP_BODY
        else:
            colour, shape, size = SECTOR_COLOURS.get(sector, _PARTNERSHIP_COLOUR), "o", _BODY
        ax.scatter(
            [p[0] for p in xy],
            [p[1] for p in xy],
            s=size,
            marker=shape,
            facecolors="white" if hollow else colour,
            edgecolors=colour,
            linewidths=1.5,
            zorder=2,
            gid=f"nodes:{sector}" + (":not-member" if hollow else ""),
        )
    drawn = {sector for sector, _ in bodies}
    handles += [
        Line2D([], [], marker="o", linestyle="", color=c, label=f"{s} sector")
        for s, c in SECTOR_COLOURS.items()
        if s in drawn
    ]
    if any(hollow for _, hollow in bodies):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color="#444444",
                markerfacecolor="white",
                label="not a member",
            )
        )
    if "partnership" in drawn:
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

    fig = root_figure(ax)
    shown: list[str | None] = []
    for (role, dx), nodes in badges.items():
        xy = [positions[n] for n in nodes]
        r = _radius(_BODY) + _BADGE_GAP + _radius(_BADGE)
        shift = ScaledTranslation(dx / 72, -r / 72, fig.dpi_scale_trans)
        shape = ROLE_SHAPES.get(role, "X")
        ax.scatter(
            [p[0] for p in xy],
            [p[1] for p in xy],
            s=_BADGE * (1.6 if shape == "*" else 1.0),  # a star looks small
            marker=shape,
            color="#333333",
            linewidths=0,
            zorder=3,
            transform=ax.transData + shift,
            gid=f"role:{role or 'none'}",
        )
        if role not in shown:
            shown.append(role)
    handles += [
        Line2D(
            [],
            [],
            marker=ROLE_SHAPES.get(r, "X"),
            linestyle="",
            color="#333333",
            label=r or "no role",
        )
        for r in sorted(shown, key=_role_order)
    ]
    return anchors, handles


def _body_order(sector: str, hollow: bool) -> tuple[int, bool]:
    order = [*SECTOR_COLOURS, "partnership"]
    return (order.index(sector) if sector in order else len(order), hollow)


def _role_order(role: str | None) -> int:
    order = list(ROLE_SHAPES)
    return order.index(role) if role in order else len(order)


def draw_partner_graph(
    graph: nx.MultiDiGraph[str],
    ax: Axes | None = None,
    *,
    pos: Mapping[str, Any] | None = None,
    seed: int = 7,
    labels: bool = True,
    layout: Layout = "auto",
    label_length: int | None = None,
) -> Figure:
    """Draw a graph made by :func:`psp.partner_graph` and return its figure.

    Colour shows the sector (:data:`SECTOR_COLOURS`; a hollow node is an organisation
    that plays a part without being a member), the row of markers under a node every
    role it holds (:data:`ROLE_SHAPES`), edge colour the kind of link; partnership
    nodes are grey pentagons and ``member-of`` edges dashed. ``ax`` is drawn on if
    given, else a new figure (not attached to pyplot, so nothing is shown or kept).

    ``pos`` maps nodes to positions. Without it the layout is chosen by size
    (``layout="auto"``): the attractive and repulsive forces layout, which keeps
    nodes apart, up to :data:`LARGE_GRAPH` nodes, a spring layout beyond; ``"spring"``
    or ``"arf"`` names one.
    Either is seeded with ``seed``, so the same graph is drawn the same way.

    ``labels`` writes each node's name, shortened to ``label_length`` characters
    (an ellipsis marks a cut; by default 36 up to 25 nodes, 26
    beyond), beside its node where it overlaps no other label, no
    node and stays inside the axes if it can; a label moved away from its node has a
    thin line back to it. Labels are placed for the figure's size when drawn: resize
    the figure before drawing, not after.
    """
    length = checked_length(label_length, graph.number_of_nodes())
    fig, ax = new_axes(ax, (10, 8))
    positions = lay_out(graph, layout, seed) if pos is None else dict(pos)
    frame(ax, positions)
    anchors, handles = draw_nodes(ax, graph, positions, roles=True, label_length=length)

    edge_kinds = [(u, v, str(d.get("kind"))) for u, v, d in graph.edges(data=True)]
    kinds = list(dict.fromkeys(k for _, _, k in edge_kinds))
    colours = {
        k: _PARTNERSHIP_COLOUR if k == "member-of" else _EDGE_COLOURS[i % len(_EDGE_COLOURS)]
        for i, k in enumerate(kinds)
    }
    handles += [Line2D([], [], color=colours[k], label=k) for k in kinds]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1, 1), fontsize=8, frameon=False)
    ax.set_title(str(graph.graph.get("name", "")))
    if labels:
        place_labels(ax, anchors, fontsize=_FONT)
    for kind in kinds:
        draw_edges(
            ax,
            graph,
            positions,
            [(u, v) for u, v, k in edge_kinds if k == kind],
            color=colours[kind],
            style="dashed" if kind == "member-of" else "solid",
            width=1.0,
        )
    return fig


def checked_length(value: int | None, nodes: int) -> int:
    """The longest label: ``value``, or by default by the graph's size."""
    if value is None:
        return 36 if nodes <= _SMALL_GRAPH else 26
    if type(value) is not int or value < 4:
        raise InvalidValueError(
            "label_length", value, "must be a whole number of at least 4", code="out-of-range"
        )
    return value


def draw_edges(
    ax: Axes,
    graph: nx.MultiDiGraph[str] | nx.DiGraph[str],
    positions: Mapping[str, Any],
    edges: Sequence[tuple[str, str]],
    *,
    color: str,
    style: str,
    width: float | Sequence[float],
    alpha: float = 0.7,
    rad: float = 0.1,
) -> None:
    """Draw ``edges`` as curved arrows that take no part in the figure's layout."""
    import networkx as nx

    drawn = nx.draw_networkx_edges(
        graph,
        positions,
        edgelist=list(edges),
        edge_color=color,
        style=style,
        width=width,
        alpha=alpha,
        connectionstyle=f"arc3,rad={rad}",
        arrows=True,
        arrowsize=8,
        node_size=_BODY,
        ax=ax,
    )
    for artist in drawn if isinstance(drawn, list) else [drawn]:
        artist.set_in_layout(False)
