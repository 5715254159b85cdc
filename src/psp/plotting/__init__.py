"""Pictures of partnerships with matplotlib (``pip install "public-social-partnerships[plot]"``).

An optional, public package: ``import psp`` never imports it, nor matplotlib.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from datetime import date
>>> from psp import Partner, Partnership, partner_graph
>>> from psp.plotting import draw_partner_graph
>>> p = Partnership("p", "A PSP").join(
...     Partner("a", "A charity", "third"), roles={"lead"}, on=date(2012, 4, 1))
>>> fig = draw_partner_graph(partner_graph(p, include_partnerships=True))
>>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
['third sector', 'partnership', 'lead', 'member-of']
"""

from __future__ import annotations

try:
    import matplotlib.figure  # noqa: F401
except ImportError as e:  # tested by hiding matplotlib
    raise ImportError(
        "psp.plotting draws with matplotlib, which is not installed: "
        "pip install 'public-social-partnerships[plot]'"
    ) from e

from psp.plotting._graph import (
    LARGE_GRAPH,
    ROLE_SHAPES,
    SECTOR_COLOURS,
    Layout,
    draw_partner_graph,
)
from psp.plotting._likert import LIKERT_SCALE, draw_likert
from psp.plotting._ties import draw_weighted_ties

__all__ = [
    "LARGE_GRAPH",
    "LIKERT_SCALE",
    "ROLE_SHAPES",
    "SECTOR_COLOURS",
    "Layout",
    "draw_likert",
    "draw_partner_graph",
    "draw_weighted_ties",
]
