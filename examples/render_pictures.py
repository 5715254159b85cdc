"""Render the pictures the docs show into docs/img/.

Run it with ``python examples/render_pictures.py`` (needs
``pip install "public-social-partnerships[plot]"``); ``tests/test_plotting.py`` runs the
same :func:`render` into a temporary folder and checks that it makes every picture the
docs show. The pictures:

- ``low_moss_graph.png``: the Low Moss partner graph. The case study lists the members
  and their roles but records no links between them, so the picture shows membership:
  each organisation's ``member-of`` edge to the partnership, coloured by sector, with a
  marker per role;
- ``portfolio_graph.png``: the first six partnerships of the example portfolio
  (51 organisations and the links between them), the size at which the drawing must
  still read;
- ``survey_likert.png``: the example portfolio's PSP survey as diverging stacked bars;
- ``trust_ties.png``: ties weighted by trust among Low Moss's members. The case study
  reports no relational survey: the scores in :data:`TRUST` are ILLUSTRATIVE, made up to
  show the drawing, on the PARTNER tool's scale of 1 to 4.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import low_moss
import matplotlib
import networkx as nx
import rrcf_portfolio

from psp import partner_graph
from psp.plotting import draw_likert, draw_partner_graph, draw_weighted_ties

if TYPE_CHECKING:
    from matplotlib.figure import Figure

OUT = Path(__file__).resolve().parent.parent / "docs" / "img"
#: How many of the example portfolio's partnerships the portfolio picture shows.
PORTFOLIO_SAMPLE = 6
#: ILLUSTRATIVE trust scores (1 to 4) one Low Moss member gave another; ``None``: an
#: answer that rated no dimension of trust.
TRUST: list[tuple[str, str, Fraction | None]] = [
    ("tps", "sacro", Fraction(11, 3)),
    ("sacro", "tps", Fraction(10, 3)),
    ("tps", "wise-group", Fraction(3)),
    ("wise-group", "tps", Fraction(8, 3)),
    ("tps", "hmp-low-moss", Fraction(4)),
    ("hmp-low-moss", "tps", Fraction(11, 3)),
    ("tps", "families-outside", Fraction(10, 3)),
    ("families-outside", "tps", Fraction(3)),
    ("tps", "glasgow-cc", Fraction(7, 3)),
    ("glasgow-cc", "tps", Fraction(8, 3)),
    ("sacro", "hmp-low-moss", Fraction(3)),
    ("wise-group", "jcp", Fraction(2)),
    ("jcp", "wise-group", Fraction(5, 3)),
    ("alternatives-wd", "east-dunbartonshire", Fraction(10, 3)),
    ("action-for-children", "families-outside", Fraction(3)),
    ("nhs-ggc", "tps", Fraction(7, 3)),
    ("glasgow-cja", "tps", None),
]


def trust_graph() -> nx.DiGraph[str]:
    """Low Moss's members, and a tie from each rater to each partner it rated, with
    the (illustrative) ``trust`` score of :data:`TRUST`."""
    members = partner_graph(low_moss.build())
    graph: nx.DiGraph[str] = nx.DiGraph(name="Trust among Low Moss's partners (illustrative)")
    graph.add_nodes_from(members.nodes(data=True))
    for rater, rated, trust in TRUST:
        graph.add_edge(rater, rated, trust=trust)
    return graph


def pictures() -> dict[str, Figure]:
    """Each picture the docs show, by its file's name."""
    portfolio = rrcf_portfolio.build()
    sample = [p.id for p in portfolio.partnerships[:PORTFOLIO_SAMPLE]]
    return {
        "low_moss_graph.png": draw_partner_graph(
            partner_graph(low_moss.build(), include_partnerships=True)
        ),
        "portfolio_graph.png": draw_partner_graph(partner_graph(portfolio, partnerships=sample)),
        "survey_likert.png": draw_likert(
            rrcf_portfolio.survey(), title="The PSP survey: how far partners agreed"
        ),
        "trust_ties.png": draw_weighted_ties(trust_graph(), "trust"),
    }


def render(out: Path = OUT, dpi: int = 90) -> dict[Path, Figure]:
    """Write each picture to ``out`` at ``dpi`` and return them by path."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, figure in pictures().items():
        figure.savefig(out / name, dpi=dpi)
        written[out / name] = figure
    return written


def main() -> None:
    matplotlib.use("Agg")  # files, not windows
    for path in render():
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()
