"""Every analysis's result is strict JSON (docs/guarantees.md, "JSON-safe results"):
``json.dumps(result, allow_nan=False)`` encodes it as it is, and a value that is
undefined (an E-I index without ties, the constraint on an organisation without ties)
is ``None``, never ``nan``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp.testing import partnerships, portfolios, surveys

#: Each documented analysis of the partner graph, called with what it needs.
GRAPH_ANALYSES: dict[str, Callable[[nx.MultiDiGraph[str]], Any]] = {
    "link_density": psp.link_density,
    "degree_centralisation": psp.degree_centralisation,
    "link_kind_profile": psp.link_kind_profile,
    "multiplex_ties": psp.multiplex_ties,
    "lead_position": psp.lead_position,
    "burt_constraint": psp.burt_constraint,
    "effective_size": psp.effective_size,
    "brokerage": psp.brokerage,
    "ei_index": psp.ei_index,
    "ei_index of a group": lambda g: psp.ei_index(g, group="public"),
    "bridging_organisations": psp.bridging_organisations,
    "referral_reach": lambda g: {n: psp.referral_reach(g, n) for n in _organisations(g)},
    "referral_path": lambda g: [psp.referral_path(g, a, b) for a, b in _pairs(g)],
    "multiplexity": lambda g: [psp.multiplexity(g, a, b) for a, b in _pairs(g)],
}

#: Each documented analysis of a portfolio that returns rows or counts.
PORTFOLIO_ANALYSES: dict[str, Callable[[psp.Portfolio], Any]] = {
    "competing_bids": lambda f: f.competing_bids(),
    "composition": lambda f: f.composition(),
    "in_competing_bids": lambda f: f.in_competing_bids(),
    "overlaps": lambda f: f.overlaps(),
    "shared_members": lambda f: f.shared_members(),
    "unsigned_signatories": lambda f: f.unsigned_signatories(),
    "third_sector_by_reach": lambda f: f.third_sector_by_reach(),
    "partnerships_by_proposed_structure": lambda f: f.partnerships_by_proposed_structure(),
    "partnerships_by_public_body_kind": lambda f: f.partnerships_by_public_body_kind(),
    "partnerships_by_reimbursement": lambda f: f.partnerships_by_reimbursement(),
    "membership_count": lambda f: f.membership_count(),
    "with_service_user_partners": lambda f: f.with_service_user_partners(),
    "missing_public_bodies": lambda f: psp.missing_public_bodies(f, psp.Policy.rrcf()),
    "sector shares": lambda f: {s.value: f.sector_balance().share(s) for s in psp.Sector},
}


def _organisations(g: nx.MultiDiGraph[str]) -> list[str]:
    return [n for n in g.nodes if g.nodes[n].get("kind") == "organisation"]


def _pairs(g: nx.MultiDiGraph[str]) -> list[tuple[str, str]]:
    nodes = _organisations(g)[:4]
    return [(a, b) for a in nodes for b in nodes if a != b]


def strict_json(result: Any) -> str:
    return json.dumps(result, allow_nan=False)


class TestAnalysesAreStrictJson:
    @settings(max_examples=40, deadline=None)
    @given(portfolios(max_partnerships=2, max_organisations=5, max_links=3))
    def test_every_graph_and_portfolio_analysis_of_a_portfolio(self, f: psp.Portfolio) -> None:
        g = psp.partner_graph(f)
        for name, analysis in GRAPH_ANALYSES.items():
            assert strict_json(analysis(g)), name
        for name, of_portfolio in PORTFOLIO_ANALYSES.items():
            assert strict_json(of_portfolio(f)), name

    @settings(max_examples=40, deadline=None)
    @given(partnerships(max_organisations=5, max_steps=15))
    def test_every_graph_analysis_of_a_partnership(self, p: psp.Partnership) -> None:
        g = psp.partner_graph(p)
        for name, analysis in GRAPH_ANALYSES.items():
            assert strict_json(analysis(g)), name
        shares = {s.value: p.sector_balance().share(s) for s in psp.Sector}
        assert strict_json(shares)
        assert strict_json(psp.missing_public_bodies(p, psp.Policy.rrcf()))

    @given(surveys())
    def test_survey_results(self, survey: psp.Survey) -> None:
        assert strict_json(survey.results())
        assert strict_json(survey.results(exclude_dont_know=True))


class TestUndefinedIsNone:
    """Where an analysis has no value to give, it gives None (JSON null)."""

    def alone(self) -> nx.MultiDiGraph[str]:
        p = psp.Partnership("p", "P").join(psp.Partner("a", "A", "third"), on=date(2012, 4, 1))
        return psp.partner_graph(p)

    def test_an_e_i_index_without_ties(self) -> None:
        assert psp.ei_index(self.alone()) is None

    def test_the_lead_position_without_a_lead_or_ties(self) -> None:
        (row,) = psp.lead_position(self.alone())
        assert (row["share_of_ties"], row["betweenness"]) == (None, None)

    def test_structural_holes_of_an_organisation_without_ties(self) -> None:
        assert psp.burt_constraint(self.alone()) == {"a": None}
        assert psp.effective_size(self.alone()) == {"a": None}

    @given(st.sampled_from(list(psp.Sector)))
    def test_a_share_of_nobody_is_zero_as_documented(self, sector: psp.Sector) -> None:
        assert psp.SectorBalance.of([]).share(sector) == 0.0
