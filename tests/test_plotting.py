"""psp.plotting's pictures, drawn with the Agg backend and checked for what they must
show (bars, labels, roles, widths), never by pixels; and the pictures the docs show,
made by examples/render_pictures.py."""

from __future__ import annotations

import importlib
import itertools
import re
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import matplotlib
import networkx as nx
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from psp import (
    InvalidValueError,
    Partner,
    Partnership,
    Scale,
    Statement,
    Survey,
    Tally,
    partner_graph,
)
from psp.plotting import (
    LARGE_GRAPH,
    LIKERT_SCALE,
    _graph,
    draw_likert,
    draw_partner_graph,
    draw_weighted_ties,
)
from psp.plotting._graph import lay_out

matplotlib.use("Agg")  # files, never windows (psp.plotting never imports pyplot)

ROOT = Path(__file__).resolve().parent.parent
D1 = date(2012, 10, 1)
LEAD = Partner("lead", "Lead charity", "third")
CJA = Partner(
    "cja", "Glasgow Community Justice Authority Partnership", "public", public_body_kind="cja"
)
FUNDER = Partner("funder", "A trust", "third")


def small() -> nx.MultiDiGraph[str]:
    p = (
        Partnership("p", "PSP P")
        .join(LEAD, roles={"lead", "provider", "support"}, on=D1)
        .join(CJA, roles={"strategic"}, on=D1)
        .add_organisation(FUNDER, on=D1)
        .link(CJA, LEAD, "strategic-link", on=D1)
        .link(FUNDER, LEAD, "funds", on=D1)
    )
    return partner_graph(p, include_partnerships=True)


def offsets(ax: Axes, gid: str) -> list[tuple[float, float]]:
    """Where the markers of the collection ``gid`` were drawn, in data coordinates."""
    [found] = [c for c in ax.collections if c.get_gid() == gid]
    return [tuple(o) for o in np.asarray(found.get_offsets()).tolist()]


def legend_of(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def labels_of(ax: Axes) -> dict[str, list[Any]]:
    """Each node's label texts, by node id."""
    found: dict[str, list[Any]] = {}
    for t in ax.texts:
        gid = t.get_gid() or ""
        if gid.startswith("label:"):
            found.setdefault(gid.removeprefix("label:"), []).append(t)
    return found


def overlapping(fig: Figure) -> list[tuple[str, str]]:
    """The pairs of node labels whose boxes overlap, as the figure is drawn."""
    fig.draw_without_rendering()
    boxes = {node: t.get_window_extent() for node, [t] in labels_of(fig.axes[0]).items()}
    return [(a, b) for (a, x), (b, y) in itertools.combinations(boxes.items(), 2) if x.overlaps(y)]


class TestPartnerGraph:
    """Colour by sector, a marker per role, a label per node; the layout by size."""

    def test_every_role_of_a_node_is_drawn_at_it(self) -> None:
        g = small()
        ax = draw_partner_graph(g).axes[0]
        lead = tuple(float(v) for v in offsets(ax, "nodes:third")[0])
        for role in ("lead", "provider", "support"):
            assert lead in offsets(ax, f"role:{role}")
        # The funder, known but not a member: hollow, with no role.
        assert offsets(ax, "role:none") == offsets(ax, "nodes:third:not-member")
        legend = legend_of(ax)
        assert legend == [
            "third sector",
            "public sector",
            "not a member",
            "partnership",
            "lead",
            "strategic",
            "provider",
            "support",
            "no role",
            "member-of",
            "strategic-link",
            "funds",
        ]
        assert ax.get_title() == "PSP P"

    def test_each_node_has_one_label_shortened_to_the_length_asked(self) -> None:
        ax = draw_partner_graph(small(), label_length=20).axes[0]
        found = labels_of(ax)
        assert sorted(found) == sorted(small().nodes)
        assert [t.get_text() for t in found["cja"]] == ["Glasgow Community…"]
        assert [t.get_text() for t in found["lead"]] == ["Lead charity"]

    def test_draws_on_given_axes_at_given_positions(self) -> None:
        fig = Figure()
        ax = fig.add_subplot()
        g = small()
        pos = {n: (float(i), float(i % 2)) for i, n in enumerate(g)}
        assert draw_partner_graph(g, ax, pos=pos, labels=False) is fig
        drawn = [
            o
            for c in ax.collections
            if str(c.get_gid()).startswith("nodes:")
            for o in np.asarray(c.get_offsets()).tolist()
        ]
        assert sorted(map(tuple, drawn)) == sorted(pos.values())
        assert labels_of(ax) == {}

    def test_the_same_graph_is_laid_out_the_same_way(self) -> None:
        def drawn() -> list[Any]:
            return offsets(draw_partner_graph(small(), labels=False).axes[0], "nodes:third")

        assert drawn() == drawn()

    def test_the_layout_is_chosen_by_size(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_graph, "LARGE_GRAPH", 4)  # a graph of 5 nodes is large here
        few, many = nx.path_graph(4), nx.path_graph(5)
        assert _same(lay_out(few, "auto", 7), lay_out(few, "arf", 7))
        assert not _same(lay_out(few, "auto", 7), lay_out(few, "spring", 7))
        assert _same(lay_out(many, "auto", 7), lay_out(many, "spring", 7))
        assert LARGE_GRAPH == 200

    def test_crowded_labels_still_do_not_overlap(self) -> None:
        """Twelve nodes on one spot of a small figure: no label fits near its node
        inside the axes, and the labels still find room apart."""
        g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        g.add_nodes_from((f"n{i}", {"name": f"Organisation number {i}"}) for i in range(12))
        fig = Figure(figsize=(3, 2))
        draw_partner_graph(g, fig.add_subplot(), pos=dict.fromkeys(g, (0.0, 0.0)))
        assert len(labels_of(fig.axes[0])) == 12
        assert overlapping(fig) == []
        assert fig.axes[0].lines  # labels moved away have a line back to their node

    def test_unknown_layout_and_bad_label_length_are_refused(self) -> None:
        with pytest.raises(InvalidValueError, match=r"^layout: must be one of auto, spring, arf"):
            draw_partner_graph(small(), layout="circle")  # type: ignore[arg-type]
        with pytest.raises(
            InvalidValueError, match=r"^label_length: must be a whole number of at least 4"
        ):
            draw_partner_graph(small(), label_length=3)

    def test_without_matplotlib_the_module_says_how_to_get_it(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delitem(sys.modules, "psp.plotting", raising=False)
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        with pytest.raises(ImportError, match=r"pip install 'public-social-partnerships\[plot\]'"):
            importlib.import_module("psp.plotting")


def _same(a: dict[Any, Any], b: dict[Any, Any]) -> bool:
    return a.keys() == b.keys() and all(np.allclose(a[k], b[k]) for k in a)


def bars(fig: Figure) -> list[BarContainer]:
    return [c for c in fig.axes[0].containers if isinstance(c, BarContainer)]


def spans(fig: Figure) -> list[tuple[float, float]]:
    """Each row's bar from its left end to its right end, top row first."""
    containers = bars(fig)
    rows = zip(*(c.patches for c in containers), strict=True)
    return [
        (round(float(r[0].get_x()), 6), round(float(r[-1].get_x() + r[-1].get_width()), 6))
        for r in rows
    ]


class TestLikert:
    """Diverging stacked bars: one bar per label, centred on the neutral point."""

    def check(self, fig: Figure, labels: list[str]) -> None:
        ax = fig.axes[0]
        assert [len(c) for c in bars(fig)] == [len(labels)] * len(LIKERT_SCALE)
        assert [t.get_text() for t in ax.get_yticklabels()] == labels
        assert legend_of(ax) == list(LIKERT_SCALE)

    def test_by_statement(self) -> None:
        rows = {
            "Partners are treated equally": [3, 5, 12, 26, 10],
            "Meetings are open": [0, 1, 6, 25, 24],
        }
        self.check(draw_likert(rows, title="By statement"), list(rows))

    def test_by_breakdown(self) -> None:
        rows = {
            "third sector": [1, 2, 3, 20, 10],
            "public sector": [2, 4, 6, 10, 2],
            "private sector": [0, 0, 1, 1, 0],
        }
        self.check(draw_likert(rows), list(rows))

    def test_by_wave(self) -> None:
        rows = {"Year 1": [4, 6, 10, 20, 10], "Year 2": [1, 3, 6, 25, 15]}
        fig = draw_likert(rows)
        self.check(fig, list(rows))
        n = [t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("n=")]
        assert n == ["n=50", "n=50"]

    def test_bars_are_centred_on_the_neutral_point(self) -> None:
        # shares 10, 10, 20, 30, 30: a tenth and a tenth and half the fifth to the left
        fig = draw_likert({"a": [1, 1, 2, 3, 3], "b": [0, 0, 4, 0, 0]})
        assert spans(fig) == [(-30.0, 70.0), (-50.0, 50.0)]
        written = [t.get_text() for t in fig.axes[0].texts if t.get_text().endswith("%")]
        assert written == ["10%", "10%", "20%", "100%", "30%", "30%"]

    def test_a_named_neutral_point_or_none(self) -> None:
        scale = ["poor", "fair", "good", "very good"]
        assert spans(draw_likert({"a": [1, 1, 1, 1]}, scale=scale)) == [(-50.0, 50.0)]
        fig = draw_likert({"a": [1, 1, 1, 1]}, scale=scale, neutral="fair")
        assert spans(fig) == [(-37.5, 62.5)]
        fig = draw_likert({"a": [2, 2, 2, 2, 2]}, neutral=None)
        assert spans(fig) == [(-40.0, 60.0)]

    def test_a_scale_gives_its_points_and_its_neutral_point(self) -> None:
        # a respondent survey's Scale as it is: its points label the legend, and its
        # neutral point (named, or none on an even scale) centres the bars
        skewed = Scale(["poor", "fair", "good", "very-good", "excellent"], neutral="fair")
        fig = draw_likert({"a": [1, 1, 1, 1, 1]}, scale=skewed)
        assert legend_of(fig.axes[0]) == list(skewed.points)
        assert spans(fig) == [(-30.0, 70.0)]
        even = Scale(["never", "rarely", "often", "always"])
        assert spans(draw_likert({"a": [1, 1, 1, 1]}, scale=even)) == [(-50.0, 50.0)]
        # neutral= given still decides
        fig = draw_likert({"a": [1, 1, 1, 1, 1]}, scale=skewed, neutral="good")
        assert spans(fig) == [(-50.0, 50.0)]

    def test_a_row_nobody_answered_is_an_empty_bar(self) -> None:
        fig = draw_likert({"answered": [1, 0, 0, 0, 1], "not": [0, 0, 0, 0, 0]})
        assert spans(fig) == [(-50.0, 50.0), (0.0, 0.0)]
        assert "n=0" in [t.get_text() for t in fig.axes[0].texts]

    def test_a_survey_draws_a_bar_per_statement_without_dont_know(self) -> None:
        survey = Survey(
            "s",
            "S",
            [
                Statement("t", "trust", "There is trust", Tally(agree=3, dont_know=1)),
                Statement("e", "equality", "Partners are equal", Tally(disagree=1, agree=1)),
            ],
        )
        fig = draw_likert(survey)
        self.check(fig, ["There is trust", "Partners are equal"])
        assert spans(fig) == [(0.0, 100.0), (-50.0, 50.0)]
        assert [t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("n=")] == [
            "n=3",
            "n=2",
        ]

    @pytest.mark.parametrize(
        ("rows", "kwargs", "message"),
        [
            (
                [1, 2],
                {},
                r"^rows: must be a mapping of labels to counts per scale point, or a Survey",
            ),
            ({}, {}, r"^rows: must have at least one row"),
            (
                {"a": [1, 2]},
                {},
                r"^rows\['a'\]: must have a count for each of the scale's 5 points "
                r"\(got \(1, 2\)\)",
            ),
            ({"a": "12345"}, {}, r"^rows\['a'\]: must be a sequence of counts per scale point"),
            ({"a": [1, 2, -3, 4, 5]}, {}, r"^rows\['a'\]\[2\]: must be a whole number from 0 to"),
            ({1: [1, 2, 3, 4, 5]}, {}, r"^rows key: must be text"),
            ({"a": [1, 2]}, {"scale": "ab"}, r"^scale: must be a sequence of the points' labels"),
            ({"a": [1]}, {"scale": ["one"]}, r"^scale: must have at least two points"),
            ({"a": [1, 2]}, {"scale": ["x", "x"]}, r"^scale\[1\]: is already a point"),
            (
                {"a": [1, 2]},
                {"scale": ["x", "y"], "neutral": "z"},
                r"^neutral: must be a point of the scale, or None",
            ),
        ],
    )
    def test_refusals(self, rows: Any, kwargs: dict[str, Any], message: str) -> None:
        with pytest.raises(InvalidValueError, match=message):
            draw_likert(rows, **kwargs)


def ties() -> nx.DiGraph[str]:
    g: nx.DiGraph[str] = nx.DiGraph(name="Trust")
    g.add_node("a", name="Alder", sector="third")
    g.add_node("b", name="Birch", sector="public")
    g.add_node("c", name="Cedar", sector="third")
    g.add_edge("a", "b", trust=Fraction(1))
    g.add_edge("b", "a", trust=3)
    g.add_edge("b", "c", trust=2.0)
    g.add_edge("c", "a", trust=None)
    g.add_edge("c", "b")
    return g


class TestWeightedTies:
    """Arrows as wide as the number each edge carries."""

    def test_width_grows_with_the_weight(self) -> None:
        fig = draw_weighted_ties(ties(), "trust", widths=(1.0, 5.0))
        ax = fig.axes[0]
        arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
        widths = [a.get_linewidth() for a in arrows]
        styles = [a.get_linestyle() for a in arrows]
        # a->b 1, b->a 3, b->c 2, then c->a and c->b with no score, dotted
        assert widths[:3] == [1.0, 5.0, 3.0]
        assert styles[3:] == ["dotted", "dotted"]
        legend = legend_of(ax)
        assert legend == [
            "third sector",
            "public sector",
            "trust 1",
            "trust 2",
            "trust 3",
            "no trust",
        ]
        assert ax.get_title() == "Trust"
        assert sorted(labels_of(ax)) == ["a", "b", "c"]

    def test_equal_weights_take_the_middle_width(self) -> None:
        g: nx.DiGraph[str] = nx.DiGraph()
        g.add_edges_from([("a", "b"), ("b", "a")], weight=2)
        ax = draw_weighted_ties(g, title="Same", labels=False).axes[0]
        assert [p.get_linewidth() for p in ax.patches] == [3.3, 3.3]
        assert legend_of(ax) == ["weight 2"]
        assert ax.get_title() == "Same"

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("high", r"^graph.edges\['a', 'b'\]\['w'\]: must be a number \(or None\)"),
            (True, r"^graph.edges\['a', 'b'\]\['w'\]: must be a number \(or None\)"),
            (float("nan"), r"^graph.edges\['a', 'b'\]\['w'\]: must be a finite number"),
        ],
    )
    def test_a_weight_that_is_not_a_number_is_refused(self, value: object, message: str) -> None:
        g: nx.DiGraph[str] = nx.DiGraph()
        g.add_edge("a", "b", w=value)
        with pytest.raises(InvalidValueError, match=message):
            draw_weighted_ties(g, "w")

    def test_bad_arguments_are_refused(self) -> None:
        with pytest.raises(InvalidValueError, match=r"^weight: must be text"):
            draw_weighted_ties(ties(), 1)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=r"^widths: must be two numbers"):
            draw_weighted_ties(ties(), widths=(1.0,))  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=r"^widths\[1\]: must be a number of points"):
            draw_weighted_ties(ties(), widths=(1.0, 0))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Figure]:
    """The pictures examples/render_pictures.py makes, written to a temporary folder."""
    import render_pictures  # examples/, on the path through tests/conftest.py

    return render_pictures.render(tmp_path_factory.mktemp("img"), dpi=30)  # a small file


class TestDocsPictures:
    """examples/render_pictures.py makes every picture the docs show; the 50-node
    drawing among them has one label per node and no two overlapping."""

    def test_every_picture_the_docs_show_is_made_by_the_script(
        self, rendered: dict[Path, Figure]
    ) -> None:
        shown = {
            name
            for page in ("graph.md", "survey.md")
            for name in re.findall(r"\]\(img/([\w.-]+\.png)\)", (ROOT / "docs" / page).read_text())
        }
        made = {path.name for path in rendered}
        assert (
            shown
            == made
            == {"low_moss_graph.png", "portfolio_graph.png", "survey_likert.png", "trust_ties.png"}
        )
        for path in rendered:
            assert path.read_bytes().startswith(b"\x89PNG")
            assert (ROOT / "docs" / "img" / path.name).is_file()

    def test_the_fifty_node_drawing_has_a_label_per_node_and_none_overlap(
        self, rendered: dict[Path, Figure]
    ) -> None:
        [fig] = [f for p, f in rendered.items() if p.name == "portfolio_graph.png"]
        found = labels_of(fig.axes[0])
        assert len(found) >= 50
        assert all(len(texts) == 1 for texts in found.values())
        assert overlapping(fig) == []
