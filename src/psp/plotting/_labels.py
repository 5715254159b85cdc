"""Node labels that do not collide: shortened, offset from their node, and placed where
no other label is (private; :func:`psp.plotting.draw_partner_graph` and
:func:`psp.plotting.draw_weighted_ties` use it).

Labels are placed in display space (pixels), with the extents the renderer gives, one
at a time: each tries positions around its node, nearest first (right, left, above,
below, then the diagonals, on rings further and further out), and takes the first
whose box overlaps no label already placed, no node and stays inside the axes. If a
few rings find none, the rings go on without the nodes and the axes, and end once a
ring is clear of every label placed, which a ring far enough out always is: no two
labels overlap, whatever the graph. A label moved away from its node gets a thin
leader line back to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final, NamedTuple

from matplotlib.lines import Line2D

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.transforms import Transform

#: Directions tried around a node, in order: right, left, above, below, the diagonals.
_ANGLES: Final = tuple(math.radians(a) for a in (0, 180, 90, 270, 30, 150, 210, 330, 60, 300))
#: Rings tried with every constraint (labels, nodes, the axes) before only labels count.
_STRICT_RINGS: Final = 10
#: Pixels kept between two boxes.
_PAD: Final = 2.0

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels


class Anchor(NamedTuple):
    """A label to place: its node's id (the text's gid is ``label:`` + it), the text,
    where the node is (data coordinates) and the half-width and half-height of what is
    drawn there (points), which no label may cover."""

    node: str
    text: str
    x: float
    y: float
    half_width: float
    half_height: float
    below: float  # points the node's drawing reaches below its centre (role markers)


def shorten(name: str, limit: int) -> str:
    """``name`` if it has at most ``limit`` characters, else its first words that fit
    (or its first characters, if one word is too long) and an ellipsis; a short last
    word (a number, say) is kept after the ellipsis, since it often tells names apart.

    >>> shorten("Glasgow Council on Alcohol", 20)
    'Glasgow Council on…'
    >>> shorten("National third-sector organisation 01", 26)
    'National third-sector… 01'
    >>> shorten("Supercalifragilistic", 8)
    'Superca…'
    """
    if len(name) <= limit:
        return name
    head, _, last = name.rpartition(" ")
    tail = f" {last}" if head and len(last) <= limit // 4 else ""
    room = limit - 1 - len(tail)
    cut = name[:room]
    space = cut.rfind(" ")
    if space >= room // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…" + tail


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(
    cx: float, cy: float, half_w: float, half_h: float, step: float
) -> Iterator[tuple[int, float, float]]:
    """Centres for a label of ``half_w`` by ``half_h`` around a node at ``(cx, cy)``,
    ring by ring (the ring's number first), each ring ``step`` pixels further out."""
    ring = 0
    while True:
        gap = _PAD + ring * step
        for angle in _ANGLES:
            dx, dy = math.cos(angle), math.sin(angle)
            yield ring, cx + dx * (gap + half_w), cy + dy * (gap + half_h)
        ring += 1


def place_labels(ax: Axes, anchors: Sequence[Anchor], *, fontsize: float) -> list[Text]:
    """Write each anchor's text near its node where it collides with nothing (see the
    module's notes) and return the texts, in the anchors' order.

    The figure's layout is computed first (``draw_without_rendering``), so the axes are
    where they will be drawn; the texts and leader lines take no part in the layout,
    so placing them moves nothing. Call it once the axes' limits are fixed.
    """
    figure = root_figure(ax)
    figure.draw_without_rendering()
    to_pixels = ax.transData
    from_pixels = to_pixels.inverted()
    points = figure.dpi / 72
    frame = ax.get_window_extent()
    inside: Box = (frame.x0, frame.y0, frame.x1, frame.y1)

    nodes: list[Box] = []
    centres: list[tuple[float, float]] = []
    for a in anchors:
        cx, cy = (float(v) for v in to_pixels.transform((a.x, a.y)))
        centres.append((cx, cy))
        hw, hh, below = a.half_width * points, a.half_height * points, a.below * points
        nodes.append((cx - hw, cy - max(hh, below), cx + hw, cy + hh))

    placed: list[Box] = []
    texts: list[Text] = []
    for a, (cx, cy), node in zip(anchors, centres, nodes, strict=True):
        text = ax.text(
            a.x, a.y, a.text, fontsize=fontsize, ha="center", va="center", gid=f"label:{a.node}"
        )
        text.set_in_layout(False)
        extent = text.get_window_extent()
        # Where the box sits relative to the point the text is written at.
        half_w, half_h = extent.width / 2 + _PAD, extent.height / 2 + _PAD
        off_x, off_y = (extent.x0 + extent.x1) / 2 - cx, (extent.y0 + extent.y1) / 2 - cy
        node_hw, node_hh = (node[2] - node[0]) / 2, (node[3] - node[1]) / 2
        node_mid = (node[1] + node[3]) / 2
        ring, box = _spot(
            placed,
            nodes,
            inside,
            (cx, node_mid, half_w, half_h),
            (node_hw, node_hh, max(extent.height, 6.0)),
        )
        placed.append(box)
        x, y = (box[0] + box[2]) / 2 - off_x, (box[1] + box[3]) / 2 - off_y
        text.set_position(tuple(from_pixels.transform((x, y))))
        if ring > 0:
            _leader(ax, (cx, cy), box, from_pixels)
        texts.append(text)
    return texts


def root_figure(ax: Axes) -> Figure:
    """The figure ``ax`` is drawn in (the outermost one, if it is in a subfigure)."""
    return ax.figure.figure


def _spot(
    placed: Sequence[Box],
    nodes: Sequence[Box],
    inside: Box,
    label: tuple[float, float, float, float],
    node: tuple[float, float, float],
) -> tuple[int, Box]:
    """The first box for a label (centred at ``label[:2]`` when on its node, of half
    sizes ``label[2:]``) that no placed label overlaps and, on the first rings, no node
    either, inside the axes; with the ring it is on."""
    cx, cy, half_w, half_h = label
    node_hw, node_hh, step = node
    for ring, x, y in _candidates(cx, cy, half_w + node_hw, half_h + node_hh, step):
        box = (x - half_w, y - half_h, x + half_w, y + half_h)
        if any(_overlaps(box, other) for other in placed):
            continue
        if ring < _STRICT_RINGS and (
            any(_overlaps(box, other) for other in nodes) or not _within(box, inside)
        ):
            continue
        return ring, box
    raise AssertionError("unreachable: the rings never end")  # pragma: no cover


def _within(box: Box, frame: Box) -> bool:
    return frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]


def _leader(ax: Axes, node: tuple[float, float], box: Box, from_pixels: Transform) -> None:
    """A thin line from a node to the nearest edge of its label's box."""
    x = min(max(node[0], box[0]), box[2])
    y = min(max(node[1], box[1]), box[3])
    (x0, y0), (x1, y1) = from_pixels.transform([node, (x, y)])
    line = Line2D([x0, x1], [y0, y1], color="#999999", linewidth=0.5, zorder=0.5)
    line.set_in_layout(False)
    ax.add_line(line)
