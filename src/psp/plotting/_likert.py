"""Likert results as diverging stacked bars (private; the public names are in
:mod:`psp.plotting`).

One bar per row, each split into the shares of the scale's points, in scale order,
left to right. The bars are centred on the neutral point: half of it lies each side of
zero, the points below it to the left, those above to the right, so agreement reads
rightwards and disagreement leftwards (the standard diverging form; Robbins and
Heiberger, "Plotting Likert and other rating scales", 2011).
"""

from __future__ import annotations

import enum
import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from matplotlib import colormaps
from matplotlib.colors import to_hex
from matplotlib.ticker import FuncFormatter

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError
from psp._network.scales import Scale
from psp._network.survey import Response, Share, Survey
from psp.plotting._graph import new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["LIKERT_SCALE", "draw_likert"]

#: The five points of :class:`psp.Response` without "don't know", as a legend writes
#: them: from "strongly disagree" to "strongly agree".
LIKERT_SCALE: Final[tuple[str, ...]] = tuple(
    r.value.replace("-", " ") for r in Response if r is not Response.DONT_KNOW
)
_SCALE_RESPONSES: Final = tuple(r for r in Response if r is not Response.DONT_KNOW)
_NEUTRAL_COLOUR: Final = "#d9d9d9"
_SHOWN_FROM: Final = 8  # the least share, in percent, written on its segment
_WRAP: Final = 40  # characters per line of a row's label


class _Middle(enum.Enum):
    """The default neutral point: the scale's middle one, if it has one."""

    MIDDLE = "the middle point"


def _rows(rows: Mapping[str, Sequence[int]] | Survey) -> list[tuple[str, Sequence[int]]]:
    """``rows`` as (label, counts) pairs; a survey's statements by their text, with the
    counts of the five points of its scale."""
    if isinstance(rows, Survey):
        return [(s.text, [s.tally.count(r) for r in _SCALE_RESPONSES]) for s in rows.statements]
    if not isinstance(rows, Mapping):
        raise InvalidValueError(
            "rows",
            rows,
            "must be a mapping of labels to counts per scale point, or a Survey",
            code="wrong-type",
        )
    return [(_checks.text("rows key", label), counts) for label, counts in rows.items()]


def _scale(scale: Sequence[str]) -> tuple[str, ...]:
    if isinstance(scale, str) or not isinstance(scale, Sequence):
        raise InvalidValueError(
            "scale", scale, "must be a sequence of the points' labels", code="not-a-collection"
        )
    points = tuple(_checks.text(f"scale[{i}]", p) for i, p in enumerate(scale))
    if len(points) < 2:
        raise InvalidValueError(
            "scale", points, "must have at least two points", code="wrong-length"
        )
    for i, p in enumerate(points):
        if p in points[:i]:
            raise InvalidValueError(f"scale[{i}]", p, "is already a point", code="duplicate")
    return points


def _split(points: tuple[str, ...], neutral: str | _Middle | None) -> tuple[int, bool]:
    """How many points lie left of zero, and whether the next one is the neutral
    point, split across zero."""
    if neutral is _Middle.MIDDLE:
        return len(points) // 2, len(points) % 2 == 1
    if neutral is None:
        return len(points) // 2, False
    if neutral not in points:
        raise InvalidValueError(
            "neutral", neutral, "must be a point of the scale, or None", code="not-listed"
        )
    return points.index(neutral), True


def _counts(label: str, counts: Sequence[int], points: int) -> tuple[int, ...]:
    field = f"rows[{label!r}]"
    if isinstance(counts, str) or not isinstance(counts, Sequence):
        raise InvalidValueError(
            field, counts, "must be a sequence of counts per scale point", code="not-a-collection"
        )
    if len(counts) != points:
        raise InvalidValueError(
            field,
            tuple(counts),
            f"must have a count for each of the scale's {points} points",
            code="wrong-length",
        )
    return tuple(
        _checks.whole(f"{field}[{i}]", c, 0, _checks.MAX_COUNT) for i, c in enumerate(counts)
    )


def _colours(points: int, left: int, neutral: bool) -> list[str]:
    """Reds for the points left of zero, blues right, grey for the neutral point;
    deeper further from it."""
    cmap = colormaps["RdBu"]
    right = points - left - int(neutral)
    lows = [cmap(0.1 + 0.3 * i / max(left - 1, 1)) for i in range(left)]
    highs = [cmap(0.9 - 0.3 * i / max(right - 1, 1)) for i in reversed(range(right))]
    return [to_hex(c) for c in lows] + [_NEUTRAL_COLOUR] * int(neutral) + [to_hex(c) for c in highs]


def draw_likert(
    rows: Mapping[str, Sequence[int]] | Survey,
    ax: Axes | None = None,
    *,
    scale: Sequence[str] | Scale = LIKERT_SCALE,
    neutral: str | _Middle | None = _Middle.MIDDLE,
    title: str = "",
) -> Figure:
    """Draw Likert results as diverging stacked bars and return the figure.

    ``rows`` maps a label to its counts per point of ``scale``, in scale order: one bar
    per label, top to bottom in the mapping's order. The same form draws results by
    statement (``{"Partners are treated equally": [3, 5, 12, 26, 10], ...}``), by
    breakdown (``{"third sector": [...], "public sector": [...]}``) or by wave
    (``{"Year 1": [...], "Year 2": [...]}``). A :class:`psp.Survey` draws one bar per
    statement, labelled by its text, from its :class:`psp.Tally` s.

    Each bar shows the shares of its row's answers on the scale, as percentages of
    them: "don't know" is not on the default scale (:data:`LIKERT_SCALE`), so a
    survey's bars are shares of those who gave an opinion. Bars are centred on the
    ``neutral`` point, half of it each side of zero (by default the middle point of a
    scale with an odd number of points; ``None``, or a scale with an even number, puts
    zero between the scale's lower and upper halves). Each share of at least 8% is
    written on its segment, rounded as :attr:`psp.Share.percent` rounds; the number
    of answers, n, is written at the right of each bar. A row nobody answered has an
    empty bar and n=0. The legend lists the points in scale order.

    ``scale`` may be a :class:`psp.Scale` (a respondent survey's ``scale``): its points
    label the legend, and its neutral point (none on a scale of even length without
    one) is the default ``neutral``.

    ``ax`` is drawn on if given, else a new figure (not attached to pyplot).
    """
    if isinstance(scale, Scale):
        if neutral is _Middle.MIDDLE:
            neutral = scale.neutral
        scale = scale.points
    points = _scale(scale)
    left, split = _split(points, neutral)
    data = [(label, _counts(label, counts, len(points))) for label, counts in _rows(rows)]
    if not data:
        raise InvalidValueError("rows", rows, "must have at least one row", code="empty")
    fig, ax = new_axes(ax, (11, 1.6 + 0.45 * len(data)))
    colours = _colours(len(points), left, split)

    totals = [sum(c) for _, c in data]
    shares = [
        [100 * n / t if t else 0.0 for n in c] for (_, c), t in zip(data, totals, strict=True)
    ]
    starts = [-(sum(s[:left]) + (s[left] / 2 if split else 0.0)) for s in shares]
    ys = list(range(len(data)))
    offsets = list(starts)
    for i, point in enumerate(points):
        widths = [s[i] for s in shares]
        bars = ax.barh(
            ys,
            widths,
            left=offsets,
            height=0.65,
            color=colours[i],
            label=point,
            edgecolor="white",
            linewidth=0.5,
        )
        ax.bar_label(
            bars,
            labels=[
                f"{Share(c[i], t).percent}%" if t and s[i] >= _SHOWN_FROM else ""
                for (_, c), t, s in zip(data, totals, shares, strict=True)
            ],
            label_type="center",
            fontsize=7,
        )
        offsets = [o + w for o, w in zip(offsets, widths, strict=True)]
    reach = max([abs(s) for s in starts] + offsets + [10.0])
    limit = 10 * math.ceil(reach / 10)
    ax.set_xlim(-limit, limit)
    ax.axvline(0, color="#444444", linewidth=0.8, zorder=0.5)  # behind the bars
    ax.set_yticks(ys, [textwrap.fill(label, _WRAP) for label, _ in data])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}%"))
    ax.set_xlabel("share of answers")
    for y, t in zip(ys, totals, strict=True):
        ax.text(1.01, y, f"n={t}", transform=ax.get_yaxis_transform(), va="center", fontsize=7)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.07, 1), fontsize=8, frameon=False)
    ax.set_title(title)
    return fig
