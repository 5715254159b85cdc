"""Drawing ties weighted by a number on each edge, such as a relational survey's trust
scores (private; the public name is in :mod:`psp.plotting`)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from matplotlib.lines import Line2D

from psp._base.errors import InvalidValueError
from psp.plotting._graph import (
    Layout,
    checked_length,
    draw_edges,
    draw_nodes,
    frame,
    lay_out,
    new_axes,
)
from psp.plotting._labels import place_labels

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["draw_weighted_ties"]

_TIE_COLOUR: Final = "#08519c"
_UNSCORED: Final = "#aaaaaa"


def _value(u: str, v: str, weight: str, value: object) -> float | None:
    """An edge's weight as a float; ``None`` if it has none."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise InvalidValueError(
            f"graph.edges[{u!r}, {v!r}][{weight!r}]",
            value,
            "must be a number (or None)",
            code="not-a-number",
        )
    number = float(value)
    if not math.isfinite(number):
        raise InvalidValueError(
            f"graph.edges[{u!r}, {v!r}][{weight!r}]",
            value,
            "must be a finite number (or None)",
            code="not-a-number",
        )
    return number


def draw_weighted_ties(
    graph: nx.DiGraph[str] | nx.MultiDiGraph[str],
    weight: str = "weight",
    ax: Axes | None = None,
    *,
    widths: tuple[float, float] = (0.6, 6.0),
    pos: Mapping[str, Any] | None = None,
    seed: int = 7,
    layout: Layout = "auto",
    labels: bool = True,
    label_length: int | None = None,
    title: str | None = None,
) -> Figure:
    """Draw a directed graph's edges as arrows whose width grows with the number each
    carries under ``weight`` (such as a trust score), and return the figure.

    Widths run linearly from ``widths[0]`` points at the least value in the graph to
    ``widths[1]`` at the greatest (all at their mean if every value is the same); the
    legend gives the least, middle and greatest. A tie answered both ways is two
    arrows, curved apart. An edge without the attribute, or with ``None`` (an answer
    that gave no score), is a thin dotted grey arrow. Values may be whole numbers,
    floats or :class:`fractions.Fraction` s; anything else is refused.

    Nodes are drawn as :func:`draw_partner_graph` draws them (colour by sector, hollow
    if not a member), without role markers; ``pos``, ``seed``, ``layout``, ``labels``
    and ``label_length`` work as there. ``title`` defaults to the graph's ``name``.
    """
    if type(weight) is not str:
        raise InvalidValueError("weight", weight, "must be text", code="not-text")
    if not isinstance(widths, tuple | list) or len(widths) != 2:
        raise InvalidValueError(
            "widths",
            widths,
            "must be two numbers: the least width and the greatest",
            code="wrong-length",
        )
    low_width, high_width = widths
    for i, w in enumerate(widths):
        if isinstance(w, bool) or not isinstance(w, int | float) or not 0 < w <= 20:
            raise InvalidValueError(
                f"widths[{i}]", w, "must be a number of points from 0 to 20", code="out-of-range"
            )
    length = checked_length(label_length, graph.number_of_nodes())
    edges = [
        (str(u), str(v), _value(u, v, weight, d.get(weight))) for u, v, d in graph.edges(data=True)
    ]
    fig, ax = new_axes(ax, (10, 8))
    positions = lay_out(graph, layout, seed) if pos is None else dict(pos)
    frame(ax, positions)
    anchors, handles = draw_nodes(ax, graph, positions, roles=False, label_length=length)

    scored = [value for _, _, value in edges if value is not None]
    lo, hi = (min(scored), max(scored)) if scored else (0.0, 0.0)

    def width(value: float) -> float:
        if hi == lo:
            return (low_width + high_width) / 2
        return low_width + (value - lo) / (hi - lo) * (high_width - low_width)

    for value in dict.fromkeys((lo, (lo + hi) / 2, hi)) if scored else ():
        handles.append(
            Line2D([], [], color=_TIE_COLOUR, linewidth=width(value), label=f"{weight} {value:g}")
        )
    if len(scored) < len(edges):
        handles.append(Line2D([], [], color=_UNSCORED, linestyle="dotted", label=f"no {weight}"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1, 1), fontsize=8, frameon=False)
    ax.set_title(str(graph.graph.get("name", "")) if title is None else title)
    if labels:
        place_labels(ax, anchors, fontsize=7.0)
    with_value = [(u, v, value) for u, v, value in edges if value is not None]
    draw_edges(
        ax,
        graph,
        positions,
        [(u, v) for u, v, _ in with_value],
        color=_TIE_COLOUR,
        style="solid",
        width=[width(value) for _, _, value in with_value],
        alpha=0.6,
        rad=0.15,
    )
    draw_edges(
        ax,
        graph,
        positions,
        [(u, v) for u, v, value in edges if value is None],
        color=_UNSCORED,
        style="dotted",
        width=0.8,
        rad=0.15,
    )
    return fig
