"""Render the Low Moss partner graph to docs/img/low_moss_graph.png.

Run it with ``python examples/render_graph.py`` (needs
``pip install "public-social-partnerships[plot]"``). The case study lists the members
and their roles but records no links between them, so the picture shows membership:
each organisation's ``member-of`` edge to the partnership, coloured by sector and
shaped by role.
"""

from __future__ import annotations

from pathlib import Path

import low_moss
import matplotlib

from psp import partner_graph
from psp.plotting import draw_partner_graph

OUT = Path(__file__).resolve().parent.parent / "docs" / "img" / "low_moss_graph.png"


def main() -> None:
    matplotlib.use("Agg")  # a file, not a window
    graph = partner_graph(low_moss.build(), include_partnerships=True)
    figure = draw_partner_graph(graph)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(OUT, dpi=110)
    print(f"Wrote {OUT} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


if __name__ == "__main__":
    main()
